"""Scenario-side rule data: the sections of a scenario the rules read.

The scenario loader (``game.scenario``) validates these sections and stores
the validated objects in ``ScenarioSpec.rules_data`` under these keys (a
plain mapping with the same shape is accepted too and validated on first
use, which is what hand-built test scenarios do):

=================  ==========================  =========================================
key                model                       what it gives
=================  ==========================  =========================================
``weather``        ``WeatherDef``              historical calendar / monthly table, mode
``supply``         ``SupplyDef``               supply sources per side, rail conversion
``air``            ``dict[side, [AirPoints]]`` air points per side and turn (schedule)
``replacements``   ``dict[side, [StepsFrom]]`` replacement steps per side and turn (schedule)
``winter``         ``WinterDef``               which sides count as winterized
``reinforcements`` ``list[Reinforcement]``     units arriving on a turn or date
``withdrawals``    ``list[Withdrawal]``        units leaving for other fronts
``victory``        ``VictoryDef``              objectives, sudden death, levels, history
``fog``            ``FogDef``                  fog of war option
``triggers``       ``list[TriggerDef]``        named conditions -> actions
=================  ==========================  =========================================

Every location is a ``Location`` reference (hex label "0712", place name
"Vyazma", ``[lat, lon]`` or ``{place: Vyazma, dir: NE, hexes: 1}``) resolved
at run time by ``ScenarioSpec.locate``. ``ScenarioRules`` bundles all keys;
``spec.rules`` is the validated bundle of a scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.scenario.refs import (
    GameDate,
    GroundName,
    Ident,
    Location,
    SideId,
    TemperatureName,
    Turn,
    UnitId,
    WeatherName,
)

RULES_DATA_KEYS: tuple[str, ...] = (
    "weather", "supply", "air", "replacements", "winter", "reinforcements", "withdrawals", "victory", "fog", "triggers",
)
"""The keys of ``ScenarioSpec.rules_data`` owned by the rules."""


class Strict(BaseModel):
    """Unknown keys are errors; validated objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- weather ----------------------------------------------------------------------------


class WeatherPeriod(Strict):
    """A dated period of the historical weather calendar."""

    dates: tuple[dt.date, dt.date] = Field(description="[first day, last day], both included")
    weather: WeatherName = Field(description="a weather type of the ruleset (weather.types), e.g. clear, rain, snow")
    temperature: TemperatureName = Field(
        description="a temperature band of the ruleset (weather.temperatures), e.g. mild, severe"
    )
    ground: GroundName | None = Field(
        default=None, description="force this ground condition (otherwise the ruleset's ground transitions decide)"
    )
    note: str = Field(default="", description="what happened, shown in the turn report")

    @model_validator(mode="after")
    def _ordered(self) -> WeatherPeriod:
        if self.dates[1] < self.dates[0]:
            raise ValueError("the last day of a weather period is before its first day")
        return self


class MonthlyWeather(Strict):
    """The variable-weather table of one calendar month: integer weights per weather and temperature."""

    month: int = Field(ge=1, le=12, description="calendar month 1-12")
    weather: dict[WeatherName, int] = Field(
        min_length=1, description="weather type -> weight (chance = weight / total)"
    )
    temperature: dict[TemperatureName, int] = Field(min_length=1, description="temperature band -> weight")

    @model_validator(mode="after")
    def _weights(self) -> MonthlyWeather:
        for what, table in (("weather", self.weather), ("temperature", self.temperature)):
            if any(w < 0 for w in table.values()):
                raise ValueError(f"{what} weights cannot be negative")
            if sum(table.values()) <= 0:
                raise ValueError(f"the {what} weights must add up to more than 0")
        return self


class WeatherDef(Strict):
    """Where each turn's weather comes from."""

    mode: Literal["historical", "variable"] = Field(
        default="historical",
        description="historical: the calendar period holding the turn's date; variable: drawn from the monthly table",
    )
    calendar: list[WeatherPeriod] = Field(default_factory=list)
    monthly: list[MonthlyWeather] = Field(default_factory=list)
    initial_ground: GroundName = Field(default="dry", description="ground condition before turn 1's weather")

    @model_validator(mode="after")
    def _usable(self) -> WeatherDef:
        if self.mode == "historical" and not self.calendar:
            raise ValueError("historical weather needs a 'calendar'")
        if self.mode == "variable" and not self.monthly:
            raise ValueError("variable weather needs a 'monthly' table")
        return self


