"""Summarise calibrate.py output as the Markdown tables of docs/scenarios.md.

    python scenarios/source/calibration_report.py calA.json [calB.json ...]
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE = {"typhoon-dry": "typhoon", "december-winter": "december",
        "campaign-dry": "campaign", "campaign-winter": "campaign"}


def historical_net(name: str) -> int:
    base = BASE.get(name, name)
    data = yaml.safe_load((ROOT / "setups" / f"{base}-setup.yaml").read_text())
    return int(data["victory"]["historical"]["points"])


def changes(name: str) -> set[tuple[str, str]]:
    """(date, controller) of the captures and liberations inside the scenario's dates."""
    base = BASE.get(name, name)
    setup = yaml.safe_load((ROOT / "setups" / f"{base}-setup.yaml").read_text())
    top = yaml.safe_load((ROOT / f"{base}.yaml").read_text())
    start = str(top["start"])
    return {(str(e["date"]), e["controller_after"]) for e in setup["history"]["events"]
            if e["type"] in ("capture", "liberation") and e.get("controller_after") and str(e["date"]) >= start}


def level(net: int, hist: int) -> str:
    if net >= hist + 8:
        return "German decisive"
    if net >= hist + 3:
        return "German marginal"
    if net >= hist - 2:
        return "draw (historical)"
    if net >= hist - 7:
        return "Soviet marginal"
    return "Soviet decisive"


def pct(xs: list[int], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def fmt_day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b')}"


def date_cells(h: dt.date, dates: list[str | None]) -> tuple[str, str, str]:
    """The 'happened in', 'game date: median (10-90%)' and 'median days vs history' cells of a place.

    ``h`` is the historical date, ``dates`` the game's date of the same change in each game (None: never).
    The median date is the upper middle one and the days are that date's offset from history, so the
    two cells always agree; the 10% date is the nearest rank below, the 90% date the nearest rank above
    (so the median never lies outside them). Places never taken show '-'.
    """
    got = sorted(dt.date.fromisoformat(d) for d in dates if d)
    share = f"{len(got)}/{len(dates)}"
    if not got:
        return share, "-", "-"
    n = len(got)
    med = got[n // 2]
    lo = got[math.floor(0.1 * (n - 1))]
    hi = got[math.ceil(0.9 * (n - 1))]
    return share, f"{fmt_day(med)} ({fmt_day(lo)} - {fmt_day(hi)})", f"{(med - h).days:+d}"


def report(rows: list[dict]) -> str:
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["scenario"]].append(r)
    out = []
    for name, games in by.items():
        hist = historical_net(name)
        nets = [g["net"] for g in games]
        out.append(f"### {name} ({len(games)} games, 'normal' AI against itself)\n")
        out.append(f"Net points (German minus Soviet objectives): median {statistics.median(nets):+.0f}, "
                   f"10-90% {pct(nets, 0.1):+.0f} .. {pct(nets, 0.9):+.0f}; history {hist:+d} "
                   f"({sum(n < hist for n in nets)} games below it, {sum(n == hist for n in nets)} on it, "
                   f"{sum(n > hist for n in nets)} above). "
                   f"Mean game time {statistics.mean(g['seconds'] for g in games):.1f} s.\n")
        levels = defaultdict(int)
        for n in nets:
            levels[level(n, hist)] += 1
        ranked = sorted(levels.items(), key=lambda kv: -kv[1])
        out.append("Results: " + ", ".join(f"{k} {v}" for k, v in ranked) + ".\n")
        places: dict[tuple[str, str, str], list[str | None]] = defaultdict(list)
        valid = changes(name)
        for g in games:
            seen = set()
            for p in g["places"]:
                key = (p["place"], p["hist"], p["to"])
                if key in seen or (p["hist"], p["to"]) not in valid:
                    continue
                seen.add(key)
                places[key].append(p["game"])
        out.append("| place | to | history | happened in | game date: median (10-90%) | median days vs history |")
        out.append("|---|---|---|---|---|---|")
        for (place, hdate, to), dates in sorted(places.items(), key=lambda kv: kv[0][1]):
            h = dt.date.fromisoformat(hdate)
            share, span, delta = date_cells(h, dates)
            out.append(f"| {place} | {to} | {fmt_day(h)} | {share} | {span} | {delta} |")
        if any("pockets" in g for g in games):
            firsts: dict[str, list[dt.date]] = defaultdict(list)
            for g in games:
                seen: dict[str, dt.date] = {}
                for pk in g.get("pockets", []):
                    key = f"{pk['side']}: {pk['name']}"
                    d = dt.date.fromisoformat(pk["date"])
                    seen[key] = min(seen.get(key, d), d)
                for key, d in seen.items():
                    firsts[key].append(d)
            common = sorted(firsts.items(), key=lambda kv: -len(kv[1]))[:6]
            if common:
                out.append("")
                out.append("Pockets (3+ units cut off; first report): " + "; ".join(
                    f"{k} in {len(v)}/{len(games)} games, median {fmt_day(sorted(v)[len(v) // 2])}" for k, v in common)
                    + ".")
        out.append("")
    return "\n".join(out)


def main() -> None:
    rows = []
    for f in sys.argv[1:]:
        rows.extend(json.loads(Path(f).read_text()))
    print(report(rows))


if __name__ == "__main__":
    main()
