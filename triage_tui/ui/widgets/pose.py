"""A pose picture (text art from the rules) with its one-line description under it.

The art is text, never markup. When it does not fit (the widget is narrower than the picture,
or the screen is shorter than `min_screen_height`), the description is shown alone, without
the word "Picture:" (there is none to see), or, where the page already says the same in its
own words (the session page), nothing is shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from triage_tui.core.session.phase_pose import snapshot_picture
from triage_tui.core.session.poses import Picture
from triage_tui.core.session.snapshot import Snapshot


class PoseView(Vertical):
    """The picture of one step, for one side, and what it shows in words."""

    DEFAULT_CSS = """
    PoseView {
        height: auto;
        width: 1fr;
        .pose-art {
            width: auto;
            height: auto;
            text-wrap: nowrap;  /* wrapping would drop the leading spaces that place the lines */
            text-overflow: clip;
            color: $text-accent;
        }
        .pose-says {
            height: auto;
            color: $text-muted;
            text-style: italic;
        }
        &.-none {
            display: none;
        }
    }
    """

    def __init__(self, picture: Picture | None = None, *, min_screen_height: int = 0, words_alone: bool = True,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.picture = picture
        self.min_screen_height = min_screen_height
        """Below this many screen rows the art is hidden."""
        self.words_alone = words_alone
        """Without the art, keep the description (True) or hide the whole view (False)."""
        self.art = Static("", classes="pose-art", markup=False)
        self.says = Static("", classes="pose-says", markup=False)

    def compose(self) -> ComposeResult:
        yield self.art
        yield self.says

    def on_mount(self) -> None:
        self.screen.screen_layout_refresh_signal.subscribe(self, self._fit)
        self.show(self.picture)

    def show(self, picture: Picture | None) -> None:
        """Draw another picture (or none); unchanged pictures cost nothing."""
        if picture == self.picture and self.art.content:
            return
        self.picture = picture
        self.set_class(picture is None, "-none")
        if picture is not None:
            self.art.update(picture.text)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self, _screen: Screen[object] | None = None) -> None:
        picture = self.picture
        if picture is None or not self.is_mounted:
            return
        wide_enough = self.size.width == 0 or self.size.width >= picture.width
        tall_enough = self.screen.size.height >= self.min_screen_height
        fits = wide_enough and tall_enough
        if self.art.display != fits:
            self.art.display = fits
        words = f"Picture: {picture.says}" if fits else picture.says
        if str(self.says.content) != words:
            self.says.update(words)
        self.set_class(not fits and not self.words_alone, "-none")


SESSION_MIN_HEIGHT = 30
"""The session page shows the picture only on a screen this tall: below it the countdown, the
words and the keys come first. Its description goes too: the instruction above it already says
what to do, and a row is worth more there than words about a picture that is not shown."""


def show_pose(area: Widget, snap: Snapshot) -> None:
    """Show the pose for a session moment in `area` (a container left for it on the session
    page): the phase's step, for the side being stretched. Mounts the view the first time."""
    picture = snapshot_picture(snap)
    views = area.query_children(PoseView)
    if views:
        views.first().show(picture)
    elif picture is not None:
        area.mount(PoseView(picture, min_screen_height=SESSION_MIN_HEIGHT, words_alone=False))
