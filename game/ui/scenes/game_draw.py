"""The game screen's drawing: map, top bar, sidebar (unit / hex / preview / log / minimap), bottom bar."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.ruleset import MP_TICKS
from game.state import MOVE_PHASES
from game.ui import rulesinfo
from game.ui.fonts import Fonts
from game.ui.panels import draw_hex_panel, draw_log, draw_preview, draw_top_bar, draw_unit_panel
from game.ui.theme import BG, BOTTOM_BAR_H, MUTED, PANEL, PANEL_EDGE, SIDEBAR_W, TOP_BAR_H
from game.ui.widgets import Button, ScrollBox, measure_clip, row_of_buttons

LOG_MIN_H = 76
"""The log at its smallest: its tabs and two lines."""
MINIMAP_MAX_H = 210
HINT_MIN_W = 400
"""The bottom bar's text gets at least this wide; narrower, the buttons leave their keys out."""


@dataclass
class SidebarLayout:
    """The sidebar's parts in window pixels; ``log`` and ``minimap`` are None while they give way."""

    top: pygame.Rect
    log: pygame.Rect | None
    minimap: pygame.Rect | None


@dataclass
class BottomLayout:
    """The bottom bar: its buttons, the area its text may use and the text's lines (``strip``: shown above)."""

    rect: pygame.Rect
    buttons: list[Button]
    area: pygame.Rect
    color: tuple[int, int, int]
    size: int = 14
    lines: list[str] = field(default_factory=list)
    strip: pygame.Rect | None = None
    text_rects: list[pygame.Rect] = field(default_factory=list)


