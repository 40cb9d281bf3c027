"""The calibration tooling: scenarios/source/calibrate.py (AI-versus-AI batches, what-if variants) and
scenarios/source/calibration_report.py (the Markdown tables of docs/scenarios.md).

The report is checked on hand-made rows against a small hand-made track (expected figures worked out
by hand below); the variants are loaded, not played; one real game is in the slow suite.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from game.ai.match import Capture, key_place_names
from game.ai.picture import _locate, _plain
from game.events import TurnBegan
from game.history import compare_captures, historical_changes
from game.rules.rule_events import PocketReport
from game.rules.supply import unit_effects
from game.rules.weather import calendar_period
from game.scenario import load_scenario
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "scenarios" / "source"


def _script(name: str):  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location(f"m41_{name}", SOURCE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cal = _script("calibrate")
rep = _script("calibration_report")

D = dt.date


# ---------------------------------------------------------------- calibration_report: helpers


def test_pct_interpolates_between_ranks():
    assert rep.pct([7], 0.1) == 7 and rep.pct([7], 0.9) == 7  # one game: every percentile is that game
    xs = [11, -6, 5, 0, 2]  # sorted -6 0 2 5 11; positions (n-1)*q = 0.4 and 3.6
    assert rep.pct(xs, 0.1) == pytest.approx(-6 + 0.4 * 6)  # -3.6
    assert rep.pct(xs, 0.9) == pytest.approx(5 + 0.6 * 6)  # 8.6
    assert rep.pct(xs, 0.5) == 2  # odd count: the middle one
    assert xs == [11, -6, 5, 0, 2]  # the input is not sorted in place
    assert rep.pct([1, 2, 3, 4], 0.5) == 2.5  # even count: halfway between the middle two
    assert rep.pct([4, 14], 0.1) == pytest.approx(5) and rep.pct([4, 14], 0.9) == pytest.approx(13)
    assert rep.pct([3, 1, 2], 0.0) == 1 and rep.pct([3, 1, 2], 1.0) == 3


def test_fmt_day():
    assert rep.fmt_day(D(1941, 10, 3)) == "3 Oct"  # no leading zero
    assert rep.fmt_day(D(1941, 12, 31)) == "31 Dec"
    assert rep.fmt_day(D(1942, 1, 1)) == "1 Jan"  # no year


def test_level_bands_around_the_historical_net():
    hist = -5
    assert rep.level(hist + 8, hist) == "German decisive"
    assert rep.level(hist + 7, hist) == "German marginal"
    assert rep.level(hist + 3, hist) == "German marginal"
    assert rep.level(hist + 2, hist) == "draw (historical)"
    assert rep.level(hist, hist) == "draw (historical)"
    assert rep.level(hist - 2, hist) == "draw (historical)"
    assert rep.level(hist - 3, hist) == "Soviet marginal"
    assert rep.level(hist - 7, hist) == "Soviet marginal"
    assert rep.level(hist - 8, hist) == "Soviet decisive"


def test_date_cells_edge_cases():
    h = D(1941, 10, 14)
    assert rep.date_cells(h, [None, None, None]) == ("0/3", "-", "-")  # never taken
    assert rep.date_cells(h, ["1941-10-18"]) == ("1/1", "18 Oct (18 Oct - 18 Oct)", "+4")  # one game
    assert rep.date_cells(h, ["1941-10-10"]) == ("1/1", "10 Oct (10 Oct - 10 Oct)", "-4")  # early: minus sign
    # odd count, unsorted, one game without it: sorted 14 18 20 24 30; median 20 (index 2), 10% index
    # floor(0.4) = 0, 90% index ceil(3.6) = 4; the days are the median date's offset, +6
    assert rep.date_cells(h, ["1941-10-24", None, "1941-10-14", "1941-10-18", "1941-10-30", "1941-10-20"]) == (
        "5/6", "20 Oct (14 Oct - 30 Oct)", "+6")
    # even count: 12 14 18 24; the date shown is the upper middle one (index 2: 18 Oct), 10% index
    # floor(0.3) = 0, 90% index ceil(2.7) = 3; the days are that date's offset (+4), so the cells agree
    assert rep.date_cells(h, ["1941-10-12", "1941-10-24", "1941-10-14", "1941-10-18"]) == (
        "4/4", "18 Oct (12 Oct - 24 Oct)", "+4")
    # two games: the upper middle date (16 Oct) is the median, inside its 10-90% range (12 - 16 Oct)
    assert rep.date_cells(h, ["1941-10-16", "1941-10-12"]) == ("2/2", "16 Oct (12 Oct - 16 Oct)", "+2")
    # across the new year
    assert rep.date_cells(D(1941, 12, 30), ["1942-01-01"]) == ("1/1", "1 Jan (1 Jan - 1 Jan)", "+2")


# ---------------------------------------------------------------- calibration_report: a whole report

# A hand-made scenario root: start 2 Oct, historical net +2, a track with a capture before the start
# (Sevsk, filtered out), two captures and a liberation inside the dates, and one capture never repeated.
TOP = "id: typhoon\nstart: 1941-10-02\nturns: 15\n"
SETUP = """
victory:
  historical: {points: 2, level: draw, text: hand-made}
