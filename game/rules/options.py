"""Game options the rules offer: weather mode and fog of war.

A game option is applied by deriving a scenario variant (``with_options``):
the rules then read it like any scenario, the content hash records the
choice (so a saved game replays only under the same options), and the
Session records the options dict. Options a scenario cannot support are
ignored (``available_options`` says which are possible).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from game.spec import ScenarioSpec


def available_options(spec: ScenarioSpec) -> dict[str, tuple[Any, ...]]:
    """Option name -> possible values for this scenario (the first is the scenario's own choice)."""
    out: dict[str, tuple[Any, ...]] = {}
    w = spec.rules.weather
    if w is not None:
        modes = [m for m, ok in (("historical", bool(w.calendar)), ("variable", bool(w.monthly))) if ok]
        out["weather"] = tuple(sorted(modes, key=lambda m: m != w.mode))
    if spec.ruleset.fog is not None:
        out["fog"] = (spec.rules.fog.enabled, not spec.rules.fog.enabled)
    return out


def with_options(spec: ScenarioSpec, options: dict[str, Any]) -> ScenarioSpec:
    """The scenario as the options ask: ``{"weather": "historical"|"variable", "fog": bool}``.

    Returns ``spec`` itself when nothing changes; otherwise a variant whose
    ``content_hash`` carries a suffix naming the changes (e.g. ``+weather=variable+fog=on``).
    """
    possible = available_options(spec)
    rules = spec.rules
    data = dict(spec.rules_data)
    suffix = ""
    want = options.get("weather")
    if want in possible.get("weather", ()) and rules.weather is not None and want != rules.weather.mode:
        data["weather"] = rules.weather.model_copy(update={"mode": want})
        suffix += f"+weather={want}"
    fog = options.get("fog")
    if isinstance(fog, bool) and "fog" in possible and fog != rules.fog.enabled:
        data["fog"] = rules.fog.model_copy(update={"enabled": fog})
        suffix += f"+fog={'on' if fog else 'off'}"
    if not suffix:
        return spec
    return dataclasses.replace(spec, rules_data=data, content_hash=spec.content_hash + suffix)
