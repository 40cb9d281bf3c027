"""Order types and handlers added by the rules: attacks, advance after combat, air interdiction.

Text forms::

    attack 0712 ger.7pz ger.9pz          attack hex 0712 with two units
    attack 0712 ger.7pz air=2            ... with 2 air points of ground support
    advance ger.7pz                      advance into the hex just emptied by combat
    interdict 0712 2                     spend 2 air points to interdict hex 0712
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from game.orders import Order, OrderParseError

if TYPE_CHECKING:
    from game.rules.engine import Handler


@dataclass(frozen=True)
class Attack(Order):
    """Attack the units in hex ``target`` with ``units`` (all adjacent), optionally with air support."""

    keyword: ClassVar[str] = "attack"
    usage: ClassVar[str] = "attack HEX UNIT_ID [UNIT_ID...] [air=N]"
    target: str
    units: tuple[str, ...]
    air: int = 0

    def text(self) -> str:
        air = f" air={self.air}" if self.air else ""
        return f"attack {self.target} {' '.join(self.units)}{air}"

    @classmethod
    def from_words(cls, words: list[str]) -> Attack:
        air = 0
        rest: list[str] = []
        for w in words:
            if w.lower().startswith("air="):
                try:
                    air = int(w[4:])
                except ValueError:
                    raise OrderParseError(f"air points must be a whole number, not {w[4:]!r}") from None
            else:
                rest.append(w)
        if len(rest) < 2:
            raise OrderParseError(f"expected '{cls.usage}'")
        return cls(rest[0], tuple(rest[1:]), air)


@dataclass(frozen=True)
class Advance(Order):
    """Move a unit that took part in the last attack into the hex the defenders left."""

    keyword: ClassVar[str] = "advance"
    usage: ClassVar[str] = "advance UNIT_ID"
    unit: str

    def text(self) -> str:
        return f"advance {self.unit}"

    @classmethod
    def from_words(cls, words: list[str]) -> Advance:
        if len(words) != 1:
            raise OrderParseError(f"expected '{cls.usage}'")
        return cls(words[0])


@dataclass(frozen=True)
class Interdict(Order):
    """Spend air points on a hex: enemy movement and supply into it cost more until your next turn."""

    keyword: ClassVar[str] = "interdict"
    usage: ClassVar[str] = "interdict HEX [POINTS]"
    hex: str
    points: int = 1

    def text(self) -> str:
        return f"interdict {self.hex} {self.points}"

    @classmethod
    def from_words(cls, words: list[str]) -> Interdict:
        if len(words) not in (1, 2):
            raise OrderParseError(f"expected '{cls.usage}'")
        try:
            points = int(words[1]) if len(words) == 2 else 1
        except ValueError:
            raise OrderParseError(f"air points must be a whole number, not {words[1]!r}") from None
        return cls(words[0], points)


RULES_ORDER_TYPES: tuple[type[Order], ...] = (Attack, Advance, Interdict)


def _handlers() -> dict[type[Order], Handler]:
    from game.rules.air import apply_interdict, check_interdict, legal_interdicts
    from game.rules.combat import (
        apply_advance,
        apply_attack,
        check_advance,
        check_attack,
        legal_advances,
        legal_attacks,
    )
    from game.rules.engine import Handler

    return {
        Attack: Handler(check_attack, apply_attack, legal_attacks),
        Advance: Handler(check_advance, apply_advance, legal_advances),
        Interdict: Handler(check_interdict, apply_interdict, legal_interdicts),
    }


def __getattr__(name: str) -> object:
    """``RULES_HANDLERS`` is built on first use, so the order types import no rules modules."""
    if name == "RULES_HANDLERS":
        handlers = _handlers()
        globals()["RULES_HANDLERS"] = handlers
        return handlers
    raise AttributeError(name)
