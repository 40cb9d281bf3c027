"""The scenario's historical track as the UI uses it (front lines, dated events, outcome)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.spec import ScenarioSpec


def _history(spec: ScenarioSpec) -> Any:
    data = spec.rules_data.get("history") if spec.rules_data else None
    return data if data is not None else getattr(spec, "history", None)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def front_hexes(spec: ScenarioSpec, date: dt.date) -> set[int] | None:
    """Hexes on the first side's side of the historical front at ``date`` (latest line on or before it)."""
    hist = _history(spec)
    lines = _get(hist, "front_lines") or _get(hist, "fronts") if hist is not None else None
    if not lines:
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
    hexes = _get(best[1], "hexes") or _get(best[1], "german_hexes") or []
    out: set[int] = set()
    for h in hexes:
        try:
            out.add(int(h) if isinstance(h, int) else spec.map.index_of_label(str(h)))
        except ValueError:
            continue
    return out


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
