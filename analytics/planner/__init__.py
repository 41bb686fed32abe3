"""ROI planner: response curves, elasticities, what-if, budget split, track record."""
