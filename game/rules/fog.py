"""Fog of war: what a side may know.

With fog on (scenario ``fog.enabled`` or a trigger's ``set_rule: fog``), a
side sees the enemy units standing within its sighting range: the ruleset's
``fog.sighting_hexes`` plus this turn's weather ``sighting`` modifier (never
below ``fog.min_sighting_hexes``), counted in hexes from each of its units.
The UI and the AI must use ``observation(state, side)`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules.common import rule_value
from game.state import GameState
from game.units import UnitStatus, new_unit_columns


def fog_enabled(state: GameState) -> bool:
    """True when fog of war is on in this game."""
    v = rule_value(state, "fog")
    if v is not None:
        return bool(v)
    return bool(state.spec.rules.fog.enabled) and state.spec.ruleset.fog is not None


def sighting_range(state: GameState) -> int:
    """Sighting range in hexes this turn."""
    fr = state.spec.ruleset.fog
    if fr is None:
        return 0
    from game.rules.weather import current_weather

    now = current_weather(state)
    mod = now.sighting if now is not None else 0
    return max(fr.min_sighting_hexes, fr.sighting_hexes + mod)


def visible_hexes(state: GameState, side: int) -> np.ndarray:
    """Boolean per hex: within sighting range of one of ``side``'s units."""
    m = state.spec.map
    seen = np.zeros(m.size, bool)
    seen[state.units["hex"][state.units_on_map(side)]] = True
    nb = m.neighbors
    valid = nb >= 0
    for _ in range(sighting_range(state)):
        grown = seen.copy()
        grown |= (seen[np.where(valid, nb, 0)] & valid).any(axis=1)
        seen = grown
    return seen


@dataclass
class Observation:
    """What ``side`` may know.

    ``visible``: bool per hex in sight; ``visible_units``: indices of the
    units the side may know about (its own on the map and enemy units in
    sight); ``state``: a copy of the state in which every other enemy unit is
    off the map (status pending, hex -1, its columns zeroed), safe to plan on.
    Without fog ``visible`` is all True and ``state`` is the state itself
    (do not change it).
    """

    side: int
    fog: bool
    visible: np.ndarray
    visible_units: np.ndarray
    state: GameState

    def sees(self, unit_index: int) -> bool:
        return bool(np.isin(unit_index, self.visible_units))


def _known(state: GameState, side: int) -> tuple[np.ndarray, np.ndarray]:
    """(visible hexes, indices of the units on the map ``side`` may know about)."""
    on_map = state.units_on_map()
    vis = visible_hexes(state, side)
    sides = state.spec.unit_side[on_map]
    return vis, on_map[(sides == side) | vis[state.units["hex"][on_map]]]


def observation(state: GameState, side: int) -> Observation:
    """What ``side`` may know of ``state`` (see ``Observation``).

    Enemy units that are eliminated, withdrawn or not yet arrived keep their
    status in the view; only enemy units on the map out of sight are removed.
    """
    on_map = state.units_on_map()
    if not fog_enabled(state):
        return Observation(side, False, np.ones(state.spec.map.size, bool), on_map, state)
    vis, known = _known(state, side)
    hidden = np.setdiff1d(on_map[state.spec.unit_side[on_map] != side], known)
    view = state.clone()
    blank = new_unit_columns(len(hidden))
    for name, col in view.units.items():
        col[hidden] = blank[name]
    view.units["status"][hidden] = UnitStatus.PENDING
    return Observation(side, True, vis, known, view)


def revealed_information(before: GameState, after: GameState, side: int) -> bool:
    """True if ``after`` shows ``side`` an enemy unit it could not see in ``before`` (for undo)."""
    if not fog_enabled(after):
        return False
    a = set(_known(before, side)[1].tolist())
    b = _known(after, side)[1].tolist()
    enemy = after.spec.unit_side != side
    return any(enemy[u] and u not in a for u in b)
