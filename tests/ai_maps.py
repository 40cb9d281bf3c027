"""A small hand-built front for the AI tests: Germans in the west, Soviets east, towns between."""

from __future__ import annotations

from game.spec import ScenarioSpec
from tests.builders import build_map, build_spec, unit

ROWS = [
    "....f.....ff....",
    "...ff..s...f....",
    ".....c......f...",
    "..f....ff.....c.",
    "........f.s.....",
    "...s.c......ff..",
    "......f.....c...",
    "..ff....s.......",
    "...........f....",
    ".....f.c........",
]
PLACES = {"Vyazma": "0602", "Mozhaisk": "1503", "Kaluga": "0605", "Moscow": "1306", "Tula": "0809"}


def front_spec(turns: int = 6) -> ScenarioSpec:
    """A 16x10 front with 9 German and 10 Soviet units."""
    m = build_map(ROWS, settlements=PLACES)
    german = [
        (unit("ger.pz1", 0, "panzer"), "0103"), (unit("ger.pz2", 0, "panzer"), "0106"),
        (unit("ger.mot1", 0, "motorized"), "0104"),
        (unit("ger.inf1", 0), "0201"), (unit("ger.inf2", 0), "0202"), (unit("ger.inf3", 0), "0204"),
        (unit("ger.inf4", 0), "0207"), (unit("ger.inf5", 0), "0208"), (unit("ger.inf6", 0), "0209"),
    ]
    soviet = [
        (unit(f"sov.r{i}", 1, "rifle"), label)
        for i, label in enumerate(["0701", "0703", "0704", "0706", "0708", "0710", "1002", "1105", "1207"])
    ] + [(unit("sov.tb1", 1, "tank_brigade"), "1404"), (unit("sov.late", 1, "rifle"), None)]
    return build_spec(m, german + soviet, turns=turns, id="ai-front")


def big_front_spec(width: int = 60, height: int = 64, per_side: int = 150, turns: int = 30) -> ScenarioSpec:
    """A campaign-sized synthetic front (fixed terrain seed): Germans in the west third, Soviets east."""
    import numpy as np

    rng = np.random.default_rng(41)
    chars = np.array(list(".........ffffs"))
    grid = chars[rng.integers(len(chars), size=(height, width))]
    places = {}
    names = iter(f"Town{k}" for k in range(100))
    for row in range(3, height - 2, 7):
        for col in range(width // 3, width - 2, 9):
            grid[row, col] = "c"
            places[next(names)] = f"{col + 1:02d}{row + 1:02d}"
    places["Moscow"] = f"{width - 4:02d}{height // 2:02d}"
    grid[height // 2 - 1, width - 5] = "c"
    rows = ["".join(r) for r in grid]
    m = build_map(rows, settlements=places)
    units = []
    german_cols = range(0, width // 4)
    soviet_cols = range(width // 3, width - 3)
    taken: set[str] = set(places.values())
    for side, cols, kinds in ((0, german_cols, ("infantry", "infantry", "panzer", "motorized")),
                              (1, soviet_cols, ("rifle", "rifle", "rifle", "tank_brigade", "cavalry"))):
        k = 0
        while k < per_side:
            col, row = int(rng.choice(list(cols))), int(rng.integers(height))
            label = f"{col + 1:02d}{row + 1:02d}"
            if label in taken or grid[row, col] == "~":
                continue
            taken.add(label)
            kind = kinds[k % len(kinds)]
            units.append((unit(f"{'ger' if side == 0 else 'sov'}.{k}", side, kind), label))
            k += 1
    return build_spec(m, units, turns=turns, id="ai-big-front")


def bench_front_spec() -> ScenarioSpec:
    """The campaign-sized front cut to 6 turns, for games-per-minute measurements."""
    return big_front_spec(turns=6)


def mozhaisk_short() -> ScenarioSpec:
    """The shipped Mozhaisk scenario cut to its first 3 turns, for games-per-minute measurements."""
    import dataclasses

    from game.sim.runner import load_spec

    return dataclasses.replace(load_spec("mozhaisk"), turns=3)
