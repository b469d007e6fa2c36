"""Quotes (报价单): the quote dialog, its files and the company details printed on them."""
