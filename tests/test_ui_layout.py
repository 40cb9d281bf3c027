"""The game screen at the smallest window (1024x640) and larger: the odds preview, the info panels and the
bottom bar's hint all readable, nothing cut off or under the buttons (SDL dummy video driver)."""

from __future__ import annotations

import os
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.paths import SCENARIO_DIR  # noqa: E402
from game.ui.app import MIN_SIZE, make_context  # noqa: E402
from game.ui.catalog import Catalog  # noqa: E402
from game.ui.panels import _combat_effects, preview_lines, preview_sections  # noqa: E402
from game.ui.scenes.game import GameScene  # noqa: E402
from game.ui.scenes.title import start_game  # noqa: E402
from tests.test_ui_scenes import click_at, click_hex, press, settle  # noqa: E402

SIZES = [MIN_SIZE, (1280, 800), (1920, 1080)]

pytestmark = pytest.mark.skipif(not (SCENARIO_DIR / "typhoon.yaml").exists(), reason="typhoon not shipped")


@pytest.fixture
def game(tmp_path, request):
    """A hot-seat typhoon game in a window of the requested size (the display is put back after)."""
    size = getattr(request, "param", MIN_SIZE)
    pygame.display.set_mode(size)
    ctx = make_context(size, Catalog(), tmp_path, headless=True)
    scene = start_game(ctx, ctx.catalog.find("typhoon"), "both", 1000)
    assert isinstance(scene, GameScene)
    yield scene
    pygame.display.set_mode((1280, 800))


def draw(scene: GameScene) -> pygame.Surface:
    surface = pygame.display.get_surface()
    scene.draw(surface)
    return surface


def to_combat(scene: GameScene) -> GameScene:
    scene = settle(press(scene, pygame.K_e))
    assert scene.state.phase == "combat"
    return scene


def pick_target(scene: GameScene) -> GameScene:
    """As a player: click a German unit next to a Soviet stack, then that stack."""
    target = scene.combat_targets()[0]
    nb = set(scene.spec.map.neighbors[target].tolist())
    own = next(u for u in scene.state.units_on_map(0).tolist() if int(scene.state.units["hex"][u]) in nb)
    scene = click_hex(scene, int(scene.state.units["hex"][own]))
    scene = click_hex(scene, target)
    assert scene.marks.target == target and scene.marks.attackers == [own] and scene.preview is not None
    return scene


def wrapped_rows(scene: GameScene, lines, width: int) -> list[str]:  # noqa: ANN001 - (text, size, colour, face)s
    return [row for text, size, _c, face in lines for row in scene.fonts.wrap(text, size, width, face)]


def assert_whole_preview_shown(scene: GameScene) -> None:
    box = scene.panel_box
    window = pygame.Rect(0, 0, *pygame.display.get_surface().get_size())
    assert window.contains(box.rect) and box.rect == scene.sidebar.top
    shown = [text for text, _ in box.visible_rows()]
    expected = wrapped_rows(scene, preview_lines(scene.preview), box.view.width)
    assert box.max_scroll == 0 and len(expected) > 10
    assert [row for row in shown if row in expected] == expected  # every row of the odds, in order
    for _text, r in box.rows:
        assert box.visible.contains(r) and box.rect.contains(r), (_text, r, box.visible)
    # the sidebar's parts do not overlap
    parts = [p for p in (scene.sidebar.top, scene.sidebar.log, scene.sidebar.minimap) if p is not None]
    for i, p in enumerate(parts):
        assert p.collidelist(parts[i + 1:]) == -1


@pytest.mark.parametrize("game", SIZES, indirect=True)
def test_the_whole_odds_preview_is_shown_at_every_window_size(game):
    scene = pick_target(to_combat(game))
    draw(scene)
    assert_whole_preview_shown(scene)
    # every adjacent unit attacking (a click on the target with nothing selected): still all of it
    scene.clear_selection()
    scene = click_hex(scene, scene.combat_targets()[0])
    assert len(scene.marks.attackers) > 1
    draw(scene)
    assert_whole_preview_shown(scene)


