"""The historical track in the form the replay viewer and comparisons use.

``spec.rules_data["history"]`` is a :class:`HistoryTrack`: the scenario's dated
events, the front lines with the hexes behind each of them already worked out,
the observed weather and the outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from game.scenario.geography import Projector
from game.scenario.schema import HistoryDef, HistoryEvent, ObservedWeather


@dataclass(frozen=True)
class FrontTrack:
    """A front line on a date; ``hexes`` are the map hexes on the first side's side of it."""

    date: dt.date
    points: tuple[tuple[float, float], ...]
    right: str
    hexes: frozenset[int]


@dataclass(frozen=True)
class HistoryTrack:
    """Everything the scenario says happened historically."""

    events: tuple[HistoryEvent, ...]
    front_lines: tuple[FrontTrack, ...]
    weather: tuple[ObservedWeather, ...]
    outcome: str = ""

    def front_on(self, date: dt.date) -> FrontTrack | None:
        """The latest front line on or before ``date``."""
        best = None
        for f in self.front_lines:
            if f.date <= date and (best is None or f.date >= best.date):
                best = f
        return best


def right_of_line(proj: Projector, points: list[tuple[float, float]]) -> np.ndarray:
    """Bool per hex: True where the hex centre lies to the right of the polyline (walking first → last point)."""
    px, py = proj.to_km(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    cx, cy = proj.centres_km
    best = np.full(len(cx), np.inf)
    side = np.zeros(len(cx), bool)
    for k in range(len(px) - 1):
        ax, ay, dx, dy = px[k], py[k], px[k + 1] - px[k], py[k + 1] - py[k]
        length2 = dx * dx + dy * dy
        if length2 == 0:
            continue
        t = np.clip(((cx - ax) * dx + (cy - ay) * dy) / length2, 0.0, 1.0)
        dist = (cx - (ax + t * dx)) ** 2 + (cy - (ay + t * dy)) ** 2
        cross = dx * (cy - ay) - dy * (cx - ax)
        closer = dist < best
        best = np.where(closer, dist, best)
        side = np.where(closer, cross > 0, side)  # y points south, so a positive cross is to the right
    return side


def build_track(history: HistoryDef, proj: Projector, side_ids: list[str]) -> HistoryTrack:
    """The track of a validated history section on a projected map."""
    fronts = []
    for f in history.front_lines:
        right = f.right or side_ids[0]
        mask = right_of_line(proj, list(f.points))
        if right != side_ids[0]:
            mask = ~mask
        fronts.append(
            FrontTrack(f.date, tuple(tuple(p) for p in f.points), right, frozenset(np.nonzero(mask)[0].tolist()))
        )
    return HistoryTrack(tuple(history.events), tuple(fronts), tuple(history.weather), history.outcome)
