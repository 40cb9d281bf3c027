"""The desktop UI driven headless with synthetic events (SDL dummy video driver)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.orders import Move  # noqa: E402
from game.paths import SCENARIO_DIR  # noqa: E402
from game.ui import saves  # noqa: E402
from game.ui.app import App, make_context  # noqa: E402
from game.ui.catalog import Catalog  # noqa: E402
from game.ui.controller import GameController  # noqa: E402
from game.ui.scenes.base import QuitScene, Scene  # noqa: E402
from game.ui.scenes.dialogs import HandoverScene, HelpScene, LoadScene, MessageScene  # noqa: E402
from game.ui.scenes.end import EndScene  # noqa: E402
from game.ui.scenes.game import GameScene  # noqa: E402
from game.ui.scenes.replay import ReplayScene  # noqa: E402
from game.ui.scenes.title import TitleScene, start_game  # noqa: E402
from tests.builders import build_map, build_spec, unit  # noqa: E402


def small_spec(turns: int = 3):
    rows = ["........", "..f.....", "....s...", "........", "...c....", "........"]
    m = build_map(rows, settlements={"Mozhaisk": "0505"})
    units = [(unit("ger.a", 0, "infantry", name="7th Infantry"), "0202"),
             (unit("ger.b", 0, "panzer", name="10th Panzer"), "0203"),
             (unit("sov.a", 1, "rifle", name="32nd Rifle"), "0706")]
    return build_spec(m, units, turns=turns, id="small")


GERMAN_HALF = [(0, "movement"), (0, "combat"), (0, "exploitation")]
"""The Germans' phases in small_spec: the panzer, supplied on dry ground, exploits after combat."""
SOVIET_HALF = [(1, "movement"), (1, "combat")]
"""The Soviets' phases: a lone rifle division cannot exploit, so their half-turn has no exploitation."""
TURN_PHASES = GERMAN_HALF + SOVIET_HALF


def end_phases(game, phases: list[tuple[int, str]]) -> None:  # noqa: ANN001 - a GameScene or GameController
    """End the given (side, phase)s one by one, checking that each is the phase being played when it is ended."""
    for side, phase in phases:
        st = game.state
        assert not st.game_over and (st.active_side, st.phase) == (side, phase), (st.turn, st.active_side, st.phase)
        game.submit("end")


@pytest.fixture
def ctx(tmp_path):
    catalog = Catalog(extra=[small_spec()])
    return make_context((1280, 800), catalog, tmp_path, headless=True)


def press(scene: Scene, key: int, mod: int = 0, unicode: str = "") -> Scene:
    return scene.handle_event(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))


def click_at(scene: Scene, pos: tuple[int, int], button: int = 1, shift: bool = False) -> Scene:
    pos = (int(pos[0]), int(pos[1]))
    scene = scene.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    scene = scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    return scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button, shift=shift))


def click_hex(scene: GameScene, index: int, **kw) -> Scene:
    scene.view.camera.center_on(index)
    return click_at(scene, scene.view.camera.hex_center(index), **kw)


def settle(scene: Scene, seconds: float = 3.0) -> Scene:
    for _ in range(int(seconds / 0.1)):
        scene = scene.update(0.1)
    return scene


def finish(scene: Scene) -> Scene:
    """Wait for a loading screen to finish and return the scene it leads to."""
    from game.ui.scenes.dialogs import LoadingScene

    while isinstance(scene, LoadingScene):
        scene.thread.join(30)
        scene = scene.update(0.016)
    return scene


def new_game(ctx, side: str = "both") -> GameScene:
    scene = start_game(ctx, ctx.catalog.find("small"), side, 7)
    assert isinstance(scene, GameScene)
    return scene


def test_title_lists_scenarios_and_starts_a_game(ctx):
    title = TitleScene(ctx)
    surface = pygame.display.get_surface()
    title.draw(surface)
    assert any(e.id == "small" for e in title.entries)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "small")
    scene = press(title, pygame.K_RETURN)
    assert isinstance(scene, GameScene)
    assert scene.ctl.controls == ("human", "ai")
    assert isinstance(press(TitleScene(ctx), pygame.K_ESCAPE), QuitScene)


