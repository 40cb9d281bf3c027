"""Hostile scenario files are refused with a clear message, in bounded time and memory.

Each case goes through the real loader (``load_scenario``) on a copy of the tutorial scenario or on a
file of its own; the refusal must be a ``ScenarioError`` naming the file (and line where there is one)
within a time and memory budget. Records get the same treatment in test_reliability_records.py.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from game.scenario import ScenarioError, limits, load_scenario
from tests.builders import ROOT

SECONDS = 3.0
PEAK_BYTES = 64 * 1024 * 1024

LAUGHS = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 12))


def refused(path: Path) -> str:
    """The loader's refusal message for ``path``, checked against the time and memory budget."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(ScenarioError) as info:
            load_scenario(path, use_cache=False)
    finally:
        seconds = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert seconds < SECONDS, f"took {seconds:.1f} s"
    assert peak < PEAK_BYTES, f"peak {peak / 1e6:.0f} MB"
    return str(info.value)


@pytest.fixture
def tutorial(tmp_path):
    """A private copy of the tutorial scenario and its map."""
    (tmp_path / "maps").mkdir()
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", tmp_path / "tutorial.yaml")
    shutil.copy(ROOT / "scenarios" / "maps" / "mozhaisk.yaml", tmp_path / "maps" / "mozhaisk.yaml")
    return tmp_path / "tutorial.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_private_copy_loads(tutorial):
    assert load_scenario(tutorial, use_cache=False).id == "tutorial"


def test_billion_laughs(tutorial):
    text = tutorial.read_text(encoding="utf-8")
    tutorial.write_text(text + "\nnotes_bomb:\n" + "".join("  " + line + "\n" for line in LAUGHS.splitlines()))
    msg = refused(tutorial)
    assert "expands to more than" in msg and "aliases" in msg and "tutorial.yaml:" in msg


@pytest.mark.parametrize("doc", ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x [1, [2, [3, *x]]]\n"])
def test_alias_that_contains_itself(tmp_path, doc):
    path = tmp_path / "loop.yaml"
    path.write_text(doc)
    msg = refused(path)
    assert "refers to the structure that contains it" in msg and "loop.yaml:1:" in msg


@pytest.mark.parametrize("doc", [
    "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "a: " + "{b: " * 500 + "1" + "}" * 500 + "\n",
    "a:\n" + "".join(" " * i + "- \n" for i in range(1, 5000)),
])
def test_deep_nesting(tmp_path, doc):
    path = tmp_path / "deep.yaml"
    path.write_text(doc)
    msg = refused(path)
    assert "nest" in msg and "deep.yaml:" in msg


@pytest.mark.parametrize(("value", "words"), [
    ("9" * 5000, "5000 digits"),
    ("123456789012345678901234567890", "30 digits"),
    ("1.0e+999", "not a usable value"),
    (".inf", "not a usable value"),
    ("-.inf", "not a usable value"),
    (".nan", "not a usable value"),
    ("1.0e+300", "not a usable value"),
])
def test_huge_numbers(tutorial, value, words):
    _edit(tutorial, "turns: 6", f"turns: {value}")
    msg = refused(tutorial)
    assert words in msg and f"tutorial.yaml:{_line_of(tutorial, 'turns:')}:8" in msg


def test_enormous_file(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:  # sparse: costs no disk, and must not be read into memory
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    msg = refused(path)
    assert "more than the" in msg and "bytes allowed" in msg


def test_enormous_scalar(tutorial):
    _edit(tutorial, 'author: "Moscow \'41 team"', f'author: "{"x" * (limits.MAX_SCALAR_CHARS + 1)}"')
    assert "characters (limit" in refused(tutorial)


def test_enormous_included_file(tutorial, monkeypatch):
    with open(tutorial.parent / "maps" / "mozhaisk.yaml", "a", encoding="utf-8") as fh:
        fh.write("# padding\n" * 5000)
    assert tutorial.stat().st_size < 20_000
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 20_000)  # the scenario passes, its map does not
    msg = refused(tutorial)
    assert "mozhaisk.yaml:1:1" in msg and "more than the 20,000 bytes allowed" in msg


def test_special_files_are_not_read(tmp_path):
    assert "not a regular file" in refused(tmp_path)  # a folder
    if os.path.exists("/dev/zero"):
        assert "not a regular file" in refused(Path("/dev/zero"))  # would never end
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)  # would block forever


@pytest.mark.parametrize("blob", [b"id: \xff\xfe\x00x\n", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256))])
def test_non_utf8_bytes(tmp_path, blob):
    path = tmp_path / "bytes.yaml"
    path.write_bytes(blob)
    msg = refused(path)
    assert "not valid UTF-8" in msg or "YAML" in msg


@pytest.mark.parametrize("target", ["../outside.yaml", "/etc/hostname", "maps/../../outside.yaml", "link.yaml"])
def test_paths_outside_the_scenario_folder(tutorial, target):
    outside = tutorial.parent.parent / "outside.yaml"
    outside.write_text("width: 3\n")
    (tutorial.parent / "link.yaml").symlink_to(outside)
    _edit(tutorial, "include: maps/mozhaisk.yaml", f"include: {target}")
    msg = refused(tutorial)
    assert "points outside the scenario folder" in msg
    assert f"tutorial.yaml:{_line_of(tutorial, 'include:')}:" in msg


@pytest.mark.parametrize("name", ["10th\\x1b[2J Panzer", "10th\\u202eregnaP", "10th\\0Panzer", "10th\\x85Panzer"])
def test_names_with_control_characters(tutorial, name):
    _edit(tutorial, 'name: "10th Panzer"', f'name: "{name}"')
    msg = refused(tutorial)
    assert re.search(r"control character U\+[0-9A-F]{4}", msg)
    assert f"tutorial.yaml:{_line_of(tutorial, 'ger_10pz')}:" in msg


def test_control_character_in_a_key(tutorial):
    _edit(tutorial, "days_per_turn: 2", '"days\\x07_per_turn": 2')
    assert "U+0007" in refused(tutorial)


def test_ordinary_text_is_not_refused(tutorial):
    _edit(tutorial, 'author: "Moscow \'41 team"', 'author: "Москва — «41»\\tteam\\nline two, ünïcödé, 日本"')
    assert load_scenario(tutorial, use_cache=False).id == "tutorial"
