"""The bounded Dijkstra kernel: scipy's distances, canonical paths, compiled = plain Python."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import dijkstra

from game.search import NO_PREDECESSOR, search, search_python


def random_graph(seed: int, nodes: int, degree: int) -> sp.csr_matrix:
    rng = np.random.default_rng(seed)
    rows = np.repeat(np.arange(nodes), degree)
    cols = rng.integers(0, nodes, nodes * degree)
    costs = rng.integers(1, 5, nodes * degree).astype(np.float64)  # small integer ticks: many ties
    costs[rng.random(nodes * degree) < 0.1] = np.inf  # blocked edges
    keep = rows != cols
    m = sp.coo_matrix((costs[keep], (rows[keep], cols[keep])), shape=(nodes, nodes)).tocsr()
    m.sum_duplicates()
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), nodes=st.integers(1, 60), degree=st.integers(1, 6),
       limit=st.sampled_from([0.5, 3.5, 7.5, np.inf]))
def test_costs_equal_scipy_and_paths_are_the_lowest_index_cheapest(seed, nodes, degree, limit):
    m = random_graph(seed, nodes, degree)
    source = seed % nodes
    hexes = max(1, nodes - 3)  # the last nodes stand for ZOC departure nodes: not hexes
    cost, pred = search(m.indptr, m.indices, m.data, source, limit, hexes)
    dist = dijkstra(m, directed=True, indices=source, limit=limit)
    expected = np.where(dist[:hexes] <= limit, np.nan_to_num(dist[:hexes], posinf=-1), -1).astype(np.int32)
    assert np.array_equal(cost, expected)
    dense = m.toarray()
    dense[dense == 0] = np.inf
    for v in range(nodes):
        if v == source or not np.isfinite(dist[v]):
            assert pred[v] == NO_PREDECESSOR
            continue
        cheapest = [u for u in range(nodes) if np.isfinite(dist[u]) and dist[u] + dense[u, v] == dist[v]]
        assert pred[v] == min(cheapest)


def test_compiled_and_plain_python_give_identical_answers():
    for seed in range(20):
        m = random_graph(seed, 300, 6)
        for source in (0, 17, 299):
            fast = search(m.indptr, m.indices, m.data, source, 9.5, 290)
            slow = search_python(m.indptr, m.indices, m.data, source, 9.5, 290)
            assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])


def test_a_source_with_no_way_out_reaches_only_itself():
    m = sp.csr_matrix((np.array([np.inf]), np.array([1], np.int32), np.array([0, 1, 1], np.int32)), shape=(2, 2))
    cost, pred = search(m.indptr, m.indices, m.data, 0, 10.5, 2)
    assert cost.tolist() == [0, -1] and pred.tolist() == [NO_PREDECESSOR, NO_PREDECESSOR]
