"""The title screen: scenario list with briefing, side choice, weather mode, load, replays."""

from __future__ import annotations

import re
from pathlib import Path

import pygame

from game.record import RecordError, load_record
from game.session import Session
from game.ui.catalog import weather_modes, with_options
from game.ui.controller import GameController
from game.ui.scenes.base import QuitScene, Scene, UiContext, is_click, key
from game.ui.scenes.dialogs import HelpScene, LoadingScene, LoadScene, MessageScene
from game.ui.theme import ACCENT, BAD, BG, MUTED, PANEL_EDGE, TEXT, side_colors
from game.ui.widgets import Button, button_at, panel, text_lines, text_rows_fit

WEATHER_MODES = ("historical", "variable")
AI_LEVELS = ("easy", "normal", "hard")


def start_game(ctx: UiContext, spec, side_choice: str, seed: int, weather: str = "historical") -> Scene:  # noqa: ANN001
    """A new game: ``side_choice`` is a side id (vs the AI), 'both' (hot seat), 'ai' (watch) or 'pbem-<side>'."""
    from game.ui.scenes.game import GameScene

    ids = [s.id for s in spec.sides]
    if side_choice == "both":
        controls = ("human", "human")
    elif side_choice == "ai":
        controls = ("ai", "ai")
    elif side_choice.startswith("pbem-"):
        me = ids.index(side_choice.removeprefix("pbem-"))
        controls = ("human", "remote") if me == 0 else ("remote", "human")
    else:
        me = ids.index(side_choice)
        controls = ("human", "ai") if me == 0 else ("ai", "human")
    options = {"weather": weather, "controls": list(controls)}
    session = Session(with_options(spec, options), seed, options)
    ctl = GameController(session, controls, ctx.settings.ai_level, ctx.data_dir)
    return GameScene(ctx, ctl)


def validate_pbem(ctx: UiContext, record, spec, source: str):  # noqa: ANN001, ANN201 - records, IncomingReport
    """Check an opponent's play-by-email record against the last one this player sent (``game.pbem``)."""
    from game.pbem import validate_incoming
    from game.ui import saves

    previous = None
    for info in saves.list_saves(ctx.data_dir):
        if info.path.parent != saves.pbem_dir(ctx.data_dir) or not info.ok or info.steps >= len(record.steps):
            continue
        try:
            rec = load_record(info.path)
        except RecordError:
            continue
        if rec.scenario_id == record.scenario_id and rec.seed == record.seed and (
                previous is None or len(rec.steps) > len(previous.steps)):
            previous = rec
    sender = record.steps[-1].side if record.steps else None
    return validate_incoming(record, spec, previous=previous, sender=sender, source=source)


class RefusedRecord(Exception):
    """An opponent's file that failed validation; the message is the report."""


def open_record(ctx: UiContext, path, below: Scene | None = None, controls: tuple[str, str] | None = None) -> Scene:  # noqa: ANN001
    """Continue a saved game or an opponent's play-by-email file (validated by replaying it, in the background)."""
    back = below or TitleScene(ctx)

    def work() -> tuple:
        record = load_record(path)
        spec = ctx.catalog.for_record(record)
        if "remote" in (record.options.get("controls") or []):
            report = validate_pbem(ctx, record, spec, str(path))
            if not report.ok:
                raise RefusedRecord(report.summary())
            record = report.record
        return record, Session.resume(spec, record)

    def fail(exc: Exception) -> Scene:
        if isinstance(exc, RefusedRecord):
            return MessageScene(ctx, back, "The opponent's file was refused", str(exc).splitlines(), error=True)
        return MessageScene(ctx, back, "This game cannot be opened", str(exc).splitlines() or [repr(exc)], error=True)

    def then(result) -> Scene:  # noqa: ANN001 - (record, session)
        return _continue(ctx, *result, controls)

    return LoadingScene(ctx, back, f"Opening {Path(path).name}", work, then, fail)


