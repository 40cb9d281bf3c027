"""Where the rules plug into the turn sequence and unit ratings.

The rules modules (weather, supply, combat, reinforcements, victory) add
their steps to these tuples; the engine core only runs them in order.
"""

from __future__ import annotations

import numpy as np

from game.rules.turn import Step, clear_attack_flags, reset_movement
from game.state import GameState

BEGIN_TURN: tuple[Step, ...] = ()
"""Run at the start of every turn, before the first phase (weather, supply)."""

MOVEMENT_PHASE_START: tuple[Step, ...] = (reset_movement,)
COMBAT_PHASE_START: tuple[Step, ...] = (clear_attack_flags,)
PHASE_END: tuple[Step, ...] = ()
END_TURN: tuple[Step, ...] = ()
"""Run after the second side's combat phase (reinforcements, victory check)."""


def modified_allowance(state: GameState) -> np.ndarray:
    """Movement allowance in ticks per unit for the current phase."""
    return state.spec.unit_allowance.copy()


def final_result(state: GameState) -> tuple[str, str]:
    """(reason, winner id) when the last turn ends."""
    return ("the last turn has been played", "")
