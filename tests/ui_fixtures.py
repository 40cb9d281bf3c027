"""Generated scenarios for the UI tests, screenshots and benchmark.

``campaign_like_spec`` builds a map the size of the campaign map (50x56 hexes)
with forests, swamps, lakes, meandering rivers along hexsides, highways, roads,
railways, towns and fortified lines, and about 300 units on a front line.
"""

from __future__ import annotations

import math

import numpy as np

from game.hexgrid import OffsetSystem
from game.mapmodel import HexMap, Settlement
from game.spec import ScenarioSpec
from tests.builders import build_map, build_spec, standard_ruleset, unit

TOWN_NAMES = (
    "Moscow", "Vyazma", "Mozhaisk", "Kalinin", "Tula", "Kaluga", "Bryansk", "Orel", "Rzhev", "Klin",
    "Volokolamsk", "Maloyaroslavets", "Serpukhov", "Kolomna", "Ryazan", "Yukhnov", "Medyn", "Borodino",
    "Istra", "Solnechnogorsk", "Dmitrov", "Naro-Fominsk", "Podolsk", "Aleksin", "Belev", "Sukhinichi",
    "Kozelsk", "Roslavl", "Yelnya", "Dorogobuzh", "Sychevka", "Gzhatsk", "Ruza", "Zubtsov", "Staritsa",
    "Torzhok", "Kashira", "Stalinogorsk", "Venev", "Mtsensk", "Karachev", "Zhizdra", "Lyudinovo",
    "Spas-Demensk", "Mosalsk", "Meshchovsk", "Tarusa", "Vereya", "Kubinka", "Zvenigorod",
)


def _noise(x: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.zeros_like(x)
    for k in range(6):
        fx, fy = rng.uniform(0.05, 0.35, 2)
        px, py = rng.uniform(0, 2 * math.pi, 2)
        out += np.sin(x * fx + px) * np.cos(y * fy + py) / (1 + k * 0.5)
    return out


def campaign_like_map(width: int = 50, height: int = 56, seed: int = 7) -> HexMap:
    """A generated map the size of the campaign map, with every kind of feature."""
    rs = standard_ruleset()
    t = rs.tables
    rows = ["." * width for _ in range(height)]
    m = build_map(rows)
    col = np.tile(np.arange(width), height).astype(float)
    row = np.repeat(np.arange(height), width).astype(float)
    forest = _noise(col, row, seed)
    wet = _noise(col, row, seed + 1)
    terrain = np.full(m.size, t.terrain_names.index("clear"), np.int8)
    terrain[forest > 0.75] = t.terrain_names.index("forest")
    terrain[(wet > 1.1) & (forest <= 0.75)] = t.terrain_names.index("swamp")
    terrain[wet > 1.75] = t.terrain_names.index("lake")
    m.terrain = terrain
    rng = np.random.default_rng(seed)
    # rivers: boundaries between regions below/left of meandering curves
    uy = m.r + m.q / 2.0
    minor, major = t.hexside_names.index("minor_river"), t.hexside_names.index("major_river")
    curves = [
        (lambda c, r: r < 14 + 3 * np.sin(c / 5.0) + c * 0.1, major),
        (lambda c, r: r < 38 + 2.5 * np.sin(c / 4.0 + 1), minor),
        (lambda c, r: c < 30 + 3 * np.sin(r / 6.0), minor),
        (lambda c, r: c < 12 + 2 * np.cos(r / 5.0), major),
    ]
    for fn, code in curves:
        inside = fn(m.q.astype(float), uy)
        for i in range(m.size):
            for d in range(6):
                j = m.neighbors[i, d]
                if j >= 0 and inside[i] and not inside[j]:
                    m.set_hexside(i, d, code)
    # towns
    free = np.nonzero(terrain != t.terrain_names.index("lake"))[0]
    picks = rng.choice(free, size=len(TOWN_NAMES), replace=False)
    picks[0] = m.index_of_label("4428")
    sizes = [5, 3, 3, 3, 3, 3, 3, 3] + [2] * 14 + [1] * (len(TOWN_NAMES) - 22)
    settlements = []
    for k, (name, idx) in enumerate(zip(TOWN_NAMES, picks, strict=True)):
        idx = int(idx)
        if sizes[k] >= 3:
            m.terrain[idx] = t.terrain_names.index("city")
        settlements.append(Settlement(name, idx, size=sizes[k], victory_points=3 if k < 8 else (1 if k < 14 else 0)))
    m.settlements = tuple(settlements)
    # roads between the big towns and Moscow, railways along some of them
    highway, road = t.road_names.index("highway"), t.road_names.index("road")
    moscow = m.hex_of(int(picks[0]))
    for k in range(1, 22):
        h = m.hex_of(int(picks[k]))
        line = h.line_to(moscow) if k < 12 else h.line_to(m.hex_of(int(picks[(k * 7) % 12])))
        for a, b in zip(line, line[1:], strict=False):
            if not (m.contains(a) and m.contains(b)):
                continue
            d = a.direction_to(b)
            if d is None:
                continue
            i = m.index_of(a)
            m.set_link(m.road, i, d, highway if k < 6 else road)
            if k in (1, 2, 4, 7, 9):
                m.set_link(m.rail, i, d, True)
    # a fortified belt west of Moscow
    for r in range(10, 46):
        m.fort[m.index_of(OffsetSystem().to_hex(36 + (r % 3 == 0), r))] = 1 + (r % 7 == 0)
    return m


def campaign_like_spec(turns: int = 20, units_per_side: int = 150) -> ScenarioSpec:
    """A scenario on ``campaign_like_map`` with a front line of about 300 units."""
    m = campaign_like_map()
    rs = standard_ruleset()
    lake = rs.tables.terrain_names.index("lake")
    units = []
    g_types = ["infantry"] * 6 + ["panzer", "motorized"]
    s_types = ["rifle"] * 6 + ["cavalry", "tank_brigade", "ski_brigade", "fortified_region"]
    rng = np.random.default_rng(3)
    occupied: dict[int, int] = {}

    def place(col_lo: int, col_hi: int) -> str | None:
        for _ in range(200):
            c, r = int(rng.integers(col_lo, col_hi)), int(rng.integers(1, m.height - 1))
            i = r * m.width + c
            if m.terrain[i] != lake and occupied.get(i, 0) < 2:
                occupied[i] = occupied.get(i, 0) + 1
                return m.label_of(i)
        return None

    for k in range(units_per_side):
        ut = g_types[k % len(g_types)]
        units.append((unit(f"ger.{k}", 0, ut, name=f"{k + 1}. {'Panzer' if ut == 'panzer' else 'Infanterie'}-Division",
                           commander="Generalleutnant N.N.", notes="Generated test unit."), place(2, 22)))
    for k in range(units_per_side):
        ut = s_types[k % len(s_types)]
        size = "brigade" if ut in ("tank_brigade", "ski_brigade") else "division"
        units.append((unit(f"sov.{k}", 1, ut, name=f"{k + 1}th {ut.replace('_', ' ').title()}", size=size),
                      place(24, 44)))
    return build_spec(m, units, turns=turns, id="generated", description="A generated campaign-sized test map.")
