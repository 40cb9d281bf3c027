"""AI figures: side-turn time on the largest scenario, a whole campaign game, games per minute by workers.

The largest shipped scenario (by hexes x units) is measured; a synthetic
campaign-sized front (``tests.ai_maps.big_front_spec``) stands in only when no
shipped scenario loads. Games per minute are measured on the Mozhaisk scenario
cut to 3 turns (``tests.ai_maps.mozhaisk_short``), the same games with 1 and 2 workers.
"""

from __future__ import annotations

import os
import statistics
import time

from game.ai import make_player, play_game
from game.paths import SCENARIO_DIR
from game.session import Session
from game.sim import SimConfig, simulate
from game.sim.runner import load_spec
from game.spec import ScenarioSpec

SYNTHETIC = "tests.ai_maps:big_front_spec"
BATCH = "tests.ai_maps:mozhaisk_short"


def largest_scenario() -> tuple[str, ScenarioSpec]:
    """The shipped scenario with the most hexes x units (the synthetic front if none loads)."""
    best: tuple[str, ScenarioSpec] | None = None
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            spec = load_spec(str(path))
        except Exception:  # noqa: BLE001 - a scenario in progress must not stop the suite
            continue
        if best is None or spec.map.size * len(spec.units) > best[1].map.size * len(best[1].units):
            best = (path.stem, spec)
    return best or (SYNTHETIC, load_spec(SYNTHETIC))


def side_turn_ms(spec: ScenarioSpec, level: str, turns: int = 5) -> list[float]:
    """Wall time of each AI side-turn (movement + combat) over the first turns of a hard v hard game."""
    session = Session(spec, 7)
    players = (make_player(level, 0, budget_s=0), make_player(level, 1, budget_s=0))
    times: list[float] = []
    while not session.state.game_over and session.state.turn <= turns:
        side = session.state.active_side
        t0 = time.perf_counter()
        players[side].play_phase(session)  # movement
        if session.state.active_side == side and not session.state.game_over:
            players[side].play_phase(session)  # combat
        times.append((time.perf_counter() - t0) * 1000)
    return times


def run(report) -> None:  # noqa: ANN001 - benchmarks.run.Report
    name, spec = largest_scenario()
    label = f"{name} ({spec.map.width}x{spec.map.height} hexes, {len(spec.units)} units)"
    times = side_turn_ms(spec, "hard")
    report.figure("AI side-turn, hard, largest scenario", statistics.median(times), 1000,
                  f"{label}; max {max(times):.0f} ms over {len(times)} side-turns")

    t0 = time.perf_counter()
    result = play_game(spec, 11, (make_player("hard", 0, budget_s=0), make_player("hard", 1, budget_s=0)))
    game_s = time.perf_counter() - t0
    report.figure("whole campaign game, hard v hard", game_s * 1000, 60_000,
                  f"{label}; {spec.turns} turns, {result.orders} orders")

    games, rounds = 8, 2
    load_spec(BATCH)  # the batch scenario is built once, before any timing
    simulate(SimConfig(BATCH, 1, seed=4, workers=1, players=("normal", "normal")))  # warm caches
    ones, twos, same = [], [], True
    for k in range(rounds):
        config = SimConfig(BATCH, games, seed=5 + k, workers=1, players=("normal", "normal"))
        t1 = time.perf_counter()
        rows1 = simulate(config)
        ones.append(time.perf_counter() - t1)
        t2 = time.perf_counter()
        rows2 = simulate(SimConfig(BATCH, games, seed=5 + k, workers=2, players=("normal", "normal")))
        twos.append(time.perf_counter() - t2)
        same &= [(r.seed, r.orders, r.vp) for r in rows1] == [(r.seed, r.orders, r.vp) for r in rows2]
    one, two = statistics.median(ones), statistics.median(twos)
    report.value("games per minute, 1 worker", f"{60 * games / one:.1f}/min",
                 f"{games} three-turn Mozhaisk games, normal v normal; median of {rounds}")
    report.value("games per minute, 2 workers", f"{60 * games / two:.1f}/min",
                 "the same games" + (", same results" if same else " — RESULTS DIFFER FROM 1 WORKER"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    report.ratio("simulate speed-up, 2 workers vs 1", one / two, 1.7,
                 f"load average {load:.1f} on {os.cpu_count()} cpus (other processes skew this figure)")
