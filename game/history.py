"""The historical track of a scenario, turn by turn, and the comparison of a game with it.

``timeline(spec)`` lays the scenario's history (dated events, front lines,
observed weather) and its schedule (calendar weather, arrivals, departures)
over the turns of the game. ``compare_captures`` puts the dates on which a
game's places changed hands next to the historical dates ("Mozhaisk fell on
turn 9, 18 Oct; historically 18 Oct"). Pure data: no printing, no pygame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TurnHistory:
    """What the scenario says about one turn."""

    turn: int
    first_day: dt.date
    last_day: dt.date
    weather: str = ""
    """The calendar weather the rules will use (historical mode), e.g. 'rain, mild, ground mud'."""
    observed: str = ""
    """The observed weather of the historical track for these days."""
    events: tuple[Any, ...] = ()
    """HistoryEvent objects dated inside the turn."""
    arrivals: tuple[str, ...] = ()
    departures: tuple[str, ...] = ()
    front_line: Any = None
    """The front line (FrontTrack) dated inside the turn, if any."""


@dataclass(frozen=True)
class PlaceComparison:
    """A place that changed hands historically, and when it did in a game."""

    place: str
    historical_date: dt.date
    controller_after: str
    game_date: dt.date | None
    game_turn: int | None

    @property
    def days_late(self) -> int | None:
        """Game date minus historical date in days (negative: earlier than history)."""
        return None if self.game_date is None else (self.game_date - self.historical_date).days


@dataclass
class Timeline:
    title: str
    turns: list[TurnHistory] = field(default_factory=list)
    before: list[Any] = field(default_factory=list)
    """Events dated before turn 1 (background)."""
    after: list[Any] = field(default_factory=list)
    """Events dated after the last turn."""
    outcome: str = ""


def _track(spec) -> Any:  # noqa: ANN001 - ScenarioSpec
    return spec.rules_data.get("history")


def _unit_names(spec, ids: Iterable[str]) -> list[str]:  # noqa: ANN001
    names = {u.id: u.name for u in spec.units}
    return [names.get(i, i) for i in ids]


def _when(spec, item) -> dt.date | None:  # noqa: ANN001
    if getattr(item, "date", None) is not None:
        return item.date
    if getattr(item, "turn", None) is not None:
        return spec.date_of_turn(item.turn)
    return None


def timeline(spec) -> Timeline:  # noqa: ANN001 - ScenarioSpec
    """The scenario's history and schedule laid over its turns."""
    from game.rules.weather import calendar_period

    track = _track(spec)
    events = list(track.events) if track is not None else []
    fronts = list(track.front_lines) if track is not None else []
    observed = list(track.weather) if track is not None else []
    rules = spec.rules
    wd = rules.weather
    first = spec.date_of_turn(1)
    end = spec.date_of_turn(spec.turns) + dt.timedelta(days=spec.days_per_turn - 1)
    out = Timeline(spec.title, outcome=getattr(track, "outcome", "") if track is not None else "")
    out.before = [e for e in events if e.date < first]
    out.after = [e for e in events if e.date > end]
    for turn in range(1, spec.turns + 1):
        a = spec.date_of_turn(turn)
        b = a + dt.timedelta(days=spec.days_per_turn - 1)
        weather = ""
        if wd is not None and wd.calendar:
            p = calendar_period(list(wd.calendar), a)
            if p is not None:
                weather = f"{p.weather}, {p.temperature}" + (f", ground {p.ground}" if p.ground else "")
                if p.note:
                    weather += f" ({p.note})"
        obs = [w for w in observed if w.dates[0] <= b and w.dates[1] >= a]
        observed_text = "; ".join(f"{w.ground or '?'}: {w.text}" for w in obs)
        arrivals = [f"{', '.join(_unit_names(spec, r.units))} at {_where(spec, r.at)}"
                    + (f" ({r.note})" if r.note else "")
                    for r in rules.reinforcements if (d := _when(spec, r)) is not None and a <= d <= b]
        departures = [f"{', '.join(_unit_names(spec, w.units))}" + (f" ({w.note})" if w.note else "")
                      for w in rules.withdrawals if (d := _when(spec, w)) is not None and a <= d <= b]
        front = next((f for f in fronts if a - dt.timedelta(days=1 if turn == 1 else 0) <= f.date <= b), None)
        if turn == 1 and front is None:
            front = next((f for f in reversed(fronts) if f.date <= a), None)
        out.turns.append(TurnHistory(
            turn, a, b, weather, observed_text, tuple(e for e in events if a <= e.date <= b),
            tuple(arrivals), tuple(departures), front,
        ))
    return out


def _where(spec, loc) -> str:  # noqa: ANN001 - ScenarioSpec, Where
    if getattr(loc, "place", None):
        info = spec.places.get(loc.place)
        text = info.name if info is not None else loc.place
    elif getattr(loc, "hex", None):
        text = f"hex {loc.hex}"
    else:
        text = f"{loc.lat}, {loc.lon}"
    if getattr(loc, "dir", None):
        text += f" {loc.hexes} {loc.dir}"
    return text


def historical_changes(spec) -> list[Any]:  # noqa: ANN001
    """Captures and liberations dated inside the game, in date order."""
    track = _track(spec)
    if track is None:
        return []
    first = spec.date_of_turn(1)
    return sorted((e for e in track.events if e.place and e.controller_after and e.type in ("capture", "liberation")
                   and e.date >= first), key=lambda e: e.date)


def _hex_settlement(spec, place_id: str) -> str | None:  # noqa: ANN001 - ScenarioSpec
    """Name of the settlement in the map hex of a place (None when the place is off the map)."""
    info = spec.places.get(place_id)
    index = getattr(info, "index", -1)
    if index is None or index < 0:
        return None
    k = spec.map.settlement_at[index]
    return spec.map.settlements[k].name if k >= 0 else None


def compare_captures(spec, captures: Iterable[Any]) -> list[PlaceComparison]:  # noqa: ANN001
    """For every historical change of hands, the first time the game did the same.

    ``captures`` are objects with ``turn``, ``place`` (a place name), ``side`` (side name or id);
    ``game.ai.match.Capture`` fits. A capture matches when the place (or the town whose hex it shares:
    captures are recorded under the hex's settlement) and the new holder agree and it happened no
    earlier than the previous historical change of that place.
    """
    name_of = {pid: info.name for pid, info in spec.places.items()}
    name_of.update({st.place_id: st.name for st in spec.map.settlements if st.place_id})
    side_names = {}
    for s in spec.sides:
        side_names[s.id] = s.id
        side_names[s.name] = s.id
    caps = sorted(captures, key=lambda c: c.turn)
    out = []
    last_hist: dict[str, dt.date] = {}
    for e in historical_changes(spec):
        name = name_of.get(e.place, e.place.replace("_", " ").title())
        recorded = {name, _hex_settlement(spec, e.place)}
        since = last_hist.get(e.place)
        hit = None
        for c in caps:
            if c.place not in recorded or side_names.get(c.side, c.side) != e.controller_after:
                continue
            d = spec.date_of_turn(c.turn)
            if since is not None and d < since:
                continue
            hit = (d, c.turn)
            break
        out.append(PlaceComparison(name, e.date, e.controller_after, hit[0] if hit else None, hit[1] if hit else None))
        last_hist[e.place] = e.date
    return out
