"""Movement legality on hand-built maps: terrain, rivers, roads, ZOC, enemies, stacking."""

import dataclasses

import numpy as np
import pytest

from game.movement import reach, reach_all
from game.orders import Move
from game.rules.violations import IllegalOrder
from game.ruleset import MP_TICKS
from game.session import Session
from tests.builders import add_hexside, add_road, build_map, build_spec, unit

OPEN = ["........"] * 6


def session_for(rows, units, prepare=None, ground=None):
    m = build_map(rows)
    if prepare:
        prepare(m)
    s = Session(build_spec(m, units), seed=1)
    if ground is not None:
        s.state.hexes["ground"][:] = s.spec.ruleset.tables.grounds.index(ground)
        s.state.units["mp"][:] = s.spec.unit_allowance  # re-grant after changing ground
    return s


def cost_mp(s, uid, label):
    r = reach(s.state, s.state.unit_index(uid))
    c = r.cost[s.spec.map.index_of_label(label)]
    return None if c < 0 else c / MP_TICKS


def test_clear_terrain_one_mp_per_hex():
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")])
    assert cost_mp(s, "g", "0203") == 1
    assert cost_mp(s, "g", "0503") == 4
    assert cost_mp(s, "g", "0603") is None  # 5 MP away, infantry has 4
    assert s.check(Move("g", "0603"))[0].code == "too-far"
    assert "costs 5 MP" in s.check(Move("g", "0603"))[0].message


def test_forest_costs_two():
    s = session_for(["........", "........", ".f......", "........", "........", "........"],
                    [(unit("g", 0), "0103"), (unit("r", 1), "0806")])
    assert cost_mp(s, "g", "0203") == 2


def river_between_columns_2_and_3(m):
    for row in range(1, 7):
        a = f"02{row:02d}"
        for b in (f"03{row - 1:02d}", f"03{row:02d}", f"03{row + 1:02d}"):
            try:
                add_hexside(m, a, b, "minor_river")
            except ValueError:
                pass


def test_minor_river_adds_crossing_cost():
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], river_between_columns_2_and_3)
    assert cost_mp(s, "g", "0203") == 1
    assert cost_mp(s, "g", "0303") == 3  # 1 + (1 clear + 1 river)
    assert cost_mp(s, "g", "0403") == 4
    assert cost_mp(s, "g", "0503") is None


def test_river_frozen_costs_nothing_extra():
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], river_between_columns_2_and_3,
                    ground="frozen")
    assert cost_mp(s, "g", "0303") == 2


def test_road_movement_and_mud():
    road = ["0103", "0203", "0303", "0403", "0503", "0603", "0703", "0803"]
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], lambda m: add_road(m, road))
    assert cost_mp(s, "g", "0803") == 3.5  # 7 road hexes at 0.5
    mud = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], lambda m: add_road(m, road),
                      ground="mud")
    assert cost_mp(mud, "g", "0303") == 2  # unpaved road in (light) mud: 1 per hex, fields 1.5
    assert cost_mp(mud, "g", "0503") == 4
    deep = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], lambda m: add_road(m, road),
                       ground="deep_mud")
    assert cost_mp(deep, "g", "0303") == 4  # unpaved road in deep mud: 2 per hex, no better than fields
    assert cost_mp(deep, "g", "0403") is None
    for ground in ("mud", "deep_mud"):
        paved = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")],
                            lambda m: add_road(m, road, "highway"), ground=ground)
        assert cost_mp(paved, "g", "0803") == 3.5, ground  # the highway keeps its value in mud and deep mud


def test_road_bridge_avoids_river_cost():
    road = ["0103", "0203", "0303", "0403"]
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")],
                    lambda m: (river_between_columns_2_and_3(m), add_road(m, road)))
    assert cost_mp(s, "g", "0403") == 1.5


def test_enemy_zoc_stops_movement():
    enemy_at = "0404"
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), enemy_at)])
    m = s.spec.map
    zoc = {m.label_of(m.index_of(h)) for h in m.hex_of(m.index_of_label(enemy_at)).neighbors() if m.contains(h)}
    assert "0303" in zoc
    # entering a ZOC hex is allowed, and ends the move
    s.submit(Move("g", "0303"))
    g = s.state.unit_index("g")
    assert s.state.units["mp"][g] == 0
    assert s.check(Move("g", "0203"))[0].code == "no-mp"


