"""The map picture: terrain tiles pre-rendered per zoom level, hex overlays and labels.

The terrain (colours from the ruleset, textures, rivers on hexsides, roads,
railways, fortifications, towns, ground condition) is drawn once per zoom
level into 512-pixel tiles, lazily, and reused until the ground changes.
Overlays (control, supply, zones of control, threat, reach) are per-hex RGBA
layers rendered into tiles the same way and cached by a version key, so a
frame only blits tiles, labels and counters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable

import numpy as np
import pygame

from game.mapmodel import HexMap
from game.ruleset import Ruleset
from game.ui.camera import ZOOM_SIZES, Camera, MapGeometry
from game.ui.fonts import Fonts
from game.ui.theme import ICE, RGB, WATER, mix, parse_color, shade

TILE = 512

GROUND_TINT: dict[str, tuple[RGB, float]] = {
    "mud": ((132, 108, 72), 0.24),
    "deep_mud": ((100, 76, 48), 0.46),
    "frozen": ((214, 224, 230), 0.22),
    "snow": ((242, 245, 248), 0.68),
}


def terrain_kind(name: str, water: bool = False) -> str:
    """Texture family of a terrain name (forest, swamp, city, water, hills or clear)."""
    n = name.lower()
    if water or any(k in n for k in ("lake", "water", "sea", "reservoir")):
        return "water"
    if any(k in n for k in ("forest", "wood")):
        return "forest"
    if any(k in n for k in ("swamp", "marsh", "bog")):
        return "swamp"
    if any(k in n for k in ("city", "urban", "town")):
        return "city"
    if any(k in n for k in ("hill", "rough", "upland", "ridge")):
        return "hills"
    return "clear"


def _rand(i: int, k: int) -> float:
    """Deterministic pseudo-random number in [0, 1) for hex ``i``, draw ``k``."""
    x = (i * 2654435761 + k * 40503 + 12345) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 2246822519) & 0xFFFFFFFF
    x ^= x >> 13
    return (x & 0xFFFF) / 65536.0


class TileCache:
    """Tiles of one layer at one zoom, rendered on demand and kept until the version changes."""

    def __init__(self, render: Callable[[int, int, int], pygame.Surface | None]) -> None:
        self._render = render
        self._tiles: dict[tuple[int, int, int], pygame.Surface | None] = {}
        self.version: Hashable = None
        self.budget: list[int] | None = None
        """Tiles that may still be rendered this frame (shared list; None = no limit)."""
        self.missing = False

    def set_version(self, version: Hashable) -> None:
        if version != self.version:
            self._tiles.clear()
            self.version = version

    def tile(self, zoom: int, tx: int, ty: int) -> pygame.Surface | None:
        key = (zoom, tx, ty)
        if key not in self._tiles:
            if self.budget is not None:
                if self.budget[0] <= 0:
                    self.missing = True
                    return None
                self.budget[0] -= 1
            self._tiles[key] = self._render(zoom, tx, ty)
        return self._tiles[key]

    def has(self, zoom: int, tx: int, ty: int) -> bool:
        return (zoom, tx, ty) in self._tiles

    def draw(self, target: pygame.Surface, camera: Camera, world_size: tuple[int, int]) -> None:
        """Blit the tiles covering the camera's viewport."""
        ox, oy = camera.origin()
        x, y, w, h = camera.viewport
        tx0 = max(0, int((x - ox) // TILE))
        ty0 = max(0, int((y - oy) // TILE))
        tx1 = min((world_size[0] - 1) // TILE, int((x + w - ox) // TILE))
        ty1 = min((world_size[1] - 1) // TILE, int((y + h - oy) // TILE))
        blits = []
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                t = self.tile(camera.zoom, tx, ty)
                if t is not None:
                    blits.append((t, (round(ox + tx * TILE), round(oy + ty * TILE))))
        target.blits(blits, doreturn=False)


class MapRenderer:
    """Draws one scenario's map; owns the per-zoom tile caches."""

    def __init__(self, hex_map: HexMap, ruleset: Ruleset, fonts: Fonts) -> None:
        self.map = hex_map
        self.ruleset = ruleset
        self.fonts = fonts
        self.geometry = MapGeometry(hex_map)
        g = self.geometry
        self.corner_units = np.array(
            [g.layout(1.0).corner_offset(i) for i in range(6)], np.float64
        )  # (6, 2) at size 1
        terrain = ruleset.terrain
        self.terrain_color = np.array(
            [parse_color(terrain[n].color) if n in terrain else (160, 160, 128) for n in hex_map.terrain_names],
            np.int32,
        )
        self.terrain_kinds = [
            terrain_kind(n, terrain[n].water if n in terrain else False) for n in hex_map.terrain_names
        ]
        self.grounds: tuple[str, ...] = tuple(ruleset.movement.grounds)
        self.ground = np.zeros(hex_map.size, np.int8)
        self.base = TileCache(self._render_base)
        self.base.set_version(self.ground.tobytes())
        self.overlays: dict[str, TileCache] = {}
        self._overlay_data: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}

    # --- sizes --------------------------------------------------------------
    def world_size(self, zoom: int) -> tuple[int, int]:
        s = ZOOM_SIZES[zoom]
        g = self.geometry
        return int(math.ceil(g.width_units * s)) + 1, int(math.ceil(g.height_units * s)) + 1

    def set_ground(self, ground: np.ndarray) -> None:
        """Use this ground-condition layer (re-renders terrain tiles if it changed)."""
        if not np.array_equal(ground, self.ground):
            self.ground = ground.copy()
            self.base.set_version(self.ground.tobytes())

    # --- overlays -----------------------------------------------------------
    def set_overlay(
        self, name: str, rgba: np.ndarray, edges: np.ndarray | None = None, version: Hashable = None
    ) -> None:
        """Give an overlay its per-hex colours (uint8 [N, 4]; alpha 0 = nothing).

        ``edges`` (optional uint8 [N, 6, 4]) draws coloured hexside lines, e.g. a front line.
        ``version`` says when the data changed; by default the bytes are compared.
        """
        cache = self.overlays.get(name)
        if cache is None:
            cache = TileCache(lambda z, tx, ty, _n=name: self._render_overlay(_n, z, tx, ty))
            self.overlays[name] = cache
        if version is None:
            version = hash((rgba.tobytes(), None if edges is None else edges.tobytes()))
        if version != cache.version:
            self._overlay_data[name] = (rgba, edges)
            cache.set_version(version)

    def draw_overlay(self, name: str, target: pygame.Surface, camera: Camera) -> None:
        cache = self.overlays.get(name)
        if cache is not None:
            cache.draw(target, camera, self.world_size(camera.zoom))

    def draw_base(self, target: pygame.Surface, camera: Camera) -> None:
        self.base.draw(target, camera, self.world_size(camera.zoom))

    def set_budget(self, tiles: int | None) -> None:
        """Limit how many new tiles (all layers) a frame may render; the rest come in later frames."""
        budget = None if tiles is None else [tiles]
        for cache in (self.base, *self.overlays.values()):
            cache.budget = budget
            cache.missing = False

    @property
    def missing(self) -> bool:
        """True if the last frame skipped tiles for lack of budget."""
        return any(c.missing for c in (self.base, *self.overlays.values()))

    def prerender(self, camera: Camera) -> bool:
        """Render one terrain tile the player is likely to need next (neighbouring zoom levels); False when idle."""
        for dz in (-1, 1, -2, 2):
            z = camera.zoom + dz
            if not 0 <= z < len(ZOOM_SIZES):
                continue
            s0, s1 = ZOOM_SIZES[camera.zoom], ZOOM_SIZES[z]
            ox, oy = camera.origin()
            x, y, w, h = camera.viewport
            cx = (x + w / 2 - ox) / s0 * s1
            cy = (y + h / 2 - oy) / s0 * s1
            ww, wh = self.world_size(z)
            for ty in range(max(0, int((cy - h) // TILE)), min((wh - 1) // TILE, int((cy + h) // TILE)) + 1):
                for tx in range(max(0, int((cx - w) // TILE)), min((ww - 1) // TILE, int((cx + w) // TILE)) + 1):
                    if not self.base.has(z, tx, ty):
                        saved = self.base.budget
                        self.base.budget = None
                        self.base.tile(z, tx, ty)
                        self.base.budget = saved
                        return True
        return False

    # --- tile rendering ---------------------------------------------------------
    def _tile_hexes(self, zoom: int, tx: int, ty: int, pad: float = 1.2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Indices of hexes touching a tile and their centres in tile pixels."""
        s = ZOOM_SIZES[zoom]
        g = self.geometry
        px = (g.ux - g.min_x) * s - tx * TILE
        py = (g.uy - g.min_y) * s - ty * TILE
        m = s * pad
        sel = np.nonzero((px > -m) & (px < TILE + m) & (py > -m) & (py < TILE + m))[0]
        return sel, px[sel], py[sel]

    def _polygon(self, cx: float, cy: float, s: float, k: float = 1.0) -> list[tuple[float, float]]:
        c = self.corner_units * (s * k)
        return [(cx + c[i, 0], cy + c[i, 1]) for i in range(6)]

    def hex_fill(self, index: int) -> RGB:
        """The terrain colour of a hex under its current ground condition, with a little variation."""
        base = self.terrain_color[self.map.terrain[index]]
        color: RGB = (int(base[0]), int(base[1]), int(base[2]))
        g = int(self.ground[index])
        if 0 <= g < len(self.grounds) and self.grounds[g] in GROUND_TINT:
            tint, t = GROUND_TINT[self.grounds[g]]
            if self.terrain_kinds[self.map.terrain[index]] == "water" and self.grounds[g] in ("frozen", "snow"):
                tint, t = ICE, 0.6
            color = mix(color, tint, t)
        return shade(color, 0.965 + 0.07 * _rand(index, 0))

    def _render_base(self, zoom: int, tx: int, ty: int) -> pygame.Surface | None:
        s = ZOOM_SIZES[zoom]
        ww, wh = self.world_size(zoom)
        if tx * TILE >= ww or ty * TILE >= wh:
            return None
        surf = pygame.Surface((min(TILE, ww - tx * TILE), min(TILE, wh - ty * TILE)))
        surf.fill((34, 38, 42))
        sel, px, py = self._tile_hexes(zoom, tx, ty)
        m = self.map
        fills = {}
        for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
            color = self.hex_fill(i)
            fills[i] = color
            poly = self._polygon(cx, cy, s, 1.0)
            pygame.draw.polygon(surf, color, poly)
        if s >= 10:
            for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
                self._texture(surf, i, cx, cy, s, fills[i])
        # hex grid
        if s >= 10:
            for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
                pygame.draw.lines(surf, shade(fills[i], 0.84), True, self._polygon(cx, cy, s), 1)
        # fortifications
        for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
            if m.fort[i] > 0:
                self._fort(surf, cx, cy, s, int(m.fort[i]))
        # roads and railways: half-links from each hex centre to the edge midpoint
        mids = self._edge_midpoints(s)
        for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
            for d in range(6):
                code = int(m.road[i, d])
                if code:
                    name = m.road_names[code] if code < len(m.road_names) else "road"
                    ex, ey = cx + mids[d][0], cy + mids[d][1]
                    major = "high" in name or "paved" in name
                    w = max(2, round(s / 7)) if major else max(1, round(s / 12))
                    col = (176, 72, 48) if major else (128, 96, 62)
                    pygame.draw.line(surf, col, (cx, cy), (ex, ey), w)
                    if w >= 3:
                        pygame.draw.circle(surf, col, (cx, cy), w // 2)
                    if major and s >= 28:
                        pygame.draw.line(surf, (236, 200, 120), (cx, cy), (ex, ey), 1)
            if m.rail[i].any():
                off = s * 0.13
                for d in range(6):
                    if not m.rail[i, d]:
                        continue
                    mx, my = mids[d]
                    ln = math.hypot(mx, my) or 1.0
                    nx, ny = -my / ln * off, mx / ln * off
                    a, b = (cx + nx, cy + ny), (cx + mx + nx, cy + my + ny)
                    pygame.draw.line(surf, (40, 36, 34), a, b, max(1, round(s / 16)))
                    if s >= 20:
                        for t in (0.3, 0.7):
                            px_, py_ = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
                            tx_, ty_ = nx / off * s * 0.07, ny / off * s * 0.07
                            pygame.draw.line(surf, (40, 36, 34), (px_ - tx_, py_ - ty_), (px_ + tx_, py_ + ty_), 1)
        # rivers along hexsides
        for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
            for d in range(6):
                code = int(m.hexside[i, d])
                if not code:
                    continue
                j = int(m.neighbors[i, d])
                if 0 <= j < i:
                    continue  # drawn from the other side
                self._river(surf, i, cx, cy, s, d, code)
        # towns
        for i, cx, cy in zip(sel.tolist(), px.tolist(), py.tolist(), strict=True):
            k = int(m.settlement_at[i])
            if k >= 0:
                self._town(surf, i, cx, cy, s, m.settlements[k].size, m.settlements[k].victory_points)
        return surf

    def _edge_midpoints(self, s: float) -> list[tuple[float, float]]:
        g = self.geometry
        lay = g.layout(1.0)
        o = lay.hex_to_pixel(self.map.hex_of(0))
        out = []
        h0 = self.map.hex_of(0)
        for d in range(6):
            n = lay.hex_to_pixel(h0.neighbor(d))
            out.append(((n[0] - o[0]) / 2 * s, (n[1] - o[1]) / 2 * s))
        return out

    def _edge_corner_pair(self, d: int, s: float) -> tuple[tuple[float, float], tuple[float, float]]:
        mids = self._edge_midpoints(1.0)
        mx, my = mids[d]
        cu = self.corner_units
        pts = sorted(range(6), key=lambda c: (cu[c, 0] - mx) ** 2 + (cu[c, 1] - my) ** 2)
        a, b = self.corner_units[pts[0]] * s, self.corner_units[pts[1]] * s
        return (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))

    def _river(self, surf: pygame.Surface, i: int, cx: float, cy: float, s: float, d: int, code: int) -> None:
        name = self.map.hexside_names[code] if code < len(self.map.hexside_names) else "river"
        a, b = self._edge_corner_pair(d, s)
        p, q = (cx + a[0], cy + a[1]), (cx + b[0], cy + b[1])
        g = int(self.ground[i])
        frozen = 0 <= g < len(self.grounds) and self.grounds[g] in ("frozen", "snow")
        color = ICE if frozen else WATER
        if "canal" in name:
            w = max(2, round(s / 7))
            pygame.draw.line(surf, (40, 70, 120), p, q, w + 2)
            pygame.draw.line(surf, color, p, q, w)
            return
        major = "major" in name or "large" in name
        w = max(2, round(s / 5)) if major else max(1, round(s / 9))
        if frozen:
            pygame.draw.line(surf, (110, 140, 170), p, q, w + 2)
        pygame.draw.line(surf, color, p, q, w)
        if w >= 3:
            pygame.draw.circle(surf, color, p, w / 2)
            pygame.draw.circle(surf, color, q, w / 2)

    def _fort(self, surf: pygame.Surface, cx: float, cy: float, s: float, level: int) -> None:
        """Fortifications: a thin toothed line inside the hex edge (two for level 2 and up)."""
        col = (140, 62, 44)
        for k in range(min(level, 2)):
            poly = self._polygon(cx, cy, s, 0.84 - 0.1 * k)
            if s < 14:
                pygame.draw.lines(surf, col, True, poly, 1)
                continue
            tooth = s * 0.07
            for e in range(6):
                (x0, y0), (x1, y1) = poly[e], poly[(e + 1) % 6]
                pygame.draw.line(surf, col, (x0, y0), (x1, y1), 1)
                for t in (0.3, 0.7):
                    mx, my = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                    dx, dy = mx - cx, my - cy
                    ln = math.hypot(dx, dy) or 1.0
                    pygame.draw.line(surf, col, (mx, my), (mx - dx / ln * tooth, my - dy / ln * tooth),
                                     max(1, round(s / 20)))

    def _town(self, surf: pygame.Surface, i: int, cx: float, cy: float, s: float, size: int, vp: int) -> None:
        dark = (70, 52, 44)
        if size >= 3:
            blocks = 3 + 2 * min(size, 5)
            spread = s * (0.28 + 0.06 * min(size, 5))
            for k in range(blocks):
                bx = cx + (_rand(i, 10 + k) - 0.5) * 2 * spread
                by = cy + (_rand(i, 40 + k) - 0.5) * 2 * spread * 0.8
                bw = max(2, s * (0.12 + 0.1 * _rand(i, 70 + k)))
                bh = max(2, s * (0.1 + 0.08 * _rand(i, 90 + k)))
                pygame.draw.rect(surf, (96, 80, 72), (bx - bw / 2, by - bh / 2, bw, bh))
            r = max(2, s * 0.16)
            pygame.draw.circle(surf, (60, 40, 36), (cx, cy), r + 1)
            pygame.draw.circle(surf, (196, 56, 44) if vp else (235, 225, 210), (cx, cy), r)
        elif size == 2:
            r = max(2, s * 0.17)
            pygame.draw.rect(surf, dark, (cx - r, cy - r, 2 * r, 2 * r))
            inner = (cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2)
            pygame.draw.rect(surf, (196, 56, 44) if vp else (230, 220, 205), inner)
        else:
            r = max(1.5, s * 0.12)
            pygame.draw.circle(surf, dark, (cx, cy), r + 1)
            pygame.draw.circle(surf, (196, 56, 44) if vp else (236, 228, 214), (cx, cy), r)

    def _texture(self, surf: pygame.Surface, i: int, cx: float, cy: float, s: float, fill: RGB) -> None:
        kind = self.terrain_kinds[self.map.terrain[i]]
        if kind == "forest":
            dark = shade(fill, 0.72)
            light = shade(fill, 1.12)
            n = 5 if s < 20 else 9
            for k in range(n):
                ang = 2 * math.pi * _rand(i, k)
                rad = s * 0.62 * math.sqrt(_rand(i, k + 20))
                x, y = cx + rad * math.cos(ang), cy + rad * math.sin(ang) * 0.9
                r = max(1.5, s * (0.1 + 0.05 * _rand(i, k + 40)))
                pygame.draw.circle(surf, dark, (x, y + r * 0.3), r)
                if s >= 20:
                    pygame.draw.circle(surf, light, (x - r * 0.3, y - r * 0.2), max(1, r * 0.45))
        elif kind == "swamp":
            col = shade(fill, 0.7)
            n = 4 if s < 20 else 7
            for k in range(n):
                x = cx + (_rand(i, k) - 0.5) * s * 1.2
                y = cy + (_rand(i, k + 20) - 0.5) * s * 1.1
                w = s * 0.18
                pygame.draw.line(surf, col, (x - w, y), (x + w, y), 1)
                if s >= 14:
                    pygame.draw.line(surf, col, (x, y), (x - w * 0.4, y - w * 0.7), 1)
                    pygame.draw.line(surf, col, (x, y), (x + w * 0.4, y - w * 0.7), 1)
        elif kind == "water":
            col = shade(fill, 1.12)
            for k in range(3 if s >= 14 else 1):
                x = cx + (_rand(i, k) - 0.5) * s * 0.9
                y = cy + (_rand(i, k + 9) - 0.5) * s * 0.9
                w = s * 0.22
                pygame.draw.arc(surf, col, (x - w, y - w / 3, w, w / 1.5), 0.3, 2.8, 1)
                pygame.draw.arc(surf, col, (x, y - w / 3, w, w / 1.5), 3.4, 6.0, 1)
        elif kind == "city":
            col = shade(fill, 0.78)
            for k in range(6):
                x = cx + (_rand(i, k) - 0.5) * s * 1.1
                y = cy + (_rand(i, k + 20) - 0.5) * s * 1.0
                w = max(2, s * 0.16)
                pygame.draw.rect(surf, col, (x - w / 2, y - w / 2, w, w * 0.8))
        elif kind == "hills":
            col = shade(fill, 0.78)
            for k in range(3):
                x = cx + (_rand(i, k) - 0.5) * s * 1.0
                y = cy + (_rand(i, k + 20) - 0.5) * s * 0.9
                w = s * 0.36
                pygame.draw.arc(surf, col, (x - w / 2, y - w / 3, w, w / 1.3), 0.4, 2.7, max(1, round(s / 18)))
        elif s >= 20:
            col = shade(fill, 0.9)
            for k in range(4):
                x = cx + (_rand(i, k) - 0.5) * s * 1.2
                y = cy + (_rand(i, k + 20) - 0.5) * s * 1.1
                pygame.draw.line(surf, col, (x, y), (x + 2, y - 2), 1)
        g = int(self.ground[i])
        gname = self.grounds[g] if 0 <= g < len(self.grounds) else ""
        if gname == "snow" and kind != "water":
            for k in range(4 if s < 20 else 8):
                x = cx + (_rand(i, k + 60) - 0.5) * s * 1.3
                y = cy + (_rand(i, k + 80) - 0.5) * s * 1.2
                if 0 <= x < surf.get_width() and 0 <= y < surf.get_height():
                    surf.set_at((int(x), int(y)), (255, 255, 255))
        elif gname in ("mud", "deep_mud") and kind not in ("water", "city"):
            deep = gname == "deep_mud"
            col = shade(fill, 0.7 if deep else 0.86)
            for k in range((3 if s < 20 else 7) if deep else (1 if s < 20 else 3)):
                x = cx + (_rand(i, k + 60) - 0.5) * s * 1.1
                y = cy + (_rand(i, k + 80) - 0.5) * s * 1.0
                w = s * (0.18 + 0.1 * _rand(i, k + 99))
                pygame.draw.ellipse(surf, col, (x - w / 2, y - w / 5, w, w / 2.5))

    def _render_overlay(self, name: str, zoom: int, tx: int, ty: int) -> pygame.Surface | None:
        rgba, edges = self._overlay_data[name]
        s = ZOOM_SIZES[zoom]
        ww, wh = self.world_size(zoom)
        if tx * TILE >= ww or ty * TILE >= wh:
            return None
        sel, px, py = self._tile_hexes(zoom, tx, ty)
        keep = rgba[sel, 3] > 0
        edge_keep = np.zeros(len(sel), bool) if edges is None else (edges[sel, :, 3] > 0).any(axis=1)
        if not keep.any() and not edge_keep.any():
            return None
        surf = pygame.Surface((min(TILE, ww - tx * TILE), min(TILE, wh - ty * TILE)), pygame.SRCALPHA)
        for i, cx, cy in zip(sel[keep].tolist(), px[keep].tolist(), py[keep].tolist(), strict=True):
            c = rgba[i]
            pygame.draw.polygon(surf, (int(c[0]), int(c[1]), int(c[2]), int(c[3])), self._polygon(cx, cy, s + 0.5))
        if edges is not None:
            w = max(2, round(s / 6))
            for i, cx, cy in zip(sel[edge_keep].tolist(), px[edge_keep].tolist(), py[edge_keep].tolist(), strict=True):
                for d in range(6):
                    c = edges[i, d]
                    if c[3]:
                        a, b = self._edge_corner_pair(d, s)
                        color = tuple(int(v) for v in c)
                        pygame.draw.line(surf, color, (cx + a[0], cy + a[1]), (cx + b[0], cy + b[1]), w)
        return surf

    # --- labels -------------------------------------------------------------
    def draw_town_labels(self, target: pygame.Surface, camera: Camera) -> None:
        """Town names sized by importance (small places only when zoomed in)."""
        s = camera.size
        x, y, w, h = camera.viewport
        min_size = 4 if s < 10 else 3 if s < 14 else 2 if s < 20 else 1
        for st in self.map.settlements:
            if st.size < min_size and not st.victory_points:
                continue
            if s < 10 and st.size < 3 and not st.victory_points:
                continue
            sx, sy = camera.hex_center(st.index)
            if not (x - 80 <= sx <= x + w + 80 and y - 20 <= sy <= y + h + 20):
                continue
            px = int(min(20, max(9, s * (0.22 + 0.04 * min(st.size, 5)))))
            label = self.fonts.halo(st.name, px, (28, 24, 22), (246, 240, 226), "bold")
            target.blit(label, (sx - label.get_width() / 2, sy + s * 0.56))

    def draw_hex_labels(self, target: pygame.Surface, camera: Camera) -> None:
        """Hex coordinates ('0712') at the top of each visible hex (zoom 14 and up)."""
        s = camera.size
        if s < 14:
            return
        x0, y0, x1, y1 = camera.visible_units()
        g = self.geometry
        vis = np.nonzero((g.ux > x0 - 1) & (g.ux < x1 + 1) & (g.uy > y0 - 1) & (g.uy < y1 + 1))[0]
        px = max(7, int(s * 0.26))
        top = s * (math.sqrt(3) / 2 - 0.05)
        blits = []
        for i in vis.tolist():
            t = self.fonts.text(self.map.label_of(i), px, (40, 40, 40), "condensed")
            sx, sy = camera.hex_center(i)
            blits.append((t, (sx - t.get_width() / 2, sy - top)))
        target.blits(blits, doreturn=False)

    def hex_outline(self, camera: Camera, index: int, scale: float = 1.0) -> list[tuple[float, float]]:
        """Screen polygon of a hex."""
        cx, cy = camera.hex_center(index)
        return self._polygon(cx, cy, camera.size, scale)

    def minimap(self, width: int, control: np.ndarray | None, side_fills: tuple[RGB, RGB]) -> pygame.Surface:
        """A small picture of the whole map (terrain, towns, who controls what)."""
        g = self.geometry
        k = min(width / g.width_units, 10_000.0)
        h = max(1, int(g.height_units * k))
        surf = pygame.Surface((width, h))
        surf.fill((34, 38, 42))
        r = max(1.0, k * 0.95)
        for i in range(self.map.size):
            color = self.hex_fill(i)
            if control is not None and control[i] >= 0:
                color = mix(color, side_fills[int(control[i])], 0.35)
            x = (g.ux[i] - g.min_x) * k
            y = (g.uy[i] - g.min_y) * k
            surf.fill(color, (int(x - r), int(y - r), int(2 * r) + 1, int(2 * r) + 1))
        m = self.map
        for d in range(3):
            has = m.hexside[:, d] > 0
            for i in np.nonzero(has)[0].tolist():
                x = (g.ux[i] - g.min_x) * k
                y = (g.uy[i] - g.min_y) * k
                surf.fill(WATER, (int(x), int(y), 1, 1))
        for st in m.settlements:
            if st.size >= 2 or st.victory_points:
                x = (g.ux[st.index] - g.min_x) * k
                y = (g.uy[st.index] - g.min_y) * k
                pygame.draw.circle(surf, (40, 30, 30), (x, y), 2 if st.size >= 3 else 1.5)
        return surf