# --- supply -------------------------------------------------------------------------------


class SideSupply(Strict):
    """Supply sources of one side."""

    sources: list[Location] = Field(default_factory=list, description="supply source hexes (cities, depots, railheads)")
    map_edges: list[Literal["N", "S", "E", "W"]] = Field(
        default_factory=list, description="map edges whose hexes held by this side are supply sources"
    )
    convert_rail: bool = Field(
        default=False, description="captured railway must be converted (re-gauged) before it carries this side's supply"
    )
    converted_at_start: Literal["connected", "none"] = Field(
        default="connected",
        description="connected: rail held at the start and linked to a source is already converted",
    )


class SupplyDef(Strict):
    """Supply sources per side (side id -> SideSupply)."""

    sides: dict[SideId, SideSupply] = Field(default_factory=dict)


# --- air, winter ----------------------------------------------------------------------------


class AirPoints(Strict):
    """Air points a side gets each turn from ``from_turn`` (or ``from_date``) on, until the next entry."""

    from_turn: Turn | None = None
    from_date: GameDate | None = None
    points: int = Field(ge=0, le=50)
    note: str = Field(default="", description="e.g. 'Luftflotte 2 leaves for the Mediterranean'")


class StepsFrom(Strict):
    """Replacement steps a side gets each turn from ``from_turn`` (or ``from_date``) on, until the next entry."""

    from_turn: Turn | None = None
    from_date: GameDate | None = None
    steps: int = Field(ge=0, le=100)
    note: str = ""


class WinterDef(Strict):
    """Who is equipped for the cold (units can also be marked ``winterized`` one by one)."""

    winterized_sides: list[SideId] = Field(default_factory=list)


# --- reinforcements, withdrawals --------------------------------------------------------------


class Reinforcement(Strict):
    """Units arriving on a turn or date at a location (blocked: nearest free hex)."""

    units: list[UnitId] = Field(min_length=1)
    turn: Turn | None = None
    date: GameDate | None = None
    at: Location
    note: str = Field(default="", description="e.g. 'Siberian divisions from the Far East'")

    @model_validator(mode="after")
    def _when(self) -> Reinforcement:
        if (self.turn is None) == (self.date is None):
            raise ValueError("give exactly one of 'turn' or 'date'")
        return self


class Withdrawal(Strict):
    """Units leaving the map on a turn or date (for other fronts)."""

    units: list[UnitId] = Field(min_length=1)
    turn: Turn | None = None
    date: GameDate | None = None
    note: str = ""

    @model_validator(mode="after")
    def _when(self) -> Withdrawal:
        if (self.turn is None) == (self.date is None):
            raise ValueError("give exactly one of 'turn' or 'date'")
        return self


# --- victory --------------------------------------------------------------------------------------


class Objective(Strict):
    """A place worth points to whoever holds it at the listed turns (and at the end)."""

    at: Location
    name: str = ""
    points: int = Field(ge=0)
    turns: list[Turn] = Field(default_factory=list, description="turns at whose end the holder scores; [] = end only")
    at_end: bool = Field(default=True, description="also scores at the end of the game")


class SuddenDeath(Strict):
    """The game ends at once when ``side`` holds every location in ``capture`` at the end of a turn."""

    side: SideId
    capture: list[Location] = Field(min_length=1)
    from_turn: Turn = 1
    text: str = ""


class ResultLevel(Strict):
    """One result band, from the scoring side's net points (its VP minus the other side's)."""

    min_points: int | None = Field(default=None, description="lowest net points for this result; None = any")
    winner: SideId | None = Field(default=None, description="None for a draw")
    level: Literal["decisive", "marginal", "draw"]
    text: str = ""


class HistoricalResult(Strict):
    """What happened in 1941, for the comparison at the end."""

    points: int | None = Field(default=None, description="net points the historical outcome would score")
    winner: SideId | None = None
    level: Literal["decisive", "marginal", "draw"] = "draw"
    text: str = ""


