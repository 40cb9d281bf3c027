"""Guards against hostile or broken YAML: every file is refused clearly, in bounded time and memory.

A scenario may come from anyone (a mod download, a play-by-email partner), so
before the located data is built from a composed YAML node graph, these checks
run over the graph itself, without expanding aliases and without recursion:

* file size (and only regular files: no devices, FIFOs or directories);
* nesting depth;
* the number of values the document *expands* to, counting every alias use
  ("billion laughs": nine lines that expand to a billion strings);
* aliases that refer to themselves (a structure containing itself);
* numbers too large for any scenario value (hundreds of digits, 1e999, .inf, .nan);
* text scalars that are enormous or hold control characters or bidirectional
  overrides (which can make a unit name display as something else).

Each problem is a normal ``Problem`` with file:line:column and a fix.
"""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path

import yaml

from game.scenario.errors import Mark, Problem

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest YAML file read (the campaign's biggest map file is well under 1 MB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences (scenarios use fewer than 10 levels)."""
MAX_EXPANDED_NODES = 2_000_000
"""Most values a document may expand to once every alias is followed."""
MAX_SCALAR_CHARS = 200_000
"""Longest single text value."""
MAX_INT_DIGITS = 18
MAX_ABS_NUMBER = 1e15
"""Numbers beyond this are no scenario value (turns, steps, MP, coordinates, seeds are all far smaller)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def _mark(file: str, node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(file, m.line + 1, m.column + 1)


def read_limited(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file no larger than ``MAX_FILE_BYTES``, or a problem saying why not."""
    try:
        info = path.stat()
    except OSError as exc:
        return None, [
            Problem(
                Mark(display, 1, 1), "(file)", f"cannot read the file ({exc.strerror})", "check that the path is right"
            )
        ]
    if not stat.S_ISREG(info.st_mode):
        return None, [
            Problem(
                Mark(display, 1, 1),
                "(file)",
                "this is not a regular file (a folder, device or pipe)",
                "name a .yaml file",
            )
        ]
    if info.st_size > MAX_FILE_BYTES:
        return None, [
            Problem(
                Mark(display, 1, 1),
                "(file)",
                f"the file is {info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} bytes allowed",
                "split it with 'include:' or check that it is the right file",
            )
        ]
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [
            Problem(
                Mark(display, 1, 1), "(file)", f"cannot read the file ({exc.strerror})", "check that the path is right"
            )
        ]
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        return None, [
            Problem(
                Mark(display, 1, 1),
                "(file)",
                f"the file is larger than {MAX_FILE_BYTES:,} bytes",
                "split it with 'include:'",
            )
        ]
    return raw, []


def check_text(text: str, file: str) -> list[Problem]:
    """Checks on the raw text before parsing: size (for text that did not come from a file)."""
    if len(text) > MAX_FILE_BYTES:
        return [
            Problem(
                Mark(file, 1, 1),
                "(file)",
                f"the document is {len(text):,} characters, more than the {MAX_FILE_BYTES:,} allowed",
                "split it with 'include:'",
            )
        ]
    return []


def _scalar_problem(node: yaml.ScalarNode, file: str) -> Problem | None:
    value = node.value
    if len(value) > MAX_SCALAR_CHARS:
        return Problem(
            _mark(file, node),
            "(value)",
            f"a text value of {len(value):,} characters (limit {MAX_SCALAR_CHARS:,})",
            "shorten it or move the data into a list",
        )
    m = _CONTROL.search(value)
    if m:
        code = f"U+{ord(m.group()):04X}"
        return Problem(
            _mark(file, node),
            "(value)",
            f"the text {value[:40]!r} contains the control character {code}",
            "remove it: names and texts may not hold control characters or direction overrides",
        )
    if node.style:  # quoted or block text is a string whatever it looks like
        return None
    if node.tag == _INT_TAG:
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_INT_DIGITS:
            return Problem(
                _mark(file, node),
                "(value)",
                f"the number {value[:24]}... has {digits} digits",
                f"no scenario value needs more than {MAX_INT_DIGITS} digits",
            )
    elif node.tag == _FLOAT_TAG:
        text = value.replace("_", "").lower()
        try:
            number = float(text.replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            return None
        if not math.isfinite(number) or abs(number) > MAX_ABS_NUMBER:
            return Problem(
                _mark(file, node),
                "(value)",
                f"the number {value[:24]} is not a usable value (infinite, not a number, or beyond {MAX_ABS_NUMBER:g})",
                "write an ordinary number",
            )
    return None


def check_tree(root: yaml.Node, file: str) -> list[Problem]:
    """Depth, expansion, self-reference and scalar checks over a composed node graph (no recursion).

    Aliases in a composed graph are shared node objects, so the graph is walked
    once per node (memoised) while the expanded size is summed with every use.
    """
    if isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null":
        # found by fuzzing: a file holding only '~' or 'null' was refused with "0 problems found"
        return [
            Problem(
                _mark(file, root),
                "(document)",
                "the file holds no data (only a null value)",
                "start from 'moscow41 new-scenario NAME' or the examples in docs/modding.md",
            )
        ]
    problems: list[Problem] = []
    size: dict[int, int] = {}  # id(node) -> expanded value count
    depth_of: dict[int, int] = {}  # id(node) -> deepest nesting below it
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    bad_scalars = 0
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size.get(id(c), 1) for c in children)
            depth_of[key] = 1 + max((depth_of.get(id(c), 0) for c in children), default=0)
            if size[key] > MAX_EXPANDED_NODES:
                return [
                    Problem(
                        _mark(file, node),
                        "(document)",
                        f"this part expands to more than {MAX_EXPANDED_NODES:,} values once its aliases "
                        "(*name) are followed",
                        "use fewer aliases; write the values out or use 'include:'",
                    )
                ]
            if depth_of[key] > MAX_DEPTH:
                return [
                    Problem(
                        _mark(file, node),
                        "(document)",
                        f"values are nested more than {MAX_DEPTH} levels deep",
                        "flatten the structure; scenarios need only a few levels",
                    )
                ]
            continue
        if key in size:
            continue
        if key in on_path:
            return [
                Problem(
                    _mark(file, node),
                    "(document)",
                    "an alias (*name) refers to the structure that contains it, so it would never end",
                    "remove the self-reference",
                )
            ]
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1
            depth_of[key] = 0
            problem = _scalar_problem(node, file)
            if problem is not None:
                bad_scalars += 1
                if bad_scalars <= 50:
                    problems.append(problem)
            continue
        on_path.add(key)
        stack.append((node, True))
        if len(on_path) > MAX_DEPTH + 1:
            return [
                Problem(
                    _mark(file, node),
                    "(document)",
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the structure; scenarios need only a few levels",
                )
            ]
        for child in _children(node):
            cid = id(child)
            if cid in on_path:
                return [
                    Problem(
                        _mark(file, child),
                        "(document)",
                        "an alias (*name) refers to the structure that contains it, so it would never end",
                        "remove the self-reference",
                    )
                ]
            if cid not in size:
                stack.append((child, False))
    return problems


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
