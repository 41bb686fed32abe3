"""Recommendations from an order-line log: what sells together (association rules) and what
each customer should be offered next (popularity, item-item cosine, ALS), evaluated on a time
split."""
