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
    # the file's list (Mozhaisk weighs most) replaces the default of every VP place: Moscow is left out
    mozhaisk = spec.map.settlement_by_name("Mozhaisk").index
    moscow = spec.map.settlement_by_name("Moscow").index
    assert mozhaisk in hexes.tolist() and weights.max() == weights[hexes.tolist().index(mozhaisk)]
    assert moscow not in hexes.tolist()


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


def _pincer_session(operations: list[dict]) -> Session:
    """Two Soviet rifle units west of a German wall (0501-0503) with a gap to the south; a panzer at 0106.

    The Soviets draw supply from the east edge through the gap 0504-0506. Moscow (0903) is the
    German objective; an operation can send the panzer into the gap instead.
    """
    m = build_map(["." * 9] * 6, settlements={"Vyazma": "0202", "Moscow": "0903"})
    units = [(unit(f"g{r}", 0), f"05{r:02d}") for r in (1, 2, 3)]
    units += [(unit("pz", 0, "panzer"), "0106")]
    units += [(unit("s1", 1, "rifle"), "0203"), (unit("s2", 1, "rifle"), "0204"), (unit("s3", 1, "rifle"), "0303")]
    control = np.zeros(m.size, np.int8)
    control[np.tile(np.arange(m.width), m.height) >= 5] = 1
    data = {
        "weather": {"mode": "historical", "calendar": [{"dates": ["1941-01-01", "1942-12-31"], "weather": "clear",
                                                        "temperature": "mild"}]},
        "supply": {"sides": {"german": {"map_edges": ["W"]}, "soviet": {"map_edges": ["E"]}}},
        "initial_control": control,
        "ai": {"german": {"aggression": 1.0, "objectives": ["Moscow"], "operations": operations},
               "soviet": {"posture": [{"from_turn": 1, "posture": "defend"}]}},
    }
    return Session(build_spec(m, units, turns=3, rules_data=data), 7)


WALL = {"name": "the wall stands", "units": ["g1", "g2", "g3"]}
PINCER = {"name": "pincer", "units": ["pz"], "objective": "0505", "until_turn": 2}


def _after_german_move(operations: list[dict]) -> tuple[dict[str, str], list[str]]:
    """Where the German units stand after one normal-AI movement phase, and the Soviet units cut off."""
    from game.rules.supply import pockets

    session = _pincer_session(operations)
    AIPlayer(0, "normal", budget_s=0, strict=True).play_phase(session)
    state = session.state
    m = session.spec.map
    where = {u: m.label_of(int(state.units["hex"][state.unit_index(u)])) for u in ("g1", "g2", "g3", "pz")}
    return where, sorted(state.spec.units[u].id for p in pockets(state, 1) for u in p.units)


def test_an_operation_closes_the_pocket_the_side_wide_objectives_leave_open():
    plain, plain_cut = _after_german_move([WALL])
    pincer, pincer_cut = _after_german_move([WALL, PINCER])
    # the hold order keeps the wall where it stands; without the pincer the panzer heads for Moscow
    assert [plain[u] for u in ("g1", "g2", "g3")] == ["0501", "0502", "0503"], plain
    assert plain_cut == [] and plain["pz"] != "0505", plain
    # with it the panzer drives into the gap and the three Soviet units are cut off
    assert pincer["pz"] in ("0504", "0505", "0506", "0604", "0605", "0606"), pincer  # in or beside the gap
    assert pincer_cut == ["s1", "s2", "s3"], pincer


def test_operations_run_in_their_window_only():
    tuning = side_tuning({"ai": {"german": {"operations": [PINCER, {**WALL, "from_turn": 2}]}}}, "german")
    pincer, wall = tuning.operations
    assert [pincer.active_on(t) for t in (1, 2, 3)] == [True, True, False]
    assert [wall.active_on(t) for t in (1, 2, 99)] == [False, True, True] and wall.objective is None
    with pytest.raises(TuningError, match="until_turn 1 is before from_turn 2"):
        side_tuning({"ai": {"german": {"operations": [{**PINCER, "from_turn": 2, "until_turn": 1}]}}}, "german")


def test_a_waypoint_operation_ends_once_its_objective_is_held():
    from game.ai.picture import operation_targets

    waypoint = {"name": "through 0605", "units": ["pz"], "objective": "0605", "hold": False}
    session = _pincer_session([waypoint, {**PINCER, "objective": "0506"}])
    tuning = side_tuning(session.spec.rules_data, "german")
    p = build_picture(session.state, 0, tuning, "attack")
    pz = session.state.unit_index("pz")
    m = session.spec.map
    assert m.label_of(operation_targets(p, tuning)[pz]) == "0605"
    session.state.hexes["control"][m.index_of_label("0605")] = 0  # taken: the next operation takes over
    assert m.label_of(operation_targets(p, tuning)[pz]) == "0506"


@pytest.mark.parametrize("ground,ranged,fallback", [("dry", 8, 7), ("mud", 4, 5), ("deep_mud", 3, 4),
                                                    ("frozen", 8, 6), ("snow", 3, 5)])
def test_supply_range_in_hexes_follows_the_ground_by_name(ground: str, ranged: int, fallback: int) -> None:
    import yaml

    from game.ai.picture import SUPPLY_RANGE_STEPS, _supply_range
    from game.ruleset import Ruleset
    from tests.builders import ROOT

    def range_under(rs: Ruleset | None) -> int:
        m = build_map(["...."], ruleset=rs)
        s = Session(build_spec(m, [(unit("g", 0, ruleset=rs), "0101")], ruleset=rs), seed=1)
        s.state.hexes["ground"][:] = s.spec.ruleset.tables.grounds.index(ground)
        return _supply_range(s.state)

    # standard ruleset: supply.range_mp over the foot cost of a clear hex, e.g. deep mud 6 MP / 2 = 3 hexes,
    # mud 7 / 1.5 = 4, snow 6 / 2 = 3, dry 8 / 1 = 8
    assert range_under(None) == ranged
    # a ruleset without supply rules (so no supply.range_mp) falls back on the table, looked up by the ground's name
    data = yaml.safe_load((ROOT / "scenarios/rulesets/standard.yaml").read_text(encoding="utf-8"))
    data.pop("supply")
    rs = Ruleset.model_validate(data)
    assert SUPPLY_RANGE_STEPS[ground] == fallback and range_under(rs) == fallback
