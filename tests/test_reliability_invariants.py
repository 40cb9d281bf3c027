"""Invariants: each one holds in real play and each one fires when it is broken."""

import numpy as np
import pytest

import game.session as session_module
from game.invariants import ENV_VAR, InvariantViolation, assert_invariants, check_invariants, check_supply
from game.replay import ReplayError
from game.session import Session
from game.units import SupplyState, UnitStatus
from tests.builders import ROOT
from tests.test_record_replay import make_spec, play_random


@pytest.fixture(scope="module")
def played():
    spec = make_spec(turns=6)
    s = Session(spec, seed=21)
    play_random(s, 120, seed=3)
    return s


def _fresh(played):
    return played.state.clone()


def _on_map(state, side):
    return [int(i) for i in state.units_on_map(side)]


def test_real_play_keeps_every_invariant(played):
    assert check_invariants(played.state, played.record) == []
    assert check_invariants(played.state, played.record, supply=True) == []


def test_unit_off_the_map(played):
    st = _fresh(played)
    i = _on_map(st, 0)[0]
    st.units["hex"][i] = st.spec.map.size + 3
    assert any("on the map but at hex index" in p for p in check_invariants(st))
    st.units["hex"][i] = -1
    assert any("on the map but at hex index -1" in p for p in check_invariants(st))


def test_eliminated_unit_keeps_no_hex(played):
    st = _fresh(played)
    i = _on_map(st, 1)[0]
    st.units["status"][i] = UnitStatus.ELIMINATED
    assert any("eliminated but still has hex" in p for p in check_invariants(st))


def test_unit_in_enemy_occupied_hex(played):
    st = _fresh(played)
    g, s = _on_map(st, 0)[0], _on_map(st, 1)[0]
    st.units["hex"][g] = st.units["hex"][s]
    found = check_invariants(st)
    assert any("holds units of both sides" in p for p in found)
    assert any(f"unit {st.spec.units[g].id} stands in" in p for p in found)  # control no longer matches


def test_stacking_limit(played):
    st = _fresh(played)
    cap = st.spec.ruleset.tables.stacking.max_units
    units = _on_map(st, 0)
    assert len(units) > cap
    target = int(st.units["hex"][units[0]])
    st.units["hex"][units[: cap + 1]] = target
    assert any(f"stacking limit {cap}" in p for p in check_invariants(st))


def test_steps_within_bounds(played):
    st = _fresh(played)
    i = _on_map(st, 0)[0]
    st.units["steps"][i] = 0
    assert any("has 0 steps" in p for p in check_invariants(st))
    st.units["steps"][i] = st.spec.unit_max_steps[i] + 1
    assert any("steps (allowed 1.." in p for p in check_invariants(st))


def test_movement_points_never_negative(played):
    st = _fresh(played)
    st.units["mp"][_on_map(st, 1)[-1]] = -1
    assert any("negative movement points" in p for p in check_invariants(st))


def test_control_consistent_with_occupation(played):
    st = _fresh(played)
    i = _on_map(st, 0)[0]
    st.hexes["control"][st.units["hex"][i]] = 1
    assert any("controlled by 1, not by its side 0" in p for p in check_invariants(st))
    st = _fresh(played)
    st.hexes["control"][0] = 5
    assert any("control code 5" in p for p in check_invariants(st))


def test_column_codes(played):
    st = _fresh(played)
    st.units["supply"][0] = 7
    st.units["moved"][1] = 2
    st.units["attacked"][2] = 2
    found = check_invariants(st)
    assert any("supply = 7" in p for p in found) and any("moved = 2" in p for p in found)
    assert any("no advance is pending" in p for p in found)
    st.counters["advance.hex"] = 5
    assert not any("no advance is pending" in p for p in check_invariants(st))


def test_record_checksum_equal_to_state(played):
    st = _fresh(played)
    assert check_invariants(st, played.record) == []
    st.units["fatigue"][0] += 1  # any change the record did not see
    found = check_invariants(st, played.record)
    assert any("checksum" in p and "differs from the state" in p for p in found)


