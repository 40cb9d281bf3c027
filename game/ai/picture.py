"""The AI's picture of the situation: one side's view of the front, as numpy fields.

Built once per phase from ``observe(state, side)`` (never the hidden truth):
who is where, enemy threat and friendly support per hex, terrain value, hex
steps to the enemy, movement-cost distances to the objectives per movement
class, the side's rear (where supply comes from) and which units are cut off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from game.ai.config import SideTuning
from game.ai.fields import (
    INF,
    cost_graph,
    distance_to,
    hex_steps,
    neighbour_max,
    neighbour_sum,
    ruleset_section,
    terrain_defence,
)
from game.ai.rulesapi import supply_trace
from game.movement import enemy_zoc, reach_all
from game.ruleset import MP_TICKS
from game.spec import ScenarioSpec
from game.state import GameState
from game.units import SupplyState

ARMOUR_SYMBOLS = frozenset({"armour", "motorized", "mechanized"})
REAR_CLEARANCE = 4
"""Own-controlled hexes this many steps or more from any seen enemy count as the rear."""
SUPPLY_RANGE_STEPS = {"dry": 7, "mud": 5, "deep_mud": 4, "frozen": 6, "snow": 5}
"""Default supply reach in hexes from the rear, by ground name (for a ruleset without ``supply.range_mp``)."""
ZOC_ENTRY_MP = 4.0
"""Extra MP an operation's way counts for entering a hex in the enemy's zone of control."""
ENEMY_HEX_MP = 8.0
"""Extra MP an operation's way counts for entering a hex held by enemy units."""


@dataclass
class Picture:
    """One side's analysis of the situation at the start of a phase."""

    view: GameState
    side: int
    posture: str
    own: np.ndarray
    enemy: np.ndarray
    unit_attack: np.ndarray
    unit_defence: np.ndarray
    own_def_hex: np.ndarray
    enemy_def_hex: np.ndarray
    enemy_att_hex: np.ndarray
    enemy_count: np.ndarray
    threat: np.ndarray
    support: np.ndarray
    terrain: np.ndarray
    steps_to_enemy: np.ndarray
    enemy_zoc: np.ndarray
    objectives: np.ndarray
    objective_weight: np.ndarray
    rear_steps: np.ndarray
    escape_steps: np.ndarray
    supply_range: int
    balance: float
    armour: np.ndarray
    cut_off: np.ndarray
    supply_over: np.ndarray
    """Hexes beyond the side's supply range (0 inside it, at most 6)."""
    threat_next: np.ndarray
    """Enemy attack strength that can reach a hex's neighbourhood next turn (full allowance, our ZOC)."""
    encircled: np.ndarray | None = None
    """Per unit: no supply trace reaches it at all (a pocket), not merely beyond range; None: as ``cut_off``."""
    _dist_cache: dict[tuple[int, str], np.ndarray] = field(default_factory=dict)
    _graphs: dict[int, sp.csr_matrix] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return self.view.spec.map.size

    def graph(self, move_class: int) -> sp.csr_matrix:
        """The MP cost graph of a movement class under the current ground."""
        g = self._graphs.get(move_class)
        if g is None:
            g = self._graphs[move_class] = cost_graph(self.view, move_class)
        return g

    def objective_distance(self, move_class: int, which: str) -> np.ndarray:
        """MP distance from every hex to the objectives.

        ``which`` is 'enemy' (objectives to take), 'own' (objectives held) or
        'hold' (objectives held that the enemy can attack next turn).

        More valuable objectives pull harder: each target starts with a head
        start of ``2 * log(max weight / weight)`` MP subtracted from the rest.
        """
        key = (move_class, which)
        cached = self._dist_cache.get(key)
        if cached is not None:
            return cached
        control = self.view.hexes["control"][self.objectives]
        mask = control != self.side if which == "enemy" else control == self.side
        if which == "hold":
            mask &= self.threat_next[self.objectives] > 0
            if not mask.any():
                dist = np.full(self.size, np.inf)
                self._dist_cache[key] = dist
                return dist
        if not mask.any():
            mask = np.ones(len(self.objectives), bool)
        targets = self.objectives[mask]
        weights = self.objective_weight[mask]
        if len(targets) == 0:
            dist = np.zeros(self.size)
        else:
            bias = 2.0 * np.log(weights.max() / np.maximum(weights, 1e-9))
            dist = _biased_distance(self.graph(move_class), targets, bias)
        self._dist_cache[key] = dist
        return dist

    def target_distance(self, move_class: int, target: int) -> np.ndarray:
        """MP distance from every hex to one hex (an operation's objective), around the enemy.

        Entering a hex in the enemy's zone of control costs ``ZOC_ENTRY_MP`` more (it ends the
        move), entering a hex the enemy holds ``ENEMY_HEX_MP`` more (he must be beaten out of it),
        so the way leads through gaps and weak points of the enemy front where there are any.
        """
        key = (move_class, f"hex:{target}")
        cached = self._dist_cache.get(key)
        if cached is None:
            graph = self._graphs.get(-1 - move_class)
            if graph is None:
                extra = ZOC_ENTRY_MP * self.enemy_zoc + ENEMY_HEX_MP * (self.enemy_count > 0)
                coo = self.graph(move_class).tocoo()
                graph = sp.csr_matrix((coo.data + extra[coo.col], (coo.row, coo.col)), shape=coo.shape)
                self._graphs[-1 - move_class] = graph
            cached = self._dist_cache[key] = distance_to(graph, np.array([target], np.int64))
        return cached


