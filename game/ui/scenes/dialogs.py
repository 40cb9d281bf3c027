"""Modal screens: help, messages and errors, the in-game menu, hot-seat hand-over, the load list."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

import pygame

from game.ui import saves
from game.ui.scenes.base import Modal, Scene, UiContext, is_click, key
from game.ui.theme import ACCENT, BAD, BG, MUTED, TEXT
from game.ui.widgets import Button, button_at, panel, text_lines

SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Orders", [
        ("Left click", "select a unit / move the selection / pick attackers and target"),
        ("Shift + click", "add a unit (or a whole stack) to the selection"),
        ("Click a stack again", "browse the units of a stack"),
        ("Click an enemy unit", "keep its panel in the sidebar to read it all (wheel / PgDn over it)"),
        ("Right click, Esc", "clear the selection (or let the enemy unit's panel go)"),
        ("Enter", "commit the previewed attack"),
        ("A", "air support points for the previewed attack"),
        ("Ctrl+Z", "undo the last move (until dice are rolled)"),
        ("E / Shift+E", "end the phase / end your half of the turn"),
        ("Phases", "movement, combat, then exploitation when mobile units in supply can move again "
                   "(half allowance, no attacks; dimmed units cannot move)"),
        ("Tab / N", "next unit that can still act"),
    ]),
    ("Map", [
        ("Drag, arrows, screen edge", "pan"),
        ("Wheel, + / -", "zoom (7 levels)"),
        ("Space", "centre on the selection"),
        ("L", "hex labels"),
        ("C  Z  S  T  H", "overlays: control, zones of control, supply, threat, historical front"),
        ("M", "minimap on/off"),
    ]),
    ("Game", [
        ("F1", "this help"),
        ("R", "turn report"),
        ("Wheel, PgUp / PgDn", "scroll a long attack preview or unit panel in the sidebar"),
        ("[  ]", "slower / faster AI turns;  K  skip the AI's turn"),
        ("F5 / F9", "quick save / quick load"),
        ("Ctrl+S / Ctrl+O", "save as / load game"),
        ("Ctrl+E", "export the record for your opponent (play by e-mail)"),
        ("Ctrl+P", "replay this game"),
        ("Ctrl+R", "reload the scenario files (modders)"),
        ("F11", "full screen"),
        ("Esc", "menu"),
    ]),
]


class HelpScene(Modal):
    """F1: every shortcut."""

    def handle_event(self, event: pygame.event.Event) -> Scene:
        if key(event) is not None or is_click(event):
            return self.below
        return self

    def draw_modal(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        rect = pygame.Rect(0, 0, min(980, w - 60), min(640, h - 60))
        rect.center = (w // 2, h // 2)
        inner = panel(surface, rect, "Keyboard and mouse", self.fonts)
        col_w = (inner.width - 20) // 2
        x, y = inner.x, inner.y + 4
        for k, (title, rows) in enumerate(SHORTCUTS):
            if k == 2:
                x, y = inner.x + col_w + 20, inner.y + 4
            surface.blit(self.fonts.text(title, 15, ACCENT, "bold"), (x, y))
            y += 24
            for keys, what in rows:
                surface.blit(self.fonts.text(keys, 13, TEXT, "bold"), (x, y))
                y = text_lines(surface, self.fonts, [(what, 13, MUTED, "regular")], x + 200, y, col_w - 200)
                y += 3
            y += 10
        foot = self.fonts.text("Press any key to close", 12, MUTED)
        surface.blit(foot, (rect.right - foot.get_width() - 14, rect.bottom - 22))


class MessageScene(Modal):
    """A message (or a list of errors) with an OK button; ``on_close`` may pick the next scene."""

    def __init__(self, ctx: UiContext, below: Scene, title: str, lines: list[str], error: bool = False,
                 on_close: Callable[[], Scene] | None = None) -> None:
        super().__init__(ctx, below)
        self.title = title
        self.lines = lines
        self.error = error
        self.on_close = on_close
        self.scroll = 0
        self.ok = Button(pygame.Rect(0, 0, 120, 34), "OK", "ok", "Enter", primary=True)

    def _close(self) -> Scene:
        return self.on_close() if self.on_close else self.below

    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k in (pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_KP_ENTER):
            return self._close()
        if k in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self.scroll += 1 if k == pygame.K_DOWN else 10
        if k in (pygame.K_UP, pygame.K_PAGEUP):
            self.scroll = max(0, self.scroll - (1 if k == pygame.K_UP else 10))
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - event.y)
        if is_click(event) and self.ok.hit(event.pos):
            return self._close()
        return self

    def draw_modal(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        width = min(900, w - 60)
        rows = sum(len(self.fonts.wrap(ln, 14, width - 16) or [""]) for ln in self.lines[self.scroll:])
        height = 40 + rows * (self.fonts.get(14).get_linesize() + 2) + 70
        rect = pygame.Rect(0, 0, width, max(200, min(h - 60, height)))
        rect.center = (w // 2, h // 2)
        inner = panel(surface, rect, self.title, self.fonts)
        if self.error:
            lines = [(ln, 14, (240, 160, 140), "regular") for ln in self.lines[self.scroll:]]
        else:
            lines = [(ln, 14, TEXT, "bold" if i == 0 and not self.scroll else "regular")
                     for i, ln in enumerate(self.lines[self.scroll:])]
        text_lines(surface, self.fonts, lines, inner.x, inner.y + 4, inner.width, inner.bottom - 50, spacing=4)
        self.ok.rect.bottomright = (inner.right, inner.bottom)
        self.ok.draw(surface, self.fonts, pygame.mouse.get_pos())
        if len(self.lines) > 12:
            hint = self.fonts.text("↑ ↓ / wheel to scroll", 12, MUTED)
            surface.blit(hint, (inner.x, inner.bottom - 20))


class HandoverScene(Scene):
    """Hot seat: hides the map until the next player takes the controls."""

    def __init__(self, ctx: UiContext, game: Scene, side_name: str, summary: list[str]) -> None:
        super().__init__(ctx)
        self.game = game
        self.side_name = side_name
        self.summary = summary

    def handle_event(self, event: pygame.event.Event) -> Scene:
        if key(event) in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER) or is_click(event):
            return self.game
        return self

    def busy(self) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)
        w, h = surface.get_size()
        title = self.fonts.text(f"{self.side_name} to play", 40, ACCENT, "bold")
        surface.blit(title, title.get_rect(center=(w // 2, h // 2 - 90)))
        sub = self.fonts.text("Hand the controls over. The map stays hidden until you are ready.", 17, TEXT)
        surface.blit(sub, sub.get_rect(center=(w // 2, h // 2 - 40)))
        y = h // 2
        width = min(w - 80, 900)
        rows = [row for line in self.summary[-8:] for row in self.fonts.wrap(line, 14, width)]
        for row in rows[-max(1, (h - 130 - y) // 20):]:  # long lines wrapped, the newest kept
            t = self.fonts.text(row, 14, MUTED)
            surface.blit(t, t.get_rect(center=(w // 2, y)))
            y += 20
        go = self.fonts.text("Click or press Enter to continue", 16, TEXT, "bold")
        surface.blit(go, go.get_rect(center=(w // 2, h - 90)))


class MenuScene(Modal):
    """Esc: the in-game menu; each entry calls back into the game scene."""

    def __init__(self, ctx: UiContext, below: Scene, entries: list[tuple[str, str, Callable[[], Scene]]]) -> None:
        super().__init__(ctx, below)
        self.entries = entries
        self.buttons: list[Button] = []

    def layout(self, size: tuple[int, int]) -> pygame.Rect:
        w, h = size
        rect = pygame.Rect(0, 0, 360, 70 + 46 * len(self.entries))
        rect.center = (w // 2, h // 2)
        self.buttons = [
            Button(pygame.Rect(rect.x + 24, rect.y + 48 + 46 * k, rect.width - 48, 38), label, str(k), hint)
            for k, (label, hint, _) in enumerate(self.entries)
        ]
        return rect

    def handle_event(self, event: pygame.event.Event) -> Scene:
        if key(event) == pygame.K_ESCAPE:
            return self.below
        if is_click(event):
            self.layout(self.ctx.size)
            b = button_at(self.buttons, event.pos)
            if b is not None:
                return self.entries[int(b.action)][2]()
        return self

    def draw_modal(self, surface: pygame.Surface) -> None:
        rect = self.layout(surface.get_size())
        panel(surface, rect, "Menu", self.fonts)
        mouse = pygame.mouse.get_pos()
        for b in self.buttons:
            b.draw(surface, self.fonts, mouse)


class LoadScene(Modal):
    """The list of saves (newest first); damaged files are shown with their problem."""

    def __init__(self, ctx: UiContext, below: Scene, open_save: Callable[[saves.SaveInfo], Scene],
                 title: str = "Load a game") -> None:
        super().__init__(ctx, below)
        self.open_save = open_save
        self.title = title
        self.items = saves.list_saves(ctx.data_dir)
        self.index = 0
        self.scroll = 0
        self.rows: list[pygame.Rect] = []
        self.confirm_delete = None

    def _date(self, scenario_id: str, turn: int) -> str:
        for e in self.ctx.catalog.entries():
            if e.spec is not None and e.id == scenario_id:
                return e.spec.date_of_turn(turn).strftime("%d %b %Y")
        return ""

    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k == pygame.K_ESCAPE:
            return self.below
        if k == pygame.K_DOWN:
            self.index = min(len(self.items) - 1, self.index + 1)
        if k == pygame.K_UP:
            self.index = max(0, self.index - 1)
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.items:
            return self.open_save(self.items[self.index])
        if k == pygame.K_DELETE and self.items:
            item = self.items[self.index]
            if self.confirm_delete == item.path:
                item.path.unlink(missing_ok=True)
                self.items = saves.list_saves(self.ctx.data_dir)
                self.index = min(self.index, max(0, len(self.items) - 1))
                self.confirm_delete = None
            else:
                self.confirm_delete = item.path
            return self
        if k is not None:
            self.confirm_delete = None
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(len(self.items) - 1, self.scroll - event.y))
        if is_click(event):
            for i, r in enumerate(self.rows):
                if r.collidepoint(event.pos):
                    if self.index == self.scroll + i:
                        return self.open_save(self.items[self.index])
                    self.index = self.scroll + i
        return self

    def draw_modal(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        rect = pygame.Rect(0, 0, min(960, w - 60), min(560, h - 60))
        rect.center = (w // 2, h // 2)
        inner = panel(surface, rect, self.title, self.fonts)
        self.rows = []
        if not self.items:
            surface.blit(self.fonts.text(f"No saves yet in {saves.saves_dir(self.ctx.data_dir)}", 14, MUTED),
                         (inner.x, inner.y + 8))
        y = inner.y + 4
        for i, item in enumerate(self.items[self.scroll:]):
            r = pygame.Rect(inner.x, y, inner.width, 30)
            if r.bottom > inner.bottom - 26:
                break
            if self.scroll + i == self.index:
                pygame.draw.rect(surface, (70, 62, 40), r, border_radius=4)
            color = BAD if not item.ok else TEXT
            surface.blit(self.fonts.text(item.describe(self._date), 14, color), (r.x + 8, r.y + 6))
            self.rows.append(r)
            y += 32
        if self.confirm_delete is not None:
            hint = self.fonts.text(f"Press Delete again to delete {self.confirm_delete.name}", 13, BAD, "bold")
        else:
            hint = self.fonts.text("Enter or double click: open    Delete: delete    Esc: back", 12, MUTED)
        surface.blit(hint, (inner.x, inner.bottom - 18))


class LoadingScene(Modal):
    """Runs slow pure work (reading and replaying a save) in a thread while the window stays alive.

    ``work`` runs in the background and must not touch pygame; ``then`` builds the next scene from
    its result on the main thread; ``fail`` turns an exception into the scene to show instead.
    """

    def __init__(self, ctx: UiContext, below: Scene, title: str, work: Callable[[], object],
                 then: Callable[[object], Scene], fail: Callable[[Exception], Scene]) -> None:
        super().__init__(ctx, below)
        self.title = title
        self.then = then
        self.fail = fail
        self.result: object = None
        self.error: Exception | None = None
        self.elapsed = 0.0
        self.done = threading.Event()

        def run() -> None:
            try:
                self.result = work()
            except Exception as exc:  # noqa: BLE001 - handed to ``fail`` on the main thread
                self.error = exc
            finally:
                self.done.set()

        self.thread = threading.Thread(target=run, name="moscow41-loading", daemon=True)
        self.thread.start()

    def busy(self) -> bool:
        return True  # the spinner turns

    def update(self, dt: float) -> Scene:
        self.elapsed += dt
        if not self.done.is_set():
            return self
        if self.error is not None:
            return self.fail(self.error)
        return self.then(self.result)

    def draw_modal(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        rect = pygame.Rect(0, 0, 460, 110)
        rect.center = (w // 2, h // 2)
        inner = panel(surface, rect, "Please wait", self.fonts)
        surface.blit(self.fonts.text(self.fonts.fit(self.title, 15, inner.width - 60, "bold"), 15, TEXT, "bold"),
                     (inner.x + 50, inner.y + 8))
        surface.blit(self.fonts.text(f"{self.elapsed:.1f} s — replaying and verifying every order", 12, MUTED),
                     (inner.x + 50, inner.y + 32))
        cx, cy = inner.x + 20, inner.y + 24
        for k in range(8):
            a = self.elapsed * 6 + k * math.pi / 4
            shade_k = 80 + 20 * k
            pygame.draw.circle(surface, (shade_k, shade_k * 0.8, 60), (cx + 12 * math.cos(a), cy + 12 * math.sin(a)),
                               2 + k * 0.3)


class TextInputScene(Modal):
    """Asks for one line of text (a save's name); Enter accepts, Esc cancels.

    The offered text starts selected, as in any text field: typing replaces it, Backspace or
    Delete clears it, an arrow key or Home/End keeps it for editing at its end.
    """

    def __init__(self, ctx: UiContext, below: Scene, title: str, text: str,
                 accept: Callable[[str], Scene], hint: str = "", max_len: int = 60) -> None:
        super().__init__(ctx, below)
        self.title = title
        self.text = text
        self.selected = bool(text)
        self.accept = accept
        self.hint = hint
        self.max_len = max_len
        self.blink = 0.0
        if not ctx.headless:
            pygame.key.start_text_input()

    def _close(self) -> None:
        if not self.ctx.headless:
            pygame.key.stop_text_input()

    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k == pygame.K_ESCAPE:
            self._close()
            return self.below
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.text.strip():
                self._close()
                return self.accept(self.text.strip())
            return self
        typed = ""
        if k in (pygame.K_BACKSPACE, pygame.K_DELETE):
            self.text = "" if self.selected else self.text[:-1] if k == pygame.K_BACKSPACE else self.text
            self.selected = False
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END):
            self.selected = False
        elif k == pygame.K_a and event.mod & pygame.KMOD_CTRL:
            self.selected = bool(self.text)
        elif event.type == pygame.TEXTINPUT:
            typed = event.text
        elif k is not None and self.ctx.headless and event.unicode and event.unicode.isprintable():
            typed = event.unicode
        if typed:
            self.text = ("" if self.selected else self.text) + typed
            self.text = self.text[: self.max_len]
            self.selected = False
        return self

    def update(self, dt: float) -> Scene:
        self.blink = (self.blink + dt) % 1.0
        return self

    def draw_modal(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        rect = pygame.Rect(0, 0, 560, 150)
        rect.center = (w // 2, h // 2)
        inner = panel(surface, rect, self.title, self.fonts)
        box = pygame.Rect(inner.x, inner.y + 8, inner.width, 34)
        pygame.draw.rect(surface, (24, 26, 30), box, border_radius=4)
        pygame.draw.rect(surface, ACCENT, box, 1, border_radius=4)
        t = self.fonts.text(self.text, 16, TEXT)
        room = box.width - 20
        if t.get_width() > room:  # a long name: show its end, where the caret is
            t = t.subsurface((t.get_width() - room, 0, room, t.get_height()))
        tx, ty = box.x + 8, box.centery - t.get_height() // 2
        if self.selected:
            pygame.draw.rect(surface, (70, 88, 120), (tx - 2, ty, t.get_width() + 4, t.get_height()))
        surface.blit(t, (tx, ty))
        if self.blink < 0.5 and not self.selected:
            x = tx + 1 + t.get_width()
            pygame.draw.line(surface, TEXT, (x, box.y + 7), (x, box.bottom - 7), 2)
        hint = self.fonts.text(self.hint or "Enter to accept · Esc to cancel", 12, MUTED)
        surface.blit(hint, (inner.x, box.bottom + 10))
