"""The window and the main loop: events to the current scene, update, draw, 60 frames a second."""

from __future__ import annotations

import os
import time
import traceback
from pathlib import Path

import pygame

from game.ui.catalog import Catalog
from game.ui.fonts import Fonts
from game.ui.scenes.base import QuitScene, Scene, Settings, UiContext

FPS = 60
IDLE_FPS = 20
"""Frames a second on an idle screen (no input, nothing moving)."""
IDLE_AFTER_S = 0.5
MIN_SIZE = (1024, 640)


def make_context(size: tuple[int, int] = (1280, 800), catalog: Catalog | None = None,
                 data_dir: Path | None = None, headless: bool | None = None) -> UiContext:
    """Initialise pygame (display, fonts) and build the context every scene shares."""
    if headless is None:
        headless = os.environ.get("SDL_VIDEODRIVER") == "dummy"
    pygame.display.init()
    pygame.font.init()
    flags = 0 if headless else pygame.RESIZABLE
    if pygame.display.get_surface() is None or pygame.display.get_surface().get_size() != size:
        pygame.display.set_mode(size, flags)
    pygame.display.set_caption("Moscow '41")
    pygame.key.set_repeat(300, 40)
    kw = {}
    if data_dir is not None:
        kw["data_dir"] = data_dir
    return UiContext(fonts=Fonts(), catalog=catalog or Catalog(), size=size, settings=Settings(), headless=headless,
                     **kw)


class App:
    """Runs scenes until one returns ``QuitScene`` or the window closes."""

    def __init__(self, ctx: UiContext, scene: Scene) -> None:
        self.ctx = ctx
        self.scene = scene
        self.clock = pygame.time.Clock()
        self.frames = 0
        self.first_frame_at: float | None = None
        self._last_good: Scene | None = None
        self._failing = False
        self._laid_out: tuple[int, int] | None = None

    def step(self, events: list[pygame.event.Event], dt: float) -> bool:
        """Process one frame; False when the program should end.

        An unexpected error in a scene never closes the game: it is written to ``crash.log`` in the
        data folder, a game in progress is saved, and a message is shown over the last good screen.
        """
        try:
            return self._step(events, dt)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the safety net of the whole UI
            if self._failing:
                raise
            self._failing = True
            try:
                self.scene = self._recover(exc)
            finally:
                self._failing = False
            return True

    def _recover(self, exc: Exception) -> Scene:
        from game.ui import saves
        from game.ui.scenes.dialogs import MessageScene
        from game.ui.scenes.title import TitleScene

        log = self.ctx.data_dir / "crash.log"
        lines = [f"{type(exc).__name__}: {exc}"]
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{traceback.format_exc()}\n")
            lines.append(f"The details are in {log}.")
        except OSError:
            pass
        ctl = getattr(self.scene, "ctl", None)
        if ctl is not None:
            try:
                path = saves.write_save(ctl.record, f"rescue-{ctl.spec.id}", self.ctx.data_dir)
                lines.append(f"Your game was saved as {path.name}; load it from the title screen.")
            except Exception:  # noqa: BLE001 - nothing more can be done here
                pass
        below = self._last_good if self._last_good is not None else TitleScene(self.ctx)
        return MessageScene(self.ctx, below, "Something went wrong — the game goes on", lines, error=True)

    def _step(self, events: list[pygame.event.Event], dt: float) -> bool:
        for event in events:
            if event.type == pygame.QUIT:
                return False
            if event.type == pygame.VIDEORESIZE and not self.ctx.fullscreen:
                size = (max(MIN_SIZE[0], event.w), max(MIN_SIZE[1], event.h))
                self.ctx.size = size
                if not self.ctx.headless:
                    pygame.display.set_mode(size, pygame.RESIZABLE)
                self.scene.resized()
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                self.ctx.toggle_fullscreen()
                self.scene.resized()
                continue
            self.scene = self._switch(self.scene.handle_event(event))
            if isinstance(self.scene, QuitScene):
                return False
        self.scene = self._switch(self.scene.update(dt))
        if isinstance(self.scene, QuitScene):
            return False
        surface = pygame.display.get_surface()
        if not self.ctx.headless and surface.get_size() != self._laid_out:
            # the display is not the size the scene was laid out for (full screen at start-up, a resize)
            self.ctx.size = self._laid_out = surface.get_size()
            self.scene.resized()
        self.scene.draw(surface)
        self._last_good = self.scene
        pygame.display.flip()
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        return True

    def _switch(self, scene: Scene) -> Scene:
        if scene is not self.scene:
            surf = pygame.display.get_surface()
            if surf is not None and surf.get_size() != self.ctx.size:
                self.ctx.size = surf.get_size()
            scene.resized()
        return scene

    def run(self, max_frames: int | None = None) -> None:
        """The main loop: 60 frames a second while anything happens, a few when the screen is idle.

        Idle (no input for a moment, the scene not ``busy``) the loop sleeps until the next event or
        a twentieth of a second, so a game left open on a turn does not keep a core busy; the first
        event wakes it at once.
        """
        running = True
        quiet = 0.0
        while running:
            if quiet >= IDLE_AFTER_S and not self.scene.busy():
                first = pygame.event.wait(1000 // IDLE_FPS)
                events = ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
                dt = self.clock.tick() / 1000.0
            else:
                dt = self.clock.tick(FPS) / 1000.0
                events = pygame.event.get()
            quiet = 0.0 if events else quiet + dt
            running = self.step(events, min(dt, 0.1))
            if max_frames is not None and self.frames >= max_frames:
                break
        pygame.quit()
