"""Cross-checks between the rules' ruleset sections and the core sections (names must exist)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ruleset import Ruleset


def _unknown(where: str, names: Iterable[str], known: Iterable[str], what: str) -> list[str]:
    known = list(known)
    bad = [n for n in names if n not in known]
    return [f"{where}: unknown {what} {n!r} (known: {', '.join(known)})" for n in bad]


def section_problems(rs: Ruleset) -> list[str]:
    """Every name in the weather, supply, exploitation and combat sections that the ruleset does not define."""
    grounds = rs.movement.grounds
    out: list[str] = []
    if rs.weather is not None:
        for w, table in rs.weather.ground_after.items():
            out += _unknown(f"weather.ground_after.{w}", [*table, *table.values()], grounds, "ground")
        out += _unknown("weather.ground_after", rs.weather.ground_after, rs.weather.types, "weather type")
    if rs.supply is not None:
        out += _unknown("supply.trace_class", [rs.supply.trace_class], rs.movement.classes, "movement class")
        out += _unknown("supply.range_mp", rs.supply.range_mp, grounds, "ground")
        missing = [g for g in grounds if g not in rs.supply.range_mp]
        if missing:
            out.append(f"supply.range_mp: no range for ground {', '.join(missing)}")
    if rs.exploitation is not None:
        out += _unknown("exploitation.classes", rs.exploitation.classes, rs.movement.classes, "movement class")
        out += _unknown("exploitation.allowance_pct", rs.exploitation.allowance_pct, grounds, "ground")
    if rs.combat is not None:
        sh = rs.combat.shifts
        out += _unknown("combat.shifts.terrain", sh.terrain, rs.terrain, "terrain")
        out += _unknown("combat.shifts.hexsides", sh.hexsides, rs.hexsides, "hexside type")
        for name, table in sh.hexsides.items():
            out += _unknown(f"combat.shifts.hexsides.{name}", table, [*grounds, "default"], "ground")
        out += _unknown("combat.shifts.ground", sh.ground, grounds, "ground")
        out += _unknown("combat.armour_class", rs.combat.armour_class, rs.unit_types, "unit type")
        out += _unknown("combat.anti_tank", rs.combat.anti_tank, rs.unit_types, "unit type")
    return out
