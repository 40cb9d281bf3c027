"""Compiling a map definition into a :class:`~game.mapmodel.HexMap`, with a cache.

The compiled layers depend only on the map definition and the ruleset's type
names, so they are cached on disk under a hash of both (``MOSCOW41_CACHE_DIR``
or the user cache folder from platformdirs). A warm cache skips rasterising.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.hexgrid import Hex
from game.mapmodel import HexMap, Settlement
from game.ruleset import RuleTables
from game.scenario.geography import Projector, box_outline, chain_hexes, crossed_edges, inside_polygon
from game.scenario.schema import MapDef, PlaceDef

RASTER_VERSION = 1
"""Bump when rasterising changes, so old cache entries are not reused."""


@dataclass(frozen=True)
class Note:
    """A problem found while rasterising, located by document path."""

    path: tuple
    message: str
    fix: str
    severity: str = "warning"
    at_key: bool = False


@dataclass(frozen=True)
class PlaceInfo:
    """A gazetteer entry after projection: ``index`` is -1 when off the map."""

    id: str
    name: str
    index: int
    lat: float | None
    lon: float | None
    kind: str
    size: int
    victory_points: int
    alt_names: tuple[str, ...] = ()


@dataclass
class CompiledMap:
    """A built map with its projection, gazetteer and rasterising notes."""

    hexmap: HexMap
    projector: Projector
    places: dict[str, PlaceInfo]
    notes: list[Note] = field(default_factory=list)
    from_cache: bool = False


def cache_dir() -> Path:
    """Where compiled maps are cached (``MOSCOW41_CACHE_DIR`` or the user cache folder)."""
    from game.scenario.parsecache import cache_root

    return cache_root()


def map_hash(map_data: Any, tables: RuleTables) -> str:
    """Content hash of a map definition (plain data) and the ruleset names it uses."""
    payload = json.dumps(
        {
            "v": RASTER_VERSION,
            "map": map_data,
            "terrain": tables.terrain_names,
            "hexsides": tables.hexside_names,
            "roads": tables.road_names,
        },
        sort_keys=True,
        default=str,
        separators=(",", ":"),
    )
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def label_index(proj: Projector, label: str) -> int:
    """Flat index of a hex label, -1 when off the map or malformed."""
    try:
        h = proj.offsets.parse_label(label)
    except ValueError:
        return -1
    return int(proj.index_of_axial(np.array([h.q]), np.array([h.r]))[0])


def _place_index(proj: Projector, p: PlaceDef) -> tuple[int, float | None, float | None]:
    if p.at is None:
        i = label_index(proj, p.hex or "")
        if i < 0:
            return i, None, None
        lat, lon = proj.latlon_of(i)
        return i, lat, lon
    lat, lon = p.at
    return int(proj.index_of_latlon(np.array([lat]), np.array([lon]))[0]), lat, lon


def build_places(mdef: MapDef, proj: Projector) -> tuple[dict[str, PlaceInfo], list[Note]]:
    """Project the gazetteer."""
    places: dict[str, PlaceInfo] = {}
    notes: list[Note] = []
    for k, p in enumerate(mdef.places):
        if p.id in places:
            notes.append(
                Note(("map", "places", k, "id"), f"duplicate place id {p.id!r}", "give every place its own id", "error")
            )
            continue
        idx, lat, lon = _place_index(proj, p)
        places[p.id] = PlaceInfo(p.id, p.name, idx, lat, lon, p.kind, p.size, p.victory_points, tuple(p.alt_names))
        if idx < 0 and p.size > 0:
            notes.append(
                Note(
                    ("map", "places", k, "at"),
                    f"place {p.id!r} lies outside the map, so it cannot be a settlement",
                    "check its coordinates, enlarge the projection, or give it size: 0 to keep it as an off-map "
                    "landmark",
                )
            )
    return places, notes


def _settlements(mdef: MapDef, places: dict[str, PlaceInfo]) -> tuple[tuple[Settlement, ...], list[Note]]:
    out: list[Settlement] = []
    notes: list[Note] = []
    taken: dict[int, str] = {}
    for k, p in enumerate(mdef.places):
        info = places.get(p.id)
        if info is None or info.index < 0 or p.size == 0:
            continue
        if info.index in taken:
            notes.append(
                Note(
                    ("map", "places", k),
                    f"places {taken[info.index]!r} and {p.id!r} fall in the same hex",
                    "only the first is shown as a settlement; give one of them size: 0",
                )
            )
            continue
        taken[info.index] = p.id
        out.append(Settlement(p.name, info.index, p.size, p.victory_points, p.id))
    return tuple(out), notes


def _new_map(mdef: MapDef, proj: Projector, tables: RuleTables) -> HexMap:
    pr = mdef.projection
    code = tables.terrain_names.index(mdef.default_terrain)
    return HexMap(
        width=pr.width,
        height=pr.height,
        offsets=proj.offsets,
        terrain_names=tables.terrain_names,
        terrain=np.full(pr.width * pr.height, code, np.int8),
        hexside_names=tables.hexside_names,
        road_names=tables.road_names,
        name=mdef.name or mdef.id,
    )


def rasterise(
    mdef: MapDef, proj: Projector, tables: RuleTables, places: dict[str, PlaceInfo]
) -> tuple[HexMap, list[Note]]:
    """Build every layer of the map from its geography."""
    m = _new_map(mdef, proj, tables)
    notes: list[Note] = []
    cx, cy = proj.centres_km
    for k, area in enumerate(mdef.areas):
        path = ("map", "areas", k)
        code = tables.terrain_names.index(area.terrain)
        if area.hexes is not None:
            idx = [label_index(proj, lab) for lab in area.hexes]  # off-map labels are reported by crossref
            mask = np.zeros(m.size, bool)
            mask[[i for i in idx if i >= 0]] = True
        else:
            if area.outline is not None:
                lats, lons = np.array([p[0] for p in area.outline]), np.array([p[1] for p in area.outline])
                px, py = proj.to_km(lats, lons)
                mask = inside_polygon(cx, cy, px, py)
            elif area.box is not None:
                px, py = proj.to_km(*box_outline(area.box))
                mask = inside_polygon(cx, cy, px, py)
            else:
                assert area.circle is not None
                ox, oy = proj.to_km(np.array([area.circle.center[0]]), np.array([area.circle.center[1]]))
                mask = (cx - ox[0]) ** 2 + (cy - oy[0]) ** 2 <= area.circle.radius_km**2
                centre = proj.index_of_latlon(np.array([area.circle.center[0]]), np.array([area.circle.center[1]]))
                if centre[0] >= 0:
                    mask[centre[0]] = True
            if not mask.any():
                notes.append(
                    Note(
                        path,
                        f"area {area.id!r} covers no hex centre, so it has no effect",
                        "check its coordinates (lat first, then lon) or make it larger than a hex",
                    )
                )
        m.terrain[mask] = code
    for p in mdef.places:
        info = places.get(p.id)
        if p.terrain is not None and info is not None and info.index >= 0:
            m.terrain[info.index] = tables.terrain_names.index(p.terrain)
    for label, ov in mdef.hexes.items():
        i = label_index(proj, label)
        if i < 0:
            continue  # reported by crossref
        if ov.terrain is None and ov.fort is None:
            notes.append(
                Note(
                    ("map", "hexes", label),
                    f"the override of hex {label} sets nothing, so it has no effect",
                    "add 'terrain:' or 'fort:', or remove the entry",
                )
            )
        if ov.terrain is not None:
            m.terrain[i] = tables.terrain_names.index(ov.terrain)
        if ov.fort is not None:
            m.fort[i] = ov.fort
    for k, river in enumerate(mdef.rivers):
        code = tables.hexside_names.index(river.type)
        px, py = proj.to_km(np.array([p[0] for p in river.points]), np.array([p[1] for p in river.points]))
        edges = crossed_edges(proj, m.neighbors, px, py)
        if not edges:
            notes.append(
                Note(
                    ("map", "rivers", k),
                    f"river {river.id!r} crosses no hexside of the map, so it has no effect",
                    "check its points (lat first, then lon)",
                )
            )
        for i, d in edges:
            m.set_hexside(i, d, code)
    for k, e in enumerate(mdef.edges):
        a, b = label_index(proj, e.between[0]), label_index(proj, e.between[1])
        path = ("map", "edges", k, "between")
        if a < 0 or b < 0:
            continue  # reported by crossref
        dirs = np.nonzero(m.neighbors[a] == b)[0]
        if dirs.size == 0:
            notes.append(
                Note(
                    path,
                    f"hexes {e.between[0]} and {e.between[1]} are not neighbours",
                    "an edge lies between two touching hexes",
                    "error",
                )
            )
            continue
        m.set_hexside(a, int(dirs[0]), 0 if e.hexside == "none" else tables.hexside_names.index(e.hexside))
    for group, layer in (("roads", m.road), ("railways", m.rail)):
        for k, line in enumerate(getattr(mdef, group)):
            code = True if group == "railways" else tables.road_names.index(line.type)
            path = ("map", group, k)
            if line.hexes is not None:
                chain = []
                for lab in line.hexes:
                    chain.append(proj.offsets.parse_label(lab))  # the schema pattern guarantees the form
                for j in range(len(chain) - 1):
                    if chain[j].distance(chain[j + 1]) != 1:
                        notes.append(
                            Note(
                                (*path, "hexes", j + 1),
                                f"hex {line.hexes[j + 1]} does not touch {line.hexes[j]}",
                                "list the hexes of the line one after another, each touching the last",
                                "error",
                            )
                        )
            else:
                pts = line.points or []
                px, py = proj.to_km(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]))
                chain = chain_hexes(proj, px, py)
            linked = _link_chain(m, proj, layer, chain, code)
            if not linked:
                kind = "railway" if group == "railways" else "road"
                notes.append(
                    Note(
                        path,
                        f"{kind} {line.id!r} joins no two hexes of the map, so it has no effect",
                        "check its points (lat first, then lon); a line must run through at least two hexes",
                    )
                )
    return m, notes


def _link_chain(m: HexMap, proj: Projector, layer: np.ndarray, chain: list[Hex], code: int | bool) -> int:
    if len(chain) < 2:
        return 0
    q = np.array([h.q for h in chain])
    r = np.array([h.r for h in chain])
    idx = proj.index_of_axial(q, r)
    count = 0
    for j in range(len(chain) - 1):
        a, b = int(idx[j]), int(idx[j + 1])
        if a < 0 or b < 0:
            continue
        d = chain[j].direction_to(chain[j + 1])
        if d is None:
            continue
        m.set_link(layer, a, d, code)
        count += 1
    return count


# --- cache ----------------------------------------------------------------------------------

_LAYERS = ("terrain", "hexside", "road", "rail", "fort")


def compile_map(mdef: MapDef, map_data: Any, tables: RuleTables, use_cache: bool = True) -> CompiledMap:
    """The HexMap of a validated map definition, from the cache when possible."""
    proj = Projector.from_projection(mdef.projection)
    places, notes = build_places(mdef, proj)
    key = map_hash(map_data, tables)
    path = cache_dir() / f"{key}.npz"
    hexmap: HexMap | None = None
    from_cache = False
    if use_cache and path.is_file():
        try:
            with np.load(path, allow_pickle=False) as data:
                hexmap = _new_map(mdef, proj, tables)
                for name in _LAYERS:
                    arr = data[name]
                    if arr.shape != getattr(hexmap, name).shape:
                        raise ValueError("shape mismatch")
                    setattr(hexmap, name, arr.astype(getattr(hexmap, name).dtype))
                cached_notes = json.loads(str(data["notes"]))
            notes.extend(Note(tuple(n[0]), n[1], n[2], n[3]) for n in cached_notes)
            from_cache = True
        except (OSError, ValueError, KeyError):
            hexmap = None
    if hexmap is None:
        hexmap, raster_notes = rasterise(mdef, proj, tables, places)
        notes.extend(raster_notes)
        if use_cache:
            _write_cache(path, hexmap, raster_notes)
    hexmap.settlements, more = _settlements(mdef, places)
    notes.extend(more)
    return CompiledMap(hexmap, proj, places, notes, from_cache)


def _write_cache(path: Path, hexmap: HexMap, notes: list[Note]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp.npz")
        os.close(fd)
        payload = {name: getattr(hexmap, name) for name in _LAYERS}
        note_json = json.dumps([[list(n.path), n.message, n.fix, n.severity] for n in notes])
        np.savez(tmp, notes=np.array(note_json), **payload)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
