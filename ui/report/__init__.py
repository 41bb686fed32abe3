"""The meeting report drawn from analytics/report's content: the same figures as the pages
(presenter style), written as PowerPoint, self-contained HTML or PDF."""
