"""Records: old formats load, edits are caught at their step, incoming records are validated first.

Builds on tests/test_record_replay.py (truncation, garbage, changed hash, moved unit, reordered
orders are covered there). The sample records in tests/records/ were made by ``write_samples()``:

    python -m tests.test_reliability_records     # rewrites tests/records/*.m41.json
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import pytest
import yaml

from game.chance import die
from game.pbem import scenario_file_for, unsafe_path_reason, validate_incoming
from game.record import (
    RECORD_FORMAT,
    RECORD_FORMAT_VERSION,
    GameRecord,
    RecordError,
    load_record,
    migrate,
    parse_record_text,
    record_json,
)
from game.replay import iter_replay, replay
from game.ruleset import Ruleset
from game.session import Session
from tests.builders import build_map, build_spec, unit
from tests.test_record_replay import make_spec, play_random

RECORDS = Path(__file__).resolve().parent / "records"
SAMPLE_ROWS = ["..f...", ".c..s.", "..f...", "......", ".s..f."]


@functools.cache
def frozen_ruleset() -> Ruleset:
    with open(RECORDS / "ruleset-v1.yaml", encoding="utf-8") as fh:
        return Ruleset.model_validate(yaml.safe_load(fh))


def sample_spec():
    """The scenario of the sample records: movement-only frozen rules, so they replay however the rules evolve."""
    rs = frozen_ruleset()
    m = build_map(SAMPLE_ROWS, ruleset=rs, settlements={"Gzhatsk": "0202"})
    units = [(unit("g1", 0, "infantry", ruleset=rs), "0101"), (unit("g2", 0, "panzer", ruleset=rs), "0103"),
             (unit("s1", 1, "rifle", ruleset=rs), "0502"), (unit("s2", 1, "cavalry", ruleset=rs), "0604")]
    return build_spec(m, units, turns=3, ruleset=rs, id="sample", content_hash="sample-format-1")


def downgrade_to_v0(record: GameRecord) -> dict:
    """A format-1 record in the prototype's flat format-0 layout (see game/record.py)."""
    return {
        "format": RECORD_FORMAT, "version": 0, "scenario": record.scenario_id,
        "scenario_hash": record.scenario_hash, "seed": record.seed, "engine": "0.0.1",
        "setup_chance": [list(c) for c in record.setup_chance],
        "orders": [{"o": s.order, "t": s.turn, "s": s.side, "c": [list(c) for c in s.chance]} for s in record.steps],
        "marks": [{"turn": t.turn, "after": t.step, "checksum": t.checksum,
                   "units": [[h, st] for h, st in zip(t.unit_hex, t.unit_steps)]} for t in record.turns],
        "final": record.final_checksum,
    }


def downgrade_to_v1(record: GameRecord) -> dict:
    """A format-2 record in format 1, whose steps carried the bare state checksum (no seal)."""
    data = record.to_dict()
    data["header"]["format_version"] = 1
    frames = iter_replay(record, sample_spec())
    next(frames)  # the state after setup
    for step, frame in zip(data["steps"], frames, strict=True):
        step["checksum"] = frame.state.checksum()
    return data


def write_samples() -> None:
    """Rewrite the sample of every format from one game played by the current engine.

    Run it when the engine changes how a game plays out (the samples test the formats, and a
    sample made by an older engine no longer replays: see ``test_other_engine_named_in_divergence``).
    """
    spec = sample_spec()
    s = Session(spec, seed=1941)
    play_random(s, 400, seed=10)
    assert s.state.game_over
    s.record.created = "2026-11-27T00:00:00+00:00"
    record = s.record
    samples = {2: record.to_dict(), 1: downgrade_to_v1(record), 0: downgrade_to_v0(record)}
    assert set(samples) == set(range(RECORD_FORMAT_VERSION + 1)), "add a downgrade for the new format"
    for version, data in samples.items():
        text = record_json(data) if "header" in data else json.dumps(data, indent=1) + "\n"
        (RECORDS / f"v{version}-sample.m41.json").write_text(text, encoding="utf-8")


# --- earlier formats ------------------------------------------------------------------------

SAMPLES = sorted(p.name for p in RECORDS.glob("v*-sample.m41.json"))


