"""The replay viewer: step through a record by order, phase or turn; play; take command from any point."""

from __future__ import annotations

import pygame

from game.record import GameRecord
from game.replay import ReplayError, ReplayFrame
from game.session import Session
from game.spec import ScenarioSpec
from game.ui import history
from game.ui.controller import GameController
from game.ui.mapview import MapView, ViewMarks
from game.ui.replaydata import ReplayData
from game.ui.scenes.base import Scene, UiContext, is_click, key
from game.ui.scenes.dialogs import MessageScene
from game.ui.theme import ACCENT, BAD, BG, BOTTOM_BAR_H, MUTED, PANEL, PANEL_EDGE, SIDEBAR_W, TEXT, TOP_BAR_H
from game.ui.widgets import Button, button_at, panel, text_lines

SPEEDS = (0.5, 1, 2, 4, 8, 16, 32)


def truncated(record: GameRecord, step: int) -> GameRecord:
    """A copy of ``record`` holding only its first ``step`` orders (to branch a new game)."""
    rec = record.copy()
    del rec.steps[step:]
    rec.turns = [t for t in rec.turns if t.step <= step]
    rec.final_checksum = None
    return rec


class ReplayScene(Scene):
    """Watch a recorded game; long records load progressively while the first turns are already shown."""

    LOAD_BUDGET_S = 0.010

    def __init__(self, ctx: UiContext, record: GameRecord, spec: ScenarioSpec, data: ReplayData,
                 back: Scene | None) -> None:
        super().__init__(ctx)
        self.record = record
        self.spec = spec
        self.data = data
        self.back = back
        self.k = 0
        self.target: int | None = None
        self.playing = False
        self.speed_i = 2
        self.clock = 0.0
        self.jump_text = ""
        self.shown_problem = False
        self.view = MapView(spec, ctx.fonts, self._map_rect())
        self.view.camera.zoom = max(self.view.camera.fit_zoom(), 4)
        self.view.tile_budget = None if ctx.headless else 2
        self.buttons: list[Button] = []
        self.timeline = pygame.Rect(0, 0, 0, 0)

    @classmethod
    def from_record(cls, ctx: UiContext, record: GameRecord, spec: ScenarioSpec, back: Scene | None) -> Scene:
        """Open a record in the viewer; a divergence is reported when the replay reaches it."""
        data = ReplayData(record, spec)
        data.load(cls.LOAD_BUDGET_S * 5)
        if data.count == 0:
            return MessageScene(ctx, back or Scene(ctx), "This record cannot be replayed",
                                data.problem.splitlines() or ["The record is empty."], error=True)
        return cls(ctx, record, spec, data, back)

    @property
    def problem(self) -> str:
        return self.data.problem

    def load_all(self) -> None:
        """Replay the whole record now (tests, 'jump to the end')."""
        self.data.load(None)

    def _map_rect(self) -> tuple[int, int, int, int]:
        w, h = self.ctx.size
        return (0, TOP_BAR_H, w - SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H - 28)

    def resized(self) -> None:
        self.view.camera.viewport = self._map_rect()
        self.view.camera.clamp()

    @property
    def frame(self) -> ReplayFrame:
        return self.data.frame(self.k)

    # --- navigation -------------------------------------------------------------------
    def goto(self, k: int) -> None:
        """Show step ``k`` (clamped); beyond what is loaded, the replay loads on towards it."""
        if k >= self.data.count and not self.data.done:
            self.target = min(k, self.data.total - 1)
        self.k = max(0, min(self.data.count - 1, k))
        for ev in self.data.steps[self.k].events:
            if type(ev).__name__ == "UnitMoved":
                try:
                    self.view.camera.ensure_visible(self.spec.map.index_of_label(ev.path[-1]))
                except ValueError:
                    pass

    def step(self, d: int) -> None:
        """One order forward (d=1) or back (d=-1)."""
        self.goto(self.k + d)

    def _key_of(self, k: int, by: str) -> tuple:
        s = self.data.steps[k]
        return (s.turn,) if by == "turn" else (s.turn, s.half, s.phase)

    def step_by(self, by: str, d: int) -> None:
        """To the start of the next (d=1) or previous (d=-1) phase or turn."""
        if d > 0 and not self.data.done:
            self.data.load(0.5)
        cur = self._key_of(self.k, by)
        k = self.k
        last = self.data.count - 1
        if d > 0:
            while k < last and self._key_of(k, by) == cur:
                k += 1
        else:
            while k > 0 and self._key_of(k, by) == cur:
                k -= 1
            here = self._key_of(k, by)
            while k > 0 and self._key_of(k - 1, by) == here:
                k -= 1
        self.goto(k)

    def jump_turn(self, turn: int) -> None:
        for k, s in enumerate(self.data.steps):
            if s.turn >= turn:
                self.goto(k)
                return
        if not self.data.done:
            self.data.load(1.0)
            if any(s.turn >= turn for s in self.data.steps):
                self.jump_turn(turn)
                return
        self.goto(self.data.count - 1)

    def take_command(self) -> Scene:
        """Branch a new game from the current step; the side to act is played here, the other by the AI."""
        from game.ui.scenes.game import GameScene

        rec = truncated(self.record, self.frame.step)
        try:
            session = Session.resume(self.spec, rec)
        except ReplayError as exc:
            return MessageScene(self.ctx, self, "Cannot take command here", str(exc).splitlines(), error=True)
        side = session.state.active_side
        controls = ("human", "ai") if side == 0 else ("ai", "human")
        ctl = GameController(session, controls, self.ctx.settings.ai_level, self.ctx.data_dir)
        scene = GameScene(self.ctx, ctl)
        scene.say(f"You command {self.spec.sides[side].name} from turn {session.state.turn}.", ACCENT)
        return scene

    def leave(self) -> Scene:
        from game.ui.scenes.title import TitleScene

        return self.back if self.back is not None else TitleScene(self.ctx)

    def action(self, name: str) -> Scene:
        acts = {
            "start": lambda: self.goto(0), "turn-": lambda: self.step_by("turn", -1),
            "phase-": lambda: self.step_by("phase", -1), "back": lambda: self.step(-1),
            "fwd": lambda: self.step(1), "phase+": lambda: self.step_by("phase", 1),
            "turn+": lambda: self.step_by("turn", 1), "end": lambda: self.goto(self.data.total - 1),
        }
        if name in acts:
            self.playing = False
            acts[name]()
        elif name == "play":
            self.playing = not self.playing
        elif name == "slower":
            self.speed_i = max(0, self.speed_i - 1)
        elif name == "faster":
            self.speed_i = min(len(SPEEDS) - 1, self.speed_i + 1)
        elif name == "command":
            return self.take_command()
        elif name == "close":
            return self.leave()
        return self

    # --- events -------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k is not None:
            shift = bool(event.mod & pygame.KMOD_SHIFT)
            ctrl = bool(event.mod & pygame.KMOD_CTRL)
            if k == pygame.K_ESCAPE:
                return self.leave()
            if pygame.K_0 <= k <= pygame.K_9:
                self.jump_text += chr(k)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.jump_text:
                self.jump_turn(int(self.jump_text))
                self.jump_text = ""
            elif k == pygame.K_BACKSPACE:
                self.jump_text = self.jump_text[:-1]
            elif k == pygame.K_RIGHT:
                return self.action("turn+" if ctrl else "phase+" if shift else "fwd")
            elif k == pygame.K_LEFT:
                return self.action("turn-" if ctrl else "phase-" if shift else "back")
            elif k == pygame.K_PAGEDOWN:
                return self.action("turn+")
            elif k == pygame.K_PAGEUP:
                return self.action("turn-")
            elif k == pygame.K_HOME:
                return self.action("start")
            elif k == pygame.K_END:
                return self.action("end")
            elif k == pygame.K_SPACE:
                return self.action("play")
            elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                return self.action("faster")
            elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
                return self.action("slower")
            elif k == pygame.K_c:
                return self.action("command")
            elif k == pygame.K_l:
                self.view.show_labels = not self.view.show_labels
        self.view.navigate(event)
        if is_click(event):
            b = button_at(self.buttons, event.pos)
            if b is not None:
                return self.action(b.action)
            if self.timeline.collidepoint(event.pos) and self.timeline.width:
                frac = (event.pos[0] - self.timeline.x) / self.timeline.width
                self.goto(round(frac * (self.data.total - 1)))
        return self

    def busy(self) -> bool:
        return self.playing or not self.data.done or self.view.settling

    def update(self, dt: float) -> Scene:
        self.view.update(dt)
        if not self.data.done:
            self.data.load(self.LOAD_BUDGET_S)
            if self.target is not None and self.data.count > self.target:
                self.goto(self.target)
                self.target = None
        if self.data.problem and not self.shown_problem and (self.data.done and self.k >= self.data.count - 1):
            self.shown_problem = True
            return MessageScene(self.ctx, self, "The replay stops here", self.data.problem.splitlines(), error=True)
        if self.playing:
            self.clock += dt * SPEEDS[self.speed_i]
            while self.clock >= 1.0:
                self.clock -= 1.0
                if self.k >= self.data.count - 1:
                    self.playing = self.playing and not self.data.done
                    break
                self.step(1)
        return self

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(BG)
        st = self.frame.state
        self.view.sync(st, self.k, None)
        marks = ViewMarks()
        for ev in self.frame.events:
            if type(ev).__name__ == "UnitMoved":
                try:
                    marks.path = [self.spec.map.index_of_label(x) for x in ev.path]
                except ValueError:
                    marks.path = []
        self.view.draw(surface, st, marks)
        f = self.fonts
        top = pygame.Rect(0, 0, w, TOP_BAR_H)
        pygame.draw.rect(surface, PANEL, top)
        pygame.draw.line(surface, PANEL_EDGE, top.bottomleft, top.bottomright)
        head = (f"REPLAY  ·  {self.record.scenario_id}  ·  {st.date:%d %b %Y}  ·  turn {st.turn}/{self.spec.turns}  ·  "
                f"{self.spec.sides[st.active_side].name} {st.phase}  ·  step {self.k}/{self.data.total - 1}"
                f"  ·  {SPEEDS[self.speed_i]:g} steps/s{'  ▶' if self.playing else ''}")
        if not self.data.done:
            head += f"  ·  replaying {100 * self.data.count // max(1, self.data.total)}%"
        surface.blit(f.text(f.fit(head, 15, w - 24, "bold"), 15, ACCENT, "bold"), (12, top.centery - 9))
        side = pygame.Rect(w - SIDEBAR_W, TOP_BAR_H, SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H - 28)
        pygame.draw.rect(surface, (30, 32, 37), side)
        self._draw_sidebar(surface, side.inflate(-16, -16))
        self._draw_controls(surface, pygame.Rect(0, h - BOTTOM_BAR_H - 28, w, BOTTOM_BAR_H + 28))

    def _draw_sidebar(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        f = self.fonts
        half = pygame.Rect(rect.x, rect.y, rect.width, rect.height // 2 - 4)
        inner = panel(surface, half, "This step", f)
        lines = [(self.record.steps[self.frame.step - 1].order if self.frame.step else "setup", 13, ACCENT, "bold")]
        lines += [(e.text(), 12, TEXT, "regular") for e in self.frame.events]
        if self.problem:
            lines.append((self.problem.splitlines()[0], 12, BAD, "regular"))
        text_lines(surface, f, lines, inner.x, inner.y, inner.width, inner.bottom)
        lower = pygame.Rect(rect.x, half.bottom + 8, rect.width, rect.bottom - half.bottom - 8)
        inner = panel(surface, lower, "History on this date", f)
        events = history.events_until(self.spec, self.frame.state.date)
        rows = [(f"{d:%d %b}: {t}", 12, TEXT, "regular") for d, t in reversed(events)]
        if not rows:
            rows = [("The scenario carries no historical events up to this date.", 12, MUTED, "regular")]
        rows.append(("", 8, TEXT, "regular"))
        rows.append(("Keys: ← → order · Shift phase · Ctrl/PgUp/PgDn turn · Home/End · Space play · + - speed · "
                     "digits + Enter jump to turn · C take command · Esc close", 11, MUTED, "regular"))
        text_lines(surface, f, rows, inner.x, inner.y, inner.width, inner.bottom)

    def _draw_controls(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        f = self.fonts
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.topright)
        self.timeline = pygame.Rect(rect.x + 12, rect.y + 8, rect.width - 24, 12)
        pygame.draw.rect(surface, (60, 60, 66), self.timeline, border_radius=6)
        n = max(1, self.data.total - 1)
        loaded = self.timeline.copy()
        loaded.width = int(self.timeline.width * (self.data.count - 1) / n)
        pygame.draw.rect(surface, (96, 92, 80), loaded, border_radius=6)
        last_turn = None
        for k, s in enumerate(self.data.steps):
            if s.turn != last_turn:
                last_turn = s.turn
                x = self.timeline.x + self.timeline.width * k / n
                pygame.draw.line(surface, (130, 124, 108), (x, self.timeline.y), (x, self.timeline.bottom))
        x = self.timeline.x + self.timeline.width * self.k / n
        pygame.draw.circle(surface, ACCENT, (x, self.timeline.centery), 8)
        specs = [("|◀", "start"), ("◀◀ turn", "turn-"), ("◀ phase", "phase-"), ("◀ order", "back"),
                 ("Pause" if self.playing else "Play", "play"), ("order ▶", "fwd"), ("phase ▶", "phase+"),
                 ("turn ▶▶", "turn+"), ("▶|", "end"), ("slower", "slower"), ("faster", "faster"),
                 ("Take command", "command"), ("Close", "close")]
        x = rect.x + 12
        self.buttons = []
        for label, action in specs:
            bw = max(44, f.get(14, "bold").size(label)[0] + 18)
            b = Button(pygame.Rect(x, rect.y + 28, bw, BOTTOM_BAR_H - 6), label, action)
            b.primary = action in ("play", "command")
            self.buttons.append(b)
            x += bw + 5
        mouse = pygame.mouse.get_pos()
        for b in self.buttons:
            b.draw(surface, f, mouse)
        if self.jump_text:
            t = f.text(f"jump to turn {self.jump_text}…", 14, ACCENT, "bold")
            surface.blit(t, (rect.right - t.get_width() - 12, rect.y + 34))
