"""Triggers: named scenario conditions that run actions once.

Conditions (``Condition``):

* ``on_turn: N`` — at the start of turn N;
* ``on_date: YYYY-MM-DD`` — at the start of the first turn on or after the date;
* ``place_captured: {at: LOCATION, by: SIDE}`` — at the end of a turn in which SIDE holds the hex.

Actions (``Action``): ``reinforce`` (units at a location), ``withdraw``
(units), ``message`` (a line in the turn report), ``set_rule`` (``air.<side>``,
``rail_convert.<side>``, ``winterized.<side>``, ``fog``) and
``victory_points`` (award points to a side). A trigger fires once; the counter
``trigger.<id>`` records that it did.
"""

from __future__ import annotations

from game.chance import ChanceSource
from game.events import Event, Notice
from game.rules.arrivals import place_units, withdraw_units
from game.rules.common import due_turn, resolve
from game.rules.rule_events import TriggerFired
from game.rules.scenario_data import Action, TriggerDef
from game.state import GameState


def _due(state: GameState, trig: TriggerDef, moment: str) -> bool:
    w = trig.when
    if moment == "begin":
        if w.on_turn is not None:
            return state.turn >= w.on_turn
        if w.on_date is not None:
            return state.turn >= due_turn(state, None, w.on_date)
        return False
    if w.place_captured is not None:
        side = state.spec.side_index(w.place_captured.by)
        return int(state.hexes["control"][resolve(state, w.place_captured.at)]) == side
    return False


def run_action(state: GameState, action: Action) -> list[Event]:
    """Carry out one action."""
    if action.reinforce is not None:
        return place_units(state, action.reinforce.units, action.reinforce.at)
    if action.withdraw is not None:
        return withdraw_units(state, action.withdraw.units)
    if action.message is not None:
        return [Notice(action.message)]
    if action.set_rule is not None:
        state.counters[f"rule.{action.set_rule.key}"] = int(action.set_rule.value)
        return []
    if action.victory_points is not None:
        s = state.spec.side_index(action.victory_points.side)
        state.counters[f"vp.{s}"] = state.counters.get(f"vp.{s}", 0) + action.victory_points.points
        return []
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
