"""Live reload for modders: re-validate the scenario files and replay the game under the edit.

No pygame here. ``reload_game`` returns what the screen shows: the problems
(each with file:line:column) when the files do not validate, the first order
that no longer applies when the record does not replay, or a summary of what
changed and a new session continuing the game under the edited scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.errors import UserError
from game.record import TurnMark
from game.replay import ReplayError, iter_replay
from game.session import Session
from game.spec import ScenarioSpec
from game.state import GameState
from game.ui.catalog import Catalog, load_spec


@dataclass
class ReloadOutcome:
    """What a reload found; ``session`` is None when the game goes on unchanged."""

    title: str
    lines: list[str] = field(default_factory=list)
    session: Session | None = None
    error: bool = False


def reload_game(session: Session, catalog: Catalog | None = None) -> ReloadOutcome:
    """Re-read the scenario of ``session`` from disk and replay the game under it."""
    path = session.spec.source_path
    if not path:
        return ReloadOutcome("Nothing to reload", ["This scenario was not loaded from a file."], error=True)
    try:
        spec = load_spec(path, use_cache=False)
    except UserError as exc:
        problems = getattr(exc, "problems", None)
        lines = [str(p) for p in problems] if problems else str(exc).splitlines()
        return ReloadOutcome(f"The scenario has {len(lines)} problem{'s' if len(lines) != 1 else ''} — "
                             "the game goes on unchanged", lines, error=True)
    if catalog is not None:
        catalog._entries = None
    if spec.content_hash == session.spec.content_hash:
        return ReloadOutcome("Scenario reloaded: no changes", ["The scenario files are unchanged."])
    return replay_under(session, spec)


def replay_under(session: Session, spec: ScenarioSpec) -> ReloadOutcome:
    """Replay ``session``'s orders under an edited ``spec``; report the differences."""
    rec = session.record.copy()
    rec.scenario_hash = spec.content_hash
    rec.scenario_path = spec.source_path
    rec.turns = []
    rec.final_checksum = None
    marks: list[TurnMark] = []
    last = None
    try:
        for frame in iter_replay(rec, spec):
            st = frame.state
            if last is None or st.turn != last.state.turn:
                marks.append(TurnMark(st.turn, frame.step, st.checksum(), [int(x) for x in st.units["hex"]],
                                      [int(x) for x in st.units["steps"]]))
            last = frame
    except ReplayError as exc:
        d = exc.divergence
        where = "the setup" if d.step == 0 else f"order {d.step} ({d.order})"
        return ReloadOutcome("The edited scenario does not replay this game", [
            f"First order that no longer applies: {where}", d.reason, *d.diff,
            "The game goes on under the old scenario; fix the file and press Ctrl+R again.",
        ], error=True)
    assert last is not None
    rec.turns = marks
    if last.state.game_over:
        rec.final_checksum = last.state.checksum()
    new = Session.resume(spec, rec)
    lines = describe_changes(session.spec, spec, session.state, new.state)
    return ReloadOutcome(f"Scenario reloaded: {len(rec.steps)} orders replayed", lines, new)


def describe_changes(old_spec: ScenarioSpec, new_spec: ScenarioSpec, old: GameState, new: GameState,
                     limit: int = 30) -> list[str]:
    """Readable differences between the game before and after an edit."""
    out: list[str] = []
    om, nm = old_spec.map, new_spec.map
    if (om.width, om.height) != (nm.width, nm.height):
        out.append(f"map size {om.width}x{om.height} -> {nm.width}x{nm.height}")
    else:
        for name, a, b in (("terrain", om.terrain, nm.terrain), ("river/hexside", om.hexside, nm.hexside),
                           ("road", om.road, nm.road), ("railway", om.rail, nm.rail), ("fortification", om.fort,
                                                                                       nm.fort)):
            changed = np.nonzero(np.any((a != b).reshape(len(a), -1), axis=1))[0]
            if len(changed):
                labels = ", ".join(nm.label_of(int(i)) for i in changed[:8])
                out.append(f"{name} changed in {len(changed)} hexes ({labels}{', ...' if len(changed) > 8 else ''})")
    old_places = {s.name: (s.index, s.victory_points) for s in om.settlements}
    new_places = {s.name: (s.index, s.victory_points) for s in nm.settlements}
    for name in sorted(set(old_places) | set(new_places)):
        if old_places.get(name) != new_places.get(name):
            out.append(f"place {name}: {old_places.get(name)} -> {new_places.get(name)} (hex index, VP)")
    old_ids, new_ids = set(old_spec.unit_index), set(new_spec.unit_index)
    for uid in sorted(new_ids - old_ids):
        out.append(f"unit {uid} added")
    for uid in sorted(old_ids - new_ids):
        out.append(f"unit {uid} removed")
    for uid in sorted(old_ids & new_ids):
        a, b = old_spec.units[old_spec.unit_index[uid]], new_spec.units[new_spec.unit_index[uid]]
        if a != b:
            fields = [f for f in a.__dataclass_fields__ if getattr(a, f) != getattr(b, f)]
            out.append(f"unit {uid}: {', '.join(fields)} edited")
        i, j = old_spec.unit_index[uid], new_spec.unit_index[uid]
        ha, hb = int(old.units["hex"][i]), int(new.units["hex"][j])
        sa, sb = int(old.units["steps"][i]), int(new.units["steps"][j])
        if ha != hb:
            fmt = lambda m, x: m.label_of(x) if 0 <= x < m.size else "off-map"  # noqa: E731
            out.append(f"{uid} now in {fmt(nm, hb)} (was {fmt(om, ha)})")
        if sa != sb:
            out.append(f"{uid} now has {sb} steps (was {sa})")
    if old_spec.ruleset != new_spec.ruleset:
        out.append("ruleset edited")
    if (old_spec.turns, old_spec.start_date) != (new_spec.turns, new_spec.start_date):
        out.append(f"calendar: {old_spec.start_date} x{old_spec.turns} -> {new_spec.start_date} x{new_spec.turns}")
    for name in sorted(set(old.counters) | set(new.counters)):
        if old.counters.get(name) != new.counters.get(name):
            out.append(f"counter {name}: {old.counters.get(name)} -> {new.counters.get(name)}")
    if not out:
        out.append("The edit changes nothing this game has touched so far.")
    return out[:limit] + ([f"... and {len(out) - limit} more"] if len(out) > limit else [])
