"""docs/rules.md states the numbers of the standard ruleset: the CRT, the shifts and the supply figures."""

from __future__ import annotations

import re

from tests.builders import ROOT, standard_ruleset

DOC = (ROOT / "docs/rules.md").read_text(encoding="utf-8")


def test_documented_crt_is_the_ruleset_crt() -> None:
    c = standard_ruleset().combat
    for col in c.columns:
        row = " | ".join(c.table[col.name])
        assert f"| {col.name} | {row} |" in DOC, col.name


def test_documented_supply_and_air_numbers() -> None:
    rs = standard_ruleset()
    s = rs.supply
    assert s.range_mp["dry"] == s.range_mp["frozen"] and s.range_mp["deep_mud"] == s.range_mp["snow"]
    assert (f"**{s.range_mp['dry']:g} MP** on dry or frozen ground, **{s.range_mp['mud']:g} MP** in mud,\n"
            f"  **{s.range_mp['deep_mud']:g} MP** in deep mud or snow") in DOC
    assert f"within {s.low_extra_mp:g} MP more" in DOC
    assert f"**{s.rail_convert_per_turn}\nhexes**" in DOC or f"**{s.rail_convert_per_turn} hexes**" in DOC
    assert f"within **{rs.fog.sighting_hexes} hexes**" in DOC
    assert f"N ≤ {rs.air.max_support_points} points" in DOC
    out = [(o.attack_pct, o.defence_pct, o.movement_pct) for o in s.out]
    rows = re.findall(r"\| out, [^|]+ \| (\d+) % \| (\d+) % \| (\d+) % \|", DOC)
    assert [tuple(int(x) for x in r) for r in rows] == out


def test_documented_temperature_effects() -> None:
    wr = standard_ruleset().weather
    for band in ("severe", "extreme"):
        e = wr.temperatures[band].unwinterized
        assert f"| {band} | {e.attack_pct} % | {e.defence_pct} % | {e.movement_pct} % |" in DOC


def test_ruleset_sections_must_name_what_the_ruleset_defines() -> None:
    import pytest
    import yaml
    from pydantic import ValidationError

    from game.ruleset import Ruleset

    data = yaml.safe_load((ROOT / "scenarios/rulesets/standard.yaml").read_text(encoding="utf-8"))
    data["combat"]["shifts"]["terrain"]["forrest"] = -1
    data["supply"]["range_mp"].pop("snow")
    with pytest.raises(ValidationError) as info:
        Ruleset.model_validate(data)
    text = str(info.value)
    assert "unknown terrain 'forrest'" in text and "no range for ground snow" in text


def test_scenario_rule_data_is_checked_against_the_ruleset() -> None:
    from game.rules.scenario_checks import rules_data_problems
    from tests.builders import build_map, build_spec, unit

    m = build_map(["...."])
    rd = {"weather": {"mode": "historical", "calendar": [
        {"dates": ["1941-10-01", "1941-10-31"], "weather": "rian", "temperature": "mild"}]},
        "air": {"germans": [{"points": 2}]},
        "reinforcements": [{"units": ["g"], "turn": 2, "at": "0101"}]}
    spec = build_spec(m, [(unit("g", 0), "0101")], rules_data=rd)
    problems = rules_data_problems(spec)
    assert any(p.startswith("weather.calendar.0.weather: unknown weather 'rian'") for p in problems)
    assert any(p.startswith("air.germans: unknown side 'germans'") for p in problems)
    assert any("unit 'g' already starts on the map" in p for p in problems)
    # result levels and weather weights are checked by the models themselves (so files get a line number)
    import pytest
    from pydantic import ValidationError

    from game.rules.scenario_data import MonthlyWeather, VictoryDef

    with pytest.raises(ValidationError, match="the last result level needs no min_points"):
        VictoryDef.model_validate({"scoring_side": "german", "levels": [{"min_points": 0, "level": "draw"}]})
    with pytest.raises(ValidationError, match="weights must add up to more than 0"):
        MonthlyWeather.model_validate({"month": 10, "weather": {"rain": 0}, "temperature": {"mild": 1}})
    ok = build_spec(m, [(unit("g", 0), "0101")], rules_data={"weather": rd["weather"] | {"calendar": [
        {"dates": ["1941-10-01", "1941-10-31"], "weather": "rain", "temperature": "mild"}]}})
    assert rules_data_problems(ok) == []


def test_documented_movement_costs_are_the_ruleset_costs() -> None:
    t = standard_ruleset().tables
    assert "| terrain | class | " + " | ".join(g.replace("_", " ") for g in t.grounds) + " |" in DOC
    cell = r" \| ([\d.—]+)"
    rows = re.findall(r"^\| (\w+) \| (\w+)" + cell * len(t.grounds) + r" \|$", DOC, re.M)
    rows = [r for r in rows if r[0] != "odds"]  # the CRT's header row has as many columns
    assert len(rows) >= 17
    for terrain, cls, *costs in rows:
        classes = t.classes if cls == "all" else (cls,)
        for c in classes:
            for g, text in enumerate(costs):
                ticks = t.terrain_cost[t.classes.index(c), t.terrain_names.index(terrain), g]
                assert (text == "—") == (ticks >= 10**6) and (text == "—" or float(text) * 4 == ticks), (terrain, c, g)


def test_documented_exploitation_numbers() -> None:
    ex = standard_ruleset().exploitation
    assert set(ex.allowance_pct.values()) == {50} and set(ex.allowance_pct) == {"dry", "frozen"}
    assert ex.classes == ["tracked", "wheeled"] and ex.supply == ["supplied"]
    assert ("its **tracked and wheeled** units" in DOC and "**fully supplied**" in DOC
            and "**50 %**" in DOC and "**dry or\nfrozen**" in DOC)
