"""docs/modding.md: every example validates and the key reference matches the schema."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario import check_scenario
from game.scenario.loader import check_ruleset_file
from game.scenario.reference import BEGIN, END, reference_markdown

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs/modding.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(yaml[^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
BLOCKS = [(m.group(1).split(), m.group(2), DOC.count("\n", 0, m.start()) + 1) for m in BLOCK.finditer(DOC)]


@pytest.fixture(autouse=True)
def _map_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOSCOW41_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "map-cache"))


def deep_merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = deep_merge(base[k], v) if k in base else v
        return out
    return over


def files_of(tmp: Path) -> list[Path]:
    written = []
    for info, text, _line in BLOCKS:
        name = next((i.split("=", 1)[1] for i in info if i.startswith("file=")), None)
        if name:
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def test_the_docs_have_examples_of_every_kind() -> None:
    kinds = {" ".join(i for i in info if not i.startswith("file=")) for info, _, _ in BLOCKS}
    assert {"yaml", "yaml fragment", "yaml ruleset"} <= kinds
    assert sum(1 for info, _, _ in BLOCKS if info == ["yaml", "fragment"]) >= 8


@pytest.mark.parametrize("index", [i for i, (info, _, _) in enumerate(BLOCKS) if info == ["yaml"]])
def test_complete_examples_validate(tmp_path: Path, index: int) -> None:
    _info, text, line = BLOCKS[index]
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_scenario(path)
    assert result.problems == [], f"docs/modding.md:{line}: " + "; ".join(map(str, result.problems))


def _walkthrough() -> dict:
    full = [yaml.safe_load(t) for info, t, _ in BLOCKS if info == ["yaml"]]
    return next(d for d in full if d.get("id") == "kalinin")


@pytest.mark.parametrize("index", [i for i, (info, _, _) in enumerate(BLOCKS) if info == ["yaml", "fragment"]])
def test_fragments_validate_inside_the_walkthrough_scenario(tmp_path: Path, index: int) -> None:
    _info, text, line = BLOCKS[index]
    merged = deep_merge(_walkthrough(), yaml.safe_load(text))
    path = tmp_path / "kalinin.yaml"
    path.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = check_scenario(path)
    assert result.errors == [], f"docs/modding.md:{line}: " + "; ".join(map(str, result.errors))


def test_file_examples_compose_and_validate(tmp_path: Path) -> None:
    (tmp_path / "rulesets").mkdir()
    shutil.copy(ROOT / "scenarios/rulesets/standard.yaml", tmp_path / "rulesets/standard.yaml")
    written = files_of(tmp_path)
    scenarios = [p for p in written if "format_version" in p.read_text() or "extends:" in p.read_text()]
    scenarios = [p for p in scenarios if p.parent == tmp_path]
    assert {p.name for p in scenarios} == {"kalinin_small.yaml", "kalinin_variant.yaml"}
    for path in scenarios:
        result = check_scenario(path)
        assert result.problems == [], "; ".join(map(str, result.problems))
    variant = check_scenario(tmp_path / "kalinin_variant.yaml").spec
    units = {u.id: (u, variant.placements[i]) for i, u in enumerate(variant.units)}
    assert units["sov_5rd"][1] == variant.places["mednoye"].index and units["sov_5rd"][0].steps == 2
    assert list(units) == ["sov_5rd", "ger_36mot", "sov_256rd"] and variant.turns == 6
    ruleset = tmp_path / "rulesets/hard_winter.yaml"
    assert check_ruleset_file(ruleset) == []
    text = (tmp_path / "kalinin_small.yaml").read_text().replace("ruleset: standard", "ruleset: hard_winter")
    (tmp_path / "kalinin_small.yaml").write_text(text)
    spec = check_scenario(tmp_path / "kalinin_small.yaml").spec
    assert spec is not None and spec.ruleset.id == "hard_winter"
    assert spec.ruleset.weather.temperatures["cold"].unwinterized.attack_pct == 90


def test_key_reference_is_generated_from_the_schema() -> None:
    start, end = DOC.index(BEGIN), DOC.index(END) + len(END)
    assert DOC[start:end] + "\n" == reference_markdown(), "run: moscow41 schema --update-docs docs/modding.md"


def test_every_trigger_condition_and_action_is_documented() -> None:
    from game.rules.scenario_data import Action, Condition

    section = DOC[DOC.index("## 4. Trigger conditions and actions") : DOC.index("## 5.")]
    for name in [*Condition.model_fields, *Action.model_fields]:
        assert f"| `{name}` |" in section, name
        assert re.search(rf"\{{{name}: ", section) or f"{{{name}:" in section, f"no example of {name}"
