"""Loading a scenario: YAML with positions → validated, cross-checked ScenarioSpec.

``load_scenario(path)`` returns a :class:`~game.spec.ScenarioSpec` or raises
one :class:`~game.scenario.errors.ScenarioError` listing every problem found,
each at its file, line and column. ``check_scenario(path)`` returns the spec
(or None) together with all problems, warnings included.
"""

from __future__ import annotations

import functools
import hashlib
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from game.paths import SCENARIO_DIR
from game.ruleset import Ruleset
from game.scenario.compose import COMPOSE_KEYS, Composer, display_name, merge
from game.scenario.crossref import RefContext
from game.scenario.errors import Mark, Problem, ScenarioError, did_you_mean
from game.scenario.geography import Projector, inside_polygon
from game.scenario.history import build_track
from game.scenario.locator import Locator
from game.scenario.mapbuild import CompiledMap, Note, compile_map
from game.scenario.schema import FORMAT_VERSION, ScenarioCore, UnitEntry
from game.scenario.sections import sections
from game.scenario.validation import fmt, strip, validate
from game.scenario.yamlpos import LMap, LSeq, mark_at, plain
from game.spec import ScenarioSpec, SideSpec
from game.units import UnitDef

SHIPPED_RULESETS = SCENARIO_DIR / "rulesets"


@dataclass
class FieldSpec:
    """How one top-level key validates."""

    vtype: Any
    ref_type: Any
    required: bool
    description: str


@functools.cache
def top_fields() -> dict[str, FieldSpec]:
    """Every top-level scenario key: the core's and the rules' sections."""
    out: dict[str, FieldSpec] = {}
    for name, f in ScenarioCore.model_fields.items():
        ann = f.annotation
        ref_type = typing.Annotated[ann, *f.metadata] if f.metadata else ann
        out[name] = FieldSpec(typing.Annotated[ann, f], ref_type, f.is_required(), f.description or "")
    for key, ann in sections().items():
        out[key] = FieldSpec(ann, ann, False, "")
    return out


