"""Supply: sources, the rail net, railheads, the trace, out-of-supply effects and pockets.

For each side:

1. **Sources** are the scenario's source hexes and map-edge hexes the side holds.
2. **Railheads**: rail hexes the side holds (not enemy-occupied, not in an
   enemy zone of control unless friends stand there, and — for a side that
   must convert captured track — converted) that the rail net links to a source.
3. **Trace**: one multi-source ``scipy.sparse.csgraph.dijkstra`` (``min_only``)
   from every source and railhead, costed in MP of the ruleset's
   ``supply.trace_class`` on the current ground, never entering a hex held by
   the enemy or in its zone of control unless friends stand there. A unit
   whose hex lies within ``supply.range_mp[ground]`` is supplied, within
   ``low_extra_mp`` more is low, else out.
4. **Pockets**: units that no trace reaches at any range are cut off; the
   connected area they stand in is a pocket named after the nearest town.

Public queries: ``trace(state, side)``, ``supply_sources``, ``railheads``,
``pockets``, ``unit_effects``. Steps: ``rail_conversion_step``, ``supply_step``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, dijkstra

from game.chance import ChanceSource, die
from game.events import Event
from game.movement import edge_costs, enemy_zoc
from game.rules.common import layer, resolve, rule_value, side_name
from game.rules.rule_events import PocketReport, RailConverted, StepLost, SupplyReport
from game.ruleset import IMPASSABLE, MP_TICKS
from game.state import GameState
from game.units import SupplyState, UnitStatus

# --- sources and rail ----------------------------------------------------------------------


def supply_sources(state: GameState, side: int) -> np.ndarray:
    """Hex indices of the side's supply sources it holds now (scenario sources and map edges)."""
    sd = state.spec.rules.supply
    if sd is None:
        return np.zeros(0, np.int64)
    entry = sd.sides.get(state.spec.sides[side].id)
    if entry is None:
        return np.zeros(0, np.int64)
    m = state.spec.map
    hexes = [resolve(state, ref) for ref in entry.sources]
    rows = np.repeat(np.arange(m.height), m.width)
    cols = np.tile(np.arange(m.width), m.height)
    edge_masks = {"N": rows == 0, "S": rows == m.height - 1, "W": cols == 0, "E": cols == m.width - 1}
    for e in entry.map_edges:
        hexes.extend(np.nonzero(edge_masks[e])[0].tolist())
    arr = np.unique(np.array(hexes, np.int64))
    held = state.hexes["control"][arr] == side
    enemy = state.occupancy(1 - side)[arr] > 0
    return arr[held & ~enemy]


def _converts(state: GameState, side: int) -> bool:
    sd = state.spec.rules.supply
    entry = sd.sides.get(state.spec.sides[side].id) if sd else None
    return bool(entry and entry.convert_rail)


def _blocked(state: GameState, side: int) -> np.ndarray:
    """Hexes a trace of ``side`` may not enter: enemy units, enemy ZOC without friends."""
    friends = state.occupancy(side) > 0
    enemy = state.occupancy(1 - side) > 0
    return enemy | (enemy_zoc(state, side) & ~friends)


def _usable_rail(state: GameState, side: int, blocked: np.ndarray) -> np.ndarray:
    m = state.spec.map
    usable = m.rail.any(axis=1) & (state.hexes["control"] == side) & ~blocked
    if _converts(state, side):
        conv = state.hexes.get(f"converted.{side}")  # a query never adds layers
        usable &= conv > 0 if conv is not None else False
    return usable


def _rail_components(state: GameState, usable: np.ndarray) -> np.ndarray:
    m = state.spec.map
    src, dst, d = m.edges
    ok = m.rail[src, d] & usable[src] & usable[dst]
    g = sp.csr_matrix((np.ones(int(ok.sum()), np.int8), (src[ok], dst[ok])), shape=(m.size, m.size))
    return connected_components(g, directed=False)[1]


