"""The performance suite: ``python benchmarks/run.py [NAME...]``.

Runs every ``benchmarks/bench_*.py`` module's ``run(report)`` (or only the
named ones). Each benchmark measures its figure and, where there is one, a
baseline in the same run, and reports medians through ``report``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def median_ms(fn: Callable[[], object], repeat: int = 30, warmup: int = 2) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


class Report:
    """Collects figures and prints them as a table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.failures = 0

    def figure(self, name: str, value_ms: float, target_ms: float | None = None, note: str = "") -> None:
        """A timing (median ms) with an optional target (<=)."""
        verdict = ""
        if target_ms is not None:
            ok = value_ms <= target_ms
            verdict = f"{'ok' if ok else 'MISSED'} (target <= {target_ms:g} ms)"
            self.failures += not ok
        self._add(name, f"{value_ms:.3f} ms", verdict, note)

    def ratio(self, name: str, value: float, target: float | None = None, note: str = "") -> None:
        """A ratio (x) with an optional minimum target."""
        verdict = ""
        if target is not None:
            ok = value >= target
            verdict = f"{'ok' if ok else 'MISSED'} (target >= {target:g}x)"
            self.failures += not ok
        self._add(name, f"{value:.1f}x", verdict, note)

    def value(self, name: str, text: str, note: str = "") -> None:
        self._add(name, text, "", note)

    def _add(self, name: str, value: str, verdict: str, note: str) -> None:
        self.rows.append((name, value, verdict, note))
        print(f"  {name:<58} {value:>14}  {verdict}  {note}".rstrip(), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all), e.g. core")
    args = parser.parse_args()
    modules = sorted(HERE.glob("bench_*.py"))
    if args.names:
        modules = [m for m in modules if m.stem.removeprefix("bench_") in args.names]
    print(f"Moscow '41 benchmarks on {platform.node()} ({platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cpus, Python {platform.python_version()}); medians")
    report = Report()
    for path in modules:
        print(f"[{path.stem.removeprefix('bench_')}]", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.run(report)
    print(f"{len(report.rows)} figures, {report.failures} targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
