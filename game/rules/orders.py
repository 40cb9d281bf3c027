"""Order types and handlers added by the rules (combat, air missions, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.orders import Order

if TYPE_CHECKING:
    from game.rules.engine import Handler

RULES_ORDER_TYPES: tuple[type[Order], ...] = ()
RULES_HANDLERS: dict[type[Order], Handler] = {}
