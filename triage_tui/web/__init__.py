"""The browser face: `triage-tui serve` runs the app in a web page through textual-serve.

Each browser tab gets its own app process (the same TUI, drawn by xterm.js in the page) on the
same data folder. Nothing here is imported unless `serve` runs; textual-serve is an optional
extra (`pip install 'triage-tui[web]'`).
"""
