"""Hand-built scenarios for the rules tests (weather, supply, combat, arrivals, victory, fog)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import yaml

from game.chance import ScriptedChance
from game.setup import start_game
from game.state import GameState
from tests.builders import ROOT, build_map, build_spec, unit

DRY = {"mode": "historical", "calendar": [{"dates": ["1941-01-01", "1942-12-31"], "weather": "clear",
                                           "temperature": "mild"}]}


def calendar(*periods: tuple[str, str, str, str]) -> dict[str, Any]:
    """A historical weather section from (first day, last day, weather, temperature) tuples."""
    return {"mode": "historical", "calendar": [
        {"dates": [a, b], "weather": w, "temperature": t} for a, b, w, t in periods]}


def weather_1941() -> dict[str, Any]:
    """The shipped 1941 weather section (scenarios/weather/1941.yaml)."""
    with open(ROOT / "scenarios/weather/1941.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def make_state(
    rows: Sequence[str],
    units: Sequence[tuple[Any, str | None]],
    rules_data: dict[str, Any] | None = None,
    control: dict[int, Sequence[str]] | str | None = None,
    settlements: dict[str, str] | None = None,
    chance: Sequence[int] = (),
    turns: int = 10,
    map_hook: Any = None,
    **kw: Any,
) -> GameState:
    """A started game (turn 1 begun) on a hand-built map.

    ``control``: "west-east" gives columns left of the middle to side 0 and the
    rest to side 1; or {side: [labels]}; units always control their hexes.
    """
    m = build_map(list(rows), settlements=settlements)
    if map_hook is not None:
        map_hook(m)
    data = dict(rules_data or {})
    data.setdefault("weather", DRY)
    ctrl = np.full(m.size, -1, np.int8)
    if control == "west-east":
        cols = np.tile(np.arange(m.width), m.height)
        ctrl[:] = np.where(cols < m.width // 2, 0, 1)
    elif isinstance(control, dict):
        for side, labels in control.items():
            for lab in labels:
                ctrl[m.index_of_label(lab)] = side
    data["initial_control"] = ctrl
    spec = build_spec(m, list(units), turns=turns, rules_data=data, **kw)
    state, _ = start_game(spec, ScriptedChance(list(chance)))
    return state


__all__ = ["calendar", "make_state", "unit", "weather_1941", "DRY"]
