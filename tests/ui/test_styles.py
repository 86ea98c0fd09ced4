"""Each screen's stylesheet styles that screen only.

Textual applies a screen's CSS_PATH file to the whole app once the screen has been shown. So a
rule there that does not start with the screen's type also styles other screens, but only after
that screen was shown: a page looked different depending on what came before it. These tests read
the .tcss files as text (nesting resolved the way Textual does) and run no app.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from pathlib import Path, PurePath

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import triage_tui.ui.screens as screens_package
from triage_tui.ui.app import TriageApp

STYLES = Path(screens_package.__file__).resolve().parent.parent / "styles"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
LEADING_TYPE = re.compile(r"[A-Za-z_][\w-]*")
ID = re.compile(r"#([\w-]+)")


def _css_paths(owner: type) -> list[Path]:
    """The stylesheets `owner` loads, resolved as Textual does (relative to its module)."""
    css_path = owner.CSS_PATH
    if css_path is None:
        return []
    paths = [css_path] if isinstance(css_path, (str, PurePath)) else list(css_path)
    base = Path(inspect.getfile(owner)).parent
    return [(base / path).resolve() for path in paths]


def _screen_classes() -> list[type[Screen]]:
    """Every screen (and dialog) class defined in triage_tui.ui.screens."""
    found: list[type[Screen]] = []
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        found += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, Screen) and cls.__module__ == module.__name__]
    return found


SCREENS = _screen_classes()
CONCRETE = {cls.__name__ for cls in SCREENS
            if not any(other is not cls and issubclass(other, cls) for other in SCREENS)}
"""Screen types that scope a rule to one page; a base such as StepScreen matches every page."""
APP_FILES = {path.name for path in _css_paths(TriageApp)}
LOADERS: dict[str, set[str]] = defaultdict(set)
"""Screen stylesheet name -> the screen types that load it."""
for _screen in SCREENS:
    for _path in _css_paths(_screen):
        if _path.parent == STYLES and _path.name not in APP_FILES:
            LOADERS[_path.name].add(_screen.__name__)


def rules(path: Path) -> list[list[str]]:
    """Each rule set's selectors in `path`, nesting resolved (`&` joins the parent, else a space)."""
    text = COMMENT.sub("", path.read_text())
    found: list[list[str]] = []
    stack: list[list[str]] = [[""]]
    pending = ""
    for char in text:
        if char == "{":
            head = pending.rsplit(";", 1)[-1]  # declarations may come before a nested rule
            selectors = [_nest(parent, " ".join(child.split()))
                         for parent in stack[-1] for child in head.split(",")]
            assert all(selectors), f"{path.name}: empty selector in {head.strip()!r}"
            found.append(selectors)
            stack.append(selectors)
            pending = ""
        elif char == "}":
            assert len(stack) > 1, f"{path.name}: unbalanced braces"
            stack.pop()
            pending = ""
        else:
            pending += char
    assert len(stack) == 1, f"{path.name}: unbalanced braces"
    return found


def _nest(parent: str, child: str) -> str:
    if not parent or not child:
        return child
    return child.replace("&", parent) if "&" in child else f"{parent} {child}"


def scope(selector: str) -> str | None:
    """The type a selector starts with (`QuestionScreen.-narrow #page` -> QuestionScreen)."""
    match = LEADING_TYPE.match(selector)
    return match.group() if match else None


def test_the_stylesheets_are_found() -> None:
    """Guards the tests below against passing because they found nothing to check."""
    assert APP_FILES, "the App loads no stylesheet"
    assert LOADERS, "no screen loads a stylesheet from triage_tui/ui/styles"
    unused = {path.name for path in STYLES.glob("*.tcss")} - APP_FILES - set(LOADERS)
    assert not unused, f"stylesheets neither the App nor any screen loads: {sorted(unused)}"


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_rule_in_a_screen_stylesheet_starts_with_a_screen_that_loads_it(name: str) -> None:
    owners = LOADERS[name]
    unscoped = sorted({selector for rule in rules(STYLES / name) for selector in rule
                       if scope(selector) not in owners})
    assert not unscoped, (
        f"{name} is loaded by {sorted(owners)}, but these rules would style every screen once it "
        f"is loaded; start each with the type of a screen that uses it: {unscoped}")


def test_no_id_is_styled_unscoped_in_more_than_one_stylesheet() -> None:
    files: dict[str, set[str]] = defaultdict(set)
    for path in sorted(STYLES.glob("*.tcss")):
        for rule in rules(path):
            for selector in rule:
                if scope(selector) not in CONCRETE:
                    for ident in ID.findall(selector):
                        files[ident].add(path.name)
    shared = {f"#{ident}": sorted(names) for ident, names in files.items() if len(names) > 1}
    assert not shared, f"ids styled app-wide in more than one stylesheet: {shared}"


@pytest.mark.parametrize("path", sorted(STYLES.glob("*.tcss")), ids=lambda path: path.name)
def test_textual_parses_each_stylesheet_as_this_test_reads_it(path: Path) -> None:
    """Textual reads the file without errors, to the same selectors as `rules` above."""
    stylesheet = Stylesheet(variables=App().get_css_variables())
    stylesheet.add_source(path.read_text(), read_from=(str(path), ""))
    stylesheet.parse()  # raises StylesheetParseError on any error
    parsed = {selector for rule in stylesheet.rules for selector in rule.selectors.split(", ")}
    read = {selector for rule in rules(path) for selector in rule}
    assert parsed == read
