"""What the optional rules offer the UI (combat preview, fog of war, victory points, weather).

The rules package grows in parallel with the UI; these helpers ask for each
feature by name (through the AI's adapter, ``game.ai.rulesapi``) and degrade to
"not available" rather than failing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.ai import rulesapi
from game.orders import Order
from game.state import GameState


def attack_order(attackers: list[str], target: str) -> Order | None:
    """An Attack order for unit ids against a hex label, or None if the rules have no combat."""
    cls = rulesapi.attack_type()
    if cls is None:
        return None
    for build in (
        lambda: cls(tuple(attackers), target),  # type: ignore[call-arg]
        lambda: cls(attackers=tuple(attackers), target=target),  # type: ignore[call-arg]
        lambda: cls.from_words([target, *attackers]),
        lambda: cls.from_words([*attackers, target]),
    ):
        try:
            order = build()
        except Exception:  # noqa: BLE001 - try the next constructor shape
            continue
        return order
    return None


def odds_preview(state: GameState, order: Order) -> Any | None:
    """The rules' odds preview for an attack (None when combat is not available)."""
    fn = rulesapi.odds_preview_fn()
    if fn is None:
        return None
    return fn(state, order)


def visible_units(state: GameState, side: int | None) -> np.ndarray | None:
    """Boolean mask of units ``side`` can see (None = everything visible)."""
    if side is None or rulesapi.observation_fn() is None:
        return None
    view = rulesapi.observe(state, side)
    if view is state:
        return None
    return (view.units["status"] == state.units["status"]) & (view.units["hex"] == state.units["hex"])


def victory_points(state: GameState) -> tuple[int, int] | None:
    """(first side, second side) victory points, if the rules keep them."""
    fn = rulesapi.victory_points_fn()
    if fn is not None:
        try:
            v = fn(state)
        except Exception:  # noqa: BLE001 - a display must not crash the game
            v = None
        if isinstance(v, dict):
            ids = [s.id for s in state.spec.sides]
            a = v.get(0, v.get(ids[0], 0))
            b = v.get(1, v.get(ids[1], 0))
            return int(a), int(b)
        if isinstance(v, (tuple, list)) and len(v) >= 2:
            return int(v[0]), int(v[1])
        if isinstance(v, (int, np.integer)):
            return int(v), 0
    c = state.counters
    ids = [s.id for s in state.spec.sides]
    for a, b in ((f"vp_{ids[0]}", f"vp_{ids[1]}"), ("vp_0", "vp_1"), (f"{ids[0]}_vp", f"{ids[1]}_vp")):
        if a in c or b in c:
            return int(c.get(a, 0)), int(c.get(b, 0))
    if "vp" in c:
        return int(c["vp"]), 0
    return None


def counter(state: GameState, *names: str) -> int | None:
    for n in names:
        if n in state.counters:
            return int(state.counters[n])
    return None


def weather_line(state: GameState) -> list[tuple[str, str]]:
    """(label, value) pairs for the top bar: weather, ground, temperature, forecast."""
    out: list[tuple[str, str]] = []
    rd = state.spec.rules_data or {}
    names = None
    weather_names = rd.get("weather_names") if isinstance(rd, dict) else None
    w = counter(state, "weather")
    if w is not None:
        names = weather_names or _weather_names(state)
        out.append(("Weather", names[w] if names and 0 <= w < len(names) else str(w)))
    grounds = state.spec.ruleset.movement.grounds
    g = np.bincount(state.hexes["ground"].astype(np.int64), minlength=len(grounds))
    out.append(("Ground", grounds[int(np.argmax(g))] if len(grounds) else "?"))
    t = counter(state, "temperature", "temperature_c", "temp_c")
    if t is not None:
        out.append(("Temp", f"{t:+d}°C"))
    f = counter(state, "forecast", "weather_forecast")
    if f is not None:
        names = names or weather_names or _weather_names(state)
        out.append(("Forecast", names[f] if names and 0 <= f < len(names) else str(f)))
    return out


def _weather_names(state: GameState) -> list[str] | None:
    rs = state.spec.ruleset
    extra = getattr(rs, "model_extra", None) or {}
    weather = extra.get("weather")
    if isinstance(weather, dict):
        kinds = weather.get("kinds") or weather.get("types") or weather.get("conditions")
        if isinstance(kinds, dict):
            return list(kinds)
        if isinstance(kinds, list):
            return [k if isinstance(k, str) else str(k.get("id", k)) for k in kinds]
    return None
