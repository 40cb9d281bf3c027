"""Rules figures: supply trace for both sides on a campaign-size map; odds preview; pockets; threats."""

from __future__ import annotations

import numpy as np

from game.rules.combat import legal_attacks, odds_preview, threats
from game.rules.supply import pockets, trace
from game.session import Session
from game.state import GameState
from tests.builders import add_rail, build_map, build_spec, unit

WIDTH, HEIGHT, UNITS = 60, 64, 300


def campaign_state(seed: int = 1) -> GameState:
    """60x64 hexes of mixed terrain with roads, rivers, four railways and 300 units on two fronts."""
    rng = np.random.default_rng(seed)
    chars = rng.choice(list(".f.s.f..c"), size=(HEIGHT, WIDTH))
    m = build_map(["".join(r) for r in chars])
    for row in range(3, HEIGHT, 8):
        for col in range(WIDTH - 1):
            m.set_link(m.road, m.index_of_label(f"{col + 1:02d}{row + 1:02d}"), 0, 1)
    for _ in range(600):
        i, d = int(rng.integers(m.size)), int(rng.integers(6))
        if m.neighbors[i, d] >= 0:
            m.set_hexside(i, d, 1)
    for row in (8, 24, 40, 56):  # east-west railways (straight along the row's zigzag)
        labels = [f"{col + 1:02d}{row:02d}" for col in range(WIDTH)]
        add_rail(m, labels)
    types0 = ["infantry", "infantry", "panzer", "motorized"]
    types1 = ["rifle", "rifle", "cavalry", "tank_brigade"]
    # a fixed point of contact: three Germans next to one Soviet rifle division
    placed = [(unit("gc0", 0, "panzer"), "2910"), (unit("gc1", 0, "infantry"), "2910"),
              (unit("gc2", 0, "infantry"), "2909"), (unit("sc0", 1, "rifle"), "3010")]
    seen = {"2910": 2, "2909": 1, "3010": 1}
    for k in range(UNITS - len(placed)):
        side = k % 2
        col = int(rng.integers(2, 28)) if side == 0 else int(rng.integers(30, 58))
        lab = f"{col + 1:02d}{int(rng.integers(0, HEIGHT)) + 1:02d}"
        while seen.get(lab, 0) >= 3:
            lab = f"{int(lab[:2]) % WIDTH + 1:02d}{lab[2:]}"
        seen[lab] = seen.get(lab, 0) + 1
        kind = (types0 if side == 0 else types1)[k // 2 % 4]
        placed.append((unit(f"u{k}", side, kind), lab))
    cols = np.tile(np.arange(WIDTH), HEIGHT)
    rules_data = {
        "initial_control": np.where(cols < 29, 0, 1).astype(np.int8),
        "weather": {"mode": "historical", "calendar": [
            {"dates": ["1941-10-01", "1941-12-31"], "weather": "rain", "temperature": "mild"}]},
        "supply": {"sides": {"german": {"map_edges": ["W"], "convert_rail": True},
                             "soviet": {"map_edges": ["E"], "sources": ["6032"]}}},
    }
    spec = build_spec(m, placed, turns=10, rules_data=rules_data)
    return Session(spec, seed=seed).state


def run(report) -> None:  # noqa: ANN001 - benchmarks.run.Report
    from benchmarks.run import median_ms

    state = campaign_state()
    report.value("campaign map", f"{WIDTH}x{HEIGHT} hexes, {len(state.spec.units)} units")
    report.figure("supply trace, both sides (one multi-source search each)",
                  median_ms(lambda: (trace(state, 0), trace(state, 1))), 20.0)
    report.figure("supply trace + pocket detection, both sides",
                  median_ms(lambda: (pockets(state, 0), pockets(state, 1)), repeat=10), None)
    from game.chance import LiveChance
    from game.rules import hooks

    def begin_turn_steps() -> None:
        probe = state.clone()
        chance = LiveChance(1, 1)
        for step in hooks.BEGIN_TURN:
            step(probe, chance)

    report.figure("begin-turn steps (weather, air, rail, supply, attrition, pockets, replacements)",
                  median_ms(begin_turn_steps, repeat=10), None)
    state.phase = "combat"
    attacks = legal_attacks(state)
    if not attacks:
        report.value("odds preview", "no attack possible on this map")
        return
    order = max(attacks, key=lambda a: len(a.units))
    report.value("odds preview attack", f"{len(order.units)} attackers on {order.target}")
    report.figure("odds preview (one attack)", median_ms(lambda: odds_preview(state, order), repeat=200), 1.0)
    report.figure("threats (defender's question, one hex)",
                  median_ms(lambda: threats(state, order.target), repeat=10), None)
