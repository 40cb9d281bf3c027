"""Fuzzing the record reader: whatever a save or an incoming record holds, nothing crashes.

Targets: raw bytes into ``parse_record_text``; a real record with random fields replaced by random
JSON values, through reading, replay, ``Session.resume`` and ``validate_incoming``. The only
outcomes allowed are a record, a ``RecordError``, a replay ``Divergence`` or a ``ReplayError``.
Crashes found here are fixed and kept in ``REGRESSIONS``. ``FUZZ_EXAMPLES=2000`` fuzzes longer.
"""

from __future__ import annotations

import copy
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.pbem import validate_incoming
from game.record import GameRecord, RecordError, parse_record_text
from game.replay import ReplayError, replay
from game.session import Session
from tests.fuzzing import replaced, value_paths
from tests.test_record_replay import make_spec, play_random

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                derandomize="FUZZ_EXAMPLES" not in os.environ)

SPEC = make_spec(turns=3)
_SESSION = Session(SPEC, seed=12)
play_random(_SESSION, 70, seed=12)
RECORD = _SESSION.record
TEXT = RECORD.to_json()
DATA = json.loads(TEXT)


PATHS = [p for p in value_paths(DATA, max_items=6) if p]  # the first items of long lists are enough

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20) | st.sampled_from(["end", "move g1 0403", "move s0 0101", "0" * 32, "f" * 32, "die",
                                              "combat", "moscow41-record", "test", "test-hash"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


def _use(record: GameRecord) -> None:
    """Everything a player can do with a record that was read: replay, resume, validate."""
    result = replay(record, SPEC)
    assert result.divergence is not None or result.state is not None
    try:
        Session.resume(SPEC, record)
    except ReplayError as exc:
        assert exc.divergence is not None
    report = validate_incoming(record, SPEC)
    assert report.ok or report.problems


def _read_and_use(text: str | bytes) -> None:
    try:
        record = parse_record_text(text, "fuzz.m41.json")
    except RecordError as exc:
        assert str(exc).startswith("fuzz.m41.json")
        return
    _use(record)


@FUZZ
@given(st.binary(max_size=300))
def test_reader_never_crashes_on_bytes(blob):
    _read_and_use(blob)


@FUZZ
@given(st.integers(0, len(TEXT)), st.binary(max_size=8), st.integers(0, 40))
def test_reader_never_crashes_on_damaged_text(at, insert, drop):
    raw = TEXT.encode()
    _read_and_use(raw[:at] + insert + raw[at + drop:])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(PATHS) - 1), json_values), min_size=1, max_size=3))
def test_reader_and_replay_never_crash_on_wrong_values(replacements):
    _read_and_use(json.dumps(replaced(DATA, PATHS, replacements)))


@settings(FUZZ, max_examples=max(EXAMPLES // 3, 10))
@given(st.integers(0, len(RECORD.steps) - 1), st.sampled_from(["end", "move g1 0403", "move s4 0101", "attack 0101",
                                                              "move g0 9999", "move nobody 0101", "advance g0", "",
                                                              "move g0 0102 extra", "end end"]))
def test_replay_never_crashes_on_any_order(k, order):
    data = copy.deepcopy(DATA)
    data["steps"][k]["order"] = order
    _read_and_use(json.dumps(data))


# --- regression cases: the first two crashed the reader before it was hardened; the others are
# --- hostile values it must keep refusing or replaying without harm ----------------------------


def _with(edit):
    data = copy.deepcopy(DATA)
    edit(data)
    return json.dumps(data)


REGRESSIONS = {
    "crashed: deeply nested arrays (RecursionError in json)": "[" * 100_000,
    "crashed: integer of 5000 digits (ValueError in json)": "9" * 5000,
    "NaN literal": '{"header": NaN}',
    "unit hex far off the map in a turn mark": _with(lambda d: d["turns"][0]["unit_hex"].__setitem__(0, 10**7)),
    "chance outcome with n = 0": _with(lambda d: d["setup_chance"].append(["weather", 0, 0])),
    "options nested 50 deep": _with(lambda d: d["header"].__setitem__("options", json.loads('{"a":' * 50 + "1"
                                                                                             + "}" * 50))),
}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_fuzz_regressions(name):
    _read_and_use(REGRESSIONS[name])
