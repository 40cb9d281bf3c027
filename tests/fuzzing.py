"""Shared pieces of the document fuzzers: the value paths of a document and replacing values at them."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import Any


def value_paths(data: Any, max_items: int | None = None, prefix: tuple = ()) -> Iterator[tuple]:
    """Every path (tuple of keys and indices) into ``data``, the root ``()`` first.

    ``max_items`` limits how many items of each list are visited (the first ones are enough).
    """
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from value_paths(v, max_items, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data[:max_items]):
            yield from value_paths(v, max_items, (*prefix, i))


def replaced(doc: Any, paths: Sequence[tuple], replacements: Sequence[tuple[int, Any]]) -> Any:
    """A deep copy of ``doc`` with ``value`` put at ``paths[k]`` for each ``(k, value)``.

    A path that an earlier replacement removed is skipped.
    """
    out = copy.deepcopy(doc)
    for k, value in replacements:
        node = out
        path = paths[k]
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return out
