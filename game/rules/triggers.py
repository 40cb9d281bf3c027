"""Triggers: named scenario conditions that run actions once.

Conditions (``Condition``):

* ``on_turn: N`` — at the start of turn N;
* ``on_date: YYYY-MM-DD`` — at the start of the first turn on or after the date;
* ``place_captured: {at: LOCATION, by: SIDE}`` — at the end of a turn in which SIDE holds the hex.

Actions (``Action``): ``reinforce`` (units at a location), ``withdraw``
(units), ``message`` (a line in the turn report), ``set_rule`` (``air.<side>``,
``rail_convert.<side>``, ``winterized.<side>``, ``fog``) and
``victory_points`` (award points to a side). A trigger fires once; the counter
``trigger.<id>`` records the turn it did. ``CONDITIONS`` and ``ACTIONS`` are the
registries: a new kind is a field on ``Condition``/``Action`` plus an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.chance import ChanceSource
from game.events import Event, Notice
from game.rules.arrivals import place_units, withdraw_units
from game.rules.common import due_turn, resolve
from game.rules.rule_events import TriggerFired
from game.rules.scenario_data import Action, TriggerDef
from game.state import GameState

ConditionCheck = Callable[[GameState, Any, str], bool]
ActionRun = Callable[[GameState, Any], list[Event]]


def _on_turn(state: GameState, turn: Any, moment: str) -> bool:
    return moment == "begin" and state.turn >= turn


def _on_date(state: GameState, date: Any, moment: str) -> bool:
    return moment == "begin" and state.turn >= due_turn(state, None, date)


def _place_captured(state: GameState, cond: Any, moment: str) -> bool:
    if moment != "end":
        return False
    side = state.spec.side_index(cond.by)
    return int(state.hexes["control"][resolve(state, cond.at)]) == side


CONDITIONS: dict[str, ConditionCheck] = {
    "on_turn": _on_turn,
    "on_date": _on_date,
    "place_captured": _place_captured,
}
"""Condition name (a field of ``Condition``) -> check(state, value, moment 'begin'|'end')."""


def _set_rule(state: GameState, rule: Any) -> list[Event]:
    state.counters[f"rule.{rule.key}"] = int(rule.value)
    return []


def _victory_points(state: GameState, vp: Any) -> list[Event]:
    s = state.spec.side_index(vp.side)
    state.counters[f"vp.{s}"] = state.counters.get(f"vp.{s}", 0) + vp.points
    return []


ACTIONS: dict[str, ActionRun] = {
    "reinforce": lambda state, a: place_units(state, a.units, a.at),
    "withdraw": lambda state, a: withdraw_units(state, a.units),
    "message": lambda state, text: [Notice(text)],
    "set_rule": _set_rule,
    "victory_points": _victory_points,
}
"""Action name (a field of ``Action``) -> run(state, value) -> events."""


def _due(state: GameState, trig: TriggerDef, moment: str) -> bool:
    for name, check in CONDITIONS.items():
        value = getattr(trig.when, name)
        if value is not None:
            return check(state, value, moment)
    return False


def run_action(state: GameState, action: Action) -> list[Event]:
    """Carry out one action."""
    for name, run in ACTIONS.items():
        value = getattr(action, name)
        if value is not None:
            return run(state, value)
    return []


def _run(state: GameState, moment: str) -> list[Event]:
    events: list[Event] = []
    for trig in state.spec.rules.triggers:
        key = f"trigger.{trig.id}"
        if state.counters.get(key) or not _due(state, trig, moment):
            continue
        state.counters[key] = state.turn
        events.append(TriggerFired(trig.id, f"Event '{trig.id}' (turn {state.turn})"))
        for action in trig.then:
            events += run_action(state, action)
    return events


def begin_turn_triggers(state: GameState, chance: ChanceSource) -> list[Event]:
    """Begin turn: triggers on a turn or date."""
    return _run(state, "begin")


def end_turn_triggers(state: GameState, chance: ChanceSource) -> list[Event]:
    """End of turn: triggers on captured places."""
    return _run(state, "end")