def _linked(labels: np.ndarray, usable: np.ndarray, sources: np.ndarray) -> np.ndarray:
    seeds = sources[usable[sources]]
    if len(seeds) == 0:
        return np.zeros(len(usable), bool)
    return usable & np.isin(labels, labels[seeds])


def railheads(state: GameState, side: int, blocked: np.ndarray | None = None) -> np.ndarray:
    """Boolean per hex: rail hexes that carry the side's supply from a source."""
    blocked = _blocked(state, side) if blocked is None else blocked
    usable = _usable_rail(state, side, blocked)
    return _linked(_rail_components(state, usable), usable, supply_sources(state, side))


def init_conversion(state: GameState) -> None:
    """At the start: mark already converted track for sides that convert (scenario option)."""
    sd = state.spec.rules.supply
    if sd is None:
        return
    m = state.spec.map
    for side in (0, 1):
        if not _converts(state, side) or f"converted.{side}" in state.hexes:
            continue
        conv = layer(state, f"converted.{side}")
        entry = sd.sides[state.spec.sides[side].id]
        sources = supply_sources(state, side)
        conv[sources] = 1
        if entry.converted_at_start == "connected":
            usable = m.rail.any(axis=1) & (state.hexes["control"] == side) & (state.occupancy(1 - side) == 0)
            conv[_linked(_rail_components(state, usable), usable, sources)] = 1


def rail_conversion_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Sides that convert captured track extend their converted net by N hexes (nearest first)."""
    rs = state.spec.ruleset.supply
    if rs is None or state.spec.rules.supply is None:
        return []
    first = not any(k.startswith("converted.") for k in state.hexes)
    init_conversion(state)
    if first:
        return []
    events: list[Event] = []
    m = state.spec.map
    for side in (0, 1):
        if not _converts(state, side):
            continue
        n = rule_value(state, f"rail_convert.{state.spec.sides[side].id}")
        n = rs.rail_convert_per_turn if n is None else n
        conv = layer(state, f"converted.{side}")
        blocked = _blocked(state, side)
        candidates = m.rail.any(axis=1) & (state.hexes["control"] == side) & ~blocked
        done: list[str] = []
        src, dst, d = m.edges
        for _ in range(n):
            heads = railheads(state, side, blocked)
            # unconverted held track linked by a rail link to the converted net; the one nearest
            # (in rail hexes) to a source goes first, so several lines advance evenly
            link = m.rail[src, d] & heads[src] & candidates[dst] & (conv[dst] == 0)
            if not link.any():
                break
            hops = _rail_hops(state, heads, supply_sources(state, side))
            order = np.lexsort((dst[link], hops[src[link]]))
            h = int(dst[link][order[0]])
            conv[h] = 1
            done.append(m.label_of(h))
        if done:
            events.append(RailConverted(side_name(state, side), tuple(done)))
    return events


def _rail_hops(state: GameState, heads: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Rail hexes from the nearest source to every railhead (inf elsewhere)."""
    m = state.spec.map
    src, dst, d = m.edges
    ok = m.rail[src, d] & heads[src] & heads[dst]
    g = sp.csr_matrix((np.ones(int(ok.sum())), (src[ok], dst[ok])), shape=(m.size, m.size))
    seeds = sources[heads[sources]]
    if len(seeds) == 0:
        return np.full(m.size, np.inf)
    return dijkstra(g, directed=True, indices=seeds, min_only=True, unweighted=True)


# --- the trace -------------------------------------------------------------------------------


class _Structure:
    def __init__(self, n: int, src: np.ndarray, dst: np.ndarray) -> None:
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))]).astype(np.int32)
        self.indices = dst.astype(np.int32)


def _structure(state: GameState) -> _Structure:
    m = state.spec.map
    cached = getattr(m, "_supply_graph_structure", None)
    if cached is None:
        src, dst, _ = m.edges
        cached = _Structure(m.size, src, dst)
        m._supply_graph_structure = cached  # type: ignore[attr-defined]
    return cached


