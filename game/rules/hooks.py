"""Where the rules plug into the turn sequence and unit ratings.

The sequence of a turn (docs/rules.md "Sequence of play"):

* begin turn: triggers on turn/date -> withdrawals and reinforcements ->
  weather and ground -> air points -> rail conversion -> supply trace,
  attrition and pockets -> replacements;
* each side: movement phase (its old interdictions lapse, the enemy's
  apply; movement allowance from supply and cold), combat phase,
  exploitation phase (supplied mobile units move again, if the ground lets them);
* end of turn: fatigue recovery -> triggers on captured places -> victory
  points and sudden death.
"""

from __future__ import annotations

import numpy as np

from game.chance import ChanceSource
from game.events import Event
from game.rules.air import air_step, interdiction_phase_step
from game.rules.arrivals import arrivals_step
from game.rules.combat import clear_advance_step
from game.rules.exploitation import exploitation_applies, exploitation_start_step
from game.rules.fog import revealed_information as _revealed
from game.rules.replacements import replacements_step
from game.rules.supply import movement_pct, movement_report_step, rail_conversion_step, supply_step
from game.rules.triggers import begin_turn_triggers, end_turn_triggers
from game.rules.turn import Step, clear_attack_flags, reset_movement
from game.rules.victory import final_result as _final_result
from game.rules.victory import victory_step
from game.rules.weather import weather_step
from game.state import GameState


def fatigue_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """End of turn: units that did not attack this turn recover one fatigue level."""
    rested = state.units["attacked"] == 0
    f = state.units["fatigue"]
    f[rested & (f > 0)] -= 1
    return []


BEGIN_TURN: tuple[Step, ...] = (
    begin_turn_triggers, arrivals_step, weather_step, air_step, rail_conversion_step, supply_step,
    replacements_step,
)
"""Run at the start of every turn, before the first phase."""

MOVEMENT_PHASE_START: tuple[Step, ...] = (interdiction_phase_step, reset_movement, movement_report_step)
COMBAT_PHASE_START: tuple[Step, ...] = (clear_attack_flags,)
EXPLOITATION_PHASE_START: tuple[Step, ...] = (exploitation_start_step,)
PHASE_START: dict[str, tuple[Step, ...]] = {
    "movement": MOVEMENT_PHASE_START, "combat": COMBAT_PHASE_START, "exploitation": EXPLOITATION_PHASE_START,
}
"""Steps run at the start of each player phase."""
PHASE_END: tuple[Step, ...] = (clear_advance_step,)
END_TURN: tuple[Step, ...] = (fatigue_step, end_turn_triggers, victory_step)
"""Run after the second side's combat phase."""


def phase_applies(state: GameState, phase: str) -> bool:
    """Whether the active side plays ``phase`` now (movement and combat always; exploitation if a unit can)."""
    return phase != "exploitation" or exploitation_applies(state)


def modified_allowance(state: GameState) -> np.ndarray:
    """Movement allowance in ticks per unit for the current phase (supply and cold applied)."""
    base = state.spec.unit_allowance.astype(np.int64)
    return (base * movement_pct(state) // 100).astype(np.int32)


def final_result(state: GameState) -> tuple[str, str]:
    """(reason, winner id) when the last turn ends: result level and the historical comparison."""
    return _final_result(state)


def revealed_information(before: GameState, after: GameState, side: int) -> bool:
    """True if the change showed ``side`` an enemy unit it could not see before (fog of war)."""
    return _revealed(before, after, side)
