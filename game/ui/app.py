"""The window and the main loop: events to the current scene, update, draw, 60 frames a second."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pygame

from game.ui.catalog import Catalog
from game.ui.fonts import Fonts
from game.ui.scenes.base import QuitScene, Scene, Settings, UiContext

FPS = 60
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

    def step(self, events: list[pygame.event.Event], dt: float) -> bool:
        """Process one frame; False when the program should end."""
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
                surf = pygame.display.get_surface()
                if surf is not None:
                    self.ctx.size = surf.get_size()
                self.scene.resized()
                continue
            self.scene = self._switch(self.scene.handle_event(event))
            if isinstance(self.scene, QuitScene):
                return False
        self.scene = self._switch(self.scene.update(dt))
        if isinstance(self.scene, QuitScene):
            return False
        surface = pygame.display.get_surface()
        self.scene.draw(surface)
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
        """The main loop at 60 frames a second."""
        running = True
        while running:
            dt = self.clock.tick(FPS) / 1000.0
            running = self.step(pygame.event.get(), min(dt, 0.1))
            if max_frames is not None and self.frames >= max_frames:
                break
        pygame.quit()
