"""Map geometry in screen space: zoom levels, panning and mouse picking.

Positions are kept in *map units* (pixels at hex size 1, from the FLAT or
POINTY layout), so changing zoom never loses the point under the cursor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from game.hexgrid import FLAT, Hex, Layout
from game.mapmodel import HexMap

ZOOM_SIZES: tuple[int, ...] = (7, 10, 14, 20, 28, 40, 56)
"""Hex sizes (centre to corner, pixels) of the zoom levels."""


class MapGeometry:
    """Hex centres and bounds of a map in map units (hex size 1)."""

    def __init__(self, hex_map: HexMap) -> None:
        self.map = hex_map
        o = FLAT if hex_map.offsets.flat else _pointy()
        self.orientation = o
        q, r = hex_map.q.astype(np.float64), hex_map.r.astype(np.float64)
        self.ux = o.f0 * q + o.f1 * r
        self.uy = o.f2 * q + o.f3 * r
        hw, hh = (1.0, math.sqrt(3) / 2) if hex_map.offsets.flat else (math.sqrt(3) / 2, 1.0)
        self.min_x, self.max_x = float(self.ux.min()) - hw, float(self.ux.max()) + hw
        self.min_y, self.max_y = float(self.uy.min()) - hh, float(self.uy.max()) + hh

    @property
    def width_units(self) -> float:
        return self.max_x - self.min_x

    @property
    def height_units(self) -> float:
        return self.max_y - self.min_y

    def layout(self, size: float, origin: tuple[float, float] = (0.0, 0.0)) -> Layout:
        """A hexgrid ``Layout`` at ``size`` whose map-unit point (min_x, min_y) sits at ``origin``."""
        return Layout(self.orientation, (size, size), (origin[0] - self.min_x * size, origin[1] - self.min_y * size))

    def index_at(self, ux: float, uy: float) -> int:
        """Hex index at a map-unit point, or -1 off the map."""
        h = Layout(self.orientation, (1.0, 1.0), (0.0, 0.0)).pixel_to_hex(ux, uy)
        return self.map._index_of.get(h, -1)


def _pointy():  # noqa: ANN202
    from game.hexgrid import POINTY

    return POINTY


@dataclass
class Camera:
    """Which part of the map the viewport shows, at which zoom level."""

    geometry: MapGeometry
    viewport: tuple[int, int, int, int]  # x, y, w, h on screen
    zoom: int = 3
    cx: float = 0.0  # map-unit point shown at the viewport centre
    cy: float = 0.0
    _target: tuple[float, float] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        g = self.geometry
        if self.cx == 0.0 and self.cy == 0.0:
            self.cx, self.cy = (g.min_x + g.max_x) / 2, (g.min_y + g.max_y) / 2

    @property
    def size(self) -> int:
        """Hex size in pixels at the current zoom."""
        return ZOOM_SIZES[self.zoom]

    def origin(self) -> tuple[float, float]:
        """Screen position of the map-unit point (min_x, min_y)."""
        x, y, w, h = self.viewport
        s = self.size
        return (x + w / 2 - (self.cx - self.geometry.min_x) * s, y + h / 2 - (self.cy - self.geometry.min_y) * s)

    def layout(self) -> Layout:
        """The hexgrid layout for drawing at the current zoom and pan."""
        return self.geometry.layout(self.size, self.origin())

    def to_screen(self, ux: float, uy: float) -> tuple[float, float]:
        x, y, w, h = self.viewport
        s = self.size
        return x + w / 2 + (ux - self.cx) * s, y + h / 2 + (uy - self.cy) * s

    def to_units(self, sx: float, sy: float) -> tuple[float, float]:
        x, y, w, h = self.viewport
        s = self.size
        return self.cx + (sx - x - w / 2) / s, self.cy + (sy - y - h / 2) / s

    def hex_center(self, index: int) -> tuple[float, float]:
        """Screen centre of hex ``index``."""
        return self.to_screen(float(self.geometry.ux[index]), float(self.geometry.uy[index]))

    def index_at(self, sx: float, sy: float) -> int:
        """Hex index under a screen pixel, -1 when off the map or outside the viewport."""
        x, y, w, h = self.viewport
        if not (x <= sx < x + w and y <= sy < y + h):
            return -1
        return self.geometry.index_at(*self.to_units(sx, sy))

    def contains(self, sx: float, sy: float) -> bool:
        x, y, w, h = self.viewport
        return x <= sx < x + w and y <= sy < y + h

    def pan_pixels(self, dx: float, dy: float) -> None:
        """Move the view by screen pixels (drag: the map follows the mouse)."""
        s = self.size
        self.cx -= dx / s
        self.cy -= dy / s
        self._target = None
        self.clamp()

    def zoom_at(self, steps: int, sx: float | None = None, sy: float | None = None) -> bool:
        """Change zoom by ``steps`` levels keeping the point under (sx, sy) fixed; False at the limits."""
        new = max(0, min(len(ZOOM_SIZES) - 1, self.zoom + steps))
        if new == self.zoom:
            return False
        if sx is None or sy is None:
            x, y, w, h = self.viewport
            sx, sy = x + w / 2, y + h / 2
        ux, uy = self.to_units(sx, sy)
        self.zoom = new
        x, y, w, h = self.viewport
        s = self.size
        self.cx = ux - (sx - x - w / 2) / s
        self.cy = uy - (sy - y - h / 2) / s
        self.clamp()
        return True

    def fit_zoom(self) -> int:
        """The largest zoom level at which the whole map fits the viewport."""
        _, _, w, h = self.viewport
        g = self.geometry
        best = 0
        for k, s in enumerate(ZOOM_SIZES):
            if g.width_units * s <= w and g.height_units * s <= h:
                best = k
        return best

    def center_on(self, index: int, smooth: bool = False) -> None:
        """Centre the view on a hex (gliding there when ``smooth``)."""
        ux, uy = float(self.geometry.ux[index]), float(self.geometry.uy[index])
        if smooth:
            self._target = (ux, uy)
        else:
            self.cx, self.cy = ux, uy
            self.clamp()

    def ensure_visible(self, index: int, margin: int = 60) -> None:
        """Glide to a hex if it is outside the viewport (used by AI moves and replays)."""
        sx, sy = self.hex_center(index)
        x, y, w, h = self.viewport
        if not (x + margin <= sx <= x + w - margin and y + margin <= sy <= y + h - margin):
            self.center_on(index, smooth=True)

    def update(self, dt: float) -> bool:
        """Advance a glide; True while moving."""
        if self._target is None:
            return False
        tx, ty = self._target
        k = min(1.0, dt * 8.0)
        self.cx += (tx - self.cx) * k
        self.cy += (ty - self.cy) * k
        self.clamp()
        if abs(tx - self.cx) * self.size < 0.5 and abs(ty - self.cy) * self.size < 0.5:
            self._target = None
        return True

    def clamp(self) -> None:
        """Keep the map filling the viewport (a small margin beyond the edges is allowed)."""
        g = self.geometry
        _, _, w, h = self.viewport
        s = self.size
        half_w, half_h = w / 2 / s, h / 2 / s
        margin = 40 / s
        if g.width_units <= 2 * half_w:
            self.cx = (g.min_x + g.max_x) / 2
        else:
            self.cx = min(max(self.cx, g.min_x + half_w - margin), g.max_x - half_w + margin)
        if g.height_units <= 2 * half_h:
            self.cy = (g.min_y + g.max_y) / 2
        else:
            self.cy = min(max(self.cy, g.min_y + half_h - margin), g.max_y - half_h + margin)

    def visible_units(self) -> tuple[float, float, float, float]:
        """Map-unit rectangle (x0, y0, x1, y1) the viewport shows."""
        x, y, w, h = self.viewport
        x0, y0 = self.to_units(x, y)
        x1, y1 = self.to_units(x + w, y + h)
        return x0, y0, x1, y1

    def hex_of_index(self, index: int) -> Hex:
        return self.geometry.map.hex_of(index)
