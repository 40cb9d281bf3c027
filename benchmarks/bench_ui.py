"""Desktop UI figures: a full-map frame with every unit visible, and start to the first interactive frame."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def run(report) -> None:  # noqa: ANN001 - benchmarks.run.Report
    import tempfile

    import pygame

    sys.path.insert(0, str(ROOT))
    from benchmarks.run import median_ms
    from game.ui.app import make_context
    from game.ui.catalog import Catalog
    from game.ui.scenes.title import start_game
    from tests.ui_fixtures import campaign_like_spec

    spec = campaign_like_spec()
    ctx = make_context((1280, 800), Catalog(extra=[spec]), Path(tempfile.mkdtemp()), headless=True)
    scene = start_game(ctx, spec, "both", 1)
    cam = scene.view.camera
    cam.zoom = cam.fit_zoom()
    cam.clamp()
    surface = pygame.display.get_surface()
    on_map = int(len(scene.state.units_on_map()))

    def frame() -> None:
        scene.update(1 / 60)
        scene.draw(surface)
        pygame.display.flip()

    report.figure(f"UI full-map frame, {spec.map.width}x{spec.map.height} hexes, {on_map} units, 1280x800",
                  median_ms(frame, repeat=60, warmup=5), 8.0)
    cam.zoom = 4
    cam.center_on(spec.map.size // 2)
    report.figure("UI frame at zoom 28 px (tiles cached)", median_ms(frame, repeat=60, warmup=5), 8.0)

    def pan() -> None:
        cam.pan_pixels(37, 23)
        frame()

    report.figure("UI frame while panning (new tiles as they come into view)", median_ms(pan, repeat=60), 16.7)

    if (ROOT / "scenarios" / "campaign.yaml").exists():
        cat = Catalog()
        camp = cat.find("campaign")
        scene = start_game(ctx, camp, "both", 1)
        cam = scene.view.camera
        cam.zoom = cam.fit_zoom()
        cam.clamp()
        n = int(len(scene.state.units_on_map()))
        report.figure(f"UI full-map frame, shipped campaign {camp.map.width}x{camp.map.height}, {n} units",
                      median_ms(frame, repeat=60, warmup=5), 8.0)

    scenario = "tutorial" if (ROOT / "scenarios" / "tutorial.yaml").exists() else None
    if scenario is None:
        report.value("UI start to first interactive frame", "skipped", "no shipped scenario")
        return
    import resource

    times, cpu = [], []
    env = {**os.environ, "MOSCOW41_DATA_DIR": tempfile.mkdtemp()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached after the first start
    subprocess.run([sys.executable, "-m", "game", "play", scenario, "--side", "both", "--frames", "1"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    for _ in range(5):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", "play", scenario, "--side", "both", "--frames", "1"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - t0) * 1000)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
    report.figure(f"UI start to first interactive frame ({scenario}, new process, bytecode cached)",
                  statistics.median(times), 2000.0)
    report.value("UI start to first frame, CPU time of that process", f"{statistics.median(cpu):.0f} ms",
                 f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus")