def test_select_move_and_undo_by_mouse_and_keys(ctx):
    scene = new_game(ctx)
    s, m = scene.state, scene.spec.map
    u = scene.spec.unit_index["ger.a"]
    start = int(s.units["hex"][u])
    scene = click_hex(scene, start)
    assert scene.marks.selected == [u] or scene.marks.selected[0] in scene.view.units_in(start)
    scene.select([u])
    assert scene.marks.reach is not None
    target = m.index_of_label("0402")
    assert scene.marks.reach.cost[target] > 0
    # hovering shows the path; clicking moves
    scene.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=scene.view.camera.hex_center(target), rel=(0, 0),
                                          buttons=(0, 0, 0)))
    assert scene.marks.path and scene.marks.path[-1] == target
    scene = click_at(scene, scene.view.camera.hex_center(target))
    assert int(scene.state.units["hex"][u]) == target
    assert scene.ctl.record.steps[-1].order == f"move ger.a {m.label_of(target)}"
    scene = settle(scene)
    scene = press(scene, pygame.K_z, pygame.KMOD_CTRL)
    assert int(scene.state.units["hex"][u]) == start
    assert not scene.ctl.record.steps


def test_refused_order_is_a_message_not_a_crash(ctx):
    scene = new_game(ctx)
    assert scene.submit(Move("ger.a", "0808")) is None
    assert scene.toast is not None and scene.toast[0].startswith("Refused")


def test_end_phase_and_hot_seat_handover(ctx):
    scene = new_game(ctx, "both")
    scene = press(scene, pygame.K_e)
    assert scene.state.phase == "combat"
    scene = press(scene, pygame.K_e)
    assert scene.state.active_side == 0 and scene.state.phase == "exploitation"
    assert scene.update(0.016) is scene  # the same player goes on: no hand-over yet
    scene = press(scene, pygame.K_e)
    assert scene.state.active_side == 1 and scene.state.phase == "movement"
    nxt = scene.update(0.016)
    assert isinstance(nxt, HandoverScene)
    nxt.draw(pygame.display.get_surface())
    back = press(nxt, pygame.K_RETURN)
    assert back is scene


def drawn_texts(scene: Scene, monkeypatch) -> list[str]:  # noqa: ANN001 - pytest's monkeypatch
    """Every text the scene draws in one frame."""
    drawn: list[str] = []
    real_text = scene.fonts.text
    monkeypatch.setattr(scene.fonts, "text", lambda text, *a, **k: drawn.append(text) or real_text(text, *a, **k))
    scene.draw(pygame.display.get_surface())
    monkeypatch.setattr(scene.fonts, "text", real_text)
    return drawn


def test_exploitation_phase_moves_only_the_mobile_units(ctx, monkeypatch):
    scene = new_game(ctx, "both")
    s, m = scene.state, scene.spec.map
    inf, pz = scene.spec.unit_index["ger.a"], scene.spec.unit_index["ger.b"]
    end_phases(scene, GERMAN_HALF[:2])
    assert (s.active_side, s.phase) == (0, "exploitation")
    assert scene.toast is not None and scene.toast[0].startswith("Exploitation: 1 mobile unit in supply")
    # the player sees the phase by name and what it allows
    texts = drawn_texts(scene, monkeypatch)
    assert "Germany · Exploitation" in texts
    scene.toast = None
    hint = scene._hint()
    assert "Exploitation" in hint and "half allowance" in hint and "no attacks" in hint
    # at a glance: the infantry is dimmed (cannot exploit), the panzer is not
    assert scene.view.look(s, inf, 40).done and not scene.view.look(s, pz, 40).done
    # a click on the infantry gives no move and says why
    start_inf = int(s.units["hex"][inf])
    scene = click_hex(scene, start_inf)
    assert scene.marks.reach is None
    assert scene.toast is not None and "cannot exploit" in scene.toast[0] and scene.toast[2] > 0
    assert "cannot exploit" in scene._hint()
    assert "does not exploit" in " ".join(drawn_texts(scene, monkeypatch))
    near = m.index_of_label("0302")
    scene = click_hex(scene, near)
    assert int(scene.state.units["hex"][inf]) == start_inf and not scene.ctl.record.steps[-1].order.startswith("move")
    # Tab goes to the panzer only; a click on a shaded hex moves it with half its allowance
    scene.clear_selection()
    scene.next_unit()
    assert scene.marks.selected == [pz] and scene.marks.reach is not None
    r = scene.marks.reach
    assert int(s.units["mp"][pz]) == s.spec.unit_allowance[pz] // 2
    target = int(r.cost.argmax())
    assert r.cost[target] > 0 and target != int(s.units["hex"][pz])
    scene = click_hex(scene, int(s.units["hex"][pz]))
    assert scene.marks.selected == [pz] and scene.marks.reach is not None
    scene = click_hex(scene, target)
    assert int(scene.state.units["hex"][pz]) == target
    assert scene.ctl.record.steps[-1].order == f"move ger.b {m.label_of(target)}"
    # attacks are not part of the phase: no Attack button, and the infantry's move is refused by the rules
    scene.draw(pygame.display.get_surface())
    assert not any(b.action == "attack" for b in scene.buttons)
    assert scene.submit(Move("ger.a", "0302")) is None and "cannot exploit" in scene.toast[0]
    scene = press(scene, pygame.K_e)
    assert (scene.state.active_side, scene.state.phase) == (1, "movement")


