"""Chance sources: every die roll and random draw goes through one of these.

Live play seeds a fresh generator per step from the game seed (numpy
``SeedSequence(seed, spawn_key=(step,))``), so an AI exploring futures never
disturbs the real game's dice. Every outcome is logged as ``(kind, n, value)``
meaning "value drawn uniformly from range(n)" and written to the record;
replay feeds the recorded values back and checks the requests match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

Outcome = tuple[str, int, int]


class ChanceDivergence(Exception):
    """A replayed game asked for a different draw than the record holds."""


class ChanceSource(Protocol):
    """Something that draws integers and logs them."""

    log: list[Outcome]

    def draw(self, kind: str, n: int) -> int:
        """A value in ``range(n)``; ``kind`` names the draw (e.g. 'combat', 'weather')."""
        ...


def die(chance: ChanceSource, sides: int = 6, kind: str = "die") -> int:
    """Roll a die: 1..sides."""
    return chance.draw(kind, sides) + 1


def weighted(chance: ChanceSource, weights: Sequence[int], kind: str) -> int:
    """Pick an index with integer weights (exact, float-free)."""
    total = int(sum(weights))
    if total <= 0:
        raise ValueError("weights must sum to a positive number")
    value = chance.draw(kind, total)
    for i, w in enumerate(weights):
        if value < w:
            return i
        value -= w
    raise AssertionError("unreachable")


class LiveChance:
    """Draws from a generator seeded by (game seed, step)."""

    def __init__(self, seed: int, step: int) -> None:
        self._rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(step,))))
        self.log: list[Outcome] = []

    def draw(self, kind: str, n: int) -> int:
        value = int(self._rng.integers(n))
        self.log.append((kind, n, value))
        return value


class RecordedChance:
    """Replays recorded outcomes, refusing any request that does not match."""

    def __init__(self, outcomes: Sequence[Sequence], where: str = "") -> None:
        self._outcomes = [tuple(o) for o in outcomes]
        self._pos = 0
        self.where = where
        self.log: list[Outcome] = []

    def draw(self, kind: str, n: int) -> int:
        if self._pos >= len(self._outcomes):
            raise ChanceDivergence(f"{self.where}: the rules asked for a '{kind}' draw the record does not have")
        rkind, rn, value = self._outcomes[self._pos]
        if rkind != kind or rn != n:
            raise ChanceDivergence(
                f"{self.where}: the rules asked for '{kind}' in range({n}) but the record has '{rkind}' in range({rn})"
            )
        if not 0 <= int(value) < n:
            raise ChanceDivergence(f"{self.where}: recorded '{kind}' value {value} is outside range({n})")
        self._pos += 1
        self.log.append((kind, n, int(value)))
        return int(value)

    def finished(self) -> bool:
        """True when every recorded outcome was used."""
        return self._pos == len(self._outcomes)


class ScriptedChance:
    """For tests: returns the given values in order (checked against range)."""

    def __init__(self, values: Sequence[int]) -> None:
        self._values = list(values)
        self.log: list[Outcome] = []

    def draw(self, kind: str, n: int) -> int:
        if not self._values:
            raise AssertionError(f"scripted chance ran out (asked for '{kind}' in range({n}))")
        value = self._values.pop(0)
        if not 0 <= value < n:
            raise AssertionError(f"scripted value {value} outside range({n}) for '{kind}'")
        self.log.append((kind, n, value))
        return value
