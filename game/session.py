"""``Session``: the single checked entry point for playing a game.

UI, AI and command line all build orders and call ``submit``. The session
checks the order, applies it with a chance source seeded for that step,
collects the events and appends the step to the game record. Moves can be
undone until a chance outcome is drawn or new information is revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.chance import LiveChance
from game.events import Event
from game.invariants import assert_invariants
from game.invariants import enabled as invariants_enabled
from game.orders import Move, Order, parse_order
from game.record import GameRecord, RecordStep, TurnMark, step_checksum
from game.rules.engine import apply_order, check_order, legal_orders
from game.rules.violations import IllegalOrder, Violation
from game.setup import start_game
from game.spec import ScenarioSpec
from game.state import GameState


@dataclass
class _UndoPoint:
    state: GameState
    record_steps: int
    turn_marks: int
    events: int


class Session:
    """A game in progress: state, record, event log and undo."""

    def __init__(self, spec: ScenarioSpec, seed: int, options: dict[str, Any] | None = None) -> None:
        self.spec = spec
        self.seed = seed
        chance = LiveChance(seed, 0)
        self.state, events = start_game(spec, chance)
        self.record = GameRecord(
            scenario_id=spec.id,
            scenario_hash=spec.content_hash,
            seed=seed,
            scenario_path=portable_scenario_path(spec.source_path),
            options=dict(options or {}),
            setup_chance=list(chance.log),
        )
        self.events: list[Event] = list(events)
        self._undo: list[_UndoPoint] = []
        self._mark_turn()
        self.check_invariants = invariants_enabled(options)
        """Debug option: check ``game.invariants`` after every order (option or env MOSCOW41_INVARIANTS)."""
        if self.check_invariants:
            assert_invariants(self.state, self.record, "after setup")

    # --- queries ------------------------------------------------------------
    def check(self, order: Order | str) -> list[Violation]:
        """Why an order would be refused (empty when legal); never changes anything."""
        if isinstance(order, str):
            order = parse_order(order)
        return check_order(self.state, order)

    def legal_orders(self) -> list[Order]:
        """Every legal order for the side to act."""
        return legal_orders(self.state)

    @property
    def step_count(self) -> int:
        return len(self.record.steps)

    @property
    def can_undo(self) -> bool:
        """True when the last order was a move that drew no dice and revealed nothing."""
        return bool(self._undo)

    # --- transitions -------------------------------------------------------
    def submit(self, order: Order | str) -> list[Event]:
        """Check and apply an order; raises ``IllegalOrder`` (state untouched) if refused."""
        if isinstance(order, str):
            order = parse_order(order)
        violations = check_order(self.state, order)
        if violations:
            raise IllegalOrder(order.text(), violations)
        before = self.state.clone()
        point = _UndoPoint(before, len(self.record.steps), len(self.record.turns), len(self.events))
        step_index = len(self.record.steps) + 1
        chance = LiveChance(self.seed, step_index)
        turn, side = self.state.turn, self.state.active_side
        events = apply_order(self.state, order, chance)
        text = order.text()
        seal = step_checksum(self.state.checksum(), text, chance.log)
        self.record.steps.append(RecordStep(text, list(chance.log), turn, side, seal))
        self.events.extend(events)
        if self.state.turn != turn:
            self._mark_turn()
        if self.state.game_over:
            self.record.final_checksum = self.state.checksum()
        if isinstance(order, Move) and not chance.log and not _revealed(before, self.state, side):
            self._undo.append(point)
        else:
            self._undo.clear()
        if self.check_invariants:
            assert_invariants(self.state, self.record, f"after step {step_index} ({order.text()})", before=before)
        return events

    def undo(self) -> bool:
        """Take back the last move if allowed; returns False when nothing can be undone."""
        if not self._undo:
            return False
        point = self._undo.pop()
        self.state = point.state
        del self.record.steps[point.record_steps :]
        del self.record.turns[point.turn_marks :]
        del self.events[point.events :]
        return True

    def _mark_turn(self) -> None:
        s = self.state
        self.record.turns.append(
            TurnMark(
                turn=s.turn,
                step=len(self.record.steps),
                checksum=s.checksum(),
                unit_hex=[int(x) for x in s.units["hex"]],
                unit_steps=[int(x) for x in s.units["steps"]],
            )
        )

    @classmethod
    def resume(cls, spec: ScenarioSpec, record: GameRecord) -> Session:
        """Rebuild a session from a record (verified replay), ready to continue."""
        from game.replay import ReplayError, replay

        result = replay(record, spec)
        if result.divergence is not None:
            raise ReplayError(result.divergence)
        session = cls.__new__(cls)
        session.spec = spec
        session.seed = record.seed
        session.state = result.state
        session.record = record.copy()
        session.events = result.events
        session._undo = []
        session.check_invariants = invariants_enabled(record.options)
        return session


def portable_scenario_path(path: str | None) -> str | None:
    """The scenario path as a record stores it: relative to the shipped scenarios folder when inside it
    (so records and play-by-email files work on any machine and leak no local folder names)."""
    if path is None:
        return None
    from pathlib import Path

    from game.paths import SCENARIO_DIR

    try:
        return Path(path).resolve().relative_to(SCENARIO_DIR.resolve()).as_posix()
    except ValueError:
        return path


def _revealed(before: GameState, after: GameState, side: int) -> bool:
    """True if the change let ``side`` see something it could not see before (fog of war)."""
    from game.rules import hooks

    reveal = getattr(hooks, "revealed_information", None)
    return bool(reveal(before, after, side)) if reveal is not None else False
