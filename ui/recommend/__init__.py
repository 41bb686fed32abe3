"""The Recommendations page: columns, cached rules and recommenders, their views and figures."""
