"""Run many AI-versus-AI games, in parallel processes, with results independent of the worker count.

Game ``i`` of a batch is seeded from ``SeedSequence(batch_seed).spawn(games)[i]``
and every AI draws from generators derived from that game seed, with no wall-time
cut-off, so a game's record depends only on (scenario, batch seed, i, levels).
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from game.ai.match import play_game
from game.ai.player import make_player
from game.record import save_record
from game.spec import ScenarioSpec


@dataclass(frozen=True)
class SimConfig:
    """One batch: which scenario, how many games, which players, where to write."""

    scenario: str
    """A scenario path or shipped id, or ``module:function`` returning a spec (tests)."""
    games: int
    seed: int = 0
    workers: int = 1
    players: tuple[str, str] = ("normal", "normal")
    out_dir: str | None = None


@dataclass
class GameRow:
    """One game's outcome, as written to ``games.csv``."""

    game: int
    seed: int
    side0: str
    side1: str
    winner: str
    reason: str
    turns: int
    vp: dict[str, int]
    orders: int
    refused: int
    seconds: float
    record: str
    captures: list[tuple[int, str, str, str]] = field(default_factory=list)
    """(turn, date, place, side that took it)"""


def game_seeds(seed: int, games: int) -> list[int]:
    """The seed of each game of a batch (independent streams from one batch seed)."""
    return [int(s.generate_state(1, np.uint32)[0]) for s in np.random.SeedSequence(seed).spawn(games)]


@cache
def load_spec(source: str) -> ScenarioSpec:
    """The scenario of a batch, loaded once per process."""
    if ":" in source and not Path(source).exists():
        module_name, _, fn = source.partition(":")
        return getattr(importlib.import_module(module_name), fn)()
    from game.paths import find_scenario_file
    from game.scenario import load_scenario

    return load_scenario(find_scenario_file(source))


def run_game(config: SimConfig, index: int, seed: int) -> GameRow:
    """Play game ``index`` of a batch and write its record (when the batch has an output folder)."""
    spec = load_spec(config.scenario)
    players = (
        make_player(config.players[0], 0, budget_s=0),
        make_player(config.players[1], 1, budget_s=0),
    )
    options = {"ai": {spec.sides[0].id: config.players[0], spec.sides[1].id: config.players[1]}}
    result = play_game(spec, seed, players, options=options)
    record_path = ""
    if config.out_dir:
        path = Path(config.out_dir) / "records" / f"game-{index:04d}-seed-{seed}.m41.json"
        save_record(result.session.record, path)
        record_path = str(path)
    return GameRow(
        game=index, seed=seed, side0=config.players[0], side1=config.players[1], winner=result.winner,
        reason=result.reason, turns=result.turns, vp=result.victory_points, orders=result.orders,
        refused=len(result.refused), seconds=round(result.seconds, 3), record=record_path,
        captures=[(c.turn, c.date, c.place, c.side) for c in result.captures],
    )


def _run_args(args: tuple[SimConfig, int, int]) -> GameRow:
    return run_game(*args)


def iter_games(config: SimConfig) -> Iterator[GameRow]:
    """Yield every game's row in game order (parallel when ``workers > 1``)."""
    jobs = [(config, i, s) for i, s in enumerate(game_seeds(config.seed, config.games))]
    if config.workers <= 1:
        for job in jobs:
            yield _run_args(job)
        return
    with ProcessPoolExecutor(max_workers=config.workers) as pool:
        yield from pool.map(_run_args, jobs, chunksize=1)


Progress = Callable[[Iterator[GameRow], int], Iterator[GameRow]]


def simulate(config: SimConfig, progress: Progress | None = None) -> list[GameRow]:
    """Run the batch; ``progress`` may wrap the row iterator (e.g. ``tqdm``)."""
    rows = iter_games(config)
    if progress is not None:
        rows = progress(rows, config.games)
    return list(rows)


def row_dict(row: GameRow) -> dict:
    """A row as plain data (for JSON)."""
    return asdict(row)


def timed(config: SimConfig) -> tuple[list[GameRow], float]:
    """Run a batch and return its rows and wall time in seconds."""
    t0 = time.perf_counter()
    rows = simulate(config)
    return rows, time.perf_counter() - t0
