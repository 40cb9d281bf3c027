"""Mutated scenario files: the loader answers with its own error, never a traceback."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import ScenarioError, check_scenario, load_scenario

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = (ROOT / "scenarios/tutorial.yaml").read_text(encoding="utf-8")
MAP = (ROOT / "scenarios/maps/mozhaisk.yaml").read_text(encoding="utf-8")

TOKENS = [
    "", "0", "-1", "1e9", "null", "~", "true", "[]", "{}", "[1, 2]", "'0712'", "0712", "9999", "1941-02-30",
    "x: y", "- a", ": ", "{", "]", "'", '"', "&a", "*a", "!!python/object:os.system", "!!binary AA==", "<<: *a",
    "\t", "é", "\\u0000", "include: ../x.yaml", "extends: tutorial.yaml", "at: Moscow", "type: panzer",
]


@pytest.fixture(autouse=True, scope="module")
def _map_cache(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - generator fixture
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MOSCOW41_CACHE_DIR", str(tmp_path_factory.mktemp("map-cache")))
        yield


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "token", "indent", "truncate", "chars"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "token":
            line = lines[i]
            cut = draw(st.integers(0, len(line)))
            end = draw(st.integers(cut, len(line)))
            lines[i] = line[:cut] + draw(st.sampled_from(TOKENS)) + line[end:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
        elif op == "truncate":
            lines = lines[:i]
        else:
            lines[i] = draw(st.text(max_size=12)) + lines[i][draw(st.integers(0, len(lines[i]))) :]
    return "\n".join(lines) + "\n"


def _check(scenario_text: str, map_text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "maps").mkdir()
        (folder / "maps/mozhaisk.yaml").write_text(map_text, encoding="utf-8", errors="surrogatepass")
        path = folder / "tutorial.yaml"
        path.write_text(scenario_text, encoding="utf-8", errors="surrogatepass")
        result = check_scenario(path)  # must not raise
        assert (result.spec is None) == bool(result.errors)
        for p in result.problems:
            assert p.mark is None or p.mark.line >= 1
            assert str(p)
        try:
            load_scenario(path)
        except ScenarioError as exc:
            assert exc.errors and str(exc)


FUZZ = settings(
    max_examples=int(os.environ.get("MOSCOW41_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


@FUZZ
@given(mutated(SCENARIO))
def test_mutated_scenarios_only_raise_the_loaders_error(text: str) -> None:
    _check(text, MAP)


@FUZZ
@given(mutated(MAP))
def test_mutated_maps_only_raise_the_loaders_error(text: str) -> None:
    _check(SCENARIO, text)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_only_raise_the_loaders_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.yaml"
        path.write_bytes(data)
        result = check_scenario(path)
        assert result.spec is None and result.errors
