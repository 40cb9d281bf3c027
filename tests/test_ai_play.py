"""AI against AI for whole games: never an illegal order, invariants after every order, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import AIPlayer, RandomPlayer, make_player, play_game
from game.ai.config import LEVELS
from game.session import Session
from game.sim.runner import load_spec
from game.units import UnitStatus
from tests.ai_maps import front_spec

SPECS = {"front": front_spec, "tutorial": lambda: load_spec("tutorial")}


class InvariantChecker:
    """Called after every order: the engine's invariants (``game.invariants``, with the state before
    the order so the supply check sees what the trace saw) and the AI's own view of a consistent state."""

    def __init__(self) -> None:
        self.before = None
        self.calls = 0

    def __call__(self, session: Session) -> None:
        from game.invariants import check_invariants as engine_invariants

        assert engine_invariants(session.state, session.record, before=self.before) == []
        check_invariants(session)
        self.before = session.state.clone()
        self.calls += 1


def check_invariants(session: Session) -> None:
    """The state is consistent: units where they may be, stacking kept, no shared hexes."""
    s = session.state
    spec = s.spec
    n = spec.map.size
    on = s.units["status"] == UnitStatus.ON_MAP
    hexes = s.units["hex"]
    assert np.all((hexes[on] >= 0) & (hexes[on] < n))
    assert np.all(hexes[s.units["status"] == UnitStatus.PENDING] == -1)
    assert np.all(s.units["steps"][on] >= 1)
    assert np.all(s.units["steps"] <= spec.unit_max_steps)
    assert np.all(s.units["mp"] >= 0)
    cap = spec.ruleset.tables.stacking.max_units
    occ = [s.occupancy(side) for side in (0, 1)]
    assert occ[0].max(initial=0) <= cap and occ[1].max(initial=0) <= cap
    assert not np.any((occ[0] > 0) & (occ[1] > 0)), "both sides in one hex"
    assert set(np.unique(s.hexes["control"]).tolist()) <= {-1, 0, 1}
    units_hex = hexes[on]
    assert np.all(s.hexes["control"][units_hex] == spec.unit_side[on]), "a unit stands in a hex it does not control"


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("levels", [("hard", "hard"), ("easy", "normal"), ("random", "hard"), ("hard", "random")])
@pytest.mark.parametrize("scenario", sorted(SPECS))
def test_full_game_no_illegal_order_and_invariants(scenario, seed, levels):
    spec = SPECS[scenario]()
    players = (make_player(levels[0], 0, strict=True, budget_s=0), make_player(levels[1], 1, strict=True, budget_s=0))
    checker = InvariantChecker()
    result = play_game(spec, seed, players, after_order=checker)
    assert result.refused == []
    assert result.session.state.game_over
    assert checker.calls == result.orders
    assert result.orders > 4 * spec.turns  # every phase ends, and units really move


@pytest.mark.parametrize("levels", [("hard", "normal"), ("random", "easy")])
@pytest.mark.parametrize("scenario", sorted(SPECS))
def test_same_seed_same_record(scenario, levels):
    spec = SPECS[scenario]()

    def record(seed):
        players = (make_player(levels[0], 0, budget_s=0), make_player(levels[1], 1, budget_s=0))
        return play_game(spec, seed, players).session.record

    a, b, c = record(5), record(5), record(6)
    assert [s.order for s in a.steps] == [s.order for s in b.steps]
    assert a.final_checksum == b.final_checksum
    assert [t.checksum for t in a.turns] == [t.checksum for t in b.turns]
    assert [s.order for s in a.steps] != [s.order for s in c.steps]


def test_levels_exist_and_differ():
    assert {"easy", "normal", "hard"} <= set(LEVELS)
    assert LEVELS["easy"].noise > LEVELS["normal"].noise > LEVELS["hard"].noise


def test_wrong_side_is_refused():
    spec = front_spec()
    session = Session(spec, 1)
    with pytest.raises(ValueError):
        AIPlayer(1).play_phase(session)


def test_random_player_only_legal():
    spec = front_spec()
    players = (RandomPlayer(0, strict=True), RandomPlayer(1, strict=True))
    result = play_game(spec, 11, players, after_order=InvariantChecker())
    assert result.refused == []


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["mozhaisk", "typhoon", "december"])
def test_historical_scenario_full_game(scenario):
    """A whole historical game, hard against normal: no refusal, invariants after every order, replayable."""
    from game.replay import replay

    spec = load_spec(scenario)
    players = (make_player("hard", 0, strict=True, budget_s=0), make_player("normal", 1, strict=True, budget_s=0))
    result = play_game(spec, 3, players, after_order=InvariantChecker())
    assert result.refused == [] and result.session.state.game_over
    replayed = replay(result.session.record, spec)
    assert replayed.divergence is None
    assert replayed.state.checksum() == result.session.record.final_checksum