class GameDrawing:
    """Mixed into ``GameScene``: painting the whole window from the scene's state."""

    def combat_targets(self) -> list[int]:
        """Enemy stacks the side to act can attack now (next to units that have not attacked), cached."""
        key = (self.ctl.version, self.state.phase)
        if getattr(self, "_targets_key", None) != key:
            self._targets_key = key
            out: list[int] = []
            s = self.state
            if s.phase == "combat" and self.ctl.human_to_act:
                side = s.active_side
                ready = [u for u in s.units_on_map(side).tolist() if not s.units["attacked"][u]]
                near = {int(n) for u in ready for n in self.spec.map.neighbors[int(s.units["hex"][u])] if n >= 0}
                out = sorted(h for h in near if self._enemy_units(h))
            self._targets = out
        return self._targets

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)
        self._sync()
        self.marks.targets = self.combat_targets()
        pinned = self.pinned_unit()
        self.marks.highlight = [int(self.state.units["hex"][pinned])] if pinned is not None else []
        w, h = surface.get_size()
        self.view.draw(surface, self.state, self.marks)
        draw_top_bar(surface, self.fonts, pygame.Rect(0, 0, w, TOP_BAR_H), self.ctl)
        self._draw_sidebar(surface, pygame.Rect(w - SIDEBAR_W, TOP_BAR_H, SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H))
        self.bottom = self.layout_bottom((w, h))  # after the sidebar: the hint tells when the preview scrolls
        self._draw_legend(surface)  # over the map, above a long message's strip
        self._draw_tooltip(surface)
        self._draw_bottom(surface)

    def _legend_rows(self) -> list[tuple[tuple[int, int, int], str, bool]]:
        """(colour, label, is_line) rows explaining the overlays that are on."""
        rows: list[tuple[tuple[int, int, int], str, bool]] = []
        on = self.view.enabled
        if "control" in on:
            for side in (0, 1):
                rows.append((self.view.side_fill[side][0], f"held by {self.spec.sides[side].name}", False))
            rows.append(((150, 24, 24), "line of contact", True))
        if "zoc" in on:
            rows += [((235, 50, 40), "enemy zone of control", False), ((60, 110, 230), "your zone of control", False)]
        if "supply" in on:
            rows += [((90, 200, 90), "supplied", False), ((240, 180, 60), "low supply", False),
                     ((150, 40, 30), "out of supply", False)]
        if "threat" in on:
            rows += [((240, 220, 80), "enemy can attack at 1:1+", False), ((245, 150, 40), "at 2:1+", False),
                     ((230, 50, 30), "at 3:1+ (raw odds)", False)]
        if "front" in on:
            rows.append(((150, 20, 30), "historical front line", True))
        return rows

    def _draw_legend(self, surface: pygame.Surface) -> None:
        rows = self._legend_rows()
        if not rows:
            return
        x0, y0, w, h = self.view.camera.viewport
        f = self.fonts
        width = max(f.get(12).size(label)[0] for _, label, _ in rows) + 34
        height = 16 * len(rows) + 10
        box = pygame.Surface((width, height), pygame.SRCALPHA)
        box.fill((18, 20, 24, 200))
        x, y = x0 + 10, y0 + h - height - 10
        strip = self.bottom.strip if getattr(self, "bottom", None) is not None else None
        if strip is not None:  # a long message is shown above the bottom bar: the legend goes above it
            y = min(y, strip.top - height - 6)
        surface.blit(box, (x, y))
        for k, (color, label, line) in enumerate(rows):
            ry = y + 5 + 16 * k
            if line:
                pygame.draw.line(surface, color, (x + 6, ry + 7), (x + 22, ry + 7), 3)
            else:
                pygame.draw.rect(surface, color, (x + 8, ry + 2, 12, 11))
            surface.blit(f.text(label, 12, (230, 226, 216)), (x + 28, ry))

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        """The names of the units under the mouse, next to the cursor."""
        h = self.marks.hover
        if h < 0 or self.dragging or self.view.animations:
            return
        units = self.view.units_in(h)
        if not units:
            return
        names = [self.spec.units[u].name for u in units[:3]] + ([f"+{len(units) - 3} more"] if len(units) > 3 else [])
        surfs = [self.fonts.text(n, 12, (240, 236, 226), "bold" if k == 0 else "regular")
                 for k, n in enumerate(names)]
        w = max(s.get_width() for s in surfs) + 12
        ht = sum(s.get_height() for s in surfs) + 8
        mx, my = pygame.mouse.get_pos() if not self.ctx.headless else self.view.camera.hex_center(h)
        x0, y0, vw, vh = self.view.camera.viewport
        x = min(int(mx) + 16, x0 + vw - w - 4)
        y = max(y0 + 4, int(my) - ht - 10)
        box = pygame.Surface((w, ht), pygame.SRCALPHA)
        box.fill((18, 20, 24, 215))
        surface.blit(box, (x, y))
        pygame.draw.rect(surface, PANEL_EDGE, (x, y, w, ht), 1)
        yy = y + 4
        for s in surfs:
            surface.blit(s, (x + 6, yy))
            yy += s.get_height()

    # --- sidebar: the top panel (preview / unit / hex), the log and the minimap -------------------------
    def pinned_unit(self) -> int | None:
        """The unit the player clicked to read, while it is still on the map and in sight (else None)."""
        u = getattr(self, "inspected", None)
        if u is not None:
            h = int(self.state.units["hex"][u])
            if h < 0 or u not in self.view.units_in(h):
                self.inspected = u = None
        return u

    def _sidebar_subject(self) -> tuple:
        """What the top panel of the sidebar shows now (its scroll starts at the top when this changes)."""
        if self.marks.target >= 0:
            return ("preview", self.marks.target, tuple(self.marks.attackers), self.air)
        u = self.marks.selected[0] if self.marks.selected else self.pinned_unit()
        hover_units = self.view.units_in(self.marks.hover) if self.marks.hover >= 0 else []
        if u is None and hover_units:
            u = hover_units[0]
        if u is not None:
            return ("unit", u)
        return ("hex", self.marks.hover if self.marks.hover >= 0 else self.info_hex)

    def _draw_top_panel(self, surface: pygame.Surface, rect: pygame.Rect, subject: tuple,
                        scroll: int) -> tuple[ScrollBox, list]:
        if subject[0] == "preview":
            return draw_preview(surface, self.fonts, rect, self, self.preview, scroll), []
        if subject[0] == "unit":
            buttons, box = draw_unit_panel(surface, self.fonts, rect, self, subject[1], scroll)
            return box, buttons
        return draw_hex_panel(surface, self.fonts, rect, self, subject[1], scroll), []

    def _plan_sidebar(self, rect: pygame.Rect, need: int, preview: bool) -> SidebarLayout:
        """Share the sidebar between the top panel (which needs ``need`` pixels), the log and the minimap.

        The usual shares (the top panel 56%, or 78% with an attack preview, of what the minimap leaves)
        hold while the top panel's content fits them. When it does not, the log gives way down to its tabs
        and two lines; an attack preview (what the player is about to roll) then also takes the log's place
        and, if it still needs the room, the minimap's. Unit and hex panels keep the room they took while
        the mouse goes over the map, so the log does not jump from hex to hex.
        """
        x, y, w = rect.x + 8, rect.y + 8, rect.width - 16
        bottom = rect.bottom - 8
        total = bottom - y
        mm_h = 0
        if self.ctx.settings.show_minimap:
            g = self.view.renderer.geometry
            mm_h = min(MINIMAP_MAX_H, int(w * g.height_units / g.width_units), max(120, int(total * 0.3)))
        with_mm = total - (mm_h + 8 if mm_h else 0)
        default = int(with_mm * (0.78 if preview else 0.56))
        show_mm, show_log = mm_h > 0, True
        if preview:
            if need <= default:
                top_h = default
            elif need + 8 + LOG_MIN_H <= with_mm:
                top_h = need
            elif need <= with_mm:
                top_h, show_log = with_mm, False
            else:
                show_mm = False
                top_h = min(need, total)
                if total - top_h - 8 < LOG_MIN_H:
                    top_h, show_log = total, False
        else:
            key = (rect.size, mm_h)
            if getattr(self, "_info_room", (None, 0))[0] != key:
                self._info_room = (key, 0)
            held = max(self._info_room[1], need)
            self._info_room = (key, held)
            top_h = max(default, min(held, with_mm - LOG_MIN_H - 8))
        top = pygame.Rect(x, y, w, top_h)
        minimap = pygame.Rect(x, bottom - mm_h, w, mm_h) if show_mm else None
        log_bottom = (minimap.top if minimap else bottom + 8) - 8
        log = pygame.Rect(x, top.bottom + 8, w, log_bottom - top.bottom - 8) if show_log else None
        return SidebarLayout(top, log, minimap)

    def _draw_sidebar(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, (30, 32, 37), rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.bottomleft)
        subject = self._sidebar_subject()
        if subject != getattr(self, "panel_key", None):
            self.panel_key, self.panel_scroll = subject, 0
        # the content's height at the sidebar's width, drawn nowhere (an empty clip)
        old = measure_clip(surface)
        try:
            probe, _ = self._draw_top_panel(surface, pygame.Rect(rect.x + 8, rect.y + 8, rect.width - 16, 10_000),
                                            subject, 0)
        finally:
            surface.set_clip(old)
        layout = self._plan_sidebar(rect, probe.need, subject[0] == "preview")
        self.sidebar = layout
        self.panel_scroll = max(0, min(self.panel_scroll, probe.need - layout.top.height))
        if layout.minimap is not None:
            self.minimap_rect = layout.minimap
            self.minimap_pic = self.view.draw_minimap(surface, self.minimap_rect, self.state)
        else:
            self.minimap_rect = pygame.Rect(0, 0, 0, 0)
            self.minimap_pic = pygame.Rect(0, 0, 0, 0)
        self.panel_box, self.stack_buttons = self._draw_top_panel(surface, layout.top, subject, self.panel_scroll)
        self.log_buttons = draw_log(surface, self.fonts, layout.log, self) if layout.log is not None else []

    def scroll_panel(self, pixels: int) -> None:
        """Scroll the sidebar's top panel (positive: further down its content), within its content."""
        box = getattr(self, "panel_box", None)
        deepest = box.max_scroll if box is not None else 0
        self.panel_scroll = max(0, min(deepest, self.panel_scroll + pixels))

    # --- bottom bar: the hint or message, and the buttons ------------------------------------------------
    def _bottom_buttons(self, rect: pygame.Rect, compact: bool) -> list[Button]:
        human = self.ctl.human_to_act
        specs = [("End phase", "end", "E"), ("End turn", "endturn", "Shift+E"), ("Undo", "undo", "Ctrl+Z")]
        if self.state.phase == "combat" and human:
            specs.insert(0, ("Attack!", "attack", "Enter"))
        if self.ctl.ai_to_act:
            specs = [("Skip AI turn", "skip", "K")]
        specs += [("Save", "save", "F5"), ("Menu", "menu", "Esc"), ("Help", "help", "F1")]
        self.button_keys = {action: key for _, action, key in specs}
        if compact:  # the keys are told in the hint when the mouse is over a button
            specs = [(label, action, "") for label, action, _ in specs]
        buttons = row_of_buttons(specs, 0, rect.y + 4, rect.height - 8, 6, self.fonts, 64 if compact else 70)
        shift = rect.right - buttons[-1].rect.right - 8
        for b in buttons:
            b.rect.x += shift
            if b.action == "endturn":
                b.enabled = human
            if b.action == "end":
                b.enabled = human
                b.primary = human and self.preview_order is None
            if b.action == "undo":
                b.enabled = human and self.ctl.session.can_undo
            if b.action == "attack":
                b.enabled = self.preview_order is not None
                b.primary = self.preview_order is not None
        return buttons

    def layout_bottom(self, size: tuple[int, int]) -> BottomLayout:
        """Where the bottom bar's buttons and text go in a window of ``size``.

        Narrow windows drop the keys from the buttons to leave the text at least ``HINT_MIN_W`` pixels.
        The text is the message (or else the hint) in its longest form that fits its area, on one line or
        two smaller ones; a message that fits in no form is shown whole in a strip above the bar, over the map.
        """
        w, h = size
        rect = pygame.Rect(0, h - BOTTOM_BAR_H, w, BOTTOM_BAR_H)
        buttons = self._bottom_buttons(rect, compact=False)
        compact = buttons[0].rect.x - 24 < HINT_MIN_W
        if compact:
            buttons = self._bottom_buttons(rect, compact=True)
        area = pygame.Rect(rect.x + 12, rect.y + 1, buttons[0].rect.x - 12 - (rect.x + 12), rect.height - 2)
        if self.toast is not None:
            variants, color = [self.toast[0]] + list(getattr(self, "toast_short", ())), self.toast[1]
        else:
            variants, color = self._hints(), MUTED
            hover = pygame.mouse.get_pos() if compact and not self.ctx.headless else None
            b = next((b for b in buttons if hover is not None and b.rect.collidepoint(hover)), None)
            if b is not None and self.button_keys.get(b.action):
                variants = [f"{b.label} — key {self.button_keys[b.action]}"]
        lay = BottomLayout(rect, buttons, area, color)
        size_lines = fit_text(self.fonts, variants, area.width)
        if size_lines is None:  # too long for the bar in every form: whole, above it
            map_w = w - SIDEBAR_W
            lines = self.fonts.wrap(variants[0], 13, map_w - 40)
            height = len(lines) * self.fonts.get(13).get_linesize() + 12
            lay.strip = pygame.Rect(10, rect.y - height - 6, map_w - 20, height)
            lay.size, lay.lines = 13, lines
        else:
            lay.size, lay.lines = size_lines
        return lay

    def _draw_bottom(self, surface: pygame.Surface) -> None:
        lay = self.bottom
        rect = lay.rect
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.topright)
        self.buttons = lay.buttons + list(getattr(self, "log_buttons", [])) + list(getattr(self, "stack_buttons", []))
        mouse = pygame.mouse.get_pos()
        for b in lay.buttons:
            b.draw(surface, self.fonts, mouse)
        surfs = [self.fonts.text(ln, lay.size, lay.color) for ln in lay.lines]
        if lay.strip is not None:
            box = pygame.Surface(lay.strip.size, pygame.SRCALPHA)
            box.fill((18, 20, 24, 225))
            surface.blit(box, lay.strip.topleft)
            pygame.draw.rect(surface, PANEL_EDGE, lay.strip, 1)
            x, y = lay.strip.x + 10, lay.strip.y + 6
        else:
            x, y = lay.area.x, lay.area.centery - sum(s.get_height() for s in surfs) // 2
        lay.text_rects = []
        for s in surfs:
            surface.blit(s, (x, y))
            lay.text_rects.append(pygame.Rect(x, y, s.get_width(), s.get_height()))
            y += s.get_height()

    def _hint(self) -> str:
        """What the player can do now, in full."""
        return self._hints()[0]

    def _hints(self) -> list[str]:
        """What the player can do now: the full hint first, then shorter forms for a narrow window."""
        s = self.state
        if s.game_over:
            return ["The game is over."]
        if self.ctl.ai_to_act:
            thinking = self.ctl.ai_job is not None and not self.ctl.ai_job.ready
            who = self.spec.sides[s.active_side].name
            doing = "thinking" if thinking else {"movement": "moving", "exploitation": "exploiting"}.get(
                s.phase, "attacking")
            return [f"{who} (AI) is {doing}…  [ ] speed, K skip", f"The AI is {doing}…  [ ] speed, K skip"]
        pinned = self.pinned_unit() if not self.marks.selected and self.marks.target < 0 else None
        if pinned is not None:
            return self._pinned_hints(pinned)
        if s.phase in MOVE_PHASES:
            if self.marks.selected:
                u = self.marks.selected[0]
                why = rulesinfo.why_cannot_move(s, u) if self.state.units["mp"][u] <= 0 else ""
                if why:
                    return [why + ". Tab for the next unit that can move.", why + "."]
                name, mp = self.spec.units[u].name, f"{self.state.units['mp'][u] / MP_TICKS:g}"
                return [f"{name}: {mp} MP left. Click a shaded hex to move; right click to cancel.",
                        f"{name}: {mp} MP left. Click a shaded hex to move.",
                        f"{mp} MP left. Click a shaded hex to move."]
            if s.phase == "exploitation":
                return ["Exploitation: mobile units in supply may move again (half allowance); no attacks. "
                        "Dimmed units cannot move. Tab for the next unit, E to end the phase.",
                        "Exploitation: mobile units in supply may move again (half allowance); no attacks. "
                        "E ends the phase.",
                        "Exploitation: mobile units move again (half allowance); no attacks. E ends the phase."]
            return ["Movement: click one of your units to see where it can go. Tab for the next unit.",
                    "Movement: click a unit to see where it can go. Tab for the next unit."]
        if self.marks.target >= 0:
            box = getattr(self, "panel_box", None)
            if box is not None and box.max_scroll > 0:
                return ["Enter to attack. Click your units to add or remove attackers. Wheel or PgDn over the "
                        "preview for all of it.",
                        "Enter to attack. Click units to add or remove attackers. Wheel: the rest of the preview.",
                        "Enter to attack. Wheel over the preview for the rest of it."]
            return ["Enter to attack. Click your units to add or remove attackers."]
        return ["Combat: click an enemy stack next to your units to see the odds.",
                "Combat: click an enemy stack next to yours to see the odds."]

    def _pinned_hints(self, u: int) -> list[str]:
        """The hint while a clicked unit's panel stays in the sidebar."""
        name = self.spec.units[u].name
        box = getattr(self, "panel_box", None)
        if box is not None and box.max_scroll > 0:
            return [f"{name} stays in the sidebar: wheel or PgDn over its panel for the rest. Esc or a click "
                    "elsewhere lets it go.",
                    f"{name} stays in the sidebar: wheel or PgDn for the rest. Esc lets it go.",
                    "Wheel or PgDn over the panel for the rest. Esc lets it go."]
        return [f"{name} stays in the sidebar. Esc or a click elsewhere lets it go.",
                f"{name} stays in the sidebar. Esc lets it go.", "Esc lets the unit go."]


def fit_text(fonts: Fonts, variants: list[str], width: int) -> tuple[int, list[str]] | None:
    """(size, lines) of the first text of ``variants`` that fits ``width``: one line at 14 px, or two at 12 px."""
    for text in variants:
        if fonts.get(14).size(text)[0] <= width:
            return 14, [text]
        lines = fonts.wrap(text, 12, width)
        if len(lines) <= 2 and all(fonts.get(12).size(ln)[0] <= width for ln in lines):
            return 12, lines
    return None
