"""Hand-built maps and scenarios for tests (no YAML involved)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import numpy as np
import yaml

from game.hexgrid import OffsetSystem
from game.mapmodel import HexMap, Settlement
from game.ruleset import Ruleset
from game.spec import ScenarioSpec, SideSpec
from game.units import UnitDef

ROOT = Path(__file__).resolve().parent.parent
TERRAIN_CHARS = {".": "clear", "f": "forest", "s": "swamp", "c": "city", "~": "lake"}


@functools.cache
def standard_ruleset() -> Ruleset:
    """The shipped standard ruleset."""
    with open(ROOT / "scenarios/rulesets/standard.yaml", encoding="utf-8") as fh:
        return Ruleset.model_validate(yaml.safe_load(fh))


def build_map(rows: list[str], ruleset: Ruleset | None = None, settlements: dict[str, str] | None = None) -> HexMap:
    """A map from rows of terrain characters ('.', 'f', 's', 'c', '~'); one char per column."""
    rs = ruleset or standard_ruleset()
    t = rs.tables
    height, width = len(rows), len(rows[0])
    codes = np.array([t.terrain_names.index(TERRAIN_CHARS[ch]) for row in rows for ch in row], np.int8)
    m = HexMap(
        width=width, height=height, offsets=OffsetSystem(flat=True, parity="odd"), terrain_names=t.terrain_names,
        terrain=codes, hexside_names=t.hexside_names, road_names=t.road_names,
    )
    if settlements:
        m.settlements = tuple(
            Settlement(name, m.index_of_label(label), size=2, victory_points=1) for name, label in settlements.items()
        )
    return m


def unit(uid: str, side: int, unit_type: str = "infantry", ruleset: Ruleset | None = None, **kw) -> UnitDef:
    """A unit definition with the ruleset's defaults for its type."""
    rs = ruleset or standard_ruleset()
    ut = rs.unit_types[unit_type]
    fields = dict(
        id=uid, side=side, name=kw.pop("name", uid), unit_type=unit_type, symbol=ut.symbol,
        movement_class=ut.movement_class, steps=ut.steps, attack_per_step=ut.attack_per_step,
        defence_per_step=ut.defence_per_step, movement=ut.movement, exerts_zoc=ut.exerts_zoc,
    )
    fields.update(kw)
    return UnitDef(**fields)


def build_spec(
    hex_map: HexMap, units: list[tuple[UnitDef, str | None]], turns: int = 5, ruleset: Ruleset | None = None, **kw
) -> ScenarioSpec:
    """A scenario spec from a map and (unit, start label or None) pairs."""
    rs = ruleset or standard_ruleset()
    return ScenarioSpec(
        id=kw.pop("id", "test"), title="test",
        sides=(SideSpec("german", "Germany"), SideSpec("soviet", "Soviet Union")),
        map=hex_map, ruleset=rs, units=tuple(u for u, _ in units),
        placements=tuple(-1 if lab is None else hex_map.index_of_label(lab) for _, lab in units),
        start_date=dt.date(1941, 10, 2), days_per_turn=2, turns=turns, content_hash=kw.pop("content_hash", "test-hash"),
        **kw,
    )


def _direction(hex_map: HexMap, a: str, b: str) -> tuple[int, int]:
    ia, ib = hex_map.index_of_label(a), hex_map.index_of_label(b)
    d = hex_map.hex_of(ia).direction_to(hex_map.hex_of(ib))
    if d is None:
        raise ValueError(f"{a} and {b} are not adjacent")
    return ia, d


def add_hexside(hex_map: HexMap, a: str, b: str, kind: str) -> None:
    """Put a hexside feature (e.g. 'minor_river') on the edge between adjacent hexes a and b."""
    ia, d = _direction(hex_map, a, b)
    hex_map.set_hexside(ia, d, hex_map.hexside_names.index(kind))


def add_road(hex_map: HexMap, labels: list[str], kind: str = "road") -> None:
    """Lay a road of ``kind`` through consecutive adjacent hexes."""
    code = hex_map.road_names.index(kind)
    for a, b in zip(labels, labels[1:], strict=False):
        ia, d = _direction(hex_map, a, b)
        hex_map.set_link(hex_map.road, ia, d, code)


def add_rail(hex_map: HexMap, labels: list[str]) -> None:
    """Lay a railway through consecutive adjacent hexes."""
    for a, b in zip(labels, labels[1:], strict=False):
        ia, d = _direction(hex_map, a, b)
        hex_map.set_link(hex_map.rail, ia, d, True)