history:
  events:
  - {date: '1941-09-30', type: capture, place: sevsk, controller_after: german}
  - {date: '1941-10-02', type: battle, text: no place}
  - {date: '1941-10-03', type: capture, place: orel, controller_after: german}
  - {date: '1941-10-08', type: liberation, place: aleksin, controller_after: soviet}
  - {date: '1941-10-14', type: capture, place: kalinin, controller_after: german}
  - {date: '1941-10-27', type: capture, place: plavsk, controller_after: german}
"""
SOVIET, GERMAN = "Soviet Union (Stavka)", "Germany (Army Group Centre)"


def _places(orel, aleksin, kalinin, plavsk=None, extra=()):  # noqa: ANN001, ANN202
    rows = [{"place": "Sevsk", "hist": "1941-09-30", "to": "german", "game": "1941-10-02"},  # before the start
            {"place": "Orel", "hist": "1941-10-03", "to": "german", "game": orel},
            {"place": "Aleksin", "hist": "1941-10-08", "to": "soviet", "game": aleksin},
            {"place": "Kalinin", "hist": "1941-10-14", "to": "german", "game": kalinin},
            {"place": "Plavsk", "hist": "1941-10-27", "to": "german", "game": plavsk}]
    return rows + list(extra)


def _row(scenario, seed, net, seconds, places, pockets=None):  # noqa: ANN001, ANN202
    row = {"scenario": scenario, "seed": seed, "winner": "", "reason": "last turn", "turns": 15, "net": net,
           "seconds": seconds, "places": places, "captures": [], "pockets_any": []}
    if pockets is not None:
        row["pockets"] = pockets
    return row


def _pocket(date, name, side=SOVIET, units=3):  # noqa: ANN001, ANN202
    return {"date": date, "name": name, "side": side, "units": units}


ROWS = [
    _row("typhoon", 1000, -6, 3.0, _places("1941-10-04", "1941-10-06", "1941-10-24", extra=[
        # a second report of Orel in the same game (only the first counts), and a holder the track never had
        {"place": "Orel", "hist": "1941-10-03", "to": "german", "game": "1941-10-20"},
        {"place": "Orel", "hist": "1941-10-03", "to": "soviet", "game": "1941-10-10"}]),
        [_pocket("1941-10-08", "Vyazma pocket", units=12), _pocket("1941-10-06", "Vyazma pocket", units=5)]),
    _row("typhoon", 1001, 2, 2.5, _places("1941-10-02", None, "1941-10-14"), [_pocket("1941-10-10", "Vyazma pocket")]),
    _row("typhoon-dry", 1000, 4, 1.0, _places("1941-10-04", None, None)),
    _row("typhoon", 1002, 5, 4.0, _places("1941-10-04", "1941-10-12", "1941-10-18"),
         [_pocket("1941-10-04", "Bryansk pocket")]),
    _row("typhoon", 1003, 0, 3.5, _places(None, "1941-10-08", "1941-10-30"), []),
    _row("typhoon-dry", 1001, 14, 2.0, _places("1941-10-04", None, "1941-10-16")),
    _row("typhoon", 1004, 11, 2.0, _places("1941-10-06", None, "1941-10-20"),
         [_pocket("1941-10-12", "Vyazma pocket"), _pocket("1941-10-04", "Kholm pocket", side=GERMAN, units=4)]),
]

# typhoon: nets -6 2 5 0 11 (sorted -6 0 2 5 11): median +2, 10% -3.6, 90% 8.6; history +2: 2 below
# (-6, 0), 1 on, 2 above (5, 11); bands: -6 Soviet decisive (< -5), 0 and 2 draw, 5 German marginal,
# 11 German decisive (>= 10); seconds 3 2.5 4 3.5 2, mean 3.0.
# Orel (3 Oct): 4 Oct, 2 Oct, 4 Oct, -, 6 Oct -> 4/5, sorted 2 4 4 6: median index 2 (4 Oct, +1), 10%
#   index floor(0.3) = 0 (2 Oct), 90% index ceil(2.7) = 3 (6 Oct).
# Aleksin (8 Oct, soviet): 6 Oct, -, 12 Oct, 8 Oct, - -> 3/5, sorted 6 8 12: median 8 Oct (+0), 10% index 0
#   (6 Oct), 90% index ceil(1.8) = 2 (12 Oct).
# Kalinin (14 Oct): 24 14 18 30 20 -> 5/5, sorted 14 18 20 24 30: median 20 Oct (+6), 10% 14 Oct, 90% index
#   ceil(3.6) = 4 (30 Oct).
# Plavsk (27 Oct): never -> 0/5, "-".
# Pockets, first report per game: Vyazma 6 Oct (game 1000: the earlier of two), 10 Oct, 12 Oct -> 3/5,
#   median 10 Oct; Bryansk 4 Oct 1/5; the German Kholm pocket 4 Oct 1/5 (ties keep the order met).
# typhoon-dry (base typhoon, history +2): nets 4 14: median +9, 10% 5, 90% 13; 0 below, 0 on, 2 above;
#   4 draw, 14 German decisive; mean 1.5 s. Orel 4 Oct twice: 2/2, +1; Kalinin 16 Oct once: 1/2, +2.
#   No 'pockets' key in these rows (an older batch): no pockets line.
EXPECTED = """\
### typhoon (5 games, 'normal' AI against itself)

