"""Deals (商机): the board, the list, the customer's Deals tab and the stages setting."""
