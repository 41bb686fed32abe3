"""What drives a metric: regression models compared on folds, explained with SHAP."""
