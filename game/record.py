"""Game records: scenario id + content hash + seed + orders + chance outcomes.

A record is written as readable JSON. It holds, per turn, a float-free state
checksum plus each unit's hex and steps, so replay can report the first
divergence with a readable diff. Saves are records written atomically.

Reading is defensive: a record may come from another player (hot-seat,
play-by-email), so size, nesting, numbers and text are bounded and every
problem is a ``RecordError`` naming the file, the place and the fix.

Format versions (``header.format_version``; older ones are migrated on load):

* **1** (current): ``{"header": {format, format_version, scenario_id,
  scenario_path, scenario_hash, seed, engine_version, created, options},
  "setup_chance": [[kind, n, value], ...], "steps": [{order, chance, turn,
  side, checksum}], "turns": [{turn, step, checksum, unit_hex, unit_steps}],
  "final_checksum"}``.
* **0** (the prototype's flat layout, before the header existed):
  ``{"format": "moscow41-record", "version": 0, "scenario": id,
  "scenario_hash", "seed", "engine", "setup_chance", "orders": [{"o": text,
  "t": turn, "s": side, "c": [[kind, n, value], ...]}], "marks": [{"turn",
  "after": steps applied, "checksum", "units": [[hex, steps], ...]}],
  "final"}`` — no per-step checksums, no creation date, no options.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from game import __version__

RECORD_FORMAT = "moscow41-record"
RECORD_FORMAT_VERSION = 2
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 12
"""A record is at most a few levels deep; anything deeper is hostile or damaged."""
MAX_OPTION_BYTES = 16 * 1024
MAX_INT = 2**63 - 1

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 except tab/newline, DEL, C1) and bidirectional overrides: never in record text."""


def _no_control(text: str) -> str:
    m = _CONTROL.search(text)
    if m:
        raise ValueError(f"contains the control character U+{ord(m.group()):04X} at position {m.start()}")
    return text


SafeStr = Annotated[str, AfterValidator(_no_control)]
Outcome = tuple[Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_no_control)],
                Annotated[int, Field(ge=1, le=2**31)], Annotated[int, Field(ge=0, le=2**31)]]


class RecordError(Exception):
    """A record or save that cannot be used; the message names the file and the fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StepModel(_Strict):
    order: SafeStr = Field(min_length=1, max_length=500)
    chance: list[Outcome] = Field(default_factory=list, max_length=10_000)
    turn: int = Field(ge=1, le=100_000)
    side: int = Field(ge=0, le=1)
    checksum: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")


class TurnModel(_Strict):
    turn: int = Field(ge=1, le=100_000)
    step: int = Field(ge=0, le=100_000_000, description="number of steps applied before the turn began")
    checksum: str = Field(pattern=r"^[0-9a-f]{32}$")
    unit_hex: list[Annotated[int, Field(ge=-1, le=100_000_000)]]
    unit_steps: list[Annotated[int, Field(ge=-128, le=127)]]


class HeaderModel(_Strict):
    format: SafeStr = Field(max_length=100)
    format_version: int = Field(ge=1, le=1_000_000)
    scenario_id: SafeStr = Field(min_length=1, max_length=200)
    scenario_path: SafeStr | None = Field(default=None, max_length=1000)
    scenario_hash: SafeStr = Field(min_length=1, max_length=200)
    seed: int = Field(ge=0, le=MAX_INT)
    engine_version: SafeStr = Field(max_length=100)
    created: SafeStr = Field(max_length=100)
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("options")
    @classmethod
    def _small_options(cls, v: dict[str, Any]) -> dict[str, Any]:
        try:
            text = json.dumps(v, allow_nan=False)
        except (ValueError, TypeError, RecursionError):
            raise ValueError("options must be plain JSON values") from None
        if len(text) > MAX_OPTION_BYTES:
            raise ValueError(f"options take {len(text)} bytes (limit {MAX_OPTION_BYTES})")
        _no_control(text)
        return v


class RecordModel(_Strict):
    header: HeaderModel
    setup_chance: list[Outcome] = Field(default_factory=list, max_length=10_000)
    steps: list[StepModel] = Field(default_factory=list)
    turns: list[TurnModel] = Field(default_factory=list)
    final_checksum: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")


@dataclass
class TurnMark:
    """The state at the start of a turn, as recorded."""

    turn: int
    step: int
    checksum: str
    unit_hex: list[int]
    unit_steps: list[int]


@dataclass
class RecordStep:
    """One applied order and the chance outcomes it drew."""

    order: str
    chance: list[tuple[str, int, int]]
    turn: int
    side: int
    checksum: str | None = None
    """``step_checksum`` of the step: the state after it, its order and its draws, so that any
    edit of the step (even a die roll that happens to change nothing) is caught at that step."""


def step_checksum(state_checksum: str, order: str, chance: list[tuple[str, int, int]]) -> str:
    """Seal of one step: the state checksum after it, bound to the order text and the outcomes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(state_checksum.encode())
    h.update(b"\x00" + order.encode())
    for kind, n, value in chance:
        h.update(f"\x00{kind}:{int(n)}:{int(value)}".encode())
    return h.hexdigest()


