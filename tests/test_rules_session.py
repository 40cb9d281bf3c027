"""A whole game through the Session front door with every rule on, replayed from its record."""

from __future__ import annotations

import numpy as np

from game.events import GameEnded
from game.replay import replay
from game.rules.orders import Attack
from game.session import Session
from tests.builders import build_map, build_spec, unit
from tests.rules_builders import weather_1941


def _spec(fog: bool = False):  # noqa: ANN202
    m = build_map(["........"] * 5, settlements={"Vyazma": "0303", "Moscow": "0803"})
    units = [(unit("g1", 0, "panzer"), "0302"), (unit("g2", 0, "infantry"), "0303"), (unit("g3", 0), "0304"),
             (unit("s1", 1, "rifle"), "0403"), (unit("s2", 1, "rifle"), "0503"), (unit("s3", 1, "cavalry"), None)]
    cols = np.tile(np.arange(m.width), m.height)
    w = weather_1941()
    w["mode"] = "variable"
    rules_data = {
        "initial_control": np.where(cols < 4, 0, 1).astype(np.int8),
        "weather": w,
        "supply": {"sides": {"german": {"map_edges": ["W"]}, "soviet": {"map_edges": ["E"]}}},
        "air": {"german": [{"points": 2}], "soviet": [{"points": 1}]},
        "reinforcements": [{"units": ["s3"], "turn": 2, "at": "Moscow"}],
        "victory": {"scoring_side": "german", "objectives": [{"at": "Moscow", "points": 10}],
                    "levels": [{"min_points": 1, "winner": "german", "level": "decisive"},
                               {"min_points": 0, "level": "draw"}, {"winner": "soviet", "level": "marginal"}],
                    "historical": {"points": -10, "winner": "soviet", "level": "decisive"}},
        "fog": {"enabled": fog},
    }
    return build_spec(m, units, turns=3, rules_data=rules_data)


def _play(session: Session) -> None:
    while not session.state.game_over:
        attacks = [o for o in session.legal_orders() if isinstance(o, Attack)]
        session.submit(attacks[0] if attacks else "end")


def test_a_full_game_plays_and_replays_identically() -> None:
    spec = _spec()
    s = Session(spec, seed=11)
    _play(s)
    kinds = {type(e).__name__ for e in s.events}
    assert {"WeatherChanged", "SupplyReport", "CombatResolved", "UnitsArrived", "GameEnded"} <= kinds
    end = [e for e in s.events if isinstance(e, GameEnded)][-1]
    assert "Historically" in end.reason
    drawn = {k for step in s.record.steps for k, _, _ in step.chance} | {k for k, _, _ in s.record.setup_chance}
    assert {"weather", "temperature", "combat"} <= drawn
    result = replay(s.record, spec)
    assert result.divergence is None and result.state.checksum() == s.state.checksum()
    assert all(isinstance(v, int) for v in s.state.counters.values())
    assert all(np.issubdtype(a.dtype, np.integer) or a.dtype == bool for a in s.state.hexes.values())


def test_same_seed_same_game_and_text_orders_parse() -> None:
    a, b = Session(_spec(), seed=3), Session(_spec(), seed=3)
    _play(a)
    _play(b)
    assert a.state.checksum() == b.state.checksum()
    texts = [st.order for st in a.record.steps if st.order.startswith("attack")]
    assert texts and all(t.split()[1].isdigit() for t in texts)


def test_undo_is_refused_when_a_move_reveals_an_enemy_under_fog() -> None:
    from tests.rules_builders import DRY

    m = build_map(["........"] * 2)
    spec = build_spec(m, [(unit("g", 0), "0101"), (unit("h", 0), "0102"), (unit("s", 1), "0801")],
                      rules_data={"fog": {"enabled": True}, "weather": DRY})
    s = Session(spec, seed=1)
    s.submit("move h 0302")  # still 5 hexes from the Soviet unit: nothing new seen, undo allowed
    assert s.can_undo
    s.submit("move g 0501")  # 3 hexes away: the Soviet unit comes into sight
    assert not s.can_undo