def operation_targets(p: Picture, tuning: SideTuning) -> dict[int, int]:
    """Unit index -> objective hex of the operations running this turn (the first listed wins)."""
    return targets_of(operation_orders(p, tuning))


def targets_of(orders: dict[int, tuple[int, bool]]) -> dict[int, int]:
    """The objective hexes of ``operation_orders``' result, without the hold flags."""
    return {u: hex_ for u, (hex_, _) in orders.items()}


def operation_orders(p: Picture, tuning: SideTuning) -> dict[int, tuple[int, bool]]:
    """Unit index -> (objective hex, under a hold order) of the operations running this turn.

    The first listed operation wins. An operation without an objective is a hold order: each
    unit's objective is its own hex. An operation with ``hold`` false is over once the side
    controls its objective. Units not on the map, of the other side, or encircled themselves
    (no supply trace reaches them) are left to their ordinary roles: they break out.
    """
    view = p.view
    spec = view.spec
    index = spec.unit_index
    on_map = set(int(u) for u in p.own)
    encircled = p.cut_off if p.encircled is None else p.encircled
    out: dict[int, tuple[int, bool]] = {}
    for op in tuning.operations:
        if not op.active_on(view.turn):
            continue
        target = None if op.objective is None else _locate(spec, op.objective)
        if op.objective is not None and target is None:
            continue
        if target is not None and not op.hold and int(view.hexes["control"][target]) == p.side:
            continue  # a waypoint reached: the units go on
        for uid in op.units:
            u = index.get(uid)
            if u is None or u in out or u not in on_map or encircled[u]:
                continue
            out[u] = (int(view.units["hex"][u]), True) if target is None else (target, False)
    return out


SUPPLY_LINE_HEXES = 15
"""How many hexes of each enemy unit's supply line ``enemy_supply_lines`` follows back from the unit."""
STRAINED_LINE_WEIGHT = 3.0
"""Weight of the supply line of an enemy unit already short of supply (a supplied unit's counts 1)."""


def enemy_supply_lines(view: GameState, side: int) -> np.ndarray:
    """Per hex: how many seen enemy units trace supply through it, weighted toward nearly cut-off units.

    Each unit's line is followed down the enemy's own supply trace (the steepest fall of its
    trace distance) from the unit toward its sources: ``SUPPLY_LINE_HEXES`` hexes for a supplied
    unit, twice as far and ``STRAINED_LINE_WEIGHT`` times the weight for a unit already short of
    supply (low or out: its line is long, so it runs through the gap of a ring nearly closed).
    Units already cut off count nothing.
    """
    m = view.spec.map
    flow = np.zeros(m.size)
    tr = supply_trace(view, 1 - side)
    if tr is None or len(tr.units) == 0:
        return flow
    dist = np.append(np.where(np.isfinite(tr.dist), tr.dist, np.inf), np.inf)
    nb = np.where(m.neighbors >= 0, m.neighbors, m.size)
    for h, state in zip(view.units["hex"][tr.units], tr.unit_state, strict=True):
        h = int(h)
        strained = int(state) != SupplyState.SUPPLIED
        weight = STRAINED_LINE_WEIGHT if strained else 1.0
        for _ in range(SUPPLY_LINE_HEXES * (2 if strained else 1)):
            if not np.isfinite(dist[h]) or dist[h] <= 0:
                break
            nxt = int(nb[h][int(np.argmin(dist[nb[h]]))])
            if nxt >= m.size or dist[nxt] >= dist[h]:
                break
            flow[nxt] += weight
            h = nxt
    return flow


