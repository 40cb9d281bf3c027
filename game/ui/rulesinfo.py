"""What the UI asks of the rules (combat preview, fog of war, victory points, weather), in the
shapes the panels and overlays draw; display code never lets a rules question crash a frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.orders import Order, order_types
from game.rules.combat import odds_preview as _odds_preview
from game.rules.fog import observation
from game.rules.victory import victory_points as _victory_points
from game.state import MOVE_PHASES, PHASES, GameState


def observation_fn() -> Callable[..., Any]:
    """The rules' ``observation(state, side)``."""
    return observation


def observe(state: GameState, side: int) -> GameState:
    """The state as ``side`` may know it (hidden enemy units off the map); the state itself without fog."""
    fn = observation_fn()
    if fn is None:
        return state
    view = getattr(fn(state, side), "state", None)
    return view if isinstance(view, GameState) else state


def attack_order(attackers: list[str], target: str, air: int = 0) -> Order | None:
    """An Attack order for unit ids against a hex label, or None if the rules have no combat."""
    cls = order_types().get("attack")
    if cls is None:
        return None
    words = [target, *attackers] + ([f"air={air}"] if air else [])
    return cls.from_words(words)


def air_available(state: GameState, side: int) -> int:
    """Air points ``side`` may commit now (0 without air rules)."""
    try:
        from game.rules.air import air_points
    except ImportError:
        return 0
    try:
        return int(air_points(state, side))
    except Exception:  # noqa: BLE001 - no air rules in this scenario
        return 0


def odds_preview(state: GameState, order: Order) -> Any | None:
    """The rules' odds preview for an attack (None when combat is not available)."""
    return _odds_preview(state, order)


def visible_units(state: GameState, side: int | None) -> np.ndarray | None:
    """Boolean mask of units ``side`` can see (None = everything visible: no viewer or no fog)."""
    if side is None:
        return None
    obs = observation(state, side)
    if not obs.fog:
        return None
    mask = np.zeros(len(state.spec.units), bool)
    mask[np.asarray(obs.visible_units, np.int64)] = True
    return mask


def visible_hexes(state: GameState, side: int | None) -> np.ndarray | None:
    """Boolean mask of hexes ``side`` can see under fog of war (None = no viewer or no fog)."""
    if side is None:
        return None
    obs = observation(state, side)
    return np.asarray(obs.visible, bool) if obs.fog else None


def victory_points(state: GameState) -> tuple[int, int] | None:
    """(first side, second side) victory points, if the rules keep them."""
    fn = _victory_points
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


def ground_label(ground: str) -> str:
    """A ground condition as players read it ('deep_mud' -> 'deep mud')."""
    return ground.replace("_", " ")


def heavy_ground_labels(state: GameState) -> frozenset[str]:
    """Labels of the grounds on which some movement class pays more for open ground than on the first (dry)."""
    t = state.spec.ruleset.tables
    if not t.grounds or "clear" not in t.terrain_names:
        return frozenset()
    clear = t.terrain_cost[:, t.terrain_names.index("clear"), :]  # [class, ground]
    return frozenset(ground_label(g) for k, g in enumerate(t.grounds) if (clear[:, k] > clear[:, 0]).any())


def weather_line(state: GameState) -> list[tuple[str, str]]:
    """(label, value) pairs for the top bar: weather, ground, temperature, forecast."""
    out: list[tuple[str, str]] = []
    now = None
    try:
        from game.rules.weather import current_weather

        now = current_weather(state)
    except ImportError:
        now = None
    grounds = state.spec.ruleset.movement.grounds
    if now is not None:
        out.append(("Weather", now.weather.replace("_", " ")))
        out.append(("Ground", ground_label(now.ground)))
        out.append(("Temp", now.temperature.replace("_", " ")))
        if not now.flyable:
            out.append(("Air", "grounded"))
    else:
        g = np.bincount(state.hexes["ground"].astype(np.int64), minlength=len(grounds))
        out.append(("Ground", ground_label(grounds[int(np.argmax(g))]) if len(grounds) else "?"))
    forecast = forecast_text(state)
    if forecast:
        out.append(("Next", forecast))
    return out


