"""A record replayed progressively, kept light: events and phase keys for every step, states at keyframes.

No pygame here. ``ReplayData.load(budget)`` advances the verified replay
(``game.replay.iter_replay``) for a time budget, so a long campaign record
opens at once and fills in while the viewer is already showing it.
``state_at(k)`` rebuilds any step from the nearest keyframe by re-applying the
recorded orders with their recorded chance outcomes.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from game.chance import RecordedChance
from game.events import Event
from game.orders import parse_order
from game.record import GameRecord
from game.replay import ReplayError, ReplayFrame, iter_replay
from game.rules.engine import apply_order
from game.spec import ScenarioSpec
from game.state import GameState

KEYFRAME_EVERY = 16


@dataclass(frozen=True)
class StepInfo:
    """What the viewer needs of every step without its state."""

    turn: int
    half: int
    phase: str
    active_side: int
    events: tuple[Event, ...]


class ReplayData:
    """The steps of a record as far as they have been replayed (and verified)."""

    def __init__(self, record: GameRecord, spec: ScenarioSpec) -> None:
        self.record = record
        self.spec = spec
        self.steps: list[StepInfo] = []
        self.keyframes: dict[int, GameState] = {}
        self.problem = ""
        self.done = False
        self._iter: Iterator[ReplayFrame] | None = iter_replay(record, spec)
        self._cache: tuple[int, GameState] | None = None

    @property
    def total(self) -> int:
        """Number of frames the full record has (setup + one per order)."""
        return len(self.record.steps) + 1

    @property
    def count(self) -> int:
        """Frames replayed so far."""
        return len(self.steps)

    def load(self, budget_s: float | None = None) -> int:
        """Replay further for at most ``budget_s`` seconds (None: to the end); returns frames added."""
        if self._iter is None:
            return 0
        start, added = time.perf_counter(), 0
        try:
            for frame in self._iter:
                s = frame.state
                self.steps.append(StepInfo(s.turn, s.half, s.phase, s.active_side, tuple(frame.events)))
                if frame.step % KEYFRAME_EVERY == 0:
                    self.keyframes[frame.step] = s
                self._cache = (frame.step, s)
                added += 1
                if budget_s is not None and time.perf_counter() - start >= budget_s:
                    return added
        except ReplayError as exc:
            self.problem = str(exc)
        self._iter = None
        self.done = True
        return added

    def state_at(self, k: int) -> GameState:
        """The state after step ``k`` (0 = after setup); ``k`` must have been loaded."""
        if not 0 <= k < self.count:
            raise IndexError(f"step {k} has not been replayed (0..{self.count - 1})")
        if self._cache is not None and self._cache[0] == k:
            return self._cache[1]
        if k in self.keyframes:
            state = self.keyframes[k]
        else:
            base = self._cache[0] if self._cache is not None and self._cache[0] < k else -1
            k0 = max(j for j in self.keyframes if j <= k)
            if base >= k0:
                k0, state = base, self._cache[1].clone()  # type: ignore[union-attr]
            else:
                state = self.keyframes[k0].clone()
            for j in range(k0 + 1, k + 1):
                step = self.record.steps[j - 1]
                apply_order(state, parse_order(step.order), RecordedChance(step.chance, f"step {j}"))
        self._cache = (k, state)
        return state

    def frame(self, k: int) -> ReplayFrame:
        return ReplayFrame(k, self.state_at(k), list(self.steps[k].events))
