"""Calibrate the historical scenarios against history: AI-versus-AI batches and what-if variants.

    python scenarios/source/calibrate.py OUT.json --games 50 --workers 2 [--only typhoon,december]

For every scenario (and the what-ifs: typhoon and campaign without the rasputitsa, december
and campaign with German winter equipment) it plays ``--games`` games of the 'normal' AI
against itself and records the result, the net points and, for every place that changed hands
historically, the date on which it did in the game. docs/scenarios.md reports the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DRY_OCTOBER = """
weather:
  calendar:
    - {dates: [1941-09-30, 1941-11-02], weather: clear, temperature: mild, ground: dry, note: "what-if: no rasputitsa"}
"""

VARIANTS = {
    "typhoon": ("typhoon", ""),
    "mozhaisk": ("mozhaisk", ""),
    "december": ("december", ""),
    "campaign": ("campaign", ""),
    "typhoon-dry": ("typhoon", DRY_OCTOBER),
    "campaign-dry": ("campaign", DRY_OCTOBER),
    "december-winter": ("december", "winter: {winterized_sides: [german, soviet]}\n"),
    "campaign-winter": ("campaign", "winter: {winterized_sides: [german, soviet]}\n"),
}


def variant_file(workdir: Path, name: str) -> Path:
    base, extra = VARIANTS[name]
    if not extra:
        return workdir / f"{base}.yaml"
    path = workdir / f"{name}.yaml"
    if not path.exists():
        text = f"extends: {base}.yaml\nid: {name.replace('-', '_')}\ntitle: 'what-if {name}'\n{extra}"
        if "calendar" in extra:
            # keep the rest of the historical calendar (November on) after the dry October
            import yaml

            common = yaml.safe_load((workdir / "common" / "moscow41.yaml").read_text())
            rest = [p for p in common["weather"]["calendar"] if str(p["dates"][0]) >= "1941-11-03"]
            text += "".join("    - " + json.dumps(p, default=str) + "\n" for p in rest)
        path.write_text(text)
    return path


def prepare_workdir(tmp: Path, names: list[str]) -> Path:
    """Copy scenarios/ into ``tmp`` and write the what-if files of ``names`` there; returns the copy."""
    shutil.copytree(ROOT / "scenarios", tmp / "scenarios")
    workdir = tmp / "scenarios"
    for n in names:
        variant_file(workdir, n)
    return workdir


def job_list(workdir: Path, names: list[str], first: int, games: int) -> list[tuple[str, str, int]]:
    """The (workdir, variant, seed) jobs: seeds 1000 + first .. 1000 + first + games - 1 for each variant."""
    return [(str(workdir), n, 1000 + i) for n in names for i in range(first, first + games)]


def play(args: tuple[str, str, int]) -> dict:
    workdir, name, seed = args
    from game.ai.match import play_game
    from game.ai.player import make_player
    from game.history import compare_captures
    from game.scenario import load_scenario

    spec = load_scenario(variant_file(Path(workdir), name))
    t0 = time.perf_counter()
    res = play_game(spec, seed, (make_player("normal", 0), make_player("normal", 1)))
    vp = res.victory_points
    comp = compare_captures(spec, res.captures)
    return {
        "scenario": name, "seed": seed, "winner": res.winner, "reason": res.reason, "turns": res.turns,
        "net": vp.get("german", 0) - vp.get("soviet", 0), "seconds": round(time.perf_counter() - t0, 1),
        "places": [{"place": c.place, "hist": c.historical_date.isoformat(), "to": c.controller_after,
                    "game": c.game_date.isoformat() if c.game_date else None} for c in comp],
        "captures": [{"date": c.date, "place": c.place, "side": c.side} for c in res.captures],
        "pockets": pockets(res.session),
        "pockets_any": pockets(res.session, min_units=1, largest=True),
    }


def pockets(session, min_units: int = 3, largest: bool = False) -> list[dict]:  # noqa: ANN001 - Session
    """The first report of each pocket of ``min_units`` or more units (``largest``: its biggest report).

    Each entry: date, name, side, units.
    """
    out: dict[str, dict] = {}
    turn = 1
    for e in session.events:
        name = type(e).__name__
        if name == "TurnBegan":
            turn = e.turn
        elif name == "PocketReport" and len(e.units) >= min_units:
            known = out.get(e.name)
            if known is not None and (not largest or known["units"] >= len(e.units)):
                continue
            out[e.name] = {"date": session.spec.date_of_turn(turn).isoformat(), "name": e.name, "side": e.side,
                           "units": len(e.units)}
    return list(out.values())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--games", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--first", type=int, default=0, help="index of the first game (seed 1000 + i)")
    ap.add_argument("--only", default=",".join(VARIANTS))
    a = ap.parse_args()
    names = a.only.split(",")
    workdir = prepare_workdir(Path(tempfile.mkdtemp(prefix="m41cal-")), names)
    out = Path(a.out)
    rows = []
    with ProcessPoolExecutor(a.workers) as pool:
        for row in pool.map(play, job_list(workdir, names, a.first, a.games)):
            rows.append(row)
            out.write_text(json.dumps(rows))
            print(row["scenario"], row["seed"], row["net"], row["seconds"], flush=True)


if __name__ == "__main__":
    main()