def _trace_costs(state: GameState, side: int) -> np.ndarray:
    """Edge costs (ticks) of the supply trace of ``side``: enemy air interdiction counts, own does not."""
    rs = state.spec.ruleset
    cls = rs.tables.classes.index(rs.supply.trace_class)
    cost = edge_costs(state, cls).astype(np.float64)
    _, dst, _ = state.spec.map.edges
    extra = state.hexes.get("move_extra")
    if extra is not None:
        cost -= extra[dst]
    hostile = state.hexes.get(f"interdict.{1 - side}")
    if hostile is not None and rs.air is not None:
        cost += hostile[dst].astype(np.float64) * round(rs.air.interdiction_mp * MP_TICKS)
    return cost


@dataclass
class SupplyTrace:
    """The result of one side's trace.

    ``dist``: cost in MP ticks from the nearest source or railhead to every
    hex (inf = cut off); ``range_ticks``: the supplied range per hex (by its
    ground); ``state_of_hex``: SupplyState per hex; ``units``: the side's
    units on the map; ``unit_state``: their SupplyState.
    """

    side: int
    sources: np.ndarray
    railheads: np.ndarray
    dist: np.ndarray
    range_ticks: np.ndarray
    state_of_hex: np.ndarray
    units: np.ndarray
    unit_state: np.ndarray
    blocked: np.ndarray


def trace(state: GameState, side: int) -> SupplyTrace:
    """Trace supply for every hex and unit of ``side`` (one vectorised multi-source search)."""
    rs = state.spec.ruleset.supply
    m = state.spec.map
    units = state.units_on_map(side)
    if rs is None or state.spec.rules.supply is None:
        n = m.size
        return SupplyTrace(side, np.zeros(0, np.int64), np.zeros(n, bool), np.zeros(n), np.zeros(n),
                           np.zeros(n, np.int8), units, np.zeros(len(units), np.int8), np.zeros(n, bool))
    blocked = _blocked(state, side)
    sources = supply_sources(state, side)
    usable = _usable_rail(state, side, blocked)
    heads = _linked(_rail_components(state, usable), usable, sources)
    seeds = np.unique(np.concatenate([sources, np.nonzero(heads)[0]]))
    st = _structure(state)
    cost = _trace_costs(state, side)
    _, dst, _ = m.edges
    cost[blocked[dst] | (cost >= IMPASSABLE)] = np.inf
    if len(seeds):
        graph = sp.csr_matrix((cost, st.indices, st.indptr), shape=(m.size, m.size))
        dist = dijkstra(graph, directed=True, indices=seeds, min_only=True)
    else:
        dist = np.full(m.size, np.inf)
    grounds = state.spec.ruleset.tables.grounds
    rng = np.array([rs.range_mp.get(g, 0) * MP_TICKS for g in grounds])[state.hexes["ground"]]
    low = rng + rs.low_extra_mp * MP_TICKS
    hex_state = np.where(dist <= rng, SupplyState.SUPPLIED, np.where(dist <= low, SupplyState.LOW, SupplyState.OUT))
    hex_state = hex_state.astype(np.int8)
    return SupplyTrace(side, sources, heads, dist, rng, hex_state, units,
                       hex_state[state.units["hex"][units]], blocked)


# --- effects ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    """One percentage applied to one unit rating, with its cause and ruleset citation."""

    cause: str
    pct: int
    source: str


def _winterized(state: GameState, u: int) -> bool:
    unit = state.spec.units[u]
    sid = state.spec.sides[unit.side].id
    v = rule_value(state, f"winterized.{sid}")
    if v is not None:
        return bool(v) or unit.winterized
    return unit.winterized or sid in state.spec.rules.winter.winterized_sides


