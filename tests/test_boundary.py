"""Architecture guards: the headless core never imports pygame; no unsafe loaders anywhere."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLESS = ["game.hexgrid", "game.mapmodel", "game.ruleset", "game.state", "game.session", "game.record",
            "game.replay", "game.movement", "game.rules.engine", "game.cli"]
OPTIONAL = ["game.ai", "game.scenario", "game.rules.combat", "game.rules.supply", "game.rules.weather"]


def test_headless_modules_never_import_pygame():
    mods = HEADLESS + [m for m in OPTIONAL if (ROOT / (m.replace(".", "/") + ".py")).exists()
                       or (ROOT / m.replace(".", "/") / "__init__.py").exists()]
    code = "import sys\n" + "".join(f"import {m}\n" for m in mods) + \
        "bad = [m for m in sys.modules if m == 'pygame' or m.startswith('pygame.')]\nprint(bad)\nsys.exit(bool(bad))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pygame_only_in_ui_package():
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("game/ui/"):
            continue
        if re.search(r"^\s*(import pygame|from pygame)", path.read_text(encoding="utf-8"), re.M):
            offenders.append(rel)
    assert offenders == []


def test_no_eval_pickle_or_unsafe_yaml():
    pattern = re.compile(r"\beval\(|\bexec\(|\bpickle\b|yaml\.load\(|yaml\.unsafe_load|yaml\.Loader\b")
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "game").rglob("*.py")
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == []
