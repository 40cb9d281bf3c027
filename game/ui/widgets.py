"""Small hand-made widgets in the game's look: panels, buttons, text blocks, lists."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.fonts import Fonts
from game.ui.theme import ACCENT, MUTED, PANEL, PANEL_2, PANEL_EDGE, RGB, TEXT, shade


def panel(surface: pygame.Surface, rect: pygame.Rect, title: str = "", fonts: Fonts | None = None,
          color: RGB = PANEL) -> pygame.Rect:
    """A framed panel; returns the content rectangle below the title."""
    pygame.draw.rect(surface, color, rect, border_radius=6)
    pygame.draw.rect(surface, PANEL_EDGE, rect, 1, border_radius=6)
    inner = rect.inflate(-16, -12)
    if title and fonts is not None:
        t = fonts.text(title.upper(), 12, ACCENT, "bold")
        surface.blit(t, (inner.x, inner.y))
        y = inner.y + t.get_height() + 4
        pygame.draw.line(surface, shade(PANEL_EDGE, 0.9), (inner.x, y - 2), (inner.right, y - 2))
        inner = pygame.Rect(inner.x, y + 2, inner.width, inner.bottom - y - 2)
    return inner


@dataclass
class Button:
    """A clickable button with a keyboard hint; ``action`` names what it does."""

    rect: pygame.Rect
    label: str
    action: str
    hint: str = ""
    enabled: bool = True
    primary: bool = False

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)

    def draw(self, surface: pygame.Surface, fonts: Fonts, mouse: tuple[int, int] | None = None) -> None:
        hover = self.enabled and mouse is not None and self.rect.collidepoint(mouse)
        base = (120, 88, 40) if self.primary else PANEL_2
        if hover:
            base = shade(base, 1.3)
        if not self.enabled:
            base = shade(PANEL, 1.05)
        pygame.draw.rect(surface, base, self.rect, border_radius=5)
        pygame.draw.rect(surface, ACCENT if (hover or self.primary) and self.enabled else PANEL_EDGE, self.rect, 1,
                         border_radius=5)
        color = TEXT if self.enabled else MUTED
        room = self.rect.width - 14 - (fonts.get(11).size(self.hint)[0] + 8 if self.hint else 0)
        label = fonts.text(fonts.fit(self.label, 14, max(20, room), "bold"), 14, color, "bold")
        if self.hint:
            hint = fonts.text(self.hint, 11, MUTED)
            total = label.get_width() + 8 + hint.get_width()
            x = self.rect.centerx - total // 2
            surface.blit(label, (x, self.rect.centery - label.get_height() // 2))
            surface.blit(hint, (x + label.get_width() + 8, self.rect.centery - hint.get_height() // 2 + 1))
        else:
            surface.blit(label, label.get_rect(center=self.rect.center))


def button_at(buttons: list[Button], pos: tuple[int, int]) -> Button | None:
    for b in buttons:
        if b.hit(pos):
            return b
    return None


def row_of_buttons(
    specs: list[tuple[str, str, str]], x: int, y: int, h: int, gap: int = 8, fonts: Fonts | None = None,
    min_w: int = 90,
) -> list[Button]:
    """Buttons laid out left to right from (label, action, hint) triples, sized to their text."""
    out = []
    for label, action, hint in specs:
        w = min_w
        if fonts is not None:
            w = max(min_w, fonts.get(14, "bold").size(label)[0] + (fonts.get(11).size(hint)[0] + 8 if hint else 0) + 24)
        out.append(Button(pygame.Rect(x, y, w, h), label, action, hint))
        x += w + gap
    return out


def text_lines(
    surface: pygame.Surface, fonts: Fonts, lines: list[tuple[str, int, RGB, str]], x: int, y: int,
    width: int, bottom: int | None = None, spacing: int = 2, skip: int = 0,
    rows: list[tuple[str, pygame.Rect]] | None = None,
) -> int:
    """Draw (text, size, colour, face) lines wrapped to ``width``; returns the y below the last line.

    ``skip`` leaves out the first rows after wrapping (scrolling); ``rows`` collects (row text, its rect).
    """
    for text, size, color, face in lines:
        for line in fonts.wrap(text, size, width, face) if text else [""]:
            if skip > 0:
                skip -= 1
                continue
            h = fonts.get(size, face).get_linesize()
            if bottom is not None and y + h > bottom:
                return y
            if line:
                t = fonts.text(line, size, color, face)
                surface.blit(t, (x, y))
                if rows is not None:
                    rows.append((line, pygame.Rect(x, y, t.get_width(), h)))
            y += h + spacing - 2
    return y


@dataclass
class ScrollBox:
    """Where a panel's content went: the visible rect, the content's full height and how far it is scrolled.

    ``rows`` are the text rows drawn, as (text, rect in window pixels); rows outside ``view`` are clipped.
    """

    rect: pygame.Rect
    view: pygame.Rect
    content_h: int = 0
    scroll: int = 0
    rows: list[tuple[str, pygame.Rect]] | None = None
    footer_h: int = 0
    footer: pygame.Rect | None = None
    footer_from: int = -1
    """Where the footer's rows begin in ``rows`` (-1: no footer)."""

    @property
    def need(self) -> int:
        """The panel height that shows all of the content without scrolling."""
        return self.content_h + (self.view.y - self.rect.y) + (self.rect.bottom - self.view.bottom)

    @property
    def visible(self) -> pygame.Rect:
        """The part of the panel where content can be seen (the scrolling content and the footer)."""
        return self.view.union(self.footer) if self.footer is not None else self.view

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.view.height)

    def visible_rows(self) -> list[tuple[str, pygame.Rect]]:
        """The rows drawn whole where they can be seen: above the footer (scrolled content) or in it."""
        rows = self.rows or []
        cut = self.footer_from if self.footer_from >= 0 else len(rows)
        return ([(t, r) for t, r in rows[:cut] if self.view.contains(r)]
                + [(t, r) for t, r in rows[cut:] if self.footer is not None and self.footer.contains(r)])


