"""Resolving location references to hex indices.

A location is written as a hex label (``"0712"``), a place id or name
(``"Vyazma"``), ``[lat, lon]``, or a mapping such as
``{place: Vyazma, dir: NE, hexes: 2}``. :class:`Locator` is stored on the
:class:`~game.spec.ScenarioSpec` so rules code can resolve the same forms at
run time (``spec.locate(ref)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from game.hexgrid import Hex
from game.mapmodel import HexMap
from game.scenario.errors import did_you_mean
from game.scenario.geography import Projector
from game.scenario.mapbuild import PlaceInfo, label_index
from game.scenario.refs import Where


class LocationError(ValueError):
    """A location that does not resolve; ``fix`` says how to correct it."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


class Locator:
    """Callable: location reference → flat hex index (raises LocationError)."""

    def __init__(self, hexmap: HexMap, projector: Projector, places: Mapping[str, PlaceInfo]) -> None:
        self.hexmap = hexmap
        self.projector = projector
        self.places = dict(places)
        self._names: dict[str, str] = {}
        for pid, p in self.places.items():
            for name in (pid, p.name, *p.alt_names):
                self._names.setdefault(name.casefold(), pid)
        self.compass = projector.compass()

    def __call__(self, ref: Any) -> int:
        return self.resolve(ref)

    def place(self, name: str) -> PlaceInfo:
        """The gazetteer entry for a place id, name or alternative name."""
        pid = self._names.get(str(name).casefold())
        if pid is None:
            raise LocationError(f"unknown place {name!r}", did_you_mean(name, self._all_names(), "places"))
        return self.places[pid]

    def _all_names(self) -> list[str]:
        return sorted({p.name for p in self.places.values()} | set(self.places))

    def resolve(self, ref: Any) -> int:
        """Flat hex index of a location reference."""
        if isinstance(ref, Where):
            return self._where(ref)
        if isinstance(ref, Mapping):
            return self._where(Where.model_validate(dict(ref)))
        if isinstance(ref, bool):
            raise LocationError(f"{ref!r} is not a location", "write a hex label, a place name or [lat, lon]")
        if isinstance(ref, int):
            ref = f"{ref:04d}"
        if isinstance(ref, str):
            if ref.isdigit():
                return self._label(ref)
            return self._on_map(self.place(ref))
        if isinstance(ref, (list, tuple)) and len(ref) == 2 and all(isinstance(v, (int, float)) for v in ref):
            return self._latlon(float(ref[0]), float(ref[1]))
        raise LocationError(f"{ref!r} is not a location", "write a hex label, a place name or [lat, lon]")

    def _label(self, label: str) -> int:
        i = label_index(self.projector, label)
        if i < 0:
            p = self.projector
            last = p.offsets.label(p.offsets.to_hex(p.width - 1, p.height - 1), self.hexmap.label_digits)
            if len(label) % 2 or len(label) < 4:
                raise LocationError(f"{label!r} is not a hex label", "write column then row, zero padded: '0712'")
            raise LocationError(
                f"hex {label} is off the {p.width}x{p.height} map", f"labels run from 0101 to {last} (column then row)"
            )
        return i

    def _on_map(self, place: PlaceInfo) -> int:
        if place.index < 0:
            raise LocationError(
                f"place {place.name!r} lies outside the map",
                "choose a place on the map, or enlarge the map's projection",
            )
        return place.index

    def _latlon(self, lat: float, lon: float) -> int:
        i = int(self.projector.index_of_latlon(np.array([lat]), np.array([lon]))[0])
        if i < 0:
            raise LocationError(
                f"[{lat}, {lon}] lies outside the map", "check the coordinates (latitude first, then longitude)"
            )
        return i

    def _where(self, w: Where) -> int:
        given = [k for k in ("hex", "place") if getattr(w, k) is not None]
        if w.lat is not None or w.lon is not None:
            if w.lat is None or w.lon is None:
                raise LocationError("a location needs both 'lat' and 'lon'", "add the missing coordinate")
            given.append("lat/lon")
        if len(given) != 1:
            raise LocationError(
                "a location needs exactly one of 'hex', 'place' or 'lat'+'lon'"
                + (f" (got {', '.join(given)})" if given else ""),
                "keep one of them",
            )
        if w.hex is not None:
            start = self._label(w.hex)
        elif w.place is not None:
            start = self._on_map(self.place(w.place))
        else:
            start = self._latlon(float(w.lat), float(w.lon))  # type: ignore[arg-type]
        if w.dir is None:
            return start
        d = self.compass.get(w.dir.upper())
        if d is None:
            raise LocationError(
                f"{w.dir!r} is not a hex direction on this map", f"use one of {', '.join(self.compass)}"
            )
        h: Hex = self.hexmap.hex_of(start)
        target = h + Hex(0, 0)
        for _ in range(w.hexes):
            target = target.neighbor(d)
        if not self.hexmap.contains(target):
            raise LocationError(f"{w.hexes} hex(es) {w.dir} of there is off the map", "use a smaller offset")
        return self.hexmap.index_of(target)
