"""Reinforcements and withdrawals on schedule (turn or date) or by trigger.

A reinforcement group is placed at the start of its turn at its location;
if that hex is held by the enemy, full, or impassable, each unit goes to the
nearest free hex (``common.nearest_free_hex``). Withdrawn units leave the map
(status ``withdrawn``); units already eliminated stay eliminated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from game.chance import ChanceSource
from game.events import Event
from game.rules.common import due_turn, nearest_free_hex, resolve, side_name
from game.rules.movement_orders import take_control
from game.rules.rule_events import UnitsArrived, UnitsWithdrawn
from game.state import GameState
from game.units import UnitStatus


def place_units(state: GameState, unit_ids: Sequence[str], at: Any, note: str = "") -> list[Event]:
    """Bring pending units onto the map at ``at`` (a location reference) or the nearest free hex."""
    target = resolve(state, at)
    m = state.spec.map
    events: list[Event] = []
    by_side: dict[int, list[tuple[str, int]]] = {}
    for uid in unit_ids:
        u = state.unit_index(uid)
        if int(state.units["status"][u]) != UnitStatus.PENDING:
            continue
        side = int(state.spec.unit_side[u])
        h = nearest_free_hex(state, target, side)
        if h < 0:
            continue
        state.units["hex"][u] = h
        state.units["status"][u] = UnitStatus.ON_MAP
        state.units["steps"][u] = state.spec.unit_max_steps[u]
        state.units["mp"][u] = 0
        events += take_control(state, [h], side)
        by_side.setdefault(side, []).append((state.spec.units[u].name, h))
    for side, placed in by_side.items():
        hexes = sorted({h for _, h in placed})
        displaced = any(h != target for _, h in placed)
        label = m.label_of(target) if displaced else m.label_of(hexes[0])
        events.insert(0, UnitsArrived(side_name(state, side), tuple(n for n, _ in placed), label, note, displaced))
    return events


def withdraw_units(state: GameState, unit_ids: Sequence[str], note: str = "") -> list[Event]:
    """Take units off the map for other fronts."""
    names: dict[int, list[str]] = {}
    for uid in unit_ids:
        u = state.unit_index(uid)
        if int(state.units["status"][u]) in (UnitStatus.ELIMINATED, UnitStatus.WITHDRAWN):
            continue
        state.units["status"][u] = UnitStatus.WITHDRAWN
        state.units["hex"][u] = -1
        state.units["mp"][u] = 0
        names.setdefault(int(state.spec.unit_side[u]), []).append(state.spec.units[u].name)
    return [UnitsWithdrawn(side_name(state, s), tuple(n), note) for s, n in sorted(names.items())]


def arrivals_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Begin turn: scheduled withdrawals, then scheduled reinforcements, for this turn."""
    rules = state.spec.rules
    events: list[Event] = []
    for w in rules.withdrawals:
        if due_turn(state, w.turn, w.date) == state.turn:
            events += withdraw_units(state, w.units, w.note)
    for r in rules.reinforcements:
        if due_turn(state, r.turn, r.date) == state.turn:
            events += place_units(state, r.units, r.at, r.note)
    return events


def pending_arrivals(state: GameState, side: int) -> list[tuple[int, tuple[str, ...]]]:
    """Scheduled reinforcements of ``side`` still to come: (turn, unit ids), soonest first."""
    out = []
    for r in state.spec.rules.reinforcements:
        turn = due_turn(state, r.turn, r.date)
        ids = tuple(uid for uid in r.units if int(state.spec.unit_side[state.unit_index(uid)]) == side)
        if turn > state.turn and ids:
            out.append((turn, ids))
    return sorted(out)

