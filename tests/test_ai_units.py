"""The AI's parts: scenario tuning, move sequencing, fog of war, time budget, look-ahead values."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import AIPlayer, make_player, play_game
from game.ai.config import SideTuning, TuningError, side_tuning
from game.ai.lookahead import apply_plan, evaluate
from game.ai.moves import PlannedMove, sequence
from game.ai.picture import build_picture, resolve_objectives
from game.ai.rulesapi import observe
from game.orders import EndPhase
from game.session import Session
from game.sim.runner import load_spec
from tests.ai_maps import front_spec
from tests.builders import build_map, build_spec, unit


def test_tuning_from_rules_data():
    posture = [{"from_turn": 1, "posture": "attack"}, {"from_turn": 5, "posture": "defend"}]
    data = {"ai": {"german": {"aggression": 1.5, "objectives": ["Moscow", {"place": "Tula", "weight": 3}],
                              "posture": posture}}}
    t = side_tuning(data, "german")
    assert t.aggression == 1.5
    assert t.objectives == (("Moscow", 1.0), ("Tula", 3.0))
    assert [t.posture_on(k, "auto") for k in (1, 4, 5, 9)] == ["attack", "attack", "defend", "defend"]
    assert side_tuning(data, "soviet") == SideTuning()
    assert side_tuning({}, "german").posture_on(3, "auto") == "auto"


@pytest.mark.parametrize("bad", [
    {"ai": {"german": {"agression": 1}}},
    {"ai": {"german": {"aggression": 9}}},
    {"ai": {"german": {"posture": [{"from_turn": 1, "posture": "charge"}]}}},
    {"ai": {"german": {"objectives": [7]}}},
])
def test_tuning_errors_are_readable(bad):
    with pytest.raises(TuningError, match="ai.german"):
        side_tuning(bad, "german")


def test_shipped_scenario_tuning_is_read():
    spec = load_spec("mozhaisk")
    t = side_tuning(spec.rules_data, "german")
    assert t.aggression > 1.0 and t.posture_on(1, "auto") == "attack"
    hexes, weights = resolve_objectives(Session(spec, 1).state, 0, t)
    moscow = spec.map.settlement_by_name("Moscow").index
    assert moscow in hexes.tolist() and weights.max() == weights[hexes.tolist().index(moscow)]


def test_sequence_lets_units_leave_before_others_enter():
    occupancy = np.array([1, 1, 0])
    moves = [PlannedMove(0, 1, "line"), PlannedMove(1, 2, "line")]  # unit 0 enters hex 1 held by unit 1
    out = sequence(moves, occupancy, cap=1, start={0: 0, 1: 1})
    assert [m.unit for m in out] == [1, 0]
    swap = [PlannedMove(0, 1, "line"), PlannedMove(1, 0, "line")]  # a cycle of full hexes cannot be made
    assert sequence(swap, occupancy, cap=1, start={0: 0, 1: 1}) == []


def _fog_spec():
    rows = ["." * 16] * 8
    units = [(unit("g1", 0, "panzer"), "0104"), (unit("g2", 0), "0105"), (unit("s1", 1, "rifle"), "0404"),
             (unit("s_far", 1, "rifle"), "1608")]
    return build_spec(build_map(rows), units, turns=3, rules_data={"fog": {"enabled": True}})


def test_ai_plays_from_the_observation_only():
    spec = _fog_spec()
    a, b = Session(spec, 3), Session(spec, 3)
    far = spec.unit_index["s_far"]
    b.state.units["hex"][far] = spec.map.index_of_label("1601")  # moved where the Germans cannot see
    assert observe(a.state, 0).units["status"][far] == 0  # hidden
    assert observe(a.state, 0).checksum() == observe(b.state, 0).checksum()
    for s in (a, b):
        AIPlayer(0, "hard", budget_s=0, strict=True).play_phase(s)
    assert [x.order for x in a.record.steps] == [x.order for x in b.record.steps]


def test_fog_game_has_no_illegal_orders():
    spec = _fog_spec()
    result = play_game(spec, 5, (make_player("hard", 0, strict=True, budget_s=0),
                                 make_player("normal", 1, strict=True, budget_s=0)))
    assert result.refused == [] and result.session.state.game_over


def test_time_budget_still_ends_the_phase_legally():
    spec = front_spec()
    session = Session(spec, 2)
    player = AIPlayer(0, "hard", budget_s=1e-9, strict=True)
    player.play_phase(session)
    assert session.state.phase == "combat"
    assert session.record.steps[-1].order == EndPhase().text()


def test_lookahead_values_holding_an_objective():
    rows = ["........"] * 6
    m = build_map(rows, settlements={"Moscow": "0603"})
    units = [(unit("g1", 0, "panzer"), "0203"), (unit("s1", 1, "rifle"), "0703")]
    spec = build_spec(m, units, turns=3)
    view = Session(spec, 1).state
    moscow = m.index_of_label("0603")
    view.hexes["control"][moscow] = 1
    p = build_picture(view, 1, SideTuning(), "defend")
    assert p.threat_next[moscow] > 0
    s1 = spec.unit_index["s1"]
    held = evaluate(apply_plan(view, [PlannedMove(s1, moscow, "line")]), p, 1.0)
    away = evaluate(apply_plan(view, [PlannedMove(s1, m.index_of_label("0805"), "line")]), p, 1.0)
    assert held > away
