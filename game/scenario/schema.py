"""The scenario document: one pydantic schema that is the modder's contract.

Field descriptions here are the reference documentation: ``moscow41 schema``
exports them as JSON Schema for editors and docs/modding.md is checked
against them. Sections that belong to the rules (weather, supply, victory,
reinforcements, ...) are added by :mod:`game.scenario.sections`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from game.scenario.refs import (
    GroundName,
    HexLabel,
    HexsideName,
    Ident,
    LatLon,
    Location,
    PlaceId,
    Ref,
    RoadName,
    SideId,
    SideOrNone,
    TerrainName,
    Turn,
    UnitId,
    UnitTypeName,
)

FORMAT_VERSION = 1
"""The scenario format this engine reads."""


class Strict(BaseModel):
    """Unknown keys are errors; validated objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- map ------------------------------------------------------------------------


class Projection(Strict):
    """How real coordinates become hexes: a rectangle of hexes laid over the earth."""

    origin: LatLon = Field(description="[lat, lon] of the centre of the top-left hex (0101)")
    hex_km: float = Field(gt=0, le=1000, description="distance between the centres of neighbouring hexes, in km")
    orientation: Literal["flat", "pointy"] = Field(
        default="flat", description="flat-topped hexes in columns, or pointy-topped hexes in rows"
    )
    parity: Literal["odd", "even"] = Field(
        default="odd",
        description="offset layout: with 'odd', flat columns 02, 04, ... sit half a hex higher than 01, 03, ... "
        "(pointy rows 02, 04, ... half a hex further left); 'even' is the other way round",
    )
    width: int = Field(ge=1, le=300, description="number of hex columns")
    height: int = Field(ge=1, le=300, description="number of hex rows")


class PlaceDef(Strict):
    """A named point: a city, town, village, station or landmark."""

    id: Ident = Field(description="short id used in references, e.g. 'naro_fominsk'")
    name: str = Field(description="name shown on the map")
    at: LatLon | None = Field(default=None, description="[lat, lon] of the place")
    hex: HexLabel | None = Field(default=None, description="alternative to 'at': the hex label of the place")
    kind: Literal["capital", "city", "town", "village", "station", "site", "water"] = "town"
    size: int = Field(
        default=1, ge=0, le=5, description="settlement size shown on the map (0 = a landmark, not a settlement)"
    )
    victory_points: int = Field(default=0, ge=0, description="victory points for holding it")
    terrain: TerrainName | None = Field(default=None, description="terrain of its hex (e.g. 'city')")
    alt_names: list[str] = Field(default_factory=list, description="other names the locator accepts")
    note: str = ""

    @model_validator(mode="after")
    def _one_position(self) -> PlaceDef:
        if (self.at is None) == (self.hex is None):
            raise ValueError("give either 'at' ([lat, lon]) or 'hex' (a hex label), not both or neither")
        return self


class RiverDef(Strict):
    """A river or canal: rasterised onto the hexsides it crosses between hex centres.

    Rivers run along hexsides, so they are given in real coordinates; to put a
    river on single hexsides by label use ``map.edges``.
    """

    id: Ident
    name: str = ""
    type: HexsideName = Field(description="hexside type of the ruleset, e.g. minor_river, major_river, canal")
    points: list[LatLon] = Field(min_length=2, description="[[lat, lon], ...] from source to mouth")
    note: str = ""


class LineDef(Strict):
    """A polyline feature in real coordinates, or a chain of hexes."""

    id: Ident
    name: str = ""
    points: list[LatLon] | None = Field(default=None, min_length=2, description="[[lat, lon], ...] from one end")
    hexes: list[HexLabel] | None = Field(
        default=None, min_length=2, description="alternative to points: a chain of neighbouring hex labels"
    )
    note: str = ""

    @model_validator(mode="after")
    def _one_shape(self) -> LineDef:
        if (self.points is None) == (self.hexes is None):
            raise ValueError("give either 'points' ([lat, lon] pairs) or 'hexes' (hex labels), not both or neither")
        return self


