"""A game in progress as the desktop sees it: who plays each side, the logs, autosave and the AI.

No pygame here: the controller is the UI's only path to ``Session`` (orders,
undo) and keeps what the screens show (turn report, combat log, the strength
and victory-point history for the after-action chart).
"""

from __future__ import annotations

import copy as _copy
import json
import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.events import Event
from game.orders import EndPhase, Order
from game.record import GameRecord
from game.session import Session
from game.ui import rulesinfo, saves
from game.units import UnitStatus

CONTROLS = ("human", "ai", "remote")
"""How a side is played: at this desk, by the AI, or by e-mail (the record is sent)."""


@dataclass
class LogLine:
    """One line of the turn report or combat log."""

    turn: int
    side: int
    text: str
    kind: str  # "turn", "phase", "move", "combat", "capture", "other"
    hex_label: str = ""


@dataclass(frozen=True)
class Capture:
    """A place that changed hands in this game (for the comparison with history)."""

    turn: int
    place: str
    side: str


@dataclass
class TurnStats:
    """Strength and victory points at the start of a turn (for the after-action chart)."""

    turn: int
    strength: tuple[float, float]
    vp: tuple[int, int] | None


def _kind(ev: Event) -> str:
    name = type(ev).__name__
    if name in ("TurnBegan",):
        return "turn"
    if name == "PhaseBegan":
        return "phase"
    if name == "UnitMoved":
        return "move"
    if any(k in name for k in ("Combat", "Attack", "Retreat", "Eliminat", "Loss", "StepLost", "Advanced")):
        return "combat"
    if name == "HexCaptured":
        return "capture"
    return "other"


def strength(session_state, side: int) -> float:  # noqa: ANN001 - GameState
    """Total defence strength of a side's units on the map."""
    st = session_state
    units = st.units_on_map(side)
    per = np.array([st.spec.units[u].defence_per_step for u in units.tolist()], np.float64)
    return float((per * st.units["steps"][units]).sum()) if len(units) else 0.0


class AiJob:
    """The AI plans one phase on a copy of the session, off the main loop; the UI replays its orders.

    Where the platform can fork, planning runs in a forked child process (the copy is inherited,
    nothing is pickled; the orders come back as JSON text), so the AI never competes with drawing
    for the interpreter lock. Elsewhere it runs in a thread.
    """

    def __init__(self, session: Session, kind: str, use_process: bool | None = None) -> None:
        self.side = session.state.active_side
        self.kind = kind
        self.shadow = _shadow(session)
        self.start_steps = len(session.record.steps)
        self.orders: list[str] | None = None
        self.error: str | None = None
        self._proc = None
        self._conn = None
        self._thread: threading.Thread | None = None
        if use_process is None:
            use_process = hasattr(os, "fork") and os.environ.get("MOSCOW41_AI_THREAD") != "1"
        if use_process:
            try:
                ctx = multiprocessing.get_context("fork")
                self._conn, child = ctx.Pipe(duplex=False)
                self._proc = ctx.Process(target=self._child, args=(child,), name="moscow41-ai", daemon=True)
                self._proc.start()
                child.close()
                return
            except (OSError, ValueError):
                self._proc = self._conn = None
        self._thread = threading.Thread(target=self._run, name="moscow41-ai", daemon=True)
        self._thread.start()

    def _plan(self) -> list[str]:
        from game.ai import make_player

        make_player(self.kind, self.side).play_phase(self.shadow)
        return [s.order for s in self.shadow.record.steps[self.start_steps :]]

    def _run(self) -> None:
        try:
            self.orders = self._plan()
        except Exception as exc:  # noqa: BLE001 - shown to the player; the game goes on
            self.error = f"{type(exc).__name__}: {exc}"
            self.orders = ["end"]

    def _child(self, conn) -> None:  # noqa: ANN001 - multiprocessing Connection
        try:
            reply = {"orders": self._plan()}
        except Exception as exc:  # noqa: BLE001 - reported to the parent
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        conn.send_bytes(json.dumps(reply).encode())
        conn.close()

    def _collect(self, timeout: float | None) -> None:
        if self.orders is not None or self._conn is None:
            return
        if not self._conn.poll(timeout):
            if self._proc is not None and not self._proc.is_alive() and not self._conn.poll(0):
                self.error = "the AI process stopped without an answer"
                self.orders = ["end"]
            return
        try:
            reply = json.loads(self._conn.recv_bytes().decode())
        except (EOFError, OSError, ValueError) as exc:
            reply = {"error": f"no answer from the AI process ({exc})"}
        if "error" in reply:
            self.error = str(reply["error"])
            self.orders = ["end"]
        else:
            self.orders = [str(o) for o in reply.get("orders", [])] or ["end"]
        if self._proc is not None:
            self._proc.join(timeout=1)

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self._collect(timeout)

    @property
    def ready(self) -> bool:
        if self._thread is None:
            self._collect(0)
        return self.orders is not None

    def cancel(self) -> None:
        """Stop planning (leaving the game)."""
        if self._proc is not None and self._proc.is_alive():
            self._proc.terminate()


