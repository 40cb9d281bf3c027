"""Reference types for scenario models: what a value must refer to.

A scenario field that names something defined elsewhere (a unit, a side, a
place, a unit type, a turn, a location on the map) is annotated with one of the
types below. After the document has validated, :mod:`game.scenario.crossref`
walks the models, finds every annotated value and checks that it exists,
reporting each miss at its own line with a did-you-mean.

Rules modules that define scenario sections (weather, supply, victory, ...)
use the same types, so their references are checked with no extra code::

    from game.scenario.refs import UnitId, Location, Turn

    class Reinforcement(BaseModel):
        units: list[UnitId]
        turn: Turn
        at: Location
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

RefKind = Literal[
    "unit",
    "side",
    "side_or_none",
    "place",
    "unit_type",
    "terrain",
    "hexside",
    "road",
    "ground",
    "turn",
    "date",
    "location",
    "hex",
    "event",
    "rule_key",
]


@dataclass(frozen=True)
class Ref:
    """Marker in ``Annotated[...]`` metadata: the value refers to a ``kind`` of thing."""

    kind: RefKind


IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Ident = Annotated[
    str,
    StringConstraints(pattern=IDENT_PATTERN, max_length=64),
    Field(description="an identifier: letters, digits, '_', '-', '.'; no spaces"),
]

UnitId = Annotated[str, Ref("unit"), Field(description="the id of a unit of this scenario")]
SideId = Annotated[str, Ref("side"), Field(description="the id of one of the two sides")]
SideOrNone = Annotated[str, Ref("side_or_none"), Field(description="the id of a side, or 'none'")]
PlaceId = Annotated[str, Ref("place"), Field(description="the id or name of a place in the map's gazetteer")]
UnitTypeName = Annotated[str, Ref("unit_type"), Field(description="a unit type of the ruleset")]
TerrainName = Annotated[str, Ref("terrain"), Field(description="a terrain type of the ruleset")]
HexsideName = Annotated[str, Ref("hexside"), Field(description="a hexside type of the ruleset (rivers, canals)")]
RoadName = Annotated[str, Ref("road"), Field(description="a road type of the ruleset")]
GroundName = Annotated[str, Ref("ground"), Field(description="a ground condition of the ruleset (movement.grounds)")]
WeatherName = Annotated[str, Ref("weather"), Field(description="a weather type of the ruleset (weather.types)")]
TemperatureName = Annotated[
    str, Ref("temperature"), Field(description="a temperature band of the ruleset (weather.temperatures)")
]
EventId = Annotated[str, Ref("event"), Field(description="the id of an entry under 'events'")]
Turn = Annotated[int, Field(ge=1, description="a turn number, 1 = the first turn"), Ref("turn")]
GameDate = Annotated[dt.date, Ref("date"), Field(description="a date (YYYY-MM-DD) inside the scenario's turns")]
HexLabel = Annotated[
    str,
    StringConstraints(pattern=r"^(\d\d)+$", min_length=4),
    Ref("hex"),
    Field(description="a hex label: column then row, zero padded, e.g. '0712'"),
]

Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]
LatLon = Annotated[tuple[Lat, Lon], Field(description="[latitude, longitude] in decimal degrees (WGS84)")]


class Where(BaseModel):
    """A location written as a mapping: exactly one of hex, place or lat/lon, plus an optional offset."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hex: str | None = Field(default=None, description="a hex label such as '0712'")
    place: str | None = Field(default=None, description="a place id or name from the map's places")
    lat: Lat | None = None
    lon: Lon | None = None
    dir: str | None = Field(
        default=None,
        description="offset direction from the point: a compass name of a hex neighbour "
        "(N, NE, SE, S, SW, NW for flat-topped hexes; NE, E, SE, SW, W, NW for pointy ones)",
    )
    hexes: int = Field(default=1, ge=0, le=50, description="how many hexes to step in 'dir'")


def _to_where(value: Any) -> Any:
    """Short forms of a location → the mapping form."""
    if isinstance(value, bool):
        raise ValueError("expected a location, got true/false — write a hex label, a place name or [lat, lon]")
    if isinstance(value, int):
        return {"hex": f"{value:04d}"}
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return {"hex": text}
        return {"place": text}
    if isinstance(value, (list, tuple)):
        if len(value) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            raise ValueError("a coordinate location is [lat, lon]: two numbers — or write a hex label or place name")
        return {"lat": value[0], "lon": value[1]}
    return value


Location = Annotated[
    Where,
    BeforeValidator(_to_where),
    Ref("location"),
    WithJsonSchema(
        {
            "description": "where on the map: a hex label ('0712'), a place name ('Vyazma'), "
            "[lat, lon], or {place: Vyazma, dir: NE, hexes: 1}",
            "anyOf": [
                {"type": "string"},
                {"type": "integer"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
                {k: v for k, v in Where.model_json_schema().items() if k != "title"},
            ],
        }
    ),
]
"""A location on the map; validates to :class:`Where` whatever form was written."""
