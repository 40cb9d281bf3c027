"""The scenarios the title screen offers, and finding the scenario of a record."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.errors import UserError
from game.paths import SCENARIO_DIR
from game.record import GameRecord
from game.spec import ScenarioSpec


@dataclass
class ScenarioEntry:
    """One scenario: its file, and the spec or the problems that stop it loading."""

    id: str
    title: str
    path: Path | None
    spec: ScenarioSpec | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spec is not None


def load_spec(path: str | Path, use_cache: bool = True) -> ScenarioSpec:
    """Load a scenario file (raises ``ScenarioError`` listing every problem, or ``UserError``)."""
    from game.scenario import load_scenario

    return load_scenario(path, use_cache=use_cache)


class Catalog:
    """Shipped scenarios (``scenarios/*.yaml``) plus any specs handed in directly (tests, tools)."""

    def __init__(self, directory: Path = SCENARIO_DIR, extra: list[ScenarioSpec] | None = None) -> None:
        self.directory = directory
        self.extra = list(extra or [])
        self._entries: list[ScenarioEntry] | None = None

    def entries(self) -> list[ScenarioEntry]:
        """Every scenario, loaded once; broken files are listed with their problems."""
        if self._entries is None:
            out = [ScenarioEntry(s.id, s.title, None, s) for s in self.extra]
            for path in sorted(self.directory.glob("*.yaml")) if self.directory.is_dir() else []:
                try:
                    spec = load_spec(path)
                except UserError as exc:
                    out.append(ScenarioEntry(path.stem, path.stem, path, None, str(exc).splitlines()))
                    continue
                except Exception as exc:  # noqa: BLE001 - a broken file must not stop the title screen
                    out.append(ScenarioEntry(path.stem, path.stem, path, None, [f"{type(exc).__name__}: {exc}"]))
                    continue
                out.append(ScenarioEntry(spec.id, spec.title, path, spec))
            self._entries = out
        return self._entries

    def find(self, name: str) -> ScenarioSpec:
        """A scenario by id, file name or path; raises ``UserError``."""
        for e in self.entries():
            if e.spec is not None and (e.id == name or (e.path is not None and e.path.stem == name)):
                return e.spec
        from game.paths import find_scenario_file

        return load_spec(find_scenario_file(name))

    def for_record(self, record: GameRecord) -> ScenarioSpec:
        """The scenario a record was made with: same id and content hash preferred."""
        for s in self.extra:
            if s.id == record.scenario_id and s.content_hash == record.scenario_hash:
                return s
        for e in self.entries():
            if e.spec is not None and e.id == record.scenario_id and e.spec.content_hash == record.scenario_hash:
                return e.spec
        if record.scenario_path and Path(record.scenario_path).is_file():
            return load_spec(record.scenario_path)
        return self.find(record.scenario_id)
