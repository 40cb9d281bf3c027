"""The map view: terrain, overlays, counters, selection, paths and animations in one viewport."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pygame

from game.movement import Reach
from game.ruleset import MP_TICKS
from game.spec import ScenarioSpec
from game.state import MOVE_PHASES, GameState
from game.ui import overlays as ov
from game.ui import rulesinfo
from game.ui.camera import Camera
from game.ui.counters import SIZE_MARKS, CounterLook, CounterPainter, fmt_factor
from game.ui.fonts import Fonts
from game.ui.maprender import MapRenderer
from game.ui.theme import RGB, side_colors
from game.units import UnitStatus

ZOOM_ANIM_SECONDS = 0.16

OVERLAY_KEYS: dict[str, str] = {
    "control": "C",
    "zoc": "Z",
    "supply": "S",
    "threat": "T",
    "front": "H",
}
"""Overlay name -> key that toggles it."""


@dataclass
class MoveAnimation:
    """A counter gliding along a path of hex indices."""

    unit: int
    path: list[int]
    duration: float
    t: float = 0.0

    def position(self, camera: Camera) -> tuple[float, float]:
        if len(self.path) < 2:
            return camera.hex_center(self.path[-1])
        f = min(1.0, max(0.0, self.t) / self.duration) * (len(self.path) - 1)
        k = min(int(f), len(self.path) - 2)
        a, b = camera.hex_center(self.path[k]), camera.hex_center(self.path[k + 1])
        u = f - k
        u = u * u * (3 - 2 * u)
        return a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u

    @property
    def done(self) -> bool:
        return self.t >= self.duration


@dataclass
class Burst:
    """A combat flash on a hex with a floating result label."""

    hex: int
    text: str
    color: RGB
    duration: float = 1.4
    t: float = 0.0
    ring: bool = True

    @property
    def done(self) -> bool:
        return self.t >= self.duration


@dataclass
class ViewMarks:
    """What the player is doing, drawn over the map."""

    selected: list[int] = field(default_factory=list)
    reach: Reach | None = None
    hover: int = -1
    path: list[int] = field(default_factory=list)
    path_costs: list[int] = field(default_factory=list)
    attackers: list[int] = field(default_factory=list)
    target: int = -1
    highlight: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)


class MapView:
    """Draws a scenario's map and the state on it into a viewport rectangle."""

    def __init__(self, spec: ScenarioSpec, fonts: Fonts, viewport: tuple[int, int, int, int]) -> None:
        self.spec = spec
        self.fonts = fonts
        self.renderer = MapRenderer(spec.map, spec.ruleset, fonts)
        self.camera = Camera(self.renderer.geometry, viewport)
        self.painter = CounterPainter(fonts)
        self.side_fill = tuple(side_colors(spec, s) for s in (0, 1))
        self.enabled: set[str] = {"control"}
        self.show_labels = False
        self.stack_top: dict[int, int] = {}
        self.animations: list[MoveAnimation] = []
        self.bursts: list[Burst] = []
        self._state_version = -1
        self._stacks: dict[int, list[int]] = {}
        self._reach_key: object = None
        self._units_key: object = None
        self._units_cache: tuple = ([], None, None, None, 0)
        self._minimap: pygame.Surface | None = None
        self._minimap_key: object = None
        self.viewer: int | None = None
        self.tile_budget: int | None = None
        self._zoom_anim: dict | None = None
        self.settling = False
        """Something on the map still changes without input (set by ``update``): keep the full frame rate."""
        self.front_date = None
        """Date of the historical front shown (None: the state's date)."""
        """New tiles a frame may render (None: all; the interactive game uses a small number)."""
        self.visible_units: np.ndarray | None = None
        self.fog_hexes: np.ndarray | None = None

    # --- state --------------------------------------------------------------
    def sync(self, state: GameState, version: int, viewer: int | None, visible: np.ndarray | None = None,
             fog_hexes: np.ndarray | None = None) -> None:
        """Take in a new state (``version`` changes whenever the state does).

        ``visible`` masks the units the viewer may see and ``fog_hexes`` the hexes it sees (fog of war).
        """
        if version == self._state_version and viewer == self.viewer:
            return
        self._state_version = version
        self.viewer = viewer
        self.visible_units = visible
        self.fog_hexes = fog_hexes
        self.renderer.set_ground(state.hexes["ground"])
        on = state.units["status"] == UnitStatus.ON_MAP
        if visible is not None:
            on &= visible
        stacks: dict[int, list[int]] = {}
        for u in np.nonzero(on)[0].tolist():
            stacks.setdefault(int(state.units["hex"][u]), []).append(u)
        self._stacks = stacks
        self._refresh_overlays(state)

    def units_in(self, index: int) -> list[int]:
        """Visible units in a hex, top of the stack first."""
        units = list(self._stacks.get(index, []))
        top = self.stack_top.get(index)
        if top in units:
            units.remove(top)
            units.insert(0, top)
        return units

    def cycle_stack(self, index: int) -> int | None:
        """Bring the next unit of a stack to the top; returns it."""
        units = self.units_in(index)
        if len(units) < 2:
            return units[0] if units else None
        self.stack_top[index] = units[1]
        return units[1]

    def _refresh_overlays(self, state: GameState) -> None:
        from game.ui.rulesinfo import observe

        viewer = self.viewer if self.viewer is not None else state.active_side
        seen = observe(state, viewer) if self.viewer is not None else state
        if self.fog_hexes is not None:
            rgba = np.zeros((state.spec.map.size, 4), np.uint8)
            rgba[~self.fog_hexes] = (18, 20, 26, 70)
            self.renderer.set_overlay("fog", rgba, version=(self._state_version, viewer, "fog"))
        for name in self.enabled:
            data = ov.compute(name, seen, viewer, self.side_fill)
            if data is not None:
                rgba, edges = data
                self.renderer.set_overlay(name, rgba, edges, version=(self._state_version, viewer))

    def toggle(self, name: str, state: GameState) -> bool:
        """Switch an overlay on or off; returns the new setting."""
        if name == "front" and name not in self.enabled and not self.has_front(state):
            return False
        if name in self.enabled:
            self.enabled.discard(name)
            return False
        self.enabled.add(name)
        self._refresh_overlays(state)
        return True

    # --- smooth zoom ----------------------------------------------------------
    def navigate(self, event: pygame.event.Event) -> None:
        """Wheel zoom at the cursor and left-drag pan, for scenes that only view the map."""
        if event.type == pygame.MOUSEWHEEL and event.y:
            mx, my = pygame.mouse.get_pos() if not hasattr(event, "pos") else event.pos
            if self.camera.contains(mx, my):
                self.zoom(1 if event.y > 0 else -1, mx, my)
        if event.type == pygame.MOUSEMOTION and event.buttons[0] and self.camera.contains(*event.pos):
            self.camera.pan_pixels(*event.rel)

    def zoom(self, steps: int, sx: float | None = None, sy: float | None = None, smooth: bool = True) -> bool:
        """Change zoom level about a screen point; with ``smooth`` the old picture melts into the new one."""
        old = self.camera.size
        snap = None
        screen = pygame.display.get_surface() if smooth else None
        if screen is not None:
            rect = pygame.Rect(self.camera.viewport).clip(screen.get_rect())
            if rect.width > 0 and rect.height > 0:
                snap = screen.subsurface(rect).copy()
        if not self.camera.zoom_at(steps, sx, sy):
            return False
        if snap is not None:
            x, y, w, h = self.camera.viewport
            ax = (sx if sx is not None else x + w / 2) - x
            ay = (sy if sy is not None else y + h / 2) - y
            self._zoom_anim = {"snap": snap, "ratio": self.camera.size / old, "ax": ax, "ay": ay, "t": 0.0}
        return True

    def _draw_zoom_anim(self, target: pygame.Surface) -> None:
        anim = self._zoom_anim
        if anim is None:
            return
        t = min(1.0, anim["t"] / ZOOM_ANIM_SECONDS)
        k = 1.0 + (anim["ratio"] - 1.0) * (0.35 + 0.65 * t)
        snap: pygame.Surface = anim["snap"]
        w, h = snap.get_size()
        sw, sh = max(1, int(w * k)), max(1, int(h * k))
        scaled = pygame.transform.scale(snap, (sw, sh))
        scaled.set_alpha(int(255 * (1 - t) ** 1.5))
        x, y = self.camera.viewport[0], self.camera.viewport[1]
        target.blit(scaled, (x + anim["ax"] - anim["ax"] * k, y + anim["ay"] - anim["ay"] * k))

    # --- drawing ------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Advance animations and camera glides; True while something moves."""
        moving = self.camera.update(dt)
        if self._zoom_anim is not None:
            self._zoom_anim["t"] += dt
            if self._zoom_anim["t"] >= ZOOM_ANIM_SECONDS:
                self._zoom_anim = None
        for a in self.animations:
            a.t += dt
        for b in self.bursts:
            b.t += dt
        self.animations = [a for a in self.animations if not a.done]
        self.bursts = [b for b in self.bursts if not b.done]
        prerendering = False
        if self.tile_budget is not None and not moving and not self.renderer.missing:
            prerendering = self.renderer.prerender(self.camera)
        moving = moving or bool(self.animations) or bool(self.bursts)
        self.settling = moving or prerendering or self._zoom_anim is not None or self.renderer.missing
        return moving

    def draw(self, target: pygame.Surface, state: GameState, marks: ViewMarks) -> None:
        cam = self.camera
        clip = target.get_clip()
        target.set_clip(pygame.Rect(cam.viewport))
        target.fill((28, 31, 35), pygame.Rect(cam.viewport))
        self.renderer.set_budget(self.tile_budget)
        self.renderer.draw_base(target, cam)
        if self.fog_hexes is not None:
            self.renderer.draw_overlay("fog", target, cam)
        for name in ("control", "supply", "zoc", "threat"):
            if name in self.enabled:
                self.renderer.draw_overlay(name, target, cam)
        if marks.reach is not None:
            self._draw_reach(target, marks.reach)
        if "front" in self.enabled:
            self._draw_front(target, state)
        self.renderer.draw_town_labels(target, cam)
        if self.show_labels:
            self.renderer.draw_hex_labels(target, cam)
        if marks.hover >= 0:
            pygame.draw.lines(target, (255, 250, 220), True, self.renderer.hex_outline(cam, marks.hover), 2)
        for h in marks.highlight:
            pygame.draw.lines(target, (255, 210, 80), True, self.renderer.hex_outline(cam, h, 0.92), 3)
        for h in marks.targets:
            if h != marks.target:
                pygame.draw.lines(target, (230, 70, 60), True, self.renderer.hex_outline(cam, h, 0.9), 2)
        if marks.target >= 0:
            pygame.draw.lines(target, (230, 60, 50), True, self.renderer.hex_outline(cam, marks.target, 0.94), 4)
        self._draw_units(target, state, marks)
        if marks.path:
            self._draw_path(target, marks)
        self._draw_bursts(target)
        self._draw_zoom_anim(target)
        target.set_clip(clip)

    def has_front(self, state: GameState) -> bool:
        """True if the scenario has a historical front line for the current date."""
        from game.ui.history import front_line

        return front_line(self.spec, state.date) is not None

    def _draw_front(self, target: pygame.Surface, state: GameState) -> None:
        from game.ui.history import front_line

        key = self.front_date or state.date
        if key != getattr(self, "_front_key", None):
            self._front_key = key
            self._front = front_line(self.spec, key)
        if self._front is None:
            return
        date, pts = self._front
        cam = self.camera
        screen = [cam.to_screen(float(x), float(y)) for x, y in pts]
        w = max(3, cam.size // 5)
        pygame.draw.lines(target, (250, 240, 220), False, screen, w + 4)
        pygame.draw.lines(target, (150, 20, 30), False, screen, w)
        for p in screen[:: max(1, len(screen) // 6)]:
            pygame.draw.circle(target, (150, 20, 30), p, w + 2)
        label = self.fonts.halo(f"historical front {date:%d %b}", 13, (150, 20, 30), (250, 240, 220))
        x0, y0 = screen[0]
        target.blit(label, (x0 + 8, y0 + 4))

    def _draw_reach(self, target: pygame.Surface, reach: Reach) -> None:
        key = (id(reach), self._state_version)
        if key != self._reach_key:
            self._reach_key = key
            cost = reach.cost
            n = len(cost)
            rgba = np.zeros((n, 4), np.uint8)
            ok = cost > 0
            if ok.any():
                frac = cost[ok] / max(1, int(cost[ok].max()))
                rgba[ok, 0] = (255 - 90 * frac).astype(np.uint8)
                rgba[ok, 1] = (250 - 40 * frac).astype(np.uint8)
                rgba[ok, 2] = (200 - 120 * frac).astype(np.uint8)
                rgba[ok, 3] = (120 - 50 * frac).astype(np.uint8)
            unreach = cost < 0
            rgba[unreach] = (20, 20, 30, 70)
            rgba[reach.start] = (255, 240, 150, 120)
            self.renderer.set_overlay("reach", rgba, version=key)
        self.renderer.draw_overlay("reach", target, self.camera)

    def counter_px(self) -> int:
        return max(8, int(self.camera.size * 1.12))

    def look(self, state: GameState, u: int, px: int, selected: bool = False) -> CounterLook:
        """The counter picture of unit ``u`` at ``px`` pixels."""
        d = self.spec.units[u]
        steps = int(state.units["steps"][u])
        side = d.side
        fill, ink = self.side_fill[side]
        mp_left = int(state.units["mp"][u])
        active = side == state.active_side
        # dimmed: no movement left in a moving phase (moved its full allowance, or does not exploit)
        done = active and state.phase in MOVE_PHASES and mp_left == 0 and (
            bool(state.units["moved"][u]) or state.phase == "exploitation")
        return CounterLook(
            symbol=d.symbol,
            size_mark=SIZE_MARKS.get(d.size, "XX"),
            fill=fill,
            ink=ink,
            attack=fmt_factor(d.attack_per_step * steps),
            defence=fmt_factor(d.defence_per_step * steps),
            movement=fmt_factor(d.movement),
            steps=steps,
            max_steps=d.steps,
            out_of_supply=int(state.units["supply"][u]),
            disrupted=bool(state.units["disrupted"][u]),
            done=done,
            attacked=rulesinfo.attacked_this_turn(state, u),
            selected=selected,
            px=px,
        )

    def _unit_layout(self, state: GameState, marks: ViewMarks) -> tuple:
        """Counter surfaces and their positions (map units + pixel offsets), cached per state and zoom."""
        animating = frozenset(a.unit for a in self.animations)
        selected = frozenset(marks.selected) | frozenset(marks.attackers)
        key = (self._state_version, self.camera.zoom, selected, tuple(sorted(self.stack_top.items())), animating)
        if key == self._units_key:
            return self._units_cache
        px = self.counter_px()
        g = self.renderer.geometry
        order = sorted(self._stacks, key=lambda i: (g.uy[i], g.ux[i]))
        depth_px = max(1, px // 14)
        surfs: list[pygame.Surface] = []
        hexes: list[int] = []
        offs: list[tuple[float, float]] = []
        for hx in order:
            units = [u for u in self.units_in(hx) if u not in animating]
            if not units:
                continue
            top = next((u for u in units if u in selected), units[0])
            n = len(units)
            left = -px / 2 + (n - 1) * depth_px / 2
            topy = -px / 2 - (n - 1) * depth_px / 2
            for k in range(n - 1, 0, -1):
                other = units[k] if units[k] != top else units[0]
                surfs.append(self.painter.surface(self.look(state, other, px)))
                hexes.append(hx)
                offs.append((left - k * depth_px, topy + k * depth_px))
            shadow = self._shadow(px)
            surfs.append(shadow)
            hexes.append(hx)
            offs.append((left + max(1, px // 16), topy + max(1, px // 16)))
            surfs.append(self.painter.surface(self.look(state, top, px, top in selected)))
            hexes.append(hx)
            offs.append((left, topy))
        idx = np.array(hexes, np.int64)
        ux = g.ux[idx] if len(idx) else np.zeros(0)
        uy = g.uy[idx] if len(idx) else np.zeros(0)
        off = np.array(offs, np.float64).reshape(-1, 2)
        self._units_key = key
        self._units_cache = (surfs, ux, uy, off, px)
        return self._units_cache

    def _shadow(self, px: int) -> pygame.Surface:
        """A soft shadow under the top counter of a stack (cached per size)."""
        cache = self.__dict__.setdefault("_shadows", {})
        surf = cache.get(px)
        if surf is None:
            surf = pygame.Surface((px, px), pygame.SRCALPHA)
            pygame.draw.rect(surf, (0, 0, 0, 90), (0, 0, px, px), border_radius=max(1, px // 10))
            cache[px] = surf
        return surf

    def _draw_units(self, target: pygame.Surface, state: GameState, marks: ViewMarks) -> None:
        cam = self.camera
        surfs, ux, uy, off, px = self._unit_layout(state, marks)
        if surfs:
            x, y, w, h = cam.viewport
            s = cam.size
            sx = np.rint(x + w / 2 + (ux - cam.cx) * s + off[:, 0]).astype(np.int64)
            sy = np.rint(y + h / 2 + (uy - cam.cy) * s + off[:, 1]).astype(np.int64)
            vis = np.nonzero((sx > x - px) & (sx < x + w) & (sy > y - px) & (sy < y + h))[0]
            sxl, syl = sx.tolist(), sy.tolist()
            target.blits([(surfs[i], (sxl[i], syl[i])) for i in vis.tolist()], doreturn=False)
        for a in self.animations:
            ax, ay = a.position(cam)
            surf = self.painter.surface(self.look(state, a.unit, px, True))
            target.blit(surf, (round(ax - px / 2), round(ay - px / 2)))

    def _draw_path(self, target: pygame.Surface, marks: ViewMarks) -> None:
        cam = self.camera
        pts = [cam.hex_center(i) for i in marks.path]
        if len(pts) < 2:
            return
        w = max(3, cam.size // 6)
        pygame.draw.lines(target, (30, 30, 30), False, pts, w + 2)
        pygame.draw.lines(target, (255, 226, 110), False, pts, w)
        end = pts[-1]
        pygame.draw.circle(target, (30, 30, 30), end, w * 1.6 + 1)
        pygame.draw.circle(target, (255, 226, 110), end, w * 1.6)
        if marks.reach is not None and marks.reach.stop_in_zoc[marks.path[-1]]:
            t = self.fonts.halo("ZOC: stops here", max(11, cam.size // 3), (200, 30, 20), (255, 240, 220))
            target.blit(t, (end[0] - t.get_width() / 2, end[1] + cam.size * 0.45))
        for p, c in zip(pts[1:], marks.path_costs[1:], strict=False):
            t = self.fonts.halo(f"{c / MP_TICKS:g}", max(10, cam.size // 3), (20, 20, 20), (255, 240, 190))
            target.blit(t, (p[0] - t.get_width() / 2, p[1] - cam.size * 0.75))

    def _draw_bursts(self, target: pygame.Surface) -> None:
        cam = self.camera
        for b in self.bursts:
            if b.t < 0:
                continue
            cx, cy = cam.hex_center(b.hex)
            f = b.t / b.duration
            if b.ring:
                r = cam.size * (0.4 + 1.2 * f)
                alpha = max(0, int(220 * (1 - f)))
                ring = pygame.Surface((int(2 * r) + 4, int(2 * r) + 4), pygame.SRCALPHA)
                pygame.draw.circle(ring, (*b.color, alpha), (r + 2, r + 2), r, max(2, int(cam.size / 5)))
                target.blit(ring, (cx - r - 2, cy - r - 2))
                label = self.fonts.halo(b.text, max(12, cam.size // 2 + 4), b.color, (15, 15, 15))
                y = cy - cam.size - 12 - 24 * f
            else:
                label = self.fonts.halo(b.text, max(11, cam.size // 3 + 4), b.color, (15, 15, 15))
                y = cy + cam.size * 0.2 + 10 * f
            label.set_alpha(max(0, int(255 * (1.2 - f))))
            target.blit(label, (cx - label.get_width() / 2, y))

    # --- minimap ------------------------------------------------------------
    def draw_minimap(self, target: pygame.Surface, rect: pygame.Rect, state: GameState) -> pygame.Rect:
        """Draw the minimap into ``rect`` with the viewport frame; returns the map picture's rect."""
        key = (self.renderer.base.version, state.hexes["control"].tobytes(), rect.size, self._state_version)
        if key != self._minimap_key or self._minimap is None:
            self._minimap_key = key
            fills = (self.side_fill[0][0], self.side_fill[1][0])
            mm = self.renderer.minimap(rect.width, state.hexes["control"], fills)
            if mm.get_height() > rect.height:
                scale = rect.height / mm.get_height()
                mm = pygame.transform.smoothscale(mm, (max(1, int(mm.get_width() * scale)), rect.height))
            self._minimap_units(mm)
            self._minimap = mm
        mm = self._minimap
        pic = mm.get_rect(midtop=rect.midtop)
        target.blit(mm, pic)
        g = self.renderer.geometry
        k = pic.width / g.width_units
        x0, y0, x1, y1 = self.camera.visible_units()
        frame = pygame.Rect(
            pic.x + (x0 - g.min_x) * k, pic.y + (y0 - g.min_y) * k, (x1 - x0) * k, (y1 - y0) * k
        ).clip(pic)
        pygame.draw.rect(target, (255, 236, 150), frame, 1)
        pygame.draw.rect(target, (90, 84, 70), pic, 1)
        return pic

    def _minimap_units(self, mm: pygame.Surface) -> None:
        """Dots for the visible stacks, in side colours."""
        g = self.renderer.geometry
        k = mm.get_width() / g.width_units
        r = max(1, int(k * 0.45))
        for hx, units in self._stacks.items():
            side = self.spec.units[units[0]].side
            x, y = int((g.ux[hx] - g.min_x) * k), int((g.uy[hx] - g.min_y) * k)
            mm.fill((20, 20, 20), (x - r - 1, y - r - 1, 2 * r + 2, 2 * r + 2))
            mm.fill(self.side_fill[side][0], (x - r, y - r, 2 * r, 2 * r))

    def minimap_to_units(self, pic: pygame.Rect, sx: int, sy: int) -> tuple[float, float]:
        g = self.renderer.geometry
        k = pic.width / g.width_units
        return g.min_x + (sx - pic.x) / k, g.min_y + (sy - pic.y) / k
