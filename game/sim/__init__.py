"""Headless batch simulation of AI-versus-AI games (``moscow41 simulate``)."""

from game.sim.runner import GameRow, SimConfig, game_seeds, simulate

__all__ = ["GameRow", "SimConfig", "game_seeds", "simulate"]