def test_ai_plays_its_exploitation_phase_before_the_human_moves(ctx):
    scene = new_game(ctx, "soviet")
    assert scene.ctl.controls == ("ai", "human") and scene.ctl.ai_to_act
    ctx.settings.ai_delay = 0.0
    seen: list[tuple[int, str]] = []
    for _ in range(400):
        st = scene.state
        if not seen or seen[-1] != (st.active_side, st.phase):
            seen.append((st.active_side, st.phase))
            if st.phase == "exploitation":
                scene.draw(pygame.display.get_surface())
                assert "exploiting" in scene._hint() or "thinking" in scene._hint()
        shown = scene.update(0.05)
        if scene.ctl.human_to_act:
            break
        assert shown is scene
        scene.ctl.wait_ai()
    seen.append((scene.state.active_side, scene.state.phase))
    assert seen == GERMAN_HALF + [(1, "movement")]
    assert scene.ctl.human_to_act and scene.state.phase == "movement" and scene.state.turn == 1


def test_ai_turn_is_played_move_by_move(ctx):
    scene = new_game(ctx, "german")
    assert scene.ctl.controls == ("human", "ai")
    for side, phase in GERMAN_HALF:
        assert (scene.state.active_side, scene.state.phase) == (side, phase) and not scene.ctl.ai_to_act
        scene = press(scene, pygame.K_e)
    assert scene.ctl.ai_to_act
    ctx.settings.ai_delay = 0.0
    for _ in range(400):
        scene = scene.update(0.05)
        if scene.ctl.human_to_act:
            break
        scene.ctl.wait_ai()
    assert scene.ctl.human_to_act
    assert any(st.side == 1 for st in scene.ctl.record.steps)
    assert scene.state.turn == 2


def test_skip_ai_turn(ctx):
    scene = new_game(ctx, "german")
    for _ in GERMAN_HALF:
        press(scene, pygame.K_e)
    assert scene.ctl.ai_to_act
    scene = press(scene, pygame.K_k)
    scene = scene.update(0.016)
    assert scene.ctl.human_to_act and scene.state.turn == 2


def test_quick_save_load_and_damaged_save(ctx):
    scene = new_game(ctx)
    scene.submit(Move("ger.a", "0402"))
    scene = press(scene, pygame.K_F5)
    path = saves.quick_path(ctx.data_dir)
    assert path.exists()
    listed = saves.list_saves(ctx.data_dir)
    assert listed and listed[0].scenario_id == "small" and listed[0].turn == 1
    loading = press(scene, pygame.K_F9)
    loading.draw(pygame.display.get_surface())
    loaded = finish(loading)
    assert isinstance(loaded, GameScene) and loaded is not scene
    assert loaded.ctl.record.steps[-1].order == "move ger.a 0402"
    assert loaded.state.same_as(scene.state)
    path.write_text('{"header": {"format": "moscow41-record"', encoding="utf-8")
    broken = finish(press(loaded, pygame.K_F9))
    assert isinstance(broken, MessageScene) and broken.error
    broken.draw(pygame.display.get_surface())
    assert press(broken, pygame.K_RETURN) is loaded
    assert any(not i.ok for i in saves.list_saves(ctx.data_dir))


