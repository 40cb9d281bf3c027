"""Movement: edge costs, zones of control and the vectorised reachable-set search.

The search (``game.search``: Dijkstra bounded by the unit's MP, compiled by
numba) runs over one CSR graph per side, movement class and position. Node i is hex i; an edge i -> j costs the entry
cost. A hex in an enemy zone of control keeps its incoming edges but its
outgoing edges move to an extra *departure* node (N + k): nothing leads to
that node, so a unit that enters the ZOC stops there, while a unit that
starts in it searches from the departure node and may leave. Enemy-occupied
hexes have no incoming edges (their cost is infinite).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from game.ruleset import IMPASSABLE
from game.search import search
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


def _digest(*arrays: np.ndarray | None) -> tuple[bytes, ...]:
    """An exact cache key: the raw bytes of the arrays (dict lookups hash them once)."""
    return tuple(b"" if a is None else a.tobytes() for a in arrays)


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
    full_hexes: np.ndarray
    """Hexes where friendly stacking is at its limit (no move may end there)."""


def move_context(state: GameState, side: int) -> MoveContext:
    """Compute the side-wide masks once."""
    friendly = state.occupancy(side)
    return MoveContext(
        side=side,
        enemy_occupied=state.occupancy(1 - side) > 0,
        zoc=enemy_zoc(state, side),
        friendly_count=friendly,
        full_hexes=np.nonzero(friendly >= state.spec.ruleset.tables.stacking.max_units)[0],
    )


@dataclass(frozen=True)
class MoveGraph:
    """The search graph of one side and movement class in one position.

    ``source_node[h]`` is the node a unit in hex h searches from (its departure
    node when h is in an enemy ZOC); ``node_hex[v]`` is the hex of node v.
    """

    matrix: sp.csr_matrix
    source_node: np.ndarray
    node_hex: np.ndarray


def _position_key(state: GameState) -> tuple[bytes, ...]:
    return _digest(state.units["hex"], state.units["status"], state.hexes["ground"], state.hexes.get("move_extra"))


def movement_graph(
    state: GameState, move_class: int, ctx: MoveContext, position_key: tuple[bytes, ...] | None = None
) -> MoveGraph:
    """The search graph for one movement class under a side's masks (cached per position)."""
    key = (ctx.side, move_class, position_key or _position_key(state))
    cache = _map_cache(state, "_move_graph_cache", 24)
    return cache.get_or(key, lambda: _build_graph(state, move_class, ctx))


def cached_context(state: GameState, side: int, position_key: tuple[bytes, ...] | None = None) -> MoveContext:
    """``move_context`` cached per position (the masks depend only on units and ground)."""
    key = (side, position_key or _position_key(state))
    return _map_cache(state, "_move_ctx_cache", 8).get_or(key, lambda: move_context(state, side))


def _build_graph(state: GameState, move_class: int, ctx: MoveContext) -> MoveGraph:
    m = state.spec.map
    n = m.size
    src, dst, _ = m.edges
    cost = edge_costs(state, move_class).astype(np.float64)
    cost[ctx.enemy_occupied[dst]] = np.inf
    cost[cost >= IMPASSABLE] = np.inf
    stops = ctx.zoc if state.spec.ruleset.tables.zoc.entering_stops else np.zeros(n, bool)
    zoc_hexes = np.nonzero(stops)[0]
    source_node = np.arange(n, dtype=np.int32)
    source_node[zoc_hexes] = n + np.arange(len(zoc_hexes), dtype=np.int32)
    row = source_node[src]
    order = np.argsort(row, kind="stable")
    size = n + len(zoc_hexes)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=size))]).astype(np.int32)
    matrix = sp.csr_matrix((cost[order], dst[order].astype(np.int32), indptr), shape=(size, size))
    node_hex = np.concatenate([np.arange(n, dtype=np.int32), zoc_hexes.astype(np.int32)])
    return MoveGraph(matrix, source_node, node_hex)


@dataclass
class Reach:
    """Where one unit can go: cost in ticks per hex (-1 = unreachable) and paths."""

    unit: int
    start: int
    cost: np.ndarray
    predecessors: np.ndarray
    stop_in_zoc: np.ndarray
    source_node: int
    node_hex: np.ndarray

    def reachable(self) -> np.ndarray:
        """Hex indices the unit may end its move in (excluding its own hex)."""
        return np.nonzero(self.cost > 0)[0]

    def path_to(self, target: int) -> list[int]:
        """Hex indices from start to ``target`` inclusive ([] if unreachable)."""
        if target == self.start:
            return [target]
        if self.cost[target] < 0:
            return []
        path = [target]
        node = target
        while node != self.source_node:
            node = int(self.predecessors[node])
            if node < 0:
                return []
            path.append(int(self.node_hex[node]))
        path.reverse()
        return path


def _unit_reach(state: GameState, unit: int, ctx: MoveContext, graph: MoveGraph) -> Reach:
    """Search from the unit's node up to its MP; full stacks excluded, its own hex at cost 0."""
    start = int(state.units["hex"][unit])
    source = int(graph.source_node[start])
    m = graph.matrix
    cost, pred = search(
        m.indptr, m.indices, m.data, source, float(state.units["mp"][unit]) + 0.5, state.spec.map.size
    )
    cost[ctx.full_hexes] = -1
    cost[start] = 0
    if ctx.zoc[start] and not state.spec.ruleset.tables.zoc.may_leave:
        cost[:] = -1
        cost[start] = 0
    return Reach(unit, start, cost, pred, ctx.zoc, source, graph.node_hex)


def reach(state: GameState, unit: int, ctx: MoveContext | None = None) -> Reach:
    """The reachable set and cheapest paths of one unit."""
    side = int(state.spec.unit_side[unit])
    key = _position_key(state)
    ctx = ctx or cached_context(state, side, key)
    graph = movement_graph(state, int(state.spec.unit_class[unit]), ctx, key)
    return _unit_reach(state, unit, ctx, graph)


def reach_all(state: GameState, side: int) -> dict[int, Reach]:
    """Reachable sets of every unit of ``side`` on the map with movement left (same answers as ``reach``)."""
    key = _position_key(state)
    ctx = cached_context(state, side, key)
    units = state.units_on_map(side)
    units = units[state.units["mp"][units] > 0]
    graphs: dict[int, MoveGraph] = {}
    result: dict[int, Reach] = {}
    for u in units.tolist():
        c = int(state.spec.unit_class[u])
        graph = graphs.get(c)
        if graph is None:
            graph = graphs[c] = movement_graph(state, c, ctx, key)
        result[u] = _unit_reach(state, u, ctx, graph)
    return result


def path_cost_unlimited(state: GameState, unit: int, target: int) -> float:
    """Cheapest cost in ticks to ``target`` ignoring the unit's MP (inf if no path)."""
    side = int(state.spec.unit_side[unit])
    ctx = cached_context(state, side)
    graph = movement_graph(state, int(state.spec.unit_class[unit]), ctx)
    dist = dijkstra(graph.matrix, directed=True, indices=[int(graph.source_node[state.units["hex"][unit]])])
    return float(dist[0, target])
