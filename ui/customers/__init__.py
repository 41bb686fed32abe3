"""The Customers page: column choices, cached analyses, figures and the targeting list."""
