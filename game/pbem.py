"""Records from another player (hot-seat, play-by-email): validated before anything is applied.

``validate_incoming(incoming, spec, previous=..., sender=...)`` reads the
record defensively (size, nesting, numbers, text — see ``game.record``), checks
its header against the scenario the player has open (id, content hash, seed),
checks that it continues the game both players share (the earlier steps are
exactly the ones already known: nobody rewrites history), that the new orders
were given by the sender's side only, that every die roll is the one the
game's seed draws at its step (``chance_mismatch``: checksums alone cannot
stop an editor who recomputes them), and replays it completely through the
rules, verifying every per-step and per-turn checksum. Nothing is applied to a
game in progress: the caller gets an ``IncomingReport`` listing every problem
and, when it is clean, the replayed state to continue from
(``Session.resume(spec, report.record)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from game.chance import LiveChance
from game.record import GameRecord, RecordError, load_record, parse_record_text
from game.replay import replay
from game.spec import ScenarioSpec
from game.state import GameState


@dataclass
class IncomingReport:
    """What an incoming record holds and everything wrong with it."""

    source: str
    record: GameRecord | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_steps: int = 0
    state: GameState | None = None
    divergence_step: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.record is not None and self.state is not None

    def summary(self) -> str:
        """A paragraph for the player."""
        if self.ok:
            assert self.state is not None
            side = self.state.spec.sides[self.state.active_side].name
            head = (f"{self.source}: valid — {self.new_steps} new order{'s' if self.new_steps != 1 else ''}; "
                    f"turn {self.state.turn}, {side} to act")
        else:
            head = f"{self.source}: refused — {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        return "\n".join([head, *(f"  {p}" for p in self.problems), *(f"  warning: {w}" for w in self.warnings)])


def _read(incoming: GameRecord | str | bytes | os.PathLike[str], source: str | None) -> tuple[GameRecord, str]:
    if isinstance(incoming, GameRecord):
        return incoming.copy(), source or "incoming record"
    if isinstance(incoming, os.PathLike):
        return load_record(incoming), source or str(incoming)
    return parse_record_text(incoming, source or "incoming record"), source or "incoming record"


def chance_mismatch(record: GameRecord, first_step: int = 0) -> str | None:
    """The first chance outcome that is not what the game's seed draws at its step (None if all are).

    Live play draws every outcome from ``LiveChance(seed, step)``, so the dice of a record can be
    recomputed from its seed: an edited die roll is caught even when the editor also rewrote
    every checksum (which anyone with the program can do).
    """
    streams = [(0, record.setup_chance)] + [(k, st.chance) for k, st in enumerate(record.steps, start=1)]
    for k, outcomes in streams:
        if k < first_step:
            continue
        live = LiveChance(record.seed, k)
        for j, (kind, n, value) in enumerate(outcomes):
            if n < 1:
                return f"{'setup' if k == 0 else f'step {k}'}: outcome {j + 1} ('{kind}') has no range"
            expected = live.draw(kind, n)
            if expected != value:
                where = "the setup" if k == 0 else f"step {k} ({record.steps[k - 1].order!r})"
                return (f"{where}: the '{kind}' outcome is {value} but the game's seed draws {expected} there — "
                        "the dice were edited")
    return None


def unsafe_path_reason(path: str) -> str | None:
    """Why a path written in a record must not be opened (absolute, drive, '..', control characters)."""
    if not path:
        return None
    if any(ord(c) < 32 for c in path):
        return "it contains control characters"
    for pure in (PurePosixPath(path), PureWindowsPath(path)):
        if pure.is_absolute() or pure.drive or pure.anchor:
            return "it is an absolute path"
        if ".." in pure.parts:
            return "it climbs out of the scenario folder with '..'"
    return None


def scenario_file_for(record: GameRecord, scenarios_root: str | os.PathLike[str]) -> Path | None:
    """The scenario file a record names, only if it lies inside ``scenarios_root`` (else None)."""
    path = record.scenario_path
    if not path or unsafe_path_reason(path):
        return None
    root = Path(scenarios_root).resolve()
    target = (root / path).resolve()
    if target != root and root not in target.parents:
        return None  # a symbolic link leading out of the folder
    return target if target.is_file() else None


def validate_incoming(
    incoming: GameRecord | str | bytes | os.PathLike[str],
    spec: ScenarioSpec,
    *,
    previous: GameRecord | None = None,
    sender: int | None = None,
    source: str | None = None,
) -> IncomingReport:
    """Check a record received from another player before using it (see the module docs).

    ``incoming``: a parsed record, its JSON text/bytes, or a path. ``previous``: the
    record this player last had (the incoming one must continue it). ``sender``: the
    side index of the player who sent it; only that side's orders may be new.
    """
    report = IncomingReport(source or (str(incoming) if isinstance(incoming, os.PathLike) else "incoming record"))
    try:
        record, report.source = _read(incoming, source)
    except RecordError as exc:
        report.problems.append(str(exc))
        return report
    report.record = record
    # header
    if record.scenario_id != spec.id:
        report.problems.append(f"the record is a game of scenario {record.scenario_id!r}, but {spec.id!r} is open — "
                               "open the same scenario as the other player")
    if record.scenario_hash != spec.content_hash:
        report.problems.append(
            f"the record was made with scenario {record.scenario_id!r} hash {record.scenario_hash[:12]}, but your "
            f"copy hashes to {spec.content_hash[:12]} — the two scenario files differ, or the players run different "
            "versions of the game's rules; exchange the same file and play the same version")
    if record.scenario_path and unsafe_path_reason(record.scenario_path):
        report.warnings.append(f"the record names the scenario file {record.scenario_path!r}, which will not be "
                               f"opened because {unsafe_path_reason(record.scenario_path)}")
    # continuity with the game both players share
    known = 0
    if previous is not None:
        known = len(previous.steps)
        if record.seed != previous.seed:
            report.problems.append(f"the record has seed {record.seed}, your game {previous.seed} — it is another game")
        if [list(c) for c in record.setup_chance] != [list(c) for c in previous.setup_chance]:
            report.problems.append("the record's setup draws differ from your game's — it is another game")
        if len(record.steps) < known:
            report.problems.append(f"the record has {len(record.steps)} orders, fewer than the {known} your game "
                                   "already has — it is an older copy")
        else:
            for k, (a, b) in enumerate(zip(previous.steps, record.steps), start=1):
                if (a.order, [list(c) for c in a.chance], a.turn, a.side, a.checksum) != \
                        (b.order, [list(c) for c in b.chance], b.turn, b.side, b.checksum):
                    report.problems.append(f"step {k} ({a.order!r}) was changed to {b.order!r} with other data — "
                                           "a record may only add orders to the game you both have")
                    break
    report.new_steps = max(0, len(record.steps) - known)
    if sender is not None:
        for k, st in enumerate(record.steps[known:], start=known + 1):
            if st.side != sender:
                report.problems.append(f"step {k} ({st.order!r}) is an order for side {st.side}, but the record "
                                       f"comes from side {sender} — nobody may move the other side's units")
                break
    dice = chance_mismatch(record)
    if dice is not None:
        report.problems.append(dice)
    if record.scenario_hash != spec.content_hash or record.scenario_id != spec.id:
        return report  # replaying against another scenario would only add noise
    # replay everything through the rules, checking every checksum
    result = replay(record, spec)
    if result.divergence is not None:
        report.divergence_step = result.divergence.step
        report.problems.append(str(result.divergence))
    else:
        report.state = result.state
    return report
