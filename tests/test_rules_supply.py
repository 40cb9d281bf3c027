"""Supply on hand-built maps: rail lines cut, pockets closing, mud shrinking the range, conversion, effects."""

from __future__ import annotations

import numpy as np

from game.chance import ScriptedChance
from game.rules.hooks import modified_allowance
from game.rules.supply import pockets, rail_conversion_step, railheads, supply_step, trace, unit_effects
from game.units import SupplyState, UnitStatus
from tests.builders import add_rail, unit
from tests.rules_builders import calendar, make_state

S, L, OUT = SupplyState.SUPPLIED, SupplyState.LOW, SupplyState.OUT


def _rail_row(labels):  # noqa: ANN001, ANN202
    return lambda m: add_rail(m, labels)


ROW2 = [f"{c:02d}02" for c in range(1, 15)]


def _supply(west: dict | None = None, east: dict | None = None) -> dict:
    return {"sides": {"german": west or {"sources": ["0102"]}, "soviet": east or {"map_edges": ["E"]}}}


def test_rail_carries_supply_and_a_cut_line_does_not() -> None:
    rows = ["." * 14] * 5
    units = [(unit("g", 0), "1402"), (unit("s", 1), "0105")]
    state = make_state(rows, units, {"supply": _supply()}, control={0: [f"{c:02d}{r:02d}" for c in range(1, 15)
                                                                        for r in range(1, 6)]},
                       map_hook=_rail_row(ROW2))
    g = state.unit_index("g")
    assert trace(state, 0).dist[state.units["hex"][g]] == 0  # the railhead is at 1402 itself
    assert state.units["supply"][g] == S
    # a Soviet unit sits on the line at 0602: rail beyond it no longer carries supply
    s = state.unit_index("s")
    state.units["hex"][s] = state.spec.map.index_of_label("0602")
    heads = railheads(state, 0)
    m = state.spec.map
    assert heads[m.index_of_label("0402")] and not heads[m.index_of_label("0502")]  # 0502 is in its ZOC
    assert not heads[m.index_of_label("0802")]
    tr = trace(state, 0)
    # road round the block through rows 4-5 from the railhead 0402: 11 MP > 8 -> low
    assert tr.dist[m.index_of_label("1402")] == 11 * 4
    assert tr.unit_state[list(tr.units).index(g)] == L


def test_mud_shrinks_the_supply_range() -> None:
    units = [(unit("a", 0), "0401"), (unit("b", 0), "0501"), (unit("c", 0), "0801"), (unit("s", 1), "1401")]
    sup = {"supply": _supply(west={"sources": ["0101"]})}
    for ground, expected in (("dry", [S, S, S]), ("mud", [S, S, L]), ("deep_mud", [S, L, OUT])):
        w = calendar(("1941-10-01", "1941-10-31", "clear", "mild"))
        w["calendar"][0]["ground"] = ground
        state = make_state(["." * 14], units, {**sup, "weather": w}, control={0: [f"{c:02d}01" for c in range(1, 9)]})
        tr = trace(state, 0)
        got = [int(tr.unit_state[list(tr.units).index(state.unit_index(u))]) for u in "abc"]
        assert got == expected, ground
    # in mud: 3 hexes x 1.5 MP = 4.5 and 4 hexes = 6 MP (range 7) supplied; 7 hexes = 10.5 MP <= 7 + 4 low
    # in deep mud: 3 hexes x 2 MP = 6 MP (range 6) supplied; 4 hexes = 8 MP <= 6 + 4 low; 7 hexes = 14 MP out


def test_enemy_zoc_blocks_the_trace_unless_friends_stand_in_it() -> None:
    rows = ["." * 6] * 3
    # a Soviet unit at 0302 holds or covers every hex of column 03 (ZOC): the Germans east of it are cut off
    units = [(unit("g", 0), "0602"), (unit("s", 1), "0302")]
    ctl = {0: [f"{c:02d}{r:02d}" for c in range(1, 7) for r in range(1, 4)]}
    state = make_state(rows, units, {"supply": _supply(east={"sources": []})}, control=ctl)
    g = state.unit_index("g")
    assert not np.isfinite(trace(state, 0).dist[state.units["hex"][g]])
    # German units standing in the zone of control (0203, 0303, 0403) keep a way open
    friends = [(unit(f"f{k}", 0), lab) for k, lab in enumerate(["0203", "0303", "0403"])]
    state2 = make_state(rows, units + friends, {"supply": _supply(east={"sources": []})}, control=ctl)
    assert np.isfinite(trace(state2, 0).dist[state2.units["hex"][state2.unit_index("g")]])


