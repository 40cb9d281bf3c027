"""The historical scenarios: they validate, play to the end AI against AI, follow the weather calendar,
and carry a historical track that ``moscow41 history`` prints."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from game.ai.match import play_game
from game.ai.player import make_player
from game.cli import main
from game.history import compare_captures, timeline
from game.orders import EndPhase
from game.paths import SCENARIO_DIR
from game.scenario import load_scenario
from game.scenario.loader import check_scenario
from game.session import Session

HISTORICAL = ("typhoon", "mozhaisk", "december", "campaign")
QUICK = ("typhoon", "mozhaisk", "december")


@pytest.fixture(scope="module")
def specs() -> dict:
    return {name: load_scenario(SCENARIO_DIR / f"{name}.yaml") for name in HISTORICAL}


@pytest.mark.parametrize("name", HISTORICAL)
def test_validates_without_warnings(name: str) -> None:
    result = check_scenario(SCENARIO_DIR / f"{name}.yaml")
    assert not result.problems, "\n".join(str(p) for p in result.problems)


def test_every_shipped_scenario_validates() -> None:
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        result = check_scenario(path)
        assert not result.errors, "\n".join(str(p) for p in result.errors)


def test_shared_map_and_units(specs: dict) -> None:
    maps = {name: (s.map.width, s.map.height, len(s.map.settlements)) for name, s in specs.items()}
    assert len(set(maps.values())) == 1, maps
    s = specs["campaign"]
    assert s.map.width * s.map.height > 3000
    names = {p.name for p in s.map.settlements}
    for town in ("Smolensk", "Vyazma", "Bryansk", "Orel", "Tula", "Kaluga", "Maloyaroslavets", "Mozhaisk",
                 "Volokolamsk",
                 "Naro-Fominsk", "Kalinin", "Rzhev", "Klin", "Solnechnogorsk", "Krasnaya Polyana", "Khimki", "Kashira",
                 "Kolomna", "Serpukhov", "Moscow"):
        assert town in names, town
    # the same unit is the same definition wherever it appears (names may change with Guards titles)
    ty = {u.id: u for u in specs["typhoon"].units}
    for u in specs["december"].units:
        if u.id in ty:
            assert u.side == ty[u.id].side


def test_map_features(specs: dict) -> None:
    m = specs["campaign"].map
    names = m.hexside_names
    assert (m.hexside == names.index("major_river")).sum() > 100   # Volga, Oka, Moskva, Desna
    assert (m.hexside == names.index("canal")).sum() >= 4          # Moscow-Volga canal
    assert m.rail.any(axis=1).sum() > 300
    assert (m.road == m.road_names.index("highway") + 1).any() or m.road.any()
    assert (m.fort >= 2).sum() > 20                                # Mozhaisk line, Moscow zone, Tula
    assert (m.terrain == m.terrain_names.index("forest")).sum() > 200
    assert (m.terrain == m.terrain_names.index("swamp")).sum() > 30
    assert (m.terrain == m.terrain_names.index("lake")).sum() >= 3  # Moscow Sea, Seliger, Istra


def _observed_ground(spec, day: dt.date) -> str | None:
    track = spec.rules_data["history"]
    best = None
    for w in track.weather:
        if w.dates[0] <= day <= w.dates[1] and (best is None or w.dates[0] >= best.dates[0]):
            best = w
    return None if best is None else best.ground


def _grounds_by_turn(spec, seed: int = 0) -> dict[dt.date, str]:
    """Play a game in which both sides only end their phases; the ground at each turn."""
    from game.rules.weather import current_weather

    session = Session(spec, seed)
    out = {}
    while not session.state.game_over:
        st = session.state
        out.setdefault(spec.date_of_turn(st.turn), current_weather(st).ground)
        session.submit(EndPhase())
    return out


@pytest.mark.parametrize("name", HISTORICAL)
def test_calendar_gives_the_documented_ground(specs: dict, name: str) -> None:
    spec = specs[name]
    grounds = _grounds_by_turn(spec)
    assert len(grounds) == spec.turns
    for day, ground in grounds.items():
        observed = _observed_ground(spec, day)
        if observed is not None:                             # None: a transition ("mud beginning")
            assert ground == observed, (day, ground)
        if dt.date(1941, 10, 13) <= day <= dt.date(1941, 10, 18):
            assert ground == "mud", day                      # the first rains: roads breaking up
        if dt.date(1941, 10, 19) <= day <= dt.date(1941, 11, 2):
            assert ground == "deep_mud", day                 # the rasputitsa at its worst
        if day <= dt.date(1941, 10, 12):
            assert ground == "dry", day                      # 7-12 October: rain, but the ground still firm
        if dt.date(1941, 11, 3) <= day <= dt.date(1941, 11, 29):
            assert ground == "frozen", day                   # the first cold wave freezes the mud
        if day >= dt.date(1941, 11, 15):
            assert ground in ("frozen", "snow"), day         # frozen after mid-November


@pytest.mark.parametrize("name", ("typhoon", "december"))
def test_variable_weather_option(specs: dict, name: str) -> None:
    from game.ui.catalog import weather_modes, with_options

    spec = specs[name]
    assert weather_modes(spec) == ("historical", "variable")
    variable = with_options(spec, {"weather": "variable"})
    assert variable.rules.weather.mode == "variable"
    runs = [_grounds_by_turn(variable, seed) for seed in range(3)]
    assert all(len(r) == spec.turns for r in runs)
    grounds = [g for r in runs for g in r.values()]
    if name == "typhoon":
        assert "mud" in grounds                  # October rain makes mud in most autumns
    else:
        assert {"frozen", "snow"} & set(grounds)  # winter


@pytest.mark.parametrize("name", QUICK)
def test_full_game_ai_against_ai(specs: dict, name: str) -> None:
    spec = specs[name]
    result = play_game(spec, 7, (make_player("normal", 0), make_player("normal", 1)))
    assert result.turns == spec.turns or result.reason
    assert result.winner or "draw" in result.reason.lower() or result.reason
    assert not result.refused
    comparison = compare_captures(spec, result.captures)
    assert comparison and all(c.historical_date for c in comparison)


def test_campaign_first_turns_ai_against_ai(specs: dict) -> None:
    import dataclasses

    spec = dataclasses.replace(specs["campaign"], turns=12)   # to 25 October: the default run stays quick
    result = play_game(spec, 5, (make_player("normal", 0), make_player("normal", 1)))
    assert result.turns == 12 or result.reason
    assert not result.refused


@pytest.mark.slow
def test_campaign_full_game_ai_against_ai(specs: dict) -> None:
    spec = specs["campaign"]
    result = play_game(spec, 7, (make_player("normal", 0), make_player("normal", 1)))
    assert result.turns == spec.turns or result.reason
    assert not result.refused


@pytest.mark.slow
@pytest.mark.parametrize("name", HISTORICAL)
def test_random_players_finish(specs: dict, name: str) -> None:
    spec = specs[name]
    result = play_game(spec, 3, (make_player("random", 0), make_player("random", 1)))
    assert result.turns == spec.turns or result.reason


def test_history_timeline(specs: dict) -> None:
    tl = timeline(specs["typhoon"])
    assert len(tl.turns) == 15
    texts = " ".join(e.text for t in tl.turns for e in t.events)
    for words in ("Orel taken", "Vyazma pocket closed", "Kalinin", "Mozhaisk falls", "Volokolamsk falls"):
        assert words in texts
    assert any(t.arrivals for t in tl.turns)
    assert tl.turns[0].front_line is not None
    dec = timeline(specs["december"])
    assert any("Directive 39" in e.text for t in dec.turns for e in t.events)


def test_history_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "mozhaisk"]) == 0
    out = capsys.readouterr().out
    assert "turn   1" in out and "Mozhaisk falls" in out and "weather (calendar)" in out
    assert main(["history", "december", "--turn", "6", "--brief"]) == 0
    out = capsys.readouterr().out
    assert "Klin liberated" in out and "turn   7" not in out
    assert main(["history", "no-such-scenario"]) == 2


def test_compare_captures_matches_history(specs: dict) -> None:
    from game.ai.match import Capture

    spec = specs["typhoon"]
    caps = [Capture(9, "1941-10-18", "Mozhaisk", "0000", "Germany (Army Group Centre)"),
            Capture(3, "1941-10-06", "Orel", "0000", "german"),
            Capture(2, "1941-10-04", "Kalinin", "0000", "Soviet Union (Stavka)")]
    by_place = {c.place: c for c in compare_captures(spec, caps)}
    assert by_place["Mozhaisk"].game_turn == 9 and by_place["Mozhaisk"].days_late == 0
    assert by_place["Orel"].days_late == 3
    assert by_place["Kalinin"].game_date is None          # a Soviet 'capture' is not the German one of 14 Oct
    assert "Sevsk" not in by_place                         # taken before the game starts


# Towns the Germans took in October and held past a scenario's last day; the reference gives only their
# liberation (Medyn 14 January 1942, Tarusa 19 December, Ruza 17 January 1942), so their fall is in
# scenarios/source/setups.py (EXTRA_EVENTS) and the historical map must score them German.
HELD_PAST_THE_END = {"mozhaisk": {"ruza", "tarusa"}, "campaign": {"medyn", "ruza"}}


@pytest.mark.parametrize("name", HISTORICAL)
def test_the_historical_net_is_the_score_of_the_historical_map(name: str) -> None:
    path = SCENARIO_DIR / "setups" / f"{name}-setup.yaml"
    text = path.read_text()
    header = next(line for line in text.splitlines() if line.startswith("# Historical holders"))
    holders = dict(re.findall(r"(\w+)=(german|soviet)", header))
    victory = yaml.safe_load(text)["victory"]
    points = {o["at"]: o["points"] for o in victory["objectives"]}
    assert set(holders) == set(points)
    net = sum(p if holders[place] == "german" else -p for place, p in points.items())
    assert victory["historical"]["points"] == net
    for place in HELD_PAST_THE_END.get(name, ()):
        assert holders[place] == "german", f"{place} was German on the last day of {name}"
