"""Replay: re-apply a record through the same rules and stop at the first divergence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from game import __version__
from game.chance import ChanceDivergence, RecordedChance
from game.events import Event
from game.orders import OrderParseError, parse_order
from game.record import GameRecord, TurnMark, step_checksum
from game.rules.engine import apply_order, check_order
from game.setup import start_game
from game.spec import ScenarioSpec
from game.state import GameState


@dataclass
class Divergence:
    """Where and how a replay left its record."""

    step: int
    order: str
    reason: str
    diff: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = "setup" if self.step == 0 else f"step {self.step} ({self.order!r})"
        lines = [f"replay diverged at {where}: {self.reason}"]
        lines += [f"  {d}" for d in self.diff]
        return "\n".join(lines)


class ReplayError(Exception):
    """A record that does not replay to its own checksums."""

    def __init__(self, divergence: Divergence) -> None:
        self.divergence = divergence
        super().__init__(str(divergence))


@dataclass
class ReplayResult:
    """The replayed state (None if the setup itself diverged) and the first divergence."""

    state: GameState | None
    steps_applied: int
    events: list[Event]
    divergence: Divergence | None = None


@dataclass
class ReplayFrame:
    """The state after one step of a replay (step 0 = after setup)."""

    step: int
    state: GameState
    events: list[Event]


def _mark_diff(state: GameState, mark: TurnMark) -> list[str]:
    out = []
    m = state.spec.map
    if len(mark.unit_hex) != len(state.spec.units):
        return [f"the record has {len(mark.unit_hex)} units, the scenario {len(state.spec.units)}"]
    for i, u in enumerate(state.spec.units):
        h, rh = int(state.units["hex"][i]), mark.unit_hex[i]
        if h != rh:
            fmt = lambda x: m.label_of(x) if 0 <= x < m.size else "off-map"  # noqa: E731
            out.append(f"unit {u.id} hex: recorded {fmt(rh)}, replayed {fmt(h)}")
        s, rs = int(state.units["steps"][i]), mark.unit_steps[i]
        if s != rs:
            out.append(f"unit {u.id} steps: recorded {rs}, replayed {s}")
    return out[:20] or ["units agree; the difference is in supply, control, ground or counters"]


def iter_replay(record: GameRecord, spec: ScenarioSpec) -> Iterator[ReplayFrame]:
    """Yield the state after setup and after every step; raises ``ReplayError`` on divergence.

    A record made by another engine version that diverges says so: that engine's rules or
    movement may have played the same orders differently.
    """
    try:
        yield from _replay_frames(record, spec)
    except ReplayError as exc:
        if record.engine_version == __version__:
            raise
        exc.divergence.reason += (
            f" (the record was made by engine {record.engine_version} and this is {__version__}; "
            "replay it with that version)"
        )
        raise ReplayError(exc.divergence) from None


def _replay_frames(record: GameRecord, spec: ScenarioSpec) -> Iterator[ReplayFrame]:
    if record.scenario_hash != spec.content_hash:
        raise ReplayError(
            Divergence(
                0,
                "",
                f"the record was made with scenario {record.scenario_id!r} hash {record.scenario_hash[:12]}, "
                f"but the scenario and its ruleset now hash to {spec.content_hash[:12]} — one of them was edited "
                "since (or the game's rules changed in an update); restore the originals to replay exactly",
            )
        )
    marks = {t.turn: t for t in record.turns}
    chance = RecordedChance(record.setup_chance, "setup")
    try:
        state, events = start_game(spec, chance)
    except ChanceDivergence as exc:
        raise ReplayError(Divergence(0, "", str(exc))) from None
    if not chance.finished():
        raise ReplayError(Divergence(0, "", "the setup used fewer chance outcomes than recorded"))
    _check_mark(state, marks, 0, "")
    yield ReplayFrame(0, state, events)
    for k, step in enumerate(record.steps, start=1):
        try:
            order = parse_order(step.order)
        except OrderParseError as exc:
            raise ReplayError(Divergence(k, step.order, f"unreadable order: {exc}")) from None
        if (state.turn, state.active_side) != (step.turn, step.side):
            raise ReplayError(
                Divergence(
                    k, step.order,
                    f"recorded for turn {step.turn} side {step.side}, but replay is at turn {state.turn} "
                    f"side {state.active_side}",
                )
            )
        violations = check_order(state, order)
        if violations:
            raise ReplayError(Divergence(k, step.order, "order refused: " + "; ".join(map(str, violations))))
        state = state.clone()
        turn_before = state.turn
        chance = RecordedChance(step.chance, f"step {k}")
        try:
            events = apply_order(state, order, chance)
        except ChanceDivergence as exc:
            raise ReplayError(Divergence(k, step.order, str(exc))) from None
        if not chance.finished():
            raise ReplayError(Divergence(k, step.order, "the order used fewer chance outcomes than recorded"))
        if state.turn != turn_before:
            _check_mark(state, marks, k, step.order)
        if step.checksum is not None and step_checksum(state.checksum(), step.order, step.chance) != step.checksum:
            raise ReplayError(Divergence(k, step.order, "the state after this order differs from the record"))
        yield ReplayFrame(k, state, events)
    if record.final_checksum is not None and state.checksum() != record.final_checksum:
        raise ReplayError(Divergence(len(record.steps), "", "final state checksum differs from the record"))


def _check_mark(state: GameState, marks: dict[int, TurnMark], k: int, order: str) -> None:
    mark = marks.get(state.turn)
    if mark is None:
        return
    if mark.step != k:
        raise ReplayError(Divergence(k, order, f"turn {state.turn} began after step {k}, recorded after {mark.step}"))
    if state.checksum() != mark.checksum:
        raise ReplayError(
            Divergence(k, order, f"state checksum at the start of turn {state.turn} differs", _mark_diff(state, mark))
        )


def replay(record: GameRecord, spec: ScenarioSpec) -> ReplayResult:
    """Re-apply a whole record; the result carries the first divergence, if any."""
    state: GameState | None = None
    events: list[Event] = []
    applied = 0
    try:
        for frame in iter_replay(record, spec):
            state, applied = frame.state, frame.step
            events.extend(frame.events)
    except ReplayError as exc:
        return ReplayResult(state, applied, events, exc.divergence)
    return ReplayResult(state, applied, events)
