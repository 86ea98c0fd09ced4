"""triage-tui: a safe start for the 90/90 hip stretch with low back pain."""

__version__ = "0.1.0"
