"""The compiled scenario: everything a game needs that does not change in play."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from game.mapmodel import HexMap
from game.ruleset import MP_TICKS, Ruleset
from game.units import UnitDef


@dataclass(frozen=True)
class SideSpec:
    """One side of the game."""

    id: str
    name: str
    color: str = "#808080"


@dataclass(frozen=True, eq=False)
class ScenarioSpec:
    """A validated scenario, ready for ``new_game``.

    ``placements`` gives each unit's starting hex index, or -1 for units that
    arrive later (reinforcements, described in ``rules_data``).
    """

    id: str
    title: str
    sides: tuple[SideSpec, SideSpec]
    map: HexMap
    ruleset: Ruleset
    units: tuple[UnitDef, ...]
    placements: tuple[int, ...]
    start_date: dt.date
    days_per_turn: int
    turns: int
    first_side: int = 0
    content_hash: str = ""
    source_path: str | None = None
    description: str = ""
    briefings: Mapping[str, str] = field(default_factory=dict)
    """Side id -> that side's briefing (may be empty; the UI then falls back on ``description``)."""
    designer_notes: str = ""
    rules_data: Mapping[str, Any] = field(default_factory=dict)
    locator: Callable[[Any], int] | None = None
    """Resolves a location reference (hex label, place name, lat/lon) to a hex index."""
    places: Mapping[str, Any] = field(default_factory=dict)
    """Gazetteer: place id -> ``game.scenario.mapbuild.PlaceInfo`` (name, hex index or -1, lat/lon, kind, size)."""
    history: Any = None
    """The historical track (``game.scenario.schema.HistoryDef``: events, front lines, weather) or None."""
    projection: Any = None
    """``game.scenario.geography.Projector`` of the map (km ``layout``, ``latlon_of(index)``) or None."""
    warnings: tuple[str, ...] = ()
    """Loader warnings (keys with no effect and the like), already formatted."""

    def __post_init__(self) -> None:
        if len(self.placements) != len(self.units):
            raise ValueError("one placement per unit is required")
        ids = [u.id for u in self.units]
        if len(set(ids)) != len(ids):
            raise ValueError("unit ids must be unique")

    @cached_property
    def unit_index(self) -> dict[str, int]:
        """Unit id -> column index."""
        return {u.id: i for i, u in enumerate(self.units)}

    @cached_property
    def unit_side(self) -> np.ndarray:
        return np.array([u.side for u in self.units], np.int8)

    @cached_property
    def unit_class(self) -> np.ndarray:
        classes = self.ruleset.tables.classes
        return np.array([classes.index(u.movement_class) for u in self.units], np.int8)

    @cached_property
    def unit_allowance(self) -> np.ndarray:
        """Movement allowance of each unit in ticks."""
        return np.array([round(u.movement * MP_TICKS) for u in self.units], np.int32)

    @cached_property
    def unit_zoc(self) -> np.ndarray:
        return np.array([u.exerts_zoc for u in self.units], bool)

    @cached_property
    def unit_max_steps(self) -> np.ndarray:
        return np.array([u.steps for u in self.units], np.int8)

    @cached_property
    def rules(self):  # noqa: ANN201 - game.rules.scenario_data.ScenarioRules
        """The validated rule sections of ``rules_data`` (weather, supply, victory, ...)."""
        from game.rules.scenario_data import ScenarioRules

        return ScenarioRules.from_rules_data(self.rules_data)

    def side_index(self, side_id: str) -> int:
        """Index of a side by id; raises ValueError listing the ids."""
        for i, s in enumerate(self.sides):
            if s.id == side_id:
                return i
        raise ValueError(f"unknown side {side_id!r}; sides are {', '.join(s.id for s in self.sides)}")

    def locate(self, ref: Any) -> int:
        """Hex index of a location reference; labels always work, names need a locator."""
        if self.locator is not None:
            return self.locator(ref)
        return self.map.index_of_label(str(ref))

    def date_of_turn(self, turn: int) -> dt.date:
        """Calendar date at the start of ``turn`` (1-based)."""
        return self.start_date + dt.timedelta(days=(turn - 1) * self.days_per_turn)
