"""Bad scenario input: every mistake is reported at its exact line with a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import ScenarioError, check_scenario, load_scenario

BASE = """\
# a small valid scenario used as the starting point of every bad-input case
format_version: 1
id: base
title: "Base"
ruleset: standard
map:
  id: vyazma_area
  projection: {origin: [55.35, 34.05], hex_km: 10, width: 6, height: 5}
  default_terrain: clear
  places:
    - {id: vyazma, name: Vyazma, at: [55.21, 34.30], size: 2, victory_points: 5}
    - {id: tyomkino, name: Tyomkino, at: [55.10, 34.60]}
  rivers:
    - {id: vyazma_river, type: minor_river, points: [[55.35, 34.20], [55.00, 34.35]]}
  areas:
    - {id: woods, terrain: forest, box: [55.25, 34.50, 55.40, 34.80]}
sides:
  - {id: german, name: Germany}
  - {id: soviet, name: Soviet Union}
first_side: german
start: 1941-10-02
days_per_turn: 2
turns: 4
units:
  - {id: ger_7pz, side: german, type: panzer, name: "7th Panzer", at: "0102"}
  - {id: sov_16a, side: soviet, type: rifle, name: "16th Army", at: Vyazma}
  - {id: sov_1tb, side: soviet, type: tank_brigade, name: "1st Tank Bde"}
reinforcements:
  - {units: [sov_1tb], turn: 2, at: Tyomkino}
