"""Saves in the user's data folder: quick save, autosave, named saves, play-by-email files.

A save is a game record (``game.record``) written atomically. Listing reads
each file's header; a damaged file is listed with its problem, never raised.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from game.record import GameRecord, RecordError, load_record, remove_stale_temp_files, save_record

SUFFIX = ".m41.json"


def data_dir() -> Path:
    """The user's data folder (``MOSCOW41_DATA_DIR`` overrides it, e.g. for tests)."""
    override = os.environ.get("MOSCOW41_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("moscow41", appauthor=False))


def saves_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "saves"


def pbem_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "pbem"


@dataclass
class SaveInfo:
    """One save file as listed in the load menu."""

    path: Path
    name: str
    modified: dt.datetime
    scenario_id: str = ""
    turn: int = 0
    side: int = 0
    steps: int = 0
    finished: bool = False
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    def describe(self, date_of_turn=None) -> str:  # noqa: ANN001 - optional callable
        """One line for the list: scenario, date and turn, or the problem."""
        if self.problem:
            return f"{self.name}: damaged ({self.problem.split(' — ')[0][-80:]})"
        date = ""
        if date_of_turn is not None:
            try:
                date = date_of_turn(self.scenario_id, self.turn)
            except Exception:  # noqa: BLE001 - listing must not fail on an unknown scenario
                date = ""
        when = self.modified.strftime("%d %b %H:%M")
        done = " (finished)" if self.finished else ""
        return f"{self.name} — {self.scenario_id}, turn {self.turn}{f' ({date})' if date else ''}{done} — saved {when}"


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:60] or "save"


def save_path(name: str, base: Path | None = None) -> Path:
    return saves_dir(base) / f"{slug(name)}{SUFFIX}"


def write_save(record: GameRecord, name: str, base: Path | None = None) -> Path:
    """Write a named save; returns its path."""
    path = save_path(name, base)
    save_record(record, path)
    return path


def autosave(record: GameRecord, base: Path | None = None) -> Path:
    """The per-scenario autosave (the previous one is kept as ``-previous``)."""
    path = save_path(f"autosave-{record.scenario_id}", base)
    if path.exists():
        os.replace(path, save_path(f"autosave-{record.scenario_id}-previous", base))
    save_record(record, path)
    return path


def quick_path(base: Path | None = None) -> Path:
    return save_path("quicksave", base)


def info(path: Path) -> SaveInfo:
    """Read a save's header (never raises)."""
    name = path.name.removesuffix(SUFFIX)
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        modified = dt.datetime.now()
    try:
        rec = load_record(path)
    except RecordError as exc:
        return SaveInfo(path, name, modified, problem=str(exc))
    turn = rec.steps[-1].turn if rec.steps else (rec.turns[-1].turn if rec.turns else 1)
    if rec.turns:
        turn = max(turn, rec.turns[-1].turn)
    side = rec.steps[-1].side if rec.steps else 0
    return SaveInfo(path, name, modified, rec.scenario_id, turn, side, len(rec.steps), rec.final_checksum is not None)


def list_saves(base: Path | None = None, include_pbem: bool = True) -> list[SaveInfo]:
    """Every save (and play-by-email file), newest first."""
    dirs = [saves_dir(base)] + ([pbem_dir(base)] if include_pbem else [])
    for d in dirs:
        if d.is_dir():
            remove_stale_temp_files(d)  # leftovers of saves cut short by a crash
    out = [info(p) for d in dirs if d.is_dir() for p in d.glob(f"*{SUFFIX}")]
    out.sort(key=lambda s: s.modified, reverse=True)
    return out


def pbem_export(record: GameRecord, side_name: str, turn: int, base: Path | None = None) -> Path:
    """Write the record for the opponent (play by e-mail); returns the file to send."""
    path = pbem_dir(base) / f"{slug(record.scenario_id)}-turn{turn:02d}-to-{slug(side_name)}{SUFFIX}"
    save_record(record, path)
    return path
