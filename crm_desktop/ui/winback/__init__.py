"""The win-back page: formerly valuable customers who stopped buying, and why they stopped."""