def long_preview(attackers: int = 4) -> SimpleNamespace:
    """An odds preview with more in it than the smallest window can show at once."""
    src = "scenarios/rulesets/standard.yaml:186 (combat.fatigue_attack_pct.1)"
    mods = [SimpleNamespace(pct=90, cause="fatigue 1", source=src),
            SimpleNamespace(pct=50, cause="out of supply 1 turn(s)", source=src)]
    units = [SimpleNamespace(name=f"{k + 1}. Panzer-Division", base=15, strength=6.8, modifiers=mods)
             for k in range(attackers)]
    return SimpleNamespace(
        attack=27.2, defence=4.5, base_column_name="6:1", attackers=units,
        defenders=[SimpleNamespace(name="13th Rifle Division", base=5, strength=4.5, modifiers=mods[:1])],
        shifts=[SimpleNamespace(columns=-1, cause="defender in forest", source=src),
                SimpleNamespace(columns=-2, cause="attack across the major river (mud)", source=src)],
        column_name="3:1",
        results=[SimpleNamespace(probability=p, code=c, text=t) for p, c, t in (
            (1 / 6, "EX", "exchange: each side loses 1 step"), (1 / 3, "DL1R", "defender loses 1 step and retreats"),
            (1 / 3, "DL2R", "defender loses 2 steps and retreats 2 hexes"), (1 / 6, "DE", "defender eliminated"))],
        notes=["The defender is in a fortified line."])


def test_a_long_preview_keeps_the_outcome_in_sight_and_scrolls_to_the_rest(game):
    scene = pick_target(to_combat(game))
    scene.preview = long_preview()
    draw(scene)
    box = scene.panel_box
    # the preview takes the log's and the minimap's room before it scrolls
    assert scene.sidebar.log is None and scene.sidebar.minimap is None and scene.log_buttons == []
    assert box.max_scroll > 0 and box.footer is not None
    reasons, outcome = preview_sections(scene.preview)
    want_outcome = wrapped_rows(scene, outcome, box.view.width)
    want_reasons = wrapped_rows(scene, reasons, box.view.width)
    seen: set[str] = set()
    for _ in range(60):
        rows = box.visible_rows()
        assert [t for t, r in rows if box.footer.contains(r)] == want_outcome  # final column and results stay
        seen |= {t for t, r in rows if box.view.contains(r)}
        assert box.view.bottom <= box.footer.top and box.rect.contains(box.footer)
        if box.scroll >= box.max_scroll:
            break
        wheel_at = box.rect.center
        scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, pos=wheel_at, flipped=False))
        draw(scene)
        box = scene.panel_box
    assert box.scroll == box.max_scroll
    assert set(want_reasons) <= seen  # every modifier and shift was readable on the way down
    assert "Wheel" in " ".join(scene.bottom.lines)  # the hint says there is more
    # the wheel goes no further than the end; PgUp goes back up
    scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, pos=box.rect.center, flipped=False))
    assert scene.panel_scroll == box.max_scroll
    for _ in range(10):
        press(scene, pygame.K_PAGEUP)
    assert scene.panel_scroll == 0
    # a new target starts at the top again
    press(scene, pygame.K_PAGEDOWN)
    assert scene.panel_scroll > 0
    scene.clear_selection()
    scene = click_hex(scene, scene.combat_targets()[-1])
    draw(scene)
    assert scene.panel_scroll == 0


def test_the_hex_panel_shows_all_its_combat_effects_at_the_smallest_window(game):
    scene = game
    m = scene.spec.map
    empty = [h for h in range(m.size) if not scene.view.units_in(h)]
    h = max(empty, key=lambda i: len(_combat_effects(scene, i)))
    effects = _combat_effects(scene, h)
    assert len(effects) >= 3
    scene.view.camera.center_on(h)
    scene.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=scene.view.camera.hex_center(h), rel=(0, 0),
                                          buttons=(0, 0, 0)))
    draw(scene)
    assert scene.marks.hover == h
    shown = [t for t, _ in scene.panel_box.visible_rows()]
    assert all(e in shown for e in effects), (effects, shown)
    # the map keeps its minimap and the log at least two lines
    assert scene.sidebar.minimap is not None and scene.sidebar.log is not None and scene.sidebar.log.height >= 76


