"""The local shortest-path search behind one unit's reachable set.

A movement query explores only the few dozen to few hundred nodes within a
unit's movement points, but ``scipy.sparse.csgraph.dijkstra`` pays a fixed
~16 µs of argument checking per call whatever the size. This module runs the
same search (Dijkstra with a binary heap over the graph's CSR arrays, stopping
at a cost limit) as one compiled function when numba is installed, and as the
very same Python source otherwise: both give identical answers, only the speed
differs, so a record replays the same on every machine.

Ties are broken canonically: of several cheapest predecessors of a node the
one with the lowest index wins, whatever order the heap scans them in, so a
unit's path does not depend on heap internals.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

NO_PREDECESSOR = -9999
"""Predecessor of the source and of unreached nodes (scipy's convention)."""


_kernel: Callable[..., tuple[np.ndarray, np.ndarray]] | None = None


def _load_kernel() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """Compile ``_search`` with numba on first use (importing numba costs ~0.2 s, so not at import)."""
    global _kernel
    if _kernel is None:
        try:
            from numba import njit
        except ImportError:  # pragma: no cover - only where numba has no wheel: the same code as Python
            _kernel = _search
        else:
            _kernel = njit(cache=True, nogil=True)(_search)
    return _kernel


def _search(
    indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray, source: int, limit: float, n_hexes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Costs (int32 per hex, -1 beyond ``limit``) and predecessors (int32 per node) from ``source``."""
    size = indptr.shape[0] - 1
    dist = np.full(size, np.inf)
    pred = np.full(size, NO_PREDECESSOR, np.int32)
    heap_cost = np.empty(weights.shape[0] + 1)
    heap_node = np.empty(weights.shape[0] + 1, np.int32)
    dist[source] = 0.0
    heap_cost[0] = 0.0
    heap_node[0] = source
    count = 1
    while count > 0:
        d = heap_cost[0]
        u = heap_node[0]
        count -= 1
        # pop: move the last entry to the root and sift it down
        last_cost = heap_cost[count]
        last_node = heap_node[count]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= count:
                break
            if child + 1 < count and (
                heap_cost[child + 1] < heap_cost[child]
                or (heap_cost[child + 1] == heap_cost[child] and heap_node[child + 1] < heap_node[child])
            ):
                child += 1
            if heap_cost[child] < last_cost or (heap_cost[child] == last_cost and heap_node[child] < last_node):
                heap_cost[i] = heap_cost[child]
                heap_node[i] = heap_node[child]
                i = child
            else:
                break
        heap_cost[i] = last_cost
        heap_node[i] = last_node
        if d > dist[u]:
            continue  # a stale entry: u was reached more cheaply since
        for k in range(indptr[u], indptr[u + 1]):
            v = indices[k]
            nd = d + weights[k]
            if nd > limit:
                continue
            if nd < dist[v]:
                dist[v] = nd
                pred[v] = u
                # push: append and sift up
                j = count
                count += 1
                while j > 0:
                    parent = (j - 1) // 2
                    if heap_cost[parent] > nd or (heap_cost[parent] == nd and heap_node[parent] > v):
                        heap_cost[j] = heap_cost[parent]
                        heap_node[j] = heap_node[parent]
                        j = parent
                    else:
                        break
                heap_cost[j] = nd
                heap_node[j] = v
            elif nd == dist[v] and u < pred[v]:
                pred[v] = u
    cost = np.full(n_hexes, -1, np.int32)
    for h in range(n_hexes):
        if dist[h] <= limit and dist[h] < np.inf:
            cost[h] = np.int32(dist[h])
    return cost, pred


def search(
    indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray, source: int, limit: float, n_hexes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Bounded Dijkstra from ``source`` over a CSR graph (int32 ``indptr``/``indices``, float64 costs).

    Returns the cost to every hex node (the first ``n_hexes`` nodes) as int32, -1 where it exceeds
    ``limit`` or is unreachable, and the predecessor of every node (``NO_PREDECESSOR`` for the source
    and unreached nodes). Compiled by numba when it is installed.
    """
    return (_kernel or _load_kernel())(indptr, indices, weights, source, limit, n_hexes)


def search_python(
    indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray, source: int, limit: float, n_hexes: int
) -> tuple[np.ndarray, np.ndarray]:
    """The uncompiled search, for tests that compare it with the compiled one."""
    return _search(indptr, indices, weights, source, limit, n_hexes)
