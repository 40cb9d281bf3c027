"""The AI opponent: operational play for either side, at several strengths.

The AI reads only ``observation(state, side)``, analyses it into numpy fields
(``picture``), plans moves and attacks, and submits ordinary orders through the
``Session``. Its randomness comes from generators derived from the game seed.
"""

from game.ai.config import LEVELS, Level, SideTuning, side_tuning
from game.ai.match import GameResult, play_game
from game.ai.player import AIPlayer, Player, RandomPlayer, make_player

__all__ = [
    "LEVELS", "Level", "SideTuning", "side_tuning", "GameResult", "play_game", "AIPlayer", "Player",
    "RandomPlayer", "make_player",
]
