"""NATO counters drawn by the program, cached per look.

A counter shows the side colour, the unit-size mark (XX division, X brigade,
...), the NATO symbol (infantry, armour, motorized, cavalry, fortified, ski,
airborne, HQ), attack-defence-movement, remaining steps as pips and status
marks (out of supply, disrupted, moved, attacked).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import RGB, mix, shade

SIZE_MARKS = {"army": "XXXX", "corps": "XXX", "division": "XX", "brigade": "X", "regiment": "III"}


@dataclass(frozen=True)
class CounterLook:
    """Everything that changes a counter's picture (the cache key)."""

    symbol: str
    size_mark: str
    fill: RGB
    ink: RGB
    attack: str
    defence: str
    movement: str
    steps: int
    max_steps: int
    out_of_supply: int = 0  # 0 supplied, 1 low, 2 out
    disrupted: bool = False
    done: bool = False  # no movement left / already acted
    attacked: bool = False
    selected: bool = False
    px: int = 40


def fmt_factor(x: float) -> str:
    """Strength figure as printed on a counter (no trailing .0)."""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-6 else f"{x:.1f}".rstrip("0").rstrip(".")


class CounterPainter:
    """Renders ``CounterLook``s to cached surfaces."""

    def __init__(self, fonts: Fonts, cache_size: int = 4096) -> None:
        self.fonts = fonts
        self._cache: dict[CounterLook, pygame.Surface] = {}
        self._cache_size = cache_size

    def surface(self, look: CounterLook) -> pygame.Surface:
        surf = self._cache.get(look)
        if surf is None:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            surf = self._paint(look)
            self._cache[look] = surf
        return surf

    # --- painting ---------------------------------------------------------
    def _paint(self, k: CounterLook) -> pygame.Surface:
        c = k.px
        surf = pygame.Surface((c, c), pygame.SRCALPHA)
        radius = max(1, c // 10)
        fill = k.fill
        pygame.draw.rect(surf, fill, (0, 0, c, c), border_radius=radius)
        if c >= 16:
            pygame.draw.line(surf, shade(fill, 1.18), (radius, 1), (c - radius - 1, 1))
            pygame.draw.line(surf, shade(fill, 1.18), (1, radius), (1, c - radius - 1))
        edge = (255, 214, 90) if k.selected else shade(fill, 0.45)
        pygame.draw.rect(surf, edge, (0, 0, c, c), width=max(1, c // 18) + (1 if k.selected else 0),
                         border_radius=radius)
        ink = k.ink
        if c < 16:
            box = pygame.Rect(0, 0, max(4, int(c * 0.7)), max(3, int(c * 0.45)))
            box.center = (c // 2, c // 2)
            pygame.draw.rect(surf, ink, box, 1)
            self._symbol(surf, k.symbol, box, ink, fill, thin=True)
        else:
            self._full(surf, k, c, ink, fill)
        if k.done:
            veil = pygame.Surface((c, c), pygame.SRCALPHA)
            veil.fill((20, 20, 20, 125))  # clearly darker than a counter that may still act
            surf.blit(veil, (0, 0))
        return surf

    def _full(self, surf: pygame.Surface, k: CounterLook, c: int, ink: RGB, fill: RGB) -> None:
        f = self.fonts
        mark_px = max(7, int(c * 0.17))
        mark = f.text(k.size_mark, mark_px, ink, "condensed")
        surf.blit(mark, ((c - mark.get_width()) // 2, max(1, int(c * 0.04))))
        bw, bh = int(c * 0.58), int(c * 0.36)
        box = pygame.Rect((c - bw) // 2, int(c * 0.24), bw, bh)
        pygame.draw.rect(surf, mix(fill, (255, 255, 255), 0.18), box)
        pygame.draw.rect(surf, ink, box, max(1, c // 28))
        self._symbol(surf, k.symbol, box, ink, fill, thin=c < 30)
        num_px = max(7, int(c * 0.25))
        line = f"{k.attack}-{k.defence}-{k.movement}"
        text = f.text(line, num_px, ink, "condensed")
        if text.get_width() > c - 4:
            text = pygame.transform.smoothscale(text, (c - 4, text.get_height()))
        surf.blit(text, ((c - text.get_width()) // 2, c - text.get_height() - max(1, int(c * 0.03))))
        # step pips down the left edge
        pip = max(2, c // 14)
        gap = max(1, pip // 2)
        x0 = max(2, c // 20)
        y0 = int(c * 0.26)
        for i in range(k.max_steps):
            r = pygame.Rect(x0, y0 + i * (pip + gap), pip, pip)
            if i < k.steps:
                pygame.draw.rect(surf, ink, r)
            else:
                pygame.draw.rect(surf, shade(fill, 0.6), r, 1)
        # status marks, top right then down
        badge = max(6, int(c * 0.24))
        bx = c - badge - max(1, c // 24)
        by = max(1, c // 24)
        for color, letter, on in (
            ((236, 150, 40) if k.out_of_supply == 1 else (214, 52, 40), "S", k.out_of_supply > 0),
            ((150, 40, 160), "D", k.disrupted),
            ((40, 40, 40), "A", k.attacked),
        ):
            if not on:
                continue
            rect = pygame.Rect(bx, by, badge, badge)
            pygame.draw.ellipse(surf, color, rect)
            pygame.draw.ellipse(surf, (255, 255, 255), rect, 1)
            t = f.text(letter, max(6, int(badge * 0.8)), (255, 255, 255), "condensed")
            surf.blit(t, t.get_rect(center=rect.center))
            by += badge + 1

    @staticmethod
    def _symbol(surf: pygame.Surface, symbol: str, box: pygame.Rect, ink: RGB, fill: RGB, thin: bool) -> None:
        w = 1 if thin else max(1, box.height // 9)
        inner = box.inflate(-2, -2)
        x0, y0, x1, y1 = inner.left, inner.top, inner.right - 1, inner.bottom - 1
        cx, cy = inner.center
        if symbol in ("infantry", "ski", "airborne", "motorized", "mechanized"):
            pygame.draw.line(surf, ink, (x0, y0), (x1, y1), w)
            pygame.draw.line(surf, ink, (x0, y1), (x1, y0), w)
        if symbol in ("armour", "mechanized"):
            oval = pygame.Rect(0, 0, int(inner.width * 0.72), int(inner.height * 0.62))
            oval.center = inner.center
            pygame.draw.ellipse(surf, ink, oval, w)
        if symbol == "motorized":
            pygame.draw.line(surf, ink, (cx, y0), (cx, y1), w)
        if symbol == "cavalry":
            pygame.draw.line(surf, ink, (x0, y1), (x1, y0), w)
        if symbol == "ski":
            d = max(2, inner.height // 5)
            pygame.draw.line(surf, ink, (x0 + d, y1 + 1 - w), (x1 - d, y1 + 1 - w), w)
            pygame.draw.line(surf, ink, (cx - d, y1 - d), (cx - d - d, y1), w)
            pygame.draw.line(surf, ink, (cx + d, y1 - d), (cx + d + d, y1), w)
        if symbol == "airborne":
            r = pygame.Rect(0, 0, inner.width // 2, inner.height // 2)
            r.midbottom = (cx, y1 + 1)
            pygame.draw.arc(surf, ink, r, 0, 3.1416, w)
        if symbol == "fortified":
            step = max(3, inner.width // 5)
            pts = []
            x = x0
            up = True
            while x <= x1:
                pts.append((x, cy - step // 2 if up else cy + step // 2))
                x += step
                up = not up
            if len(pts) > 1:
                pygame.draw.lines(surf, ink, False, pts, w)
        if symbol == "hq":
            pygame.draw.line(surf, ink, (x0 + 2, y0), (x0 + 2, y1), w)
            pygame.draw.rect(surf, ink, (x0 + 2, y0, inner.width // 2, inner.height // 2))