def test_a_sample_of_every_format_is_kept():
    assert [f"v{v}-sample.m41.json" for v in range(RECORD_FORMAT_VERSION + 1)] == SAMPLES


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_loads_in_the_current_format_and_replays(name):
    written = json.loads((RECORDS / name).read_text(encoding="utf-8"))
    version = written["version"] if "version" in written else written["header"]["format_version"]
    assert name == f"v{version}-sample.m41.json"
    record = load_record(RECORDS / name)
    assert record.format_version == RECORD_FORMAT_VERSION  # migrated on load
    assert record.scenario_id == "sample" and len(record.steps) > 20
    result = replay(record, sample_spec())
    assert result.divergence is None, f"{result.divergence} (rules changed? regenerate: python -m {__name__})"
    assert result.state.game_over and result.state.checksum() == record.final_checksum


def test_format_0_sample_migrates_and_replays():
    v1 = load_record(RECORDS / "v1-sample.m41.json")
    v0 = load_record(RECORDS / "v0-sample.m41.json")
    assert v0.format_version == RECORD_FORMAT_VERSION  # migrated on load
    assert [(s.order, s.chance, s.turn, s.side) for s in v0.steps] == \
        [(s.order, s.chance, s.turn, s.side) for s in v1.steps]
    assert all(s.checksum is None for s in v0.steps)  # format 0 had no per-step checksums
    assert [vars(t) for t in v0.turns] == [vars(t) for t in v1.turns]
    assert (v0.seed, v0.scenario_hash, v0.final_checksum) == (v1.seed, v1.scenario_hash, v1.final_checksum)
    result = replay(v0, sample_spec())
    assert result.divergence is None and result.state.checksum() == v1.final_checksum
    # once loaded it is saved in the current format, and stays readable
    again = GameRecord.from_dict(json.loads(v0.to_json()))
    assert again.to_dict() == v0.to_dict()