def scroll_bar(surface: pygame.Surface, box: ScrollBox) -> None:
    """A thin bar in the panel's right margin when its content is taller than the panel (and where it is)."""
    if box.max_scroll <= 0:
        return
    track = pygame.Rect(box.rect.right - 7, box.view.y, 4, box.view.height)
    pygame.draw.rect(surface, shade(PANEL_EDGE, 0.8), track, border_radius=1)
    thumb_h = max(16, track.height * box.view.height // max(1, box.content_h))
    top = track.y + (track.height - thumb_h) * min(box.scroll, box.max_scroll) // box.max_scroll
    pygame.draw.rect(surface, ACCENT, (track.x, top, track.width, thumb_h), border_radius=1)


def measure_clip(surface: pygame.Surface) -> pygame.Rect:
    """Set an empty clip on ``surface`` (drawing then only measures) and return the clip to put back."""
    old = surface.get_clip()
    surface.set_clip(pygame.Rect(0, 0, 0, 0))
    return old


def text_lines_height(fonts: Fonts, lines: list[tuple[str, int, RGB, str]], width: int, spacing: int = 2) -> int:
    """The height ``text_lines`` takes to draw all of ``lines`` wrapped to ``width``."""
    return sum((len(fonts.wrap(text, size, width, face)) if text else 1)
               * (fonts.get(size, face).get_linesize() + spacing - 2) for text, size, _color, face in lines)


def text_rows_fit(fonts: Fonts, lines: list[tuple[str, int, RGB, str]], width: int, height: int, spacing: int = 2,
                  skip: int = 0) -> bool:
    """Whether ``text_lines`` with these arguments draws every row after the first ``skip`` in ``height``."""
    y = 0
    for text, size, _color, face in lines:
        for _line in fonts.wrap(text, size, width, face) if text else [""]:
            if skip > 0:
                skip -= 1
                continue
            h = fonts.get(size, face).get_linesize()
            if y + h > height:
                return False
            y += h + spacing - 2
    return True


def lines_fitting_at_end(fonts: Fonts, lines: list[tuple[str, int, RGB, str]], width: int, height: int,
                         spacing: int = 2) -> int:
    """How many of the last ``lines`` ``text_lines`` shows whole in ``height`` (the deepest useful scroll)."""
    y, count = 0, 0
    for line in reversed(lines):
        y += text_lines_height(fonts, [line], width, spacing)
        if y > height:
            break
        count += 1
    return count


def key_value(surface: pygame.Surface, fonts: Fonts, key: str, value: str, x: int, y: int, width: int,
              value_color: RGB = TEXT) -> int:
    """A muted label and its value on one line; returns the next y."""
    k = fonts.text(key, 13, MUTED)
    surface.blit(k, (x, y))
    v = fonts.text(value, 13, value_color, "bold")
    if v.get_width() > width - 90:
        lines = fonts.wrap(value, 13, width - 90, "bold")
        for ln in lines:
            surface.blit(fonts.text(ln, 13, value_color, "bold"), (x + 90, y))
            y += 17
        return y
    surface.blit(v, (x + 90, y))
    return y + 18


def dim(surface: pygame.Surface, alpha: int = 150) -> None:
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((10, 12, 14, alpha))
    surface.blit(veil, (0, 0))
