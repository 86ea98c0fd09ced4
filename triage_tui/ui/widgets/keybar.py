"""The key bar at the bottom of every screen: the keys that work now, and what they do.

It shows the same bindings Textual's `Footer` would (the screen's active bindings with
`show=True`, inapplicable ones dimmed), drawn as one line of text. The stock Footer builds a
widget per key; on a screen per question that was three quarters of the time to show the next
question (measured with Pilot), so this draws them all at once. Clicking a key presses it.

It fits by priority, never cutting a word: Quit and Help are always shown, at the end; the
other keys in the order the screen declares them, as many as the width allows. A key whose
action or words are already listed is not listed again. `?` (Help) lists every key.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


ALWAYS = ("Quit", "Help")
"""Descriptions of the keys that are always shown, in this order, at the end of the bar."""


class KeyBar(Widget):
    """One line of `key description` pairs for the current screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keybar--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str, bool]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def keys(self) -> list[tuple[str, Binding, bool]]:
        """The keys to list, each once: (key, binding, enabled), in the order of priority."""
        listed: list[tuple[str, Binding, bool]] = []
        seen: set[str] = set()
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            words = binding.description.casefold()
            if not binding.show or binding.action in seen or words in seen:
                continue
            seen.update((binding.action, words))
            listed.append((key, binding, enabled))
        pinned = [k for name in ALWAYS for k in listed if k[1].description == name]
        return [k for k in listed if k not in pinned] + pinned

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled", partial=True)
        items = [(key, binding, enabled, f" {self.app.get_key_display(binding)} ", f"{binding.description} ")
                 for key, binding, enabled in self.keys()]
        room = self.size.width - sum(cell_len(k + d) for _, b, _, k, d in items if b.description in ALWAYS)
        shown = []
        for item in items:
            width = cell_len(item[3] + item[4])
            if item[1].description in ALWAYS:
                shown.append(item)
            elif width <= room:
                shown.append(item)
                room -= width
            else:
                room = 0  # keep the order: a later, shorter key does not jump ahead
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for key, _binding, enabled, shown_key, words in shown:
            start = len(text)
            dim = disabled_style if not enabled else None
            text.append(shown_key, key_style + dim)
            text.append(words, description_style + dim)
            self._spans.append((start, len(text), key, enabled))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