def test_load_menu_lists_saves(ctx):
    scene = new_game(ctx)
    asked = press(scene, pygame.K_s, pygame.KMOD_CTRL)
    asked.draw(pygame.display.get_surface())
    for _ in range(len(asked.text)):
        asked = press(asked, pygame.K_BACKSPACE)
    for ch in "my game":
        asked = press(asked, pygame.key.key_code(ch) if ch != " " else pygame.K_SPACE, unicode=ch)
    assert asked.text == "my game"
    assert press(asked, pygame.K_RETURN) is scene
    assert saves.save_path("my game", ctx.data_dir).exists()
    press(scene, pygame.K_F5)
    menu = press(scene, pygame.K_o, pygame.KMOD_CTRL)
    assert isinstance(menu, LoadScene) and menu.items
    menu.draw(pygame.display.get_surface())
    count = len(menu.items)
    menu = press(press(menu, pygame.K_DELETE), pygame.K_DELETE)
    assert len(menu.items) == count - 1
    opened = finish(press(menu, pygame.K_RETURN))
    assert isinstance(opened, GameScene)


def test_autosave_each_turn(ctx):
    scene = new_game(ctx, "both")
    end_phases(scene, TURN_PHASES)
    assert scene.state.turn == 2
    assert saves.save_path("autosave-small", ctx.data_dir).exists()


def test_replay_steps_back_and_takes_command(ctx):
    scene = new_game(ctx, "both")
    scene.submit(Move("ger.a", "0402"))
    scene.submit(Move("ger.b", "0403"))
    scene.submit("end")
    replay = press(scene, pygame.K_p, pygame.KMOD_CTRL)
    assert isinstance(replay, ReplayScene)
    replay.load_all()
    assert replay.data.count == 4 and replay.data.done and not replay.problem
    for _ in range(3):
        replay = press(replay, pygame.K_RIGHT)
    assert replay.k == 3
    replay = press(replay, pygame.K_LEFT)
    assert replay.k == 2
    assert int(replay.frame.state.units["hex"][1]) == scene.spec.map.index_of_label("0403")
    replay = press(replay, pygame.K_LEFT)
    assert int(replay.frame.state.units["hex"][1]) == scene.spec.map.index_of_label("0203")
    replay.draw(pygame.display.get_surface())
    replay = press(replay, pygame.K_END)
    replay = press(replay, pygame.K_LEFT, pygame.KMOD_SHIFT)
    assert replay.frame.state.phase == "movement"
    replay.goto(2)
    branched = press(replay, pygame.K_c)
    assert isinstance(branched, GameScene)
    assert len(branched.ctl.record.steps) == 2
    assert press(ReplayScene(ctx, replay.record, replay.spec, replay.data, scene), pygame.K_ESCAPE) is scene


def test_help_menu_and_overlays(ctx):
    scene = new_game(ctx)
    helped = press(scene, pygame.K_F1)
    assert isinstance(helped, HelpScene)
    helped.draw(pygame.display.get_surface())
    assert press(helped, pygame.K_a) is scene
    for letter in (pygame.K_z, pygame.K_s, pygame.K_t, pygame.K_c, pygame.K_h, pygame.K_l):
        press(scene, letter)
    assert {"zoc", "supply", "threat"} <= scene.view.enabled
    scene.draw(pygame.display.get_surface())
    menu = press(scene, pygame.K_ESCAPE)
    menu.draw(pygame.display.get_surface())
    assert press(menu, pygame.K_ESCAPE) is scene