def test_damaged_format_0_is_explained():
    data = json.loads((RECORDS / "v0-sample.m41.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["orders"][3]["t"]
    with pytest.raises(RecordError, match=r"orders\[3\].*no 't'.*format-0 record is damaged"):
        GameRecord.from_dict(broken, "old.json")
    broken = copy.deepcopy(data)
    broken["marks"][0]["units"] = [[1, 2, 3]]
    with pytest.raises(RecordError, match="hex, steps"):
        GameRecord.from_dict(broken)


def test_versions_outside_the_known_range_are_explained():
    data = json.loads((RECORDS / "v1-sample.m41.json").read_text(encoding="utf-8"))
    data["header"]["format_version"] = 7
    with pytest.raises(RecordError, match="newer than this game understands"):
        GameRecord.from_dict(data)
    data["header"]["format_version"] = "1"
    with pytest.raises(RecordError, match="whole number"):
        migrate(data, "r")
    old = {"format": RECORD_FORMAT, "version": -1}
    with pytest.raises(RecordError, match="too old"):
        migrate(old, "r")


# --- hand edits caught at the exact step ---------------------------------------------------


@pytest.fixture
def dice_rules(monkeypatch):
    """A begin-turn rule that rolls a die into a counter: every turn's first step draws chance."""
    from game.rules import hooks

    def roll(state, chance):
        state.counters["test_die"] = die(chance)
        return []

    monkeypatch.setattr(hooks, "BEGIN_TURN", (*hooks.BEGIN_TURN, roll))


def _dice_game():
    spec = make_spec(turns=5)
    s = Session(spec, seed=77)
    play_random(s, 400, seed=5)
    record = s.record
    k = next(i for i, st in enumerate(record.steps) if any(c[0] == "die" for c in st.chance))
    return spec, record, k


def _die_index(step):
    return next(j for j, c in enumerate(step.chance) if c[0] == "die")


def test_changed_die_roll_detected_at_its_step(dice_rules):
    spec, record, k = _dice_game()
    assert replay(record, spec).divergence is None
    j = _die_index(record.steps[k])
    kind, n, value = record.steps[k].chance[j]
    record.steps[k].chance[j] = (kind, n, (value + 1) % n)
    d = replay(record, spec).divergence
    assert d is not None and d.step == k + 1 and "differs" in d.reason


def test_die_roll_out_of_range_or_of_another_kind(dice_rules):
    spec, record, k = _dice_game()
    j = _die_index(record.steps[k])
    kind, n, value = record.steps[k].chance[j]
    bad = record.copy()
    bad.steps[k].chance[j] = (kind, n, n + 3)
    d = replay(bad, spec).divergence
    assert d.step == k + 1 and "outside range" in d.reason
    bad = record.copy()
    bad.steps[k].chance[j] = ("combat", n, value)
    d = replay(bad, spec).divergence
    assert d.step == k + 1 and "'die'" in d.reason
    bad = record.copy()
    bad.steps[k].chance.append(("die", 6, 2))
    d = replay(bad, spec).divergence
    assert d.step == k + 1 and "fewer chance outcomes" in d.reason


def test_edited_dice_caught_even_with_checksums_stripped(dice_rules):
    from game.pbem import chance_mismatch

    spec, record, k = _dice_game()
    assert chance_mismatch(record) is None and validate_incoming(record, spec).ok
    j = _die_index(record.steps[k])
    kind, n, value = record.steps[k].chance[j]
    cheat = record.copy()
    cheat.steps[k].chance[j] = (kind, n, (value + 3) % n)
    for st in cheat.steps:  # an editor removes what would give the edit away
        st.checksum = None
    cheat.turns, cheat.final_checksum = [], None
    assert replay(cheat, spec).divergence is None  # the checksums can no longer tell
    found = chance_mismatch(cheat)
    assert found is not None and found.startswith(f"step {k + 1} ") and "the dice were edited" in found
    report = validate_incoming(cheat, spec)
    assert not report.ok and any("the dice were edited" in p for p in report.problems)


def test_edited_step_checksum_detected_at_its_step():
    spec = make_spec()
    s = Session(spec, seed=4)
    play_random(s, 50, seed=4)
    record = s.record.copy()
    record.steps[17].checksum = "0" * 32
    d = replay(record, spec).divergence
    assert d is not None and d.step == 18


# --- hostile record input -------------------------------------------------------------------


def _record_text():
    spec = make_spec()
    s = Session(spec, seed=4)
    play_random(s, 30, seed=4)
    return s.record.to_json()


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nested"),
    ('{"header": ' * 50 + "1" + "}" * 50, "nested"),
    ("9" * 5000, "digits"),
    ('{"header": {"format": NaN}}', "NaN"),
])
def test_hostile_json_is_refused(text, message):
    with pytest.raises(RecordError, match=message):
        parse_record_text(text, "mail.json")


def test_control_characters_and_huge_numbers_are_refused():
    base = json.loads(_record_text())
    for path, value, message in [
        (("header", "scenario_id"), "test\x1b[2J", "control character U\\+001B"),
        (("header", "scenario_id"), "te\u202est", "U\\+202E"),
        (("steps", 0, "order"), "move g1\x00 0101", "U\\+0000"),
        (("header", "seed"), 10**40, "seed"),
        (("steps", 0, "turn"), 10**12, "turn"),
        (("turns", 0, "unit_hex"), [10**30], "unit_hex"),
        (("header", "options"), {"x": "y" * 100_000}, "options"),
    ]:
        data = copy.deepcopy(base)
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        with pytest.raises(RecordError, match=message):
            parse_record_text(json.dumps(data), "mail.json")


def test_special_files_and_oversize_are_refused(tmp_path, monkeypatch):
    with pytest.raises(RecordError, match="not a regular file"):
        load_record(tmp_path)
    import game.record as record_module

    big = tmp_path / "big.m41.json"
    big.write_text(_record_text())
    monkeypatch.setattr(record_module, "MAX_RECORD_BYTES", 1000)
    with pytest.raises(RecordError, match="too large"):
        load_record(big)


# --- records from another player ------------------------------------------------------------


def _exchange():
    """Side 0 plays its half-turn and sends the record; side 1 had the record before it."""
    spec = make_spec(turns=4)
    s = Session(spec, seed=8)
    play_random(s, 12, seed=2)
    while s.state.active_side != 1:
        s.submit("end")
    while s.state.active_side == 1:
        s.submit("end")  # side 1's phases (movement, combat and exploitation when it has mobile units)
    before = s.record.copy()
    assert s.state.active_side == 0
    legal = [o for o in s.legal_orders() if o.text().startswith("move")]
    s.submit(legal[0])
    s.submit(legal[-1]) if not s.check(legal[-1]) else None
    s.submit("end")
    return spec, before, s