def forecast_text(state: GameState) -> str:
    """Next turn's weather where the scenario fixes it (historical calendar), else ''."""
    try:
        from game.rules.weather import calendar_period
    except ImportError:
        return ""
    wd = getattr(getattr(state.spec, "rules", None), "weather", None)
    periods = getattr(wd, "calendar", None) if wd is not None else None
    if not periods or getattr(wd, "mode", "historical") != "historical" or state.turn >= state.spec.turns:
        return ""
    try:
        period = calendar_period(periods, state.spec.date_of_turn(state.turn + 1))
    except Exception:  # noqa: BLE001 - an unexpected calendar shape: no forecast
        return ""
    return period.weather.replace("_", " ") if period is not None else ""


def supply_trace(state: GameState, side: int) -> np.ndarray | None:
    """Supply state per hex (0 supplied, 1 low, 2 out) for ``side``, if the rules trace supply."""
    try:
        from game.rules.supply import trace
    except ImportError:
        return None
    try:
        t = trace(state, side)
    except Exception:  # noqa: BLE001 - no supply rules in this scenario
        return None
    if len(t.sources) == 0 and not t.railheads.any():
        return None
    return np.asarray(t.state_of_hex)


def threat_column(state: GameState, hexes: list[int], by_side: int) -> dict[int, tuple[int, str]] | None:
    """For each hex, the best (column index, column name) ``by_side`` could attack it at next turn."""
    try:
        from game.rules.combat import threats
    except ImportError:
        return None
    out: dict[int, tuple[int, str]] = {}
    for h in hexes:
        try:
            t = threats(state, h, by_side)
        except Exception:  # noqa: BLE001 - no combat rules: no threat picture
            return None
        if t.preview is not None:
            out[h] = (t.preview.column, t.preview.column_name)
    return out


def attacked_this_turn(state: GameState, u: int) -> bool:
    """Whether unit ``u`` attacked in its side's combat phase of the current turn.

    The rules keep a unit's 'attacked' mark until its side's next combat phase (the end-of-turn
    fatigue step reads it), so from the next turn on the raw mark is stale: the counter and the
    unit panel would say "attacked" in a turn the unit has not fought yet.
    """
    if not state.units["attacked"][u]:
        return False
    side = int(state.spec.unit_side[u])
    if side == state.active_side:
        return PHASES.index(state.phase) >= PHASES.index("combat")  # combat, and exploitation after it
    return state.half == 1  # the side that moved first has fought this turn


def phase_title(phase: str) -> str:
    """The name of a player phase as the screens show it ("Exploitation")."""
    return phase.replace("_", " ").capitalize()


def can_move_now(state: GameState, u: int) -> bool:
    """Whether unit ``u`` of the side to act may still move in this phase (movement points left)."""
    return (state.phase in MOVE_PHASES and not state.game_over and int(state.spec.unit_side[u]) == state.active_side
            and int(state.units["mp"][u]) > 0)


def why_cannot_move(state: GameState, u: int) -> str:
    """The rules' reason unit ``u`` may not move now ("" if it may, or if no reason applies).

    Asked as a move to a neighbouring hex, so the answer is the rules' own words (for instance why a
    unit does not exploit) rather than a copy of them here.
    """
    if state.phase not in MOVE_PHASES or can_move_now(state, u):
        return ""
    h = int(state.units["hex"][u])
    if h < 0:
        return ""
    from game.orders import Move
    from game.rules.movement_orders import check_move

    m = state.spec.map
    nbs = [int(n) for n in m.neighbors[h].tolist() if n >= 0]
    if not nbs:
        return ""
    try:
        problems = check_move(state, Move(state.spec.units[u].id, m.label_of(nbs[0])))
    except Exception:  # noqa: BLE001 - no reason rather than a broken frame
        return ""
    for p in problems:
        if p.code in ("not-exploiting", "no-mp"):
            return p.message
    return ""
