"""Rulesets as data: the numbers a modder may change, and their compiled tables.

A ruleset YAML (``scenarios/rulesets/*.yaml``) validates into ``Ruleset``;
``RuleTables`` turns it into numpy lookup tables the movement search uses.
Movement costs are in movement points (MP); the engine stores them as integer
ticks of ``1 / MP_TICKS`` MP so that state stays float-free.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal, Union

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.rules.ruleset_sections import (
    AirRules,
    CombatRules,
    ExploitationRules,
    FogRules,
    SupplyRules,
    WeatherRules,
)

MP_TICKS = 4
"""Representation, not a rule: MP are stored as integer quarters."""

Cost = Union[float, Literal["impassable"]]
CostByGround = Union[Cost, dict[str, Cost]]


class Strict(BaseModel):
    """Base model: unknown keys are errors, objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class TerrainType(Strict):
    """One kind of terrain."""

    description: str = ""
    color: str = "#a0a080"
    move: dict[str, CostByGround] = Field(
        description="cost in MP to enter, per movement class, either one number or one per ground"
    )
    blocks_los: bool = False
    water: bool = False


class HexsideType(Strict):
    """A feature on a hex edge (rivers, canals)."""

    description: str = ""
    cross: dict[str, CostByGround] = Field(
        default_factory=dict, description="extra MP to cross, per movement class"
    )
    blocks_zoc: bool = False
    frozen_by: list[str] = Field(
        default_factory=list, description="grounds in which the obstacle is frozen and costs nothing extra"
    )


class RoadType(Strict):
    """A road or track joining two hexes; its cost replaces terrain and hexside costs."""

    description: str = ""
    move: dict[str, CostByGround]
    bridges: bool = True


class UnitType(Strict):
    """Defaults for units of a type."""

    description: str = ""
    symbol: Literal["infantry", "armour", "motorized", "cavalry", "fortified", "mechanized", "ski", "airborne", "hq"]
    movement_class: str
    movement: float = Field(gt=0)
    attack_per_step: float = Field(ge=0)
    defence_per_step: float = Field(ge=0)
    steps: int = Field(default=2, ge=1, le=12)
    exerts_zoc: bool = True
    size: Literal["brigade", "division", "corps", "regiment", "army"] = "division"


class StackingRules(Strict):
    max_units: int = Field(default=3, ge=1)
    max_steps: int | None = Field(default=None, ge=1)


class ZocRules(Strict):
    entering_stops: bool = True
    may_leave: bool = Field(default=True, description="a unit starting in an enemy ZOC may leave it")


class MovementRules(Strict):
    grounds: list[str] = Field(min_length=1)
    classes: list[str] = Field(min_length=1)
    stacking: StackingRules = StackingRules()
    zoc: ZocRules = ZocRules()


