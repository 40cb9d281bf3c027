"""Colours and sizes shared by every screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.spec import ScenarioSpec

RGB = tuple[int, int, int]

BG: RGB = (24, 26, 30)
PANEL: RGB = (36, 39, 45)
PANEL_2: RGB = (46, 50, 58)
PANEL_EDGE: RGB = (78, 72, 58)
TEXT: RGB = (232, 228, 216)
MUTED: RGB = (160, 158, 150)
ACCENT: RGB = (214, 172, 84)
GOOD: RGB = (120, 190, 110)
BAD: RGB = (222, 96, 80)
WARN: RGB = (236, 170, 60)
WATER: RGB = (56, 104, 168)
ICE: RGB = (170, 200, 224)

TOP_BAR_H = 38
BOTTOM_BAR_H = 36
SIDEBAR_W = 330

_SIDE_DEFAULTS: dict[str, tuple[RGB, RGB]] = {
    "german": ((163, 176, 188), (22, 28, 34)),
    "axis": ((163, 176, 188), (22, 28, 34)),
    "soviet": ((186, 84, 62), (255, 244, 226)),
    "red": ((186, 84, 62), (255, 244, 226)),
}
_FALLBACK = (((163, 176, 188), (22, 28, 34)), ((186, 84, 62), (255, 244, 226)))


def parse_color(text: str, default: RGB = (128, 128, 128)) -> RGB:
    """``"#rrggbb"`` (or ``"#rgb"``) to an RGB tuple; ``default`` when unreadable."""
    s = text.strip().lstrip("#")
    if len(s) == 3:
        s = "".join(ch * 2 for ch in s)
    try:
        return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))
    except (ValueError, IndexError):
        return default


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear blend from ``a`` (t=0) to ``b`` (t=1)."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def shade(c: RGB, k: float) -> RGB:
    """Scale a colour's brightness (k<1 darker, k>1 lighter), clamped."""
    return (min(255, max(0, round(c[0] * k))), min(255, max(0, round(c[1] * k))), min(255, max(0, round(c[2] * k))))


def luminance(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def side_colors(spec: ScenarioSpec, side: int) -> tuple[RGB, RGB]:
    """(counter fill, ink) for a side: the scenario's colour if it sets one, else the classic defaults."""
    s = spec.sides[side]
    fill, ink = _SIDE_DEFAULTS.get(s.id.lower(), _FALLBACK[side])
    if s.color and s.color.lower() not in ("#808080", "#888888"):
        fill = parse_color(s.color, fill)
        ink = (20, 22, 26) if luminance(fill) > 140 else (250, 246, 236)
    return fill, ink