def _shadow(session: Session) -> Session:
    """An independent copy of a session for planning (same seed, so the same dice per step)."""
    copy = _copy.copy(session)
    copy.state = session.state.clone()
    copy.record = session.record.copy()
    copy.events = []
    copy._undo = []
    return copy


@dataclass
class GameController:
    """The session plus how each side is played and what the screens report."""

    session: Session
    controls: tuple[str, str] = ("human", "ai")
    ai_level: str = "normal"
    data_dir: Path | None = None
    autosave_enabled: bool = True
    log: list[LogLine] = field(default_factory=list)
    stats: list[TurnStats] = field(default_factory=list)
    version: int = 0
    last_autosave: Path | None = None
    ai_job: AiJob | None = None
    ai_queue: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)
    _undo_log: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for c in self.controls:
            if c not in CONTROLS:
                raise ValueError(f"side control must be one of {', '.join(CONTROLS)}, not {c!r}")
        self._log_events(self.session.events)
        self._note_turn()

    # --- queries --------------------------------------------------------------
    @property
    def state(self):  # noqa: ANN201 - GameState
        return self.session.state

    @property
    def spec(self):  # noqa: ANN201 - ScenarioSpec
        return self.session.spec

    @property
    def record(self) -> GameRecord:
        return self.session.record

    def cached(self, name: str, fn):  # noqa: ANN001, ANN201 - any pure function of the state
        """``fn(state)`` computed once per state version (top bar figures and the like)."""
        cache = self.__dict__.setdefault("_cache", {})
        hit = cache.get(name)
        if hit is not None and hit[0] == self.version:
            return hit[1]
        value = fn(self.state)
        cache[name] = (self.version, value)
        return value

    def control(self, side: int) -> str:
        return self.controls[side]

    @property
    def human_to_act(self) -> bool:
        s = self.state
        return not s.game_over and self.controls[s.active_side] == "human"

    @property
    def ai_to_act(self) -> bool:
        s = self.state
        return not s.game_over and self.controls[s.active_side] == "ai"

    @property
    def remote_to_act(self) -> bool:
        s = self.state
        return not s.game_over and self.controls[s.active_side] == "remote"

    def viewer(self) -> int | None:
        """The side whose view the screen shows (None: both sides fully visible)."""
        humans = [i for i, c in enumerate(self.controls) if c == "human"]
        if not humans:
            return None
        if len(humans) == 2:
            return self.state.active_side
        return humans[0]

    def visible_units(self) -> np.ndarray | None:
        return rulesinfo.visible_units(self.state, self.viewer())

    # --- transitions ------------------------------------------------------------
    def submit(self, order: Order | str) -> list[Event]:
        """Submit an order through the session (raises ``IllegalOrder``); logs, autosaves, counts."""
        turn = self.state.turn
        was_over = self.state.game_over
        log_len = len(self.log)
        events = self.session.submit(order)
        self.version += 1
        self._undo_log = self._undo_log + [log_len] if self.session.can_undo else []
        self._log_events(events)
        if self.state.turn != turn:
            self._note_turn()
        # every new turn, and the end of the game (so the finished game can be watched again later)
        if self.autosave_enabled and (self.state.turn != turn or (self.state.game_over and not was_over)):
            self.last_autosave = saves.autosave(self.record, self.data_dir)
        return events

    def undo(self) -> bool:
        """Take back the last move if the session allows it."""
        if self.session.undo():
            self.version += 1
            if self._undo_log:
                del self.log[self._undo_log.pop() :]
            return True
        return False

    def end_phase(self) -> list[Event]:
        return self.submit(EndPhase())

    def _log_events(self, events: list[Event]) -> None:
        s = self.state
        turn = self.log[-1].turn if self.log else 1
        for ev in events:
            name = type(ev).__name__
            if name == "TurnBegan":
                turn = int(ev.turn)
            hex_label = getattr(ev, "hex", "") or getattr(ev, "target", "") or ""
            self.log.append(LogLine(turn, s.active_side, ev.text(), _kind(ev), str(hex_label)))
            if name == "HexCaptured":
                self.captures.append(Capture(turn, ev.place, ev.side))
                note = self._history_note(ev.place, ev.side, turn)
                if note:
                    self.log.append(LogLine(turn, s.active_side, note, "capture", str(hex_label)))

    def _history_note(self, place: str, side: str, turn: int) -> str:
        """'Mozhaisk fell on turn 9 (18 Oct); historically 18 Oct' when history records the same change."""
        try:
            from game.history import historical_changes

            changes = historical_changes(self.spec)
        except Exception:  # noqa: BLE001 - no history track
            return ""
        ids = {s.name: s.id for s in self.spec.sides}
        names = {pid: getattr(info, "name", pid) for pid, info in (getattr(self.spec, "places", None) or {}).items()}
        for e in changes:
            if names.get(e.place, e.place) == place and e.controller_after == ids.get(side, side):
                date = self.spec.date_of_turn(turn)
                return f"{place} fell on turn {turn} ({date:%d %b}); historically {e.date:%d %b}"
        return ""

    def _note_turn(self) -> None:
        s = self.state
        entry = TurnStats(s.turn, (strength(s, 0), strength(s, 1)), rulesinfo.victory_points(s))
        self.stats = [t for t in self.stats if t.turn < s.turn] + [entry]

    def final_stats(self) -> list[TurnStats]:
        """The chart data including the final state; turns played before a load come from the record's marks."""
        s = self.state
        known = {t.turn for t in self.stats}
        spec = self.spec
        per_step = np.array([u.defence_per_step for u in spec.units], np.float64)
        side = spec.unit_side
        earlier = []
        for mark in self.record.turns:
            if mark.turn in known or len(mark.unit_steps) != len(spec.units):
                continue
            on = np.asarray(mark.unit_hex) >= 0
            steps = np.asarray(mark.unit_steps, np.float64) * on
            earlier.append(TurnStats(mark.turn, (float((per_step * steps)[side == 0].sum()),
                                                 float((per_step * steps)[side == 1].sum())), None))
        last = TurnStats(s.turn + (1 if s.game_over else 0), (strength(s, 0), strength(s, 1)),
                         rulesinfo.victory_points(s))
        return sorted([*earlier, *self.stats], key=lambda t: t.turn) + [last]

    # --- AI -------------------------------------------------------------------------
    def start_ai(self) -> None:
        """Begin planning the AI side's phase (in the background)."""
        if self.ai_job is None and not self.ai_queue and self.ai_to_act:
            self.ai_job = AiJob(self.session, self.ai_level)

    def next_ai_order(self) -> str | None:
        """The next planned AI order, once planning has finished (None while thinking)."""
        if self.ai_job is not None and self.ai_job.ready:
            job = self.ai_job
            self.ai_job = None
            if job.error:
                self.messages.append(f"The AI failed ({job.error}); its phase was ended.")
            self.ai_queue = list(job.orders or ["end"])
        if self.ai_queue:
            return self.ai_queue.pop(0)
        return None

    def wait_ai(self) -> None:
        """Block until the AI has planned (tests, 'skip AI turn')."""
        if self.ai_job is not None:
            self.ai_job.join()

    def units_alive(self, side: int) -> int:
        st = self.state
        return int(((st.units["status"] == UnitStatus.ON_MAP) & (st.spec.unit_side == side)).sum())