def _continue(ctx: UiContext, record, session, controls: tuple[str, str] | None) -> Scene:  # noqa: ANN001
    from game.ui.scenes.game import GameScene

    if controls is None:
        side = session.state.active_side
        controls = ("human", "human")
        opts = record.options.get("controls")
        if isinstance(opts, list) and len(opts) == 2 and all(c in ("human", "ai", "remote") for c in opts):
            controls = tuple(opts)  # type: ignore[assignment]
            if "remote" in controls:  # play by e-mail: whoever opens the file plays the side to move
                controls = ("human", "remote") if side == 0 else ("remote", "human")
    ctl = GameController(session, controls, ctx.settings.ai_level, ctx.data_dir)
    return GameScene(ctx, ctl)


def open_replay(ctx: UiContext, path, back: Scene) -> Scene:  # noqa: ANN001 - Path
    """Watch a saved game or record in the replay viewer."""
    from game.ui.scenes.replay import ReplayScene

    try:
        record = load_record(path)
        spec = ctx.catalog.for_record(record)
    except Exception as exc:  # noqa: BLE001 - damaged file or missing scenario: a message
        return MessageScene(ctx, back, "This record cannot be opened", str(exc).splitlines() or [repr(exc)],
                            error=True)
    return ReplayScene.from_record(ctx, record, spec, back)


def reflow(text: str) -> list[str]:
    """Paragraphs of a YAML description: single line breaks joined, blank lines kept as breaks."""
    paras = re.split(r"\n\s*\n", text.strip())
    return [" ".join(p.split()) for p in paras if p.strip()]


def briefing_sections(spec, side_choice: str) -> list[tuple[str, str]]:  # noqa: ANN001 - ScenarioSpec
    """(heading, text) sections of the briefing for a side choice, as the title screen shows them.

    A side id (against the AI) or 'pbem-<side>' shows that side's briefing; hot seat, AI against AI and
    anything else show both. The description comes first as the summary; the designer's notes come last.
    A scenario without briefings shows its description alone (then the notes).
    """
    ids = [s.id for s in spec.sides]
    sid = side_choice.removeprefix("pbem-") or ids[0]
    shown = [sid] if sid in ids else ids
    sections: list[tuple[str, str]] = []
    if spec.description.strip() or not spec.briefings:
        sections.append(("", spec.description or "No briefing given."))
    for side in spec.sides:
        text = spec.briefings.get(side.id, "")
        if side.id in shown and text.strip():
            sections.append((f"{side.name} — briefing", text))
    if spec.designer_notes.strip():
        sections.append(("Designer's notes", spec.designer_notes))
    return sections


