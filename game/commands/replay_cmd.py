"""``moscow41 replay FILE``: verify a record and print a turn-by-turn summary."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from game.errors import UserError
from game.record import GameRecord, RecordError, load_record
from game.replay import ReplayError, iter_replay


def load_record_scenario(record: GameRecord, source: str):  # noqa: ANN201 - ScenarioSpec
    """Load the scenario a record was made with (by its stored path, else by id)."""
    from game.paths import find_scenario_file
    from game.scenario import load_scenario

    name = record.scenario_path or record.scenario_id
    try:
        path = find_scenario_file(name)
    except UserError:
        path = find_scenario_file(record.scenario_id)
    return load_scenario(path)


def run(args: argparse.Namespace) -> int:
    try:
        record = load_record(args.file)
    except RecordError as exc:
        raise UserError(str(exc)) from None
    spec = load_record_scenario(record, args.file)
    out = sys.stdout
    print(f"{args.file}: scenario {record.scenario_id} (seed {record.seed}), {len(record.steps)} orders", file=out)
    per_turn: Counter[int] = Counter()
    notable: dict[int, list[str]] = {}
    last = None
    try:
        for frame in iter_replay(record, spec):
            last = frame
            turn = frame.state.turn
            if frame.step:
                per_turn[record.steps[frame.step - 1].turn] += 1
            for e in frame.events:
                name = type(e).__name__
                if name not in ("UnitMoved", "PhaseBegan", "TurnBegan"):
                    notable.setdefault(turn, []).append(e.text())
    except ReplayError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    for turn in sorted(set(per_turn) | set(notable)):
        date = spec.date_of_turn(turn).isoformat()
        lines = notable.get(turn, [])
        print(f"turn {turn:>3} {date}: {per_turn[turn]:>4} orders" + (f"; {len(lines)} events" if lines else ""))
        for line in lines[: args.events]:
            print(f"      {line}")
    assert last is not None
    print(f"replay verified: {last.step} steps, final checksum {last.state.checksum()}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="verify a game record and print a turn-by-turn summary")
    p.add_argument("file", help="a record or save (.m41.json)")
    p.add_argument("--events", type=int, default=8, help="events shown per turn (default 8)")
    p.set_defaults(func=run)
