"""Fuzzing the scenario loader: whatever the file holds, the answer is a spec or a ScenarioError.

Three targets: raw text into the located-YAML parser; YAML-shaped token soup; and the tutorial
scenario with random edits (lines dropped, doubled or cut, tokens inserted, values replaced by
random data) through the whole loader. Crashes found here are fixed and kept as regression cases
(``REGRESSIONS``). ``FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz_scenario.py`` fuzzes longer.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import ScenarioError, load_scenario
from game.scenario.yamlpos import parse_text
from tests.builders import ROOT
from tests.fuzzing import replaced, value_paths

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                derandomize="FUZZ_EXAMPLES" not in os.environ)  # fixed examples in the default run

TOKENS = ["[", "]", "{", "}", ": ", ":", "- ", "-", ", ", "&a ", "*a", "&b ", "*b", "!!python/object:os.system ",
          "!!binary ", "!!set ", "!!omap ", "!!timestamp ", "? ", "| ", "> ", "'", '"', "\n", "  ", "\t", "0712",
          "1e5", "1.0e+999", ".inf", ".nan", "<<: *a", "%YAML 1.1\n", "---\n", "...\n", "#", "~", "yes", "0x1F",
          "2026-13-45", "9" * 30, "\\x1b", "\u202e", "\x00", "\ufeff", "id", "units", "map", "include: ", "extends: ",
          "../", "/etc/passwd", "at", "side", "turns"]


def _parse_ok(text: str) -> None:
    data, problems = parse_text(text, "fuzz.yaml")
    assert data is not None or problems, "refused without saying why"
    for p in problems:
        assert str(p).startswith("fuzz.yaml:")


@FUZZ
@given(st.text(max_size=400))
def test_parser_never_crashes_on_text(text):
    _parse_ok(text)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_parser_never_crashes_on_yaml_soup(tokens):
    _parse_ok("".join(tokens))


# --- the whole loader on a damaged tutorial ---------------------------------------------------

_TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
_MAP = (ROOT / "scenarios" / "maps" / "mozhaisk.yaml").read_text(encoding="utf-8")


def _load_text(text: str, map_text: str = _MAP) -> None:
    """Load ``text`` as a scenario (with the tutorial's map beside it): a spec or a ScenarioError only."""
    with tempfile.TemporaryDirectory(prefix="m41-fuzz-") as tmp:
        folder = Path(tmp)
        (folder / "maps").mkdir()
        (folder / "maps" / "mozhaisk.yaml").write_text(map_text, encoding="utf-8")
        path = folder / "tutorial.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            spec = load_scenario(path, use_cache=False)
        except ScenarioError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)
            return
        assert spec.id and len(spec.units) == len(spec.placements)


edits = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 10_000)),
    st.tuples(st.just("double"), st.integers(0, 10_000)),
    st.tuples(st.just("cut"), st.integers(0, 100_000)),
    st.tuples(st.just("insert"), st.integers(0, 100_000), st.sampled_from(TOKENS)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
)


def _apply(text: str, edit: tuple) -> str:
    lines = text.splitlines(keepends=True)
    kind = edit[0]
    if kind == "drop" and lines:
        del lines[edit[1] % len(lines)]
    elif kind == "double" and lines:
        k = edit[1] % len(lines)
        lines.insert(k, lines[k])
    elif kind == "cut":
        return text[: edit[1] % (len(text) + 1)]
    elif kind == "insert":
        k = edit[1] % (len(text) + 1)
        return text[:k] + edit[2] + text[k:]
    elif kind == "swap" and lines:
        a, b = edit[1] % len(lines), edit[2] % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    return "".join(lines)


@FUZZ
@given(st.lists(edits, min_size=1, max_size=4), st.booleans())
def test_loader_never_crashes_on_damaged_tutorial(edit_list, on_map):
    text, map_text = _TUTORIAL, _MAP
    for e in edit_list:
        if on_map:
            map_text = _apply(map_text, e)
        else:
            text = _apply(text, e)
    _load_text(text, map_text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(["0101", "german", "soviet", "infantry", "Borodino", "1941-10-13"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["id", "side", "type", "at", "name", "turn", "units", "hexes", "place", "dir", "steps", "x"]), inner,
        max_size=4),
    max_leaves=12,
)


_DOC = yaml.safe_load(_TUTORIAL)
_DOC_PATHS = [p for p in value_paths(_DOC) if p]


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(_DOC_PATHS) - 1), json_values), min_size=1, max_size=3))
def test_loader_never_crashes_on_wrong_values(replacements):
    doc = replaced(_DOC, _DOC_PATHS, replacements)
    _load_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


# --- crashes found by the fuzzers, kept as regression cases ----------------------------------

REGRESSIONS = {
    "recursive alias (RecursionError in the located-data builder)": "a: &x [*x]\n",
    "recursive mapping alias": "id: &x\n  k: *x\n",
    "billion laughs (never finished)": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &{'a' * (i + 2)} [" + ", ".join(["*" + "a" * (i + 1)] * 9) + "]\n" for i in range(9)),
    "integer of 5000 digits (was kept as text: the message named the wrong cause)": "turns: " + "9" * 5000 + "\n",
    "a document of only '~' (refused with '0 problems found')": "~\n",
    "a document of only 'null' after a directive": "%YAML 1.1\n---\nnull\n",
}
TAG_REGRESSIONS = {  # explicit tags whose constructors crashed the builder; now the text is kept for the schema
    "!!timestamp with no date (AttributeError)": "a: !!timestamp \n",
    "!!timestamp x (AttributeError)": "a: !!timestamp x\n",
    "!!bool x (KeyError)": "a: !!bool x\n",
    "!!int with no digits (IndexError)": "a: !!int \n",
    "!!float with no digits (IndexError)": "a: !!float ''\n",
}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_fuzz_regressions(name):
    data, problems = parse_text(REGRESSIONS[name], "fuzz.yaml")
    assert data is None and problems


@pytest.mark.parametrize("name", sorted(TAG_REGRESSIONS))
def test_tag_regressions(name):
    data, problems = parse_text(TAG_REGRESSIONS[name], "fuzz.yaml")
    assert problems == [] and isinstance(data["a"], str)


def test_fuzz_regressions_through_the_loader(tmp_path):
    for text in [*REGRESSIONS.values(), *TAG_REGRESSIONS.values()]:
        shutil.rmtree(tmp_path, ignore_errors=True)
        tmp_path.mkdir()
        path = tmp_path / "s.yaml"
        path.write_text(text)
        with pytest.raises(ScenarioError):
            load_scenario(path, use_cache=False)