Net points (German minus Soviet objectives): median +2, 10-90% -4 .. +9; history +2 \
(2 games below it, 1 on it, 2 above). Mean game time 3.0 s.

Results: draw (historical) 2, Soviet decisive 1, German marginal 1, German decisive 1.

| place | to | history | happened in | game date: median (10-90%) | median days vs history |
|---|---|---|---|---|---|
| Orel | german | 3 Oct | 4/5 | 4 Oct (2 Oct - 6 Oct) | +1 |
| Aleksin | soviet | 8 Oct | 3/5 | 8 Oct (6 Oct - 12 Oct) | +0 |
| Kalinin | german | 14 Oct | 5/5 | 20 Oct (14 Oct - 30 Oct) | +6 |
| Plavsk | german | 27 Oct | 0/5 | - | - |

Pockets (3+ units cut off; first report): Soviet Union (Stavka): Vyazma pocket in 3/5 games, median 10 Oct; \
Soviet Union (Stavka): Bryansk pocket in 1/5 games, median 4 Oct; \
Germany (Army Group Centre): Kholm pocket in 1/5 games, median 4 Oct.

### typhoon-dry (2 games, 'normal' AI against itself)

Net points (German minus Soviet objectives): median +9, 10-90% +5 .. +13; history +2 \
(0 games below it, 0 on it, 2 above). Mean game time 1.5 s.

Results: draw (historical) 1, German decisive 1.

