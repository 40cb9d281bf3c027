"""Orders are data: frozen, serializable, with a short text form and a parser.

Text forms (python-chess ``push_san`` in spirit)::

    move ger.7pz 0712        Move unit ger.7pz to hex 0712
    end                      EndPhase

Further order types (Attack, air missions, ...) are added by listing their
class in ``ORDER_TYPES``; each class gives ``keyword``, ``text()`` and
``from_words()``.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import ClassVar


class OrderParseError(ValueError):
    """A text order that cannot be read."""


@dataclass(frozen=True)
class Order:
    """Base of all orders."""

    keyword: ClassVar[str] = ""
    usage: ClassVar[str] = ""

    def text(self) -> str:
        """The short text form, parseable by ``parse_order``."""
        raise NotImplementedError

    @classmethod
    def from_words(cls, words: list[str]) -> Order:
        """Build the order from the words after the keyword."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Move(Order):
    """Move a unit to a hex along its cheapest legal path."""

    keyword: ClassVar[str] = "move"
    usage: ClassVar[str] = "move UNIT_ID HEX_LABEL"
    unit: str
    to: str

    def text(self) -> str:
        return f"move {self.unit} {self.to}"

    @classmethod
    def from_words(cls, words: list[str]) -> Move:
        if len(words) != 2:
            raise OrderParseError(f"expected '{cls.usage}'")
        return cls(words[0], words[1])


@dataclass(frozen=True)
class EndPhase(Order):
    """End the active side's current phase."""

    keyword: ClassVar[str] = "end"
    usage: ClassVar[str] = "end"

    def text(self) -> str:
        return "end"

    @classmethod
    def from_words(cls, words: list[str]) -> EndPhase:
        if words:
            raise OrderParseError("'end' takes no arguments")
        return cls()


ORDER_TYPES: tuple[type[Order], ...] = (Move, EndPhase)


def order_types() -> dict[str, type[Order]]:
    """Keyword -> order class, for every registered order type."""
    from game.rules.orders import RULES_ORDER_TYPES

    return {cls.keyword: cls for cls in (*ORDER_TYPES, *RULES_ORDER_TYPES)}


def parse_order(text: str) -> Order:
    """Parse a text order; raises ``OrderParseError`` naming the usage."""
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise OrderParseError(f"cannot read order {text!r}: {exc}") from None
    if not words:
        raise OrderParseError("empty order")
    types = order_types()
    cls = types.get(words[0].lower())
    if cls is None:
        known = ", ".join(sorted(types))
        raise OrderParseError(f"unknown order {words[0]!r}; known orders: {known}")
    try:
        return cls.from_words(words[1:])
    except OrderParseError as exc:
        raise OrderParseError(f"{text!r}: {exc}") from None