def test_zoom_pan_and_resize(ctx):
    scene = new_game(ctx)
    app = App(ctx, scene)
    cam = scene.view.camera
    z = cam.zoom
    center = (cam.viewport[0] + cam.viewport[2] // 2, cam.viewport[1] + cam.viewport[3] // 2)
    pygame.mouse.set_pos(center)
    scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, pos=center, flipped=False))
    assert cam.zoom == z - 1
    assert app.step([pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))], 0.016)
    assert ctx.size == (1600, 900) and scene.view.camera.viewport[2] == 1600 - 330


def test_game_over_shows_end_screen(ctx):
    spec = small_spec(turns=1)
    spec = type(spec)(**{**spec.__dict__, "id": "tiny"}) if False else spec
    from game.session import Session

    ctl = GameController(Session(spec, 3), ("human", "human"), data_dir=ctx.data_dir)
    scene = GameScene(ctx, ctl)
    end_phases(scene, TURN_PHASES)
    assert scene.state.game_over
    end = settle(scene, 0.2)
    assert isinstance(end, EndScene)
    end.draw(pygame.display.get_surface())
    assert end.chart is not None
    assert isinstance(press(end, pygame.K_RETURN), TitleScene)


# --- with the shipped rules and tutorial scenario ------------------------------------------------------


@pytest.fixture
def tutorial_ctx(tmp_path):
    if not (SCENARIO_DIR / "tutorial.yaml").exists():
        pytest.skip("the tutorial scenario is not shipped yet")
    return make_context((1280, 800), Catalog(), tmp_path, headless=True)


def _adjacent_attack(scene: GameScene):
    """Move German units next to a Soviet stack (by orders) and return the target hex."""
    st = scene.state
    m = scene.spec.map
    from game.movement import reach

    for u in st.units_on_map(0).tolist():
        r = reach(st, u)
        for e in st.units_on_map(1).tolist():
            eh = int(st.units["hex"][e])
            for nb in m.neighbors[eh].tolist():
                if nb >= 0 and r.cost[nb] > 0:
                    scene.submit(Move(scene.spec.units[u].id, m.label_of(nb)))
                    if int(scene.state.units["hex"][u]) == nb:
                        return eh
    return None


def test_attack_with_odds_preview(tutorial_ctx):
    scene = start_game(tutorial_ctx, tutorial_ctx.catalog.find("tutorial"), "both", 5)
    target = _adjacent_attack(scene)
    if target is None:
        pytest.skip("no attack reachable on turn 1 of the tutorial")
    scene = settle(scene)
    scene = press(scene, pygame.K_e)
    assert scene.state.phase == "combat"
    scene = click_hex(scene, target)
    assert scene.marks.target == target and scene.marks.attackers
    assert scene.preview is not None and scene.preview.results
    assert abs(sum(float(r.probability) for r in scene.preview.results) - 1) < 1e-9
    scene.draw(pygame.display.get_surface())
    steps = len(scene.ctl.record.steps)
    scene = press(scene, pygame.K_RETURN)
    assert len(scene.ctl.record.steps) == steps + 1
    assert scene.ctl.record.steps[-1].order.startswith("attack")
    assert any(ln.kind == "combat" for ln in scene.ctl.log)
    assert not scene.ctl.session.can_undo


def test_live_reload_reports_changes_and_errors(tmp_path):
    root = tmp_path / "scenarios"
    shutil.copytree(SCENARIO_DIR, root)
    path = root / "tutorial.yaml"
    if not path.exists():
        pytest.skip("the tutorial scenario is not shipped yet")
    ctx = make_context((1280, 800), Catalog(root), tmp_path, headless=True)
    scene = start_game(ctx, ctx.catalog.find(str(path)), "both", 5)
    scene.submit("end")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name: "10th Panzer"', 'name: "10. Panzer-Division"'), encoding="utf-8")
    shown = finish(press(scene, pygame.K_r, pygame.KMOD_CTRL))
    assert isinstance(shown, MessageScene) and not shown.error, shown.lines
    assert any("ger_10pz" in line for line in shown.lines)
    new_game_scene = shown.below
    assert isinstance(new_game_scene, GameScene) and len(new_game_scene.ctl.record.steps) == 1
    path.write_text(text.replace("turns: 6", "turns: six"), encoding="utf-8")
    shown = finish(press(new_game_scene, pygame.K_r, pygame.KMOD_CTRL))
    assert isinstance(shown, MessageScene) and shown.error
    assert any("tutorial.yaml:" in line for line in shown.lines)
    assert shown.below is new_game_scene