def hint_states(scene: GameScene):  # noqa: ANN201 - yields (what, scene)
    """The game screen in each state a hint is written for, as a player reaches it."""
    yield "movement", scene
    u = max(scene.state.units_on_map(0).tolist(), key=lambda i: len(scene.spec.units[i].name))
    scene = click_hex(scene, int(scene.state.units["hex"][u]))
    yield "unit selected", scene
    scene.clear_selection()
    scene = to_combat(scene)
    yield "combat", scene
    scene = pick_target(scene)
    yield "target", scene
    scene.preview = long_preview()
    scene.draw(pygame.display.get_surface())  # the panel learns it scrolls
    yield "target, long preview", scene
    scene.clear_selection()
    scene = settle(press(scene, pygame.K_e))
    assert scene.state.phase == "exploitation"
    yield "exploitation message", scene
    scene.toast = None
    yield "exploitation", scene
    infantry = next(i for i in scene.state.units_on_map(0).tolist() if scene.state.units["mp"][i] == 0
                    and scene.spec.units[i].unit_type == "infantry")
    scene = click_hex(scene, int(scene.state.units["hex"][infantry]))
    scene.toast = None
    yield "cannot exploit", scene
    scene.ctl.controls = ("human", "ai")
    scene = press(scene, pygame.K_e, pygame.KMOD_SHIFT)  # the Soviet AI's turn (not started: no update)
    assert scene.ctl.ai_to_act
    yield "AI", scene


@pytest.mark.parametrize("game", [MIN_SIZE, (1100, 700), (1280, 800)], indirect=True)
def test_the_hint_is_whole_and_clear_of_the_buttons(game):
    seen = []
    for what, scene in hint_states(game):
        draw(scene)
        lay = scene.bottom
        buttons = [b.rect for b in lay.buttons]
        assert lay.strip is None, what  # the bar holds every hint (only an odd long message goes above it)
        assert lay.text_rects and len(lay.text_rects) == len(lay.lines) <= 2, what
        for r in lay.text_rects:
            assert lay.area.contains(r) and lay.rect.contains(r), (what, r, lay.area)
            assert r.collidelist(buttons) == -1, (what, r)
        text = " ".join(" ".join(lay.lines).split())  # one of the texts, whole (none cut short with "…")
        full = [" ".join(v.split()) for v in ([scene.toast[0], *scene.toast_short] if scene.toast else scene._hints())]
        assert text in full, (what, text)
        seen.append(what)
        for i, r in enumerate(buttons):  # the buttons themselves: in the bar, apart
            assert lay.rect.contains(r) and r.collidelist(buttons[i + 1:]) == -1
    assert len(seen) == 9


def test_a_message_too_long_for_the_bar_is_shown_whole_above_it(game):
    scene = game
    scene.view.toggle("control", scene.state)
    reason = "Refused: 1019 is occupied by the enemy; attack it instead. " * 4
    scene.say(reason.strip(), (222, 96, 80), 6)
    draw(scene)
    lay = scene.bottom
    assert lay.strip is not None and len(lay.lines) >= 3
    assert " ".join(lay.lines) == reason.strip()
    cam = scene.view.camera
    map_rect = pygame.Rect(cam.viewport)
    assert map_rect.contains(lay.strip) and not lay.strip.colliderect(lay.rect)
    assert all(lay.strip.contains(r) for r in lay.text_rects)


def test_narrow_windows_tell_the_buttons_keys_in_the_hint(game, monkeypatch):
    scene = game
    draw(scene)
    assert all(not b.hint for b in scene.bottom.buttons)  # no room for the keys on the buttons at 1024
    end = next(b for b in scene.bottom.buttons if b.action == "end")
    monkeypatch.setattr(scene.ctx, "headless", False)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: end.rect.center)
    scene.bottom = scene.layout_bottom(pygame.display.get_surface().get_size())
    assert scene.bottom.lines == ["End phase — key E"]
    click_at(scene, end.rect.center)
    assert scene.state.phase == "combat"


def test_rule_citations_are_shown_without_their_folders() -> None:
    from game.ui.panels import short_source

    assert short_source("scenarios/rulesets/standard.yaml:186 (combat.fatigue_attack_pct.1)") == (
        "standard.yaml:186 (combat.fatigue_attack_pct.1)")
    assert short_source("ruleset (combat.shifts.armour)") == "ruleset (combat.shifts.armour)"
    assert short_source("") == ""