| place | to | history | happened in | game date: median (10-90%) | median days vs history |
|---|---|---|---|---|---|
| Orel | german | 3 Oct | 2/2 | 4 Oct (4 Oct - 4 Oct) | +1 |
| Aleksin | soviet | 8 Oct | 0/2 | - | - |
| Kalinin | german | 14 Oct | 1/2 | 16 Oct (16 Oct - 16 Oct) | +2 |
| Plavsk | german | 27 Oct | 0/2 | - | - |
"""


@pytest.fixture
def hand_root(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    (tmp_path / "setups").mkdir()
    (tmp_path / "typhoon.yaml").write_text(TOP)
    (tmp_path / "setups" / "typhoon-setup.yaml").write_text(SETUP)
    monkeypatch.setattr(rep, "ROOT", tmp_path)
    return tmp_path


def test_report_on_hand_made_rows(hand_root):  # noqa: ANN001
    assert rep.historical_net("typhoon") == 2 and rep.historical_net("typhoon-dry") == 2
    assert rep.changes("typhoon") == {("1941-10-03", "german"), ("1941-10-08", "soviet"),
                                      ("1941-10-14", "german"), ("1941-10-27", "german")}
    assert rep.report(ROWS) == EXPECTED


def test_pockets_line_keeps_the_six_most_common(hand_root):  # noqa: ANN001
    names = [f"P{i} pocket" for i in range(8)]
    # P0 in 3 games, P1 in 2, the others in 1 (P2..P7): P6 and P7 are cut, ties keep the order met
    games = [[names[0], names[1], names[2], names[3]], [names[0], names[1], names[4]],
             [names[0], names[5], names[6], names[7]]]
    rows = [_row("typhoon", 1000 + i, 2, 1.0, [], [_pocket(f"1941-10-0{2 + 2 * i}", n) for n in g])
            for i, g in enumerate(games)]
    line = rep.report(rows).split("\n")[-2]
    assert line == ("Pockets (3+ units cut off; first report): "
                    f"{SOVIET}: P0 pocket in 3/3 games, median 4 Oct; {SOVIET}: P1 pocket in 2/3 games, median 4 Oct; "
                    f"{SOVIET}: P2 pocket in 1/3 games, median 2 Oct; {SOVIET}: P3 pocket in 1/3 games, median 2 Oct; "
                    f"{SOVIET}: P4 pocket in 1/3 games, median 4 Oct; {SOVIET}: P5 pocket in 1/3 games, median 6 Oct.")
    # 'pockets' recorded but none in any game: no line
    assert "Pockets" not in rep.report([_row("typhoon", 1000, 2, 1.0, [], [])])


def test_report_main_reads_several_files(hand_root, tmp_path, monkeypatch, capsys):  # noqa: ANN001
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(ROWS[:3]))
    b.write_text(json.dumps(ROWS[3:]))
    monkeypatch.setattr(sys, "argv", ["calibration_report.py", str(a), str(b)])
    rep.main()
    assert capsys.readouterr().out == EXPECTED + "\n"


def test_report_reads_the_shipped_setups(specs):  # noqa: ANN001
    """The report's history filter agrees with the one compare_captures uses; what-ifs score as their base."""
    assert {name: base for name, (base, extra) in cal.VARIANTS.items() if extra} == rep.BASE
    assert rep.historical_net("typhoon-dry") == rep.historical_net("typhoon")
    assert rep.historical_net("december-winter") == rep.historical_net("december")
    spec = specs["typhoon"]
    track = {(e.date.isoformat(), e.controller_after) for e in historical_changes(spec)}
    assert rep.changes("typhoon") == track
    assert ("1941-10-01", "german") not in track  # Sevsk, taken the day before the scenario starts


# ---------------------------------------------------------------- calibrate: variants, jobs, pockets


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):  # noqa: ANN001, ANN201
    return cal.prepare_workdir(tmp_path_factory.mktemp("cal"), list(cal.VARIANTS))


@pytest.fixture(scope="module")
def specs(workdir):  # noqa: ANN001, ANN201
    return {name: load_scenario(cal.variant_file(workdir, name)) for name in cal.VARIANTS}


def test_every_variant_names_a_shipped_scenario(workdir):  # noqa: ANN001
    assert {"typhoon", "mozhaisk", "december", "campaign"} <= set(cal.VARIANTS)
    for name, (base, extra) in cal.VARIANTS.items():
        assert (ROOT / "scenarios" / f"{base}.yaml").is_file(), name
        assert name.split("-")[0] == base
        path = cal.variant_file(workdir, name)
        if extra:
            assert path == workdir / f"{name}.yaml" and path.read_text().startswith(f"extends: {base}.yaml\n")
        else:
            assert path == workdir / f"{base}.yaml"  # the shipped file itself
    assert not (ROOT / "scenarios" / "typhoon-dry.yaml").exists()  # written only in the copy