def test_valid_incoming_record_is_accepted():
    spec, before, s = _exchange()
    report = validate_incoming(s.record.to_json(), spec, previous=before, sender=0, source="mail")
    assert report.ok, report.summary()
    assert report.new_steps == len(s.record.steps) - len(before.steps) > 0
    assert report.state.checksum() == s.state.checksum()
    assert "valid" in report.summary()
    resumed = Session.resume(spec, report.record)
    assert resumed.state.checksum() == s.state.checksum()


def test_incoming_record_changing_history_is_refused():
    spec, before, s = _exchange()
    data = json.loads(s.record.to_json())
    k = next(i for i, st in enumerate(data["steps"]) if st["order"].startswith("move"))
    data["steps"][k]["order"] = data["steps"][k]["order"].rsplit(" ", 1)[0] + " 0101"
    report = validate_incoming(json.dumps(data), spec, previous=before, sender=0)
    assert not report.ok
    assert any(f"step {k + 1}" in p and "may only add orders" in p for p in report.problems)
    assert report.divergence_step == k + 1


def test_incoming_record_moving_the_other_side_is_refused():
    spec, before, s = _exchange()
    report = validate_incoming(s.record, spec, previous=before, sender=1)
    assert not report.ok and any("nobody may move the other side's units" in p for p in report.problems)


def test_incoming_record_for_another_scenario_or_game_is_refused():
    spec, before, s = _exchange()
    other = make_spec(turns=4)
    object.__setattr__(other, "content_hash", "another-hash")
    report = validate_incoming(s.record, other, previous=before, sender=0)
    assert not report.ok and any("the two scenario files differ" in p for p in report.problems)
    stranger = Session(spec, seed=9).record
    report = validate_incoming(s.record, spec, previous=stranger, sender=0)
    assert any("another game" in p for p in report.problems)
    report = validate_incoming(before, spec, previous=s.record, sender=0)
    assert any("older copy" in p for p in report.problems)


def test_incoming_garbage_is_refused_not_raised(tmp_path):
    spec, before, _ = _exchange()
    for junk in (b"\xff\xfe", b"", b"[1]", "{" * 5000):
        report = validate_incoming(junk, spec, previous=before, sender=0)
        assert not report.ok and report.problems and "refused" in report.summary()
    path = tmp_path / "mail.m41.json"
    path.write_text("{")
    report = validate_incoming(path, spec)
    assert not report.ok and str(path) in report.problems[0]


def test_incoming_record_with_a_hostile_scenario_path(tmp_path):
    spec, before, s = _exchange()
    rec = s.record.copy()
    for bad in ("/etc/passwd", "../../secret.yaml", "C:\\Windows\\win.ini", "maps/../../x.yaml"):
        assert unsafe_path_reason(bad)
        rec.scenario_path = bad
        report = validate_incoming(rec, spec, previous=before, sender=0)
        assert report.ok and any("will not be opened" in w for w in report.warnings)
        assert scenario_file_for(rec, tmp_path) is None
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text("id: a\n")
    (tmp_path / "link.yaml").symlink_to("/etc/hostname")
    rec.scenario_path = "maps/a.yaml"
    assert scenario_file_for(rec, tmp_path) == (tmp_path / "maps" / "a.yaml").resolve()
    rec.scenario_path = "link.yaml"
    assert scenario_file_for(rec, tmp_path) is None


if __name__ == "__main__":
    write_samples()
    print("wrote", *sorted(p.name for p in RECORDS.glob("*.m41.json")))


# --- a record whose scenario file changed -----------------------------------------------------


