"""The headless core of triage-tui.

Nothing under this package may import textual or rich (a subprocess test checks it): the CLI,
the benchmarks and any other front end use the core without paying for a UI toolkit.
"""
