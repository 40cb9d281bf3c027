"""What only a real window showed: wheel notches, full screen, text entry, stale marks (SDL dummy driver)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import rulesinfo, saves  # noqa: E402
from game.ui.app import App, make_context  # noqa: E402
from game.ui.catalog import Catalog  # noqa: E402
from game.ui.scenes.dialogs import TextInputScene  # noqa: E402
from game.ui.scenes.game import GameScene, unit_status_text  # noqa: E402
from game.ui.theme import SIDEBAR_W  # noqa: E402
from tests.test_ui_scenes import TURN_PHASES, end_phases, new_game, press, small_spec  # noqa: E402


@pytest.fixture
def ctx(tmp_path):
    return make_context((1280, 800), Catalog(extra=[small_spec()]), tmp_path, headless=True)


@pytest.fixture
def window_ctx(tmp_path):
    """A context that changes the (dummy) display like a real window does; the display is put back after."""
    ctx = make_context((1100, 700), Catalog(extra=[small_spec()]), tmp_path, headless=False)
    yield ctx
    pygame.display.set_mode((1280, 800))


def wheel(scene, pos: tuple[int, int], y: int = 1, x: int = 0):  # noqa: ANN001, ANN201 - scenes
    """One notch of a real mouse wheel: pygame reports it twice, as a button 4/5 press and as a wheel event."""
    if y:
        button = 4 if y > 0 else 5
        scene = scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        scene = scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    return scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=x, y=y, pos=pos, flipped=False))


def test_one_wheel_notch_zooms_one_level(ctx):
    scene = new_game(ctx)
    cam = scene.view.camera
    cam.zoom = 2
    center = (cam.viewport[0] + cam.viewport[2] // 2, cam.viewport[1] + cam.viewport[3] // 2)
    scene = wheel(scene, center, 1)
    assert cam.zoom == 3
    scene = wheel(scene, center, -1)
    assert cam.zoom == 2
    wheel(scene, center, 0, x=1)  # a sideways scroll does not zoom out
    assert cam.zoom == 2


def test_save_as_typing_replaces_the_offered_name(ctx):
    scene = new_game(ctx)
    asked = press(scene, pygame.K_s, pygame.KMOD_CTRL)
    assert isinstance(asked, TextInputScene) and asked.text.startswith("small-turn01-")
    asked.draw(pygame.display.get_surface())
    for ch in "mine":
        asked = press(asked, pygame.key.key_code(ch), unicode=ch)
    assert asked.text == "mine"
    assert press(asked, pygame.K_RETURN) is scene
    assert saves.save_path("mine", ctx.data_dir).exists()
    # an arrow key keeps the offered name for editing; Backspace on the selection clears it
    kept = press(press(scene, pygame.K_s, pygame.KMOD_CTRL), pygame.K_END)
    offered = kept.text
    kept = press(kept, pygame.K_2, unicode="2")
    assert kept.text == offered + "2"
    cleared = press(press(scene, pygame.K_s, pygame.KMOD_CTRL), pygame.K_BACKSPACE)
    assert cleared.text == ""
    cleared.draw(pygame.display.get_surface())


def test_attacked_mark_is_not_shown_in_the_next_turn(ctx):
    scene = new_game(ctx, "both")
    u = scene.spec.unit_index["ger.a"]
    scene.submit("end")
    assert scene.state.phase == "combat" and scene.state.active_side == 0
    scene.state.units["attacked"][u] = 1  # as an attack leaves it
    assert rulesinfo.attacked_this_turn(scene.state, u)
    assert "attacked" in unit_status_text(scene.state, u)
    scene.submit("end")  # the exploitation phase after the attacks: the mark is still this turn's
    assert scene.state.phase == "exploitation" and scene.state.active_side == 0
    assert rulesinfo.attacked_this_turn(scene.state, u) and "attacked" in unit_status_text(scene.state, u)
    scene.submit("end")  # the other side's half of the same turn
    assert scene.state.active_side == 1 and rulesinfo.attacked_this_turn(scene.state, u)
    scene.submit("end")
    scene.submit("end")
    st = scene.state
    assert st.turn == 2 and st.active_side == 0 and st.phase == "movement"
    assert st.units["attacked"][u]  # the rules keep the mark until the next combat phase ...
    assert not rulesinfo.attacked_this_turn(st, u)  # ... the screen does not show it
    assert "attacked" not in unit_status_text(st, u)
    assert not scene.view.look(st, u, 40).attacked


def test_full_screen_round_trip_gives_back_the_window_size(window_ctx):
    scene = new_game(window_ctx)
    app = App(window_ctx, scene)
    f11 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F11, mod=0, unicode="", scancode=0)
    assert app.step([f11], 0.016)
    screen = pygame.display.get_surface().get_size()
    assert window_ctx.fullscreen and window_ctx.size == screen
    assert scene.view.camera.viewport[2] == screen[0] - SIDEBAR_W
    assert app.step([f11], 0.016)
    assert not window_ctx.fullscreen
    assert window_ctx.size == (1100, 700) == pygame.display.get_surface().get_size()
    assert scene.view.camera.viewport[2] == 1100 - SIDEBAR_W


def test_starting_in_full_screen_lays_the_game_out_for_the_screen(window_ctx):
    scene = new_game(window_ctx)
    window_ctx.toggle_fullscreen()  # what `moscow41 play --fullscreen` does after building the scene
    app = App(window_ctx, scene)
    assert app.step([], 0.016)
    w, h = pygame.display.get_surface().get_size()
    assert isinstance(app.scene, GameScene)
    assert scene.view.camera.viewport[2] == w - SIDEBAR_W
    assert scene.view.camera.viewport[1] + scene.view.camera.viewport[3] < h


def test_chart_leaves_out_victory_points_not_known_after_a_load():
    from game.ui.controller import TurnStats
    from game.ui.scenes.end import vp_balance

    stats = [TurnStats(1, (30.0, 15.0), None), TurnStats(2, (30.0, 15.0), None),
             TurnStats(3, (30.0, 23.0), (1, 9)), TurnStats(4, (28.0, 19.0), (2, 8))]
    assert vp_balance(stats) == ([3, 4], [-8, -6])
    assert vp_balance(stats[:2]) == ([], [])


def test_title_briefing_says_there_is_more_and_stops_at_its_end(tmp_path):
    from game.paths import SCENARIO_DIR
    from game.ui.scenes.title import TitleScene

    if not (SCENARIO_DIR / "typhoon.yaml").exists():
        pytest.skip("no long briefing shipped")
    ctx = make_context((1280, 800), Catalog(), tmp_path, headless=True)
    title = TitleScene(ctx)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "typhoon")
    ctx.catalog.load(title.entry)
    surface = pygame.display.get_surface()
    title.draw(surface)
    assert title.brief_more
    for _ in range(200):
        before = title.brief_scroll
        title = press(title, pygame.K_PAGEDOWN)
        title.draw(surface)
        if title.brief_scroll == before:
            break
    assert not title.brief_more and 0 < title.brief_scroll < 200 * 5
    title.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    assert title.brief_scroll == before


def test_an_idle_game_screen_is_not_busy_but_moving_things_are(ctx):
    """The main loop slows to IDLE_FPS only when the scene is not busy (saves a CPU core on an open game)."""
    from game.orders import Move
    from game.ui.scenes.title import TitleScene

    scene = new_game(ctx, "german")
    for _ in range(50):
        scene.update(0.05)
    assert not scene.busy()
    scene.submit(Move("ger.a", "0402"))  # the counter glides there
    assert scene.busy()
    for _ in range(50):
        scene.update(0.05)
    assert not scene.busy()
    scene.dragging = True
    assert scene.busy()
    scene.dragging = False
    menu = press(scene, pygame.K_ESCAPE)
    assert not menu.busy()
    scene.end_turn()
    assert scene.ctl.ai_to_act and scene.busy()  # the AI's moves are shown one by one
    title = TitleScene(ctx)
    for e in title.entries:
        ctx.catalog.load(e)
    assert not title.busy()  # busy only while scenarios are still being checked in the background


def test_hot_seat_handover_wraps_long_report_lines(ctx):
    from game.ui.scenes.dialogs import HandoverScene
    from game.ui.theme import BG

    long_line = "Weather: rain, mild; ground dry -> mud; no flying — mud: open-ground movement cost " * 4
    handover = HandoverScene(ctx, new_game(ctx, "both"), "Soviet Union", ["Turn 2 begins", long_line])
    surface = pygame.display.get_surface()
    handover.draw(surface)
    w, h = surface.get_size()
    for x in (0, 20, w - 21, w - 1):  # nothing runs off the sides
        assert all(tuple(surface.get_at((x, y)))[:3] == BG for y in range(h // 2 - 10, h - 120))


def test_the_finished_game_is_autosaved(ctx):
    from game.record import load_record
    from game.session import Session
    from game.ui.controller import GameController

    spec = small_spec(turns=1)
    ctl = GameController(Session(spec, 3), ("human", "human"), data_dir=ctx.data_dir)
    end_phases(ctl, TURN_PHASES)
    assert ctl.state.game_over
    saved = load_record(saves.save_path("autosave-small", ctx.data_dir))
    assert len(saved.steps) == len(ctl.record.steps) == len(TURN_PHASES)


@pytest.mark.parametrize("size", [(1024, 640), (1280, 700), (1280, 800), (1600, 1000)])
def test_title_buttons_do_not_overlap_at_any_window_size(tmp_path, size):
    from game.ui.scenes.title import TitleScene

    ctx = make_context(size, Catalog(extra=[small_spec()]), tmp_path, headless=True)
    try:
        title = TitleScene(ctx)
        title.index = next(i for i, e in enumerate(title.entries) if e.id == "small")
        ctx.catalog.load(title.entry)
        title.draw(pygame.display.get_surface())
        rects = [b.rect for b in title.buttons]
        assert len(rects) >= 5 + 2 + 3 + 2 + 3
        window = pygame.Rect(0, 0, *size)
        for i, r in enumerate(rects):
            assert window.contains(r), (r, size)
            assert r.collidelist(rects[i + 1:]) == -1, (r, size)
    finally:
        pygame.display.set_mode((1280, 800))


def test_log_scrolls_no_further_than_its_oldest_line(ctx):
    scene = new_game(ctx)
    surface = pygame.display.get_surface()
    scene.draw(surface)
    x, y = scene.view.camera.viewport[0] + scene.view.camera.viewport[2] + 40, 400  # over the sidebar
    for _ in range(30):
        scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, pos=(x, y), flipped=False))
    scene.draw(surface)
    rows = [ln for ln in scene.ctl.log if ln.turn >= scene.state.turn - 1 and ln.kind != "move"]
    assert scene.log_scroll < max(1, len(rows))  # the oldest lines are still on screen
    scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, pos=(x, y), flipped=False))
    scene.draw(surface)
    assert scene.log_scroll >= 0