def unit_effects(state: GameState, u: int, rating: str) -> list[Effect]:
    """Supply and cold effects on a unit's ``rating`` ('attack', 'defence', 'movement')."""
    rs = state.spec.ruleset
    key = f"{rating}_pct"
    out: list[Effect] = []
    cite = rs.sources.cite
    if rs.supply is not None:
        s = int(state.units["supply"][u])
        if s == SupplyState.LOW and getattr(rs.supply.low, key) != 100:
            out.append(Effect("low supply", getattr(rs.supply.low, key), cite("supply", "low", key)))
        elif s == SupplyState.OUT:
            k, entry = _out_entry(state, u)
            if entry is not None and getattr(entry, key) != 100:
                out.append(Effect(f"out of supply {int(state.units['oos_turns'][u])} turn(s)", getattr(entry, key),
                                  cite("supply", "out", k, key)))
    wr = rs.weather
    if wr is not None and "temperature" in state.counters and not _winterized(state, u):
        tname = list(wr.temperatures)[state.counters["temperature"]]
        v = getattr(wr.temperatures[tname].unwinterized, key)
        if v != 100:
            where = cite("weather", "temperatures", tname, "unwinterized", key)
            out.append(Effect(f"{tname} cold, not winterized", v, where))
    return out


def _out_entry(state: GameState, u: int):  # noqa: ANN202
    rs = state.spec.ruleset.supply
    turns = max(1, int(state.units["oos_turns"][u]))
    found = (None, None)
    for k, entry in enumerate(rs.out):
        if entry.turns <= turns:
            found = (k, entry)
    return found


def movement_pct(state: GameState) -> np.ndarray:
    """Movement percentage per unit from supply and cold (100 = unchanged)."""
    out = np.full(len(state.spec.units), 100, np.int64)
    for u in state.units_on_map():
        for e in unit_effects(state, int(u), "movement"):
            out[u] = out[u] * e.pct // 100
    return out


# --- the supply phase ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pocket:
    """A group of units cut off from every supply source."""

    name: str
    side: int
    hexes: np.ndarray
    units: tuple[int, ...]
    turns_out: int


def pockets(state: GameState, side: int, tr: SupplyTrace | None = None) -> list[Pocket]:
    """Cut-off groups of ``side``: connected areas no trace reaches, holding its units."""
    tr = tr or trace(state, side)
    m = state.spec.map
    if state.spec.rules.supply is None or state.spec.ruleset.supply is None:
        return []
    cut_units = tr.units[~np.isfinite(tr.dist[state.units["hex"][tr.units]])]
    if len(cut_units) == 0:
        return []
    region = ~np.isfinite(tr.dist) & ~tr.blocked
    src, dst, _ = m.edges
    ok = region[src] & region[dst]
    g = sp.csr_matrix((np.ones(int(ok.sum()), np.int8), (src[ok], dst[ok])), shape=(m.size, m.size))
    labels = connected_components(g, directed=False)[1]
    out: list[Pocket] = []
    names: dict[str, int] = {}
    groups: dict[int, list[int]] = {}
    for u in cut_units:
        groups.setdefault(int(labels[state.units["hex"][u]]), []).append(int(u))
    for lab in sorted(groups, key=lambda k: min(groups[k])):
        us = groups[lab]
        hexes = np.nonzero(labels == lab)[0]
        name = _nearest_town(state, state.units["hex"][us])
        names[name] = names.get(name, 0) + 1
        title = f"{name} pocket" if names[name] == 1 else f"{name} pocket ({names[name]})"
        turns = int(state.units["oos_turns"][us].max())
        out.append(Pocket(title, side, hexes, tuple(us), turns))
    return out


def _nearest_town(state: GameState, hexes: np.ndarray) -> str:
    m = state.spec.map
    if not m.settlements:
        return m.label_of(int(hexes[0]))
    q, r = m.q[hexes].mean(), m.r[hexes].mean()
    best = None
    for s in m.settlements:
        dq, dr = m.q[s.index] - q, m.r[s.index] - r
        d = (abs(dq) + abs(dr) + abs(dq + dr)) / 2
        key = (d, -s.size, s.name)
        if best is None or key < best[0]:
            best = (key, s.name)
    return best[1]


