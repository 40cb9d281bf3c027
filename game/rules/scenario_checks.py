"""Checks of a scenario's rule data against its ruleset and units (for the scenario loader).

``rules_data_problems(spec)`` lists every name the rule sections use that the
ruleset or the scenario does not define, in plain sentences with the dotted
path of the value (``weather.calendar.3.weather: unknown weather 'rian' ...``).
"""

from __future__ import annotations

from game.spec import ScenarioSpec


def rules_data_problems(spec: ScenarioSpec) -> list[str]:
    """Every problem of the rule sections of ``spec`` (empty when all is well)."""
    out: list[str] = []
    rules = spec.rules
    rs = spec.ruleset
    sides = [s.id for s in spec.sides]

    def name_in(path: str, value: str, known, what: str) -> None:  # noqa: ANN001
        known = list(known)
        if value not in known:
            out.append(f"{path}: unknown {what} {value!r} (the ruleset has {', '.join(known) or 'none'})")

    w = rules.weather
    if w is not None:
        if rs.weather is None:
            out.append("weather: the ruleset has no weather rules, so this section has no effect")
        else:
            for i, p in enumerate(w.calendar):
                name_in(f"weather.calendar.{i}.weather", p.weather, rs.weather.types, "weather")
                name_in(f"weather.calendar.{i}.temperature", p.temperature, rs.weather.temperatures, "temperature")
            for i, m in enumerate(w.monthly):
                for k in m.weather:
                    name_in(f"weather.monthly.{i}.weather", k, rs.weather.types, "weather")
                for k in m.temperature:
                    name_in(f"weather.monthly.{i}.temperature", k, rs.weather.temperatures, "temperature")
                if sum(m.weather.values()) <= 0 or sum(m.temperature.values()) <= 0:
                    out.append(f"weather.monthly.{i}: the weights must add up to more than 0")
                if any(v < 0 for v in (*m.weather.values(), *m.temperature.values())):
                    out.append(f"weather.monthly.{i}: weights cannot be negative")
    for key, table in (("air", rules.air), ("replacements", rules.replacements)):
        for side in table:
            name_in(f"{key}.{side}", side, sides, "side")
    if rules.supply is not None:
        for side in rules.supply.sides:
            name_in(f"supply.sides.{side}", side, sides, "side")
    if rules.victory is not None:
        if rules.victory.levels and rules.victory.levels[-1].min_points is not None:
            out.append("victory.levels: the last level needs no min_points, so that every score has a result")
        mins = [lv.min_points for lv in rules.victory.levels if lv.min_points is not None]
        if mins != sorted(mins, reverse=True):
            out.append("victory.levels: list the levels from the highest min_points to the lowest")
    placed = {u.id for u, p in zip(spec.units, spec.placements, strict=True) if p >= 0}
    arriving: list[tuple[str, str]] = [(f"reinforcements.{i}", uid) for i, r in enumerate(rules.reinforcements)
                                       for uid in r.units]
    arriving += [(f"triggers.{t.id}", uid) for t in rules.triggers for a in t.then if a.reinforce
                 for uid in a.reinforce.units]
    for path, uid in arriving:
        if uid in placed:
            out.append(f"{path}: unit {uid!r} already starts on the map (give it no 'at' to let it arrive)")
    return out
