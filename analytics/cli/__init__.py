"""`python -m analytics`: the parser and one module per command group."""
