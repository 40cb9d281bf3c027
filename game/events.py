"""Events: what happened, emitted by the rules and appended to the turn report."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Event:
    """Base event. ``text`` is the line shown in the turn report."""

    def text(self) -> str:
        return type(self).__name__

    def to_dict(self) -> dict[str, Any]:
        """Plain data for logs and tests."""
        return {"event": type(self).__name__, **{f.name: getattr(self, f.name) for f in fields(self)}}


@dataclass(frozen=True)
class UnitMoved(Event):
    unit: str
    name: str
    path: tuple[str, ...]
    cost_mp: float
    stopped_by_zoc: bool = False

    def text(self) -> str:
        zoc = " (stopped by enemy zone of control)" if self.stopped_by_zoc else ""
        return f"{self.name} moved {self.path[0]} -> {self.path[-1]} for {self.cost_mp:g} MP{zoc}"


@dataclass(frozen=True)
class HexCaptured(Event):
    place: str
    hex: str
    side: str

    def text(self) -> str:
        return f"{self.place} ({self.hex}) captured by {self.side}"


@dataclass(frozen=True)
class PhaseBegan(Event):
    turn: int
    date: str
    side: str
    phase: str

    def text(self) -> str:
        return f"Turn {self.turn} ({self.date}): {self.side} {self.phase} phase"


@dataclass(frozen=True)
class TurnBegan(Event):
    turn: int
    date: str

    def text(self) -> str:
        return f"Turn {self.turn} begins ({self.date})"


@dataclass(frozen=True)
class GameEnded(Event):
    reason: str
    winner: str = ""

    def text(self) -> str:
        return f"Game over: {self.reason}"


@dataclass(frozen=True)
class Notice(Event):
    """A free-text line for the turn report (e.g. a scenario message)."""

    message: str

    def text(self) -> str:
        return self.message