class RoadDef(LineDef):
    """A road: rasterised onto links between the hexes it passes through."""

    type: RoadName = Field(description="road type of the ruleset, e.g. highway, road")


class RailwayDef(LineDef):
    """A railway line: rasterised onto rail links between the hexes it passes through."""

    double_track: bool = False


class Circle(Strict):
    """A disc: every hex whose centre is within the radius (and the hex of the centre)."""

    center: LatLon
    radius_km: float = Field(gt=0)


class AreaDef(Strict):
    """An area of terrain: every hex whose centre lies inside gets the terrain."""

    id: Ident
    name: str = ""
    terrain: TerrainName
    outline: list[LatLon] | None = Field(default=None, min_length=3, description="polygon [[lat, lon], ...]")
    box: tuple[float, float, float, float] | None = Field(
        default=None, description="[lat_min, lon_min, lat_max, lon_max]"
    )
    circle: Circle | None = None
    hexes: list[HexLabel] | None = Field(default=None, description="alternative: the hexes themselves")
    note: str = ""

    @model_validator(mode="after")
    def _one_shape(self) -> AreaDef:
        given = [k for k in ("outline", "box", "circle", "hexes") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one shape: 'outline', 'box', 'circle' or 'hexes'"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.box is not None and not (self.box[0] < self.box[2] and self.box[1] < self.box[3]):
            raise ValueError("box must be [lat_min, lon_min, lat_max, lon_max] with min < max")
        return self


class HexOverride(Strict):
    """Per-hex corrections applied after the geography is rasterised."""

    terrain: TerrainName | None = None
    fort: int | None = Field(default=None, ge=0, le=9, description="fortification level")


class EdgeOverride(Strict):
    """Set (or clear with 'none') the hexside feature between two neighbouring hexes."""

    between: tuple[HexLabel, HexLabel]
    hexside: HexsideName = Field(description="hexside type, or 'none' to clear the edge")


class MapDef(Strict):
    """The map: a projection plus geography in real coordinates."""

    id: Ident = Field(description="map id, e.g. 'moscow1941'")
    name: str = Field(default="", description="map name shown in the UI")
    projection: Projection
    default_terrain: TerrainName = Field(description="terrain of every hex no area covers")
    places: list[PlaceDef] = Field(default_factory=list, description="the gazetteer: cities, towns, landmarks")
    rivers: list[RiverDef] = Field(default_factory=list, description="rivers and canals (onto hexsides)")
    roads: list[RoadDef] = Field(default_factory=list, description="roads (onto hex-to-hex links)")
    railways: list[RailwayDef] = Field(default_factory=list, description="railways (onto rail links)")
    areas: list[AreaDef] = Field(default_factory=list, description="terrain areas, later ones on top")
    hexes: dict[HexLabel, HexOverride] = Field(default_factory=dict, description="per-hex overrides")
    edges: list[EdgeOverride] = Field(default_factory=list, description="per-hexside overrides")


# --- sides, units, control ------------------------------------------------------------


class SideDef(Strict):
    """One of the two sides."""

    id: Ident = Field(description="short id used in references, e.g. 'german'")
    name: str = Field(description="name shown to players")
    color: str = Field(default="#808080", pattern=r"^#[0-9a-fA-F]{6}$", description="counter colour, '#rrggbb'")


class UnitEntry(Strict):
    """One unit: its type gives the defaults, any rating may be overridden."""

    id: Ident = Field(description="stable unit id used by orders and records, e.g. 'ger_7pz'")
    side: SideId
    type: UnitTypeName
    name: str = Field(description="name shown on the counter")
    at: Location | None = Field(default=None, description="starting location; leave out for units that arrive later")
    steps: int | None = Field(default=None, ge=1, le=12, description="full strength in steps (type default)")
    movement: float | None = Field(default=None, gt=0, description="movement allowance in MP (type default)")
    attack_per_step: float | None = Field(default=None, ge=0, description="attack strength per step (type default)")
    defence_per_step: float | None = Field(default=None, ge=0, description="defence strength per step (type default)")
    exerts_zoc: bool | None = Field(default=None, description="whether it has a zone of control (type default)")
    size: Literal["brigade", "division", "corps", "regiment", "army"] | None = Field(
        default=None, description="formation size shown on the counter (type default)"
    )
    quality: int = Field(default=0, ge=-3, le=3, description="quality modifier (0 = average)")
    winterized: bool = Field(default=False, description="equipped for severe cold")
    commander: str = Field(default="", description="shown in the unit panel")
    notes: str = Field(default="", description="shown in the unit panel")
    tags: list[str] = Field(default_factory=list, description="free labels (e.g. guards, siberian)")


class ControlArea(Strict):
    """Hexes a side controls at the start: inside an outline, or listed."""

    side: SideOrNone
    outline: list[LatLon] | None = Field(default=None, min_length=3)
    hexes: list[Location] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> ControlArea:
        if (self.outline is None) == (self.hexes is None):
            raise ValueError("give either 'outline' or 'hexes'")
        return self


class ControlDef(Strict):
    """Who controls each hex at the start (units also control the hexes they stand in)."""

    default: SideOrNone = "none"
    areas: list[ControlArea] = Field(default_factory=list, description="later areas override earlier ones")


# --- history --------------------------------------------------------------------------


class HistoryEvent(Strict):
    """Something that happened on a date."""

    date: dt.date
    text: str = Field(description="what happened, one sentence")
    type: Literal["capture", "liberation", "pocket", "order", "command", "battle", "other"] = "other"
    place: PlaceId | None = Field(default=None, description="where (a place of the map)")
    controller_after: SideId | None = Field(default=None, description="who held the place afterwards")
    source: list[str] = Field(default_factory=list, description="source keys or citations")
    confidence: Literal["high", "medium", "low"] = "medium"


class FrontLine(Strict):
    """The front on a date, as a line in real coordinates."""

    date: dt.date
    points: list[LatLon] = Field(min_length=2, description="[[lat, lon], ...] along the front")
    right: SideId | None = Field(
        default=None,
        description="the side holding the ground to the right when walking the line from its first point to its last "
        "(for a line drawn north to south: the west); default the first side",
    )
    confidence: Literal["high", "medium", "low"] = "low"


class ObservedWeather(Strict):
    """The weather that was observed in a period."""

    dates: tuple[dt.date, dt.date] = Field(description="[first day, last day]")
    ground: GroundName | None = None
    text: str = ""


class HistoryDef(Strict):
    """The historical track shown by the replay viewer and compared with play."""

    events: list[HistoryEvent] = Field(default_factory=list)
    front_lines: list[FrontLine] = Field(default_factory=list)
    weather: list[ObservedWeather] = Field(default_factory=list)
    outcome: str = Field(default="", description="what happened in the end, one sentence")


# --- AI tuning ------------------------------------------------------------------------------

LocationText = Annotated[str, Ref("location"), Field(description="a place name or hex label")]


class AiObjective(Strict):
    """A place the AI goes for, with a weight."""

    place: LocationText
    weight: float = Field(default=1.0, gt=0)


class AiPosture(Strict):
    """The AI's posture from a turn on."""

    from_turn: Turn = 1
    posture: Literal["attack", "defend", "auto"]


AGGRESSION_HELP = "0 cautious .. 3 reckless (the historical scenarios use 0.5 - 2.5)"


class AiAggression(Strict):
    """The AI's aggression from a turn on."""

    from_turn: Turn = 1
    aggression: float = Field(ge=0, le=3, description=AGGRESSION_HELP)


class AiOperation(Strict):
    """A named group of units that drives for one objective during a window of turns."""

    name: str = Field(description="shown in reports and docs, e.g. 'Vyazma pincer, north'")
    units: list[UnitId] = Field(min_length=1, description="ids of this side's units that take part")
    objective: LocationText | None = Field(
        default=None,
        description="where they drive for and then stand: a place name or hex label "
        "(leave out for a hold order: the units stand where they are)",
    )
    from_turn: Turn = Field(default=1, description="first turn of the operation")
    until_turn: Turn | None = Field(default=None, description="last turn of the operation (default: the last turn)")
    hold: bool = Field(
        default=True,
        description="stand on the objective once taken; false: a waypoint, the operation ends when it is taken",
    )

    @model_validator(mode="after")
    def _window(self) -> AiOperation:
        if self.until_turn is not None and self.until_turn < self.from_turn:
            raise ValueError(f"until_turn {self.until_turn} is before from_turn {self.from_turn}")
        return self


class AiSide(Strict):
    """How the computer plays one side in this scenario."""

    aggression: float = Field(default=1.0, ge=0, le=3, description=AGGRESSION_HELP)
    aggression_by_turn: list[AiAggression] = Field(
        default_factory=list, description="a different aggression from a turn on (e.g. cautious, then reckless)"
    )
    objectives: list[Union[LocationText, AiObjective]] = Field(
        default_factory=list, description="places it goes for, with weights (default: every VP place)"
    )
    posture: list[AiPosture] = Field(default_factory=list, description="attack | defend | auto, by turn")
    operations: list[AiOperation] = Field(
        default_factory=list,
        description="groups of units that leave the side-wide objectives to drive for their own (pincers)",
    )


AiDef = dict[SideId, AiSide]


# --- ruleset reference -----------------------------------------------------------------


class RulesetUse(Strict):
    """A ruleset with some values changed."""

    use: str = Field(description="ruleset name (scenarios/rulesets/NAME.yaml) or a path relative to the scenario")
    override: dict[str, Any] = Field(
        default_factory=dict, description="ruleset keys to change, merged key by key into the ruleset"
    )


def _to_use(value: Any) -> Any:
    return {"use": value} if isinstance(value, str) else value


RulesetRef = Annotated[
    RulesetUse,
    BeforeValidator(_to_use),
    WithJsonSchema(
        {
            "description": "the ruleset: a name such as 'standard', or {use: standard, override: {...}}",
            "anyOf": [{"type": "string"}, {k: v for k, v in RulesetUse.model_json_schema().items() if k != "title"}],
        }
    ),
]


class ScenarioCore(Strict):
    """The scenario keys the engine core owns (rules sections are added to this)."""

    format_version: Literal[1] = Field(description="version of the scenario format; this engine reads 1")
    id: Ident = Field(description="scenario id, stored in game records")
    title: str = Field(description="title shown in menus")
    description: str = Field(default="", description="a short summary for the scenario menu")
    briefings: dict[SideId, str] = Field(
        default_factory=dict,
        description="each side's briefing (side id -> text), shown to the player of that side before the game",
    )
    designer_notes: str = Field(
        default="", description="the designer's notes (sources and choices), shown below the briefing"
    )
    author: str = Field(default="", description="who wrote it")
    ruleset: RulesetRef = Field(description="the rules: 'standard', or {use: standard, override: {...}}")
    map: MapDef = Field(description="the map (often 'map: {include: maps/NAME.yaml}')")
    sides: list[SideDef] = Field(min_length=2, max_length=2, description="exactly two sides")
    first_side: SideId = Field(description="the side that moves first each turn")
    start: dt.date = Field(description="date of turn 1")
    days_per_turn: int = Field(ge=1, le=31, description="calendar days per turn")
    turns: int = Field(ge=1, le=1000, description="number of turns")
    units: list[UnitEntry] = Field(
        default_factory=list, description="every unit of the game, on the map or arriving later"
    )
    control: ControlDef | None = Field(default=None, description="who holds which hexes at the start")
    history: HistoryDef | None = Field(
        default=None, description="what happened historically (dated events, fronts, weather)"
    )
    ai: AiDef | None = Field(default=None, description="AI tuning per side (side id -> settings)")
