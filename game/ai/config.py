"""AI settings: strength levels and the scenario's tuning of each side's play.

A scenario may carry an ``ai`` section in its rules data (``spec.rules_data["ai"]``)::

    ai:
      german:
        aggression: 0.8            # 0 (cautious) .. 3 (reckless); scales attack thresholds
        aggression_by_turn:        # optional: another aggression from a turn on
          - {from_turn: 33, aggression: 2.0}
        objectives:                # places or hex labels, with weights (default: every VP place)
          - {place: Moscow, weight: 10}
          - {place: Tula, weight: 3}
        posture:                   # by turn: attack | defend | auto (auto: decide from the balance)
          - {from_turn: 1, posture: attack}
          - {from_turn: 25, posture: defend}
        operations:                # named groups driving for one objective in a window of turns
          - {name: "Vyazma pincer, north", units: [g_7pz, g_6pz], objective: Vyazma, from_turn: 1, until_turn: 4}
      soviet:
        posture: [{from_turn: 1, posture: defend}, {from_turn: 30, posture: auto}]

Everything is optional; the defaults are an attacking first side and a defending second side that
goes over to the offensive when the balance of strength turns (``auto``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

POSTURES: tuple[str, ...] = ("attack", "defend", "auto")


@dataclass(frozen=True)
class Level:
    """How strong an AI plays. Every number is deterministic; ``noise`` is drawn from the AI's generator."""

    name: str
    noise: float
    """Standard deviation of random jitter added to hex scores (in score units; a hex step is ~1)."""
    min_odds: float
    """Lowest odds ratio (attack / defence) the AI will attack at when attacking."""
    combine: bool
    """Combine several units into one attack and pick the subset with the best expected value."""
    use_preview: bool
    """Weigh attacks by the exact result probabilities of ``odds_preview`` (else by the raw ratio)."""
    reserve_fraction: float
    """Share of a defending side's units kept back as a reserve."""
    concentrate: bool
    """Mass armour at a few breakthrough points (Schwerpunkt) and aim for pockets."""
    depth: bool
    """Defend in depth: a second echelon behind the first line."""
    withdraw: bool
    """Pull units out of pockets and away from hopeless positions."""
    budget_s: float
    """Wall-time guard per side-turn in seconds (normal play); simulation runs without it."""
    samples: int = 1
    """Move plans tried per movement phase; above 1 the best by look-ahead evaluation is played."""
    sample_noise: float = 0.6
    """Jitter of the extra plans (the first plan always uses ``noise``)."""
    reply: bool = False
    """Value each plan after the enemy's foreseen normal-level move reply (look-ahead two half-moves deep)."""


LEVELS: dict[str, Level] = {
    "easy": Level("easy", noise=1.5, min_odds=1.0, combine=False, use_preview=False, reserve_fraction=0.0,
                  concentrate=False, depth=False, withdraw=False, budget_s=1.0),
    "normal": Level("normal", noise=0.4, min_odds=1.5, combine=True, use_preview=True, reserve_fraction=0.1,
                    concentrate=True, depth=True, withdraw=True, budget_s=1.0),
    "hard": Level("hard", noise=0.0, min_odds=2.0, combine=True, use_preview=True, reserve_fraction=0.15,
                  concentrate=True, depth=True, withdraw=True, budget_s=1.0, samples=8, reply=True),
}
"""The shipped strength levels."""


def level(name: str) -> Level:
    """A level by name; raises ValueError listing the names."""
    try:
        return LEVELS[name]
    except KeyError:
        raise ValueError(f"unknown AI level {name!r}; levels are {', '.join(LEVELS)} (or 'random')") from None


@dataclass(frozen=True)
class PostureStep:
    """From ``from_turn`` on, the side plays ``posture``."""

    from_turn: int
    posture: str


@dataclass(frozen=True)
class Operation:
    """A named group of units that drives for one objective during a window of turns.

    While the operation is active (``from_turn`` to ``until_turn``, inclusive; ``None`` is
    the end of the game) its units leave the side-wide objectives to the rest of the army:
    they head for ``objective`` (a place name or hex label) by the way that cuts most enemy
    units off from their rear, and stay on or around it once there. Without an objective it
    is a hold order: the units stand where they are (and do not withdraw while in supply).
    With ``hold`` false the operation also ends once the side holds its objective (a waypoint:
    the units go on to their next operation, or to the side-wide objectives).
    """

    name: str
    units: tuple[str, ...]
    objective: str | None = None
    from_turn: int = 1
    until_turn: int | None = None
    hold: bool = True

    def active_on(self, turn: int) -> bool:
        """Whether the operation runs on ``turn``."""
        return self.from_turn <= turn and (self.until_turn is None or turn <= self.until_turn)


