"""The AI's narrow view of the rules: what a side may know, combat odds, supply, air and victory.

Everything here calls the rules directly; the module only adapts their answers to the shapes the
planner uses, so the rest of ``game.ai`` depends on this one small surface.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.orders import Order
from game.rules.air import air_points as _air_points
from game.rules.combat import odds_preview
from game.rules.fog import observation
from game.rules.orders import Advance, Attack
from game.rules.supply import SupplyTrace, trace
from game.rules.victory import victory_points
from game.rules.weather import current_weather
from game.state import GameState


def observation_fn() -> Callable[[GameState, int], Any]:
    """The rules' ``observation(state, side)``."""
    return observation


def observe(state: GameState, side: int) -> GameState:
    """What ``side`` may know of ``state``, as a state the AI can plan on.

    With fog of war, enemy units the side cannot see are off the map in the returned copy; without
    it the state itself is returned (nothing is hidden, so the AI sees what a player sees).
    """
    return observation(state, side).state


def attack_type() -> type[Order]:
    """The ``Attack`` order class."""
    return Attack


def advance_type() -> type[Order]:
    """The ``Advance`` (after combat) order class."""
    return Advance


def odds_preview_fn() -> Callable[..., Any]:
    """The rules' ``odds_preview(state, attack)``."""
    return odds_preview


def victory_points_fn() -> Callable[..., Any]:
    """The rules' ``victory_points(state, side)``: the score if the game ended now."""
    return victory_points


def air_points(state: GameState, side: int) -> int:
    """Air points ``side`` may still spend this turn (0 without air rules or in non-flying weather)."""
    if getattr(state.spec.ruleset, "air", None) is None:
        return 0
    now = current_weather(state)
    if now is not None and not now.flyable:
        return 0
    return min(int(_air_points(state, side)), int(state.spec.ruleset.air.max_support_points))


def supply_trace(state: GameState, side: int) -> SupplyTrace:
    """The rules' supply trace of ``side`` (``dist`` and ``range_ticks`` per hex)."""
    return trace(state, side)


def make_attack(attackers: list[str], target: str, air: int = 0) -> Order:
    """An ``Attack`` order by ``attackers`` (unit ids) on the hex labelled ``target``, with air points."""
    return Attack.from_words([target, *attackers, *([f"air={air}"] if air else [])])


def attack_distribution(state: GameState, order: Order) -> list[tuple[float, dict[str, Any]]]:
    """Exact result probabilities of an attack from the rules' ``odds_preview``.

    ``state`` should be the attacker's observation: the preview then uses only what the side can see.
    """
    preview = odds_preview(state, order)
    return [(float(r.probability), _result_dict(state, r.code)) for r in preview.results]


def _result_dict(state: GameState, key: Any) -> dict[str, Any]:
    """A combat result (by code or object) as a dict of its effects."""
    from game.ai.fields import ruleset_section

    if isinstance(key, str):
        return dict((ruleset_section(state, "combat").get("results") or {}).get(key, {}))
    dump = getattr(key, "model_dump", None)
    return dump() if dump is not None else dict(vars(key))
