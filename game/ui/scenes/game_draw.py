"""The game screen's drawing: map, top bar, sidebar (unit / hex / preview / log / minimap), bottom bar."""

from __future__ import annotations

import pygame

from game.ruleset import MP_TICKS
from game.state import MOVE_PHASES
from game.ui import rulesinfo
from game.ui.panels import draw_hex_panel, draw_log, draw_preview, draw_top_bar, draw_unit_panel
from game.ui.theme import BG, BOTTOM_BAR_H, MUTED, PANEL, PANEL_EDGE, SIDEBAR_W, TOP_BAR_H
from game.ui.widgets import row_of_buttons


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
        self.view.draw(surface, self.state, self.marks)
        self._draw_legend(surface)
        self._draw_tooltip(surface)
        w, h = surface.get_size()
        draw_top_bar(surface, self.fonts, pygame.Rect(0, 0, w, TOP_BAR_H), self.ctl)
        self._draw_sidebar(surface, pygame.Rect(w - SIDEBAR_W, TOP_BAR_H, SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H))
        self._draw_bottom(surface, pygame.Rect(0, h - BOTTOM_BAR_H, w, BOTTOM_BAR_H))

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

    def _draw_sidebar(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, (30, 32, 37), rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.bottomleft)
        x, y, w = rect.x + 8, rect.y + 8, rect.width - 16
        bottom = rect.bottom - 8
        if self.ctx.settings.show_minimap:
            mm_h = min(210, int(w * self.view.renderer.geometry.height_units / self.view.renderer.geometry.width_units))
            self.minimap_rect = pygame.Rect(x, bottom - mm_h, w, mm_h)
            self.minimap_pic = self.view.draw_minimap(surface, self.minimap_rect, self.state)
            bottom = self.minimap_rect.top - 8
        else:
            self.minimap_pic = pygame.Rect(0, 0, 0, 0)
        avail = bottom - y
        top_h = int(avail * (0.78 if self.marks.target >= 0 else 0.56))
        top = pygame.Rect(x, y, w, top_h)
        self.stack_buttons = []
        if self.marks.target >= 0:
            draw_preview(surface, self.fonts, top, self, self.preview)
        else:
            u = self.marks.selected[0] if self.marks.selected else None
            hover_units = self.view.units_in(self.marks.hover) if self.marks.hover >= 0 else []
            if u is None and hover_units:
                u = hover_units[0]
            if u is not None:
                self.stack_buttons = draw_unit_panel(surface, self.fonts, top, self, u)
            else:
                h = self.marks.hover if self.marks.hover >= 0 else self.info_hex
                draw_hex_panel(surface, self.fonts, top, self, h)
        log_rect = pygame.Rect(x, top.bottom + 8, w, bottom - top.bottom - 8)
        self.log_buttons = draw_log(surface, self.fonts, log_rect, self)

    def _draw_bottom(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.topright)
        human = self.ctl.human_to_act
        specs = [("End phase", "end", "E"), ("End turn", "endturn", "Shift+E"), ("Undo", "undo", "Ctrl+Z")]
        if self.state.phase == "combat" and human:
            specs.insert(0, ("Attack!", "attack", "Enter"))
        if self.ctl.ai_to_act:
            specs = [("Skip AI turn", "skip", "K")]
        specs += [("Save", "save", "F5"), ("Menu", "menu", "Esc"), ("Help", "help", "F1")]
        buttons = row_of_buttons(specs, 0, rect.y + 4, rect.height - 8, 6, self.fonts, 70)
        total = buttons[-1].rect.right
        shift = rect.right - total - 8
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
        self.buttons = buttons + list(getattr(self, "log_buttons", [])) + list(getattr(self, "stack_buttons", []))
        mouse = pygame.mouse.get_pos()
        for b in buttons:
            b.draw(surface, self.fonts, mouse)
        if self.toast is not None:
            text, color, _ = self.toast
        else:
            text, color = self._hint(), MUTED
        max_w = max(1, shift - 24)
        if self.fonts.get(14).size(text)[0] <= max_w:
            t = self.fonts.text(text, 14, color)
            surface.blit(t, (rect.x + 12, rect.centery - t.get_height() // 2))
            return
        # a long hint or message: two smaller lines rather than one cut short
        lines = self.fonts.wrap(text, 12, max_w)
        if len(lines) > 2:
            lines = [lines[0], self.fonts.fit(" ".join(lines[1:]), 12, max_w)]
        surfs = [self.fonts.text(ln, 12, color) for ln in lines]
        y = rect.centery - sum(s.get_height() for s in surfs) // 2
        for s in surfs:
            surface.blit(s, (rect.x + 12, y))
            y += s.get_height()

    def _hint(self) -> str:
        s = self.state
        if s.game_over:
            return "The game is over."
        if self.ctl.ai_to_act:
            thinking = self.ctl.ai_job is not None and not self.ctl.ai_job.ready
            who = self.spec.sides[s.active_side].name
            doing = "thinking" if thinking else {"movement": "moving", "exploitation": "exploiting"}.get(
                s.phase, "attacking")
            return f"{who} (AI) is {doing}…  [ ] speed, K skip"
        if s.phase in MOVE_PHASES:
            if self.marks.selected:
                u = self.marks.selected[0]
                why = rulesinfo.why_cannot_move(s, u) if self.state.units["mp"][u] <= 0 else ""
                if why:
                    return why + ". Tab for the next unit that can move."
                return (f"{self.spec.units[u].name}: {self.state.units['mp'][u] / MP_TICKS:g} MP left. "
                        "Click a shaded hex to move; right click to cancel.")
            if s.phase == "exploitation":
                return ("Exploitation: mobile units in supply may move again (half allowance); no attacks. "
                        "Dimmed units cannot move. Tab for the next unit, E to end the phase.")
            return "Movement: click one of your units to see where it can go. Tab for the next unit."
        if self.marks.target >= 0:
            return "Enter to attack. Click your units to add or remove attackers."
        return "Combat: click an enemy stack next to your units to see the odds."

