"""Overview and Campaign lift pages: controls, results, checks."""
