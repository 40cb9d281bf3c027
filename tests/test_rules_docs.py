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
    assert f"**{s.range_mp['dry']:g} MP** on dry or frozen ground, **{s.range_mp['mud']:g} MP** in mud" in DOC
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
