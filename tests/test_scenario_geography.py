"""Maps from real geography: projection, rasterising, the campaign map, the map cache."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.hexgrid import FLAT, Layout, OffsetSystem
from game.ruleset import Ruleset
from game.scenario import load_scenario
from game.scenario.geography import KM_PER_DEGREE, Projector
from game.scenario.mapbuild import compile_map
from game.scenario.schema import MapDef

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _map_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOSCOW41_CACHE_DIR", str(tmp_path / "map-cache"))


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return Ruleset.model_validate(yaml.safe_load((ROOT / "scenarios/rulesets/standard.yaml").read_text()))


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def small_map(ruleset: Ruleset, **features):  # noqa: ANN201
    doc = {
        "id": "test",
        "projection": {"origin": [55.0, 35.0], "hex_km": 10, "width": 8, "height": 7},
        "default_terrain": "clear",
        **features,
    }
    mdef = MapDef.model_validate(doc)
    return compile_map(mdef, doc, ruleset.tables, use_cache=False)


def test_projection_round_trips() -> None:
    p = Projector(55.0, 35.0, 10.0, True, "odd", 8, 7)
    for i in range(8 * 7):
        lat, lon = p.latlon_of(i)
        assert p.index_of_latlon(np.array([lat]), np.array([lon]))[0] == i
    assert p.latlon_of(0) == pytest.approx((55.0, 35.0))
    assert p.index_of_latlon(np.array([56.5]), np.array([35.0]))[0] == -1  # north of the map


def test_projection_keeps_true_distances_across_the_campaign_map() -> None:
    doc = yaml.safe_load((ROOT / "scenarios/maps/campaign.yaml").read_text())
    p = Projector.from_projection(MapDef.model_validate(doc).projection)
    places = {d["id"]: tuple(d["at"]) for d in doc["places"]}
    for a, b in [("smolensk", "moscow"), ("kalinin", "tula"), ("orel", "rzhev"), ("ryazan", "vyazma")]:
        xa, ya = p.to_km(np.array([places[a][0]]), np.array([places[a][1]]))
        xb, yb = p.to_km(np.array([places[b][0]]), np.array([places[b][1]]))
        projected = math.hypot(xa[0] - xb[0], ya[0] - yb[0])
        assert projected == pytest.approx(haversine_km(places[a], places[b]), rel=0.015), (a, b)


def test_a_river_lies_on_the_hexsides_it_separates(ruleset: Ruleset) -> None:
    line_y = 32.0  # km south of hex 0101's centre, a river running due east across the whole map
    lat = 55.0 - line_y / KM_PER_DEGREE
    cm = small_map(ruleset, rivers=[{"id": "r", "type": "major_river", "points": [[lat, 34.0], [lat, 36.5]]}])
    m = cm.hexmap
    # independent expectation from the hex layout: edges between centres on opposite sides of the line
    layout = Layout(FLAT, (10 / math.sqrt(3),) * 2, (0.0, 0.0))
    offsets = OffsetSystem(flat=True, parity="odd")
    y = np.array([layout.hex_to_pixel(offsets.to_hex(i % 8, i // 8))[1] for i in range(m.size)])
    code = m.hexside_names.index("major_river")
    for i in range(m.size):
        for d in range(6):
            j = m.neighbors[i, d]
            if j < 0:
                continue
            crosses = (y[i] - line_y) * (y[j] - line_y) < 0
            assert (m.hexside[i, d] == code) == crosses, (m.label_of(i), d)
    assert (m.hexside == code).sum() > 0


def test_roads_and_railways_become_links_along_a_chain_of_hexes(ruleset: Ruleset) -> None:
    p = Projector(55.0, 35.0, 10.0, True, "odd", 8, 7)
    a, b = p.latlon_of(1 * 8 + 0), p.latlon_of(1 * 8 + 6)  # centres of 0102 and 0702
    cm = small_map(
        ruleset,
        roads=[{"id": "hw", "type": "highway", "points": [list(a), list(b)]}],
        railways=[{"id": "rw", "hexes": ["0305", "0306", "0406"]}],
    )
    m = cm.hexmap
    hw = m.road_names.index("highway")
    linked = {(i, int(m.neighbors[i, d])) for i in range(m.size) for d in range(6) if m.road[i, d] == hw}
    assert all((j, i) in linked for i, j in linked)  # links go both ways
    # walk the links from 0102: a simple path of exactly hex-distance steps reaching 0702
    start, goal = m.index_of_label("0102"), m.index_of_label("0702")
    path, prev = [start], None
    while path[-1] != goal:
        nxt = [j for (i, j) in linked if i == path[-1] and j != prev]
        assert len(nxt) == 1, [m.label_of(k) for k in path]
        prev = path[-1]
        path.append(nxt[0])
    assert len(path) - 1 == m.hex_of(start).distance(m.hex_of(goal)) == 6
    assert len(linked) == 2 * 6
    rails = sorted(
        (m.label_of(i), m.label_of(int(m.neighbors[i, d]))) for i in range(m.size) for d in range(6) if m.rail[i, d]
    )
    assert rails == [("0305", "0306"), ("0306", "0305"), ("0306", "0406"), ("0406", "0306")]


def test_areas_become_terrain(ruleset: Ruleset) -> None:
    p = Projector(55.0, 35.0, 10.0, True, "odd", 8, 7)
    centre = p.latlon_of(3 * 8 + 4)  # 0504
    square = [[55.02, 34.95], [55.02, 35.05], [54.88, 35.05], [54.88, 34.95]]
    cm = small_map(
        ruleset,
        areas=[
            {"id": "wood", "terrain": "forest", "circle": {"center": list(centre), "radius_km": 11}},
            {"id": "lake", "terrain": "lake", "outline": square},
            {"id": "bog", "terrain": "swamp", "hexes": ["0101"]},
        ],
        hexes={"0807": {"terrain": "city", "fort": 2}},
    )
    m = cm.hexmap
    forest = {m.label_of(i) for i in range(m.size) if m.terrain_name(i) == "forest"}
    h = m.hex_of(m.index_of_label("0504"))
    assert forest == {m.label_of(m.index_of(n)) for n in h.spiral(1)}  # the hex and its six neighbours
    assert m.terrain_name(m.index_of_label("0101")) == "swamp"  # the bog overrides the lake
    assert [m.label_of(i) for i in range(m.size) if m.terrain_name(i) == "lake"] == ["0102"]
    assert (m.terrain_name(m.index_of_label("0807")), int(m.fort[m.index_of_label("0807")])) == ("city", 2)


def test_campaign_map_puts_the_places_where_history_does(ruleset: Ruleset) -> None:
    doc = yaml.safe_load((ROOT / "scenarios/maps/campaign.yaml").read_text())
    cm = compile_map(MapDef.model_validate(doc), doc, ruleset.tables, use_cache=False)
    m, p = cm.hexmap, cm.projector
    assert 3000 <= m.size <= 4000
    circumradius = 10 / math.sqrt(3)
    on_map = [pl for pl in cm.places.values() if pl.index >= 0]
    assert len(on_map) >= 140
    for pl in on_map:
        assert haversine_km((pl.lat, pl.lon), p.latlon_of(pl.index)) <= circumradius * 1.02, pl.id
    names = {s.name for s in m.settlements}
    assert {"Moscow", "Tula", "Kalinin", "Vyazma", "Mozhaisk", "Orel", "Kaluga"} <= names
    assert m.terrain_name(cm.places["moscow"].index) == "city"
    sea = m.hex_of(int(p.index_of_latlon(np.array([56.70]), np.array([36.60]))[0]))  # the Moscow Sea
    assert any(m.terrain_name(m.index_of(n)) == "lake" for n in sea.spiral(1))

    # the Moscow-Leningrad railway joins Moscow to Kalinin by rail links
    reach = {cm.places["moscow"].index}
    frontier = list(reach)
    while frontier:
        i = frontier.pop()
        for d in range(6):
            j = int(m.neighbors[i, d])
            if m.rail[i, d] and j not in reach:
                reach.add(j)
                frontier.append(j)
    assert cm.places["kalinin"].index in reach and cm.places["klin"].index in reach

    # the Moscow-Volga canal lies on hexsides next to Yakhroma; the Oka next to Serpukhov and Kaluga
    def sides_near(place: str, kind: str) -> int:
        code = m.hexside_names.index(kind)
        h = m.hex_of(cm.places[place].index)
        return sum(int((m.hexside[m.index_of(n)] == code).sum()) for n in h.spiral(1) if m.contains(n))

    assert sides_near("yakhroma", "canal") > 0
    assert sides_near("serpukhov", "major_river") > 0 and sides_near("kaluga", "major_river") > 0
    assert sides_near("vyazma", "canal") == 0


def test_compiled_maps_are_cached_by_content(ruleset: Ruleset, tmp_path: Path) -> None:
    doc = {
        "id": "c",
        "projection": {"origin": [55.0, 35.0], "hex_km": 10, "width": 5, "height": 4},
        "default_terrain": "clear",
        "rivers": [{"id": "r", "type": "minor_river", "points": [[55.1, 34.9], [54.7, 35.5]]}],
    }
    first = compile_map(MapDef.model_validate(doc), doc, ruleset.tables)
    second = compile_map(MapDef.model_validate(doc), doc, ruleset.tables)
    assert (first.from_cache, second.from_cache) == (False, True)
    for layer in ("terrain", "hexside", "road", "rail", "fort"):
        assert np.array_equal(getattr(first.hexmap, layer), getattr(second.hexmap, layer))
    doc["default_terrain"] = "forest"
    third = compile_map(MapDef.model_validate(doc), doc, ruleset.tables)
    assert not third.from_cache and third.hexmap.terrain_name(0) == "forest"
    assert len(list((tmp_path / "map-cache").glob("*.npz"))) == 2


def test_locator_accepts_every_form() -> None:
    spec = load_scenario(ROOT / "scenarios/tutorial.yaml")
    moz = spec.places["mozhaisk"].index
    assert spec.locate("Mozhaisk") == spec.locate("mozhaisk") == spec.locate({"place": "Mozhaisk"}) == moz
    assert spec.locate([55.50, 36.03]) == spec.locate({"lat": 55.50, "lon": 36.03}) == moz
    assert spec.locate(spec.map.label_of(moz)) == moz
    north = spec.locate({"place": "Mozhaisk", "dir": "N"})
    assert spec.map.hex_of(north) == spec.map.hex_of(moz).neighbor(2)  # axial direction 2 is north when flat
    two_se = spec.locate({"place": "Mozhaisk", "dir": "se", "hexes": 2})
    assert spec.map.hex_of(moz).distance(spec.map.hex_of(two_se)) == 2


def test_parsed_files_are_cached_and_give_the_same_positions(tmp_path: Path) -> None:
    from game.scenario import check_scenario

    (tmp_path / "maps").mkdir()
    (tmp_path / "maps/mozhaisk.yaml").write_text((ROOT / "scenarios/maps/mozhaisk.yaml").read_text())
    text = (ROOT / "scenarios/tutorial.yaml").read_text().replace("type: rifle", "type: rilfe")
    (tmp_path / "t.yaml").write_text(text)
    first = [str(p) for p in check_scenario(tmp_path / "t.yaml").problems]
    parsed = sorted((tmp_path / "map-cache/parsed").glob("*.json"))
    assert len(parsed) == 3  # the scenario, its map and the ruleset parsed cleanly (the mistake is found later)
    second = [str(p) for p in check_scenario(tmp_path / "t.yaml").problems]
    assert first == second and len(first) == 2 and "t.yaml:" in first[0]
    for p in parsed:  # a damaged entry is ignored and rebuilt
        p.write_text("{not json")
    assert [str(p) for p in check_scenario(tmp_path / "t.yaml").problems] == first
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")  # problems while parsing: never cached
    assert check_scenario(tmp_path / "bad.yaml").errors
    assert len(list((tmp_path / "map-cache/parsed").glob("*.json"))) == 3
