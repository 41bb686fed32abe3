"""Data page: upload, column mapping, dataset manager."""
