"""One answer in a list: its key, a mark, and the label, whose wrapped lines stay indented.

A Rich grid rather than plain text, so a long label that wraps lines up under itself, not
under the key: `3  [ ] I have taken steroid tablets ... for 3 months` / `       or more`.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def choice_prompt(key: str, mark: str, label: str) -> Table:
    """`key  mark label`; `mark` may be "" (a plain choice), "●" (the answer given) or a tick box."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=max(len(key), 1) + 1, no_wrap=True)
    if mark:
        grid.add_column(width=len(mark), no_wrap=True)
    grid.add_column(ratio=1)
    cells = [Text(key, style="bold")] + ([Text(mark, style="bold")] if mark else []) + [Text(label)]
    grid.add_row(*cells)
    return grid