def test_no_pygame_outside_ui():
    root = Path(__file__).resolve().parent.parent / "game"
    offenders = [p for p in root.rglob("*.py") if "ui" not in p.relative_to(root).parts[:1]
                 and "import pygame" in p.read_text(encoding="utf-8")]
    assert not offenders


def test_title_by_mouse_side_choice_and_history(ctx):
    title = TitleScene(ctx)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "small")
    title.draw(pygame.display.get_surface())
    soviet = next(b for b in title.buttons if b.action == "side:soviet")
    title = click_at(title, soviet.rect.center)
    assert title.side_choice == "soviet"
    start = next(b for b in title.buttons if b.action == "start")
    scene = click_at(title, start.rect.center)
    assert isinstance(scene, GameScene) and scene.ctl.controls == ("ai", "human")
    from game.ui.scenes.history import HistoryScene

    hist = TitleScene(ctx)
    hist.index = title.index
    shown = hist.action("history")
    assert isinstance(shown, HistoryScene)
    shown.draw(pygame.display.get_surface())
    assert press(shown, pygame.K_ESCAPE) is hist


def test_ai_turn_ends_with_a_turn_report(ctx):
    scene = new_game(ctx, "german")
    end_phases(scene, GERMAN_HALF)
    assert scene.ctl.ai_to_act
    ctx.settings.ai_delay = 0.0
    shown = scene
    for _ in range(400):
        shown = scene.update(0.05)
        scene.ctl.wait_ai()
        if shown is not scene:
            break
    assert isinstance(shown, MessageScene) and shown.title.startswith("Turn 2 report")
    assert press(shown, pygame.K_RETURN) is scene


def test_play_by_email_round_trip(ctx):
    scene = start_game(ctx, ctx.catalog.find("small"), "pbem-german", 11)
    assert scene.ctl.controls == ("human", "remote")
    scene.submit(Move("ger.a", "0402"))
    end_phases(scene, GERMAN_HALF)
    told = scene.update(0.016)
    assert isinstance(told, MessageScene)
    files = sorted(saves.pbem_dir(ctx.data_dir).glob("*.m41.json"))
    assert files
    from game.ui.scenes.title import open_record, open_replay

    theirs = finish(open_record(ctx, files[-1]))
    assert isinstance(theirs, GameScene)
    assert theirs.ctl.controls == ("remote", "human") and theirs.ctl.human_to_act
    assert theirs.ctl.record.steps[0].order == "move ger.a 0402"
    replay = open_replay(ctx, files[-1], TitleScene(ctx))
    assert isinstance(replay, ReplayScene)
    replay.load_all()
    assert replay.data.count == 1 + 1 + len(GERMAN_HALF)  # the start, the move and every phase ended


def test_play_by_email_refuses_a_rewritten_history(ctx):
    from game.record import load_record, save_record
    from game.ui.scenes.title import open_record

    scene = start_game(ctx, ctx.catalog.find("small"), "pbem-german", 12)
    scene.submit(Move("ger.a", "0402"))
    end_phases(scene, GERMAN_HALF)
    assert isinstance(scene.update(0.016), MessageScene)
    sent = sorted(saves.pbem_dir(ctx.data_dir).glob("*.m41.json"))[-1]
    theirs = finish(open_record(ctx, sent))
    assert isinstance(theirs, GameScene) and theirs.ctl.human_to_act
    end_phases(theirs, SOVIET_HALF)
    assert isinstance(theirs.update(0.016), MessageScene)
    reply = max(saves.pbem_dir(ctx.data_dir).glob("*.m41.json"), key=lambda p: len(load_record(p).steps))
    good = finish(open_record(ctx, reply))
    assert isinstance(good, GameScene) and good.state.turn == 2
    forged = load_record(reply)
    forged.steps[0].order = "move ger.a 0302"
    bad_path = ctx.data_dir / "forged.m41.json"
    save_record(forged, bad_path)
    refused = finish(open_record(ctx, bad_path))
    assert isinstance(refused, MessageScene) and refused.error