def test_changed_scenario_file_detected_by_content_hash_and_explained(tmp_path):
    import shutil

    from game.replay import ReplayError, iter_replay
    from game.scenario import load_scenario
    from tests.builders import ROOT

    (tmp_path / "maps").mkdir()
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", tmp_path / "tutorial.yaml")
    shutil.copy(ROOT / "scenarios" / "maps" / "mozhaisk.yaml", tmp_path / "maps" / "mozhaisk.yaml")
    spec = load_scenario(tmp_path / "tutorial.yaml", use_cache=False)
    s = Session(spec, seed=5)
    play_random(s, 40, seed=5)
    record = s.record

    def reload():
        return load_scenario(tmp_path / "tutorial.yaml", use_cache=False)

    # a comment is not content: the record still replays
    with open(tmp_path / "tutorial.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# a modder's note\n")
    assert replay(record, reload()).divergence is None
    # a changed unit in the scenario, or a changed hex in the included map, is content
    for path, old, new in [("tutorial.yaml", 'name: "197th Infantry", at: "0102", steps: 2',
                            'name: "197th Infantry", at: "0102", steps: 1'),
                           ("maps/mozhaisk.yaml", None, None)]:
        original = (tmp_path / path).read_text(encoding="utf-8")
        if old is None:  # change the first terrain override or any number in the map file
            import re

            m = re.search(r"\b(\d+)\.(\d+)\b", original)
            assert m, "the map file has a coordinate to nudge"
            changed = original[: m.start()] + m.group(1) + "." + str(int(m.group(2)) + 1) + original[m.end():]
        else:
            assert old in original
            changed = original.replace(old, new, 1)
        (tmp_path / path).write_text(changed, encoding="utf-8")
        edited = reload()
        assert edited.content_hash != spec.content_hash, path
        with pytest.raises(ReplayError) as info:
            list(iter_replay(record, edited))
        assert info.value.divergence.step == 0
        assert "edited since" in str(info.value) and record.scenario_hash[:12] in str(info.value)
        report = validate_incoming(record, edited)
        assert not report.ok and any("the two scenario files differ" in p for p in report.problems)
        (tmp_path / path).write_text(original, encoding="utf-8")
    assert reload().content_hash == spec.content_hash


# --- a record made in one process replays in another ------------------------------------------

_PLAY_CHILD = r"""
import dataclasses, sys
from game.ai import make_player, play_game
from game.record import save_record
from game.scenario import load_scenario
spec = load_scenario(sys.argv[1])
spec = dataclasses.replace(spec, turns=min(spec.turns, int(sys.argv[3])))
players = (make_player("hard", 0, budget_s=0), make_player("normal", 1, budget_s=0))
result = play_game(spec, 41, players)
save_record(result.session.record, sys.argv[2])
print(result.session.state.checksum())
"""


@pytest.mark.parametrize(("scenario", "turns"), [("tutorial", 6), ("mozhaisk", 2)])
def test_record_replays_in_another_process_with_another_hash_seed(tmp_path, scenario, turns):
    """Nothing in the rules or the AI may depend on set/dict order of strings (PYTHONHASHSEED) or on the process."""
    import dataclasses
    import os
    import subprocess
    import sys

    from game.scenario import load_scenario
    from tests.builders import ROOT

    path = tmp_path / "game.m41.json"
    results = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, "-c", _PLAY_CHILD, str(ROOT / "scenarios" / f"{scenario}.yaml"),
                               str(path), str(turns)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr[-2000:]
        results.append((proc.stdout.strip(), path.read_text(encoding="utf-8")))
    (final_a, text_a), (final_b, text_b) = results
    assert final_a == final_b  # the same game whatever the hash seed
    record = load_record(path)
    assert [s.order for s in record.steps] == [s.order for s in GameRecord.from_dict(json.loads(text_a)).steps]
    spec = load_scenario(ROOT / "scenarios" / f"{scenario}.yaml")
    spec = dataclasses.replace(spec, turns=min(spec.turns, turns))
    result = replay(record, spec)  # and this process (its own hash seed) replays it exactly
    assert result.divergence is None and result.state.checksum() == final_a


def test_other_engine_named_in_divergence():
    """A record from another engine version that no longer replays says which engine made it."""
    record = load_record(RECORDS / "v2-sample.m41.json")
    record.engine_version = "0.0.9"
    k = next(i for i, s in enumerate(record.steps) if s.order.startswith("move"))
    record.steps[k].checksum = "0" * 32
    result = replay(record, sample_spec())
    assert result.divergence is not None and result.divergence.step == k + 1
    assert "made by engine 0.0.9 and this is" in result.divergence.reason
    record.engine_version = load_record(RECORDS / "v2-sample.m41.json").engine_version
    assert "made by engine" not in replay(record, sample_spec()).divergence.reason