@dataclass
class GameRecord:
    """Everything needed to reproduce a game exactly."""

    scenario_id: str
    scenario_hash: str
    seed: int
    scenario_path: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    engine_version: str = __version__
    created: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    setup_chance: list[tuple[str, int, int]] = field(default_factory=list)
    steps: list[RecordStep] = field(default_factory=list)
    turns: list[TurnMark] = field(default_factory=list)
    final_checksum: str | None = None
    format_version: int = RECORD_FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "header": {
                "format": RECORD_FORMAT,
                "format_version": self.format_version,
                "scenario_id": self.scenario_id,
                "scenario_path": self.scenario_path,
                "scenario_hash": self.scenario_hash,
                "seed": self.seed,
                "engine_version": self.engine_version,
                "created": self.created,
                "options": self.options,
            },
            "setup_chance": [list(c) for c in self.setup_chance],
            "steps": [
                {"order": s.order, "chance": [list(c) for c in s.chance], "turn": s.turn, "side": s.side,
                 "checksum": s.checksum}
                for s in self.steps
            ],
            "turns": [
                {"turn": t.turn, "step": t.step, "checksum": t.checksum, "unit_hex": t.unit_hex,
                 "unit_steps": t.unit_steps}
                for t in self.turns
            ],
            "final_checksum": self.final_checksum,
        }

    def to_json(self) -> str:
        """The record as JSON text (one step per line, for readable diffs)."""
        return record_json(self.to_dict())

    @classmethod
    def from_dict(cls, data: Any, source: str = "record") -> GameRecord:
        """Validate plain data into a record; raises ``RecordError`` with the field path."""
        _check_depth(data, source)
        data = migrate(data, source)
        try:
            model = RecordModel.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
            raise RecordError(
                f"{source}: {where}: {first['msg']}{more} — the file is damaged or was edited by hand; "
                "use an intact copy or an autosave"
            ) from None
        h = model.header
        if h.format != RECORD_FORMAT:
            raise RecordError(f"{source}: this is not a Moscow '41 record (format {h.format!r})")
        return cls(
            scenario_id=h.scenario_id,
            scenario_hash=h.scenario_hash,
            seed=h.seed,
            scenario_path=h.scenario_path,
            options=h.options,
            engine_version=h.engine_version,
            created=h.created,
            setup_chance=[tuple(c) for c in model.setup_chance],
            steps=[RecordStep(s.order, [tuple(c) for c in s.chance], s.turn, s.side, s.checksum)
                   for s in model.steps],
            turns=[TurnMark(t.turn, t.step, t.checksum, t.unit_hex, t.unit_steps) for t in model.turns],
            final_checksum=model.final_checksum,
            format_version=RECORD_FORMAT_VERSION,
        )

    def copy(self) -> GameRecord:
        """An independent copy."""
        return GameRecord.from_dict(json.loads(self.to_json()))


