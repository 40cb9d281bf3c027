"""Events of the rules (weather, supply, combat, air, arrivals, victory) for the turn report.

Each ``text()`` says what happened and why, in one line a player can read.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.events import Event


@dataclass(frozen=True)
class WeatherChanged(Event):
    turn: int
    weather: str
    temperature: str
    ground: str
    previous_ground: str
    flyable: bool
    effects: str = ""
    note: str = ""

    def text(self) -> str:
        change = f"ground {self.ground}" if self.ground == self.previous_ground else (
            f"ground {self.previous_ground} -> {self.ground}")
        air = "flying weather" if self.flyable else "no flying"
        parts = [f"Weather: {self.weather}, {self.temperature}; {change}; {air}"]
        if self.effects:
            parts.append(self.effects)
        if self.note:
            parts.append(self.note)
        return " — ".join(parts)


@dataclass(frozen=True)
class AirPointsSet(Event):
    side: str
    points: int
    reason: str = ""

    def text(self) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.side}: {self.points} air points this turn{why}"


@dataclass(frozen=True)
class AirMission(Event):
    side: str
    mission: str
    hex: str
    points: int
    effect: str

    def text(self) -> str:
        return f"{self.side} air: {self.mission} over {self.hex} with {self.points} point(s) — {self.effect}"


@dataclass(frozen=True)
class RailConverted(Event):
    side: str
    hexes: tuple[str, ...]

    def text(self) -> str:
        n = len(self.hexes)
        return f"{self.side}: railway troops converted {n} hex(es) of captured track ({', '.join(self.hexes)})"


@dataclass(frozen=True)
class SupplyReport(Event):
    side: str
    supplied: int
    low: int
    out: int
    why: str = ""

    def text(self) -> str:
        why = f" — {self.why}" if self.why else ""
        return f"{self.side} supply: {self.supplied} supplied, {self.low} low, {self.out} out{why}"


@dataclass(frozen=True)
class PocketReport(Event):
    name: str
    side: str
    units: tuple[str, ...]
    turns_out: int

    def text(self) -> str:
        n = len(self.units)
        return (f"{self.name}: {n} {self.side} unit{'s' if n != 1 else ''} cut off, "
                f"out of supply for {self.turns_out} turn{'s' if self.turns_out != 1 else ''}")


@dataclass(frozen=True)
class StepLost(Event):
    unit: str
    name: str
    steps_left: int
    cause: str

    def text(self) -> str:
        left = "eliminated" if self.steps_left <= 0 else f"{self.steps_left} step(s) left"
        return f"{self.name} loses a step ({self.cause}); {left}"


@dataclass(frozen=True)
class CombatResolved(Event):
    target: str
    attackers: tuple[str, ...]
    defenders: tuple[str, ...]
    attack: str
    defence: str
    column: str
    shifts: tuple[str, ...]
    roll: int
    result: str
    result_text: str

    def text(self) -> str:
        sh = f"; shifts: {', '.join(self.shifts)}" if self.shifts else ""
        return (f"Attack on {self.target}: {', '.join(self.attackers)} ({self.attack}) against "
                f"{', '.join(self.defenders)} ({self.defence}) at {self.column}{sh}; rolled {self.roll}: "
                f"{self.result} ({self.result_text})")


@dataclass(frozen=True)
class UnitRetreated(Event):
    unit: str
    name: str
    path: tuple[str, ...]

    def text(self) -> str:
        return f"{self.name} retreats {' -> '.join(self.path)}"


@dataclass(frozen=True)
class UnitAdvanced(Event):
    unit: str
    name: str
    to: str

    def text(self) -> str:
        return f"{self.name} advances after combat into {self.to}"


@dataclass(frozen=True)
class UnitsArrived(Event):
    side: str
    units: tuple[str, ...]
    hex: str
    note: str = ""
    displaced: bool = False

    def text(self) -> str:
        where = f"near {self.hex} (arrival hex blocked)" if self.displaced else f"at {self.hex}"
        note = f" — {self.note}" if self.note else ""
        return f"{self.side} reinforcements arrive {where}: {', '.join(self.units)}{note}"


@dataclass(frozen=True)
class UnitsWithdrawn(Event):
    side: str
    units: tuple[str, ...]
    note: str = ""

    def text(self) -> str:
        note = f" — {self.note}" if self.note else ""
        return f"{self.side} withdraws {', '.join(self.units)}{note}"


@dataclass(frozen=True)
class VictoryPoints(Event):
    turn: int
    scores: tuple[tuple[str, int], ...]
    detail: str = ""

    def text(self) -> str:
        s = ", ".join(f"{side} {vp}" for side, vp in self.scores)
        d = f" ({self.detail})" if self.detail else ""
        return f"Victory points after turn {self.turn}: {s}{d}"


@dataclass(frozen=True)
class TriggerFired(Event):
    trigger: str
    text_: str

    def text(self) -> str:
        return self.text_


@dataclass(frozen=True)
class ReplacementsArrived(Event):
    side: str
    used: int
    available: int
    units: tuple[str, ...]

    def text(self) -> str:
        lost = self.available - self.used
        to = f": {', '.join(self.units)}" if self.units else ""
        tail = f" ({lost} found no supplied, worn unit out of enemy contact)" if lost else ""
        return f"{self.side} replacements: {self.used} step(s){to}{tail}"


@dataclass(frozen=True)
class MovementReduced(Event):
    side: str
    causes: tuple[tuple[str, int], ...]

    def text(self) -> str:
        parts = ", ".join(f"{n} unit{'s' if n != 1 else ''} {cause}" for cause, n in self.causes)
        return f"{self.side} movement allowance reduced: {parts}"


@dataclass(frozen=True)
class ExploitationBegan(Event):
    side: str
    units: int

    def text(self) -> str:
        return (f"{self.side} exploitation: {self.units} mobile unit{'s' if self.units != 1 else ''} "
                "in supply may move again")