def supply_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Trace both sides, update supply states and turns out, roll attrition, report pockets."""
    if state.spec.ruleset.supply is None or state.spec.rules.supply is None:
        return []
    events: list[Event] = []
    traces = [trace(state, side) for side in (0, 1)]
    for tr in traces:
        state.units["supply"][tr.units] = tr.unit_state
        out = tr.unit_state == SupplyState.OUT
        turns = state.units["oos_turns"][tr.units].astype(np.int16)
        state.units["oos_turns"][tr.units] = np.where(out, np.minimum(turns + 1, 127), 0).astype(np.int8)
        counts = np.bincount(tr.unit_state, minlength=3)
        ground = state.spec.ruleset.tables.grounds[int(np.bincount(state.hexes["ground"]).argmax())]
        why = ""
        rs = state.spec.ruleset.supply
        if rs.range_mp.get(ground) is not None:
            why = f"trace range {rs.range_mp[ground]:g} MP on {ground} ground"
        events.append(SupplyReport(side_name(state, tr.side), int(counts[0]), int(counts[1]), int(counts[2]), why))
        for p in pockets(state, tr.side, tr):
            events.append(PocketReport(p.name, side_name(state, tr.side),
                                       tuple(state.spec.units[u].name for u in p.units), p.turns_out))
    events += attrition(state, chance)
    return events


def attrition(state: GameState, chance: ChanceSource) -> list[Event]:
    """Roll attrition for units long out of supply and unwinterized units in severe cold."""
    rs = state.spec.ruleset
    events: list[Event] = []
    sides_die = rs.supply.attrition_die if rs.supply else 6
    for u in state.units_on_map():
        u = int(u)
        chances: list[tuple[int, str]] = []
        if rs.supply is not None and int(state.units["supply"][u]) == SupplyState.OUT:
            _, entry = _out_entry(state, u)
            if entry is not None and entry.attrition_chance:
                chances.append((entry.attrition_chance, f"out of supply {int(state.units['oos_turns'][u])} turns"))
        wr = rs.weather
        if wr is not None and "temperature" in state.counters and not _winterized(state, u):
            tname = list(wr.temperatures)[state.counters["temperature"]]
            c = wr.temperatures[tname].unwinterized.attrition_chance
            if c:
                chances.append((c, f"{tname} cold without winter equipment"))
        for c, cause in chances:
            if int(state.units["status"][u]) != UnitStatus.ON_MAP:
                break
            roll = die(chance, sides_die, "attrition")
            if roll <= c:
                events += lose_steps(state, u, 1, f"attrition: {cause}, rolled {roll}")
    return events


def lose_steps(state: GameState, u: int, n: int, cause: str) -> list[Event]:
    """Take ``n`` steps from unit ``u``; at zero it is eliminated (off the map)."""
    events: list[Event] = []
    unit = state.spec.units[u]
    for _ in range(n):
        if int(state.units["status"][u]) != UnitStatus.ON_MAP:
            break
        state.units["steps"][u] -= 1
        left = int(state.units["steps"][u])
        events.append(StepLost(unit.id, unit.name, left, cause))
        if left <= 0:
            state.units["status"][u] = UnitStatus.ELIMINATED
            state.units["hex"][u] = -1
            state.units["mp"][u] = 0
    return events


def movement_report_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Movement phase start: say which of the mover's units move at a reduced allowance, and why."""
    from game.rules.rule_events import MovementReduced

    causes: dict[str, int] = {}
    for u in state.units_on_map(state.active_side):
        for e in unit_effects(state, int(u), "movement"):
            key = f"{e.cause} {e.pct}%"
            causes[key] = causes.get(key, 0) + 1
    if not causes:
        return []
    return [MovementReduced(side_name(state, state.active_side), tuple(sorted(causes.items())))]
