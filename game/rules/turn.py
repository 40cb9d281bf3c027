"""The turn and phase sequence as a small state machine.

A turn is: begin-turn steps (weather, supply, ...) -> first side's movement,
combat and exploitation phases -> second side's -> end-turn
steps (reinforcements, victory) -> next turn. A phase the rules say does not
apply now (exploitation with no unit able to exploit) is skipped. Automatic steps are tuples of
functions ``(state, chance) -> list[Event]`` so the rules can add theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from game.chance import ChanceSource
from game.events import Event, GameEnded, PhaseBegan, TurnBegan
from game.state import PHASES, GameState
from game.units import UnitStatus

Step = Callable[[GameState, ChanceSource], list[Event]]


def reset_movement(state: GameState, chance: ChanceSource) -> list[Event]:
    """Give the active side's units their movement allowance; clear phase flags."""
    side_units = state.spec.unit_side == state.active_side
    on_map = state.units["status"] == UnitStatus.ON_MAP
    mask = side_units & on_map
    state.units["mp"][mask] = movement_allowance(state)[mask]
    state.units["moved"][side_units] = 0
    return []


def clear_attack_flags(state: GameState, chance: ChanceSource) -> list[Event]:
    """Clear the active side's 'attacked' marks at the start of its combat phase."""
    state.units["attacked"][state.spec.unit_side == state.active_side] = 0
    return []


def movement_allowance(state: GameState):  # noqa: ANN201 - np.ndarray
    """Movement allowance in ticks of every unit this phase (rules may modify)."""
    from game.rules.hooks import modified_allowance

    return modified_allowance(state)


def _steps():  # noqa: ANN202
    from game.rules import hooks

    return hooks


def begin_phase(state: GameState, chance: ChanceSource) -> list[Event]:
    """Run the start-of-phase steps and announce the phase."""
    events: list[Event] = [
        PhaseBegan(state.turn, state.date.isoformat(), state.spec.sides[state.active_side].name, state.phase)
    ]
    steps = _steps().PHASE_START[state.phase]
    for step in steps:
        events += step(state, chance)
    return events


def begin_turn(state: GameState, chance: ChanceSource) -> list[Event]:
    """Start the current turn: automatic steps, then the first phase."""
    events: list[Event] = [TurnBegan(state.turn, state.date.isoformat())]
    for step in _steps().BEGIN_TURN:
        events += step(state, chance)
    if state.game_over:
        return events
    events += begin_phase(state, chance)
    return events


def end_phase(state: GameState, chance: ChanceSource) -> list[Event]:
    """Advance the phase machine by one phase, running automatic steps."""
    events: list[Event] = []
    for step in _steps().PHASE_END:
        events += step(state, chance)
    k = PHASES.index(state.phase)
    for phase in PHASES[k + 1:]:
        if _steps().phase_applies(state, phase):
            state.phase = phase
            return events + begin_phase(state, chance)
    if state.half == 0:
        state.half = 1
        state.active_side = 1 - state.spec.first_side
        state.phase = PHASES[0]
        return events + begin_phase(state, chance)
    for step in _steps().END_TURN:
        events += step(state, chance)
        if state.game_over:
            return events
    if state.turn >= state.spec.turns:
        state.game_over = True
        from game.rules.hooks import final_result

        return events + [GameEnded(*final_result(state))]
    state.turn += 1
    state.half = 0
    state.active_side = state.spec.first_side
    state.phase = PHASES[0]
    return events + begin_turn(state, chance)
