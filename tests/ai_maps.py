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