def test_zoc_cannot_be_passed_through():
    # a line of Soviet units whose zones of control cover column 4 completely
    units = [(unit("g", 0, "panzer"), "0203")] + [(unit(f"r{k}", 1), f"05{k:02d}") for k in (1, 3, 5)]
    s = session_for(["........"] * 6, units)
    assert s.check(Move("g", "0703"))[0].code == "no-path"
    assert cost_mp(s, "g", "0403") is not None  # the ZOC hex itself can be entered


def test_unit_starting_in_zoc_may_leave():
    s = session_for(OPEN, [(unit("g", 0), "0303"), (unit("r", 1), "0404")])
    assert cost_mp(s, "g", "0203") == 1
    assert cost_mp(s, "g", "0103") == 2  # leaves the ZOC and goes on


def test_no_moving_through_enemy_units():
    corridor = ["~~~~~~~~", "~~~~~~~~", "........", "~~~~~~~~", "~~~~~~~~", "~~~~~~~~"]
    screen = dataclasses.replace(unit("r", 1), exerts_zoc=False)
    s = session_for(corridor, [(unit("g", 0), "0103"), (screen, "0303")])
    assert cost_mp(s, "g", "0203") == 1
    assert cost_mp(s, "g", "0403") is None
    v = s.check(Move("g", "0303"))
    assert v[0].code == "enemy-hex" and "attack" in v[0].message


def test_stacking_limit_allows_passing_not_ending():
    units = [(unit(f"g{k}", 0), "0203") for k in range(3)] + [(unit("g9", 0), "0103"), (unit("r", 1), "0806")]
    s = session_for(OPEN, units)
    assert s.check(Move("g9", "0203"))[0].code == "stacking"
    assert s.check(Move("g9", "0303")) == []


def test_reach_all_equals_single_unit_reach():
    units = [(unit(f"g{k}", 0, t), lab) for k, (t, lab) in enumerate(
        [("infantry", "0101"), ("panzer", "0203"), ("motorized", "0105"), ("cavalry", "0306")])]
    units += [(unit("r1", 1), "0604"), (unit("r2", 1), "0702")]
    s = session_for(["..f.....", "...s....", "........", "..f.....", "........", "........"], units)
    batch = reach_all(s.state, 0)
    assert len(batch) == 4
    for u, r in batch.items():
        single = reach(s.state, u)
        assert np.array_equal(r.cost, single.cost)


def test_path_is_adjacent_and_costs_match():
    road = ["0103", "0203", "0303", "0403"]
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0806")], lambda m: add_road(m, road))
    r = reach(s.state, s.state.unit_index("g"))
    m = s.spec.map
    target = m.index_of_label("0404")
    path = r.path_to(target)
    assert path[0] == m.index_of_label("0103") and path[-1] == target
    assert all(m.hex_of(a).distance(m.hex_of(b)) == 1 for a, b in zip(path, path[1:], strict=False))
    events = s.submit(Move("g", "0404"))
    assert events[0].path == tuple(m.label_of(h) for h in path)
    assert events[0].cost_mp == r.cost[target] / MP_TICKS


def test_illegal_order_leaves_state_byte_identical():
    s = session_for(OPEN, [(unit("g", 0), "0103"), (unit("r", 1), "0404")])
    before = {k: v.tobytes() for k, v in s.state.units.items()}
    before_hex = {k: v.tobytes() for k, v in s.state.hexes.items()}
    checksum, steps = s.state.checksum(), len(s.record.steps)
    for bad in [Move("g", "0808"), Move("g", "0404"), Move("r", "0405"), Move("nobody", "0101"),
                Move("g", "9999"), Move("g", "0103")]:
        with pytest.raises(IllegalOrder) as info:
            s.submit(bad)
        assert info.value.violations and all(v.message for v in info.value.violations)
    assert {k: v.tobytes() for k, v in s.state.units.items()} == before
    assert {k: v.tobytes() for k, v in s.state.hexes.items()} == before_hex
    assert s.state.checksum() == checksum and len(s.record.steps) == steps


def test_capturing_a_town_changes_control_and_reports_it():
    m = build_map(OPEN, settlements={"Vyazma": "0303"})
    s = Session(build_spec(m, [(unit("g", 0), "0103"), (unit("r", 1), "0806")]), seed=1)
    events = s.submit(Move("g", "0303"))
    assert any(e.text() == "Vyazma (0303) captured by Germany" for e in events)
    assert s.state.hexes["control"][m.index_of_label("0303")] == 0
