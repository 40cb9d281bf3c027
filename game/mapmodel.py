"""The hex map: a rectangle of hexes holding numpy layers indexed by hex.

A hex is addressed three ways: its axial ``Hex``, its flat integer index
(``row * width + col``, used by every numpy layer) and its label ("0712").
Codes stored in the layers (terrain, hexside features, road types) index the
name tuples carried by the map, which come from the ruleset; the map holds no
rule numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from game.hexgrid import Hex, OffsetSystem, opposite


@dataclass(frozen=True)
class Settlement:
    """A named place on the map."""

    name: str
    index: int
    size: int = 1
    victory_points: int = 0
    place_id: str = ""


@dataclass(eq=False)
class HexMap:
    """A rectangular hex map with per-hex and per-hexside numpy layers.

    Layers (N = width * height):

    * ``terrain``: int8[N], index into ``terrain_names``
    * ``hexside``: int8[N, 6], index into ``hexside_names`` (0 = nothing)
    * ``road``: int8[N, 6], index into ``road_names`` (0 = no road)
    * ``rail``: bool[N, 6], a railway link to the neighbour
    * ``fort``: int8[N], fortification level (0 = none)
    * ``settlement_at``: int32[N], index into ``settlements`` or -1
    """

    width: int
    height: int
    offsets: OffsetSystem
    terrain_names: tuple[str, ...]
    terrain: np.ndarray
    hexside_names: tuple[str, ...] = ("none",)
    hexside: np.ndarray = field(default=None)  # type: ignore[assignment]
    road_names: tuple[str, ...] = ("none",)
    road: np.ndarray = field(default=None)  # type: ignore[assignment]
    rail: np.ndarray = field(default=None)  # type: ignore[assignment]
    fort: np.ndarray = field(default=None)  # type: ignore[assignment]
    settlements: tuple[Settlement, ...] = ()
    name: str = "map"

    def __post_init__(self) -> None:
        n = self.width * self.height
        if self.hexside is None:
            self.hexside = np.zeros((n, 6), np.int8)
        if self.road is None:
            self.road = np.zeros((n, 6), np.int8)
        if self.rail is None:
            self.rail = np.zeros((n, 6), bool)
        if self.fort is None:
            self.fort = np.zeros(n, np.int8)
        self.terrain = np.asarray(self.terrain, np.int8)
        if self.terrain.shape != (n,):
            raise ValueError(f"terrain layer has shape {self.terrain.shape}, expected ({n},)")
        cols = np.tile(np.arange(self.width), self.height)
        rows = np.repeat(np.arange(self.height), self.width)
        off = 1 if self.offsets.parity == "odd" else -1
        if self.offsets.flat:  # vectorised OffsetSystem.to_hex
            qs, rs = cols, rows - (cols + off * (cols & 1)) // 2
        else:
            qs, rs = cols - (rows + off * (rows & 1)) // 2, rows
        self.q, self.r = qs.astype(np.int32), rs.astype(np.int32)
        self.neighbors = self._build_neighbors()

    # --- addressing -------------------------------------------------------
    @property
    def size(self) -> int:
        """Number of hexes."""
        return self.width * self.height

    def hex_of(self, index: int) -> Hex:
        """Axial hex of a flat index."""
        return Hex(int(self.q[index]), int(self.r[index]))

    def index_of(self, h: Hex) -> int:
        """Flat index of ``h``; raises KeyError if off the map."""
        return self._index_of[h]

    def contains(self, h: Hex) -> bool:
        """True if ``h`` lies on the map."""
        return h in self._index_of

    def label_of(self, index: int) -> str:
        """Label such as "0712" of a flat index."""
        return self.offsets.label(self.hex_of(index), self.label_digits)

    def index_of_label(self, label: str) -> int:
        """Flat index of a label; raises ValueError if malformed or off the map."""
        h = self.offsets.parse_label(label)
        if h not in self._index_of:
            raise ValueError(f"hex {label} is off the {self.width}x{self.height} map")
        return self._index_of[h]

    @cached_property
    def label_digits(self) -> int:
        return max(2, len(str(max(self.width, self.height))))

    def terrain_name(self, index: int) -> str:
        return self.terrain_names[int(self.terrain[index])]

    def settlement_by_name(self, name: str) -> Settlement | None:
        """Settlement with this name or place id (case-insensitive), if any."""
        key = name.casefold()
        for s in self.settlements:
            if s.name.casefold() == key or s.place_id.casefold() == key:
                return s
        return None

    @cached_property
    def settlement_at(self) -> np.ndarray:
        out = np.full(self.size, -1, np.int32)
        for k, s in enumerate(self.settlements):
            out[s.index] = k
        return out

    @cached_property
    def _index_of(self) -> dict[Hex, int]:
        return {Hex(int(q), int(r)): i for i, (q, r) in enumerate(zip(self.q, self.r, strict=True))}

    # --- adjacency --------------------------------------------------------
    def flat_index(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Flat indices of axial coordinates (vectorised ``index_of``), -1 where off the map."""
        off = 1 if self.offsets.parity == "odd" else -1
        if self.offsets.flat:  # vectorised OffsetSystem.to_offset
            col, row = q, r + (q + off * (q & 1)) // 2
        else:
            col, row = q + (r + off * (r & 1)) // 2, r
        inside = (col >= 0) & (col < self.width) & (row >= 0) & (row < self.height)
        return np.where(inside, row * self.width + col, -1).astype(np.int32)

    def _build_neighbors(self) -> np.ndarray:
        from game.hexgrid import DIRECTIONS

        q = self.q.astype(np.int64)
        r = self.r.astype(np.int64)
        return np.stack([self.flat_index(q + dh.q, r + dh.r) for dh in DIRECTIONS], axis=1)

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Directed edges as (source index, target index, direction), source-major."""
        src, d = np.nonzero(self.neighbors >= 0)
        dst = self.neighbors[src, d]
        return src.astype(np.int32), dst.astype(np.int32), d.astype(np.int8)

    @cached_property
    def adjacency(self) -> sp.csr_matrix:
        """Sparse adjacency graph (weight 1 per edge) for searches."""
        src, dst, _ = self.edges
        return sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(self.size, self.size))

    def set_hexside(self, index: int, direction: int, code: int) -> None:
        """Set a hexside feature on both sides of the shared edge."""
        self.hexside[index, direction] = code
        j = self.neighbors[index, direction]
        if j >= 0:
            self.hexside[j, opposite(direction)] = code

    def set_link(self, layer: np.ndarray, index: int, direction: int, code: int | bool) -> None:
        """Set a road or rail link in both directions."""
        layer[index, direction] = code
        j = self.neighbors[index, direction]
        if j >= 0:
            layer[j, opposite(direction)] = code

    def content_arrays(self) -> list[np.ndarray]:
        """The layers that define the map's content (for hashing)."""
        return [self.terrain, self.hexside, self.road, self.rail.astype(np.int8), self.fort]
