"""YAML reading that remembers where every value came from.

Files are parsed with PyYAML's *safe* composer (the C one when available) and
turned into plain Python data whose mappings and sequences are the subclasses
:class:`LMap` and :class:`LSeq`. They behave like ``dict`` and ``list`` but
carry the :class:`~game.scenario.errors.Mark` of each key and value, so any
later check can point at ``file:line:column``. Nothing is ever constructed
from a tag: a YAML file is data, never code.

Two deliberate departures from YAML 1.1, both for modders: duplicate keys are
errors (YAML silently keeps the last one), and plain scalars with a leading
zero such as ``0712`` stay strings (YAML 1.1 would read an octal number, but
in a scenario they are hex labels).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from game.scenario import limits, parsecache
from game.scenario.errors import Mark, Problem

try:  # the C composer is much faster and just as safe
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader

_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
"""Plain-scalar text → resolved tag; scenario files repeat the same words and numbers a lot."""


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with a memo of implicit tag resolution (a pure function of the text)."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """The implicit tag of a node, memoised for short plain scalars."""
        if kind is yaml.ScalarNode and len(value) < 64:
            key = (value, implicit)
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < 50_000:
                    _RESOLVED[key] = tag
            return tag
        return super().resolve(kind, value, implicit)


_STR_TAG = "tag:yaml.org,2002:str"

_LEADING_ZERO = re.compile(r"^0\d+$")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


class LMap(dict):
    """A mapping that knows the position of itself, its keys and its values."""

    mark: Mark | None
    key_marks: dict[Any, Mark]
    value_marks: dict[Any, Mark]

    def __init__(self, *args: Any, mark: Mark | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.mark = mark
        self.key_marks = {}
        self.value_marks = {}

    def set(self, key: Any, value: Any, key_mark: Mark | None, value_mark: Mark | None) -> None:
        """Store ``value`` under ``key`` with both positions."""
        self[key] = value
        if key_mark is not None:
            self.key_marks[key] = key_mark
        if value_mark is not None:
            self.value_marks[key] = value_mark

    def copy(self) -> LMap:  # type: ignore[override]
        """A shallow copy with the positions."""
        out = LMap(self, mark=self.mark)
        out.key_marks = dict(self.key_marks)
        out.value_marks = dict(self.value_marks)
        return out


class LSeq(list):
    """A sequence that knows the position of itself and of each item."""

    mark: Mark | None
    item_marks: list[Mark | None]

    def __init__(self, *args: Any, mark: Mark | None = None) -> None:
        super().__init__(*args)
        self.mark = mark
        self.item_marks = []

    def add(self, value: Any, mark: Mark | None) -> None:
        """Append ``value`` with its position."""
        self.append(value)
        self.item_marks.append(mark)

    def mark_of(self, i: int) -> Mark | None:
        """Position of item ``i`` (the list's own position if unknown)."""
        if 0 <= i < len(self.item_marks):
            return self.item_marks[i]
        return self.mark


def _mark(file: str, node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(file, m.line + 1, m.column + 1)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.include_paths: list[tuple] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: tuple) -> Any:
        """Located data of a composed node."""
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            seq = LSeq(mark=_mark(self.file, node))
            for i, item in enumerate(node.value):
                seq.add(self.build(item, (*path, i)), _mark(self.file, item))
            return seq
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        if not node.style and _LEADING_ZERO.match(node.value):  # plain style: None (Python) or '' (C)
            return node.value
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 - any constructor failure; fuzzing found KeyError (!!bool x),
            # IndexError (!!int ''), AttributeError (!!timestamp x) besides the ValueError family
            # e.g. 1941-13-02 looks like a date but is none: keep the text and let the schema say what it expects
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> LMap:
        from game.scenario.errors import join_path

        out = LMap(mark=_mark(self.file, node))
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(
                        _mark(self.file, knode),
                        join_path(path),
                        "YAML merge keys ('<<') are not supported",
                        "use 'extends:' or 'include:' to share parts between files",
                    )
                )
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        _mark(self.file, knode),
                        join_path(path),
                        "a key must be a plain name, not a list or mapping",
                        "write the key as a single word or quoted string",
                    )
                )
                continue
            key = self._scalar(knode, path)
            if isinstance(key, bool) or key is None:
                # 'yes'/'no'/'on'/'off'/'~' as keys are almost always a YAML 1.1 surprise
                key = knode.value
            if not isinstance(key, str):
                key = str(knode.value)
            if key in out:
                first = out.key_marks.get(key)
                self.problems.append(
                    Problem(
                        _mark(self.file, knode),
                        join_path((*path, key)),
                        f"duplicate key {key!r} (first given at line {first.line if first else '?'})",
                        "remove one of the two entries; YAML would silently keep only the last",
                    )
                )
                continue
            if key == "include":
                self.include_paths.append(path)
            out.set(key, self.build(vnode, (*path, key)), _mark(self.file, knode), _mark(self.file, vnode))
        return out


