"""Starting a game from a scenario."""

from __future__ import annotations

from game.chance import ChanceSource, LiveChance
from game.events import Event
from game.rules.turn import begin_turn
from game.spec import ScenarioSpec
from game.state import GameState, initial_state


def start_game(spec: ScenarioSpec, chance: ChanceSource) -> tuple[GameState, list[Event]]:
    """The initial state with turn 1 begun (weather drawn, supply traced), and its events."""
    state = initial_state(spec)
    events = begin_turn(state, chance)
    return state, events


def new_game(spec: ScenarioSpec, seed: int) -> GameState:
    """The initial state of a game with this seed (setup draws come from step 0)."""
    return start_game(spec, LiveChance(seed, 0))[0]
