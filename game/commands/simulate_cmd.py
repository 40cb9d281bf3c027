"""``moscow41 simulate SCENARIO --games N``: AI-versus-AI games headless, with CSV and a chart."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from game.ai.config import LEVELS
from game.errors import UserError

PLAYER_CHOICES = (*LEVELS, "random")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from game.sim.report import summary_lines, write_chart, write_csv
    from game.sim.runner import SimConfig, load_spec, simulate

    if args.games < 1:
        raise UserError("--games must be at least 1")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    spec = load_spec(args.scenario)
    side_ids = (spec.sides[0].id, spec.sides[1].id)
    levels = [getattr(args, f"ai_{sid}", None) or args.ai_default for sid in side_ids]
    for sid, lvl in zip(side_ids, levels):
        if lvl not in PLAYER_CHOICES:
            raise UserError(f"--ai-{sid}: unknown level {lvl!r}; choose from {', '.join(PLAYER_CHOICES)}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    out_dir = Path(args.out or f"sim-{spec.id}-{stamp}")
    config = SimConfig(args.scenario, args.games, args.seed, args.workers, (levels[0], levels[1]), str(out_dir))

    def bar(rows, total):  # noqa: ANN001, ANN202
        return tqdm(rows, total=total, unit="game", desc=f"{spec.id} {levels[0]} v {levels[1]}",
                    disable=args.quiet)

    rows = simulate(config, progress=bar)
    lines = [f"{spec.title}: {side_ids[0]} {levels[0]} v {side_ids[1]} {levels[1]}, seed {args.seed}",
             *summary_lines(rows, side_ids)]
    games_csv, caps_csv = write_csv(rows, out_dir, side_ids)
    chart = write_chart(rows, out_dir / "results.png", side_ids, lines[0])
    (out_dir / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "batch.json").write_text(json.dumps(
        {"scenario": args.scenario, "scenario_id": spec.id, "games": args.games, "seed": args.seed,
         "players": dict(zip(side_ids, levels))}, indent=1) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"wrote {games_csv}, {caps_csv}, {chart} and {len(rows)} records in {out_dir / 'records'}")
    return 1 if any(r.refused for r in rows) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run AI-versus-AI games headless and summarise the results")
    p.add_argument("scenario", help="scenario file or shipped scenario id")
    p.add_argument("--games", type=int, default=10, help="number of games (default 10)")
    p.add_argument("--seed", type=int, default=0, help="batch seed; game i gets an independent seed from it")
    p.add_argument("--workers", type=int, default=1, help="parallel worker processes (default 1)")
    p.add_argument("--ai-german", dest="ai_german", metavar="LEVEL",
                   help=f"German player: {', '.join(PLAYER_CHOICES)} (default: --ai)")
    p.add_argument("--ai-soviet", dest="ai_soviet", metavar="LEVEL",
                   help=f"Soviet player: {', '.join(PLAYER_CHOICES)} (default: --ai)")
    p.add_argument("--ai", dest="ai_default", default="normal", metavar="LEVEL",
                   help="level for a side not given its own (default normal)")
    p.add_argument("--out", help="output folder (default sim-SCENARIO-TIMESTAMP)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
