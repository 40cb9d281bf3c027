"""Engine core figures: reachable sets (vs networkx on the same graph), clone + checksum."""

from __future__ import annotations

import statistics
import time

import networkx as nx
import numpy as np

from game.movement import move_context, movement_graph, reach, reach_all
from game.session import Session
from tests.builders import build_map, build_spec, unit

WIDTH, HEIGHT, UNITS = 60, 64, 300


def campaign_size_session(seed: int = 1) -> Session:
    """A 60x64 map with mixed terrain, roads and rivers, and 300 units in two fronts."""
    rng = np.random.default_rng(seed)
    chars = rng.choice(list(".f.s.f..c"), size=(HEIGHT, WIDTH))
    rows = ["".join(r) for r in chars]
    m = build_map(rows)
    # straight highways every 8 rows, minor rivers on random hexsides
    for row in range(3, HEIGHT, 8):
        for col in range(WIDTH - 1):
            a = m.index_of_label(f"{col + 1:02d}{row + 1:02d}")
            m.set_link(m.road, a, 0, 1)
    for _ in range(600):
        i, d = int(rng.integers(m.size)), int(rng.integers(6))
        if m.neighbors[i, d] >= 0:
            m.set_hexside(i, d, 1)
    types0 = ["infantry", "infantry", "panzer", "motorized"]
    types1 = ["rifle", "rifle", "cavalry", "tank_brigade"]
    units = []
    half = UNITS // 2
    for k in range(half):
        col, row = int(rng.integers(2, 24)), int(rng.integers(0, HEIGHT))
        units.append((unit(f"g{k}", 0, types0[k % 4]), f"{col + 1:02d}{row + 1:02d}"))
    for k in range(half):
        col, row = int(rng.integers(30, 58)), int(rng.integers(0, HEIGHT))
        units.append((unit(f"s{k}", 1, types1[k % 4]), f"{col + 1:02d}{row + 1:02d}"))
    # keep within stacking: spread duplicates
    seen: dict[str, int] = {}
    placed = []
    for u, lab in units:
        while seen.get(lab, 0) >= 3:
            lab = f"{int(lab[:2]) % WIDTH + 1:02d}{lab[2:]}"
        seen[lab] = seen.get(lab, 0) + 1
        placed.append((u, lab))
    return Session(build_spec(m, placed, turns=10), seed=seed)


def run(report) -> None:  # noqa: ANN001 - benchmarks.run.Report
    s = campaign_size_session()
    state = s.state
    state.units["mp"][:] = state.spec.unit_allowance
    side_units = state.units_on_map(0)

    own = []
    for u in side_units[:60]:
        t0 = time.perf_counter()
        reach(state, int(u))
        own.append((time.perf_counter() - t0) * 1000)

    ctx = move_context(state, 0)
    n = state.spec.map.size
    graphs: dict[int, nx.DiGraph] = {}
    sources: dict[int, np.ndarray] = {}
    base = []
    for u in side_units[:60]:
        c = int(state.spec.unit_class[u])
        if c not in graphs:
            mg = movement_graph(state, c, ctx)
            sources[c] = mg.source_node
            g = mg.matrix.tocoo()
            finite = np.isfinite(g.data)
            graphs[c] = nx.DiGraph()
            graphs[c].add_weighted_edges_from(
                zip(g.row[finite].tolist(), g.col[finite].tolist(), g.data[finite].tolist(), strict=True)
            )
        src, mp = int(sources[c][state.units["hex"][u]]), float(state.units["mp"][u])
        t0 = time.perf_counter()
        nx.single_source_dijkstra(graphs[c], src, cutoff=mp)  # distances and paths, as reach() gives
        base.append((time.perf_counter() - t0) * 1000)

    # same answer check (reachable hexes) for one unit
    u = int(side_units[0])
    c = int(state.spec.unit_class[u])
    nx_reach = nx.single_source_dijkstra_path_length(graphs[c], int(sources[c][state.units["hex"][u]]),
                                                     cutoff=float(state.units["mp"][u]))
    ours = reach(state, u)
    ours_set = {int(h) for h in np.nonzero(ours.cost >= 0)[0]}
    full = ctx.friendly_count >= state.spec.ruleset.tables.stacking.max_units
    nx_set = {k for k in nx_reach if k < n and not full[k]} | {int(state.units["hex"][u])}
    assert ours_set == nx_set, "csgraph and networkx disagree on the reachable set"

    one, other = statistics.median(own), statistics.median(base)
    report.figure(f"reachable set, one unit ({WIDTH}x{HEIGHT}, {UNITS} units)", one, 1.0)
    report.figure("  same query (costs + paths), networkx single_source_dijkstra", other)
    report.ratio("  speed-up over networkx", other / one, 5.0)

    side_times = []
    for _ in range(15):
        t0 = time.perf_counter()
        reach_all(state, 0)
        side_times.append((time.perf_counter() - t0) * 1000)
    report.figure(f"reachable sets, whole side ({len(side_units)} units)", statistics.median(side_times), 20.0)

    cc = []
    for _ in range(200):
        t0 = time.perf_counter()
        state.clone().checksum()
        cc.append((time.perf_counter() - t0) * 1000)
    report.figure("clone + checksum of the state", statistics.median(cc), 1.0)
