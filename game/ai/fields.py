"""Vectorised map fields the AI reasons with: distances, threat, support, terrain value.

Every field is a numpy array indexed by hex. Distances run one multi-source
``scipy.sparse.csgraph.dijkstra`` over the hex graph; neighbourhood sums use the
map's ``neighbors`` table. No per-hex Python loops.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from game.mapmodel import HexMap
from game.movement import edge_costs
from game.ruleset import IMPASSABLE, MP_TICKS
from game.state import GameState

INF = np.inf

TERRAIN_DEFENCE: dict[str, float] = {"city": 2.0, "forest": 1.0, "swamp": 1.5, "clear": 0.0, "lake": -1.0}
"""Default defensive value of terrain (column shifts); the combat rules' table overrides it."""
RIVER_DEFENCE = 0.5
"""Defensive value per river or canal hexside of a hex."""


def cost_graph(state: GameState, move_class: int) -> sp.csr_matrix:
    """Hex graph (N x N) with the entry cost in MP of every edge for one movement class, ignoring units."""
    m = state.spec.map
    src, dst, _ = m.edges
    cost = edge_costs(state, move_class).astype(np.float64)
    ok = cost < IMPASSABLE
    # csgraph treats explicit zeros as missing edges: keep a tiny positive floor.
    weights = np.maximum(cost[ok] / MP_TICKS, 1e-6)
    return sp.csr_matrix((weights, (src[ok], dst[ok])), shape=(m.size, m.size))


def distance_to(graph: sp.csr_matrix, targets: np.ndarray, limit: float = INF) -> np.ndarray:
    """Cost from every hex to the nearest of ``targets`` (inf where there is no path)."""
    targets = np.unique(np.asarray(targets, np.int64))
    if len(targets) == 0:
        return np.full(graph.shape[0], INF)
    return dijkstra(graph.T.tocsr(), directed=True, indices=targets, min_only=True, limit=limit)


def distance_from(graph: sp.csr_matrix, sources: np.ndarray, limit: float = INF) -> np.ndarray:
    """Cost from the nearest of ``sources`` to every hex (inf where unreachable)."""
    sources = np.unique(np.asarray(sources, np.int64))
    if len(sources) == 0:
        return np.full(graph.shape[0], INF)
    return dijkstra(graph, directed=True, indices=sources, min_only=True, limit=limit)


def hex_steps(m: HexMap, sources: np.ndarray) -> np.ndarray:
    """Hex steps from the nearest of ``sources`` to every hex (inf if none)."""
    sources = np.unique(np.asarray(sources, np.int64))
    if len(sources) == 0:
        return np.full(m.size, INF)
    return dijkstra(m.adjacency, directed=False, unweighted=True, indices=sources, min_only=True)


def neighbour_sum(m: HexMap, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` over the six neighbours of every hex."""
    nb = m.neighbors
    padded = np.append(values, 0)
    return padded[np.where(nb >= 0, nb, len(values))].sum(axis=1)


def neighbour_max(m: HexMap, values: np.ndarray, empty: float = 0.0) -> np.ndarray:
    """Maximum of ``values`` over the six neighbours of every hex."""
    nb = m.neighbors
    padded = np.append(values.astype(np.float64), empty)
    return padded[np.where(nb >= 0, nb, len(values))].max(axis=1)


def ruleset_section(state: GameState, name: str) -> dict:
    """A ruleset section as plain data ({} when the ruleset has none)."""
    value = getattr(state.spec.ruleset, name, None)
    if value is None:
        extra = getattr(state.spec.ruleset, "model_extra", None) or {}
        value = extra.get(name)
    dump = getattr(value, "model_dump", None)
    return (dump() if dump is not None else value) or {}


def terrain_defence(state: GameState) -> np.ndarray:
    """Defensive value of every hex in combat-table columns: terrain, fortifications, rivers.

    Read from the combat rules' shifts when the ruleset has them (a shift of -1
    for the defender is worth 1), else from ``TERRAIN_DEFENCE``.
    """
    m = state.spec.map
    ground = state.hexes["ground"]
    key = ground.tobytes()
    cache = getattr(m, "_ai_terrain_defence", None)
    if cache is not None and cache[0] == key:
        return cache[1]
    shifts = ruleset_section(state, "combat").get("shifts") or {}
    if shifts:
        terrain = shifts.get("terrain") or {}
        table = np.array([-float(terrain.get(name, 0)) for name in m.terrain_names])
        forts = [-float(x) for x in shifts.get("fortification") or [0]]
        fort = np.array(forts)[np.minimum(m.fort.astype(np.int64), len(forts) - 1)]
        grounds = state.spec.ruleset.tables.grounds
        side_table = np.zeros((len(m.hexside_names), len(grounds)))
        for k, name in enumerate(m.hexside_names):
            by_ground = (shifts.get("hexsides") or {}).get(name)
            if by_ground:
                default = float(by_ground.get("default", 0))
                side_table[k] = [-float(by_ground.get(g, default)) for g in grounds]
        river = side_table[m.hexside.astype(np.int64), ground.astype(np.int64)[:, None]].sum(axis=1) / 3.0
        value = table[m.terrain] + fort + river
    else:
        table = np.array([TERRAIN_DEFENCE.get(name, 0.0) for name in m.terrain_names])
        value = table[m.terrain] + m.fort.astype(np.float64)
        rivers = np.array([("river" in name or "canal" in name) for name in m.hexside_names])
        value += RIVER_DEFENCE * rivers[m.hexside].sum(axis=1)
    value.flags.writeable = False
    m._ai_terrain_defence = (key, value)  # type: ignore[attr-defined]
    return value


def hex_distance_matrix(m: HexMap, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hex steps between every hex of ``a`` (rows) and every hex of ``b`` (columns)."""
    dq = m.q[a][:, None] - m.q[b][None, :]
    dr = m.r[a][:, None] - m.r[b][None, :]
    return (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2