def test_strength_modifiers_read_as_multipliers() -> None:
    from game.rules.combat import odds_preview
    from game.rules.orders import Attack
    from game.units import SupplyState
    from tests.builders import unit
    from tests.rules_builders import make_state

    state = make_state(("......",) * 5, [(unit("pz", 0, "panzer"), "0201"), (unit("def", 1, "rifle"), "0202")])
    state.phase = "combat"
    state.units["supply"][state.unit_index("pz")] = SupplyState.LOW
    texts = [line[0] for line in preview_lines(odds_preview(state, Attack("0202", ("pz",))))]
    mods = [t for t in texts if "low supply" in t]
    assert mods and mods[0].strip().startswith("×75% low supply"), texts  # attack x 75 %, not "+75%"
    assert not any("+75%" in t for t in texts)


def test_a_clicked_enemy_units_panel_stays_in_the_sidebar_and_scrolls_to_its_end(game):
    """Hovering an enemy unit shows its panel only while the mouse is on the map; a click keeps it there, so
    the wheel over the panel (or PgDn) can bring its last row into sight; Esc lets it go."""
    from dataclasses import replace

    scene = game
    spec = scene.spec
    h = next(h for h in range(spec.map.size) if scene._enemy_units(h))
    u = scene._enemy_units(h)[0]
    notes = " ".join(f"Note {k}: what the division did before October goes on at some length." for k in range(30))
    units = spec.units
    object.__setattr__(spec, "units", units[:u] + (replace(units[u], notes=notes),) + units[u + 1:])
    try:
        scene.view.camera.center_on(h)
        at_hex = tuple(int(v) for v in scene.view.camera.hex_center(h))
        scene.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=at_hex, rel=(0, 0), buttons=(0, 0, 0)))
        draw(scene)
        assert scene.panel_key == ("unit", u) and scene.panel_box.max_scroll > 0  # longer than its panel
        scene = click_at(scene, at_hex)
        draw(scene)
        assert scene.panel_key == ("unit", u) and scene.marks.highlight == [h]
        assert "Esc" in " ".join(scene.bottom.lines)
        box = scene.panel_box
        last = wrapped_rows(scene, [(notes, 12, None, "regular")], box.view.width)[-1]
        # the mouse leaves the map for the panel: the panel stays, and the wheel scrolls it to the end
        on_panel = box.rect.center
        scene.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=on_panel, rel=(0, 0), buttons=(0, 0, 0)))
        for _ in range(100):
            draw(scene)
            box = scene.panel_box
            assert scene.panel_key == ("unit", u)
            if box.scroll >= box.max_scroll:
                break
            scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, pos=on_panel, flipped=False))
        assert box.scroll == box.max_scroll and last in [t for t, _ in box.visible_rows()]
        # PgUp / PgDn too
        for _ in range(30):
            press(scene, pygame.K_PAGEUP)
        assert scene.panel_scroll == 0
        press(scene, pygame.K_PAGEDOWN)
        assert scene.panel_scroll > 0
        # Esc lets it go (the menu only on a second Esc)
        assert press(scene, pygame.K_ESCAPE) is scene and scene.inspected is None
        draw(scene)
        assert scene.panel_key[0] == "hex" and scene.marks.highlight == []
    finally:
        object.__setattr__(spec, "units", units)


@pytest.mark.parametrize("game", SIZES, indirect=True)
def test_the_log_draws_whole_lines_inside_its_panel(game):
    scene = game
    turn = scene.state.turn
    entries = [ln for ln in reversed(scene.ctl.log) if ln.turn >= turn - 1 and ln.kind != "move"]
    cut = 0
    for scroll in range(len(entries)):
        scene.log_scroll = scroll
        draw(scene)
        log = scene.sidebar.log
        assert scene.log_rows and log.contains(scene.log_view)
        for text, r in scene.log_rows:
            assert scene.log_view.contains(r) and log.contains(r), (text, r, scene.log_view)
        drawn = [t for t, _ in scene.log_rows]
        # the rows drawn are those of whole log lines, from the first one scrolled to
        width, whole = scene.log_view.width, []
        for ln in entries[scene.log_scroll:]:
            if whole == drawn:
                break
            face = "bold" if ln.kind in ("turn", "capture") else "regular"
            whole += wrapped_rows(scene, [(ln.text, 12, None, face)], width)
        assert whole == drawn, (whole, drawn)
        cut += len(whole) < sum(len(wrapped_rows(scene, [(ln.text, 12, None, "regular")], width))
                                for ln in entries[scene.log_scroll:])
    assert cut or tuple(scene.ctx.size) != MIN_SIZE  # at 1024x640 some lines are left for the wheel
