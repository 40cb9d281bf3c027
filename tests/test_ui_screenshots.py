"""Screenshots of the main screens into out/screenshots (gitignored), for people to look at."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.movement import reach  # noqa: E402
from game.orders import Move  # noqa: E402
from game.paths import PROJECT_ROOT, SCENARIO_DIR  # noqa: E402
from game.ui.app import make_context  # noqa: E402
from game.ui.catalog import Catalog  # noqa: E402
from game.ui.scenes.end import EndScene  # noqa: E402
from game.ui.scenes.game import GameScene  # noqa: E402
from game.ui.scenes.title import TitleScene, start_game  # noqa: E402
from tests.ui_fixtures import campaign_like_spec  # noqa: E402

OUT = PROJECT_ROOT / "out" / "screenshots"


def shoot(scene, name: str) -> Path:  # noqa: ANN001 - any scene
    surface = pygame.display.get_surface()
    scene.draw(surface)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    pygame.image.save(surface, str(path))
    assert path.stat().st_size > 10_000
    return path


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    catalog = Catalog(extra=[campaign_like_spec()])
    return make_context((1280, 800), catalog, tmp_path_factory.mktemp("data"), headless=True)


def test_title_and_map_screenshots(ctx):
    shoot(TitleScene(ctx), "title")
    scene = start_game(ctx, ctx.catalog.find("generated"), "both", 1)
    assert isinstance(scene, GameScene)
    scene.view.camera.zoom = 1
    scene.view.camera.center_on(scene.spec.map.index_of_label("2428"))
    shoot(scene, "map-zoom-out")
    scene.view.camera.zoom = 4
    u = scene.spec.unit_index["ger.6"]
    scene.select([u])
    scene.view.camera.center_on(int(scene.state.units["hex"][u]))
    r = scene.marks.reach
    far = int(r.cost.argmax())
    scene.marks.hover = far
    scene._update_path()
    shoot(scene, "map-zoom-in-move")
    scene.view.show_labels = True
    scene.view.toggle("zoc", scene.state)
    scene.clear_selection()
    shoot(scene, "map-labels-zoc")


@pytest.mark.skipif(not (SCENARIO_DIR / "typhoon.yaml").exists(), reason="typhoon not shipped")
def test_campaign_screenshots(tmp_path):
    from game.ui.scenes.history import HistoryScene

    catalog = Catalog()
    ctx = make_context((1280, 800), catalog, tmp_path, headless=True)
    for e in catalog.entries():
        catalog.load(e)
    title = TitleScene(ctx)
    title.index = next(i for i, e in enumerate(title.entries) if e.id == "typhoon")
    shoot(title, "title-shipped")
    scene = start_game(ctx, catalog.find("typhoon"), "german", 1)
    vyazma = scene.spec.map.settlement_by_name("Vyazma")
    scene.view.camera.zoom = 3
    if vyazma is not None:
        scene.view.camera.center_on(vyazma.index)
    scene.view.enabled.add("front")
    shoot(scene, "typhoon-front")
    scene.view.camera.zoom = scene.view.camera.fit_zoom()
    scene.view.camera.clamp()
    shoot(scene, "typhoon-whole-map")
    hist = HistoryScene(ctx, scene.spec, title)
    hist.go(len(hist.dates) // 2)
    shoot(hist, "history")


@pytest.mark.skipif(not (SCENARIO_DIR / "tutorial.yaml").exists(), reason="tutorial not shipped")
def test_odds_preview_and_end_screenshots(tmp_path):
    ctx = make_context((1280, 800), Catalog(), tmp_path, headless=True)
    scene = start_game(ctx, ctx.catalog.find("tutorial"), "both", 5)
    st = scene.state
    m = scene.spec.map
    target = None
    for u in st.units_on_map(0).tolist():
        r = reach(st, u)
        for e in st.units_on_map(1).tolist():
            eh = int(st.units["hex"][e])
            nbs = [nb for nb in m.neighbors[eh].tolist() if nb >= 0 and r.cost[nb] > 0]
            if nbs and scene.submit(Move(scene.spec.units[u].id, m.label_of(nbs[0]))):
                target = eh
                break
        if target is not None:
            break
    assert target is not None
    for _ in range(30):
        scene.update(0.1)
    scene.submit("end")
    scene.set_target(target)
    scene.view.camera.center_on(target)
    assert scene.preview is not None
    shoot(scene, "odds-preview")
    scene.commit_attack()
    for _ in range(5):
        scene.update(0.1)
    shoot(scene, "combat-result")
    while not scene.state.game_over:
        scene.submit("end")
    end = EndScene(ctx, scene.ctl, scene)
    shoot(end, "end-screen")