def test_watch_ai_vs_ai_to_the_end_screen(tutorial_ctx):
    scene = start_game(tutorial_ctx, tutorial_ctx.catalog.find("tutorial"), "ai", 3)
    assert scene.ctl.controls == ("ai", "ai") and scene.ctl.viewer() is None
    shown: Scene = scene
    for _ in range(200):
        shown = press(scene, pygame.K_k).update(0.016)
        if shown is not scene:
            break
    assert scene.state.game_over
    assert isinstance(shown, EndScene)
    shown.draw(pygame.display.get_surface())
    assert shown.comparisons()


def test_stack_is_browsable(ctx):
    scene = new_game(ctx)
    scene.submit(Move("ger.b", "0202"))
    scene = settle(scene)
    h = scene.spec.map.index_of_label("0202")
    assert len(scene.view.units_in(h)) == 2
    scene = click_hex(scene, h)
    first = scene.marks.selected[0]
    scene = click_hex(scene, h)
    assert scene.marks.selected[0] != first
    scene.draw(pygame.display.get_surface())
    assert len(scene.stack_buttons) == 2
    target = next(b for b in scene.stack_buttons if b.action == f"stack:{first}")
    scene = click_at(scene, target.rect.center)
    assert scene.marks.selected == [first] and scene.view.units_in(h)[0] == first
    report = press(scene, pygame.K_r)
    assert isinstance(report, MessageScene) and any("moved" not in line for line in report.lines)


def test_end_turn_and_chart_data_after_a_load(ctx):
    scene = new_game(ctx, "both")
    scene = press(scene, pygame.K_e, pygame.KMOD_SHIFT)
    assert scene.state.active_side == 1 and scene.state.phase == "movement"
    scene.end_turn()
    assert scene.state.turn == 2
    scene.quick_save()
    loaded = finish(scene.quick_load())
    assert isinstance(loaded, GameScene)
    stats = loaded.ctl.final_stats()
    assert [t.turn for t in stats][:2] == [1, 2]
    assert all(t.strength[0] > 0 for t in stats)


def test_fog_of_war_hides_unseen_enemies_and_shades_hexes(tmp_path):
    rows = ["." * 14 for _ in range(6)]
    m = build_map(rows)
    units = [(unit("ger.a", 0, "infantry"), "0203"), (unit("sov.near", 1, "rifle"), "0403"),
             (unit("sov.far", 1, "rifle"), "1403")]
    spec = build_spec(m, units, turns=3, id="foggy", rules_data={"fog": {"enabled": True}})
    ctx = make_context((1280, 800), Catalog(extra=[spec]), tmp_path, headless=True)
    scene = start_game(ctx, spec, "german", 1)
    scene.draw(pygame.display.get_surface())
    assert scene.view.fog_hexes is not None and not scene.view.fog_hexes.all()
    near, far = spec.unit_index["sov.near"], spec.unit_index["sov.far"]
    assert scene.view.units_in(m.index_of_label("0403")) == [near]
    assert scene.view.units_in(m.index_of_label("1403")) == []
    assert far not in scene.view.visible_units.nonzero()[0]


def test_variable_weather_game_saves_and_loads(tutorial_ctx):
    from game.ui.catalog import weather_modes

    spec = tutorial_ctx.catalog.find("typhoon")
    if "variable" not in weather_modes(spec):
        pytest.skip("typhoon has no monthly weather table")
    scene = start_game(tutorial_ctx, spec, "both", 9, "variable")
    assert scene.spec.rules.weather.mode == "variable"
    assert scene.spec.content_hash != spec.content_hash
    scene.submit("end")
    scene.quick_save()
    loaded = finish(scene.quick_load())
    assert isinstance(loaded, GameScene), getattr(loaded, "lines", None)
    assert loaded.spec.rules.weather.mode == "variable" and loaded.state.same_as(scene.state)


