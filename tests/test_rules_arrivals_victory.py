"""Reinforcements, withdrawals, triggers and victory (points, sudden death, levels, history)."""

from __future__ import annotations

from game.chance import ScriptedChance
from game.events import GameEnded
from game.rules.arrivals import arrivals_step, pending_arrivals
from game.rules.hooks import final_result
from game.rules.triggers import begin_turn_triggers, end_turn_triggers
from game.rules.victory import outcome, scored_points, victory_points, victory_step
from game.units import UnitStatus
from tests.builders import unit
from tests.rules_builders import make_state

ROWS = ["......"] * 5
TOWNS = {"Vyazma": "0202", "Moscow": "0503"}

VICTORY = {
    "scoring_side": "german",
    "objectives": [{"at": "Vyazma", "points": 5, "turns": [2], "at_end": False}, {"at": "Moscow", "points": 10}],
    "sudden_death": [{"side": "german", "capture": ["Moscow"], "text": "Moscow has fallen"}],
    "levels": [
        {"min_points": 10, "winner": "german", "level": "decisive"},
        {"min_points": 5, "winner": "german", "level": "marginal"},
        {"min_points": -4, "level": "draw"},
        {"min_points": -9, "winner": "soviet", "level": "marginal"},
        {"winner": "soviet", "level": "decisive"},
    ],
    "historical": {"points": -10, "winner": "soviet", "level": "decisive",
                   "text": "Soviet decisive victory: Moscow held, Army Group Centre thrown back"},
}


def _state(**kw):  # noqa: ANN003, ANN202
    units = [(unit("g", 0), "0101"), (unit("s", 1), "0505"),
             (unit("sib1", 1, "rifle", name="32nd Rifle (Siberian)"), None),
             (unit("sib2", 1, "rifle", name="78th Rifle (Siberian)"), None),
             (unit("late", 1, "cavalry"), None)]
    return make_state(ROWS, units, kw.pop("rules_data", {}), settlements=TOWNS, turns=kw.pop("turns", 10), **kw)


def test_reinforcements_arrive_on_schedule_and_move_aside_when_blocked() -> None:
    rd = {"reinforcements": [{"units": ["sib1", "sib2"], "turn": 2, "at": "Vyazma", "note": "from the Far East"},
                             {"units": ["late"], "date": "1941-10-05", "at": "0505"}]}
    state = _state(rules_data=rd)
    assert pending_arrivals(state, 1) == [(2, ("sib1", "sib2")), (3, ("late",))]
    g = state.unit_index("g")
    vyazma = state.spec.map.index_of_label("0202")
    state.units["hex"][g] = vyazma  # the Germans sit on the arrival hex
    state.turn = 2
    events = arrivals_step(state, ScriptedChance([]))
    s1, s2 = state.unit_index("sib1"), state.unit_index("sib2")
    assert state.units["status"][s1] == state.units["status"][s2] == UnitStatus.ON_MAP
    hexes = {int(state.units["hex"][s1]), int(state.units["hex"][s2])}
    assert vyazma not in hexes
    m = state.spec.map
    assert all(m.hex_of(h).distance(m.hex_of(vyazma)) == 1 for h in hexes)
    assert "near 0202 (arrival hex blocked)" in events[0].text() and "from the Far East" in events[0].text()
    assert state.units["status"][state.unit_index("late")] == UnitStatus.PENDING
    state.turn = 3  # 5 October falls in turn 3 (4-5 October)
    arrivals_step(state, ScriptedChance([]))
    assert state.units["hex"][state.unit_index("late")] == m.index_of_label("0505")  # stacks with friends


def test_withdrawals_leave_the_map() -> None:
    state = _state(rules_data={"withdrawals": [{"units": ["g"], "turn": 2, "note": "to Army Group South"}]})
    state.turn = 2
    events = arrivals_step(state, ScriptedChance([]))
    g = state.unit_index("g")
    assert state.units["status"][g] == UnitStatus.WITHDRAWN and state.units["hex"][g] == -1
    assert events[0].text() == "Germany withdraws g — to Army Group South"


def test_objectives_score_at_their_turns_and_the_end_and_levels_compare_with_history() -> None:
    state = _state(rules_data={"victory": VICTORY}, turns=3)
    m = state.spec.map
    vyazma = m.index_of_label("0202")
    state.hexes["control"][vyazma] = 0
    assert victory_points(state) == {"german": 0, "soviet": 0}  # Moscow is nobody's yet
    state.hexes["control"][m.index_of_label("0503")] = 1
    assert victory_points(state) == {"german": 0, "soviet": 10}  # standing: Moscow would score at the end
    state.turn = 2
    events = victory_step(state, ScriptedChance([]))
    assert scored_points(state, 0) == 5 and "Vyazma 5 to Germany" in events[0].text()
    state.turn = 3
    victory_step(state, ScriptedChance([]))
    assert scored_points(state, 1) == 10 and scored_points(state, 0) == 5  # Vyazma scores only on turn 2
    o = outcome(state)
    assert (o.winner, o.level, o.net_points) == ("soviet", "marginal", -5)
    reason, winner = final_result(state)
    assert winner == "soviet" and "Soviet Union marginal victory" in reason
    assert "Germany 5 VP, Soviet Union 10 VP" in reason
    assert "Historically: Soviet decisive victory" in reason and "Germany did 5 point(s) better than history" in reason


def test_sudden_death_on_moscow() -> None:
    state = _state(rules_data={"victory": VICTORY})
    state.hexes["control"][state.spec.map.index_of_label("0503")] = 0
    events = victory_step(state, ScriptedChance([]))
    assert state.game_over
    end = [e for e in events if isinstance(e, GameEnded)][0]
    assert end.winner == "german" and "Moscow has fallen" in end.reason and "decisive" in end.reason


def test_triggers_fire_once_on_turn_and_on_capture() -> None:
    rd = {"triggers": [
        {"id": "shock_army", "when": {"place_captured": {"at": "Vyazma", "by": "german"}},
         "then": [{"reinforce": {"units": ["sib1"], "at": "Moscow"}}, {"message": "Stavka releases its reserve"},
                  {"set_rule": {"key": "air.soviet", "value": 5}}]},
        {"id": "winter", "when": {"on_turn": 2}, "then": [{"set_rule": {"key": "winterized.german", "value": 1}}]},
    ], "air": {"soviet": [{"points": 1}]}}
    state = _state(rules_data=rd)
    assert end_turn_triggers(state, ScriptedChance([])) == []
    state.hexes["control"][state.spec.map.index_of_label("0202")] = 0
    texts = [e.text() for e in end_turn_triggers(state, ScriptedChance([]))]
    assert "Stavka releases its reserve" in texts
    assert state.units["hex"][state.unit_index("sib1")] == state.spec.map.index_of_label("0503")
    assert state.counters["rule.air.soviet"] == 5
    assert end_turn_triggers(state, ScriptedChance([])) == []  # once only
    from game.rules.air import scheduled_points

    assert scheduled_points(state, 1)[0] == 5
    assert begin_turn_triggers(state, ScriptedChance([])) == []
    state.turn = 2
    begin_turn_triggers(state, ScriptedChance([]))
    assert state.counters["rule.winterized.german"] == 1