def _pocket_state(closed: bool):  # noqa: ANN202
    rows = ["." * 9] * 6
    germans = [(unit(f"g{r}", 0), f"05{r:02d}") for r in (1, 2, 3)]
    if closed:
        germans.append((unit("g5", 0), "0505"))
    soviets = [(unit("s1", 1, "rifle", name="20th Army"), "0203"), (unit("s2", 1, "rifle", name="24th Army"), "0204")]
    ctl = {0: [f"{c:02d}{r:02d}" for c in range(1, 6) for r in range(1, 7)],
           1: [f"{c:02d}{r:02d}" for c in range(6, 10) for r in range(1, 7)]}
    sup = _supply(west={"map_edges": ["W"]}, east={"map_edges": ["E"]})
    return make_state(rows, germans + soviets, {"supply": sup},
                      control=ctl, settlements={"Vyazma": "0202", "Moscow": "0903"})


def test_pocket_closing_is_detected_and_named_after_the_nearest_town() -> None:
    open_ = _pocket_state(closed=False)
    assert pockets(open_, 1) == []
    closed = _pocket_state(closed=True)
    found = pockets(closed, 1)
    assert [p.name for p in found] == ["Vyazma pocket"]
    assert sorted(closed.spec.units[u].id for u in found[0].units) == ["s1", "s2"]
    assert all(closed.units["supply"][u] == OUT for u in found[0].units)


def test_out_of_supply_effects_grow_with_turns_and_attrition_takes_steps() -> None:
    state = _pocket_state(closed=True)
    s1, s2 = state.unit_index("s1"), state.unit_index("s2")
    assert state.units["oos_turns"][s1] == 1
    assert [e.pct for e in unit_effects(state, s1, "attack")] == [50]
    assert [e.pct for e in unit_effects(state, s1, "defence")] == []
    base = state.spec.unit_allowance[s1]
    assert modified_allowance(state)[s1] == base * 75 // 100
    # second turn out: defence 75 %, movement 50 %, no attrition yet (no dice drawn)
    events = supply_step(state, ScriptedChance([]))
    assert state.units["oos_turns"][s1] == 2
    assert [e.pct for e in unit_effects(state, s1, "defence")] == [75]
    assert modified_allowance(state)[s1] == base * 50 // 100
    texts = [e.text() for e in events]
    assert any("Vyazma pocket: 2 Soviet Union units cut off, out of supply for 2 turns" in t for t in texts)
    # third turn out: attack 25 %, attrition on 1-2 (d12): scripted rolls 1 (s1 loses a step) and 3 (s2 holds)
    events = supply_step(state, ScriptedChance([0, 2]))
    assert [e.pct for e in unit_effects(state, s1, "attack")] == [25]
    assert state.units["steps"][s1] == state.spec.unit_max_steps[s1] - 1
    assert state.units["steps"][s2] == state.spec.unit_max_steps[s2]
    texts = [e.text() for e in events]
    assert any("20th Army loses a step (attrition: out of supply 3 turns, rolled 1)" in t for t in texts)
    # each citation points at the ruleset line
    eff = unit_effects(state, s1, "attack")[0]
    assert "scenarios/rulesets/standard.yaml:" in eff.source and "supply.out.2.attack_pct" in eff.source


