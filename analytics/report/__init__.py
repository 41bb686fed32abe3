"""The meeting report's content as plain data: what the pages would show of one dataset, gathered
in one call for the renderers (ui/report) to turn into slides, HTML or PDF."""
