"""Movement: edge costs, zones of control and the vectorised reachable-set search.

The search runs ``scipy.sparse.csgraph.dijkstra`` over a split graph: every hex
has an *arrival* node (index i) and a *departure* node (N + i). Moving from hex
a to hex b is an edge departure(a) -> arrival(b) costing the entry cost; the
edge arrival(i) -> departure(i) costs nothing and is present only where a unit
may go on (not in an enemy zone of control). Units start from their departure
node, so a unit that begins in an enemy ZOC may leave it, but a unit that
enters one stops. Enemy-occupied hexes have no incoming edges.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from game.ruleset import IMPASSABLE
from game.state import GameState


class _LRU(OrderedDict):
    """A tiny least-recently-used cache."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: object, make):  # noqa: ANN001, ANN201
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


def _map_cache(state: GameState, name: str, size: int) -> _LRU:
    m = state.spec.map
    cache = m.__dict__.get(name)
    if cache is None:
        cache = _LRU(size)
        m.__dict__[name] = cache
    return cache


def _digest(*arrays: np.ndarray | None) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        h.update(b"|" if a is None else a.tobytes())
    return h.digest()


def edge_costs(state: GameState, move_class: int) -> np.ndarray:
    """Cached ``compute_edge_costs``: recomputed only when ground or extra costs change."""
    key = (move_class, _digest(state.hexes["ground"], state.hexes.get("move_extra")))
    cache = _map_cache(state, "_edge_cost_cache", 32)
    return cache.get_or(key, lambda: compute_edge_costs(state, move_class))


def compute_edge_costs(state: GameState, move_class: int) -> np.ndarray:
    """Cost in ticks of every directed map edge for one movement class.

    Cost = min(terrain entry + hexside crossing, road cost along a road link
    [+ crossing if the road type has no bridges]) + any extra entry cost layer
    (``state.hexes["move_extra"]``, e.g. air interdiction).
    """
    m = state.spec.map
    t = state.spec.ruleset.tables
    src, dst, d = m.edges
    ground = state.hexes["ground"][dst]
    terrain_c = t.terrain_cost[move_class, m.terrain[dst], ground]
    side_code = m.hexside[src, d]
    cross_c = t.hexside_cost[move_class, side_code, ground]
    road_code = m.road[src, d]
    road_c = t.road_cost[move_class, road_code, ground] + np.where(t.road_bridges[road_code], 0, cross_c)
    cost = np.minimum(terrain_c + cross_c, road_c)
    extra = state.hexes.get("move_extra")
    if extra is not None:
        cost = cost + extra[dst]
    return np.minimum(cost, IMPASSABLE)


def enemy_zoc(state: GameState, side: int) -> np.ndarray:
    """Boolean per hex: in the zone of control of a unit hostile to ``side``."""
    m = state.spec.map
    enemies = state.units_on_map(1 - side)
    enemies = enemies[state.spec.unit_zoc[enemies]]
    hexes = state.units["hex"][enemies]
    zoc = np.zeros(m.size, bool)
    if len(hexes) == 0:
        return zoc
    nb = m.neighbors[hexes]  # (k, 6)
    blocks = state.spec.ruleset.tables.hexside_blocks_zoc[m.hexside[hexes]]
    targets = nb[(nb >= 0) & ~blocks]
    zoc[targets] = True
    return zoc


@dataclass
class MoveContext:
    """Masks shared by every unit of one side in one state."""

    side: int
    enemy_occupied: np.ndarray
    zoc: np.ndarray
    friendly_count: np.ndarray


def move_context(state: GameState, side: int) -> MoveContext:
    """Compute the side-wide masks once."""
    return MoveContext(
        side=side,
        enemy_occupied=state.occupancy(1 - side) > 0,
        zoc=enemy_zoc(state, side),
        friendly_count=state.occupancy(side),
    )


class _GraphStructure:
    """CSR structure of the split graph for one map (built once, cached on the map)."""

    def __init__(self, n: int, src: np.ndarray, dst: np.ndarray) -> None:
        self.n = n
        # rows 0..n-1: arrival(i) -> departure(i); rows n..2n-1: departure(i) -> arrival(dst)
        counts = np.concatenate([np.ones(n, np.int64), np.bincount(src, minlength=n)])
        self.indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        self.indices = np.concatenate([np.arange(n) + n, dst]).astype(np.int32)


def _structure(state: GameState) -> _GraphStructure:
    m = state.spec.map
    cached = getattr(m, "_move_graph_structure", None)
    if cached is None:
        src, dst, _ = m.edges
        cached = _GraphStructure(m.size, src, dst)
        m._move_graph_structure = cached  # type: ignore[attr-defined]
    return cached


def _position_key(state: GameState) -> bytes:
    return _digest(state.units["hex"], state.units["status"], state.hexes["ground"], state.hexes.get("move_extra"))


