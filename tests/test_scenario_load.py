"""Loading shipped scenarios: the tutorial end to end, composition, the commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.scenario import ScenarioError, check_scenario, load_scenario
from game.scenario.document import json_schema_text
from game.units import UnitStatus

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios/tutorial.yaml"


@pytest.fixture(autouse=True)
def _map_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOSCOW41_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "map-cache"))


def test_tutorial_compiles_into_a_spec() -> None:
    result = check_scenario(TUTORIAL)
    assert result.problems == []
    spec = result.spec
    assert spec is not None and spec.id == "tutorial"
    assert [s.id for s in spec.sides] == ["german", "soviet"] and spec.first_side == 0
    assert 30 <= spec.map.size <= 60
    placed = {u.id: spec.placements[i] for i, u in enumerate(spec.units)}
    label = spec.map.label_of
    places = spec.places
    assert label(placed["ger_10pz"]) == "0103"  # by hex label
    assert placed["sov_32rd"] == places["borodino"].index  # by place name
    assert placed["sov_18tb"] == places["mozhaisk"].index
    borodino = spec.map.hex_of(places["borodino"].index)
    assert spec.map.hex_of(placed["ger_7id"]).distance(borodino) == 2  # by place with an offset
    assert placed["sov_20tb"] == spec.locate([55.62, 36.05])  # by latitude/longitude
    assert placed["sov_82mrd"] == placed["sov_19tb"] == -1  # they arrive later
    units = {u.id: u for u in spec.units}
    assert units["ger_197id"].steps == 2 and units["ger_10pz"].steps == 3  # override and type default
    assert units["sov_32rd"].winterized and units["sov_82mrd"].commander == "Karpezo"
    assert set(spec.rules_data) >= {
        "weather",
        "supply",
        "reinforcements",
        "victory",
        "triggers",
        "history",
        "initial_control",
    }
    control = spec.rules_data["initial_control"]
    assert control[spec.map.index_of_label("0101")] == 0 and control[places["mozhaisk"].index] == 1
    front = spec.rules_data["history"].front_on(spec.start_date)
    assert spec.map.index_of_label("0101") in front.hexes and places["mozhaisk"].index not in front.hexes
    assert spec.ruleset.sources.cite("combat", "die").startswith("scenarios/rulesets/standard.yaml:")


def test_rules_read_the_loaded_sections() -> None:
    spec = load_scenario(TUTORIAL)
    rules = spec.rules  # the rules' own bundle, validated from rules_data
    assert rules.reinforcements[0].units == ["sov_82mrd"]
    assert spec.locate(rules.reinforcements[0].at) == spec.places["dorokhovo"].index
    assert rules.victory.scoring_side == "german" and len(rules.victory.objectives) == 4


def test_tutorial_plays_to_the_end() -> None:
    from game.ai import make_player, play_game

    spec = load_scenario(TUTORIAL)
    result = play_game(spec, 7, (make_player("random", 0), make_player("random", 1)))
    assert not result.refused
    assert result.turns == spec.turns or result.reason.startswith("sudden death")
    assert "Historically: Mozhaisk fell on 18 October" in result.reason
    state = result.session.state
    arrived = state.units["status"][spec.unit_index["sov_82mrd"]]
    assert result.turns < 3 or arrived != UnitStatus.PENDING


def test_content_hash_follows_content_not_layout(tmp_path: Path) -> None:
    base = load_scenario(TUTORIAL).content_hash
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps/mozhaisk.yaml").write_text((ROOT / "scenarios/maps/mozhaisk.yaml").read_text())
    text = TUTORIAL.read_text()
    (tmp_path / "t.yaml").write_text("# a comment changes nothing\n" + text.replace("turns: 6", "turns:   6"))
    assert load_scenario(tmp_path / "t.yaml").content_hash == base
    (tmp_path / "t.yaml").write_text(text.replace("turns: 6", "turns: 7"))
    assert load_scenario(tmp_path / "t.yaml").content_hash != base


def test_extends_and_include_compose_by_id(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps/mozhaisk.yaml").write_text((ROOT / "scenarios/maps/mozhaisk.yaml").read_text())
    (tmp_path / "tutorial.yaml").write_text(TUTORIAL.read_text())
    (tmp_path / "oob.yaml").write_text("- {id: ger_5pz, side: german, type: panzer, name: '5th Panzer', at: '0101'}\n")
    (tmp_path / "variant.yaml").write_text(
        "extends: tutorial.yaml\n"
        "id: tutorial_variant\n"
        "turns: 8\n"
        "ruleset: {use: standard, override: {movement: {stacking: {max_units: 2}}}}\n"
        "units:\n"
        "  - {id: sov_32rd, at: Mozhaisk}\n"  # moves an existing unit, keeps its other keys
        "  - {id: ger_10pz, steps: 2}\n"
    )
    spec = load_scenario(tmp_path / "variant.yaml")
    units = {u.id: (u, spec.placements[i]) for i, u in enumerate(spec.units)}
    assert spec.id == "tutorial_variant" and spec.turns == 8 and spec.title.startswith("The Mozhaisk Line")
    assert units["sov_32rd"][1] == spec.places["mozhaisk"].index and units["sov_32rd"][0].winterized
    assert units["ger_10pz"][0].steps == 2 and len(spec.units) == 10
    assert spec.ruleset.movement.stacking.max_units == 2
    # include as a list of units
    (tmp_path / "more.yaml").write_text("extends: tutorial.yaml\nunits: {include: oob.yaml}\n")
    spec2 = load_scenario(tmp_path / "more.yaml")
    assert [u.id for u in spec2.units][-2:] == ["sov_19tb", "ger_5pz"] and len(spec2.units) == 11  # appended by id


def test_validate_command_reports_and_exits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TUTORIAL), str(ROOT / "scenarios/rulesets/standard.yaml")]) == 0
    out = capsys.readouterr().out
    assert "tutorial.yaml: ok (0 errors, 0 warnings)" in out and "standard.yaml: ok" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        TUTORIAL.read_text().replace("turns: 6", "turns: six").replace("maps/", str(ROOT / "scenarios/maps/"))
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "bad.yaml:14:" not in out  # the map include now points outside the folder, reported at its own line
    assert "turns: expected a whole number, got the text 'six' — write a whole number" in out
    assert "points outside the scenario folder" in out and "FAILED (2 errors" in out


def test_schema_command_matches_the_shipped_schema(tmp_path: Path) -> None:
    shipped = ROOT / "scenarios/scenario.schema.json"
    assert shipped.read_text() == json_schema_text(), "run: moscow41 schema -o scenarios/scenario.schema.json"
    assert main(["schema", "--check", str(shipped)]) == 0
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text())
    assert {"format_version", "map", "units", "weather", "victory", "triggers"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert {"format_version", "map", "sides"} <= set(schema["else"]["required"])  # unless included or extended
    assert {"required": ["include"]} in schema["if"]["anyOf"]
    for path in (ROOT / "scenarios").glob("*.yaml"):
        assert path.read_text().startswith("# yaml-language-server: $schema=scenario.schema.json"), path


def test_new_scenario_validates_and_plays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.ai import make_player, play_game

    assert main(["new-scenario", "Tula 1941", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "tula_1941.yaml"
    result = check_scenario(path)
    assert result.problems == []
    game = play_game(result.spec, 3, (make_player("random", 0), make_player("random", 1)))
    assert game.turns >= 1 and not game.refused
    assert main(["new-scenario", "Tula 1941", "--dir", str(tmp_path)]) == 2  # refuses to overwrite
    assert "already exists" in capsys.readouterr().err


def test_load_scenario_raises_one_error_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps/mozhaisk.yaml").write_text((ROOT / "scenarios/maps/mozhaisk.yaml").read_text())
    bad.write_text(
        TUTORIAL.read_text().replace("type: rifle", "type: rilfe").replace("days_per_turn: 2", "days_per_turn: 0")
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(bad)
    errs = info.value.errors
    assert len(errs) == 3  # the two rifle divisions and the turn length
    assert all(e.fix == "did you mean 'rifle'?" for e in errs if e.where.endswith(".type"))
    assert np.all([e.mark.file.endswith("t.yaml") for e in errs])


def test_validate_checks_map_files_on_their_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "scenarios/maps/mozhaisk.yaml")]) == 0
    bad = tmp_path / "map.yaml"
    bad.write_text(
        "id: x\nprojection: {origin: [55, 35], hex_km: 10, width: 4, height: 3}\ndefault_terrain: clear\n"
        "places:\n  - {id: a, name: A, at: [59, 35]}\n"
        "rivers:\n  - {id: r, type: major_rivr, points: [[55, 35], [54, 36]]}\n"
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "map.yaml:7:19: rivers[0].type: unknown hexside type 'major_rivr' — did you mean 'major_river'?" in out


def test_validate_can_print_the_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--map", str(TUTORIAL)]) == 0
    out = capsys.readouterr().out
    spec = load_scenario(TUTORIAL)
    moz = spec.map.label_of(spec.places["mozhaisk"].index)
    assert f"  {moz}  Mozhaisk (size 2, city)" in out
    lines = [line for line in out.splitlines() if line[:2].isdigit()]
    assert len(lines) == 2 * spec.map.height
    assert sum(line.count("*") for line in lines) == len(spec.map.settlements)
    assert "C*" in out and "f" in out and "s" in out  # the city, the forests and the bog of the tutorial
