"""The scenarios the title screen offers, and finding the scenario of a record."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from game.errors import UserError
from game.paths import SCENARIO_DIR
from game.record import GameRecord
from game.spec import ScenarioSpec


@dataclass
class ScenarioEntry:
    """One scenario: its file, and (once loaded) the spec or the problems that stop it loading."""

    id: str
    title: str
    path: Path | None
    spec: ScenarioSpec | None = None
    problems: list[str] = field(default_factory=list)
    loaded: bool = True

    @property
    def ok(self) -> bool:
        return self.spec is not None


def load_spec(path: str | Path, use_cache: bool = True) -> ScenarioSpec:
    """Load a scenario file (raises ``ScenarioError`` listing every problem, or ``UserError``)."""
    from game.scenario import load_scenario

    return load_scenario(path, use_cache=use_cache)


_TOP_KEY = re.compile(r"^(id|title):\s*(.+?)\s*$")


def _peek(path: Path) -> tuple[str, str]:
    """(id, title) from a scenario file's top-level lines, without parsing it all (fast listing)."""
    found: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                m = _TOP_KEY.match(line)
                if m and m.group(1) not in found:
                    found[m.group(1)] = m.group(2).strip("'\"")
                if len(found) == 2:
                    break
    except OSError:
        pass
    return found.get("id", path.stem), found.get("title", path.stem)


class Catalog:
    """Shipped scenarios (``scenarios/*.yaml``) plus any specs handed in directly (tests, tools).

    Listing is instant (ids and titles are read from the files' first lines); each scenario is
    loaded and validated on first use, or in the background with ``load_in_background``.
    """

    def __init__(self, directory: Path = SCENARIO_DIR, extra: list[ScenarioSpec] | None = None) -> None:
        self.directory = directory
        self.extra = list(extra or [])
        self._entries: list[ScenarioEntry] | None = None
        self._lock = threading.Lock()

    def entries(self) -> list[ScenarioEntry]:
        """Every scenario; entries of files not loaded yet have ``loaded`` False."""
        if self._entries is None:
            out = [ScenarioEntry(s.id, s.title, None, s) for s in self.extra]
            for path in sorted(self.directory.glob("*.yaml")) if self.directory.is_dir() else []:
                sid, title = _peek(path)
                out.append(ScenarioEntry(sid, title, path, None, loaded=False))
            self._entries = out
        return self._entries

    def load(self, entry: ScenarioEntry) -> ScenarioEntry:
        """Load and validate one entry's file (once); broken files keep their problems."""
        with self._lock:
            if entry.loaded or entry.path is None:
                return entry
            try:
                spec = load_spec(entry.path)
            except UserError as exc:
                entry.problems = str(exc).splitlines()
            except Exception as exc:  # noqa: BLE001 - a broken file must not stop the title screen
                entry.problems = [f"{type(exc).__name__}: {exc}"]
            else:
                entry.spec, entry.id, entry.title = spec, spec.id, spec.title
            entry.loaded = True
            return entry

    def load_in_background(self) -> threading.Thread:
        """Load every entry in a daemon thread (the title screen shows them as they arrive)."""
        def work() -> None:
            for e in list(self.entries()):
                self.load(e)

        t = threading.Thread(target=work, name="moscow41-scenarios", daemon=True)
        t.start()
        return t

    def find(self, name: str) -> ScenarioSpec:
        """A scenario by id, file name or path; raises ``UserError`` (or ``ScenarioError``)."""
        for e in self.entries():
            if e.id == name or (e.path is not None and e.path.stem == name):
                self.load(e)
                if e.spec is not None:
                    return e.spec
        from game.paths import find_scenario_file

        return load_spec(find_scenario_file(name))

    def for_record(self, record: GameRecord) -> ScenarioSpec:
        """The scenario a record was made with (same id and content hash preferred), with its options."""
        want = base_hash(record.scenario_hash)
        spec = None
        for e in self.entries():
            if e.id == record.scenario_id:
                self.load(e)
                if e.spec is not None and e.spec.content_hash == want:
                    spec = e.spec
                    break
        if spec is None and record.scenario_path and Path(record.scenario_path).is_file():
            spec = load_spec(record.scenario_path)
        if spec is None:
            spec = self.find(record.scenario_id)
        return with_options(spec, record.options)

VARIABLE_SUFFIX = "+variable-weather"


def _plain_weather(spec: ScenarioSpec) -> object:
    """The scenario's weather section as plain data (the loader stores a validated model)."""
    w = (spec.rules_data or {}).get("weather")
    return w.model_dump() if hasattr(w, "model_dump") else w


def weather_modes(spec: ScenarioSpec) -> tuple[str, ...]:
    """The weather modes a scenario supports ('historical' needs a calendar, 'variable' a monthly table)."""
    w = _plain_weather(spec)
    if not isinstance(w, dict):
        return ("historical",)
    modes = []
    if w.get("calendar"):
        modes.append("historical")
    if w.get("monthly"):
        modes.append("variable")
    return tuple(modes) or ("historical",)


def with_options(spec: ScenarioSpec, options: dict) -> ScenarioSpec:
    """The scenario as the game options ask for it (variable weather swaps the calendar for the monthly table).

    The content hash records the option, so a save replays only under the same choice.
    """
    import dataclasses

    want = options.get("weather")
    w = _plain_weather(spec)
    if want not in ("historical", "variable") or not isinstance(w, dict) or want not in weather_modes(spec):
        return spec
    if w.get("mode", "historical") == want:
        return spec
    rules_data = dict(spec.rules_data)
    rules_data["weather"] = {**w, "mode": want}
    suffix = VARIABLE_SUFFIX if want == "variable" else "+historical-weather"
    return dataclasses.replace(spec, rules_data=rules_data, content_hash=spec.content_hash + suffix)


def base_hash(record_hash: str) -> str:
    for suffix in (VARIABLE_SUFFIX, "+historical-weather"):
        if record_hash.endswith(suffix):
            return record_hash.removesuffix(suffix)
    return record_hash
