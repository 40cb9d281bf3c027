"""``moscow41 history SCENARIO``: the scenario's historical track, turn by turn."""

from __future__ import annotations

import argparse
import sys

from game.errors import UserError


def _fmt(d) -> str:  # noqa: ANN001 - date
    return f"{d.day} {d.strftime('%b')} {d.year}"


def run(args: argparse.Namespace) -> int:
    from game.history import timeline
    from game.paths import find_scenario_file
    from game.scenario import load_scenario
    from game.scenario.errors import ScenarioError

    path = find_scenario_file(args.scenario)
    try:
        spec = load_scenario(path)
    except ScenarioError as exc:
        raise UserError(f"{path}: the scenario does not load:\n{exc}") from None
    tl = timeline(spec)
    out = sys.stdout
    first, last = tl.turns[0], tl.turns[-1]
    print(f"{tl.title}: {spec.turns} turns of {spec.days_per_turn} days, "
          f"{_fmt(first.first_day)} - {_fmt(last.last_day)}", file=out)
    sides = {s.id: s.name for s in spec.sides}
    if tl.before and not args.brief and not args.turn:
        print("before the game:", file=out)
        for e in tl.before:
            print(f"      {e.date.isoformat()}  {e.type:<10} {e.text}", file=out)
    for th in tl.turns:
        if args.turn and th.turn != args.turn:
            continue
        days = _fmt(th.first_day) if th.first_day == th.last_day else f"{_fmt(th.first_day)} - {_fmt(th.last_day)}"
        print(f"turn {th.turn:>3}  {days}", file=out)
        if th.weather:
            print(f"      weather (calendar): {th.weather}", file=out)
        if th.observed and not args.brief:
            print(f"      weather (observed): {th.observed}", file=out)
        for e in th.events:
            holder = f" -> {sides.get(e.controller_after, e.controller_after)}" if e.controller_after else ""
            conf = f" [{e.confidence}]" if e.confidence != "high" else ""
            print(f"      {e.date.isoformat()}  {e.type:<10} {e.text}{holder}{conf}", file=out)
        for a in th.arrivals:
            print(f"      arrives: {a}", file=out)
        for d in th.departures:
            print(f"      leaves: {d}", file=out)
        if th.front_line is not None:
            n = len(th.front_line.hexes)
            print(f"      front line of {th.front_line.date.isoformat()}: {len(th.front_line.points)} points, "
                  f"{n} hexes on the {sides.get(th.front_line.right, th.front_line.right)} side", file=out)
    if tl.after and not args.brief and not args.turn:
        print("after the game:", file=out)
        for e in tl.after:
            print(f"      {e.date.isoformat()}  {e.type:<10} {e.text}", file=out)
    if tl.outcome and not args.turn:
        print(f"outcome: {tl.outcome}", file=out)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="print a scenario's historical track turn by turn")
    p.add_argument("scenario", help="scenario file or shipped scenario id (typhoon, mozhaisk, december, campaign)")
    p.add_argument("--turn", type=int, default=0, help="show only this turn")
    p.add_argument("--brief", action="store_true", help="leave out observed weather and events outside the game")
    p.set_defaults(func=run)
