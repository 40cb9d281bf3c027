"""Scenario files: loading, validation, composition, maps from geography.

The public entry points are imported lazily so that rules modules can import
:mod:`game.scenario.refs` without pulling in the whole loader.

* :func:`load_scenario` — path → :class:`~game.spec.ScenarioSpec` or
  :class:`ScenarioError` listing every problem;
* :func:`check_scenario` — path → ``LoadResult(spec, problems)`` with warnings.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_scenario", "check_scenario", "ScenarioError", "Problem"]


def __getattr__(name: str) -> Any:
    if name in ("load_scenario", "check_scenario", "LoadResult"):
        from game.scenario import loader

        return getattr(loader, name)
    if name in ("ScenarioError", "Problem"):
        from game.scenario import errors

        return getattr(errors, name)
    raise AttributeError(name)
