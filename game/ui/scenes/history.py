"""The historical track of a scenario: front lines and dated events, stepped through on the map."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pygame

from game.setup import new_game
from game.spec import ScenarioSpec
from game.ui import history
from game.ui.mapview import MapView, ViewMarks
from game.ui.scenes.base import Scene, UiContext, is_click, key
from game.ui.theme import ACCENT, BG, BOTTOM_BAR_H, MUTED, PANEL, PANEL_EDGE, SIDEBAR_W, TEXT, TOP_BAR_H
from game.ui.widgets import Button, button_at, panel, text_lines


def _get(obj, name, default=None):  # noqa: ANN001, ANN202
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


class HistoryScene(Scene):
    """What happened in 1941: step through the dates of the scenario's events and front lines."""

    def __init__(self, ctx: UiContext, spec: ScenarioSpec, back: Scene) -> None:
        super().__init__(ctx)
        self.spec = spec
        self.back = back
        hist = spec.history if getattr(spec, "history", None) is not None else (spec.rules_data or {}).get("history")
        self.events = list(_get(hist, "events", []) or []) if hist is not None else []
        fronts = list(_get(hist, "front_lines", []) or []) if hist is not None else []
        dates = {_get(e, "date") for e in self.events} | {_get(f, "date") for f in fronts}
        self.dates: list[dt.date] = sorted(d for d in dates if isinstance(d, dt.date)) or [spec.start_date]
        self.k = 0
        self.state = new_game(spec, 0)
        self.view = MapView(spec, ctx.fonts, self._map_rect())
        self.view.camera.zoom = max(self.view.camera.fit_zoom(), 2)
        self.view.enabled = {"front"}
        self.view.tile_budget = None if ctx.headless else 2
        self.view.sync(self.state, 0, None, np.zeros(len(spec.units), bool))
        self.buttons: list[Button] = []

    @property
    def date(self) -> dt.date:
        return self.dates[self.k]

    def _map_rect(self) -> tuple[int, int, int, int]:
        w, h = self.ctx.size
        return (0, TOP_BAR_H, w - SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H)

    def resized(self) -> None:
        self.view.camera.viewport = self._map_rect()
        self.view.camera.clamp()

    def events_on(self, date: dt.date) -> list:
        return [e for e in self.events if _get(e, "date") == date]

    def place_index(self, e) -> int:  # noqa: ANN001 - HistoryEvent
        place = _get(e, "place")
        if not place:
            return -1
        info = (getattr(self.spec, "places", None) or {}).get(place)
        idx = _get(info, "index", -1) if info is not None else -1
        if idx is None or idx < 0:
            s = self.spec.map.settlement_by_name(str(place))
            return s.index if s is not None else -1
        return int(idx)

    def go(self, k: int) -> None:
        self.k = max(0, min(len(self.dates) - 1, k))
        for e in self.events_on(self.date):
            h = self.place_index(e)
            if h >= 0:
                self.view.camera.ensure_visible(h)
                break

    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k == pygame.K_ESCAPE:
            return self.back
        if k == pygame.K_RIGHT:
            self.go(self.k + 1)
        elif k == pygame.K_LEFT:
            self.go(self.k - 1)
        elif k == pygame.K_HOME:
            self.go(0)
        elif k == pygame.K_END:
            self.go(len(self.dates) - 1)
        elif k == pygame.K_l:
            self.view.show_labels = not self.view.show_labels
        self.view.navigate(event)
        if is_click(event):
            b = button_at(self.buttons, event.pos)
            if b is not None:
                if b.action == "close":
                    return self.back
                self.go(self.k + (1 if b.action == "next" else -1))
        return self

    def update(self, dt_: float) -> Scene:
        self.view.update(dt_)
        return self

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(BG)
        self.view.front_date = self.date
        marks = ViewMarks(highlight=[i for i in (self.place_index(e) for e in self.events_on(self.date)) if i >= 0])
        self.view.draw(surface, self.state, marks)
        f = self.fonts
        top = pygame.Rect(0, 0, w, TOP_BAR_H)
        pygame.draw.rect(surface, PANEL, top)
        pygame.draw.line(surface, PANEL_EDGE, top.bottomleft, top.bottomright)
        head = f"HISTORY  ·  {self.spec.title}  ·  {self.date:%d %B %Y}  ·  {self.k + 1} of {len(self.dates)} dates"
        surface.blit(f.text(f.fit(head, 15, w - 24, "bold"), 15, ACCENT, "bold"), (12, top.centery - 9))
        side = pygame.Rect(w - SIDEBAR_W + 8, TOP_BAR_H + 8, SIDEBAR_W - 16, h - TOP_BAR_H - BOTTOM_BAR_H - 16)
        inner = panel(surface, side, "What happened", f)
        rows = []
        for e in reversed([e for e in self.events if _get(e, "date") <= self.date]):
            color = TEXT if _get(e, "date") == self.date else MUTED
            rows.append((f"{_get(e, 'date'):%d %b}: {_get(e, 'text')}", 13, color, "regular"))
        if not rows:
            rows = [("No events recorded up to this date.", 13, MUTED, "regular")]
        outcome = history.outcome(self.spec)
        if outcome and self.k == len(self.dates) - 1:
            rows.insert(0, (outcome, 14, ACCENT, "bold"))
        text_lines(surface, f, rows, inner.x, inner.y, inner.width, inner.bottom, spacing=4)
        bar = pygame.Rect(0, h - BOTTOM_BAR_H, w, BOTTOM_BAR_H)
        pygame.draw.rect(surface, PANEL, bar)
        self.buttons = [Button(pygame.Rect(12, bar.y + 4, 120, bar.height - 8), "◀ earlier", "prev"),
                        Button(pygame.Rect(138, bar.y + 4, 120, bar.height - 8), "later ▶", "next"),
                        Button(pygame.Rect(w - 132, bar.y + 4, 120, bar.height - 8), "Close", "close")]
        mouse = pygame.mouse.get_pos()
        for b in self.buttons:
            b.draw(surface, f, mouse)
        hint = f.text("← → dates · Home/End · wheel zoom · drag pan · L labels · Esc close", 12, MUTED)
        surface.blit(hint, (272, bar.centery - hint.get_height() // 2))