def record_json(data: dict[str, Any]) -> str:
    """A record's dict as JSON text: the header indented, then one step and one turn mark per line."""
    data = dict(data)
    steps = data.pop("steps")
    turns = data.pop("turns")
    head = json.dumps(data, indent=1)[:-2]
    lines = [head + ","]
    lines.append(' "steps": [')
    lines.append(",\n".join("  " + json.dumps(s) for s in steps))
    lines.append(" ],")
    lines.append(' "turns": [')
    lines.append(",\n".join("  " + json.dumps(t) for t in turns))
    lines.append(" ]\n}\n")
    return "\n".join(lines)


def _check_depth(data: Any, source: str) -> None:
    """Refuse data nested deeper than any record is (iteratively: no recursion to exhaust)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise RecordError(f"{source}: the data is nested more than {MAX_JSON_DEPTH} levels deep — "
                              "this is not a Moscow '41 record")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def _format_version(data: dict[str, Any]) -> Any:
    if isinstance(data.get("header"), dict):
        return data["header"].get("format_version")
    if data.get("format") == RECORD_FORMAT and "version" in data:
        return data["version"]
    return None


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """The prototype's flat layout (see the module docs) into format 1."""

    def need(obj: dict[str, Any], key: str, where: str) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            raise RecordError(f"{where}: the format-0 record has no {key!r}")
        return obj[key]

    orders = need(data, "orders", "record")
    marks = data.get("marks", [])
    if not isinstance(orders, list) or not isinstance(marks, list):
        raise RecordError("record: 'orders' and 'marks' must be lists in a format-0 record")
    steps = [{"order": need(o, "o", f"orders[{k}]"), "chance": o.get("c", []), "turn": need(o, "t", f"orders[{k}]"),
              "side": need(o, "s", f"orders[{k}]"), "checksum": None} for k, o in enumerate(orders)]
    turns = []
    for k, m in enumerate(marks):
        units = need(m, "units", f"marks[{k}]")
        if not isinstance(units, list) or not all(isinstance(u, list) and len(u) == 2 for u in units):
            raise RecordError(f"marks[{k}].units: expected [hex, steps] pairs")
        turns.append({"turn": need(m, "turn", f"marks[{k}]"), "step": need(m, "after", f"marks[{k}]"),
                      "checksum": need(m, "checksum", f"marks[{k}]"),
                      "unit_hex": [u[0] for u in units], "unit_steps": [u[1] for u in units]})
    return {
        "header": {
            "format": RECORD_FORMAT, "format_version": 1,
            "scenario_id": need(data, "scenario", "record"), "scenario_path": data.get("scenario_path"),
            "scenario_hash": need(data, "scenario_hash", "record"), "seed": need(data, "seed", "record"),
            "engine_version": str(data.get("engine", "0")), "created": "unknown (format 0)", "options": {},
        },
        "setup_chance": data.get("setup_chance", []),
        "steps": steps,
        "turns": turns,
        "final_checksum": data.get("final"),
    }


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept the bare state checksum per step; format 2 seals it with the step's order and draws.

    The seal needs nothing but the step itself, so old records convert exactly. Malformed steps are
    left as they are for validation to report.
    """
    steps = data.get("steps")
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict):
            continue
        checksum, order, chance = step.get("checksum"), step.get("order"), step.get("chance", [])
        well_formed = isinstance(chance, list) and all(
            isinstance(c, list) and len(c) == 3 and isinstance(c[0], str)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in c[1:]) for c in chance
        )
        if isinstance(checksum, str) and isinstance(order, str) and well_formed:
            step["checksum"] = step_checksum(checksum, order, [tuple(c) for c in chance])
    header = data.get("header")
    if isinstance(header, dict):
        header["format_version"] = 2
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""format version -> function returning the data in the next version."""


