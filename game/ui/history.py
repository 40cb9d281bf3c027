"""The scenario's historical track as the UI uses it (front lines, dated events, outcome)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from game.spec import ScenarioSpec


def _history(spec: ScenarioSpec) -> Any:
    data = spec.rules_data.get("history") if spec.rules_data else None
    return data if data is not None else getattr(spec, "history", None)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def front_line(spec: ScenarioSpec, date: dt.date) -> tuple[dt.date, np.ndarray] | None:
    """The latest historical front line on or before ``date``: (its date, [k, 2] points in map units).

    Map units are the renderer's (hex size 1), derived from the scenario's projection.
    """
    hist = _history(spec)
    lines = _get(hist, "front_lines") if hist is not None else None
    proj = getattr(spec, "projection", None)
    if not lines or proj is None:
        return None
    best = None
    for line in lines:
        d = _get(line, "date")
        if isinstance(d, str):
            d = dt.date.fromisoformat(d)
        if d is not None and d <= date and (best is None or d >= best[0]):
            best = (d, line)
    if best is None:
        return None
    pts = np.asarray(_get(best[1], "points"), float)
    if pts.ndim != 2 or len(pts) < 2:
        return None
    x, y = proj.to_km(pts[:, 0], pts[:, 1])
    size = proj.layout.size[0]
    return best[0], np.stack([np.asarray(x) / size, np.asarray(y) / size], axis=1)


def events_until(spec: ScenarioSpec, date: dt.date) -> list[tuple[dt.date, str]]:
    """Historical events up to ``date``: (date, text)."""
    hist = _history(spec)
    events = _get(hist, "events") if hist is not None else None
    out = []
    for e in events or []:
        d = _get(e, "date")
        if isinstance(d, str):
            d = dt.date.fromisoformat(d)
        text = _get(e, "text") or _get(e, "description") or ""
        if d is not None and d <= date and text:
            out.append((d, str(text)))
    return sorted(out)


def outcome(spec: ScenarioSpec) -> str:
    """The historical outcome sentence, if the scenario gives one."""
    hist = _history(spec)
    text = _get(hist, "outcome") if hist is not None else None
    return str(text) if text else ""
