"""Session outlines are read two ways: the usual one, where SQLite checks the ending and ratings
and folds them into one number (`CODED_QUERY`), and the plain one, field by field. The fast way
must accept exactly the rows the plain way accepts, and read them the same; a row it cannot
take sends the whole read back to the plain way, which names the row.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_tui.core.history.database import SCHEMA, open_db
from triage_tui.core.history.outlines import CODED_QUERY, OUTLINE_COLUMNS, outlines_from_coded, outlines_from_rows
from triage_tui.core.history.store import Store
from triage_tui.core.session.record import ENDED_WORDS

START = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
ODD = [None, "", "pain ", "PAIN", b"pain", 5, 5.0, 5.5, -1, 11, 10, 0, "5", b"\x00", "2026-11-20"]
ODD_STARTS = [(START + timedelta(days=3)).astimezone(timezone(timedelta(hours=-5))).isoformat(),
              START.replace(tzinfo=None).isoformat(), "2026-02-30T08:00:00+00:00", START.isoformat() + " " * 20,
              START.isoformat(timespec="microseconds"), "not a date",
              "2026-11-20T08:00:00.123456+05:30:00.000001"]  # good, but 42 characters: too long
good_row = st.tuples(st.sampled_from([START.isoformat(), None]), st.sampled_from(sorted(ENDED_WORDS)),
                     st.sampled_from([None, "sharp_pain"]), st.none() | st.integers(0, 10), st.none() | st.integers(0, 10))


def one_odd(row: tuple, field: int, value: object) -> tuple:
    return (*row[:field], value, *row[field + 1:])


odd_row = st.one_of(
    st.builds(one_odd, good_row, st.just(0), st.sampled_from(ODD + ODD_STARTS)),
    st.builds(one_odd, good_row, st.integers(1, 4), st.sampled_from(ODD)),
)
"""A good row with one field odd: where a check that is missing or too loose shows."""


def table(rows: list[tuple]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.executescript(SCHEMA)
    connection.executemany("INSERT INTO sessions (seq, started_at, ended, stop_cue, pain_before, pain_after) "
                           "VALUES (?, ?, ?, ?, ?, ?)", [(i, *row) for i, row in enumerate(rows)])
    return connection


def same_reading(rows: list[tuple]) -> None:
    connection = table(rows)
    fast = outlines_from_coded(connection.execute(CODED_QUERY).fetchall())
    plain, bad = outlines_from_rows(connection.execute(
        f"SELECT id, {', '.join(OUTLINE_COLUMNS)} FROM sessions ORDER BY seq, id").fetchall())
    if bad:
        assert fast is None
    else:
        assert fast == plain


GOOD = (START.isoformat(), "pain", "sharp_pain", 3, 4)


def test_each_odd_field_is_read_alike_both_ways():
    """Every odd value in every field, one at a time, between two good rows."""
    for field, values in enumerate([ODD + ODD_STARTS, *[ODD] * 4]):
        for value in values:
            same_reading([GOOD, one_odd(GOOD, field, value), GOOD])


@settings(max_examples=300, deadline=None)
@given(st.lists(good_row, max_size=4), odd_row, st.lists(good_row | odd_row, max_size=4))
def test_the_fast_read_takes_exactly_what_the_plain_check_takes(before, row, after):
    same_reading([*before, row, *after])


def test_a_bad_row_is_set_aside_alone_and_the_rest_are_read(tmp_path):
    connection, _ = open_db(tmp_path, create=True)
    with connection:
        connection.executemany("INSERT INTO sessions (seq, started_at, ended, pain_before, pain_after) VALUES "
                               "(?, ?, ?, ?, ?)", [(1, START.isoformat(), "finished", 3, 2),
                                                   (2, START.isoformat(), "finished", 11, 2),
                                                   (3, START.isoformat(), "pain", None, None)])
    connection.close()
    store = Store(tmp_path)
    outlines = store.load_outlines()
    assert [(o.ended, o.pain_before, o.pain_after) for o in outlines] == [("finished", 3, 2), ("pain", None, None)]
    assert any("pain_before" in notice for notice in store.notices)
    assert [(o.ended, o.pain_before) for o in Store(tmp_path).load_outlines()] == [("finished", 3), ("pain", None)]


def test_json_numbers_are_checked_whenever_one_could_be_too_long():
    """Numbers are checked one by one only when the text has a run of more than 30 digits."""
    from triage_tui.core.history.rows import read_json

    assert read_json("[" + "9" * 30 + "]", "x") == [int("9" * 30)]
    assert read_json('["' + "9" * 40 + '", 5]', "x") == ["9" * 40, 5]  # a long run inside text is text
    for hostile in ("[" + "9" * 31 + "]", "[-" + "9" * 31 + "]", '["' + "1" * 31 + '", ' + "2" * 31 + "]"):
        with pytest.raises(ValueError, match="more than 30 digits"):
            read_json(hostile, "x")


def test_a_column_declared_case_blind_cannot_pass_an_odd_ending() -> None:
    """A foreign or edited file may declare `ended` COLLATE NOCASE or RTRIM: the fast read still
    compares the words byte for byte, as the per-field check does."""
    for collation, odd in (("NOCASE", "PAIN"), ("RTRIM", "pain  ")):
        connection = sqlite3.connect(":memory:")
        connection.executescript(SCHEMA.replace("ended TEXT,", f"ended TEXT COLLATE {collation},"))
        assert f"COLLATE {collation}" in connection.execute("SELECT sql FROM sqlite_master WHERE name = 'sessions'").fetchone()[0]
        connection.execute("INSERT INTO sessions (seq, started_at, ended) VALUES (1, ?, ?)", (START.isoformat(), odd))
        assert outlines_from_coded(connection.execute(CODED_QUERY).fetchall()) is None


def test_bulk_reads_that_overlap_leave_the_collector_on() -> None:
    """Two bulk reads overlapping (as on two threads): the collector comes back on when the last
    one ends, never earlier, never left off."""
    import gc

    from triage_tui.core.history.store import _Bulk

    assert gc.isenabled()
    first, second = _Bulk(), _Bulk()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second read is still turning rows into records
    second.__exit__(None, None, None)
    assert gc.isenabled()