def _tab_problems(text: str, file: str) -> list[Problem]:
    problems = []
    for m in _TAB_INDENT.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.end() - m.start()
        problems.append(
            Problem(
                Mark(file, line, col),
                "(indentation)",
                "a tab character is used for indentation",
                "YAML allows only spaces for indentation: replace the tab with spaces",
            )
        )
    return problems


def parse_text(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into located data; returns (data or None, problems)."""
    problems = limits.check_text(text, file) or _tab_problems(text, file)
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the pure-Python composer on absurd nesting
        return None, [
            Problem(
                Mark(file, 1, 1),
                "(document)",
                "values are nested too deeply",
                "flatten the structure; scenarios need only a few levels",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(file, mark.line + 1, mark.column + 1) if mark else Mark(file, 1, 1)
        what = (exc.problem or "invalid YAML").strip()
        if exc.context:
            what = f"{exc.context.strip()}, {what}"
        return None, [
            Problem(
                where,
                "(syntax)",
                f"YAML syntax error: {what}",
                "check the indentation, colons and quotes on this line and the one before",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(Mark(file, 1, 1), "(syntax)", f"YAML error: {exc}", "fix the YAML syntax")]
    if node is None:
        return None, [
            Problem(
                Mark(file, 1, 1),
                "(document)",
                "the file is empty",
                "start from 'moscow41 new-scenario NAME' or the examples in docs/modding.md",
            )
        ]
    problems = limits.check_tree(node, file)  # bombs, self-references, huge numbers, control characters
    if problems:
        return None, problems
    builder = _Builder(file)
    data = builder.build(node, ())
    if isinstance(data, (LMap, LSeq)):
        data.include_paths = builder.include_paths  # where 'include:' keys are, for the composer
    return data, builder.problems


def read_file(path: Path, display: str | None = None) -> tuple[Any, list[Problem], str]:
    """Read and parse a YAML file; returns (data, problems, raw text)."""
    name = display or str(path)
    raw, problems = limits.read_limited(path, name)  # regular files of bounded size only
    if raw is None:
        return None, problems, ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return (
            None,
            [
                Problem(
                    Mark(name, line, 1),
                    "(file)",
                    "the file is not valid UTF-8 text",
                    "save the file with UTF-8 encoding",
                )
            ],
            "",
        )
    cached = parsecache.load(raw, name)
    if cached is not None:
        return cached, [], text
    data, problems = parse_text(text, name)
    if data is not None and not problems:
        parsecache.store(raw, data)
    return data, problems, text


# --- finding positions ---------------------------------------------------------


def walk(data: Any, path: Sequence[Any]) -> Iterator[tuple[Any, Mark | None, Mark | None]]:
    """Yield (node, key mark, value mark) along ``path`` as far as it exists."""
    node = data
    for part in path:
        if isinstance(node, LMap) and part in node:
            km, vm = node.key_marks.get(part), node.value_marks.get(part)
            node = node[part]
            yield node, km, vm
        elif isinstance(node, LSeq) and isinstance(part, int) and 0 <= part < len(node):
            m = node.mark_of(part)
            node = node[part]
            yield node, m, m
        else:
            return


def mark_at(data: Any, path: Sequence[Any], key: bool = False) -> Mark | None:
    """Best position for ``path``: the deepest existing node's value (or key) mark."""
    best = getattr(data, "mark", None)
    for _node, km, vm in walk(data, path):
        m = km if key else vm
        best = m or best
    return best


def plain(data: Any) -> Any:
    """Located data converted back to plain dicts and lists (for hashing, JSON)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
