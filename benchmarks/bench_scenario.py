"""Scenario loading figures: load + validate with a warm map cache (target <= 300 ms), and cold.

Measures every shipped scenario (the largest against the target) and a
campaign-sized scenario built on the shipped campaign map (scenarios/maps/
campaign.yaml, ~4,000 hexes) with 400 units, reinforcements and a history
track, so the target is checked at the scale the campaign scenarios will have.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Report, median_ms  # noqa: E402
from game.scenario import load_scenario  # noqa: E402

TARGET_MS = 300.0


def cpu_ms(fn, repeat: int = 7) -> float:  # noqa: ANN001 - a callable
    """Median CPU time of ``fn`` in ms (less disturbed than wall time on a busy machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return sorted(times)[len(times) // 2]


def campaign_text(units: int = 400) -> str:
    """A campaign-sized scenario on the shipped campaign map."""
    import yaml

    geo = yaml.safe_load((ROOT / "scenarios/maps/campaign.yaml").read_text(encoding="utf-8"))
    towns = [p["id"] for p in geo["places"] if p.get("size", 1) > 0]
    lines = [
        "format_version: 1",
        "id: bench_campaign",
        'title: "Benchmark campaign"',
        "ruleset: standard",
        "map: {include: maps/campaign.yaml}",
        "sides: [{id: german, name: Germany}, {id: soviet, name: Soviet Union}]",
        "first_side: german",
        "start: 1941-10-02",
        "days_per_turn: 2",
        "turns: 48",
        "units:",
    ]
    arrivals = []
    for k in range(units):
        side = "german" if k % 2 == 0 else "soviet"
        kinds = ("infantry", "panzer", "motorized") if side == "german" else ("rifle", "cavalry", "tank_brigade")
        kind = kinds[k % 3]
        if k % 7 == 6:
            lines.append(f"  - {{id: u{k}, side: {side}, type: {kind}, name: 'Unit {k}'}}")
            arrivals.append((k, towns[k % len(towns)]))
        elif k % 3 == 0:
            at = f"{{place: {towns[k % len(towns)]}, dir: N}}"
            lines.append(f"  - {{id: u{k}, side: {side}, type: {kind}, name: 'Unit {k}', at: {at}}}")
        else:
            col, row = 2 + (k * 7) % 58, 2 + (k * 11) % 53
            lines.append(f"  - {{id: u{k}, side: {side}, type: {kind}, name: 'Unit {k}', at: '{col:02d}{row:02d}'}}")
    lines.append("reinforcements:")
    for n, (k, town) in enumerate(arrivals):
        lines.append(f"  - {{units: [u{k}], turn: {2 + n % 40}, at: {town}}}")
    lines += [
        "victory:",
        "  scoring_side: german",
        "  objectives: [{at: Moscow, points: 20}, {at: Tula, points: 5}, {at: Kalinin, points: 5}]",
        "  sudden_death: [{side: german, capture: [Moscow]}]",
        "history:",
        "  events:",
    ]
    lines += [f"    - {{date: 1941-10-{2 + d:02d}, text: 'event {d}', place: {towns[d]}}}" for d in range(25)]
    return "\n".join(lines) + "\n"


def run(report: Report) -> None:
    cache = Path(tempfile.mkdtemp(prefix="m41-bench-maps-"))
    os.environ["MOSCOW41_CACHE_DIR"] = str(cache)
    try:
        sizes = []
        for path in sorted((ROOT / "scenarios").glob("*.yaml")):
            spec = load_scenario(path)  # warms the map cache
            sizes.append((spec.map.size * max(1, len(spec.units)), path, spec))
        if sizes:
            _, largest, spec = max(sizes, key=lambda t: t[0])
            ms = median_ms(lambda: load_scenario(largest), repeat=15)
            cpu = cpu_ms(lambda: load_scenario(largest))
            report.figure(
                f"load+validate {largest.name} (warm map cache)",
                ms,
                TARGET_MS,
                f"{spec.map.size} hexes, {len(spec.units)} units; largest shipped; CPU {cpu:.0f} ms",
            )
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "maps").mkdir()
            shutil.copy(ROOT / "scenarios/maps/campaign.yaml", folder / "maps/campaign.yaml")
            path = folder / "campaign.yaml"
            path.write_text(campaign_text(), encoding="utf-8")
            spec = load_scenario(path)
            note = f"{spec.map.size} hexes, {len(spec.units)} units"
            cpu = cpu_ms(lambda: load_scenario(path))
            report.figure(
                "load+validate campaign-sized scenario (warm map cache)",
                median_ms(lambda: load_scenario(path), repeat=15),
                TARGET_MS,
                f"{note}; CPU {cpu:.0f} ms",
            )
            report.figure(
                "load+validate campaign-sized scenario (cold: rasterise map)",
                median_ms(lambda: load_scenario(path, use_cache=False), repeat=5, warmup=1),
                None,
                note,
            )
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    r = Report()
    run(r)