def movement_graph(
    state: GameState, move_class: int, ctx: MoveContext, position_key: bytes | None = None
) -> sp.csr_matrix:
    """The split graph for one movement class under a side's masks (cached per position)."""
    key = (ctx.side, move_class, position_key or _position_key(state))
    cache = _map_cache(state, "_move_graph_cache", 24)
    return cache.get_or(key, lambda: _build_graph(state, move_class, ctx))


def cached_context(state: GameState, side: int, position_key: bytes | None = None) -> MoveContext:
    """``move_context`` cached per position (the masks depend only on units and ground)."""
    key = (side, position_key or _position_key(state))
    return _map_cache(state, "_move_ctx_cache", 8).get_or(key, lambda: move_context(state, side))


def _build_graph(state: GameState, move_class: int, ctx: MoveContext) -> sp.csr_matrix:
    st = _structure(state)
    t = state.spec.ruleset.tables
    cost = edge_costs(state, move_class).astype(np.float64)
    _, dst, _ = state.spec.map.edges
    cost[ctx.enemy_occupied[dst]] = np.inf
    cost[cost >= IMPASSABLE] = np.inf
    through = np.where(ctx.zoc & t.zoc.entering_stops, np.inf, 0.0)
    data = np.concatenate([through, cost])
    n2 = 2 * st.n
    return sp.csr_matrix((data, st.indices, st.indptr), shape=(n2, n2))


@dataclass
class Reach:
    """Where one unit can go: cost in ticks per hex (-1 = unreachable) and paths."""

    unit: int
    start: int
    cost: np.ndarray
    predecessors: np.ndarray
    stop_in_zoc: np.ndarray

    def reachable(self) -> np.ndarray:
        """Hex indices the unit may end its move in (excluding its own hex)."""
        return np.nonzero(self.cost > 0)[0]

    def path_to(self, target: int) -> list[int]:
        """Hex indices from start to ``target`` inclusive ([] if unreachable)."""
        if target == self.start:
            return [target]
        if self.cost[target] < 0:
            return []
        n = len(self.cost)
        path = [target]
        node = target  # arrival node of target
        while True:
            node = int(self.predecessors[node])
            if node < 0:
                return []
            hex_index = node - n if node >= n else node
            if node >= n and hex_index == self.start:
                break
            if node < n:
                path.append(hex_index)
        path.append(self.start)
        path.reverse()
        return path


def _reach_from_rows(
    state: GameState, units: np.ndarray, dist: np.ndarray, pred: np.ndarray, ctx: MoveContext
) -> list[Reach]:
    n = state.spec.map.size
    tables = state.spec.ruleset.tables
    full = ctx.friendly_count >= tables.stacking.max_units
    may_leave = tables.zoc.may_leave
    out = []
    for row, u in enumerate(units):
        start = int(state.units["hex"][u])
        mp = int(state.units["mp"][u])
        arrive = dist[row, :n]
        arrive[(arrive > mp) | full] = -1
        cost = arrive.astype(np.int32)
        cost[start] = 0
        if not may_leave and ctx.zoc[start]:
            cost[:] = -1
            cost[start] = 0
        out.append(Reach(int(u), start, cost, pred[row], ctx.zoc))
    return out


def reach(state: GameState, unit: int, ctx: MoveContext | None = None) -> Reach:
    """The reachable set and cheapest paths of one unit."""
    side = int(state.spec.unit_side[unit])
    key = _position_key(state)
    ctx = ctx or cached_context(state, side, key)
    graph = movement_graph(state, int(state.spec.unit_class[unit]), ctx, key)
    n = state.spec.map.size
    src = n + int(state.units["hex"][unit])
    dist, pred = dijkstra(
        graph, directed=True, indices=[src], limit=float(state.units["mp"][unit]) + 0.5, return_predecessors=True
    )
    return _reach_from_rows(state, np.array([unit]), dist, pred, ctx)[0]


def reach_all(state: GameState, side: int) -> dict[int, Reach]:
    """Reachable sets of every unit of ``side`` on the map with movement left.

    One dijkstra call per movement class, all sources at once.
    """
    ctx = cached_context(state, side)
    units = state.units_on_map(side)
    units = units[state.units["mp"][units] > 0]
    n = state.spec.map.size
    result: dict[int, Reach] = {}
    classes = state.spec.unit_class[units]
    for c in np.unique(classes):
        group = units[classes == c]
        graph = movement_graph(state, int(c), ctx)
        sources = n + state.units["hex"][group]
        limit = float(state.units["mp"][group].max()) + 0.5
        dist, pred = dijkstra(graph, directed=True, indices=sources, limit=limit, return_predecessors=True)
        for r in _reach_from_rows(state, group, dist, pred, ctx):
            result[r.unit] = r
    return result


def path_cost_unlimited(state: GameState, unit: int, target: int) -> float:
    """Cheapest cost in ticks to ``target`` ignoring the unit's MP (inf if no path)."""
    side = int(state.spec.unit_side[unit])
    ctx = cached_context(state, side)
    graph = movement_graph(state, int(state.spec.unit_class[unit]), ctx)
    n = state.spec.map.size
    dist = dijkstra(graph, directed=True, indices=[n + int(state.units["hex"][unit])])
    return float(dist[0, target])