@dataclass
class LoadResult:
    """The outcome of checking a scenario."""

    spec: ScenarioSpec | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that are only warnings."""
        return [p for p in self.problems if not p.is_error]


def load_scenario(path: str | Path, *, use_cache: bool = True) -> ScenarioSpec:
    """Load, validate and compile a scenario file; raises ScenarioError listing every problem."""
    result = check_scenario(path, use_cache=use_cache)
    if result.errors or result.spec is None:
        raise ScenarioError(result.problems)
    return result.spec


@dataclass
class _Run:
    path: Path
    data: Any
    problems: list[Problem] = field(default_factory=list)
    plain: Any = None

    def note(self, n: Note, data: Any = None) -> None:
        src = self.data if data is None else data
        self.problems.append(
            Problem(mark_at(src, n.path, key=n.at_key), _join(n.path), n.message, n.fix, n.severity)  # type: ignore[arg-type]
        )

    def add(self, path: tuple, message: str, fix: str, severity: str = "error", key: bool = False) -> None:
        self.note(Note(path, message, fix, severity, key))


def _join(path: tuple) -> str:
    from game.scenario.errors import join_path

    return join_path(path)


def check_scenario(path: str | Path, *, use_cache: bool = True) -> LoadResult:
    """Validate a scenario completely; returns the spec (None if there are errors) and all problems."""
    path = Path(path)
    composer = Composer(path.resolve().parent)
    data = composer.load(path)
    run = _Run(path, data, list(composer.problems))
    if data is None:
        return LoadResult(None, run.problems)
    if not isinstance(data, LMap):
        run.problems.append(
            Problem(
                getattr(data, "mark", None) or Mark(display_name(path), 1, 1),
                "(document)",
                "a scenario must be a mapping of keys such as 'id:', 'title:', 'map:'",
                "start from 'moscow41 new-scenario NAME'",
            )
        )
        return LoadResult(None, run.problems)

    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        newer = version > FORMAT_VERSION
        run.add(
            ("format_version",),
            f"this file is written in scenario format {version}, this engine reads format {FORMAT_VERSION}",
            "update Moscow '41 to read it" if newer else f"convert the file to format {FORMAT_VERSION}",
        )
        return LoadResult(None, run.problems)
    fields = top_fields()
    parts: dict[str, Any] = {}
    broken = {p[0] for p in composer.broken if p}  # keys whose included files could not be read
    typos = set()
    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            fix = did_you_mean(key, [*fields, *COMPOSE_KEYS], "keys")
            run.add((key,), f"unknown key '{key}'", fix, key=True)
            if fix.startswith("did you mean '"):
                typos.add(fix.split("'")[1])
            continue
        if key in broken:
            parts[key] = None
            continue
        parts[key] = _validate_key(run, key, value, spec)
    top = data.mark or Mark(display_name(path), 1, 1)
    for key, spec in fields.items():
        if spec.required and key not in data and key not in typos:
            hint = f" ({spec.description})" if spec.description else ""
            run.problems.append(
                Problem(top, key, f"the key '{key}' is missing", f"add '{key}:' at the top level{hint}")
            )

    ruleset, ruleset_plain = None, None
    if isinstance(parts.get("ruleset"), BaseModel):
        ruleset, ruleset_plain = _load_ruleset(run, composer.root, path)
    ctx = _context(data, parts, ruleset)
    compiled: CompiledMap | None = None
    mdef = parts.get("map")
    if mdef is not None:
        ctx.projector = Projector.from_projection(mdef.projection)
        before = len(ctx.notes)
        ctx.check(mdef, fields["map"].ref_type, ("map",))
        map_ok = len(ctx.notes) == before
        for n in ctx.notes[before:]:
            run.note(n)
        del ctx.notes[before:]
        if map_ok and ruleset is not None:
            run.plain = plain(data)
            compiled = compile_map(mdef, run.plain["map"], ruleset.tables, use_cache=use_cache)
            for n in compiled.notes:
                run.note(n)
            ctx.locator = Locator(compiled.hexmap, compiled.projector, compiled.places)

    for key, obj in parts.items():
        if key == "map" or obj is None:
            continue
        tp = fields[key].ref_type
        if isinstance(obj, _Items):
            item_tp = typing.get_args(strip(tp))[0]
            for i, item in obj.items:
                ctx.check(item, item_tp, (key, i))
        else:
            ctx.check(obj, tp, (key,))
    for n in ctx.notes:
        run.note(n)
    _duplicates(run, data)
    _unit_checks(run, parts, ruleset)
    _operation_checks(run, parts)

    if any(p.is_error for p in run.problems) or compiled is None or ruleset is None:
        return LoadResult(None, run.problems)
    spec = _build_spec(run, data, parts, ruleset, ruleset_plain, compiled, ctx)
    return LoadResult(spec, run.problems)


class _Items:
    """The valid items of a list-valued key (invalid ones were reported)."""

    def __init__(self, items: list[tuple[int, Any]]) -> None:
        self.items = items

    def values(self) -> list[Any]:
        return [v for _, v in self.items]


def _validate_key(run: _Run, key: str, value: Any, spec: FieldSpec) -> Any:
    base = strip(spec.vtype)
    if typing.get_origin(base) is list and isinstance(value, LSeq):
        whole, probs = validate(spec.vtype, value, run.data, (key,), spec.description)
        if whole is not None:
            return _Items(list(enumerate(whole)))
        run.problems.extend(probs)  # the list's own errors (length) and its items' errors, reported once
        (item_tp,) = typing.get_args(base)
        items = []
        for i, item in enumerate(value):  # keep the valid items, so their references are still checked
            obj, _ = validate(item_tp, item, run.data, (key, i))
            if obj is not None:
                items.append((i, obj))
        return _Items(items)
    obj, probs = validate(spec.vtype, value, run.data, (key,), spec.description)
    run.problems.extend(probs)
    return obj


def _context(data: LMap, parts: dict[str, Any], ruleset: Ruleset | None) -> RefContext:
    def ids(key: str) -> list[str] | None:
        raw = data.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            return None
        return [x["id"] for x in raw if isinstance(x, dict) and isinstance(x.get("id"), str)]

    ctx = RefContext(units=ids("units"), sides=ids("sides"), events=ids("triggers"))
    if ruleset is not None:
        rs = ruleset.tables
        ctx.unit_types = list(ruleset.unit_types)
        ctx.terrain = rs.terrain_names
        ctx.hexsides = rs.hexside_names
        ctx.roads = rs.road_names[1:]
        ctx.grounds = rs.grounds
        weather = getattr(ruleset, "weather", None)
        if weather is not None:
            ctx.weather_types = list(weather.types)
            ctx.temperatures = list(weather.temperatures)
    if isinstance(parts.get("turns"), int):
        ctx.turns = parts["turns"]
    if parts.get("start") is not None:
        ctx.start = parts["start"]
    if isinstance(parts.get("days_per_turn"), int):
        ctx.days_per_turn = parts["days_per_turn"]
    return ctx


def _load_ruleset(run: _Run, root: Path, scenario_path: Path) -> tuple[Ruleset | None, Any]:
    use = run.data["ruleset"]
    raw_use = use if isinstance(use, str) else use.get("use")
    override = None if isinstance(use, str) else use.get("override")
    where = ("ruleset",) if isinstance(use, str) else ("ruleset", "use")
    file, rroot = _find_ruleset(run, str(raw_use), root, scenario_path, where)
    if file is None:
        return None, None
    composer = Composer(rroot)
    rdata = composer.load(file)
    run.problems.extend(composer.problems)
    if rdata is None:
        return None, None
    if isinstance(override, LMap) and override:
        for path, value in _leaves(override, ()):
            base = _get(rdata, path)
            if base is not _MISSING and base == value and type(base) is type(value):
                run.add(
                    ("ruleset", "override", *path),
                    f"{_join(path)} is already {fmt(value)} in the ruleset, so this override has no effect",
                    "remove it, or set a different value",
                    "warning",
                )
        rdata = merge(rdata, override, run.problems, ("ruleset", "override"))
    rs = validate_ruleset_data(run.problems, rdata)
    if rs is None:
        return None, None
    from game.rules.citations import RuleSources, sources_from_located

    rs.__dict__["sources"] = RuleSources(sources_from_located(rdata))  # cite the files the numbers came from
    return rs, plain(rdata)


_MISSING = object()


def _leaves(data: Any, path: tuple) -> list[tuple[tuple, Any]]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, (*path, k))]
    return [(path, data)]


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return _MISSING
        data = data[part]
    return data


def validate_ruleset_data(problems: list[Problem], rdata: Any) -> Ruleset | None:
    """Validate located ruleset data; appends problems, returns the Ruleset or None."""
    if not isinstance(rdata, LMap):
        problems.append(
            Problem(
                getattr(rdata, "mark", None),
                "(ruleset)",
                "a ruleset must be a mapping of sections",
                "see scenarios/rulesets/standard.yaml",
            )
        )
        return None
    before = len(problems)
    for key in rdata:
        if key not in Ruleset.model_fields:
            problems.append(
                Problem(
                    mark_at(rdata, (key,), key=True),
                    key,
                    f"unknown ruleset section '{key}'",
                    did_you_mean(key, Ruleset.model_fields, "sections"),
                )
            )
    rs, probs = validate(Ruleset, rdata, rdata, ())
    problems.extend(probs)
    if rs is None or len(problems) > before:
        return None
    try:
        tables = rs.tables
    except ValueError as exc:
        message, _, fix = str(exc).partition(" (")
        problems.append(Problem(rdata.mark, "(ruleset)", message, fix.rstrip(")") or "complete the ruleset"))
        return None
    unknown_classes = [
        (n, t.movement_class) for n, t in rs.unit_types.items() if t.movement_class not in tables.classes
    ]
    for name, cls in unknown_classes:
        problems.append(
            Problem(
                mark_at(rdata, ("unit_types", name, "movement_class")),
                f"unit_types.{name}.movement_class",
                f"unknown movement class {cls!r}",
                did_you_mean(cls, tables.classes, "movement classes"),
            )
        )
    return None if unknown_classes else rs


def _find_ruleset(run: _Run, use: str, root: Path, scenario_path: Path, where: tuple) -> tuple[Path | None, Path]:
    if use.endswith((".yaml", ".yml")) or "/" in use:
        target = (scenario_path.resolve().parent / use).resolve()
        if root.resolve() not in target.parents:
            run.add(
                where,
                f"{use!r} points outside the scenario folder",
                "keep the ruleset inside the scenario's folder, or name a shipped one such as 'standard'",
            )
            return None, root
        if not target.is_file():
            run.add(where, f"the ruleset file {use!r} does not exist", "check the path (relative to this file)")
            return None, root
        return target, root
    dirs = [root / "rulesets", SHIPPED_RULESETS]
    for d in dirs:
        f = d / f"{use}.yaml"
        if f.is_file():
            return f, d
    names = {p.stem for d in dirs if d.is_dir() for p in d.glob("*.yaml")}
    run.add(where, f"unknown ruleset {use!r}", did_you_mean(use, names, "rulesets"))
    return None, root


def _duplicates(run: _Run, data: LMap) -> None:
    for key, what in (("units", "unit id"), ("sides", "side id"), ("triggers", "trigger id")):
        raw = data.get(key)
        if not isinstance(raw, list):
            continue
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            uid = item["id"]
            if uid in seen:
                first = mark_at(data, (key, seen[uid], "id"))
                run.add(
                    (key, i, "id"),
                    f"duplicate {what} {uid!r} (first used at line {first.line if first else '?'})",
                    f"give every entry under '{key}' its own id",
                )
            else:
                seen[uid] = i


def _arriving_units(parts: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for r in _values(parts.get("reinforcements")):
        out.update(r.units)
    for t in _values(parts.get("triggers")):
        for a in t.then:
            if a.reinforce is not None:
                out.update(a.reinforce.units)
    return out


def _values(obj: Any) -> list[Any]:
    if obj is None:
        return []
    if isinstance(obj, _Items):
        return obj.values()
    return list(obj)


_OVERRIDABLE = ("steps", "movement", "attack_per_step", "defence_per_step", "exerts_zoc", "size")


def _unit_checks(run: _Run, parts: dict[str, Any], ruleset: Ruleset | None) -> None:
    units = parts.get("units")
    if not isinstance(units, _Items):
        return
    arriving = _arriving_units(parts)
    rs_types = ruleset.unit_types if ruleset is not None else None
    for i, u in units.items:
        if u.at is None and u.id not in arriving:
            run.add(
                ("units", i, "id"),
                f"unit {u.id!r} has no 'at' and never arrives, so it never enters play",
                "give it a starting 'at:' or list it under 'reinforcements'",
                "warning",
            )
        if u.at is not None and u.id in arriving:
            run.add(
                ("units", i, "at"),
                f"unit {u.id!r} starts on the map and also arrives as a reinforcement",
                "remove its 'at:' (it will enter when it arrives) or take it out of the reinforcements",
            )
        if rs_types is not None and u.type in rs_types:
            ut = rs_types[u.type]
            for name in _OVERRIDABLE:
                value = getattr(u, name)
                if value is not None and value == getattr(ut, name):
                    run.add(
                        ("units", i, name),
                        f"{name}: {fmt(value)} is the same as the {u.type} default, so it has no effect",
                        "remove the key, or set a different value",
                        "warning",
                        key=True,
                    )


def _operation_checks(run: _Run, parts: dict[str, Any]) -> None:
    """Every unit of an AI operation must belong to the side whose AI runs it."""
    ai, units = parts.get("ai"), parts.get("units")
    if not isinstance(ai, dict) or not isinstance(units, _Items):
        return
    side_of = {u.id: u.side for u in units.values()}
    for side, tuning in ai.items():
        for i, op in enumerate(tuning.operations):
            for k, uid in enumerate(op.units):
                other = side_of.get(uid)
                if other is not None and other != side:
                    run.add(
                        ("ai", side, "operations", i, "units", k),
                        f"unit {uid!r} is a {other} unit: a {side} operation cannot use it",
                        f"list only {side} units in the operations of ai.{side}",
                    )


def _build_spec(
    run: _Run,
    data: LMap,
    parts: dict[str, Any],
    ruleset: Ruleset,
    ruleset_plain: Any,
    compiled: CompiledMap,
    ctx: RefContext,
) -> ScenarioSpec:
    sides = parts["sides"].values()
    side_ids = [s.id for s in sides]
    unit_defs: list[UnitDef] = []
    placements: list[int] = []
    for i, u in _items(parts.get("units")):
        unit_defs.append(_unit_def(u, side_ids.index(u.side), ruleset))
        placements.append(ctx.resolved.get(("units", i, "at"), -1) if u.at is not None else -1)
    rules_data: dict[str, Any] = {}
    for key in sections():
        if key in parts and parts[key] is not None:
            obj = parts[key]
            rules_data[key] = obj.values() if isinstance(obj, _Items) else obj
    if parts.get("history") is not None:
        rules_data["history"] = build_track(parts["history"], compiled.projector, side_ids)
    if parts.get("ai") is not None:
        rules_data["ai"] = {side: tuning.model_dump() for side, tuning in parts["ai"].items()}
    control = parts.get("control")
    if control is not None:
        rules_data["initial_control"] = _initial_control(control, side_ids, compiled, ctx)
    digest = hashlib.blake2b(
        json.dumps(
            {"scenario": run.plain if run.plain is not None else plain(data), "ruleset": ruleset_plain},
            sort_keys=True,
            default=str,
            separators=(",", ":"),
        ).encode(),
        digest_size=16,
    ).hexdigest()
    return ScenarioSpec(
        id=parts["id"],
        title=parts["title"],
        sides=(
            SideSpec(sides[0].id, sides[0].name, sides[0].color),
            SideSpec(sides[1].id, sides[1].name, sides[1].color),
        ),
        map=compiled.hexmap,
        ruleset=ruleset,
        units=tuple(unit_defs),
        placements=tuple(placements),
        start_date=parts["start"],
        days_per_turn=parts["days_per_turn"],
        turns=parts["turns"],
        first_side=side_ids.index(parts["first_side"]),
        content_hash=digest,
        source_path=str(run.path),
        description=parts.get("description") or "",
        briefings=dict(parts.get("briefings") or {}),
        designer_notes=parts.get("designer_notes") or "",
        rules_data=rules_data,
        locator=ctx.locator,
        places=compiled.places,
        history=parts.get("history"),
        projection=compiled.projector,
        warnings=tuple(str(p) for p in run.problems if not p.is_error),
    )


def _items(obj: Any) -> list[tuple[int, Any]]:
    return obj.items if isinstance(obj, _Items) else []


def _unit_def(u: UnitEntry, side: int, ruleset: Ruleset) -> UnitDef:
    ut = ruleset.unit_types[u.type]

    def pick(name: str) -> Any:
        value = getattr(u, name)
        return getattr(ut, name) if value is None else value

    return UnitDef(
        id=u.id,
        side=side,
        name=u.name,
        unit_type=u.type,
        symbol=ut.symbol,
        movement_class=ut.movement_class,
        steps=pick("steps"),
        attack_per_step=pick("attack_per_step"),
        defence_per_step=pick("defence_per_step"),
        movement=pick("movement"),
        exerts_zoc=pick("exerts_zoc"),
        size=pick("size"),
        commander=u.commander,
        notes=u.notes,
        quality=u.quality,
        winterized=u.winterized,
        tags=tuple(u.tags),
    )


def _initial_control(control: Any, side_ids: list[str], compiled: CompiledMap, ctx: RefContext) -> np.ndarray:
    def code(side: str) -> int:
        return -1 if side == "none" else side_ids.index(side)

    out = np.full(compiled.hexmap.size, code(control.default), np.int8)
    cx, cy = compiled.projector.centres_km
    for k, area in enumerate(control.areas):
        if area.outline is not None:
            px, py = compiled.projector.to_km(
                np.array([p[0] for p in area.outline]), np.array([p[1] for p in area.outline])
            )
            out[inside_polygon(cx, cy, px, py)] = code(area.side)
        else:
            for j in range(len(area.hexes or [])):
                idx = ctx.resolved.get(("control", "areas", k, "hexes", j))
                if idx is not None:
                    out[idx] = code(area.side)
    return out


def check_ruleset_file(path: str | Path) -> list[Problem]:
    """Every problem of a ruleset file on its own (its folder is the root for 'extends')."""
    path = Path(path)
    composer = Composer(path.resolve().parent)
    data = composer.load(path)
    problems = list(composer.problems)
    if data is not None:
        validate_ruleset_data(problems, data)
    return problems


def map_of_file(path: str | Path, ruleset: str = "standard") -> Any:
    """The compiled HexMap of a map file on its own, or None if it has errors."""
    out: list[Any] = []
    problems = check_map_file(path, ruleset, compiled=out)
    return out[0] if out and not any(p.is_error for p in problems) else None


def check_map_file(
    path: str | Path, ruleset: str = "standard", use_cache: bool = True, compiled: list[Any] | None = None
) -> list[Problem]:
    """Every problem of a map file on its own (the file a scenario includes under 'map:').

    Type names (terrain, rivers, roads) are checked against ``ruleset``. The
    compiled HexMap is appended to ``compiled`` when given.
    """
    path = Path(path)
    composer = Composer(path.resolve().parent)
    data = composer.load(path)
    run = _Run(path, data, list(composer.problems))
    if data is None:
        return run.problems
    from game.scenario.schema import MapDef

    mdef, probs = validate(MapDef, data, data, ())
    run.problems.extend(probs)
    rs_file = next(
        (
            d / f"{ruleset}.yaml"
            for d in (path.parent / "rulesets", SHIPPED_RULESETS)
            if (d / f"{ruleset}.yaml").is_file()
        ),
        None,
    )
    if mdef is None or rs_file is None:
        if rs_file is None:
            run.problems.append(
                Problem(
                    Mark(display_name(path), 1, 1),
                    "(map)",
                    f"unknown ruleset {ruleset!r}",
                    "name a ruleset in scenarios/rulesets/",
                )
            )
        return run.problems
    rcomposer = Composer(rs_file.parent)
    rdata = rcomposer.load(rs_file)
    rs = validate_ruleset_data(run.problems, rdata) if rdata is not None else None
    if rs is None:
        return run.problems
    ctx = _context(LMap(), {}, rs)
    ctx.projector = Projector.from_projection(mdef.projection)
    ctx.check(mdef, MapDef, ())
    for n in ctx.notes:
        run.note(n)
    if not ctx.notes:
        cmap = compile_map(mdef, plain(data), rs.tables, use_cache=use_cache)
        if compiled is not None:
            compiled.append(cmap.hexmap)
        for n in cmap.notes:
            run.note(Note(n.path[1:], n.message, n.fix, n.severity, n.at_key))  # paths are relative to the map
    return run.problems
