"""Pose pictures: kept as data, checked by `rules check`, mirrored for the other side, picked
for a person's modifications, and said in words wherever the picture cannot be seen."""

from __future__ import annotations

import itertools

import pytest

from support import copy_rules, edit
from triage_tui.cli import main
from triage_tui.core.errors import RulesError
from triage_tui.core.rules.lint_poses import pose_findings
from triage_tui.core.rules.loader import load_rules
from triage_tui.core.rules.schema_poses import ART_HEIGHT, ART_WIDTH
from triage_tui.core.session.exercise import build_steps
from triage_tui.core.session.phase_pose import phase_picture
from triage_tui.core.session.plan import build_plan
from triage_tui.core.session.poses import mirror, pose_for, step_picture

SETUP_POSE = '[[pose]]\nstep = "setup"\nsays = "Sitting on the floor'


def _mod_sets(ruleset):
    ids = [m.id for m in ruleset.modifications]
    return [combo for size in (0, 1, 2) for combo in itertools.combinations(ids, size)]


# --- the shipped pictures ---------------------------------------------------------------------


def test_every_step_of_every_version_has_a_picture_within_the_limits(ruleset) -> None:
    """Every step a person can be shown, for no, one or two modifications, has a picture that
    fits 40 columns, in printable ASCII, with a one-line description."""
    checked = 0
    for mods in _mod_sets(ruleset):
        for step in build_steps(ruleset, mods):
            for side in ("left", "right"):
                drawn = step_picture(ruleset, step, mods, side)
                assert drawn is not None, (mods, step.id)
                assert 0 < len(drawn.lines) <= ART_HEIGHT and 0 < drawn.width <= ART_WIDTH
                assert all(len(line) == drawn.width for line in drawn.lines)
                assert all(" " <= c <= "~" for line in drawn.lines for c in line)
                assert drawn.says.strip() and "\n" not in drawn.says
                checked += 1
    assert checked > 100


def test_every_pose_changing_modification_has_its_own_picture(ruleset) -> None:
    """Each step a modification replaces, notes or inserts has a picture of its own or is marked
    unchanged, and the shipped rules have nothing for `rules check` to say about pictures."""
    assert pose_findings(ruleset) == []
    pictured = {(p.step, p.mods) for p in ruleset.poses}
    for mod in ruleset.modifications:
        for change in mod.changes:
            if change.action != "remove":
                assert ((change.new_step or change.step), (mod.id,)) in pictured, (mod.id, change)


@pytest.mark.parametrize(("mods", "step", "words"), [
    ((), "hold", "leaned over the front leg"),
    (("no_forward_lean",), "hold", "not leaning forward"),
    (("hands_supported", "no_forward_lean"), "hold", "hands behind"),  # the bigger change wins
    (("elevated", "hands_supported", "no_forward_lean"), "hold", "on the bench, not leaning"),
    (("elevated", "reduced_rotation"), "turn", "On the bench"),  # the position wins
    (("reduced_rotation",), "turn", "only a little"),
    (("supine", "reduced_rotation"), "knee_drops", "tipped over"),
    (("short_holds",), "hold", "leaned over the front leg"),  # unchanged: the standard picture
    (("hip_prop",), "setup", "cushion"),
], ids=lambda v: v if isinstance(v, str) else "+".join(v) or "standard")
def test_the_picture_fits_the_modifications(ruleset, mods, step, words) -> None:
    pose = pose_for(ruleset, step, mods)
    assert pose is not None and words.lower() in pose.says.lower()


# --- mirroring --------------------------------------------------------------------------------


@pytest.mark.parametrize(("art", "expected"), [
    (["/\\", "(<[{"], ["  /\\", "}]>)"]),  # a roof stays a roof; brackets turn round
    ([" O ", "/|", "_/ \\_"], ["   O ", "   |\\", "_/ \\_"]),
])
def test_mirror_reverses_lines_and_swaps_directions(art, expected) -> None:
    flipped = mirror(art)
    assert [line.rstrip() for line in flipped] == [line.rstrip() for line in expected]


def test_mirroring_is_an_involution_and_swaps_sides(ruleset) -> None:
    for pose in ruleset.poses:
        if pose.unchanged:
            continue
        padded = tuple(line.ljust(max(map(len, pose.lines))) for line in pose.lines)
        assert mirror(mirror(pose.lines)) == padded
        left = step_picture(ruleset, pose.step, pose.mods, "left")
        right = step_picture(ruleset, pose.step, pose.mods, "right")
        assert left is not None and right is not None
        assert (left.side, right.side) == ("left", "right")
        assert right.lines == mirror(left.lines) and left.lines == padded
        assert right.says == left.says