"""
# Line numbers in BASE: 4 title, 5 ruleset, 8 projection, 16 areas[0], 18 sides[0], 21 start, 23 turns,
# 25-27 units[0..2], 29 reinforcements[0].


@pytest.fixture(autouse=True)
def _map_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOSCOW41_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "map-cache"))


def write(folder: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the base scenario"
    return text.replace(old, new)


def errors_of(path: Path) -> list:
    result = check_scenario(path)
    return result.errors


def only_error(path: Path):  # noqa: ANN201
    errs = errors_of(path)
    assert len(errs) == 1, "\n".join(str(e) for e in errs)
    return errs[0]


def test_base_scenario_is_valid(tmp_path: Path) -> None:
    spec = load_scenario(write(tmp_path, BASE))
    assert spec.id == "base" and len(spec.units) == 3
    assert spec.map.label_of(spec.placements[1]) == spec.map.label_of(spec.places["vyazma"].index)


CASES = [
    # (name, old, new, line, where, words in the message, words in the fix)
    (
        "wrong type",
        "turns: 4",
        "turns: four",
        23,
        "turns",
        "expected a whole number, got the text 'four'",
        "write a whole number",
    ),
    (
        "unknown top-level key",
        'title: "Base"',
        'titel: "Base"',
        4,
        "titel",
        "unknown key 'titel'",
        "did you mean 'title'?",
    ),
    (
        "unknown nested key",
        'name: "7th Panzer", at: "0102"}',
        'name: "7th Panzer", at: "0102", stpes: 2}',
        25,
        "units[0].stpes",
        "unknown key 'stpes'",
        "did you mean 'steps'?",
    ),
    (
        "negative strength",
        'name: "7th Panzer", at: "0102"}',
        'name: "7th Panzer", at: "0102", steps: -1}',
        25,
        "units[0].steps",
        "-1 is out of range: it must be at least 1",
        "use a value at least 1",
    ),
    ("missing key in a unit", "type: rifle, ", "", 26, "units[1].type", "the key 'type' is missing", "add 'type:'"),
    (
        "unit off the map",
        'at: "0102"}',
        'at: "0909"}',
        25,
        "units[0].at",
        "hex 0909 is off the 6x5 map",
        "labels run from 0101 to 0605",
    ),
    (
        "unknown place",
        "at: Vyazma}",
        "at: Vyazm}",
        26,
        "units[1].at",
        "unknown place 'Vyazm'",
        "did you mean 'Vyazma'?",
    ),
    (
        "bad date",
        "start: 1941-10-02",
        "start: 1941-13-02",
        21,
        "start",
        "expected a date, got the text '1941-13-02'",
        "write the date as YYYY-MM-DD",
    ),
    (
        "unknown unit type",
        "type: panzer",
        "type: panzr",
        25,
        "units[0].type",
        "unknown unit type 'panzr'",
        "did you mean 'panzer'?",
    ),
    (
        "unknown side",
        "side: soviet, type: rifle",
        "side: sovjet, type: rifle",
        26,
        "units[1].side",
        "unknown side 'sovjet'",
        "did you mean 'soviet'?",
    ),
    (
        "turn after the end",
        "turn: 2,",
        "turn: 9,",
        29,
        "reinforcements[0].turn",
        "turn 9 is after the last turn (4)",
        "use a turn from 1 to 4",
    ),
    (
        "unknown unit in reinforcement",
        "units: [sov_1tb]",
        "units: [sov_1bt]",
        29,
        "reinforcements[0].units[0]",
        "unknown unit id 'sov_1bt'",
        "did you mean 'sov_1tb'?",
    ),
    (
        "value not allowed",
        "hex_km: 10,",
        "hex_km: 10, orientation: hexagonal,",
        8,
        "map.projection.orientation",
        "the text 'hexagonal' is not one of the allowed values",
        "use one of: flat, pointy",
    ),
    (
        "unknown ruleset",
        "ruleset: standard",
        "ruleset: standart",
        5,
        "ruleset",
        "unknown ruleset 'standart'",
        "did you mean 'standard'?",
    ),
    (
        "latitude out of range",
        "origin: [55.35, 34.05]",
        "origin: [95.35, 34.05]",
        8,
        "map.projection.origin[0]",
        "95.35 is out of range: it must be at most 90",
        "use a value at most 90",
    ),
    (
        "unknown terrain",
        "terrain: forest",
        "terrain: jungle",
        16,
        "map.areas[0].terrain",
        "unknown terrain type 'jungle'",
        "use one of: city, clear, forest, lake, swamp",
    ),
    (
        "date outside the scenario",
        "turn: 2,",
        "date: 1942-01-01,",
        29,
        "reinforcements[0].date",
        "1942-01-01 is outside the scenario (1941-10-02 to 1941-10-09)",
        "use a date within the scenario's turns",
    ),
    (
        "format version",
        "format_version: 1",
        "format_version: 2",
        2,
        "format_version",
        "this file is written in scenario format 2, this engine reads format 1",
        "update Moscow '41 to read it",
    ),
    (
        "format version type",
        "format_version: 1",
        "format_version: one",
        2,
        "format_version",
        "the text 'one' is not one of the allowed values",
        "use one of: 1",
    ),
    (
        "three sides",
        "  - {id: soviet, name: Soviet Union}\n",
        "  - {id: soviet, name: Soviet Union}\n  - {id: finn, name: Finland}\n",
        18,
        "sides",
        "at most 2 items needed here",
        "give at most 2 (exactly two sides)",
    ),
    (
        "reinforcement also placed",
        'name: "1st Tank Bde"}',
        'name: "1st Tank Bde", at: "0101"}',
        27,
        "units[2].at",
        "starts on the map and also arrives as a reinforcement",
        "remove its 'at:'",
    ),
    (
        "hex label malformed",
        'at: "0102"}',
        'at: "102"}',
        25,
        "units[0].at",
        "'102' is not a hex label",
        "write column then row, zero padded: '0712'",
    ),
    (
        "an area with two shapes",
        "box: [55.25, 34.50, 55.40, 34.80]",
        "box: [55.25, 34.50, 55.40, 34.80], hexes: ['0101']",
        16,
        "map.areas[0]",
        "give exactly one shape: 'outline', 'box', 'circle' or 'hexes' (got box, hexes)",
        "see docs/modding.md",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_at_its_line_with_a_fix(tmp_path: Path, case: tuple) -> None:
    _name, old, new, line, where, message, fix = case
    path = write(tmp_path, edit(old, new))
    err = only_error(path)
    assert err.mark is not None and err.mark.line == line, str(err)
    assert err.mark.file.endswith("scenario.yaml")
    assert err.where == where
    assert message in err.message, str(err)
    assert fix in err.fix, str(err)
    text = str(err)
    assert text.startswith(f"{err.mark.file}:{line}:{err.mark.column}: {where}: ") and " — " in text


def test_missing_top_level_key_points_at_the_document(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, edit('title: "Base"\n', "")))
    assert (err.mark.line, err.where) == (2, "title")
    assert err.message == "the key 'title' is missing"
    assert err.fix.startswith("add 'title:' at the top level")


def test_duplicate_unit_id(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, edit("id: sov_16a", "id: ger_7pz")))
    assert (err.mark.line, err.where) == (26, "units[1].id")
    assert err.message == "duplicate unit id 'ger_7pz' (first used at line 25)"
    assert err.fix == "give every entry under 'units' its own id"


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, edit("turns: 4\n", "turns: 4\nturns: 5\n")))
    assert (err.mark.line, err.mark.column, err.where) == (24, 1, "turns")
    assert err.message == "duplicate key 'turns' (first given at line 23)"
    assert "YAML would silently keep only the last" in err.fix


def test_yaml_syntax_error(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, edit("units: [sov_1tb], turn: 2", "units: [sov_1tb, turn: 2")))
    assert err.mark.line == 29
    assert err.message.startswith("YAML syntax error")
    assert "check the indentation, colons and quotes" in err.fix


def test_tab_indentation(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, edit("  default_terrain: clear", "\tdefault_terrain: clear")))
    assert (err.mark.line, err.mark.column) == (9, 1)
    assert err.message == "a tab character is used for indentation"
    assert "replace the tab with spaces" in err.fix


def test_include_outside_the_folder(tmp_path: Path) -> None:
    write(tmp_path, "id: elsewhere\n", "outside.yaml")
    path = write(tmp_path / "mods", edit("ruleset: standard\n", "ruleset: standard\ninclude: ../outside.yaml\n"))
    err = only_error(path)
    assert (err.mark.line, err.where) == (6, "include")
    assert "'../outside.yaml' points outside the scenario folder" in err.message
    assert "keep shared files inside the scenario's folder" in err.fix


def test_included_file_missing(tmp_path: Path) -> None:
    write(tmp_path, "", "maps/other.yaml")
    text = BASE.split("map:\n")[0] + "map:\n  include: maps/vyazma.yaml\n" + "sides:" + BASE.split("\nsides:")[1]
    err = only_error(write(tmp_path, text))
    assert (err.mark.line, err.where) == (7, "map.include")
    assert err.message == "the file 'maps/vyazma.yaml' does not exist"


def test_extends_cycle(tmp_path: Path) -> None:
    write(tmp_path, "extends: b.yaml\nturns: 3\n", "a.yaml")
    write(tmp_path, "extends: a.yaml\nturns: 2\n", "b.yaml")
    errs = errors_of(tmp_path / "a.yaml")
    cycle = [e for e in errs if "cycle" in e.message]
    assert len(cycle) == 1
    assert cycle[0].message == "extends cycle: a.yaml → b.yaml → a.yaml"
    assert cycle[0].mark.file.endswith("b.yaml") and cycle[0].mark.line == 1


def test_ruleset_override_error_points_into_the_scenario(tmp_path: Path) -> None:
    override = "ruleset:\n  use: standard\n  override:\n    movement: {stacking: {max_units: many}}"
    text = edit("ruleset: standard", override)
    err = only_error(write(tmp_path, text))
    assert err.mark.file.endswith("scenario.yaml") and err.mark.line == 8
    assert err.where == "movement.stacking.max_units"
    assert err.message == "expected a whole number, got the text 'many'"


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, "- one\n- two\n"))
    assert err.mark.line == 1 and "must be a mapping" in err.message


def test_empty_file(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, "# nothing here\n"))
    assert err.message == "the file is empty" and "new-scenario" in err.fix


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = edit("turns: 4", "turns: four")
    text = edit("type: panzer", "type: panzr", text)
    text = edit("at: Vyazma}", "at: Vyazm}", text)
    text = edit('title: "Base"', 'titel: "Base"', text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(write(tmp_path, text))
    lines = sorted(p.mark.line for p in info.value.errors)
    assert lines == [4, 23, 25, 26]  # titel (a typo of the missing title: reported once), turns, type, place
    report = str(info.value)
    assert report.startswith("4 problems found\n")
    assert "scenario.yaml:25:" in report and "did you mean 'panzer'?" in report


def test_no_effect_warnings(tmp_path: Path) -> None:
    text = edit('name: "7th Panzer", at: "0102"}', 'name: "7th Panzer", at: "0102", movement: 8}')
    text = edit("  - {units: [sov_1tb], turn: 2, at: Tyomkino}\n", "  []\n", text)
    result = check_scenario(write(tmp_path, text))
    assert not result.errors
    messages = {(w.mark.line, w.message) for w in result.warnings}
    assert (25, "movement: 8 is the same as the panzer default, so it has no effect") in messages
    assert (27, "unit 'sov_1tb' has no 'at' and never arrives, so it never enters play") in messages
    assert result.spec is not None and result.spec.warnings


def test_unquoted_hex_labels_stay_labels(tmp_path: Path) -> None:
    spec = load_scenario(write(tmp_path, edit('at: "0102"}', "at: 0102}")))
    assert spec.map.label_of(spec.placements[0]) == "0102"


def test_ruleset_override_without_effect_is_a_warning(tmp_path: Path) -> None:
    override = (
        "ruleset:\n  use: standard\n  override:\n    movement: {stacking: {max_units: 3}, zoc: {may_leave: false}}"
    )
    result = check_scenario(write(tmp_path, edit("ruleset: standard", override)))
    assert not result.errors
    (w,) = result.warnings
    assert (w.mark.line, w.where) == (8, "ruleset.override.movement.stacking.max_units")
    assert w.message == "movement.stacking.max_units is already 3 in the ruleset, so this override has no effect"
    assert result.spec.ruleset.movement.zoc.may_leave is False


def test_removing_an_entry_that_is_not_there(tmp_path: Path) -> None:
    write(tmp_path, BASE, "base.yaml")
    text = "extends: base.yaml\nunits:\n  - {id: sov_16a, remove: true}\n  - {id: sov_17a, remove: true}\n"
    result = check_scenario(write(tmp_path, text, "variant.yaml"))
    (err,) = result.errors
    assert (err.mark.line, err.where) == (4, "units[1]")
    assert err.message == "there is no entry 'sov_17a' to remove"
    assert "check the id" in err.fix


def test_misspelt_weather_in_the_calendar(tmp_path: Path) -> None:
    calendar = (
        "weather:\n  mode: historical\n  calendar:\n"
        "    - {dates: [1941-10-02, 1941-10-09], weather: rian, temperature: mild}\n"
    )
    err = only_error(write(tmp_path, BASE + calendar))
    assert err.mark.line == BASE.count("\n") + 4
    assert err.where == "weather.calendar[0].weather"
    assert "unknown weather type 'rian'" in err.message and "did you mean 'rain'?" in err.fix


def test_briefings_and_designer_notes_are_loaded(tmp_path: Path) -> None:
    text = edit(
        'title: "Base"\n',
        'title: "Base"\nbriefings:\n  german: "Take Vyazma."\n  soviet: |\n    Hold Vyazma.\n'
        'designer_notes: "Sources: none."\n',
    )
    spec = load_scenario(write(tmp_path, text))
    assert dict(spec.briefings) == {"german": "Take Vyazma.", "soviet": "Hold Vyazma.\n"}
    assert spec.designer_notes == "Sources: none."
    plain = load_scenario(write(tmp_path, BASE, "plain.yaml"))
    assert dict(plain.briefings) == {} and plain.designer_notes == ""


def test_briefing_for_an_unknown_side(tmp_path: Path) -> None:
    text = edit('title: "Base"\n', 'title: "Base"\nbriefings:\n  german: "Take Vyazma."\n  sovjet: "Hold."\n')
    err = only_error(write(tmp_path, text))
    assert err.mark is not None and err.mark.line == 7, str(err)
    assert err.where == "briefings.sovjet"
    assert "unknown side 'sovjet'" in err.message
    assert "did you mean 'soviet'?" in err.fix


AI_OPS = """\
ai:
  german:
    operations:
      - {name: "Vyazma pincer", units: [ger_7pz], objective: Vyazma, from_turn: 1, until_turn: 3}
