"""The shipped DejaVu Sans faces and a cache of rendered text."""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.paths import ASSET_DIR

FONT_DIR = ASSET_DIR / "fonts"
FACES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "condensed": "DejaVuSansCondensed-Bold.ttf",
}


class Fonts:
    """Font objects by (face, size) and an LRU cache of rendered strings."""

    def __init__(self, cache_size: int = 2048) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._cache_size = cache_size
        self._wraps: dict[tuple, list[str]] = {}

    def get(self, size: int, face: str = "regular") -> pygame.font.Font:
        """The font of ``face`` ('regular', 'bold', 'condensed') at a pixel size."""
        key = (face, max(6, int(size)))
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(FONT_DIR / FACES[face]), key[1])
            self._fonts[key] = font
        return font

    def text(self, text: str, size: int, color: tuple[int, int, int], face: str = "regular") -> pygame.Surface:
        """A rendered, cached line of anti-aliased text."""
        key = (text, size, color, face)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        surf = self.get(size, face).render(text, True, color)
        self._text[key] = surf
        if len(self._text) > self._cache_size:
            self._text.popitem(last=False)
        return surf

    def halo(
        self, text: str, size: int, color: tuple[int, int, int], halo: tuple[int, int, int], face: str = "bold"
    ) -> pygame.Surface:
        """Text with a 1-pixel outline so it reads on any terrain (cached)."""
        key = ("\0halo", text, size, color, halo, face)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        font = self.get(size, face)
        inner = font.render(text, True, color)
        outer = font.render(text, True, halo)
        w, h = inner.get_width() + 2, inner.get_height() + 2
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 2), (0, 2), (2, 0)):
            surf.blit(outer, (dx, dy))
        surf.blit(inner, (1, 1))
        self._text[key] = surf
        if len(self._text) > self._cache_size:
            self._text.popitem(last=False)
        return surf

    def fit(self, text: str, size: int, width: int, face: str = "regular") -> str:
        """``text`` shortened with an ellipsis to fit ``width`` pixels."""
        font = self.get(size, face)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def wrap(self, text: str, size: int, width: int, face: str = "regular") -> list[str]:
        """Split text into lines that fit ``width`` pixels (paragraphs kept); cached."""
        key = ("\0wrap", text, size, width, face)
        hit = self._wraps.get(key)
        if hit is not None:
            return hit
        lines = self._wrap(text, size, width, face)
        if len(self._wraps) > 4 * self._cache_size:
            self._wraps.clear()
        self._wraps[key] = lines
        return lines

    def _wrap(self, text: str, size: int, width: int, face: str) -> list[str]:
        font = self.get(size, face)
        lines: list[str] = []
        for para in text.split("\n"):
            words = para.split()
            if not words:
                lines.append("")
                continue
            line = words[0]
            for w in words[1:]:
                trial = f"{line} {w}"
                if font.size(trial)[0] <= width:
                    line = trial
                else:
                    lines.append(line)
                    line = w
            lines.append(line)
        return lines
