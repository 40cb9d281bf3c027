"""A scenario can change a side's AI aggression from a turn on (``ai.SIDE.aggression_by_turn``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from game.ai.config import SideTuning, TuningError, side_tuning
from game.ai.player import AIPlayer
from game.scenario.schema import AiSide
from game.session import Session
from tests.builders import build_map, build_spec, unit

SCHEDULE = {"soviet": {"aggression": 0.5, "aggression_by_turn": [{"from_turn": 4, "aggression": 2.0},
                                                                  {"from_turn": 2, "aggression": 1.0}]}}


def test_the_aggression_in_force_on_each_turn() -> None:
    tuning = side_tuning({"ai": SCHEDULE}, "soviet")
    assert tuning.aggression_by_turn == ((4, 2.0), (2, 1.0))
    assert [tuning.on_turn(t).aggression for t in (1, 2, 3, 4, 9)] == [0.5, 1.0, 1.0, 2.0, 2.0]
    assert tuning.on_turn(1) is tuning  # nothing changes: the same object
    assert SideTuning(aggression=0.7).on_turn(30).aggression == 0.7


@pytest.mark.parametrize("bad", [[{"from_turn": 3, "aggression": 5}], [{"from_turn": 3}], ["fast"]])
def test_a_bad_schedule_is_refused(bad: list) -> None:
    with pytest.raises(TuningError, match=r"ai\.soviet\.aggression_by_turn\[0\]: expected \{from_turn, aggression"):
        side_tuning({"ai": {"soviet": {"aggression_by_turn": bad}}}, "soviet")
    if isinstance(bad[0], dict):
        with pytest.raises(ValidationError):
            AiSide.model_validate({"aggression_by_turn": bad})


def test_the_player_plays_each_turn_with_its_aggression() -> None:
    m = build_map(["......", "......", "......"])
    spec = build_spec(m, [(unit("g", 0, "panzer"), "0101"), (unit("s", 1, "rifle"), "0603")], turns=6,
                      rules_data={"ai": SCHEDULE})
    session = Session(spec, 5)
    player = AIPlayer(1)
    seen = []
    while not session.state.game_over and session.state.turn <= 5:
        if session.state.active_side == 1:
            seen.append((session.state.turn, player._tuning(session).aggression))
            assert player.tuning.aggression == seen[-1][1]  # what the attacks read
        session.submit("end")
    by_turn = dict(seen)
    assert by_turn == {1: 0.5, 2: 1.0, 3: 1.0, 4: 2.0, 5: 2.0}