def test_variant_file_is_written_once(workdir):  # noqa: ANN001
    path = cal.variant_file(workdir, "typhoon-dry")
    text = path.read_text()
    assert cal.variant_file(workdir, "typhoon-dry") == path and path.read_text() == text


def test_variants_validate(specs):  # noqa: ANN001
    for name, spec in specs.items():
        base = cal.VARIANTS[name][0]
        assert spec.id == name.replace("-", "_")
        assert (spec.start_date, spec.turns) == (specs[base].start_date, specs[base].turns)


@pytest.mark.parametrize("name", ["typhoon-dry", "campaign-dry"])
def test_dry_october(specs, name):  # noqa: ANN001
    base = cal.VARIANTS[name][0]
    dry, hist = specs[name].rules.weather, specs[base].rules.weather
    assert (dry.mode, dry.initial_ground) == (hist.mode, hist.initial_ground) == ("historical", "dry")
    oct19 = D(1941, 10, 19)
    assert calendar_period(hist.calendar, oct19).ground == "deep_mud"
    assert calendar_period(dry.calendar, oct19).ground == "dry"
    assert calendar_period(dry.calendar, oct19).weather == "clear"
    # from 3 November on, every turn has the historical weather (the calendar was spliced without a gap)
    spec = specs[name]
    for turn in range(1, spec.turns + 1):
        day = spec.date_of_turn(turn)
        p = calendar_period(dry.calendar, day)
        assert p is not None, day
        if day < D(1941, 11, 3):
            assert p.ground == "dry", day
        else:
            assert p == calendar_period(hist.calendar, day), day


@pytest.mark.parametrize("name", ["december-winter", "campaign-winter"])
def test_winter_equipment(specs, name):  # noqa: ANN001
    base = cal.VARIANTS[name][0]
    assert specs[base].rules.winter.winterized_sides == ["soviet"]
    assert sorted(specs[name].rules.winter.winterized_sides) == ["german", "soviet"]
    assert specs[name].rules.weather.calendar == specs[base].rules.weather.calendar


def _unwinterized(spec, side):  # noqa: ANN001, ANN202
    state = Session(spec, 1000).state
    units = state.units_on_map(spec.side_index(side))
    assert len(units) > 0
    return [any("not winterized" in e.cause for e in unit_effects(state, u, "attack")) for u in units]


def test_winter_variant_spares_german_units_the_cold(specs):  # noqa: ANN001
    # december starts on 5 December, in extreme cold: without winter equipment every German unit
    # on the map suffers for it, with it none does; the Soviet side is winterized in both
    assert all(_unwinterized(specs["december"], "german"))
    assert not any(_unwinterized(specs["december-winter"], "german"))
    assert not any(_unwinterized(specs["december"], "soviet"))
    assert not any(_unwinterized(specs["december-winter"], "soviet"))


def test_job_list(workdir):  # noqa: ANN001
    assert cal.job_list(workdir, ["typhoon", "december-winter"], 0, 2) == [
        (str(workdir), "typhoon", 1000), (str(workdir), "typhoon", 1001),
        (str(workdir), "december-winter", 1000), (str(workdir), "december-winter", 1001)]
    assert cal.job_list(workdir, ["mozhaisk"], 48, 3) == [
        (str(workdir), "mozhaisk", 1048), (str(workdir), "mozhaisk", 1049), (str(workdir), "mozhaisk", 1050)]


