"""Records: a random game equals its replay; saves resume exactly; damage is refused clearly."""

import json

import numpy as np
import pytest

from game.orders import EndPhase
from game.record import GameRecord, RecordError, load_record, save_record
from game.replay import ReplayError, iter_replay, replay
from game.session import Session
from tests.builders import add_hexside, add_road, build_map, build_spec, unit

ROWS = ["..f.....s.", "..f..c....", "....ff....", ".s........", "...f...f..", "..........", "....s.....",
        ".........."]


def make_spec(turns=6):
    m = build_map(ROWS, settlements={"Vyazma": "0502", "Mozhaisk": "0807"})
    add_road(m, ["0104", "0204", "0304", "0404", "0504", "0604", "0704", "0804", "0904", "1004"], "highway")
    add_hexside(m, "0505", "0605", "minor_river")
    units = [(unit(f"g{k}", 0, t), lab) for k, (t, lab) in enumerate(
        [("infantry", "0101"), ("panzer", "0103"), ("motorized", "0105"), ("infantry", "0107"),
         ("panzer", "0204")])]
    units += [(unit(f"s{k}", 1, t), lab) for k, (t, lab) in enumerate(
        [("rifle", "0802"), ("rifle", "0804"), ("cavalry", "0906"), ("tank_brigade", "1003"), ("rifle", "0708")])]
    return build_spec(m, units, turns=turns)


def play_random(session, orders, seed):
    rng = np.random.default_rng(seed)
    played = 0
    while played < orders and not session.state.game_over:
        legal = session.legal_orders()
        # end the phase now and then so the game moves through turns
        if rng.random() < 0.06:
            order = EndPhase()
        else:
            order = legal[int(rng.integers(len(legal)))]
        session.submit(order)
        played += 1
    return played


def test_random_game_equals_its_replay():
    spec = make_spec(turns=15)
    s = Session(spec, seed=42)
    played = play_random(s, 300, seed=7)
    assert played >= 150
    assert len(s.record.turns) >= 3
    result = replay(s.record, spec)
    assert result.divergence is None
    assert result.state.checksum() == s.state.checksum()
    assert result.steps_applied == len(s.record.steps)


def test_save_load_continue_equals_straight_play(tmp_path):
    spec = make_spec(turns=8)
    straight = Session(spec, seed=5)
    play_random(straight, 200, seed=11)

    first = Session(spec, seed=5)
    play_random(first, 80, seed=11)
    path = tmp_path / "game.m41.json"
    save_record(first.record, path)
    resumed = Session.resume(spec, load_record(path))
    assert resumed.state.checksum() == first.state.checksum()
    # continue with the same order stream: replay straight's remaining orders
    for step in straight.record.steps[80:]:
        resumed.submit(step.order)
    assert resumed.state.checksum() == straight.state.checksum()
    assert resumed.record.to_dict()["steps"] == straight.record.to_dict()["steps"]


def test_record_round_trips_through_json(tmp_path):
    spec = make_spec()
    s = Session(spec, seed=3)
    play_random(s, 60, seed=1)
    path = tmp_path / "r.m41.json"
    save_record(s.record, path)
    again = load_record(path)
    assert again.to_dict() == s.record.to_dict()
    assert not list(tmp_path.glob(".*.tmp"))  # the temp file was renamed away


@pytest.mark.parametrize("cut", [10, 200, -5])
def test_truncated_record_is_refused_with_place(tmp_path, cut):
    spec = make_spec()
    s = Session(spec, seed=3)
    play_random(s, 40, seed=1)
    text = s.record.to_json()
    path = tmp_path / "cut.m41.json"
    path.write_text(text[:cut])
    with pytest.raises(RecordError) as info:
        load_record(path)
    msg = str(info.value)
    assert str(path) in msg and ("truncated" in msg or "damaged" in msg)


def test_garbage_and_wrong_records_are_refused(tmp_path):
    bad = tmp_path / "bad.m41.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(RecordError, match="not UTF-8"):
        load_record(bad)
    bad.write_text("")
    with pytest.raises(RecordError, match="empty"):
        load_record(bad)
    bad.write_text(json.dumps({"header": {"format": "other"}}))
    with pytest.raises(RecordError, match="header"):
        load_record(bad)
    bad.write_text(json.dumps([1, 2, 3]))
    with pytest.raises(RecordError, match="no header"):
        load_record(bad)
    with pytest.raises(RecordError, match="cannot open"):
        load_record(tmp_path / "missing.json")


def _edited(record: GameRecord, edit) -> GameRecord:
    data = json.loads(record.to_json())
    edit(data)
    return GameRecord.from_dict(data)


def _game():
    spec = make_spec()
    s = Session(spec, seed=9)
    play_random(s, 120, seed=4)
    return spec, s.record


def test_changed_scenario_is_detected():
    spec, record = _game()
    record.scenario_hash = "0" * 32
    with pytest.raises(ReplayError, match="edited since"):
        list(iter_replay(record, spec))


def test_moved_unit_is_detected_at_its_step():
    spec, record = _game()
    k = next(i for i, st in enumerate(record.steps) if st.order.startswith("move"))
    uid = record.steps[k].order.split()[1]

    def edit(d):
        d["steps"][k]["order"] = f"move {uid} 0101"

    result = replay(_edited(record, edit), spec)
    assert result.divergence is not None
    assert result.divergence.step == k + 1  # steps count from 1


def test_reordered_orders_are_detected():
    spec, record = _game()
    k = next(i for i, st in enumerate(record.steps[:-1])
             if st.order == "end" and record.steps[i + 1].order.startswith("move"))

    def edit(d):
        d["steps"][k], d["steps"][k + 1] = d["steps"][k + 1], d["steps"][k]

    result = replay(_edited(record, edit), spec)
    assert result.divergence is not None and result.divergence.step <= k + 2


def test_changed_chance_outcome_is_detected():
    spec, record = _game()
    record.setup_chance.append(("weather", 6, 1))
    result = replay(record, spec)
    assert result.divergence is not None and result.divergence.step == 0


def test_tampered_turn_checksum_reports_diff():
    spec, record = _game()
    record.turns[1].unit_hex[0] = (record.turns[1].unit_hex[0] + 7) % spec.map.size
    record.turns[1].checksum = "f" * 32
    result = replay(record, spec)
    d = result.divergence
    assert d is not None and d.step == record.turns[1].step
    assert any("unit g0 hex" in line for line in d.diff)


def test_undo_is_not_recorded_and_replays():
    spec = make_spec()
    s = Session(spec, seed=1)
    s.submit("move g1 0403")
    assert s.can_undo
    s.submit("move g0 0201")
    assert s.undo() and s.undo() and not s.undo()
    assert s.record.steps == []
    s.submit("end")
    assert not s.can_undo  # phase ended: nothing to take back
    assert replay(s.record, spec).divergence is None