"""
# line of the operation entry when AI_OPS is appended to BASE
OP_LINE = BASE.count("\n") + 4


def test_operations_are_loaded(tmp_path: Path) -> None:
    from game.ai.config import side_tuning

    spec = load_scenario(write(tmp_path, BASE + AI_OPS))
    (op,) = side_tuning(spec.rules_data, "german").operations
    assert (op.name, op.units, op.objective, op.from_turn, op.until_turn) == (
        "Vyazma pincer", ("ger_7pz",), "Vyazma", 1, 3)
    assert op.active_on(3) and not op.active_on(4)


@pytest.mark.parametrize(
    ("old", "new", "where", "message", "fix"),
    [
        ("units: [ger_7pz]", "units: [ger_7p]", "ai.german.operations[0].units[0]", "unknown unit id 'ger_7p'",
         "did you mean 'ger_7pz'?"),
        ("units: [ger_7pz]", "units: [sov_16a]", "ai.german.operations[0].units[0]",
         "unit 'sov_16a' is a soviet unit: a german operation cannot use it", "list only german units"),
        ("objective: Vyazma", "objective: Vyasma", "ai.german.operations[0].objective", "Vyasma",
         "did you mean 'Vyazma'?"),
        ("until_turn: 3", "until_turn: 9", "ai.german.operations[0].until_turn", "turn 9 is after the last turn (4)",
         "use a turn from 1 to 4"),
        ("from_turn: 1, until_turn: 3", "from_turn: 3, until_turn: 2", "ai.german.operations[0]",
         "until_turn 2 is before from_turn 3", ""),
        ("units: [ger_7pz]", "units: []", "ai.german.operations[0].units", "at least 1", ""),
    ],
    ids=["unknown unit", "other side's unit", "unknown place", "turn after the end", "window backwards", "no units"],
)
def test_bad_operations(tmp_path: Path, old: str, new: str, where: str, message: str, fix: str) -> None:
    err = only_error(write(tmp_path, BASE + edit(old, new, AI_OPS)))
    assert err.mark is not None and err.mark.line == OP_LINE, str(err)
    assert err.where == where, str(err)
    assert message in err.message, str(err)
    assert fix in err.fix, str(err)


def _load_in_worker(path: str) -> None:
    load_scenario(Path(path))


def test_the_error_reaches_a_parent_process_whole(tmp_path: Path) -> None:
    """Calibration and simulation batches load scenarios in worker processes: the report must survive."""
    from concurrent.futures import ProcessPoolExecutor

    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("turns: 4", "turns: four"), encoding="utf-8")
    with ProcessPoolExecutor(1) as pool, pytest.raises(ScenarioError) as caught:
        pool.submit(_load_in_worker, str(bad)).result()
    assert "bad.yaml" in str(caught.value) and "turns" in str(caught.value)
    assert len(caught.value.errors) == 1
