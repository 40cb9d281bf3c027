"""Checking and applying ``Move`` orders."""

from __future__ import annotations

import numpy as np

from game.chance import ChanceSource
from game.events import Event, HexCaptured, UnitMoved
from game.movement import Reach, move_context, path_cost_unlimited, reach, reach_all
from game.orders import Move, Order
from game.rules.violations import Violation
from game.ruleset import MP_TICKS
from game.state import MOVE_PHASES, GameState
from game.units import SupplyState, UnitStatus


def _unit_checks(state: GameState, unit_id: str, phases: tuple[str, ...]) -> tuple[int | None, list[Violation]]:
    """Common checks: the unit exists, is on the map, belongs to the active side, phase fits."""
    idx = state.spec.unit_index.get(unit_id)
    if idx is None:
        return None, [Violation("unknown-unit", f"there is no unit {unit_id!r}")]
    unit = state.spec.units[idx]
    out: list[Violation] = []
    if state.game_over:
        out.append(Violation("game-over", "the game is over"))
    if unit.side != state.active_side:
        out.append(Violation("not-your-unit", f"{unit.name} belongs to {state.spec.sides[unit.side].name}"))
    if state.phase not in phases:
        named = " or ".join(phases)
        out.append(Violation("wrong-phase", f"this order is for the {named} phase; it is the {state.phase} phase"))
    status = int(state.units["status"][idx])
    if status != UnitStatus.ON_MAP:
        out.append(Violation("not-on-map", f"{unit.name} is {UnitStatus.NAMES[status]}"))
    return idx, out


def check_move(state: GameState, order: Order) -> list[Violation]:
    """Reasons the move is illegal (empty if legal)."""
    assert isinstance(order, Move)
    idx, out = _unit_checks(state, order.unit, MOVE_PHASES)
    if idx is None or out:
        return out
    unit = state.spec.units[idx]
    m = state.spec.map
    try:
        target = m.index_of_label(order.to)
    except ValueError as exc:
        return [Violation("bad-hex", str(exc))]
    start = int(state.units["hex"][idx])
    if target == start:
        return [Violation("same-hex", f"{unit.name} is already in {order.to}")]
    mp = int(state.units["mp"][idx])
    if mp <= 0 and state.phase == "exploitation" and not state.units["moved"][idx]:
        return [_why_not_exploiting(state, idx)]
    if mp <= 0:
        return [Violation("no-mp", f"{unit.name} has no movement points left")]
    r = reach(state, idx)
    if r.cost[target] > 0:
        return []
    return [_why_unreachable(state, idx, target, order.to, r)]


def _why_not_exploiting(state: GameState, idx: int) -> Violation:
    rules = state.spec.ruleset.exploitation
    unit = state.spec.units[idx]
    if rules is None:
        return Violation("not-exploiting", f"{unit.name} cannot move: the ruleset has no exploitation")
    tables = state.spec.ruleset.tables
    supply = SupplyState.NAMES[int(state.units["supply"][idx])]
    ground = tables.grounds[int(state.hexes["ground"][state.units["hex"][idx]])]
    good_grounds = " or ".join(g.replace("_", " ") for g, p in rules.allowance_pct.items() if p > 0)
    if unit.movement_class not in rules.classes:
        why = f"only {' or '.join(rules.classes)} units move in the exploitation phase"
    elif supply not in rules.supply:
        status = "out of supply" if supply == "out" else f"{supply} on supply"
        why = f"it is {status}; only {' or '.join(rules.supply)} units exploit"
    elif rules.allowance_pct.get(ground, 0) <= 0:
        why = f"its hex is {ground.replace('_', ' ')}; units exploit only on {good_grounds} ground"
    else:
        why = "supply and cold leave it no movement"
    return Violation("not-exploiting", f"{unit.name} cannot exploit: {why}")


def _why_unreachable(state: GameState, idx: int, target: int, label: str, r: Reach) -> Violation:
    unit = state.spec.units[idx]
    side = unit.side
    ctx = move_context(state, side)
    if ctx.enemy_occupied[target]:
        return Violation("enemy-hex", f"{label} is occupied by the enemy; attack it instead")
    limit = state.spec.ruleset.tables.stacking.max_units
    if ctx.friendly_count[target] >= limit:
        return Violation("stacking", f"{label} already holds {ctx.friendly_count[target]} units (limit {limit})")
    cost = path_cost_unlimited(state, idx, target)
    if np.isfinite(cost):
        have = state.units["mp"][idx] / MP_TICKS
        return Violation(
            "too-far", f"the cheapest path to {label} costs {cost / MP_TICKS:g} MP; {unit.name} has {have:g} MP left"
        )
    return Violation(
        "no-path", f"no path to {label}: enemy units, zones of control or impassable terrain block every route"
    )


def apply_move(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    """Move the unit along its cheapest path; entering an enemy ZOC ends its movement."""
    assert isinstance(order, Move)
    idx = state.spec.unit_index[order.unit]
    m = state.spec.map
    target = m.index_of_label(order.to)
    r = reach(state, idx)
    path = r.path_to(target)
    cost = int(r.cost[target])
    side = int(state.spec.unit_side[idx])
    state.units["hex"][idx] = target
    state.units["mp"][idx] -= cost
    state.units["moved"][idx] = 1
    stopped = bool(r.stop_in_zoc[target]) and state.spec.ruleset.tables.zoc.entering_stops
    if stopped:
        state.units["mp"][idx] = 0
    unit = state.spec.units[idx]
    events: list[Event] = [
        UnitMoved(unit.id, unit.name, tuple(m.label_of(h) for h in path), cost / MP_TICKS, stopped)
    ]
    events += take_control(state, path[1:], side)
    return events


def take_control(state: GameState, hexes: list[int], side: int) -> list[Event]:
    """Give ``side`` control of hexes it entered; report captured places."""
    control = state.hexes["control"]
    events: list[Event] = []
    m = state.spec.map
    for h in hexes:
        if control[h] != side:
            control[h] = side
            k = m.settlement_at[h]
            if k >= 0:
                events.append(HexCaptured(m.settlements[k].name, m.label_of(h), state.spec.sides[side].name))
    return events


def legal_moves(state: GameState) -> list[Order]:
    """Every legal Move for the active side (empty outside the movement and exploitation phases)."""
    if state.phase not in MOVE_PHASES or state.game_over:
        return []
    m = state.spec.map
    orders: list[Order] = []
    for u, r in sorted(reach_all(state, state.active_side).items()):
        uid = state.spec.units[u].id
        orders.extend(Move(uid, m.label_of(int(h))) for h in r.reachable())
    return orders
