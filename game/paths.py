"""Where the shipped data lives."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = PROJECT_ROOT / "scenarios"
ASSET_DIR = PROJECT_ROOT / "assets"


def find_scenario_file(name: str) -> Path:
    """A scenario path from a path or a shipped scenario id ('typhoon' -> scenarios/typhoon.yaml)."""
    from game.errors import UserError

    candidates = [Path(name), SCENARIO_DIR / name, SCENARIO_DIR / f"{name}.yaml"]
    for c in candidates:
        if c.is_file():
            return c
    shipped = sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))
    raise UserError(f"{name}: no such scenario file; shipped scenarios: {', '.join(shipped) or 'none'}")
