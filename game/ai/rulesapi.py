"""The AI's view of the optional rules: fog of war, combat preview, supply, victory.

The engine core has movement only; the rules package adds combat (``Attack`` and
``odds_preview``), ``observation(state, side)`` for fog of war, supply states and
victory points. The AI asks for them here, so it plays with whatever the rules
provide and never imports a rules module that does not exist.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np

from game.orders import Order, order_types
from game.state import GameState


@cache
def _find(candidates: tuple[str, ...]) -> Callable[..., Any] | None:
    """The first ``module:function`` of ``candidates`` that can be imported."""
    for item in candidates:
        module_name, _, attr = item.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, attr, None)
        if fn is not None:
            return fn
    return None


def observation_fn() -> Callable[[GameState, int], Any] | None:
    """The rules' ``observation(state, side)``, if fog of war is implemented."""
    return _find(("game.rules.fog:observation", "game.rules.observation:observation", "game.rules:observation"))


def observe(state: GameState, side: int) -> GameState:
    """What ``side`` may know of ``state``, as a state the AI can plan on.

    With fog of war, enemy units the side cannot see are taken off the map in
    the returned copy; without it the state itself is returned (nothing is
    hidden, so the AI sees what a player sees).
    """
    fn = observation_fn()
    if fn is None:
        return state
    obs = fn(state, side)
    if isinstance(obs, GameState):
        return obs
    view = getattr(obs, "state", None)
    if isinstance(view, GameState):
        return view
    visible = getattr(obs, "visible_units", None)
    if visible is not None:
        out = state.clone()
        hidden = np.ones(len(state.spec.units), bool)
        hidden[np.asarray(list(visible), np.int64)] = False
        hidden &= state.spec.unit_side != side
        out.units["status"][hidden] = 0
        out.units["hex"][hidden] = -1
        return out
    raise TypeError(f"observation() returned {type(obs).__name__}; the AI cannot read it")


def attack_type() -> type[Order] | None:
    """The ``Attack`` order class, once the rules register it."""
    return order_types().get("attack")


def odds_preview_fn() -> Callable[..., Any] | None:
    """The rules' ``odds_preview(state, attack)``, if combat is implemented."""
    return _find(("game.rules.combat:odds_preview", "game.rules:odds_preview"))


def victory_points_fn() -> Callable[[GameState, int], int] | None:
    """The rules' ``victory_points(state, side)``, if they keep a count."""
    return _find(("game.rules.victory:victory_points",))


def air_points(state: GameState, side: int) -> int:
    """Air points ``side`` may still spend this turn (0 without air rules or in non-flying weather)."""
    if getattr(state.spec.ruleset, "air", None) is None:
        return 0
    fn = _find(("game.rules.air:air_points",))
    weather = _find(("game.rules.weather:current_weather",))
    if fn is None:
        return 0
    if weather is not None:
        now = weather(state)
        if now is not None and not now.flyable:
            return 0
    return min(int(fn(state, side)), int(state.spec.ruleset.air.max_support_points))


def advance_type() -> type[Order] | None:
    """The ``Advance`` (after combat) order class, once the rules register it."""
    return order_types().get("advance")


def supply_trace(state: GameState, side: int) -> Any | None:
    """The rules' supply trace of ``side`` (``dist`` and ``range_ticks`` per hex), if supply is implemented."""
    fn = _find(("game.rules.supply:trace",))
    return fn(state, side) if fn is not None else None


def make_attack(attackers: list[str], target: str, air: int = 0) -> Order:
    """An ``Attack`` order by ``attackers`` (unit ids) on the hex labelled ``target``, with air points."""
    kind = attack_type()
    if kind is None:
        raise RuntimeError("the rules define no Attack order")
    return kind.from_words([target, *attackers, *([f"air={air}"] if air else [])])


def attack_distribution(state: GameState, order: Order) -> list[tuple[float, dict[str, Any]]] | None:
    """Exact result probabilities of an attack from the rules' ``odds_preview`` (None if unavailable).

    ``state`` should be the attacker's observation: the preview then uses only what the side can see.
    """
    fn = odds_preview_fn()
    if fn is None:
        return None
    preview = fn(state, order)
    return [(float(r.probability), _result_dict(state, r.code)) for r in preview.results]


def _result_dict(state: GameState, key: Any) -> dict[str, Any]:
    """A combat result (by code or object) as a dict of its effects."""
    from game.ai.fields import ruleset_section

    if isinstance(key, str):
        return dict((ruleset_section(state, "combat").get("results") or {}).get(key, {}))
    dump = getattr(key, "model_dump", None)
    return dump() if dump is not None else dict(vars(key))