def test_pockets_first_report_or_largest():
    start = D(1941, 10, 2)
    spec = SimpleNamespace(date_of_turn=lambda t: start + dt.timedelta(days=2 * (t - 1)))

    def pocket(name: str, n: int) -> PocketReport:
        return PocketReport(name, SOVIET, tuple(f"u{i}" for i in range(n)), 1)

    events = [pocket("A", 3),  # before any TurnBegan: turn 1
              TurnBegan(2, "1941-10-04"), pocket("A", 5), pocket("B", 2),
              TurnBegan(3, "1941-10-06"), pocket("B", 4), pocket("A", 4), pocket("C", 1)]
    session = SimpleNamespace(events=events, spec=spec)
    assert cal.pockets(session) == [
        {"date": "1941-10-02", "name": "A", "side": SOVIET, "units": 3},
        {"date": "1941-10-06", "name": "B", "side": SOVIET, "units": 4}]
    assert cal.pockets(session, min_units=1, largest=True) == [
        {"date": "1941-10-04", "name": "A", "side": SOVIET, "units": 5},
        {"date": "1941-10-06", "name": "B", "side": SOVIET, "units": 4},
        {"date": "1941-10-06", "name": "C", "side": SOVIET, "units": 1}]


# ---------------------------------------------------------------- key places of a batch


def test_key_places_include_the_historical_track(specs):  # noqa: ANN001
    spec = specs["typhoon"]
    names = key_place_names(spec)
    victory = _plain(spec.rules_data.get("victory")) or {}
    m = spec.map
    objectives = {m.settlements[m.settlement_at[h]].name for o in victory["objectives"]
                  if (h := _locate(spec, o["at"])) is not None and m.settlement_at[h] >= 0}
    assert {"Kalinin", "Moscow"} <= objectives <= names
    assert {"Borovsk", "Plavsk"} <= names  # places of the track's events...
    assert not {"Borovsk", "Plavsk"} & objectives  # ...that are not objectives
    for name in ("typhoon", "mozhaisk", "december", "campaign"):
        # the settlement in the hex of every historical change of hands is recorded by a batch
        spec = specs[name]
        m = spec.map
        track = {m.settlements[m.settlement_at[h]].name for e in historical_changes(spec)
                 if (h := _locate(spec, e.place)) is not None and m.settlement_at[h] >= 0}
        assert track and track <= key_place_names(spec), name


def test_capture_of_a_shared_hex_matches_the_track(specs):  # noqa: ANN001
    spec = specs["campaign"]
    (lib,) = [e for e in historical_changes(spec) if e.place == "yakhroma"]
    m = spec.map
    assert m.settlements[m.settlement_at[_locate(spec, "yakhroma")]].name == "Dmitrov"
    turn = next(t for t in range(1, spec.turns + 1) if spec.date_of_turn(t) >= lib.date)
    took = [Capture(turn, spec.date_of_turn(turn).isoformat(), "Dmitrov", "", "soviet")]
    (hit,) = [c for c in compare_captures(spec, took) if c.historical_date == lib.date and c.place == "Yakhroma"]
    assert hit.game_date is not None


# ---------------------------------------------------------------- one real game (slow)


@pytest.mark.slow
def test_play_one_game(workdir):  # noqa: ANN001
    row = cal.play((str(workdir), "mozhaisk", 1000))
    assert set(row) == {"scenario", "seed", "winner", "reason", "turns", "net", "seconds", "places", "captures",
                        "pockets", "pockets_any"}
    assert (row["scenario"], row["seed"]) == ("mozhaisk", 1000)
    spec = load_scenario(cal.variant_file(workdir, "mozhaisk"))
    assert [(p["place"], p["hist"], p["to"]) for p in row["places"]] == [
        (c.place, c.historical_date.isoformat(), c.controller_after) for c in compare_captures(spec, [])]
    keys = key_place_names(spec)
    assert all(c["place"] in keys and c["side"] in {s.name for s in spec.sides} for c in row["captures"])
    for p in row["places"]:
        if p["game"] is not None:
            assert any(c["place"] == p["place"] and c["date"] == p["game"] for c in row["captures"])
    assert all(pk["units"] >= 3 for pk in row["pockets"])
    assert {pk["name"] for pk in row["pockets"]} <= {pk["name"] for pk in row["pockets_any"]}
    json.dumps(row)  # the batch file is JSON
    text = rep.report([row])
    assert text.startswith("### mozhaisk (1 games, 'normal' AI against itself)\n")
    assert f"median {row['net']:+d}, 10-90% {row['net']:+d} .. {row['net']:+d}" in text
