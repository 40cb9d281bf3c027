"""Composition of YAML documents: ``extends:`` and ``include:``.

* ``extends: base.yaml`` (top level only) — start from another document and
  override parts of it.
* ``include: file.yaml`` or ``include: [a.yaml, b.yaml]`` — at any mapping
  level, merge the content of other files into this mapping. A mapping whose
  only key is ``include`` and whose files hold lists becomes the concatenated
  list (handy for orders of battle).

Merging is deep: mappings merge key by key, the including document wins; lists
of mappings that all carry an ``id`` merge item by item on that id (a new id is
appended, ``{id: X, remove: true}`` deletes X); any other value is replaced. Paths are relative to the file that
names them and must stay inside the root folder (the top file's folder).
Cycles are reported with the chain of files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.scenario.errors import Mark, Problem, join_path
from game.scenario.yamlpos import LMap, LSeq, read_file

COMPOSE_KEYS = ("extends", "include")


def display_name(path: Path) -> str:
    """A short name for messages: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class Composer:
    """Reads a document and everything it extends or includes."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    broken: list[tuple] = field(default_factory=list)
    """Document paths (in the file that names them) whose includes could not be read."""
    _cache: dict[Path, Any] = field(default_factory=dict)

    def load(self, path: Path, stack: tuple[Path, ...] = (), allow_extends: bool = True) -> Any:
        """Located data of ``path`` with its extends/includes resolved (None on failure)."""
        path = path.resolve()
        if path in self._cache:
            return self._cache[path]
        data, problems, _text = read_file(path, display_name(path))
        self.problems.extend(problems)
        if path not in self.files:
            self.files.append(path)
        if data is None:
            self._cache[path] = None
            return None
        stack = (*stack, path)
        base = None
        if isinstance(data, LMap) and "extends" in data:
            ref = data.pop("extends")
            km = data.key_marks.get("extends")
            vm = data.value_marks.get("extends", km)
            if not allow_extends:
                self._add(
                    km,
                    "extends",
                    "'extends' is only allowed at the top of a scenario or ruleset",
                    "use 'include:' to merge a shared file here",
                )
            elif not isinstance(ref, str):
                self._add(
                    vm,
                    "extends",
                    "'extends' must be one file name",
                    "write 'extends: other.yaml' (a path relative to this file)",
                )
            else:
                target = self._target(path, ref, vm, "extends", stack)
                if target is not None:
                    base = self.load(target, stack)
        data = self._resolve_all(data, path, stack)
        if base is not None and data is not None:
            data = merge(base, data, self.problems)
        self._cache[path] = data
        return data

    def _add(self, mark: Mark | None, where: str, message: str, fix: str) -> None:
        self.problems.append(Problem(mark, where, message, fix))

    def _target(self, here: Path, ref: str, mark: Mark | None, where: str, stack: tuple[Path, ...]) -> Path | None:
        target = (here.parent / ref).resolve()
        root = self.root.resolve()
        if not (target == root or root in target.parents):
            self._add(
                mark,
                where,
                f"{ref!r} points outside the scenario folder {display_name(root)}",
                "keep shared files inside the scenario's folder (for example maps/ or oob/ next to it)",
            )
            return None
        if not target.is_file():
            siblings = [p.name for p in target.parent.glob("*.y*ml")] if target.parent.is_dir() else []
            from game.scenario.errors import did_you_mean

            hint = did_you_mean(target.name, siblings, "files") if siblings else "check the path"
            self._add(mark, where, f"the file {ref!r} does not exist", hint)
            return None
        if target in stack:
            chain = " → ".join(p.name for p in (*stack[stack.index(target) :], target))
            self._add(mark, where, f"{where} cycle: {chain}", "remove one of the references so no file includes itself")
            return None
        return target

    def _resolve_all(self, data: Any, here: Path, stack: tuple[Path, ...]) -> Any:
        """Resolve every 'include:' of one file's data, deepest first (the parser noted where they are)."""
        for path in sorted(getattr(data, "include_paths", ()), key=len, reverse=True):
            if not path:
                data = self._resolve_includes(data, here, stack, ())
                continue
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = self._resolve_includes(parent[path[-1]], here, stack, path)
        return data

    def _resolve_includes(self, data: Any, here: Path, stack: tuple[Path, ...], path: tuple) -> Any:
        """Merge the files named by the 'include' key of the mapping ``data`` (found at ``path``)."""
        if not isinstance(data, LMap) or "include" not in data:
            return data
        refs = data.pop("include")
        where = join_path((*path, "include"))
        km = data.key_marks.get("include")
        vm = data.value_marks.get("include", km)
        names: list[tuple[str, Mark | None]] = []
        if isinstance(refs, str):
            names = [(refs, vm)]
        elif isinstance(refs, LSeq) and all(isinstance(r, str) for r in refs):
            names = [(r, refs.mark_of(i)) for i, r in enumerate(refs)]
        else:
            self._add(
                vm,
                where,
                "'include' must be a file name or a list of file names",
                "write 'include: maps/area.yaml' or 'include: [a.yaml, b.yaml]'",
            )
            return data
        parts = []
        for ref, mark in names:
            target = self._target(here, ref, mark, where, stack)
            part = None if target is None else self.load(target, stack, allow_extends=False)
            if part is None:
                self.broken.append(path)
                continue
            parts.append((part, mark, ref))
        only_include = len(data) == 0
        if only_include and parts and all(isinstance(p, LSeq) for p, _, _ in parts):
            out = LSeq(mark=data.mark)
            for p, _, _ in parts:
                for i, item in enumerate(p):
                    out.add(item, p.mark_of(i))
            return out
        merged: Any = LMap(mark=data.mark)
        for part, mark, ref in parts:
            if not isinstance(part, LMap):
                self._add(
                    mark,
                    where,
                    f"{ref!r} holds a list, but it is included into a mapping",
                    "include list files alone: 'units: {include: file.yaml}'",
                )
                continue
            merged = merge(merged, part, self.problems, path)
        return merge(merged, data, self.problems, path)