def test_an_error_in_a_scene_becomes_a_message_and_a_rescue_save(ctx):
    scene = new_game(ctx)
    app = App(ctx, scene)
    assert app.step([], 0.016)

    def broken(event):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    scene.handle_event = broken
    assert app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="x", scancode=0)], 0.016)
    assert isinstance(app.scene, MessageScene) and app.scene.error and "boom" in app.scene.lines[0]
    assert app.scene.below is scene
    assert (ctx.data_dir / "crash.log").exists()
    assert saves.save_path("rescue-small", ctx.data_dir).exists()


def test_replay_data_rebuilds_every_step_from_keyframes(tutorial_ctx):
    from game.replay import iter_replay
    from game.ui.replaydata import KEYFRAME_EVERY, ReplayData

    scene = start_game(tutorial_ctx, tutorial_ctx.catalog.find("tutorial"), "ai", 4)
    for _ in range(12):
        press(scene, pygame.K_k).update(0.016)
    record = scene.ctl.record.copy()
    assert len(record.steps) > 2 * KEYFRAME_EVERY
    expected = [f.state.checksum() for f in iter_replay(record, scene.spec)]
    data = ReplayData(record, scene.spec)
    data.load(0.0)
    assert 0 < data.count < data.total
    data.load(None)
    assert data.done and data.count == len(expected) and not data.problem
    order = list(range(len(expected)))
    for k in order[::-1] + order[::7] + [5, 40, 3, len(expected) - 1, 0]:
        assert data.state_at(k).checksum() == expected[k], k
    assert len(data.keyframes) <= len(expected) // KEYFRAME_EVERY + 1


def test_replay_of_a_broken_record_stops_with_a_message(ctx):
    scene = new_game(ctx, "both")
    scene.submit(Move("ger.a", "0402"))
    scene.submit("end")
    record = scene.ctl.record.copy()
    record.steps[0].order = "move ger.a 0302"
    shown = ReplayScene.from_record(ctx, record, scene.spec, scene)
    assert isinstance(shown, ReplayScene)
    shown.load_all()
    assert shown.problem and shown.data.count == 1
    msg = shown.update(0.016)
    assert isinstance(msg, MessageScene) and msg.error


def test_title_by_keyboard(ctx):
    title = TitleScene(ctx)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "small")
    title = press(title, pygame.K_RIGHT)
    assert title.side_choice == "soviet"
    title = press(title, pygame.K_TAB)
    assert title.side_choice == "both"
    scene = press(title, pygame.K_RETURN)
    assert isinstance(scene, GameScene) and scene.ctl.controls == ("human", "human")


def test_title_shows_the_briefing_of_the_chosen_side(tmp_path, monkeypatch):
    import dataclasses

    spec = dataclasses.replace(
        small_spec(), id="briefed", description="Summary of the battle.",
        briefings={"german": "German orders: take Mozhaisk.", "soviet": "Soviet orders: hold Mozhaisk."},
        designer_notes="Notes of the designer.",
    )
    ctx = make_context((1280, 800), Catalog(extra=[spec]), tmp_path, headless=True)
    title = TitleScene(ctx)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "briefed")
    drawn: list[str] = []
    real_text = title.fonts.text
    monkeypatch.setattr(title.fonts, "text", lambda text, *a, **k: drawn.append(text) or real_text(text, *a, **k))

    def shown() -> str:
        drawn.clear()
        title.draw(pygame.display.get_surface())
        return "\n".join(drawn)

    first = shown()  # the default choice is the first side
    assert "German orders: take Mozhaisk." in first and "Soviet orders" not in first
    soviet = next(b for b in title.buttons if b.action == "side:soviet")
    click_at(title, soviet.rect.center)
    assert title.side_choice == "soviet"
    text = shown()
    assert "Soviet orders: hold Mozhaisk." in text and "German orders" not in text
    assert "Summary of the battle." in text and "Notes of the designer." in text
    assert "SOVIET UNION — BRIEFING" in text and "DESIGNER'S NOTES" in text
    title.action("side:both")  # hot seat: both briefings
    text = shown()
    assert "Soviet orders: hold Mozhaisk." in text and "German orders: take Mozhaisk." in text
    plain = dataclasses.replace(spec, briefings={}, designer_notes="")
    from game.ui.scenes.title import briefing_sections

    assert briefing_sections(plain, "soviet") == [("", "Summary of the battle.")]  # no briefings: the description
