"""Game records: scenario id + content hash + seed + orders + chance outcomes.

A record is written as readable JSON. It holds, per turn, a float-free state
checksum plus each unit's hex and steps, so replay can report the first
divergence with a readable diff. Saves are records written atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import __version__

RECORD_FORMAT = "moscow41-record"
RECORD_FORMAT_VERSION = 1
MAX_RECORD_BYTES = 64 * 1024 * 1024


class RecordError(Exception):
    """A record or save that cannot be used; the message names the file and the fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StepModel(_Strict):
    order: str = Field(min_length=1, max_length=500)
    chance: list[tuple[str, int, int]] = Field(default_factory=list)
    turn: int = Field(ge=1)
    side: int = Field(ge=0, le=1)
    checksum: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")


class TurnModel(_Strict):
    turn: int = Field(ge=1)
    step: int = Field(ge=0, description="number of steps applied before the turn began")
    checksum: str = Field(pattern=r"^[0-9a-f]{32}$")
    unit_hex: list[int]
    unit_steps: list[int]


class HeaderModel(_Strict):
    format: str
    format_version: int = Field(ge=1)
    scenario_id: str = Field(min_length=1)
    scenario_path: str | None = None
    scenario_hash: str = Field(min_length=1)
    seed: int = Field(ge=0)
    engine_version: str
    created: str
    options: dict[str, Any] = Field(default_factory=dict)


class RecordModel(_Strict):
    header: HeaderModel
    setup_chance: list[tuple[str, int, int]] = Field(default_factory=list)
    steps: list[StepModel] = Field(default_factory=list)
    turns: list[TurnModel] = Field(default_factory=list)
    final_checksum: str | None = None


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
    """State checksum after the step, so an edited record is caught at the exact step."""


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
        data = self.to_dict()
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

    @classmethod
    def from_dict(cls, data: Any, source: str = "record") -> GameRecord:
        """Validate plain data into a record; raises ``RecordError`` with the field path."""
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


def migrate(data: Any, source: str) -> Any:
    """Bring an older record format up to the current one (no older formats exist yet)."""
    if not isinstance(data, dict) or not isinstance(data.get("header"), dict):
        raise RecordError(f"{source}: not a Moscow '41 record (no header) — open a .m41.json save or record")
    version = data["header"].get("format_version")
    if isinstance(version, int) and version > RECORD_FORMAT_VERSION:
        raise RecordError(
            f"{source}: record format {version} is newer than this game understands "
            f"({RECORD_FORMAT_VERSION}); update Moscow '41"
        )
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


def save_record(record: GameRecord, path: str | os.PathLike[str]) -> None:
    """Write a record atomically (temp file, fsync, rename)."""
    write_atomic(path, record.to_json())


def load_record(path: str | os.PathLike[str]) -> GameRecord:
    """Read and validate a record file; raises ``RecordError`` with file, place and fix."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise RecordError(f"{p}: cannot open ({exc.strerror}) — check the path") from None
    if size > MAX_RECORD_BYTES:
        raise RecordError(f"{p}: {size} bytes is too large for a record (limit {MAX_RECORD_BYTES})")
    try:
        raw = p.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"{p}: byte {exc.start} is not UTF-8 text — the file is damaged or not a record") from None
    if not raw.strip():
        raise RecordError(f"{p}: the file is empty — the save was interrupted; use an autosave")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{p}:{exc.lineno}:{exc.colno}: {exc.msg} — the file is truncated or damaged; "
            "use an intact copy or an autosave"
        ) from None
    return GameRecord.from_dict(data, str(p))
