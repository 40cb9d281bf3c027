"""Per-hex overlay data (pure numpy; drawn by ``maprender``).

Each overlay is a uint8 [N, 4] RGBA array (alpha 0 = leave the hex alone) and
optionally a uint8 [N, 6, 4] array of coloured hexside lines.
"""

from __future__ import annotations

import numpy as np

from game.movement import enemy_zoc, reach_all
from game.state import GameState
from game.ui.theme import RGB
from game.units import UnitStatus

Overlay = tuple[np.ndarray, np.ndarray | None]


def compute(name: str, state: GameState, viewer: int, side_fill: tuple[tuple[RGB, RGB], ...]) -> Overlay | None:
    """The overlay ``name`` as the ``viewer`` side sees it, or None if the scenario has no data for it."""
    fn = {
        "control": control_overlay,
        "zoc": zoc_overlay,
        "supply": supply_overlay,
        "threat": threat_overlay,
    }.get(name)
    if fn is None:
        return None
    return fn(state, viewer, side_fill)


def control_overlay(state: GameState, viewer: int, side_fill) -> Overlay:  # noqa: ANN001
    """Hexes tinted by the side that controls them; the line between the sides drawn along hexsides."""
    m = state.spec.map
    control = state.hexes["control"].astype(np.int16)
    rgba = np.zeros((m.size, 4), np.uint8)
    for side in (0, 1):
        rgba[control == side, :3] = side_fill[side][0]
        rgba[control == side, 3] = 46
    nb = m.neighbors
    other = np.where(nb >= 0, control[np.maximum(nb, 0)], -1)
    front = (nb >= 0) & (control[:, None] >= 0) & (other >= 0) & (other != control[:, None])
    edges = np.zeros((m.size, 6, 4), np.uint8)
    edges[front] = (150, 24, 24, 210)
    return rgba, edges


def zoc_overlay(state: GameState, viewer: int, side_fill) -> Overlay:  # noqa: ANN001
    """Enemy zones of control in red, the viewer's own in blue."""
    enemy = enemy_zoc(state, viewer)
    own = enemy_zoc(state, 1 - viewer)
    rgba = np.zeros((state.spec.map.size, 4), np.uint8)
    rgba[own] = (60, 110, 230, 60)
    rgba[enemy] = (235, 50, 40, 80)
    rgba[enemy & own] = (170, 60, 160, 90)
    return rgba, None


def supply_layer(state: GameState, side: int) -> np.ndarray | None:
    """A per-hex supply trace layer for ``side`` if the rules provide one (True = in supply range)."""
    for key in (f"supply_{side}", f"supply_range_{side}", f"supplied_{side}"):
        layer = state.hexes.get(key)
        if layer is not None:
            return np.asarray(layer) > 0
    layer = state.hexes.get("supply")
    if layer is not None and np.asarray(layer).ndim == 2:
        return np.asarray(layer)[side] > 0
    return None


def supply_overlay(state: GameState, viewer: int, side_fill) -> Overlay:  # noqa: ANN001
    """The viewer's supply trace range (green) and units' supply state (green / amber / red)."""
    from game.ui.rulesinfo import supply_trace

    m = state.spec.map
    rgba = np.zeros((m.size, 4), np.uint8)
    per_hex = supply_trace(state, viewer)
    if per_hex is not None:
        rgba[per_hex == 0] = (90, 200, 90, 34)
        rgba[per_hex == 1] = (240, 180, 60, 60)
        rgba[per_hex == 2] = (60, 30, 30, 70)
    else:
        trace = supply_layer(state, viewer)
        if trace is not None:
            rgba[trace] = (90, 200, 90, 40)
            rgba[~trace] = (40, 30, 30, 50)
    units = state.units_on_map(viewer)
    colors = {0: (70, 200, 80, 110), 1: (240, 170, 40, 140), 2: (230, 40, 30, 150)}
    for level in (0, 1, 2):
        sel = units[state.units["supply"][units] == level]
        rgba[state.units["hex"][sel]] = colors[level]
    return rgba, None


def threat_strengths(state: GameState, viewer: int) -> tuple[np.ndarray, np.ndarray]:
    """(enemy attack that can reach each hex's neighbourhood next turn, viewer's defence per hex)."""
    m = state.spec.map
    enemy = 1 - viewer
    probe = state.clone()
    eu = probe.units_on_map(enemy)
    probe.units["mp"][eu] = state.spec.unit_allowance[eu]
    reaches = reach_all(probe, enemy)
    spec = state.spec
    att_ps = np.array([u.attack_per_step for u in spec.units])
    def_ps = np.array([u.defence_per_step for u in spec.units])
    attack_at = np.zeros(m.size)
    for u in eu.tolist():
        r = reaches.get(u)
        ok = np.zeros(m.size, bool)
        ok[int(state.units["hex"][u])] = True
        if r is not None:
            ok |= r.cost >= 0
        # a unit threatens every hex adjacent to a hex it can reach
        threatened = np.zeros(m.size, bool)
        nb = m.neighbors[ok]
        threatened[nb[nb >= 0]] = True
        attack_at[threatened] += att_ps[u] * state.units["steps"][u]
    own = state.units_on_map(viewer)
    defence = np.zeros(m.size)
    np.add.at(defence, state.units["hex"][own], def_ps[own] * state.units["steps"][own])
    return attack_at, defence


def threat_overlay(state: GameState, viewer: int, side_fill) -> Overlay:  # noqa: ANN001
    """Raw odds the enemy could bring against each of the viewer's stacks next turn (every enemy unit
    that can reach an adjacent hex with a full allowance; the hex panel gives the exact odds with shifts)."""
    m = state.spec.map
    rgba = np.zeros((m.size, 4), np.uint8)
    attack, defence = threat_strengths(state, viewer)
    held = defence > 0
    odds = np.zeros(m.size)
    odds[held] = attack[held] / defence[held]
    bands = [(0.5, (120, 200, 120, 70)), (1.0, (240, 220, 80, 110)), (2.0, (245, 150, 40, 140)),
             (3.0, (230, 50, 30, 170))]
    for lo, col in bands:
        rgba[held & (odds >= lo)] = col
    return rgba, None


def unit_on_map(state: GameState, u: int) -> bool:
    return int(state.units["status"][u]) == UnitStatus.ON_MAP