@dataclass(frozen=True)
class SideTuning:
    """The scenario's tuning of one side's AI."""

    aggression: float = 1.0
    objectives: tuple[tuple[str, float], ...] = ()
    posture: tuple[PostureStep, ...] = field(default_factory=tuple)
    operations: tuple[Operation, ...] = ()
    aggression_by_turn: tuple[tuple[int, float], ...] = ()
    """(from_turn, aggression) steps after which ``aggression`` changes; ``on_turn`` applies them."""

    def on_turn(self, turn: int) -> SideTuning:
        """This tuning with the aggression set for ``turn`` (itself when no step applies)."""
        value = self.aggression
        for from_turn, aggression in sorted(self.aggression_by_turn):
            if from_turn <= turn:
                value = aggression
        return self if value == self.aggression else replace(self, aggression=value)

    def posture_on(self, turn: int, default: str) -> str:
        """The posture set for ``turn`` (``default`` when the scenario sets none)."""
        current = default
        for step in sorted(self.posture, key=lambda s: s.from_turn):
            if step.from_turn <= turn:
                current = step.posture
        return current


class TuningError(ValueError):
    """An ``ai`` section that cannot be used."""


def side_tuning(rules_data: Mapping[str, Any], side_id: str) -> SideTuning:
    """Read one side's tuning from a scenario's rules data (empty tuning when absent)."""
    section = rules_data.get("ai") or {}
    dump = getattr(section, "model_dump", None)
    if dump is not None:
        section = dump()
    if not isinstance(section, Mapping):
        raise TuningError("ai: expected a mapping of side id -> settings")
    raw = section.get(side_id) or {}
    if not isinstance(raw, Mapping):
        raise TuningError(f"ai.{side_id}: expected a mapping")
    known = ("aggression", "aggression_by_turn", "objectives", "posture", "operations")
    unknown = set(raw) - set(known)
    if unknown:
        raise TuningError(f"ai.{side_id}: unknown keys {sorted(unknown)}; known: {', '.join(known)}")
    aggression = float(raw.get("aggression", 1.0))
    if not 0.0 <= aggression <= 3.0:
        raise TuningError(f"ai.{side_id}.aggression: {aggression} is outside 0..3")
    by_turn: list[tuple[int, float]] = []
    for i, item in enumerate(raw.get("aggression_by_turn") or []):
        value = item.get("aggression") if isinstance(item, Mapping) else None
        if not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 3.0:
            raise TuningError(f"ai.{side_id}.aggression_by_turn[{i}]: expected {{from_turn, aggression: 0..3}}")
        by_turn.append((int(item.get("from_turn", 1)), float(value)))
    objectives: list[tuple[str, float]] = []
    for i, item in enumerate(raw.get("objectives") or []):
        if isinstance(item, str):
            objectives.append((item, 1.0))
        elif isinstance(item, Mapping) and "place" in item:
            objectives.append((str(item["place"]), float(item.get("weight", 1.0))))
        else:
            raise TuningError(f"ai.{side_id}.objectives[{i}]: expected a place name or {{place, weight}}")
    steps: list[PostureStep] = []
    for i, item in enumerate(raw.get("posture") or []):
        if not isinstance(item, Mapping) or item.get("posture") not in POSTURES:
            raise TuningError(f"ai.{side_id}.posture[{i}]: expected {{from_turn, posture: {'|'.join(POSTURES)}}}")
        steps.append(PostureStep(int(item.get("from_turn", 1)), str(item["posture"])))
    operations = tuple(_operation(side_id, i, item) for i, item in enumerate(raw.get("operations") or []))
    return SideTuning(aggression, tuple(objectives), tuple(steps), operations, tuple(by_turn))


def _operation(side_id: str, i: int, item: Any) -> Operation:
    """One entry of ``ai.SIDE.operations`` (the scenario schema has checked names and turns)."""
    where = f"ai.{side_id}.operations[{i}]"
    if not isinstance(item, Mapping) or not item.get("units"):
        raise TuningError(f"{where}: expected {{name, units: [unit ids], objective, from_turn, until_turn}}")
    units = item["units"]
    if isinstance(units, str) or not all(isinstance(u, str) for u in units):
        raise TuningError(f"{where}.units: expected a list of unit ids")
    until = item.get("until_turn")
    objective = item.get("objective")
    op = Operation(str(item.get("name") or f"operation {i + 1}"), tuple(units),
                   None if objective is None else str(objective),
                   int(item.get("from_turn", 1)), None if until is None else int(until), bool(item.get("hold", True)))
    if op.until_turn is not None and op.until_turn < op.from_turn:
        raise TuningError(f"{where}: until_turn {op.until_turn} is before from_turn {op.from_turn}")
    return op
