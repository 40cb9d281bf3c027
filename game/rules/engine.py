"""The one place orders are checked and applied.

``check_order`` is a query (violations, never a change); ``apply_order`` is
the transition and must only be called after ``check_order`` returned nothing.
Order types dispatch through ``HANDLERS``; the rules add theirs there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.chance import ChanceSource
from game.events import Event
from game.orders import EndPhase, Move, Order
from game.rules.movement_orders import apply_move, check_move, legal_moves
from game.rules.turn import end_phase
from game.rules.violations import Violation
from game.state import GameState


@dataclass(frozen=True)
class Handler:
    """How one order type is checked, applied and enumerated."""

    check: Callable[[GameState, Order], list[Violation]]
    apply: Callable[[GameState, Order, ChanceSource], list[Event]]
    legal: Callable[[GameState], list[Order]]


def _check_end(state: GameState, order: Order) -> list[Violation]:
    if state.game_over:
        return [Violation("game-over", "the game is over")]
    return []


def _apply_end(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    return end_phase(state, chance)


def _legal_end(state: GameState) -> list[Order]:
    return [] if state.game_over else [EndPhase()]


def handlers() -> dict[type[Order], Handler]:
    """Order class -> handler, core and rules."""
    from game.rules.orders import RULES_HANDLERS

    return {
        Move: Handler(check_move, apply_move, legal_moves),
        EndPhase: Handler(_check_end, _apply_end, _legal_end),
        **RULES_HANDLERS,
    }


def check_order(state: GameState, order: Order) -> list[Violation]:
    """Why ``order`` is illegal in ``state`` (empty list when legal). Never changes the state."""
    handler = handlers().get(type(order))
    if handler is None:
        return [Violation("unknown-order", f"no rules for order type {type(order).__name__}")]
    return handler.check(state, order)


def apply_order(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    """Apply a legal order in place and return the events."""
    return handlers()[type(order)].apply(state, order, chance)


def legal_orders(state: GameState) -> list[Order]:
    """Every legal order for the active side, in a stable order."""
    out: list[Order] = []
    for handler in handlers().values():
        out.extend(handler.legal(state))
    return out
