"""Cross-reference checks: every name a scenario uses must exist.

Walks validated models and finds values annotated with
:class:`~game.scenario.refs.Ref`; each is checked against the scenario
(units, sides, places, turns, dates, events, the map) and the ruleset (unit
types, terrain, hexsides, roads, grounds).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from game.scenario.errors import did_you_mean
from game.scenario.geography import Projector
from game.scenario.locator import LocationError, Locator
from game.scenario.mapbuild import Note, label_index
from game.scenario.refs import Ref


@dataclass
class RefContext:
    """What references may point at; ``None`` means 'unknown, do not check'."""

    units: Collection[str] | None = None
    sides: Collection[str] | None = None
    unit_types: Collection[str] | None = None
    terrain: Collection[str] | None = None
    hexsides: Collection[str] | None = None
    roads: Collection[str] | None = None
    grounds: Collection[str] | None = None
    events: Collection[str] | None = None
    weather_types: Collection[str] | None = None
    temperatures: Collection[str] | None = None
    turns: int | None = None
    start: dt.date | None = None
    days_per_turn: int | None = None
    locator: Locator | None = None
    projector: Projector | None = None
    notes: list[Note] = field(default_factory=list)
    resolved: dict[tuple, int] = field(default_factory=dict)
    """Location path → hex index, for every location that resolved."""

    @property
    def end(self) -> dt.date | None:
        """The last day of the scenario, when the calendar is known."""
        if self.start is None or self.turns is None or self.days_per_turn is None:
            return None
        return self.start + dt.timedelta(days=self.turns * self.days_per_turn - 1)

    def check(self, value: Any, tp: Any, path: tuple) -> None:
        """Check every reference inside ``value`` declared as ``tp`` at document ``path``."""
        self._walk(value, tp, path)

    # --- walking -------------------------------------------------------------------
    def _walk(self, value: Any, tp: Any, path: tuple) -> None:
        if value is None or not may_hold_refs(tp):
            return
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(tp)
            refs = [m for m in meta if isinstance(m, Ref)]
            if refs:
                self._check_ref(refs[0].kind, value, path)
                if refs[0].kind == "location":
                    return
            self._walk(value, base, path)
            return
        if origin in (typing.Union, types.UnionType):
            for arg in typing.get_args(tp):
                if arg is not type(None) and _matches(value, arg):
                    self._walk(value, arg, path)
                    return
            return
        if origin in (list, set, frozenset) and isinstance(value, (list, tuple, set, frozenset)):
            (item,) = typing.get_args(tp)
            for i, v in enumerate(value):
                self._walk(v, item, (*path, i))
            return
        if origin is tuple and isinstance(value, tuple):
            args = typing.get_args(tp)
            items = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
            for i, (v, a) in enumerate(zip(value, items)):
                self._walk(v, a, (*path, i))
            return
        if origin is dict and isinstance(value, dict):
            ktp, vtp = typing.get_args(tp)
            for k, v in value.items():
                self._walk_key(k, ktp, (*path, k))
                self._walk(v, vtp, (*path, k))
            return
        if isinstance(value, BaseModel):
            for name, kind, ann in _model_plan(type(value)):
                v = getattr(value, name)
                if v is None:
                    continue
                if kind is not None:
                    self._check_ref(kind, v, (*path, name))
                    if kind == "location":
                        continue
                self._walk(v, ann, (*path, name))

    def _walk_key(self, key: Any, tp: Any, path: tuple) -> None:
        if typing.get_origin(tp) is typing.Annotated:
            refs = [m for m in typing.get_args(tp)[1:] if isinstance(m, Ref)]
            if refs:
                self._check_ref(refs[0].kind, key, path, at_key=True)

    # --- checking ------------------------------------------------------------------
    def _bad(self, path: tuple, message: str, fix: str, at_key: bool = False) -> None:
        self.notes.append(Note(path, message, fix, "error", at_key))

    def _named(self, value: Any, names: Collection[str] | None, what: str, path: tuple, at_key: bool) -> None:
        if names is not None and value not in names:
            self._bad(path, f"unknown {what} {value!r}", did_you_mean(str(value), names, what + "s"), at_key)

    def _check_ref(self, kind: str, value: Any, path: tuple, at_key: bool = False) -> None:
        if kind == "unit":
            self._named(value, self.units, "unit id", path, at_key)
        elif kind == "side":
            self._named(value, self.sides, "side", path, at_key)
        elif kind == "side_or_none":
            self._named(value, None if self.sides is None else [*self.sides, "none"], "side", path, at_key)
        elif kind == "unit_type":
            self._named(value, self.unit_types, "unit type", path, at_key)
        elif kind == "terrain":
            self._named(value, self.terrain, "terrain type", path, at_key)
        elif kind == "hexside":
            self._named(value, self.hexsides, "hexside type", path, at_key)
        elif kind == "road":
            self._named(value, self.roads, "road type", path, at_key)
        elif kind == "ground":
            self._named(value, self.grounds, "ground condition", path, at_key)
        elif kind == "weather":
            self._named(value, self.weather_types, "weather type", path, at_key)
        elif kind == "temperature":
            self._named(value, self.temperatures, "temperature band", path, at_key)
        elif kind == "event":
            self._named(value, self.events, "event id", path, at_key)
        elif kind == "place" and self.locator is not None:
            try:
                self.locator.place(value)
            except LocationError as exc:
                self._bad(path, exc.message, exc.fix, at_key)
        elif kind == "turn" and self.turns is not None and value > self.turns:
            self._bad(
                path,
                f"turn {value} is after the last turn ({self.turns})",
                f"use a turn from 1 to {self.turns}, or raise 'turns'",
                at_key,
            )
        elif kind == "date" and self.end is not None and self.start is not None:
            if not (self.start <= value <= self.end):
                self._bad(
                    path,
                    f"{value.isoformat()} is outside the scenario ({self.start.isoformat()} to {self.end.isoformat()})",
                    "use a date within the scenario's turns",
                    at_key,
                )
        elif kind == "hex" and self.projector is not None:
            if label_index(self.projector, str(value)) < 0:
                p = self.projector
                last = p.offsets.label(
                    p.offsets.to_hex(p.width - 1, p.height - 1), max(2, len(str(max(p.width, p.height))))
                )
                self._bad(
                    path,
                    f"hex {value} is off the {p.width}x{p.height} map",
                    f"labels run from 0101 to {last} (column then row)",
                    at_key,
                )
        elif kind == "location" and self.locator is not None:
            try:
                self.resolved[path] = self.locator.resolve(value)
            except LocationError as exc:
                self._bad(path, exc.message, exc.fix, at_key)


def _matches(value: Any, tp: Any) -> bool:
    base = tp
    while typing.get_origin(base) is typing.Annotated:
        base = typing.get_args(base)[0]
    origin = typing.get_origin(base)
    if origin in (list, tuple, set, frozenset):
        return isinstance(value, (list, tuple, set, frozenset))
    if origin is dict:
        return isinstance(value, dict)
    if origin is typing.Literal:
        return value in typing.get_args(base)
    if isinstance(base, type):
        return isinstance(value, base)
    return True


_MAY_HOLD: dict[int, tuple[Any, bool]] = {}


def may_hold_refs(tp: Any) -> bool:
    """True if values of type ``tp`` can contain a reference (memoised per type object)."""
    hit = _MAY_HOLD.get(id(tp))
    if hit is not None and hit[0] is tp:
        return hit[1]
    _MAY_HOLD[id(tp)] = (tp, True)  # provisional, for recursive models
    result = _compute_may_hold(tp)
    _MAY_HOLD[id(tp)] = (tp, result)
    return result


def _compute_may_hold(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        return any(isinstance(m, Ref) for m in meta) or may_hold_refs(base)
    if origin is not None:
        return any(may_hold_refs(a) for a in typing.get_args(tp) if a is not Ellipsis)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return bool(_model_plan(tp))
    return False


_PLANS: dict[type, tuple[tuple[str, str | None, Any], ...]] = {}


def _model_plan(cls: type[BaseModel]) -> tuple[tuple[str, str | None, Any], ...]:
    """The fields of a model that hold references: (name, ref kind or None, annotation)."""
    plan = _PLANS.get(cls)
    if plan is None:
        _PLANS[cls] = ()  # provisional, for recursive models
        out = []
        for name, f in cls.model_fields.items():
            refs = [m for m in f.metadata if isinstance(m, Ref)]
            kind = refs[0].kind if refs else None
            if kind is not None or may_hold_refs(f.annotation):
                out.append((name, kind, f.annotation))
        plan = _PLANS[cls] = tuple(out)
    return plan
