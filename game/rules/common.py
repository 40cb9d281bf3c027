"""Small helpers shared by the rules modules: locations, layers, counters, hex distances."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from game.state import GameState


def resolve(state_or_spec: Any, ref: Any) -> int:
    """Hex index of a location reference (label, place name, [lat, lon], ``Where`` mapping).

    Uses ``ScenarioSpec.locate`` (the scenario's locator); for hand-built
    scenarios without a locator, hex labels and settlement names work.
    """
    spec = getattr(state_or_spec, "spec", state_or_spec)
    if spec.locator is not None:
        return int(spec.locate(ref))
    hex_label = getattr(ref, "hex", None)
    place = getattr(ref, "place", None)
    if getattr(ref, "dir", None) is None:
        if hex_label is not None:
            ref = hex_label
        elif place is not None:
            ref = place
    if isinstance(ref, str):
        if not ref.isdigit():
            s = spec.map.settlement_by_name(ref)
            if s is None:
                raise ValueError(f"unknown place {ref!r}")
            return s.index
        return spec.map.index_of_label(ref)
    return int(spec.locate(ref))


def layer(state: GameState, name: str, dtype: type = np.int8) -> np.ndarray:
    """The hex layer ``name``, created zeroed if missing."""
    arr = state.hexes.get(name)
    if arr is None:
        arr = np.zeros(state.spec.map.size, dtype)
        state.hexes[name] = arr
    return arr


def side_name(state: GameState, side: int) -> str:
    return state.spec.sides[side].name


def rule_value(state: GameState, key: str) -> int | None:
    """A rule value set in play by a trigger (``set_rule``), or None."""
    v = state.counters.get(f"rule.{key}")
    return None if v is None else int(v)


def hex_distance(state: GameState, a: int, others: np.ndarray | None = None) -> np.ndarray:
    """Hex distance from hex ``a`` to ``others`` (default: every hex)."""
    m = state.spec.map
    q, r = (m.q, m.r) if others is None else (m.q[others], m.r[others])
    dq = q - m.q[a]
    dr = r - m.r[a]
    return (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2


def pct(value: int) -> Fraction:
    """A percentage as an exact fraction."""
    return Fraction(int(value), 100)


def due_turn(state_or_spec: Any, turn: int | None, date: Any) -> int:
    """The turn an entry given by turn or date falls on (the first turn on or after the date)."""
    spec = getattr(state_or_spec, "spec", state_or_spec)
    if turn is not None:
        return int(turn)
    days = (date - spec.start_date).days
    return max(1, -(-days // spec.days_per_turn) + 1)


def nearest_free_hex(state: GameState, target: int, side: int, extra: np.ndarray | None = None) -> int:
    """The hex nearest ``target`` a unit of ``side`` may be placed in, or -1.

    Free: on the map, not held by enemy units, room under the stacking limit,
    not impassable ground. Among equally near hexes, one outside enemy zones of
    control is preferred, then the lowest index. ``extra`` adds friendly counts.
    """
    from game.movement import enemy_zoc
    from game.ruleset import IMPASSABLE

    m = state.spec.map
    t = state.spec.ruleset.tables
    enemy = state.occupancy(1 - side) > 0
    friends = state.occupancy(side) + (0 if extra is None else extra)
    ground = state.hexes["ground"]
    passable = (t.terrain_cost[:, m.terrain, ground] < IMPASSABLE).any(axis=0)
    free = ~enemy & (friends < t.stacking.max_units) & passable
    if not free.any():
        return -1
    zoc = enemy_zoc(state, side)
    dist = hex_distance(state, target)
    key = dist * 4 + zoc.astype(np.int64) * 2
    key = np.where(free, key, np.iinfo(np.int64).max)
    best = int(np.argmin(key))
    return best if free[best] else -1
