"""The Vyazma and Bryansk encirclements are achievable on the campaign map (issue #5, point 2).

On Operation Typhoon's opening position, German units standing on a ring round the Soviet armies
west of Vyazma (or round the Bryansk Front) cut them off: the supply phase traces no supply into
the ring, reports the pocket by the nearest town, and the cut-off units are out of supply. The
rings are the position a player reaches by moving there; here they are set directly, so the test
measures the rules and the map (rivers, roads, sources, zones of control), not the AI.
"""

from __future__ import annotations

import numpy as np
import pytest

from game.chance import ScriptedChance
from game.paths import SCENARIO_DIR
from game.rules.supply import pockets, supply_step
from game.scenario import load_scenario
from game.setup import start_game
from game.units import SupplyState, UnitStatus

GERMAN, SOVIET = 0, 1


@pytest.fixture(scope="module")
def typhoon():  # noqa: ANN201
    return load_scenario(SCENARIO_DIR / "typhoon.yaml")


def _close_ring(state, center: str, radius: int) -> np.ndarray:  # noqa: ANN001
    """Stand German units on every other hex of the ring ``radius`` round the place ``center``.

    Soviet units on the ring are removed (as if destroyed in the breakthrough), German units not
    needed for the ring leave the map; returns the Soviet units inside the ring.
    """
    m = state.spec.map
    middle = m.hex_of(m.settlement_by_name(center).index)
    ring = [m.index_of(h) for h in middle.ring(radius) if m.contains(h)]
    inside = {m.index_of(h) for h in middle.spiral(radius - 1) if m.contains(h)}
    units = state.units
    on_map = units["status"] == UnitStatus.ON_MAP
    for u in np.nonzero(on_map & (state.spec.unit_side == SOVIET))[0]:
        if int(units["hex"][u]) in ring:
            units["status"][u], units["hex"][u] = UnitStatus.ELIMINATED, -1
    germans = [int(u) for u in np.nonzero(on_map & (state.spec.unit_side == GERMAN))[0]]
    posts = ring[::2]
    assert len(germans) >= len(posts)
    for u in germans:
        units["status"][u], units["hex"][u] = UnitStatus.ELIMINATED, -1
    for u, h in zip(germans, posts, strict=False):
        units["status"][u], units["hex"][u] = UnitStatus.ON_MAP, h
        state.hexes["control"][h] = GERMAN
    on_map = units["status"] == UnitStatus.ON_MAP
    trapped = [int(u) for u in np.nonzero(on_map & (state.spec.unit_side == SOVIET))[0]
               if int(units["hex"][u]) in inside]
    return np.array(trapped)


@pytest.mark.parametrize(("center", "radius", "name"), [
    ("Vyazma", 5, "Vyazma"),  # 19th, 20th, 24th and 32nd Armies, 7 October
    ("Bryansk", 6, "Bryansk"),  # 50th Army north of Bryansk
    ("Trubchevsk", 5, "Trubchevsk"),  # 3rd and 13th Armies south of it
])
def test_a_closed_ring_makes_a_named_pocket(typhoon, center: str, radius: int, name: str) -> None:  # noqa: ANN001
    state, _ = start_game(typhoon, ScriptedChance([]))
    trapped = _close_ring(state, center, radius)
    assert len(trapped) >= 3, f"the {center} ring should hold Soviet units"
    assert (state.units["supply"][trapped] != SupplyState.OUT).all()  # supplied before the ring closed
    supply_step(state, ScriptedChance([12] * 1000))
    found = pockets(state, SOVIET)
    ours = [p for p in found if set(p.units) & set(trapped.tolist())]
    assert ours, f"no pocket round {center}: {[p.name for p in found]}"
    assert ours[0].name == f"{name} pocket", [p.name for p in ours]
    assert set(trapped.tolist()) <= {u for p in ours for u in p.units}
    assert (state.units["supply"][trapped] == SupplyState.OUT).all()


def test_an_open_ring_is_no_pocket(typhoon) -> None:  # noqa: ANN001
    state, _ = start_game(typhoon, ScriptedChance([]))
    trapped = _close_ring(state, "Vyazma", 5)
    m = state.spec.map
    # open a gap of three ring hexes on the east side (towards Moscow and the Soviet sources)
    middle = m.hex_of(m.settlement_by_name("Vyazma").index)
    east = [m.index_of(h) for h in middle.ring(5) if m.contains(h)]
    east.sort(key=lambda h: -m.q[h])
    for u in np.nonzero(state.units["status"] == UnitStatus.ON_MAP)[0]:
        if int(state.units["hex"][u]) in east[:4] and state.spec.unit_side[u] == GERMAN:
            state.units["status"][u], state.units["hex"][u] = UnitStatus.ELIMINATED, -1
    supply_step(state, ScriptedChance([12] * 1000))
    assert not [p for p in pockets(state, SOVIET) if set(p.units) & set(trapped.tolist())]
    assert (state.units["supply"][trapped] != SupplyState.OUT).any()