class TitleScene(Scene):
    """Pick a scenario, a side and the weather; or load, or watch a replay."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.entries = ctx.catalog.entries()
        if not all(e.loaded for e in self.entries):
            ctx.catalog.load_in_background()
        self.index = next((i for i, e in enumerate(self.entries) if e.id == "tutorial"), 0)
        self.side_choice = ""
        self.weather = "historical"
        self.seed = 1941
        self.buttons: list[Button] = []
        self.rows: list[pygame.Rect] = []
        self.brief_scroll = 0
        self.brief_rect = pygame.Rect(0, 0, 0, 0)
        self.brief_more = False
        """The briefing goes on below the panel (scrolling down is possible)."""
        self.ai_label_y = 0
        self.play_label_y = 226
        self.weather_label_y = 226

    def busy(self) -> bool:
        return not all(e.loaded for e in self.entries)  # "loading…" entries fill in by themselves

    @property
    def entry(self):  # noqa: ANN201
        return self.entries[self.index] if self.entries else None

    def side_options(self) -> list[tuple[str, str]]:
        e = self.entry
        if e is None or e.spec is None:
            return []
        first = e.spec.first_side
        s = e.spec.sides
        return [(s[0].id, f"{s[0].name} vs AI"), (s[1].id, f"{s[1].name} vs AI"), ("both", "Hot seat (2 players)"),
                (f"pbem-{s[first].id}", f"Play by e-mail ({s[first].name} starts)"), ("ai", "Watch AI vs AI")]

    def start(self) -> Scene:
        e = self.entry
        if e is not None:
            self.ctx.catalog.load(e)
        if e is None or e.spec is None:
            return MessageScene(self.ctx, self, "This scenario does not load", (e.problems if e else []) or
                                ["No scenario selected."], error=True)
        options = self.side_options()
        choice = self.side_choice or options[0][0]
        weather = self.weather if self.weather in weather_modes(e.spec) else "historical"
        return start_game(self.ctx, e.spec, choice, self.seed, weather)

    def layout(self) -> None:
        w, h = self.ctx.size
        x = w - 380
        self.buttons = []
        # a short window (down to 640 px) packs the options closer so they stay clear of the bottom rows
        short = max(0, 800 - h)
        y = max(186, 250 - short)
        pitch, bh = (40, 34) if short < 60 else (38, 32)
        self.play_label_y = y - 24
        for k, (sid, label) in enumerate(self.side_options()):
            b = Button(pygame.Rect(x, y + pitch * k, 340, bh), label, f"side:{sid}")
            b.primary = (self.side_choice or self.side_options()[0][0]) == sid
            self.buttons.append(b)
        y += pitch * len(self.side_options()) + (40 if short < 60 else 34)
        self.weather_label_y = y - 24
        modes = weather_modes(self.entry.spec) if self.entry is not None and self.entry.spec is not None else ()
        for k, mode in enumerate(WEATHER_MODES):
            b = Button(pygame.Rect(x + 172 * k, y, 168, bh), f"{mode.title()} weather", f"weather:{mode}")
            b.enabled = mode in modes
            b.primary = self.weather == mode and b.enabled
            self.buttons.append(b)
        y += 76 if short < 60 else 68
        for k, lvl in enumerate(AI_LEVELS):
            b = Button(pygame.Rect(x + 114 * k, y, 110, bh), lvl.title(), f"ai:{lvl}")
            b.primary = self.ctx.settings.ai_level == lvl
            self.buttons.append(b)
        self.ai_label_y = y - 24
        for k, (label, action) in enumerate([("Watch a replay", "replays"), ("1941 history", "history")]):
            self.buttons.append(Button(pygame.Rect(x + 172 * k, h - 118, 168, 38), label, action))
        y = h - 70
        for k, (label, action, _hint) in enumerate(
            [("Start", "start", "Enter"), ("Load game", "load", "Ctrl+O"), ("Quit", "quit", "Esc")]
        ):
            b = Button(pygame.Rect(x + 116 * k, y, 110, 40), label, action, "")
            b.primary = action == "start"
            self.buttons.append(b)

    def action(self, name: str) -> Scene:
        if name.startswith("side:"):
            if self.side_choice != name.removeprefix("side:"):
                self.brief_scroll = 0  # another side's briefing starts at its top
            self.side_choice = name.removeprefix("side:")
        elif name.startswith("weather:"):
            self.weather = name.removeprefix("weather:")
        elif name.startswith("ai:"):
            self.ctx.settings.ai_level = name.removeprefix("ai:")
        elif name == "start":
            return self.start()
        elif name == "load":
            return LoadScene(self.ctx, self, lambda info: open_record(self.ctx, info.path, self))
        elif name == "quit":
            return QuitScene(self.ctx)
        elif name == "replays":
            return LoadScene(self.ctx, self, lambda info: open_replay(self.ctx, info.path, self),
                             title="Watch a replay")
        elif name == "history":
            e = self.entry
            if e is not None:
                self.ctx.catalog.load(e)
            if e is None or e.spec is None:
                return self
            from game.ui.scenes.history import HistoryScene

            return HistoryScene(self.ctx, e.spec, self)
        return self

    def handle_event(self, event: pygame.event.Event) -> Scene:
        k = key(event)
        if k == pygame.K_ESCAPE:
            return QuitScene(self.ctx)
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if k == pygame.K_DOWN and self.entries:
            self.index = (self.index + 1) % len(self.entries)
            self.side_choice = ""
            self.brief_scroll = 0
        if k == pygame.K_UP and self.entries:
            self.index = (self.index - 1) % len(self.entries)
            self.side_choice = ""
            self.brief_scroll = 0
        if k == pygame.K_F1:
            return HelpScene(self.ctx, self)
        if k in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT) and self.side_options():
            ids = [sid for sid, _ in self.side_options()]
            cur = ids.index(self.side_choice) if self.side_choice in ids else 0
            step = -1 if k == pygame.K_LEFT or event.mod & pygame.KMOD_SHIFT else 1
            self.side_choice = ids[(cur + step) % len(ids)]
            self.brief_scroll = 0
        if k == pygame.K_w and self.entry is not None and self.entry.spec is not None:
            modes = weather_modes(self.entry.spec)
            self.weather = modes[(modes.index(self.weather) + 1) % len(modes)] if self.weather in modes else modes[0]
        if k == pygame.K_PAGEDOWN and self.brief_more:
            self.brief_scroll += 5
        if k == pygame.K_PAGEUP:
            self.brief_scroll = max(0, self.brief_scroll - 5)
        if event.type == pygame.MOUSEWHEEL and (event.y > 0 or self.brief_more):
            self.brief_scroll = max(0, self.brief_scroll - 2 * event.y)
        if k == pygame.K_o and event.mod & pygame.KMOD_CTRL:
            return self.action("load")
        if k == pygame.K_F11:
            self.ctx.toggle_fullscreen()
        if is_click(event):
            self.layout()
            b = button_at(self.buttons, event.pos)
            if b is not None:
                return self.action(b.action)
            for i, r in enumerate(self.rows):
                if r.collidepoint(event.pos):
                    if i != self.index:
                        self.side_choice = ""
                        self.brief_scroll = 0
                    self.index = i
        return self

    def draw(self, surface: pygame.Surface) -> None:
        self.layout()
        w, h = surface.get_size()
        surface.fill(BG)
        self._backdrop(surface)
        f = self.fonts
        title = f.halo("MOSCOW '41", 64, ACCENT, (20, 16, 10), "bold")
        surface.blit(title, (48, 36))
        sub = f.text("Operation Typhoon and the Soviet winter counter-offensive, October 1941 – January 1942", 16,
                     TEXT)
        surface.blit(sub, (52, 116))
        # scenario list
        list_w = int(min(360, max(240, (w - 380 - 48 - 40) * 0.45)))  # the briefing keeps room in a narrow window
        lst = pygame.Rect(48, 160, list_w, h - 250)
        inner = panel(surface, lst, "Scenarios", f)
        self.rows = []
        y = inner.y + 2
        for i, e in enumerate(self.entries):
            r = pygame.Rect(inner.x - 4, y, inner.width + 8, 46)
            if i == self.index:
                pygame.draw.rect(surface, (74, 62, 38), r, border_radius=5)
            name = f.fit(e.title, 15, r.width - 16, "bold")
            surface.blit(f.text(name, 15, TEXT if e.ok or not e.loaded else BAD, "bold"), (r.x + 8, r.y + 4))
            if not e.loaded:
                detail = "loading…"
            elif e.spec is not None:
                detail = f"{e.spec.start_date:%d %b %Y}, {e.spec.turns} turns of {e.spec.days_per_turn} days"
            else:
                detail = "does not load — select it for the problems"
            surface.blit(f.text(detail, 12, MUTED), (r.x + 8, r.y + 25))
            self.rows.append(r)
            y += 50
        if not self.entries:
            text_lines(surface, f, [("No scenarios found in scenarios/.", 14, BAD, "regular")], inner.x, y,
                       inner.width)
        # briefing
        brief = pygame.Rect(lst.right + 20, 160, w - 380 - lst.right - 40, h - 250)
        inner = panel(surface, brief, "Briefing", f)
        e = self.entry
        if e is not None:
            lines: list[tuple[str, int, tuple[int, int, int], str]] = [(e.title, 22, TEXT, "bold")]
            if e.spec is not None:
                sp = e.spec
                end = sp.date_of_turn(sp.turns + 1)
                lines.append((f"{sp.start_date:%d %B %Y} – {end:%d %B %Y} · {sp.turns} turns · "
                              f"{sp.map.width}×{sp.map.height} hexes · {len(sp.units)} units", 13, MUTED, "regular"))
                lines.append(("", 8, TEXT, "regular"))
                for heading, text in briefing_sections(sp, self.side_choice):
                    notes = heading == "Designer's notes"
                    if heading:
                        lines.append(("", 4, TEXT, "regular"))
                        lines.append((heading.upper(), 12, ACCENT, "bold"))
                    for para in reflow(text):
                        lines.append((para, 13 if notes else 15, MUTED if notes else TEXT, "regular"))
                        lines.append(("", 6, TEXT, "regular"))
            elif not e.loaded:
                lines.append(("Loading and checking the scenario…", 14, MUTED, "regular"))
            else:
                lines += [(p, 13, BAD, "regular") for p in e.problems[:20]]
            y = text_lines(surface, f, lines[:1], inner.x, inner.y + 4, inner.width, inner.bottom - 40, spacing=5)
            text_bottom = inner.bottom - 58  # room for the scroll marks and the side chips
            text_lines(surface, f, lines[1:], inner.x, y, inner.width, text_bottom, spacing=5,
                       skip=self.brief_scroll)
            self.brief_more = not text_rows_fit(f, lines[1:], inner.width, text_bottom - y, spacing=5,
                                                skip=self.brief_scroll)
            marks = ("▲ " if self.brief_scroll else "") + ("▼ more" if self.brief_more else "")
            if marks:
                t = f.text(marks.strip() + " · wheel / PgUp PgDn", 12, ACCENT)
                surface.blit(t, (inner.right - t.get_width(), inner.bottom - 52))
            self.brief_rect = inner
            if e.spec is not None:
                x = inner.x
                for s in (0, 1):
                    fill, ink = side_colors(e.spec, s)
                    chip = pygame.Rect(x, inner.bottom - 30, 0, 28)
                    name = f.fit(e.spec.sides[s].name, 14, (inner.width - 12) // 2 - 20, "bold")
                    t = f.text(name, 14, ink, "bold")
                    chip.width = t.get_width() + 20
                    pygame.draw.rect(surface, fill, chip, border_radius=6)
                    surface.blit(t, t.get_rect(center=chip.center))
                    x = chip.right + 12
        # options
        ox = w - 380
        surface.blit(f.text("PLAY AS", 12, ACCENT, "bold"), (ox, self.play_label_y))
        surface.blit(f.text("WEATHER", 12, ACCENT, "bold"), (ox, self.weather_label_y))
        if self.side_options():
            surface.blit(f.text("AI STRENGTH", 12, ACCENT, "bold"), (ox, self.ai_label_y))
        mouse = pygame.mouse.get_pos()
        for b in self.buttons:
            b.draw(surface, f, mouse)
        foot = f.text(f.fit("↑↓ scenario · ←→/Tab side · W weather · wheel / PgUp PgDn briefing · Enter start · "
                            "F1 keys · F11 full screen", 12, w - 380 - 48 - 20), 12, MUTED)
        surface.blit(foot, (48, h - 40))

    def _backdrop(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        for k in range(0, h, 4):
            c = 24 + int(10 * k / h)
            pygame.draw.line(surface, (c, c + 2, c + 5), (0, k), (w, k), 4)
        for k in range(0, w, 60):
            pygame.draw.line(surface, (34, 38, 44), (k, 0), (k - 200, h), 1)
        pygame.draw.line(surface, PANEL_EDGE, (48, 146), (w - 48, 146), 1)
