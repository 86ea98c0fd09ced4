"""Model of a pose picture in `exercise.toml`: `[[pose]]`, text art for one step of the stretch.

Pictures are plain ASCII text art, so they work the same in the full-screen app, in plain mode,
with NO_COLOR and in the browser, need no image library, and can be mirrored in code for the
other side (see `core.session.poses`). Each is drawn for the LEFT side (left leg in front, or
knees tipped to the left); the right side is its mirror image, never stored.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from triage_tui.core.rules.compile import art_lines
from triage_tui.core.rules.schema_base import Id, Strict

ART_WIDTH = 30
"""Widest line of a picture: fits a 40-column terminal with the page's margins and scroll bar."""
ART_HEIGHT = 8
"""Most lines in a picture: leaves room for the countdown on a 24-line session screen."""
SAYS_LENGTH = 120
"""Longest description: one line for a screen reader or plain mode."""


def art_problem(art: str) -> str | None:
    """Why `art` cannot be a picture (None when it can): printable ASCII and newlines only,
    at most ART_WIDTH by ART_HEIGHT, and something drawn."""
    for number, char in enumerate(art):
        if char != "\n" and not " " <= char <= "~":
            where = f"line {art.count(chr(10), 0, number) + 1}"
            return (f"{where}: character {char!r} is not allowed (only printable ASCII: no tabs, "
                    f"control characters or escape sequences, so the picture can be mirrored)")
    lines = art_lines(art)
    if not any(line.strip() for line in lines):
        return "the picture is empty"
    if len(lines) > ART_HEIGHT:
        return f"the picture has {len(lines)} lines; at most {ART_HEIGHT} fit"
    widest = max(len(line) for line in lines)
    if widest > ART_WIDTH:
        return f"the picture is {widest} characters wide; at most {ART_WIDTH} fit"
    return None


class PoseSpec(Strict):
    """A picture of one step, drawn for the LEFT side; or a note that a modification leaves the
    step's picture as it is (`unchanged = true`)."""

    step: Id
    """The step shown: a `[[step]]` id, or a `new_step` that a modification inserts."""
    mods: list[Id] = []
    """The modifications this picture is for, all of them needed (usually one); omit for the
    standard stretch. When several pictures fit a person's modifications, the one naming the
    most wins, then one whose modification sets the position (never a floor picture on a bench),
    then the first in the catalogue's order (it runs from the biggest change of pose down)."""
    says: str = Field(default="", max_length=SAYS_LENGTH)
    """What the picture shows, in one line of plain words (read by plain mode and screen
    readers instead of the picture)."""
    art: str = ""
    """The picture as text art: printable ASCII only, at most 30 characters wide and 8 lines.
    Direction characters / \\ ( ) < > [ ] { } are swapped when it is mirrored."""
    unchanged: bool = False
    """The modification in `mods` changes the words of this step but not its pose: no new picture."""

    @model_validator(mode="after")
    def _picture_or_unchanged(self) -> PoseSpec:
        if self.unchanged:
            if self.art or self.says:
                raise ValueError("unchanged = true takes no art or says")
            if len(self.mods) != 1:
                raise ValueError("unchanged = true needs the one modification it is about in mods")
            return self
        if not self.art or not self.says.strip():
            raise ValueError("a pose needs art and says (or unchanged = true)")
        if "\n" in self.says or not all(" " <= c <= "~" or c > "\x9f" for c in self.says):
            raise ValueError("says must be one line of text, without control characters")
        problem = art_problem(self.art)
        if problem is not None:
            raise ValueError(f"art: {problem}")
        return self
