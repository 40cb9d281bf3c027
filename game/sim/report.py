"""Batch results: the printed summary, CSV files and a PNG chart (matplotlib, Agg backend)."""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from game.sim.runner import GameRow


def results(rows: list[GameRow]) -> Counter[str]:
    """Games won by each side id ('draw' when the rules named no winner)."""
    return Counter(r.winner or "draw" for r in rows)


def place_changes(rows: list[GameRow]) -> dict[str, dict[str, list[int]]]:
    """place -> side name -> turns on which it took the place (every change, every game)."""
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        for turn, _date, place, side in r.captures:
            out[place][side].append(turn)
    return out


def summary_lines(rows: list[GameRow], side_ids: tuple[str, str]) -> list[str]:
    """The human summary printed after a batch."""
    n = len(rows)
    lines = [f"{n} games"]
    res = results(rows)
    for key in (*side_ids, "draw"):
        if res.get(key) or key != "draw":
            lines.append(f"  {key:<10} {res.get(key, 0):>5}  ({100.0 * res.get(key, 0) / max(n, 1):.1f}%)")
    for other in sorted(set(res) - {*side_ids, "draw"}):
        lines.append(f"  {other:<10} {res[other]:>5}")
    for sid in side_ids:
        vps = [r.vp.get(sid, 0) for r in rows]
        if vps:
            lines.append(
                f"  VP {sid:<7} mean {statistics.fmean(vps):.2f}  median {statistics.median(vps):g}  "
                f"min {min(vps)}  max {max(vps)}"
            )
    refused = sum(r.refused for r in rows)
    lines.append(f"  refused orders: {refused}")
    changes = place_changes(rows)
    dates = {turn: date for r in rows for turn, date, _p, _s in r.captures}
    if changes:
        lines.append("  key places changing hands (games in which it happened; median turn and its date):")
        for place in sorted(changes):
            parts = []
            for side, turns in sorted(changes[place].items()):
                games = sum(1 for r in rows if any(c[2] == place and c[3] == side for c in r.captures))
                mid = statistics.median_low(turns)
                parts.append(f"{side} {games} games, turn {mid} ({dates.get(mid, '?')})")
            lines.append(f"    {place:<16} " + "; ".join(parts))
    secs = [r.seconds for r in rows]
    if secs:
        lines.append(f"  seconds per game: median {statistics.median(secs):.2f}")
    return lines


def write_csv(rows: list[GameRow], out_dir: Path, side_ids: tuple[str, str]) -> tuple[Path, Path]:
    """``games.csv`` (one row per game) and ``captures.csv`` (one row per key place changing hands)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    games = out_dir / "games.csv"
    with games.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["game", "seed", f"ai_{side_ids[0]}", f"ai_{side_ids[1]}", "winner", "reason", "turns",
                    f"vp_{side_ids[0]}", f"vp_{side_ids[1]}", "orders", "refused", "seconds", "record"])
        for r in rows:
            w.writerow([r.game, r.seed, r.side0, r.side1, r.winner or "draw", r.reason, r.turns,
                        r.vp.get(side_ids[0], 0), r.vp.get(side_ids[1], 0), r.orders, r.refused, r.seconds, r.record])
    caps = out_dir / "captures.csv"
    with caps.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["game", "seed", "turn", "date", "place", "taken_by"])
        for r in rows:
            for turn, date, place, side in r.captures:
                w.writerow([r.game, r.seed, turn, date, place, side])
    return games, caps


def write_chart(rows: list[GameRow], out_path: Path, side_ids: tuple[str, str], title: str) -> Path:
    """A PNG with the result distribution, the VP distribution and when key places changed hands."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    res = results(rows)
    keys = [*side_ids, "draw", *sorted(set(res) - {*side_ids, "draw"})]
    axes[0].bar(keys, [res.get(k, 0) for k in keys], color=["#7a7a7a", "#b03030", "#d0c080", "#8080c0"][: len(keys)])
    axes[0].set_title("results")
    axes[0].set_ylabel("games")
    vp0 = [r.vp.get(side_ids[0], 0) for r in rows]
    vp1 = [r.vp.get(side_ids[1], 0) for r in rows]
    top = max([*vp0, *vp1, 1])
    bins = list(range(0, top + 2))
    axes[1].hist([vp0, vp1], bins=bins, label=list(side_ids), color=["#7a7a7a", "#b03030"])
    axes[1].set_title("victory points at the end")
    axes[1].set_xlabel("VP")
    axes[1].legend()
    changes = place_changes(rows)
    places = sorted(changes)
    colors = ["#7a7a7a", "#b03030", "#4060a0", "#40a060"]
    sides = sorted({s for p in places for s in changes[p]})
    for k, side in enumerate(sides):
        xs, ys = [], []
        for y, place in enumerate(places):
            for t in changes[place].get(side, []):
                xs.append(t + (k - (len(sides) - 1) / 2) * 0.15)
                ys.append(y)
        axes[2].scatter(xs, ys, s=12, alpha=0.35, label=f"taken by {side}", color=colors[k % len(colors)])
    axes[2].set_yticks(range(len(places)), places)
    dates = {turn: date for r in rows for turn, date, _p, _s in r.captures}
    if dates:
        shown = sorted(dates)[:: max(1, len(dates) // 8)]
        axes[2].set_xticks(shown, [f"{t}\n{dates[t][5:]}" for t in shown], fontsize=8)
    axes[2].set_xlabel("turn and date")
    axes[2].set_title("key places changing hands")
    if sides:
        axes[2].legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_path, dpi=90)
    plt.close(fig)
    return out_path
