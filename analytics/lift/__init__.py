"""Campaign lift over a counterfactual baseline, its checks, and the ROI that follows."""
