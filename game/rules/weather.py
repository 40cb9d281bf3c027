"""Weather: each turn's weather and temperature, and the ground they leave.

Historical mode takes the scenario calendar period holding the turn's date;
variable mode draws from the scenario's monthly table through the chance
source (kinds ``weather`` and ``temperature``). The ground of every hex then
follows the ruleset's ``weather.ground_after`` table, so mud lingers until a
hard freeze and a thaw brings it back; a calendar period may force a ground.

State: counters ``weather`` and ``temperature`` (indices into the ruleset's
``weather.types`` / ``weather.temperatures``), hex layer ``ground``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.chance import ChanceSource, weighted
from game.events import Event
from game.rules.rule_events import WeatherChanged
from game.rules.scenario_data import MonthlyWeather, WeatherPeriod
from game.state import GameState


@dataclass(frozen=True)
class WeatherNow:
    """The weather of the current turn."""

    weather: str
    temperature: str
    ground: str
    flyable: bool
    sighting: int


def current_weather(state: GameState) -> WeatherNow | None:
    """This turn's weather (None when the ruleset has no weather rules or none was set)."""
    wr = state.spec.ruleset.weather
    if wr is None or "weather" not in state.counters:
        return None
    wname = list(wr.types)[state.counters["weather"]]
    tname = list(wr.temperatures)[state.counters["temperature"]]
    grounds = state.spec.ruleset.tables.grounds
    g = np.bincount(state.hexes["ground"], minlength=len(grounds))
    wt = wr.types[wname]
    return WeatherNow(wname, tname, grounds[int(np.argmax(g))], wt.flyable, wt.sighting)


def calendar_period(periods: list[WeatherPeriod], day) -> WeatherPeriod | None:  # noqa: ANN001 - date
    """The calendar period holding ``day`` (the last one listed wins on overlaps)."""
    found = None
    for p in periods:
        if p.dates[0] <= day <= p.dates[1]:
            found = p
    return found


def _monthly(table: list[MonthlyWeather], month: int) -> MonthlyWeather | None:
    for entry in table:
        if entry.month == month:
            return entry
    return None


def weather_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Set this turn's weather, temperature and ground; report what they do."""
    wr = state.spec.ruleset.weather
    wd = state.spec.rules.weather
    if wr is None or wd is None:
        return []
    grounds = state.spec.ruleset.tables.grounds
    types, temps = list(wr.types), list(wr.temperatures)
    if "weather" not in state.counters:
        state.hexes["ground"][:] = grounds.index(wd.initial_ground)
    before = state.hexes["ground"].copy()
    day = state.date
    forced: str | None = None
    note = ""
    period = calendar_period(wd.calendar, day) if wd.mode == "historical" else None
    month = _monthly(wd.monthly, day.month)
    if period is not None:
        wname, tname, forced, note = period.weather, period.temperature, period.ground, period.note
    elif month is not None:
        wkeys, tkeys = list(month.weather), list(month.temperature)
        wname = wkeys[weighted(chance, [month.weather[k] for k in wkeys], "weather")]
        tname = tkeys[weighted(chance, [month.temperature[k] for k in tkeys], "temperature")]
    elif wd.mode == "variable" and (p := calendar_period(wd.calendar, day)) is not None:
        wname, tname, forced, note = p.weather, p.temperature, p.ground, p.note
    elif "weather" in state.counters:
        wname, tname = types[state.counters["weather"]], temps[state.counters["temperature"]]
        note = "no weather given for this date: the weather holds"
    else:
        wname, tname = types[0], temps[0]
    if wname not in wr.types or tname not in wr.temperatures:
        raise ValueError(f"weather {wname!r}/{tname!r} is not in the ruleset's weather.types/temperatures")
    state.counters["weather"] = types.index(wname)
    state.counters["temperature"] = temps.index(tname)
    if forced is not None:
        state.hexes["ground"][:] = grounds.index(forced)
    else:
        trans = np.array([grounds.index(wr.ground_after[wname].get(g, g)) for g in grounds], np.int8)
        state.hexes["ground"][:] = trans[before]
    now = current_weather(state)
    assert now is not None
    prev = grounds[int(np.bincount(before, minlength=len(grounds)).argmax())]
    effects = ground_effects(state, now.ground)
    return [WeatherChanged(state.turn, wname, tname, now.ground, prev, now.flyable, effects, note)]


def ground_effects(state: GameState, ground: str) -> str:
    """What the ground does to movement and supply, compared with dry ground, for the report."""
    rs = state.spec.ruleset
    t = rs.tables
    grounds = t.grounds
    base = grounds[0]
    if ground == base or "clear" not in t.terrain_names:
        return ""
    tc = t.terrain_names.index("clear")
    g, g0 = grounds.index(ground), grounds.index(base)
    parts = []
    for c, cls in enumerate(t.classes):
        a, b = int(t.terrain_cost[c, tc, g]), int(t.terrain_cost[c, tc, g0])
        if b and a != b:
            parts.append(f"{cls} x{a / b:g}")
    out = f"{ground}: open-ground movement cost " + ", ".join(parts) if parts else ""
    if rs.supply is not None:
        r0, r1 = rs.supply.range_mp.get(base), rs.supply.range_mp.get(ground)
        if r0 is not None and r1 is not None and r0 != r1:
            out += f"; supply range {r1:g} MP (dry {r0:g})"
    return out
