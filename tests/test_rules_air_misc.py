"""Air interdiction and schedules, replacements, the movement report, game options."""

from __future__ import annotations

from game.chance import ScriptedChance
from game.movement import reach
from game.rules.air import air_points, interdiction_phase_step, scheduled_points
from game.rules.engine import apply_order, check_order
from game.rules.options import available_options, with_options
from game.rules.orders import Interdict
from game.rules.replacements import replacements_step
from game.rules.supply import movement_report_step
from game.rules.turn import reset_movement
from tests.builders import build_map, build_spec, unit
from tests.rules_builders import calendar, make_state, weather_1941


def test_interdiction_costs_the_enemy_movement_until_the_next_own_phase() -> None:
    units = [(unit("g", 0), "0101"), (unit("s", 1), "0601")]
    state = make_state(["......"], units, {"air": {"german": [{"points": 3}]}})
    assert air_points(state, 0) == 3
    assert {v.code for v in check_order(state, Interdict("0401", 3))} == {"too-much-air"}
    events = apply_order(state, Interdict("0401", 2), ScriptedChance([]))
    assert "+2 MP" in events[0].text() and air_points(state, 0) == 1
    # the Soviet movement phase: the German interdiction applies to the Soviets
    state.active_side, state.half = 1, 1
    interdiction_phase_step(state, ScriptedChance([]))
    reset_movement(state, ScriptedChance([]))
    s = state.unit_index("s")
    r = reach(state, s)
    m = state.spec.map
    assert r.cost[m.index_of_label("0501")] == 4 and r.cost[m.index_of_label("0401")] == 4 + 12  # 1 MP + (1+2) MP
    # the next German movement phase: its interdiction lapses
    state.active_side, state.half = 0, 0
    interdiction_phase_step(state, ScriptedChance([]))
    assert not state.hexes["interdict.0"].any()


def test_air_schedule_by_date_and_grounding_in_bad_weather() -> None:
    air = {"german": [{"points": 6, "note": "Luftflotte 2"}, {"from_date": "1941-10-06", "points": 2,
                                                                 "note": "Luftflotte 2 leaves"}]}
    state = make_state(["..."], [(unit("g", 0), "0101")], {"air": air})
    assert scheduled_points(state, 0) == (6, "Luftflotte 2")
    state.turn = 3  # 6 October
    assert scheduled_points(state, 0) == (2, "Luftflotte 2 leaves")
    rain = make_state(["..."], [(unit("g", 0), "0101")],
                      {"air": air, "weather": calendar(("1941-01-01", "1942-01-01", "rain", "mild"))})
    assert air_points(rain, 0) == 0
    assert {v.code for v in check_order(rain, Interdict("0201", 1))} == {"no-air-points", "no-flying"}


def test_replacements_go_to_supplied_worn_units_only() -> None:
    rows = ["........"] * 3
    units = [(unit("a", 0), "0101"), (unit("b", 0), "0102"), (unit("c", 0), "0103"), (unit("s", 1), "0802")]
    rd = {"replacements": {"german": [{"steps": 3}]},
          "supply": {"sides": {"german": {"map_edges": ["W"]}, "soviet": {"map_edges": ["E"]}}}}
    state = make_state(rows, units, rd, control="west-east")
    a, b, c = (state.unit_index(x) for x in "abc")
    state.units["steps"][a] = 1
    state.units["steps"][b] = 2
    state.units["supply"][c] = 2  # out of supply: gets nothing
    state.units["steps"][c] = 1
    events = replacements_step(state, ScriptedChance([]))
    assert list(state.units["steps"][[a, b, c]]) == [2, 3, 1]  # one per unit per turn; c is out of supply
    assert events[0].text() == ("Germany replacements: 2 step(s): a, b "
                                "(1 found no supplied, worn unit out of enemy contact)")


def test_movement_report_names_the_causes() -> None:
    cold = calendar(("1941-01-01", "1942-12-31", "clear", "severe"))
    state = make_state(["...."], [(unit("g", 0), "0101"), (unit("s", 1), "0401")],
                       {"weather": cold, "winter": {"winterized_sides": ["soviet"]}})
    ev = movement_report_step(state, ScriptedChance([]))
    assert ev[0].text() == "Germany movement allowance reduced: 1 unit severe cold, not winterized 75%"
    assert state.units["mp"][state.unit_index("g")] == 12  # 4 MP x 75 %


def test_game_options_make_a_scenario_variant() -> None:
    m = build_map(["..."])
    spec = build_spec(m, [(unit("g", 0), "0101")], rules_data={"weather": weather_1941(), "fog": {"enabled": False}})
    assert available_options(spec) == {"weather": ("historical", "variable"), "fog": (False, True)}
    same = with_options(spec, {"weather": "historical", "fog": False})
    assert same is spec
    v = with_options(spec, {"weather": "variable", "fog": True})
    assert v.rules.weather.mode == "variable" and v.rules.fog.enabled
    assert v.content_hash == "test-hash+weather=variable+fog=on" and spec.rules.weather.mode == "historical"