def test_rail_conversion_advances_n_hexes_per_turn() -> None:
    rows = ["." * 10] * 5
    ctl = {0: [f"{c:02d}{r:02d}" for c in range(1, 6) for r in range(1, 6)],
           1: [f"{c:02d}{r:02d}" for c in range(6, 11) for r in range(1, 6)]}
    west = {"sources": ["0102"], "convert_rail": True}
    state = make_state(rows, [(unit("g", 0), "0501"), (unit("s", 1), "1005")], {"supply": _supply(west=west)},
                       control=ctl, map_hook=_rail_row(ROW2[:10]))
    m = state.spec.map
    conv = state.hexes["converted.0"]
    assert [m.label_of(i) for i in np.nonzero(conv)[0]] == ROW2[:5]
    # the Germans capture the line to column 9; conversion proceeds 2 hexes per turn from the railhead
    for c in range(6, 10):
        state.hexes["control"][m.index_of_label(f"{c:02d}02")] = 0
    ev = rail_conversion_step(state, ScriptedChance([]))
    assert ev[0].hexes == ("0602", "0702")
    assert "converted 2 hex(es)" in ev[0].text()
    rail_conversion_step(state, ScriptedChance([]))
    heads = railheads(state, 0)
    assert [m.label_of(i) for i in np.nonzero(heads)[0]] == ROW2[:9]


def test_eliminated_by_attrition_leaves_the_map() -> None:
    state = _pocket_state(closed=True)
    s1 = state.unit_index("s1")
    state.units["steps"][s1] = 1
    state.units["oos_turns"][s1] = 5
    supply_step(state, ScriptedChance([0, 5]))  # turns 6 -> chance 4 in 12: s1 rolls 1 (dies), s2 rolls 6
    assert state.units["status"][s1] == UnitStatus.ELIMINATED and state.units["hex"][s1] == -1


def test_trace_matches_a_plain_dijkstra_on_a_random_map() -> None:
    import heapq

    from game.rules.supply import _blocked, _trace_costs
    from game.ruleset import IMPASSABLE

    rng = np.random.default_rng(4)
    rows = ["".join(rng.choice(list("..fsc~"), size=12)) for _ in range(10)]
    units = []
    for k in range(14):
        side = k % 2
        col = int(rng.integers(1, 7)) if side == 0 else int(rng.integers(6, 13))
        units.append((unit(f"u{k}", side), f"{col:02d}{int(rng.integers(1, 11)):02d}"))
    units = list({lab: (u, lab) for u, lab in units}.values())
    w = calendar(("1941-01-01", "1942-12-31", "rain", "mild"))
    state = make_state(rows, units, {"supply": _supply(west={"map_edges": ["W"]}), "weather": w}, control="west-east")
    tr = trace(state, 0)
    m = state.spec.map
    blocked = _blocked(state, 0)
    cost = _trace_costs(state, 0)
    src, dst, _ = m.edges
    dist = np.full(m.size, np.inf)
    heap = [(0.0, int(s)) for s in tr.sources]
    for _, s in heap:
        dist[s] = 0.0
    heapq.heapify(heap)
    while heap:
        d, h = heapq.heappop(heap)
        if d > dist[h]:
            continue
        for e in np.nonzero(src == h)[0]:
            j = int(dst[e])
            if blocked[j] or cost[e] >= IMPASSABLE:
                continue
            if d + cost[e] < dist[j]:
                dist[j] = d + cost[e]
                heapq.heappush(heap, (dist[j], j))
    assert len(tr.sources) > 0 and not tr.railheads.any()
    assert np.array_equal(dist, tr.dist)


def test_conversion_advances_evenly_along_several_lines() -> None:
    rows = ["." * 10] * 3
    ctl = {0: [f"{c:02d}{r:02d}" for c in range(1, 11) for r in range(1, 4)]}
    west = {"sources": ["0502"], "convert_rail": True, "converted_at_start": "none"}
    state = make_state(rows, [(unit("g", 0), "0501")], {"supply": _supply(west=west, east={"sources": []})},
                       control=ctl, map_hook=_rail_row(ROW2[:10]))
    m = state.spec.map
    assert [m.label_of(i) for i in np.nonzero(state.hexes["converted.0"])[0]] == ["0502"]
    ev = rail_conversion_step(state, ScriptedChance([]))
    assert ev[0].hexes == ("0402", "0602")  # one hex on each line out of the source, not two on one
    ev = rail_conversion_step(state, ScriptedChance([]))
    assert ev[0].hexes == ("0302", "0702")
