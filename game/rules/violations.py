"""Violations: why an order is refused, in words a player can read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """One reason an order is illegal."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class IllegalOrder(Exception):
    """Raised by ``Session.submit`` for a refused order; the state is unchanged."""

    def __init__(self, order_text: str, violations: list[Violation]) -> None:
        self.order_text = order_text
        self.violations = violations
        super().__init__(f"{order_text}: " + "; ".join(v.message for v in violations))