class Ruleset(Strict):
    """The ruleset document (core sections; the rules add theirs)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    title: str = ""
    movement: MovementRules
    terrain: dict[str, TerrainType]
    hexsides: dict[str, HexsideType] = Field(default_factory=dict)
    roads: dict[str, RoadType] = Field(default_factory=dict)
    unit_types: dict[str, UnitType]
    weather: WeatherRules | None = Field(default=None, description="weather and ground (rules off when absent)")
    supply: SupplyRules | None = Field(default=None, description="supply trace and effects")
    combat: CombatRules | None = Field(default=None, description="odds, combat results table and shifts")
    exploitation: ExploitationRules | None = Field(
        default=None, description="mobile units move again after combat (no exploitation phase when absent)"
    )
    air: AirRules | None = Field(default=None, description="air support and interdiction")
    fog: FogRules | None = Field(default=None, description="fog of war sighting")

    @field_validator("terrain")
    @classmethod
    def _non_empty(cls, v: dict[str, TerrainType]) -> dict[str, TerrainType]:
        if not v:
            raise ValueError("a ruleset needs at least one terrain type")
        return v

    @model_validator(mode="after")
    def _rule_sections_consistent(self) -> Ruleset:
        from game.rules.ruleset_checks import section_problems

        problems = section_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @cached_property
    def tables(self) -> RuleTables:
        return RuleTables(self)

    @cached_property
    def sources(self):  # noqa: ANN201 - game.rules.citations.RuleSources
        """Where each number was written (``file:line`` by dotted key path), for citations.

        A loader that read the ruleset with positions may set this before first
        use (``ruleset.__dict__["sources"] = RuleSources(...)``); otherwise the
        shipped ``scenarios/rulesets/<id>.yaml`` is read for positions.
        """
        from game.rules.citations import default_sources

        return default_sources(self)


IMPASSABLE = np.iinfo(np.int32).max // 4


class RuleTables:
    """Numpy lookup tables compiled from a ruleset (costs in integer ticks)."""

    def __init__(self, rs: Ruleset) -> None:
        mv = rs.movement
        self.grounds: tuple[str, ...] = tuple(mv.grounds)
        self.classes: tuple[str, ...] = tuple(mv.classes)
        self.terrain_names: tuple[str, ...] = tuple(rs.terrain)
        self.hexside_names: tuple[str, ...] = ("none", *rs.hexsides)
        self.road_names: tuple[str, ...] = ("none", *rs.roads)
        nc, ng = len(self.classes), len(self.grounds)
        self.terrain_cost = np.zeros((nc, len(self.terrain_names), ng), np.int64)
        for t, tt in enumerate(rs.terrain.values()):
            self.terrain_cost[:, t, :] = self._cost_grid(tt.move, f"terrain {self.terrain_names[t]}")
        self.hexside_cost = np.zeros((nc, len(self.hexside_names), ng), np.int64)
        self.hexside_blocks_zoc = np.zeros(len(self.hexside_names), bool)
        for k, (name, hs) in enumerate(rs.hexsides.items(), start=1):
            self.hexside_cost[:, k, :] = self._cost_grid(hs.cross, f"hexside {name}", default=0.0)
            for g in hs.frozen_by:
                self.hexside_cost[:, k, self.grounds.index(g)] = 0
            self.hexside_blocks_zoc[k] = hs.blocks_zoc
        self.road_cost = np.full((nc, len(self.road_names), ng), IMPASSABLE, np.int64)
        self.road_bridges = np.zeros(len(self.road_names), bool)
        for k, (name, rt) in enumerate(rs.roads.items(), start=1):
            self.road_cost[:, k, :] = self._cost_grid(rt.move, f"road {name}")
            self.road_bridges[k] = rt.bridges
        self.stacking = mv.stacking
        self.zoc = mv.zoc

    def _cost_grid(self, spec: dict[str, CostByGround], where: str, default: float | None = None) -> np.ndarray:
        grid = np.zeros((len(self.classes), len(self.grounds)), np.int64)
        for c, cls in enumerate(self.classes):
            entry = spec.get(cls, spec.get("default", default))
            if entry is None:
                raise ValueError(f"{where}: no movement cost for class {cls!r} (add it or a 'default')")
            for g, ground in enumerate(self.grounds):
                value = entry.get(ground, entry.get("default", default)) if isinstance(entry, dict) else entry
                if value is None:
                    raise ValueError(f"{where}: no cost for class {cls!r} in ground {ground!r}")
                grid[c, g] = to_ticks(value, where)
        return grid


def to_ticks(value: Cost, where: str = "cost") -> int:
    """Convert an MP cost to integer ticks; 'impassable' maps to a huge sentinel."""
    if value == "impassable":
        return IMPASSABLE
    ticks = float(value) * MP_TICKS
    if ticks < 0 or abs(ticks - round(ticks)) > 1e-9:
        raise ValueError(f"{where}: {value} MP is not a non-negative multiple of 1/{MP_TICKS}")
    return int(round(ticks))
