"""Weather: the 1941 calendar, ground persistence, the variable table, and what weather changes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from game.chance import ScriptedChance
from game.movement import edge_costs
from game.rules.scenario_data import WeatherDef
from game.rules.weather import current_weather, weather_step
from game.setup import start_game
from tests.builders import build_map, build_spec, unit
from tests.rules_builders import calendar, make_state, weather_1941


def _run_calendar(weather: dict, start: dt.date, turns: int) -> list[tuple[dt.date, str, str, str]]:
    m = build_map(["...", "..."])
    spec = build_spec(m, [(unit("g", 0), "0101"), (unit("s", 1), "0302")], turns=turns, rules_data={"weather": weather})
    spec = dataclasses.replace(spec, start_date=start)
    state, _ = start_game(spec, ScriptedChance([]))
    out = []
    for _ in range(turns):
        now = current_weather(state)
        out.append((state.date, now.weather, now.temperature, now.ground))
        state.turn += 1
        weather_step(state, ScriptedChance([]))
    return out


def test_1941_calendar_is_valid_and_gives_october_mud_and_november_freeze() -> None:
    WeatherDef.model_validate(weather_1941())
    days = _run_calendar(weather_1941(), dt.date(1941, 9, 30), 49)
    ground = {d: g for d, _, _, g in days}
    assert ground[dt.date(1941, 9, 30)] == "dry" and ground[dt.date(1941, 10, 6)] == "dry"
    # snow melting on unfrozen ground makes mud from the first turn after 6 October (8 October) ...
    october_mid = [g for d, g in ground.items() if dt.date(1941, 10, 8) <= d <= dt.date(1941, 10, 18)]
    assert len(october_mid) == 6 and set(october_mid) == {"mud"}
    # ... and the heavy rain from 19 October turns it to deep mud (turns of 20 October - 1 November)
    october_late = [g for d, g in ground.items() if dt.date(1941, 10, 19) <= d <= dt.date(1941, 11, 2)]
    assert len(october_late) == 7 and set(october_late) == {"deep_mud"}
    # the mid-November freeze ends the mud and the ground stays frozen to the end of November
    after = [g for d, g in ground.items() if dt.date(1941, 11, 12) <= d <= dt.date(1941, 11, 29)]
    assert after and set(after) == {"frozen"}
    # the dry first cold wave firms deep mud to mud (no hard freeze yet), which stays through the 8 Nov thaw
    assert ground[dt.date(1941, 11, 3)] == "mud" and ground[dt.date(1941, 11, 5)] == "mud"
    assert ground[dt.date(1941, 11, 9)] == "mud"
    # December: snow cover and extreme cold
    dec = {d: (t, g) for d, _, t, g in days if dt.date(1941, 12, 4) <= d <= dt.date(1941, 12, 6)}
    assert {g for _, g in dec.values()} == {"snow"} and {t for t, _ in dec.values()} == {"extreme"}


def test_mud_persists_until_hard_freeze_and_thaw_brings_it_back() -> None:
    w = calendar(("1941-10-01", "1941-10-03", "rain", "mild"), ("1941-10-04", "1941-10-07", "clear", "mild"),
                 ("1941-10-08", "1941-10-09", "frost", "cold"), ("1941-10-10", "1941-10-11", "clear", "mild"),
                 ("1941-10-12", "1941-10-13", "thaw", "mild"))
    days = _run_calendar(w, dt.date(1941, 10, 2), 6)
    assert [g for *_, g in days] == ["mud", "mud", "mud", "frozen", "frozen", "mud"]


def test_rain_on_mud_makes_deep_mud_and_a_dry_turn_firms_it_back() -> None:
    w = calendar(("1941-10-01", "1941-10-05", "rain", "mild"), ("1941-10-06", "1941-10-09", "clear", "mild"),
                 ("1941-10-10", "1941-10-11", "rain", "mild"), ("1941-10-12", "1941-10-13", "snow", "mild"),
                 ("1941-10-14", "1941-10-15", "thaw", "mild"), ("1941-10-16", "1941-10-17", "frost", "cold"))
    days = _run_calendar(w, dt.date(1941, 10, 2), 8)
    # 2 Oct rain: dry -> mud; 4 Oct rain: mud -> deep mud; 6 Oct clear: deep mud -> mud; 8 Oct clear: mud stays;
    # 10 Oct rain: mud -> deep mud; 12 Oct snow and 14 Oct thaw: deep mud stays; 16 Oct frost: frozen
    assert [g for *_, g in days] == ["mud", "deep_mud", "mud", "mud", "deep_mud", "deep_mud", "deep_mud", "frozen"]


def test_calendar_may_force_the_ground() -> None:
    w = calendar(("1941-10-01", "1941-10-31", "clear", "mild"))
    w["calendar"][0]["ground"] = "snow"
    state = make_state(["..."], [(unit("g", 0), "0101")], {"weather": w})
    assert set(state.hexes["ground"].tolist()) == {state.spec.ruleset.tables.grounds.index("snow")}


def test_variable_weather_draws_through_the_chance_source() -> None:
    w = {"mode": "variable", "monthly": [{"month": 10, "weather": {"clear": 3, "rain": 5},
                                          "temperature": {"mild": 1, "cold": 1}}]}
    # weight 3 of clear then 5 of rain: value 3 -> rain; temperature value 1 -> cold
    chance = [3, 1]
    state = make_state(["..."], [(unit("g", 0), "0101")], {"weather": w}, chance=chance)
    now = current_weather(state)
    assert (now.weather, now.temperature, now.ground) == ("rain", "cold", "mud")
    log = ScriptedChance([2, 0])
    state.turn += 1
    weather_step(state, log)
    assert [k for k, _, _ in log.log] == ["weather", "temperature"]
    assert current_weather(state).weather == "clear" and current_weather(state).ground == "mud"  # mud lingers


def test_weather_event_names_the_effects() -> None:
    w = calendar(("1941-10-01", "1941-10-31", "rain", "mild"))
    m = build_map(["..."])
    spec = build_spec(m, [(unit("g", 0), "0101")], rules_data={"weather": w})
    _, events = start_game(spec, ScriptedChance([]))
    text = [e.text() for e in events if type(e).__name__ == "WeatherChanged"][0]
    # mud: open ground foot 1.5 MP, wheeled 2 (dry 1); supply range 7 MP (dry 8)
    assert "ground dry -> mud" in text and "wheeled x2" in text and "foot x1.5" in text and "no flying" in text
    assert "supply range 7 MP (dry 8)" in text
    state, _ = start_game(spec, ScriptedChance([]))
    state.turn += 1
    text = [e.text() for e in weather_step(state, ScriptedChance([])) if type(e).__name__ == "WeatherChanged"][0]
    # a second turn of rain: deep mud, open ground foot 2 MP, wheeled 4; supply range 6 MP
    assert "ground mud -> deep_mud" in text and "wheeled x4" in text and "foot x2" in text
    assert "supply range 6 MP (dry 8)" in text


@pytest.mark.parametrize("ground,cls,expected", [("dry", "foot", 1), ("mud", "foot", 1.5), ("mud", "wheeled", 2),
                                                 ("mud", "tracked", 1.5), ("deep_mud", "foot", 2),
                                                 ("deep_mud", "wheeled", 4), ("deep_mud", "tracked", 3),
                                                 ("snow", "ski", 1), ("snow", "wheeled", 3)])
def test_ground_feeds_movement_costs(ground: str, cls: str, expected: float) -> None:
    w = calendar(("1941-10-01", "1941-10-31", "clear", "mild"))
    w["calendar"][0]["ground"] = ground
    state = make_state(["....", "...."], [(unit("g", 0), "0101")], {"weather": w})
    t = state.spec.ruleset.tables
    costs = edge_costs(state, t.classes.index(cls))
    assert np.all(costs == expected * 4)  # open ground everywhere, in ticks of 1/4 MP


def test_mud_on_paved_highway_costs_the_same_but_unpaved_road_does_not_help_much() -> None:
    from tests.builders import add_road

    def roads(m):  # noqa: ANN001, ANN202
        add_road(m, ["0101", "0201"], "highway")
        add_road(m, ["0101", "0102"], "road")

    w = calendar(("1941-10-01", "1941-10-31", "rain", "mild"))   # turn 1: rain on dry ground makes mud
    state = make_state(["....", "...."], [(unit("g", 0), "0301")], {"weather": w}, map_hook=roads)
    t = state.spec.ruleset.tables
    m = state.spec.map
    src, dst, _ = m.edges
    a, b, c = m.index_of_label("0101"), m.index_of_label("0201"), m.index_of_label("0102")
    costs = edge_costs(state, t.classes.index("wheeled"))
    assert current_weather(state).ground == "mud"
    assert costs[(src == a) & (dst == b)][0] == 2  # highway 0.5 MP even in mud
    assert costs[(src == a) & (dst == c)][0] == 6  # unpaved road in mud: 1.5 MP for wheeled (open ground 2)
    state.turn += 1
    weather_step(state, ScriptedChance([]))         # turn 2: rain on mud makes deep mud
    costs = edge_costs(state, t.classes.index("wheeled"))
    assert current_weather(state).ground == "deep_mud"
    assert costs[(src == a) & (dst == b)][0] == 2  # highway 0.5 MP even in deep mud
    assert costs[(src == a) & (dst == c)][0] == 12  # unpaved road in deep mud: 3 MP for wheeled (open ground 4)


def test_the_shipped_scenarios_calendar_gives_the_rasputitsa_and_the_freeze() -> None:
    import yaml

    from tests.builders import ROOT

    with open(ROOT / "scenarios/common/moscow41.yaml", encoding="utf-8") as fh:
        w = yaml.safe_load(fh)["weather"]
    ground = {d: g for d, _, _, g in _run_calendar(w, dt.date(1941, 9, 30), 49)}
    # the scenarios keep the ground firm during 7-12 October's first rains, then force mud on 13-18 October
    # (turns of 14, 16, 18 October) and deep mud, the rasputitsa at its worst, on 19 October - 2 November
    assert ground[dt.date(1941, 10, 2)] == "dry" and ground[dt.date(1941, 10, 12)] == "dry"
    assert [g for d, g in ground.items() if dt.date(1941, 10, 13) <= d <= dt.date(1941, 10, 18)] == ["mud"] * 3
    assert [g for d, g in ground.items() if dt.date(1941, 10, 19) <= d <= dt.date(1941, 11, 2)] == ["deep_mud"] * 7
    assert {g for d, g in ground.items() if dt.date(1941, 11, 12) <= d <= dt.date(1941, 11, 29)} == {"frozen"}
