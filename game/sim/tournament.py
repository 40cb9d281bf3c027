"""Every level against every level (and the random baseline) on one scenario: the table in docs/ai.md.

``python -m game.sim.tournament SCENARIO [--games 50] [--seed 0] [--workers 2]``
prints a Markdown table of win rates for each (first side, second side) pairing,
then each level's mean score per side (win = 1, draw = 1/2) over all opponents.
Every pairing plays the same game seeds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from game.sim.runner import GameRow, SimConfig, load_spec, simulate

PLAYERS: tuple[str, ...] = ("random", "easy", "normal", "hard")


def play_pairings(
    scenario: str, games: int, seed: int, workers: int, players: Sequence[str] = PLAYERS,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> dict[tuple[str, str], list[GameRow]]:
    """Rows of every (side 0 player, side 1 player) pairing (or only ``pairs``)."""
    out = {}
    for a, b in pairs or [(a, b) for a in players for b in players]:
        out[(a, b)] = simulate(SimConfig(scenario, games, seed, workers, (a, b)))
        print(f"  {a} v {b}: {_rates(out[(a, b)], _sides(scenario))}", file=sys.stderr, flush=True)
    return out


def _sides(scenario: str) -> tuple[str, str]:
    spec = load_spec(scenario)
    return spec.sides[0].id, spec.sides[1].id


def _rates(rows: list[GameRow], sides: tuple[str, str]) -> tuple[float, float, float]:
    n = max(len(rows), 1)
    w0 = sum(r.winner == sides[0] for r in rows) / n
    w1 = sum(r.winner == sides[1] for r in rows) / n
    return w0, w1, max(0.0, 1.0 - w0 - w1)


def markdown(results: dict[tuple[str, str], list[GameRow]], sides: tuple[str, str],
             players: Sequence[str] = PLAYERS) -> list[str]:
    """The win-rate matrix and per-level scores as Markdown lines."""
    lines = [f"| {sides[0]} \\\\ {sides[1]} | " + " | ".join(players) + " |",
             "|---|" + "---|" * len(players)]
    for a in players:
        cells = []
        for b in players:
            if (a, b) not in results:
                cells.append("—")
                continue
            w0, w1, d = _rates(results[(a, b)], sides)
            cells.append(f"{w0:.0%} / {w1:.0%} / {d:.0%}")
        lines.append(f"| **{a}** | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Cells: {sides[0]} wins / {sides[1]} wins / draws.")
    lines.append("")
    lines.append(f"| level | score as {sides[0]} | score as {sides[1]} | mean |")
    lines.append("|---|---|---|---|")
    for p in players:
        s0 = [_rates(results[(p, b)], sides) for b in players if (p, b) in results]
        s1 = [_rates(results[(a, p)], sides) for a in players if (a, p) in results]
        as0 = sum(w0 + d / 2 for w0, _, d in s0) / max(len(s0), 1)
        as1 = sum(w1 + d / 2 for _, w1, d in s1) / max(len(s1), 1)
        lines.append(f"| {p} | {as0:.2f} | {as1:.2f} | {(as0 + as1) / 2:.2f} |")
    lines.append("")
    lines.append("Score: win 1, draw 1/2, averaged over the opponents played (every pairing plays the same seeds).")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--games", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", help="only these pairings, e.g. hard:random,random:hard (default: all 16)")
    args = parser.parse_args(argv)
    pairs = [tuple(x.split(":")) for x in args.pairs.split(",")] if args.pairs else None
    spec = load_spec(args.scenario)
    sides = (spec.sides[0].id, spec.sides[1].id)
    t0 = time.perf_counter()
    results = play_pairings(args.scenario, args.games, args.seed, args.workers, pairs=pairs)  # type: ignore[arg-type]
    took = time.perf_counter() - t0
    refused = sum(r.refused for rows in results.values() for r in rows)
    print(f"### {spec.title} — {args.games} games per pairing, batch seed {args.seed}")
    print()
    print("\n".join(markdown(results, sides)))
    print()
    total = sum(len(v) for v in results.values())
    vp = {k: sum(r.vp.get(sides[0], 0) - r.vp.get(sides[1], 0) for r in v) / max(len(v), 1)
          for k, v in results.items()}
    print(f"Mean {sides[0]} minus {sides[1]} victory points: "
          + "; ".join(f"{a} v {b} {x:+.1f}" for (a, b), x in vp.items()) + ".")
    print()
    print(f"{total} games in {took:.0f} s with {args.workers} workers; refused orders: {refused}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
