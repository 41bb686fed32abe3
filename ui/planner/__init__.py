"""ROI planner page: choices, cached fits, figures."""