def migrate(data: Any, source: str) -> Any:
    """Bring an older record format up to the current one, one version at a time."""
    if not isinstance(data, dict):
        raise RecordError(f"{source}: not a Moscow '41 record (no header) — open a .m41.json save or record")
    version = _format_version(data)
    if version is None:
        raise RecordError(f"{source}: not a Moscow '41 record (no header) — open a .m41.json save or record")
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordError(f"{source}: header.format_version must be a whole number, not {version!r}")
    if version > RECORD_FORMAT_VERSION:
        raise RecordError(
            f"{source}: record format {version} is newer than this game understands "
            f"({RECORD_FORMAT_VERSION}); update Moscow '41"
        )
    while version < RECORD_FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise RecordError(f"{source}: record format {version} is too old to read (oldest readable: "
                              f"{min(MIGRATIONS, default=RECORD_FORMAT_VERSION)})")
        try:
            data = step(data)
        except RecordError as exc:
            raise RecordError(f"{source}: {exc} — the format-{version} record is damaged") from None
        version = _format_version(data)
    return data


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text so the file is either the old or the new content, never half."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_temp_files(folder: str | os.PathLike[str], older_than_s: float = 60.0) -> int:
    """Delete temp files left by saves that were interrupted (crash, power loss); returns how many.

    Only names ``write_atomic`` makes (``.NAME.XXXX.tmp``) older than ``older_than_s`` are touched, so a
    save in progress in another process is left alone. The saves themselves are never affected.
    """
    import time

    removed = 0
    now = time.time()
    for tmp in Path(folder).glob(".*.tmp"):
        try:
            if tmp.is_file() and now - tmp.stat().st_mtime >= older_than_s:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def save_record(record: GameRecord, path: str | os.PathLike[str]) -> None:
    """Write a record atomically (temp file, fsync, rename)."""
    write_atomic(path, record.to_json())


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a record")


def parse_record_text(raw: str | bytes, source: str = "record") -> GameRecord:
    """Parse and validate record text (from a file, a mail or the clipboard); raises ``RecordError``."""
    if len(raw) > MAX_RECORD_BYTES:
        raise RecordError(f"{source}: {len(raw)} bytes is too large for a record (limit {MAX_RECORD_BYTES})")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(
                f"{source}: byte {exc.start} is not UTF-8 text — the file is damaged or not a record") from None
    if not raw.strip():
        raise RecordError(f"{source}: the file is empty — the save was interrupted; use an autosave")
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{source}:{exc.lineno}:{exc.colno}: {exc.msg} — the file is truncated or damaged; "
            "use an intact copy or an autosave"
        ) from None
    except RecursionError:
        raise RecordError(f"{source}: the data is nested too deeply — this is not a Moscow '41 record") from None
    except ValueError as exc:  # numbers with thousands of digits, NaN/Infinity
        raise RecordError(f"{source}: {str(exc).split(';')[0]} — the file is damaged or not a record") from None
    return GameRecord.from_dict(data, source)


def load_record(path: str | os.PathLike[str]) -> GameRecord:
    """Read and validate a record file; raises ``RecordError`` with file, place and fix."""
    p = Path(path)
    try:
        info = p.stat()
    except OSError as exc:
        raise RecordError(f"{p}: cannot open ({exc.strerror}) — check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise RecordError(f"{p}: not a regular file — open a .m41.json save or record")
    if info.st_size > MAX_RECORD_BYTES:
        raise RecordError(f"{p}: {info.st_size} bytes is too large for a record (limit {MAX_RECORD_BYTES})")
    try:
        with open(p, "rb") as fh:
            raw = fh.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise RecordError(f"{p}: cannot read ({exc.strerror}) — check the path") from None
    return parse_record_text(raw, str(p))
