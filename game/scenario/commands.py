"""Command-line tools for modders: ``validate``, ``schema`` and ``new-scenario``."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from game.errors import UserError
from game.paths import PROJECT_ROOT, SCENARIO_DIR
from game.scenario.errors import Problem, sort_key

SCHEMA_FILE = SCENARIO_DIR / "scenario.schema.json"
"""The shipped JSON Schema; scenario modelines point at it."""


def is_ruleset_file(path: Path) -> bool:
    """True for files that are rulesets rather than scenarios (they live in a 'rulesets' folder)."""
    return path.resolve().parent.name == "rulesets"


def is_map_file(path: Path) -> bool:
    """True for map files (included by scenarios under 'map:'): a 'projection' key and no 'format_version'."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return False
    keys = {line.split(":", 1)[0] for line in head.splitlines() if line[:1].isalpha()}
    return "projection" in keys and "format_version" not in keys and "extends" not in keys


def check_file(path: Path, use_cache: bool = True) -> list[Problem]:
    """Every problem of a scenario, ruleset or map file."""
    if is_ruleset_file(path):
        from game.scenario.loader import check_ruleset_file

        return check_ruleset_file(path)
    if is_map_file(path):
        from game.scenario.loader import check_map_file

        return check_map_file(path, use_cache=use_cache)
    from game.scenario.loader import check_scenario

    return check_scenario(path, use_cache=use_cache).problems


def run_validate(args: argparse.Namespace) -> int:
    """``moscow41 validate FILE...``: print every problem; exit 1 if any file has errors."""
    failed = 0
    out = sys.stdout
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            from game.paths import find_scenario_file

            try:
                path = find_scenario_file(name)  # a shipped scenario id such as 'tutorial'
            except UserError:
                print(f"{name}: no such file", file=out)
                failed += 1
                continue
        problems = sorted(check_file(path, use_cache=not args.no_cache), key=lambda p: (not p.is_error, sort_key(p)))
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        shown = problems if not args.quiet else errors
        for p in shown:
            print(str(p), file=out)
        if args.map and not errors and not is_ruleset_file(path):
            print(_picture(path), file=out, end="")
        bad = bool(errors) or (args.strict and bool(warnings))
        failed += bad
        verdict = "FAILED" if bad else "ok"
        counts = f"{_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}"
        print(f"{name}: {verdict} ({counts})", file=out)
    return 1 if failed else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _picture(path: Path) -> str:
    from game.scenario.preview import map_picture

    if is_map_file(path):
        from game.scenario.loader import map_of_file

        hexmap = map_of_file(path)
    else:
        from game.scenario.loader import load_scenario

        hexmap = load_scenario(path).map
    return map_picture(hexmap) if hexmap is not None else ""


def run_schema(args: argparse.Namespace) -> int:
    """``moscow41 schema``: write the JSON Schema (or the Markdown key reference)."""
    from game.scenario.document import json_schema_text

    if args.update_docs:
        from game.scenario.reference import update_docs

        changed = update_docs(Path(args.update_docs))
        print(f"{args.update_docs}: key reference {'updated' if changed else 'already current'}")
        return 0
    if args.markdown:
        from game.scenario.reference import reference_markdown

        text = reference_markdown()
    else:
        text = json_schema_text()
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).is_file() else ""
        if current != text:
            print(f"{args.check} is out of date; run: moscow41 schema -o {args.check}", file=sys.stderr)
            return 1
        print(f"{args.check} is up to date")
        return 0
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def slug(name: str) -> str:
    """A scenario id from a free-form name: 'My Battle' -> 'my_battle'."""
    text = re.sub(r"[^A-Za-z0-9]+", "_", name.strip()).strip("_").lower()
    if not text:
        raise UserError(f"{name!r} has no letters or digits to make a scenario id from")
    return text


def run_new(args: argparse.Namespace) -> int:
    """``moscow41 new-scenario NAME``: write the starter scenario."""
    from game.scenario.starter import starter_text

    sid = slug(args.name)
    folder = Path(args.dir)
    target = folder / f"{sid}.yaml"
    if target.exists() and not args.force:
        raise UserError(f"{target} already exists; choose another name or pass --force to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    inside = PROJECT_ROOT in folder.resolve().parents or folder.resolve() == PROJECT_ROOT
    schema_ref = os.path.relpath(SCHEMA_FILE, folder.resolve()) if inside else SCHEMA_FILE.as_posix()
    target.write_text(starter_text(sid, args.name, Path(schema_ref).as_posix()), encoding="utf-8")
    print(f"wrote {target}; check it with: moscow41 validate {target}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the modding subcommands to the ``moscow41`` parser."""
    p = sub.add_parser("validate", help="check scenario or ruleset files and report every problem")
    p.add_argument("files", nargs="+", help="scenario files; ruleset (rulesets/*.yaml) and map files work too")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--quiet", action="store_true", help="show errors only")
    p.add_argument("--no-cache", action="store_true", help="rebuild maps instead of using the map cache")
    p.add_argument("--map", action="store_true", help="also print a text picture of the map (terrain, rivers, towns)")
    p.set_defaults(func=run_validate)

    p = sub.add_parser("schema", help="write the JSON Schema of scenario files (for editors)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the current schema")
    p.add_argument("--markdown", action="store_true", help="the key reference of docs/modding.md instead")
    p.add_argument("--update-docs", metavar="MD", help="replace the generated key reference inside this Markdown file")
    p.set_defaults(func=run_schema)

    p = sub.add_parser("new-scenario", help="write a commented starter scenario that validates and plays")
    p.add_argument("name", help="scenario name, e.g. 'Tula 1941' (the id and file name are made from it)")
    p.add_argument("--dir", default=".", help="folder to write NAME.yaml into (default: current folder)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run_new)
