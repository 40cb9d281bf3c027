"""Fog of war: sighting range, weather, the observation the UI and AI use, undo and revealed information."""

from __future__ import annotations

import numpy as np

from game.rules.fog import observation, revealed_information, sighting_range
from game.units import UnitStatus
from tests.builders import unit
from tests.rules_builders import calendar, make_state

ROWS = ["." * 10] * 3


def _state(weather: str = "clear"):  # noqa: ANN202
    units = [(unit("g", 0), "0102"), (unit("near", 1), "0402"), (unit("far", 1), "0902")]
    rd = {"fog": {"enabled": True}, "weather": calendar(("1941-01-01", "1942-12-31", weather, "mild"))}
    return make_state(ROWS, units, rd)


def test_enemy_units_beyond_sighting_range_are_hidden() -> None:
    state = _state()
    assert sighting_range(state) == 3
    obs = observation(state, 0)
    near, far = state.unit_index("near"), state.unit_index("far")
    assert obs.fog and obs.sees(near) and not obs.sees(far)
    assert obs.state.units["status"][far] == UnitStatus.PENDING and obs.state.units["hex"][far] == -1
    assert obs.state.units["steps"][far] == 0
    assert state.units["hex"][far] >= 0  # the real state is untouched
    # the Soviets see the German unit from 'near' (3 hexes away)
    assert observation(state, 1).sees(state.unit_index("g"))


def test_bad_weather_shortens_sight() -> None:
    state = _state("rain")
    assert sighting_range(state) == 2
    assert not observation(state, 0).sees(state.unit_index("near"))


def test_without_fog_everything_is_known() -> None:
    units = [(unit("g", 0), "0102"), (unit("far", 1), "0902")]
    state = make_state(ROWS, units, {})
    obs = observation(state, 0)
    assert not obs.fog and obs.visible.all() and obs.state is state
    assert not revealed_information(state, state, 0)


def test_moving_into_sight_reveals_information() -> None:
    state = _state()
    after = state.clone()
    after.units["hex"][after.unit_index("g")] = after.spec.map.index_of_label("0602")
    assert revealed_information(state, after, 0)
    assert not revealed_information(state, state.clone(), 0)
    vis = observation(after, 0).visible
    assert vis.dtype == bool and np.count_nonzero(vis) < after.spec.map.size
