"""The scenario sections that carry rule data, and the one table that plugs them in.

The rules own the models of these sections (``game.rules.scenario_data``):
each key of ``RULES_DATA_KEYS`` is a field of ``ScenarioRules`` whose
annotation validates that key of a scenario file. The loader validates each
present key with that annotation, checks its references (the models use the
types of :mod:`game.scenario.refs`) and stores the validated object in
``ScenarioSpec.rules_data[key]``.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def sections() -> dict[str, Any]:
    """Scenario key → type that validates it (in the rules' order)."""
    try:
        from game.rules.scenario_data import RULES_DATA_KEYS, ScenarioRules
    except ModuleNotFoundError as exc:  # a build of the engine without the rules
        if exc.name != "game.rules.scenario_data":
            raise
        return {}
    return {key: ScenarioRules.model_fields[key].annotation for key in RULES_DATA_KEYS}


@cache
def section_descriptions() -> dict[str, str]:
    """Scenario key → one-line description for docs and JSON Schema."""
    out: dict[str, str] = {}
    if not sections():
        return out
    from game.rules.scenario_data import ScenarioRules

    for key in sections():
        f = ScenarioRules.model_fields[key]
        ann = f.annotation
        doc = f.description or ""
        if not doc:
            inner = getattr(ann, "__doc__", None)
            if isinstance(ann, type) and inner:
                doc = inner.strip().splitlines()[0]
        out[key] = doc
    return out
