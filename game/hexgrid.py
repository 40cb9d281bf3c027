"""Hex grid value library (cube/axial coordinates), after Red Blob Games' guide.

Inside the engine every hex is an axial ``Hex(q, r)`` (``s = -q - r``). Offset
coordinates and four-digit labels such as ``"0712"`` (column 07, row 12) are
used only at the edges: files, labels and the UI.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Parity = Literal["odd", "even"]


@dataclass(frozen=True, slots=True, order=True)
class Hex:
    """An axial hex coordinate; frozen and hashable."""

    q: int
    r: int

    @property
    def s(self) -> int:
        """The third cube coordinate, ``-q - r``."""
        return -self.q - self.r

    def __add__(self, other: Hex) -> Hex:
        return Hex(self.q + other.q, self.r + other.r)

    def __sub__(self, other: Hex) -> Hex:
        return Hex(self.q - other.q, self.r - other.r)

    def scale(self, k: int) -> Hex:
        """This hex vector multiplied by ``k``."""
        return Hex(self.q * k, self.r * k)

    def length(self) -> int:
        """Distance from the origin."""
        return (abs(self.q) + abs(self.r) + abs(self.s)) // 2

    def distance(self, other: Hex) -> int:
        """Number of hex steps between this hex and ``other``."""
        return (self - other).length()

    def neighbor(self, direction: int) -> Hex:
        """The adjacent hex in ``direction`` (0..5, see ``DIRECTIONS``)."""
        return self + DIRECTIONS[direction % 6]

    def neighbors(self) -> tuple[Hex, ...]:
        """The six adjacent hexes, in ``DIRECTIONS`` order."""
        return tuple(self + d for d in DIRECTIONS)

    def direction_to(self, other: Hex) -> int | None:
        """The direction index of an adjacent ``other``, or None if not adjacent."""
        try:
            return DIRECTIONS.index(other - self)
        except ValueError:
            return None

    def line_to(self, other: Hex) -> list[Hex]:
        """Hexes on the straight line to ``other``, both ends included.

        Both endpoints are nudged by a tiny epsilon so that lines running exactly
        along hex edges always break the same way.
        """
        n = self.distance(other)
        if n == 0:
            return [self]
        aq, ar, as_ = self.q + 1e-6, self.r + 1e-6, self.s - 2e-6
        bq, br, bs = other.q + 1e-6, other.r + 1e-6, other.s - 2e-6
        step = 1.0 / n
        return [
            hex_round(aq + (bq - aq) * step * i, ar + (br - ar) * step * i, as_ + (bs - as_) * step * i)
            for i in range(n + 1)
        ]

    def ring(self, radius: int) -> list[Hex]:
        """Hexes exactly ``radius`` steps away, in a fixed order."""
        if radius == 0:
            return [self]
        results: list[Hex] = []
        h = self + DIRECTIONS[4].scale(radius)
        for side in range(6):
            for _ in range(radius):
                results.append(h)
                h = h.neighbor(side)
        return results

    def spiral(self, radius: int) -> list[Hex]:
        """This hex followed by its rings 1..radius."""
        out = [self]
        for k in range(1, radius + 1):
            out.extend(self.ring(k))
        return out

    def range(self, radius: int) -> Iterator[Hex]:
        """All hexes within ``radius`` steps (inclusive)."""
        for dq in range(-radius, radius + 1):
            for dr in range(max(-radius, -dq - radius), min(radius, -dq + radius) + 1):
                yield Hex(self.q + dq, self.r + dr)


DIRECTIONS: tuple[Hex, ...] = (
    Hex(1, 0),
    Hex(1, -1),
    Hex(0, -1),
    Hex(-1, 0),
    Hex(-1, 1),
    Hex(0, 1),
)
"""The six axial directions. Index ``d`` and ``(d + 3) % 6`` are opposite."""


def opposite(direction: int) -> int:
    """The direction pointing back along ``direction``."""
    return (direction + 3) % 6


def hex_round(fq: float, fr: float, fs: float | None = None) -> Hex:
    """Round fractional cube coordinates to the nearest hex."""
    if fs is None:
        fs = -fq - fr
    q, r, s = round(fq), round(fr), round(fs)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return Hex(int(q), int(r))


# --- offset coordinates -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OffsetSystem:
    """How columns/rows map to axial hexes.

    ``flat`` layouts use columns shoved up/down ("q" offsets); pointy layouts use
    rows shoved left/right ("r" offsets). ``parity`` counts columns (rows) the
    way labels do, from 01: with ``"odd"`` the odd-numbered columns 01, 03, ...
    sit half a hex lower than 02, 04, ... (in Red Blob's 0-based terms that is
    "even-q"), the usual layout of printed wargame maps.
    """

    flat: bool = True
    parity: Parity = "odd"

    def to_hex(self, col: int, row: int) -> Hex:
        """Axial hex of the offset cell (col, row)."""
        offset = 1 if self.parity == "odd" else -1
        if self.flat:
            q = col
            r = row - (col + offset * (col & 1)) // 2
        else:
            r = row
            q = col - (row + offset * (row & 1)) // 2
        return Hex(q, r)

    def to_offset(self, h: Hex) -> tuple[int, int]:
        """Offset (col, row) of an axial hex."""
        offset = 1 if self.parity == "odd" else -1
        if self.flat:
            return h.q, h.r + (h.q + offset * (h.q & 1)) // 2
        return h.q + (h.r + offset * (h.r & 1)) // 2, h.r

    def label(self, h: Hex, digits: int = 2) -> str:
        """Wargame label "CCRR" (column then row, zero padded), 1-based."""
        col, row = self.to_offset(h)
        if col < 0 or row < 0:
            raise ValueError(f"hex {h} has negative offset coordinates and no label")
        width = max(digits, len(str(max(col, row) + 1)))
        return f"{col + 1:0{width}d}{row + 1:0{width}d}"

    def parse_label(self, label: str) -> Hex:
        """Inverse of ``label``; accepts an even number of digits ("0712", "012034")."""
        text = label.strip()
        if not text.isdigit() or len(text) % 2 or len(text) < 4:
            raise ValueError(f"hex label {label!r} must be an even number of digits like '0712'")
        half = len(text) // 2
        col, row = int(text[:half]) - 1, int(text[half:]) - 1
        if col < 0 or row < 0:
            raise ValueError(f"hex label {label!r}: columns and rows start at 01")
        return self.to_hex(col, row)


# --- layout (pixels) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Orientation:
    """Forward and inverse matrices plus start angle for one hex orientation."""

    f0: float
    f1: float
    f2: float
    f3: float
    b0: float
    b1: float
    b2: float
    b3: float
    start_angle: float


_S3 = math.sqrt(3.0)
POINTY = Orientation(_S3, _S3 / 2, 0.0, 1.5, _S3 / 3, -1 / 3, 0.0, 2 / 3, 0.5)
FLAT = Orientation(1.5, 0.0, _S3 / 2, _S3, 2 / 3, 0.0, -1 / 3, _S3 / 3, 0.0)


@dataclass(frozen=True, slots=True)
class Layout:
    """Plain data for drawing hexes and picking them with the mouse."""

    orientation: Orientation = FLAT
    size: tuple[float, float] = (20.0, 20.0)
    origin: tuple[float, float] = (0.0, 0.0)

    @property
    def flat(self) -> bool:
        return self.orientation is FLAT or self.orientation == FLAT

    def hex_to_pixel(self, h: Hex) -> tuple[float, float]:
        """Pixel centre of hex ``h``."""
        o = self.orientation
        x = (o.f0 * h.q + o.f1 * h.r) * self.size[0]
        y = (o.f2 * h.q + o.f3 * h.r) * self.size[1]
        return x + self.origin[0], y + self.origin[1]

    def pixel_to_fractional(self, x: float, y: float) -> tuple[float, float]:
        """Fractional axial (q, r) under pixel (x, y)."""
        o = self.orientation
        px = (x - self.origin[0]) / self.size[0]
        py = (y - self.origin[1]) / self.size[1]
        return o.b0 * px + o.b1 * py, o.b2 * px + o.b3 * py

    def pixel_to_hex(self, x: float, y: float) -> Hex:
        """The hex containing pixel (x, y)."""
        return hex_round(*self.pixel_to_fractional(x, y))

    def corner_offset(self, corner: int) -> tuple[float, float]:
        """Offset of corner 0..5 from a hex centre."""
        angle = 2.0 * math.pi * (self.orientation.start_angle - corner) / 6.0
        return self.size[0] * math.cos(angle), self.size[1] * math.sin(angle)

    def polygon_corners(self, h: Hex) -> list[tuple[float, float]]:
        """The six corner pixels of hex ``h``."""
        cx, cy = self.hex_to_pixel(h)
        return [(cx + dx, cy + dy) for dx, dy in (self.corner_offset(i) for i in range(6))]

    def edge_corners(self, h: Hex, direction: int) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two corners of the side of ``h`` facing ``direction``."""
        cx, cy = self.hex_to_pixel(h)
        nx, ny = self.hex_to_pixel(h.neighbor(direction))
        mx, my = (cx + nx) / 2, (cy + ny) / 2
        corners = self.polygon_corners(h)
        corners.sort(key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)
        return corners[0], corners[1]