class VictoryDef(Strict):
    """Victory conditions."""

    scoring_side: SideId
    objectives: list[Objective] = Field(default_factory=list)
    sudden_death: list[SuddenDeath] = Field(default_factory=list)
    levels: list[ResultLevel] = Field(default_factory=list, description="ordered from best to worst for scoring_side")
    historical: HistoricalResult | None = None

    @model_validator(mode="after")
    def _levels_ordered(self) -> VictoryDef:
        if self.levels and self.levels[-1].min_points is not None:
            raise ValueError("the last result level needs no min_points, so that every score has a result")
        mins = [lv.min_points for lv in self.levels if lv.min_points is not None]
        if mins != sorted(mins, reverse=True):
            raise ValueError("list the result levels from the highest min_points to the lowest")
        return self


# --- fog --------------------------------------------------------------------------------------------


class FogDef(Strict):
    """Fog of war: each side sees enemy units only within sighting range of its own."""

    enabled: bool = False


# --- triggers -------------------------------------------------------------------------------------


class PlaceCaptured(Strict):
    at: Location
    by: SideId


class Condition(Strict):
    """Exactly one condition: ``on_turn``, ``on_date`` or ``place_captured``."""

    on_turn: Turn | None = None
    on_date: GameDate | None = None
    place_captured: PlaceCaptured | None = None

    @model_validator(mode="after")
    def _one(self) -> Condition:
        if sum(x is not None for x in (self.on_turn, self.on_date, self.place_captured)) != 1:
            raise ValueError("give exactly one of on_turn, on_date, place_captured")
        return self


class ReinforceAction(Strict):
    units: list[UnitId] = Field(min_length=1)
    at: Location


class WithdrawAction(Strict):
    units: list[UnitId] = Field(min_length=1)


class SetRule(Strict):
    """Set a rule value from now on. Keys: ``air.<side>`` (air points per turn),
    ``rail_convert.<side>`` (rail hexes converted per turn), ``winterized.<side>`` (0/1),
    ``fog`` (0/1)."""

    key: str = Field(pattern=r"^(air|rail_convert|winterized)\.[A-Za-z0-9_\-]+$|^fog$")
    value: int


class VictoryPointsAction(Strict):
    side: SideId
    points: int


class Action(Strict):
    """Exactly one action."""

    reinforce: ReinforceAction | None = None
    withdraw: WithdrawAction | None = None
    message: str | None = None
    set_rule: SetRule | None = None
    victory_points: VictoryPointsAction | None = None

    @model_validator(mode="after")
    def _one(self) -> Action:
        given = (self.reinforce, self.withdraw, self.message, self.set_rule, self.victory_points)
        if sum(x is not None for x in given) != 1:
            raise ValueError("give exactly one of reinforce, withdraw, message, set_rule, victory_points")
        return self


class TriggerDef(Strict):
    """When ``when`` holds (checked at the end of each turn), run ``then`` (once)."""

    id: Ident
    when: Condition
    then: list[Action] = Field(min_length=1)


# --- the bundle ------------------------------------------------------------------------------------


class ScenarioRules(Strict):
    """All rule sections of one scenario; every one is optional (absent = that rule is off)."""

    weather: WeatherDef | None = None
    supply: SupplyDef | None = None
    air: dict[SideId, list[AirPoints]] = Field(default_factory=dict)
    replacements: dict[SideId, list[StepsFrom]] = Field(default_factory=dict)
    winter: WinterDef = WinterDef()
    reinforcements: list[Reinforcement] = Field(default_factory=list)
    withdrawals: list[Withdrawal] = Field(default_factory=list)
    victory: VictoryDef | None = None
    fog: FogDef = FogDef()
    triggers: list[TriggerDef] = Field(default_factory=list)

    @classmethod
    def from_rules_data(cls, data: Mapping[str, Any]) -> ScenarioRules:
        """Validate the rules keys of ``ScenarioSpec.rules_data`` (models or plain data)."""
        picked: dict[str, Any] = {}
        for key in RULES_DATA_KEYS:
            if key in data and data[key] is not None:
                value = data[key]
                picked[key] = _plain(value)
        return cls.model_validate(picked)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