def _id_list(seq: Any) -> bool:
    return isinstance(seq, LSeq) and len(seq) > 0 and all(isinstance(x, LMap) and "id" in x for x in seq)


def merge(base: Any, over: Any, problems: list[Problem] | None = None, path: tuple = ()) -> Any:
    """Deep merge of located data; ``over`` wins (see module docs).

    In lists merged by id, an entry ``{id: X, remove: true}`` deletes entry X;
    misuse is reported into ``problems`` when given.
    """
    if isinstance(base, LMap) and isinstance(over, LMap):
        out = base.copy()
        out.mark = over.mark or base.mark
        for key, value in over.items():
            new = merge(base[key], value, problems, (*path, key)) if key in base else value
            out.set(key, new, over.key_marks.get(key), over.value_marks.get(key))
        return out
    if _id_list(base) and _id_list(over):
        out = LSeq(mark=over.mark)
        index: dict[Any, int] = {}
        removed: set[int] = set()
        for i, item in enumerate(base):
            index[item["id"]] = len(out)
            out.add(item, base.mark_of(i))
        for i, item in enumerate(over):
            where = join_path((*path, i))
            if item.get("remove") is True:
                if set(item) != {"id", "remove"}:
                    _report(
                        problems,
                        over.mark_of(i),
                        where,
                        "an entry with 'remove: true' takes only its id",
                        "write {id: ..., remove: true} alone, and change other entries separately",
                    )
                if item["id"] in index:
                    removed.add(index[item["id"]])
                else:
                    _report(
                        problems,
                        over.mark_of(i),
                        where,
                        f"there is no entry {item['id']!r} to remove",
                        "check the id against the file this one extends or includes",
                    )
                continue
            if item["id"] in index:
                k = index[item["id"]]
                out[k] = merge(out[k], item, problems, (*path, i))
                out.item_marks[k] = over.mark_of(i)
            else:
                index[item["id"]] = len(out)
                out.add(item, over.mark_of(i))
        if removed:
            kept = LSeq(mark=out.mark)
            for k, item in enumerate(out):
                if k not in removed:
                    kept.add(item, out.item_marks[k])
            out = kept
        return out
    return over


def _report(problems: list[Problem] | None, mark: Mark | None, where: str, message: str, fix: str) -> None:
    if problems is not None:
        problems.append(Problem(mark, where, message, fix))