def _biased_distance(graph: sp.csr_matrix, targets: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Distance to the nearest target where reaching target k costs ``bias[k]`` extra."""
    n = graph.shape[0]
    rev = graph.T.tocoo()
    rows = np.concatenate([rev.row, np.full(len(targets), n)])
    cols = np.concatenate([rev.col, targets])
    data = np.concatenate([rev.data, np.maximum(bias, 1e-6)])
    aug = sp.csr_matrix((data, (rows, cols)), shape=(n + 1, n + 1))
    from scipy.sparse.csgraph import dijkstra

    return dijkstra(aug, directed=True, indices=n)[:n]


def _plain(value: Any) -> Any:
    """Plain data from a validated model or a mapping."""
    dump = getattr(value, "model_dump", None)
    return dump() if dump is not None else value


def _locate(spec: ScenarioSpec, ref: Any) -> int | None:
    """Hex of a location reference, or None if it cannot be resolved."""
    if isinstance(ref, str):
        place = spec.map.settlement_by_name(ref)
        if place is not None:
            return place.index
    try:
        return int(spec.locate(ref))
    except (KeyError, ValueError, TypeError):
        return None


def resolve_objectives(view: GameState, side: int, tuning: SideTuning) -> tuple[np.ndarray, np.ndarray]:
    """Objective hexes and weights.

    In order of preference: the scenario's AI tuning, the victory objectives
    (weighted by points; sudden-death places count double the largest), every
    place worth victory points, every settlement, and finally the enemy units.
    """
    spec = view.spec
    m = spec.map
    found: dict[int, float] = {}
    for ref, w in tuning.objectives:
        h = _locate(spec, ref)
        if h is not None:
            found[h] = found.get(h, 0.0) + w
    if not found:
        victory = _plain(spec.rules_data.get("victory")) or {}
        for obj in victory.get("objectives") or []:
            h = _locate(spec, obj.get("at"))
            if h is not None:
                found[h] = found.get(h, 0.0) + float(obj.get("points", 1) or 1)
        top = max(found.values(), default=1.0)
        for sd in victory.get("sudden_death") or []:
            for ref in sd.get("capture") or []:
                h = _locate(spec, ref)
                if h is not None:
                    found[h] = max(found.get(h, 0.0), 2.0 * top)
    if not found:
        for s in m.settlements:
            if s.victory_points > 0:
                found[s.index] = found.get(s.index, 0.0) + float(s.victory_points)
    if not found:
        for s in m.settlements:
            found[s.index] = float(max(s.size, 1))
    if not found:
        enemy_units = view.units_on_map(1 - side)
        for h in view.units["hex"][enemy_units]:
            found[int(h)] = 1.0
    if not found:
        found[m.size // 2] = 1.0
    hexes = np.array(sorted(found), np.int64)
    return hexes, np.array([found[h] for h in sorted(found)], np.float64)


def build_picture(view: GameState, side: int, tuning: SideTuning, default_posture: str) -> Picture:
    """Analyse ``view`` (an observation) for ``side``."""
    spec = view.spec
    m = spec.map
    n = m.size
    own = view.units_on_map(side)
    enemy = view.units_on_map(1 - side)
    steps = view.units["steps"].astype(np.float64)
    attack = steps * np.array([u.attack_per_step for u in spec.units])
    defence = steps * np.array([u.defence_per_step for u in spec.units])
    hex_col = view.units["hex"]
    own_def_hex = np.bincount(hex_col[own], weights=defence[own], minlength=n)
    enemy_def_hex = np.bincount(hex_col[enemy], weights=defence[enemy], minlength=n)
    enemy_att_hex = np.bincount(hex_col[enemy], weights=attack[enemy], minlength=n)
    enemy_count = np.bincount(hex_col[enemy], minlength=n)
    threat = neighbour_sum(m, enemy_att_hex)
    support = neighbour_sum(m, own_def_hex)
    terrain = terrain_defence(view)
    steps_to_enemy = hex_steps(m, hex_col[enemy]) if len(enemy) else np.full(n, INF)
    zoc = enemy_zoc(view, side)
    objectives, weights = resolve_objectives(view, side, tuning)

    control = view.hexes["control"]
    blocked = (enemy_count > 0) | zoc
    supply = view.units["supply"]
    cut_off = np.zeros(len(spec.units), bool)
    own_hex = hex_col[own]
    supply_range = _supply_range(view)
    tr = supply_trace(view, side)
    if tr is not None and (len(tr.sources) > 0 or bool(np.any(tr.railheads))):
        # the rules' own trace: sources and railheads, range by ground, blocked by enemy ZOC
        rear_hexes = np.union1d(tr.sources, np.nonzero(tr.railheads)[0]).astype(np.int64)
        per_hex = _trace_ticks_per_hex(view)
        supply_over = np.minimum(np.maximum(tr.dist - tr.range_ticks, 0.0) / per_hex, 6.0)
        in_supply = np.nonzero(tr.dist <= tr.range_ticks)[0]
        escape_steps = _steps_avoiding(m, in_supply, blocked)
        cut_off[own] = (supply[own] == SupplyState.OUT) | ~np.isfinite(tr.dist[own_hex])
        encircled = np.zeros(len(spec.units), bool)
        encircled[own] = ~np.isfinite(tr.dist[own_hex])
    else:
        rear = (control == side) & (steps_to_enemy >= REAR_CLEARANCE)
        rear_hexes = np.nonzero(rear)[0]
        if len(rear_hexes) == 0:
            rear_hexes = np.nonzero(control == side)[0]
        escape_steps = _steps_avoiding(m, rear_hexes, blocked)
        steps = hex_steps(m, rear_hexes) if len(rear_hexes) else np.full(n, INF)
        supply_over = np.minimum(np.maximum(np.where(np.isfinite(steps), steps, 50.0) - supply_range, 0.0), 6.0)
        cut_off[own] = (supply[own] == SupplyState.OUT) | (escape_steps[own_hex] > supply_range + 2)
        encircled = cut_off
    rear_steps = hex_steps(m, rear_hexes) if len(rear_hexes) else np.full(n, INF)

    own_strength = float(attack[own].sum() + defence[own].sum())
    enemy_strength = float(attack[enemy].sum() + defence[enemy].sum())
    balance = own_strength / max(enemy_strength, 1e-9) if len(enemy) else 10.0
    posture = tuning.posture_on(view.turn, default_posture)
    if posture == "auto":
        posture = "attack" if balance >= 1.3 / max(tuning.aggression, 0.1) else "defend"
    armour = np.array([u.symbol in ARMOUR_SYMBOLS for u in spec.units], bool)
    threat_next = enemy_threat_next(view, side, attack)
    return Picture(
        view=view, side=side, posture=posture, own=own, enemy=enemy, unit_attack=attack, unit_defence=defence,
        own_def_hex=own_def_hex, enemy_def_hex=enemy_def_hex, enemy_att_hex=enemy_att_hex,
        enemy_count=enemy_count, threat=threat, support=support, terrain=terrain, steps_to_enemy=steps_to_enemy,
        enemy_zoc=zoc, objectives=objectives, objective_weight=weights, rear_steps=rear_steps,
        escape_steps=escape_steps, supply_range=supply_range, balance=balance, armour=armour, cut_off=cut_off,
        threat_next=threat_next, supply_over=supply_over, encircled=encircled,
    )


def enemy_threat_next(view: GameState, side: int, attack: np.ndarray) -> np.ndarray:
    """Per hex: total attack strength of the seen enemy units that could attack it next turn.

    An enemy unit threatens every hex next to a hex it can reach with its full
    allowance through our zones of control (as the rules' ``threats`` does for one hex).
    """
    m = view.spec.map
    n = m.size
    enemy = view.units_on_map(1 - side)
    threat = np.zeros(n)
    if len(enemy) == 0:
        return threat
    probe = view.clone()
    probe.units["mp"][enemy] = view.spec.unit_allowance[enemy]
    reaches = reach_all(probe, 1 - side)
    units = [int(u) for u in enemy if attack[u] > 0]
    if not units:
        return threat
    zone = np.zeros((len(units), n), np.float32)
    for row, u in enumerate(units):
        r = reaches.get(u)
        if r is not None:
            zone[row] = r.cost >= 0
        else:
            zone[row, int(view.units["hex"][u])] = 1.0
    # a hex is threatened by a unit that can reach it or any neighbour
    near = (_adjacency_with_self(m).dot(zone.T).T) > 0
    # an elementwise sum, not a matrix product: BLAS threads would fight the simulator's worker processes
    return (near * attack[units][:, None]).sum(axis=0)


def _adjacency_with_self(m) -> sp.csr_matrix:  # noqa: ANN001 - HexMap
    cached = getattr(m, "_ai_adjacency_self", None)
    if cached is None:
        cached = (m.adjacency + sp.identity(m.size, format="csr")).astype(np.float32).tocsr()
        m._ai_adjacency_self = cached
    return cached


def _only(n: int, h: int) -> np.ndarray:
    mask = np.zeros(n, bool)
    mask[h] = True
    return mask


def _supply_range(view: GameState) -> int:
    """How many hexes from the rear a unit stays in supply, under the most common ground."""
    ground = int(np.bincount(view.hexes["ground"]).argmax())
    supply = ruleset_section(view, "supply")
    tables = view.spec.ruleset.tables
    range_mp = (supply.get("range_mp") or {}).get(tables.grounds[ground])
    if range_mp is None:
        return SUPPLY_RANGE_STEPS.get(tables.grounds[ground], 6)
    trace = supply.get("trace_class", "foot")
    cls = tables.classes.index(trace) if trace in tables.classes else 0
    clear = tables.terrain_names.index("clear") if "clear" in tables.terrain_names else 0
    per_hex = max(float(tables.terrain_cost[cls, clear, ground]) / MP_TICKS, 0.25)
    return max(1, int(range_mp / per_hex))


def _trace_ticks_per_hex(view: GameState) -> float:
    """Trace cost in ticks of one clear hex under the most common ground."""
    ground = int(np.bincount(view.hexes["ground"]).argmax())
    supply = ruleset_section(view, "supply")
    tables = view.spec.ruleset.tables
    trace_class = supply.get("trace_class", "foot")
    cls = tables.classes.index(trace_class) if trace_class in tables.classes else 0
    clear = tables.terrain_names.index("clear") if "clear" in tables.terrain_names else 0
    return max(float(tables.terrain_cost[cls, clear, ground]), 1.0)


def _steps_avoiding(m, sources: np.ndarray, blocked: np.ndarray) -> np.ndarray:  # noqa: ANN001 - HexMap
    """Hex steps from ``sources`` to every hex without passing through ``blocked`` hexes.

    A blocked hex can be reached (the step into it counts) but not passed through.
    """
    from scipy.sparse.csgraph import dijkstra

    src, dst, _ = m.edges
    keep = ~blocked[src]
    graph = sp.csr_matrix((np.ones(int(keep.sum())), (src[keep], dst[keep])), shape=(m.size, m.size))
    if len(sources) == 0:
        return np.full(m.size, INF)
    return dijkstra(graph, directed=True, indices=np.unique(sources), min_only=True)


def weakness(p: Picture) -> np.ndarray:
    """Per hex: how attractive the weakest adjacent enemy hex is to attack (0 when none)."""
    enemy_hex = p.enemy_count > 0
    value = np.where(enemy_hex, 4.0 / (1.0 + p.enemy_def_hex * (1.0 + 0.5 * np.maximum(p.terrain, 0))), 0.0)
    return neighbour_max(p.view.spec.map, value)
