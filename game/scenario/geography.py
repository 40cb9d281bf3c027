"""Maps from real geography: projection and rasterising features onto hexes.

The projection lays a rectangle of hexes over the earth. The centre of hex
0101 sits at ``origin``; distances are true kilometres along a sinusoidal
(equal-area) projection whose central meridian runs through the middle of the
map, so east-west distances stay right across a few degrees of latitude.

Rasterising:

* places (points) → the hex containing them (settlements, optional terrain);
* rivers and canals (polylines) → every hexside whose centre-to-centre segment
  the line crosses, which always forms a connected chain of hex edges;
* roads and railways (polylines) → links between consecutive hexes along the
  line (sampled densely, gaps across a corner filled by a hex line);
* areas (polygons, boxes, circles) → terrain of every hex whose centre is inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.hexgrid import DIRECTIONS, FLAT, POINTY, Hex, Layout, OffsetSystem

KM_PER_DEGREE = 111.195
"""Kilometres per degree of latitude (sphere of radius 6371 km)."""


@dataclass(frozen=True)
class Projector:
    """Converts [lat, lon] to map kilometres, hexes and flat indices, vectorised."""

    origin_lat: float
    origin_lon: float
    hex_km: float
    flat: bool
    parity: str
    width: int
    height: int

    @classmethod
    def from_projection(cls, p) -> Projector:  # noqa: ANN001 - schema.Projection
        """The projector of a validated ``Projection``."""
        return cls(p.origin[0], p.origin[1], p.hex_km, p.orientation == "flat", p.parity, p.width, p.height)

    # --- geometry --------------------------------------------------------------
    @cached_property
    def layout(self) -> Layout:
        """Hex layout in kilometres (x east, y south), hex 0101 at (0, 0)."""
        s = self.hex_km / math.sqrt(3.0)
        return Layout(FLAT if self.flat else POINTY, (s, s), (0.0, 0.0))

    @cached_property
    def offsets(self) -> OffsetSystem:
        """The offset system of hex labels on this map."""
        return OffsetSystem(flat=self.flat, parity=self.parity)  # type: ignore[arg-type]

    @cached_property
    def extent_km(self) -> tuple[float, float]:
        """Width and height in km between the outermost hex centres."""
        s = self.hex_km / math.sqrt(3.0)
        if self.flat:
            return 1.5 * s * (self.width - 1), self.hex_km * (self.height - 1)
        return self.hex_km * (self.width - 1), 1.5 * s * (self.height - 1)

    @cached_property
    def _frame(self) -> tuple[float, float, float]:
        w, h = self.extent_km
        lat_mid = self.origin_lat - (h / 2) / KM_PER_DEGREE
        lon_c = self.origin_lon + (w / 2) / (KM_PER_DEGREE * math.cos(math.radians(lat_mid)))
        x0 = (self.origin_lon - lon_c) * KM_PER_DEGREE * math.cos(math.radians(self.origin_lat))
        return lat_mid, lon_c, x0

    def to_km(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map kilometres (x east, y south) of points."""
        _, lon_c, x0 = self._frame
        lat = np.asarray(lat, float)
        lon = np.asarray(lon, float)
        x = (lon - lon_c) * KM_PER_DEGREE * np.cos(np.radians(lat)) - x0
        y = (self.origin_lat - lat) * KM_PER_DEGREE
        return x, y

    def to_latlon(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Inverse of :meth:`to_km`."""
        _, lon_c, x0 = self._frame
        lat = self.origin_lat - np.asarray(y, float) / KM_PER_DEGREE
        lon = lon_c + (np.asarray(x, float) + x0) / (KM_PER_DEGREE * np.cos(np.radians(lat)))
        return lat, lon

    def axial(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rounded axial (q, r) of the hexes containing km points."""
        o = self.layout.orientation
        s = self.layout.size[0]
        fq = (o.b0 * np.asarray(x) + o.b1 * np.asarray(y)) / s
        fr = (o.b2 * np.asarray(x) + o.b3 * np.asarray(y)) / s
        return cube_round(fq, fr)

    def index_of_axial(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Flat map index (row * width + col) of axial hexes, -1 when off the map."""
        q = np.asarray(q, np.int64)
        r = np.asarray(r, np.int64)
        off = 1 if self.parity == "odd" else -1
        if self.flat:
            col, row = q, r + (q + off * (q & 1)) // 2
        else:
            col, row = q + (r + off * (r & 1)) // 2, r
        inside = (col >= 0) & (col < self.width) & (row >= 0) & (row < self.height)
        return np.where(inside, row * self.width + col, -1)

    def index_of_latlon(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Flat index of the hexes containing [lat, lon] points (-1 when off the map)."""
        return self.index_of_axial(*self.axial(*self.to_km(lat, lon)))

    @cached_property
    def centres_km(self) -> tuple[np.ndarray, np.ndarray]:
        """Km centre of every hex, by flat index."""
        n = self.width * self.height
        cols, rows = np.arange(n) % self.width, np.arange(n) // self.width
        off = 1 if self.parity == "odd" else -1
        if self.flat:  # OffsetSystem.to_hex, vectorised
            q, r = cols, rows - (cols + off * (cols & 1)) // 2
        else:
            q, r = cols - (rows + off * (rows & 1)) // 2, rows
        o, s = self.layout.orientation, self.layout.size[0]
        return (o.f0 * q + o.f1 * r) * s, (o.f2 * q + o.f3 * r) * s

    def latlon_of(self, index: int) -> tuple[float, float]:
        """[lat, lon] of a hex centre."""
        xs, ys = self.centres_km
        lat, lon = self.to_latlon(xs[index], ys[index])
        return float(lat), float(lon)

    def compass(self) -> dict[str, int]:
        """Compass name → axial direction index (N, NE, SE, S, SW, NW when flat; NE, E, SE, SW, W, NW when pointy)."""
        out = {}
        for d, h in enumerate(DIRECTIONS):
            x, y = self.layout.hex_to_pixel(h)
            bearing = int(round(math.degrees(math.atan2(x, -y)))) % 360
            out[_BEARING_NAMES[bearing]] = d
        return out


_BEARING_NAMES = {
    0: "N",
    60: "NE",
    120: "SE",
    180: "S",
    240: "SW",
    300: "NW",
    30: "NE",
    90: "E",
    150: "SE",
    210: "SW",
    270: "W",
    330: "NW",
}


def cube_round(fq: np.ndarray, fr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised nearest-hex rounding of fractional axial coordinates."""
    fq = np.asarray(fq, float)
    fr = np.asarray(fr, float)
    fs = -fq - fr
    q, r, s = np.round(fq), np.round(fr), np.round(fs)
    dq, dr, ds = np.abs(q - fq), np.abs(r - fr), np.abs(s - fs)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


# --- rasterising ------------------------------------------------------------------


def crossed_edges(
    proj: Projector, neighbors: np.ndarray, pts_x: np.ndarray, pts_y: np.ndarray
) -> list[tuple[int, int]]:
    """(hex index, direction) of every hexside crossed by a polyline (each edge once, d in 0..2)."""
    xs, ys = proj.centres_km
    src, d = np.nonzero(neighbors[:, :3] >= 0)
    dst = neighbors[src, d]
    ax, ay, bx, by = xs[src], ys[src], xs[dst], ys[dst]
    hit = np.zeros(len(src), bool)
    for k in range(len(pts_x) - 1):
        cx, cy, dx, dy = pts_x[k], pts_y[k], pts_x[k + 1], pts_y[k + 1]
        # quick reject by bounding boxes
        near = (np.maximum(ax, bx) >= min(cx, dx)) & (np.minimum(ax, bx) <= max(cx, dx))
        near &= (np.maximum(ay, by) >= min(cy, dy)) & (np.minimum(ay, by) <= max(cy, dy))
        idx = np.nonzero(near & ~hit)[0]
        if idx.size == 0:
            continue
        hit[idx] |= _segments_cross(ax[idx], ay[idx], bx[idx], by[idx], cx, cy, dx, dy)
    return [(int(s), int(dd)) for s, dd in zip(src[hit], d[hit])]


def _segments_cross(ax, ay, bx, by, cx, cy, dx, dy) -> np.ndarray:  # noqa: ANN001 - arrays and floats
    def orient(px, py, qx, qy, rx, ry):  # noqa: ANN001, ANN202
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    o1 = orient(ax, ay, bx, by, cx, cy)
    o2 = orient(ax, ay, bx, by, dx, dy)
    o3 = orient(cx, cy, dx, dy, ax, ay)
    o4 = orient(cx, cy, dx, dy, bx, by)
    return (o1 * o2 <= 0) & (o3 * o4 < 0)


def chain_hexes(proj: Projector, pts_x: np.ndarray, pts_y: np.ndarray) -> list[Hex]:
    """The chain of neighbouring hexes a polyline passes through, in order."""
    step = proj.hex_km / 8.0
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for k in range(len(pts_x) - 1):
        length = math.hypot(pts_x[k + 1] - pts_x[k], pts_y[k + 1] - pts_y[k])
        n = max(1, int(math.ceil(length / step)))
        t = np.arange(n) / n
        xs.append(pts_x[k] + (pts_x[k + 1] - pts_x[k]) * t)
        ys.append(pts_y[k] + (pts_y[k + 1] - pts_y[k]) * t)
    xs.append(np.array([pts_x[-1]]))
    ys.append(np.array([pts_y[-1]]))
    q, r = proj.axial(np.concatenate(xs), np.concatenate(ys))
    chain: list[Hex] = []
    for qq, rr in zip(q.tolist(), r.tolist()):
        h = Hex(qq, rr)
        if chain and h == chain[-1]:
            continue
        if chain and chain[-1].distance(h) > 1:
            chain.extend(chain[-1].line_to(h)[1:-1])
        chain.append(h)
    return chain


def inside_polygon(px: np.ndarray, py: np.ndarray, poly_x: np.ndarray, poly_y: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test for many points against one polygon."""
    inside = np.zeros(len(px), bool)
    n = len(poly_x)
    j = n - 1
    for i in range(n):
        xi, yi, xj, yj = poly_x[i], poly_y[i], poly_x[j], poly_y[j]
        if yi != yj:
            cond = (yi > py) != (yj > py)
            xcross = (xj - xi) * (py - yi) / (yj - yi) + xi
            inside ^= cond & (px < xcross)
        j = i
    return inside


def box_outline(box: tuple[float, float, float, float], n: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """A lat/lon box as a densified polygon (meridians curve slightly in the projection)."""
    lat0, lon0, lat1, lon1 = box
    t = np.linspace(0.0, 1.0, n, endpoint=False)
    lats = np.concatenate([np.full(n, lat0), lat0 + (lat1 - lat0) * t, np.full(n, lat1), lat1 - (lat1 - lat0) * t])
    lons = np.concatenate([lon0 + (lon1 - lon0) * t, np.full(n, lon1), lon1 - (lon1 - lon0) * t, np.full(n, lon0)])
    return lats, lons
