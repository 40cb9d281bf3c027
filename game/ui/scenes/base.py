"""Scenes: the unit of the UI. Input handlers return the scene to show next.

``handle_event(event)`` and ``update(dt)`` return ``self`` to stay, another
scene to switch to (a modal keeps a reference to the scene below it and
returns it when closed), or ``QUIT``. ``draw(surface)`` paints the whole
window. Tests feed synthetic pygame events to a scene and follow what it
returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.ui import saves
from game.ui.catalog import Catalog
from game.ui.fonts import Fonts
from game.ui.widgets import dim


@dataclass
class Settings:
    """Player preferences for this run."""

    ai_delay: float = 0.35
    """Seconds between the AI's orders when its turn is shown."""
    anim_speed: float = 1.0
    ai_level: str = "normal"
    show_minimap: bool = True


@dataclass
class UiContext:
    """What every scene needs: fonts, the window size, scenarios, the data folder, settings."""

    fonts: Fonts
    catalog: Catalog
    size: tuple[int, int] = (1280, 800)
    data_dir: Path = field(default_factory=saves.data_dir)
    settings: Settings = field(default_factory=Settings)
    fullscreen: bool = False
    headless: bool = False
    window_size: tuple[int, int] | None = None
    """The window's size before full screen, restored when leaving it."""

    def toggle_fullscreen(self) -> None:
        """Switch between a window and full screen; ``size`` follows (no display change when headless).

        Leaving full screen gives back the window size the player had, not the screen's size.
        """
        self.fullscreen = not self.fullscreen
        if self.fullscreen:
            self.window_size = self.size
        elif self.window_size is not None:
            self.size = self.window_size
        if self.headless or pygame.display.get_surface() is None:
            return
        if self.fullscreen:
            pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.size = pygame.display.get_surface().get_size()


class Scene:
    """Base scene: stays put, draws nothing."""

    def __init__(self, ctx: UiContext) -> None:
        self.ctx = ctx

    @property
    def fonts(self) -> Fonts:
        return self.ctx.fonts

    def handle_event(self, event: pygame.event.Event) -> Scene:
        return self

    def update(self, dt: float) -> Scene:
        return self

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((0, 0, 0))

    def resized(self) -> None:
        """The window changed size (``ctx.size``); re-lay out."""

    def busy(self) -> bool:
        """Whether the scene changes on its own (animations, an opponent moving): the main loop then
        draws at the full frame rate; otherwise, without input, it slows down to save the CPU."""
        return True


class QuitScene(Scene):
    """Returned to end the program."""


class Modal(Scene):
    """A scene drawn over another one, which it returns to when closed."""

    def __init__(self, ctx: UiContext, below: Scene) -> None:
        super().__init__(ctx)
        self.below = below

    def draw(self, surface: pygame.Surface) -> None:
        self.below.draw(surface)
        dim(surface)
        self.draw_modal(surface)

    def draw_modal(self, surface: pygame.Surface) -> None:
        pass

    def resized(self) -> None:
        self.below.resized()

    def busy(self) -> bool:
        return self.below.busy()


def is_click(event: pygame.event.Event, button: int = 1) -> bool:
    return event.type == pygame.MOUSEBUTTONUP and event.button == button


def key(event: pygame.event.Event) -> int | None:
    return event.key if event.type == pygame.KEYDOWN else None


def ctrl(event: pygame.event.Event) -> bool:
    return bool(event.type == pygame.KEYDOWN and event.mod & pygame.KMOD_CTRL)
