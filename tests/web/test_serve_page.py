"""Issue 16: `triage-tui serve` in a real headless Chromium.

The page asks only its own server for anything; the questions are answered by keys; closing
the tab or stopping the server mid-session saves the session as interrupted, as a hangup does
in a terminal; `export` hands the file to the browser as a download. One browser for the module.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pagerun import CHROMIUM, CHROMIUM_ARGS, REQUIRED_ENV, AppPage, Served, missing_browser
from support import RULES_DIR
from triage_tui.core.clock import utc_now
from triage_tui.core.history.records import SavedScreening
from triage_tui.core.history.store import Store
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.screening.evaluator import decide

pytestmark = pytest.mark.slow  # a real server, real app processes and a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = missing_browser()
    if why is not None:
        if os.environ.get(REQUIRED_ENV) == "required":
            pytest.fail(f"{REQUIRED_ENV}=required but {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1000, "height": 700}, accept_downloads=True)
        yield context
        context.close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def served(data: Path, tmp_path: Path) -> Iterator[Served]:
    server = Served({"TRIAGE_TUI_DATA_DIR": str(data), "TRIAGE_TUI_CACHE_DIR": os.environ["TRIAGE_TUI_CACHE_DIR"],
                     "HOME": str(tmp_path)})
    yield server
    server.stop()


def seed_screening(data: Path, answers: dict) -> None:
    """A full screening done yesterday: the home page then offers the quick check."""
    decision = decide(load_rules(RULES_DIR), answers)
    Store(data).save_screening(SavedScreening.from_decision(decision, answers, utc_now() - timedelta(days=1)))


def start_session(page: AppPage) -> None:
    """From the home page (a screening saved): quick check, setup, the hold running."""
    page.wait_for("Quick check and start")
    page.press("Enter")
    page.wait_for("None of these (n)")
    page.press("n")
    page.wait_for("You and your pain · 1 of 1")
    page.press("3", "Enter")
    page.wait_for("Get-ready countdown")
    page.press("Enter")
    page.wait_for("Get ready")
    page.press("s")  # skip the get-ready countdown: its end rings the bell twice
    page.wait_for("Go!")
    page.wait_for("Hold · LEFT leg in front")


def saved_session(data: Path, timeout: float = 15.0) -> Any:
    """The one session saved once the hold was cut short (the get-ready's end saved a checkpoint
    with nothing held yet; the app's last save records the time held)."""
    end = time.monotonic() + timeout
    while True:
        records = Store(data).load_sessions()
        if records and records[0][0].holds[0].done > 0 or time.monotonic() > end:
            (record, _), = records
            return record
        time.sleep(0.1)


def test_first_screen_and_questions_by_keys_ask_only_the_own_server(browser, served) -> None:
    page = AppPage(browser, served.origin + "/")
    page.wait_for("Start the screening")
    page.press("Enter")
    page.wait_for("Warning signs · 1 of")
    page.press("n", "Enter")  # n picks "No", Enter answers
    page.wait_for("Warning signs · 2 of")
    page.press("n", "Enter")
    page.wait_for("Warning signs · 3 of")
    assert page.page.title() == "triage-tui"
    assert page.requests and page.sockets
    elsewhere = [url for url in page.requests + page.sockets
                 if not url.startswith((served.origin + "/", f"ws://127.0.0.1:{served.port}/"))]
    assert not elsewhere, elsewhere
    page.page.close()


def test_closing_the_tab_mid_session_saves_it_and_export_is_a_download(browser, served, data, benign,
                                                                        tmp_path) -> None:
    seed_screening(data, benign)
    page = AppPage(browser, served.origin + "/")
    start_session(page)
    page.page.wait_for_timeout(800)
    assert page.page.evaluate("window.triageBells") >= 2  # the page heard the bell ("Go!")
    page.page.close()  # textual-serve asks the tab's app to exit
    record = saved_session(data)
    assert record.ended == "interrupted" and record.partial
    assert 0.3 <= record.holds[0].done <= 10
    assert record.pain_before == 3

    page = AppPage(browser, served.origin + "/")  # a new tab: a new app on the same data
    page.wait_for("Quick check and start")
    page.press("h")
    page.wait_for("Save for a clinician")
    page.press("e")
    page.wait_for("Download (Enter)")
    # textual-serve opens the download in a new tab; Playwright gives it to the opener page
    with page.page.expect_download(timeout=15_000) as started:
        page.press("Enter")
    download = started.value
    assert download.suggested_filename.startswith("triage-tui-history-")
    saved = tmp_path / "downloaded.md"
    download.save_as(saved)
    text = saved.read_text()
    assert "self-check and session history" in text and "Last screening" in text
    assert "Stopped early (the app was closed or interrupted)" in text
    assert not list(tmp_path.glob("triage-tui-history-*.md"))  # nothing written in the server's home
    page.page.close()


def test_stopping_the_server_mid_session_saves_it(browser, served, data, benign) -> None:
    seed_screening(data, benign)
    page = AppPage(browser, served.origin + "/")
    start_session(page)
    page.page.wait_for_timeout(800)
    served.stop()  # Ctrl+C: SIGINT to the server and its apps
    record = saved_session(data)
    assert record.ended == "interrupted" and record.partial and record.holds[0].done >= 0.3
