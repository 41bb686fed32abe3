"""Customers: RFM segments, lifetime value (BG/NBD and Gamma-Gamma), purchase propensity and an
offer for each segment, from an order log or a customer table."""
