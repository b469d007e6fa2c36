"""The product catalogue and price lists in the window."""