def test_supply_consistent_with_fresh_trace(played):
    st = _fresh(played)
    truth = st.units["supply"].copy()
    assert check_supply(st, trace=lambda s: truth) == []
    i = _on_map(st, 0)[0]
    lie = truth.copy()
    lie[i] = SupplyState.OUT if truth[i] != SupplyState.OUT else SupplyState.SUPPLIED
    found = check_supply(st, trace=lambda s: lie)
    assert len(found) == 1 and st.spec.units[i].id in found[0] and "fresh trace" in found[0]


def test_assert_lists_every_problem(played):
    st = _fresh(played)
    st.units["mp"][0] = -4
    st.units["steps"][1] = 0
    with pytest.raises(InvariantViolation) as info:
        assert_invariants(st, where="here")
    assert len(info.value.problems) >= 2 and "here" in str(info.value)


def _sabotage(monkeypatch):
    """Make every order leave a negative movement allowance behind (a simulated rules bug)."""
    real = session_module.apply_order

    def broken(state, order, chance):
        events = real(state, order, chance)
        state.units["mp"][0] = -1
        return events

    monkeypatch.setattr(session_module, "apply_order", broken)


def test_debug_option_checks_every_order(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    spec = make_spec()
    checked = Session(spec, seed=1, options={"debug_invariants": True})
    plain = Session(spec, seed=1)
    assert checked.check_invariants and not plain.check_invariants
    _sabotage(monkeypatch)
    plain.submit("end")  # unchecked: the bug passes silently
    with pytest.raises(InvariantViolation, match="(?s)after step 1 .*negative movement points"):
        checked.submit("end")


def test_environment_variable_turns_checks_on(monkeypatch):
    spec = make_spec()
    monkeypatch.setenv(ENV_VAR, "1")
    s = Session(spec, seed=2)
    assert s.check_invariants
    play_random(s, 30, seed=2)  # clean play passes the checks
    resumed = Session.resume(spec, s.record)
    assert resumed.check_invariants
    _sabotage(monkeypatch)
    with pytest.raises(InvariantViolation):
        resumed.submit("end")
    monkeypatch.setenv(ENV_VAR, "0")
    assert not Session(spec, seed=2).check_invariants


def test_soak_counts_violations(monkeypatch, tmp_path):
    from tests.ai_maps import front_spec
    from tests.soak import SoakStats, soak_game

    _sabotage(monkeypatch)
    stats = SoakStats()
    with pytest.raises(ReplayError):  # the corrupted game does not replay to its own checksums
        soak_game(front_spec(turns=2), 1, ("random", "random"), stats, tmp_path)
    assert stats.violations > 0 and stats.replay_mismatches == 1 and not stats.clean
    assert np.any(["negative movement points" in f for f in stats.failures])


def test_supply_checked_against_the_rules_trace():
    from game.scenario import load_scenario

    spec = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    assert spec.ruleset.supply is not None
    s = Session(spec, seed=3)
    assert check_invariants(s.state, s.record, supply=True) == []
    st = s.state.clone()
    i = _on_map(st, 0)[0]
    st.units["supply"][i] = SupplyState.OUT if st.units["supply"][i] != SupplyState.OUT else SupplyState.SUPPLIED
    found = check_supply(st)
    assert len(found) == 1 and spec.units[i].id in found[0]


def test_play_with_undos_keeps_invariants_and_replays(monkeypatch):
    """Random orders with random take-backs, checked after every order and every undo, then replayed."""
    from game.replay import replay

    monkeypatch.setenv(ENV_VAR, "1")
    spec = make_spec(turns=4)
    s = Session(spec, seed=31)
    rng = np.random.default_rng(31)
    undone = 0
    while not s.state.game_over:
        legal = s.legal_orders()
        order = "end" if rng.random() < 0.1 else legal[int(rng.integers(len(legal)))]
        s.submit(order)
        if s.can_undo and rng.random() < 0.3:
            assert s.undo()
            undone += 1
            assert check_invariants(s.state, s.record) == []
    assert undone >= 5
    result = replay(s.record, spec)
    assert result.divergence is None and result.state.checksum() == s.state.checksum()
