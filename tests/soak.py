"""Soak runs: many AI-versus-AI games with invariants after every order.

For every game: invariants hold after setup and after every accepted order; the
record replays to the same state; a save written at a random phase boundary,
loaded and continued by fresh players ends exactly like the straight game; and
a save at a random step, continued with the straight game's orders, gives the
same record.

Bounded runs are part of ``pytest``; longer ones:

    python -m tests.soak --games 300                 # prints and writes the figures
    python -m pytest -m slow tests/test_soak.py      # the slow test (SOAK_GAMES=... to scale)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from game.ai import make_player, play_game
from game.ai.match import MAX_PHASES_FACTOR
from game.invariants import check_invariants
from game.orders import EndPhase
from game.record import GameRecord, load_record, save_record
from game.replay import replay
from game.session import Session
from game.spec import ScenarioSpec
from game.state import GameState

ROOT = Path(__file__).resolve().parent.parent
PAIRINGS: tuple[tuple[str, str], ...] = (
    ("hard", "hard"), ("normal", "easy"), ("random", "hard"), ("easy", "random"), ("random", "random"),
)
VARIANTS: tuple[dict, ...] = ({}, {"weather": "variable", "fog": True})
"""Game options (``game.rules.options``) alternating between rounds; options a scenario cannot use are ignored."""


@dataclasses.dataclass
class SoakStats:
    """Figures of a soak run."""

    games: int = 0
    orders: int = 0
    invariant_checks: int = 0
    violations: int = 0
    exceptions: int = 0
    replay_mismatches: int = 0
    resume_mismatches: int = 0
    seconds: float = 0.0
    scenarios: list[str] = dataclasses.field(default_factory=list)
    games_by_scenario: dict[str, int] = dataclasses.field(default_factory=dict)
    failures: list[str] = dataclasses.field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.violations or self.exceptions or self.replay_mismatches or self.resume_mismatches)

    def summary(self) -> str:
        return (f"{self.games} games, {self.orders} orders, {self.invariant_checks} invariant checks, "
                f"{self.violations} violations, {self.exceptions} exceptions, {self.replay_mismatches} replay "
                f"mismatches, {self.resume_mismatches} resume mismatches in {self.seconds:.1f} s "
                f"over {', '.join(self.scenarios)}")


# --- scenarios -----------------------------------------------------------------------------


def shipped_scenarios() -> list[tuple[str, Callable[[], ScenarioSpec]]]:
    """Every scenario under scenarios/ the loader accepts (none until the loader lands)."""
    try:
        from game.scenario import load_scenario  # type: ignore[attr-defined]
    except ImportError:
        return []
    out = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        out.append((path.stem, lambda p=path: load_scenario(p)))
    return out


def builder_scenarios() -> list[tuple[str, Callable[[], ScenarioSpec]]]:
    """The hand-built scenarios of the test suite."""
    from tests.ai_maps import front_spec
    from tests.test_record_replay import make_spec

    return [("ai-front", lambda: front_spec(turns=6)), ("record-test", lambda: make_spec(turns=6))]


def all_scenarios(shipped: bool = True) -> list[tuple[str, Callable[[], ScenarioSpec]]]:
    return builder_scenarios() + (shipped_scenarios() if shipped else [])


# --- one game ------------------------------------------------------------------------------


def _players(pairing: tuple[str, str]):  # noqa: ANN202
    return tuple(make_player(kind, side, strict=True, budget_s=0) for side, kind in enumerate(pairing))


def _truncated(record: GameRecord, steps: int) -> GameRecord:
    """The record as it was after ``steps`` orders (what a save at that moment holds)."""
    out = record.copy()
    if steps < len(out.steps):
        del out.steps[steps:]
        out.turns = [t for t in out.turns if t.step <= steps]
        out.final_checksum = None
    return out


def _continue(session: Session, pairing: tuple[str, str]) -> None:
    players = _players(pairing)
    limit = MAX_PHASES_FACTOR * (session.spec.turns + 1) + 4
    for _ in range(limit):
        if session.state.game_over:
            return
        players[session.state.active_side].play_phase(session)
    raise RuntimeError("resumed game did not end")


def soak_game(spec: ScenarioSpec, seed: int, pairing: tuple[str, str], stats: SoakStats, folder: Path,
              options: dict | None = None) -> None:
    """Play one game with all checks; count problems in ``stats`` (exceptions propagate)."""
    options = dict(options or {})
    if options:
        from game.rules.options import with_options

        spec = with_options(spec, options)
    problems: list[str] = []
    previous: list[GameState] = []

    def after(session: Session) -> None:
        stats.invariant_checks += 1
        before = previous.pop() if previous else None
        found = check_invariants(session.state, session.record, before=before)
        if found:
            problems.append(f"step {session.step_count}: " + "; ".join(found[:5]))
        previous.append(session.state.clone())

    result = play_game(spec, seed, _players(pairing), options=options, after_order=after)
    session = result.session
    first = Session(spec, seed, options)
    setup_problems = check_invariants(first.state, first.record)
    stats.games += 1
    stats.games_by_scenario[spec.id] = stats.games_by_scenario.get(spec.id, 0) + 1
    stats.orders += result.orders
    stats.invariant_checks += 1
    where = f"{spec.id} seed {seed} {pairing[0]}-vs-{pairing[1]}{' ' + str(options) if options else ''}"
    if setup_problems:
        problems.insert(0, "setup: " + "; ".join(setup_problems))
    if problems:
        stats.violations += len(problems)
        stats.failures += [f"{where}: {p}" for p in problems[:3]]
    record = session.record

    # the replay equals the game
    rep = replay(record, spec)
    if rep.divergence is not None or rep.state is None or rep.state.checksum() != session.state.checksum():
        stats.replay_mismatches += 1
        stats.failures.append(f"{where}: replay differs: {rep.divergence}")

    rng = np.random.default_rng([seed, len(record.steps)])
    # save at a random phase boundary, load, continue with fresh players == straight play
    boundaries = [k + 1 for k, st in enumerate(record.steps[:-1]) if st.order == EndPhase().text()]
    if boundaries:
        k = int(boundaries[int(rng.integers(len(boundaries)))])
        path = folder / f"{spec.id}-{seed}-phase.m41.json"
        save_record(_truncated(record, k), path)
        resumed = Session.resume(spec, load_record(path))
        _continue(resumed, pairing)
        if resumed.state.checksum() != session.state.checksum() or \
                [s.order for s in resumed.record.steps] != [s.order for s in record.steps]:
            stats.resume_mismatches += 1
            stats.failures.append(f"{where}: save at step {k} (phase boundary) + AI continue differs from straight")
    # save at any random step, continue with the straight game's own orders == straight play
    k = int(rng.integers(len(record.steps) + 1))
    path = folder / f"{spec.id}-{seed}-step.m41.json"
    save_record(_truncated(record, k), path)
    resumed = Session.resume(spec, load_record(path))
    for step in record.steps[k:]:
        resumed.submit(step.order)
    if resumed.record.to_dict()["steps"] != record.to_dict()["steps"] or \
            resumed.record.final_checksum != record.final_checksum or \
            [t.checksum for t in resumed.record.turns] != [t.checksum for t in record.turns]:
        stats.resume_mismatches += 1
        stats.failures.append(f"{where}: save at step {k} + same orders differs from straight")


def plan(games: int, scenarios: list[tuple[str, Callable[[], ScenarioSpec]]], first_seed: int = 1
         ) -> Iterator[tuple[str, Callable[[], ScenarioSpec], int, tuple[str, str], dict]]:
    """``games`` (scenario, seed, pairing, options) cycling over scenarios, pairings and option variants."""
    for g in range(games):
        name, make = scenarios[g % len(scenarios)]
        cycle = g // len(scenarios)
        yield name, make, first_seed + g, PAIRINGS[cycle % len(PAIRINGS)], VARIANTS[cycle % len(VARIANTS)]


def _shortened(spec: ScenarioSpec, max_turns: int | None) -> ScenarioSpec:
    if max_turns is None or spec.turns <= max_turns:
        return spec
    return dataclasses.replace(spec, turns=max_turns)


def run_soak(games: int, *, shipped: bool = True, first_seed: int = 1, budget_s: float | None = None,
             max_turns: int | None = None, progress: Callable[[SoakStats], None] | None = None) -> SoakStats:
    """Play up to ``games`` games (stopping early when ``budget_s`` runs out).

    ``max_turns`` shortens every scenario to at most that many turns (for bounded runs).
    """
    stats = SoakStats()
    t0 = time.perf_counter()
    specs: dict[str, ScenarioSpec] = {}
    with tempfile.TemporaryDirectory(prefix="m41-soak-") as tmp:
        for name, make, seed, pairing, options in plan(games, all_scenarios(shipped), first_seed):
            if budget_s is not None and time.perf_counter() - t0 > budget_s:
                break
            try:
                spec = specs.get(name) or specs.setdefault(name, _shortened(make(), max_turns))
                if name not in stats.scenarios:
                    stats.scenarios.append(name)
                soak_game(spec, seed, pairing, stats, Path(tmp), options)
            except Exception:  # noqa: BLE001 - counted and reported, the run goes on
                stats.exceptions += 1
                stats.failures.append(f"{name} seed {seed} {pairing} {options}: {traceback.format_exc(limit=6)}")
            if progress is not None:
                progress(stats)
    stats.seconds = time.perf_counter() - t0
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1, help="first seed")
    parser.add_argument("--budget", type=float, default=None, help="stop starting games after this many seconds")
    parser.add_argument("--no-shipped", action="store_true", help="only the hand-built test scenarios")
    parser.add_argument("--turns", type=int, default=None, help="shorten every scenario to this many turns")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    shown = [0]

    def progress(stats: SoakStats) -> None:
        for f in stats.failures[shown[0]:]:
            print("\nFAIL", f, file=sys.stderr, flush=True)
        shown[0] = len(stats.failures)
        print("\r" + stats.summary()[:150], end="", file=sys.stderr, flush=True)

    stats = run_soak(args.games, shipped=not args.no_shipped, first_seed=args.seed, budget_s=args.budget,
                     max_turns=args.turns, progress=progress)
    print(file=sys.stderr)
    print(stats.summary())
    for f in stats.failures[:20]:
        print("FAIL", f)
    if args.json:
        data = dataclasses.asdict(stats)
        data["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0 if stats.clean else 1


if __name__ == "__main__":
    sys.exit(main())
