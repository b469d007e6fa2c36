"""The value analysis where people look: the dashboard page, the line on the card, the list columns."""