def test_the_session_shows_each_side_and_the_pose_of_each_phase(ruleset) -> None:
    plan = build_plan(ruleset, (), prep=5, rounds=1)
    by_kind = {}
    for index, phase in enumerate(plan.phases):
        nxt = plan.phases[index + 1] if index + 1 < len(plan.phases) else None
        by_kind.setdefault((phase.kind, phase.side), phase_picture(plan, phase, next_phase=nxt))
    prep, hold_left, switch, hold_right = (by_kind[k] for k in [
        ("prep", None), ("hold", "left"), ("switch", None), ("hold", "right")])
    assert prep.step == "setup" and prep.side == "left"
    assert switch.step == "setup" and switch.side == "right"  # set up for the side that comes next
    assert hold_left.step == hold_right.step == "hold"
    assert hold_right.lines == mirror(hold_left.lines)


def test_knee_drops_show_the_side_the_knees_tip_to(ruleset) -> None:
    plan = build_plan(ruleset, ("supine",), prep=0, rounds=1)
    drops = next(p for p in plan.phases if p.kind == "drops")
    first, second = (phase_picture(plan, drops, elapsed_in_phase=t) for t in (1.0, 9.0))
    assert first.step == second.step == "knee_drops"
    assert (first.side, second.side) == ("left", "right")


# --- rules check ------------------------------------------------------------------------------


def test_rules_check_fails_when_a_step_has_no_picture(tmp_path, capsys) -> None:
    """Removing the standard setup picture fails `rules check`, naming the file and the key."""
    folder = copy_rules(tmp_path)
    edit(folder, "exercise.toml", SETUP_POSE, SETUP_POSE.replace('step = "setup"', 'step = "hinge"\nmods = ["hip_prop"]'))
    assert main(["rules", "check", str(folder)]) == 2
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "step 'setup' has no picture" in line)
    assert "exercise.toml:" in line and "step[0]" in line


@pytest.mark.parametrize(("old", "new", "key", "words"), [
    ('step = "turn"\nmods = ["reduced_rotation"]', 'step = "turn"\nmods = ["hands_supported"]',
     "modification[5].changes[0]", "'reduced_rotation' changes step 'turn' but has no picture"),
    ('step = "hold"\nmods = ["short_holds"]\nunchanged', 'step = "hinge"\nmods = ["short_holds"]\nunchanged',
     "modification[6].changes[0]", "'short_holds' changes step 'hold'"),
    ('step = "hinge"\nmods = ["elevated"]', 'step = "hinge"\nmods = ["hip_prop"]',
     "modification[0]", "sets the position 'raised', but step 'hinge' has no picture"),
    ('step = "knee_drops"\nmods = ["supine"]', 'step = "knee_drop"\nmods = ["supine"]',
     "pose[", "unknown step 'knee_drop'"),
], ids=["replaced step", "unchanged missing", "position step", "unknown step"])
def test_pose_lint_names_the_key(tmp_path, old, new, key, words) -> None:
    folder = copy_rules(tmp_path)
    edit(folder, "exercise.toml", old, new)
    found = pose_findings(load_rules(folder, use_cache=False))
    assert any(f[0] == "exercise.toml" and f[1].startswith(key) and words in f[2] for f in found), found


@pytest.mark.parametrize(("art", "words"), [
    ("  O\\u001b[31m", "not allowed"),
    ("\\tO", "not allowed"),
    ("O" * (ART_WIDTH + 1), f"at most {ART_WIDTH} fit"),
    ("O\\n" * (ART_HEIGHT + 1), f"at most {ART_HEIGHT} fit"),
    ("caf\\u00e9", "not allowed"),
    ("   \\n  ", "empty"),
], ids=["escape", "tab", "too wide", "too tall", "not ascii", "empty"])
def test_the_schema_rejects_bad_art(tmp_path, art, words) -> None:
    folder = copy_rules(tmp_path)
    text = (folder / "exercise.toml").read_text()
    start = text.index(SETUP_POSE)
    art_start = text.index("art = '''", start)
    art_end = text.index("'''", art_start + 9) + 3
    (folder / "exercise.toml").write_text(text[:art_start] + f'art = "{art}"' + text[art_end:])
    with pytest.raises(RulesError) as caught:
        load_rules(folder, use_cache=False)
    assert any(words in p.message and "pose[0]" in p.key and p.line for p in caught.value.problems), \
        [str(p) for p in caught.value.problems]
