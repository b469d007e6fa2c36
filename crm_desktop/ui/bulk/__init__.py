"""Bulk edits of many customers: change selected, hand over."""
