"""Playing whole games between two players, headless."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.ai.player import Player
from game.events import GameEnded, HexCaptured
from game.session import Session
from game.spec import ScenarioSpec
from game.state import GameState

MAX_PHASES_FACTOR = 6
"""Safety bound: a game never needs more than turns * 6 phases (2 sides x 3 phases)."""


@dataclass
class Capture:
    """A key place changing hands."""

    turn: int
    date: str
    place: str
    hex: str
    side: str


@dataclass
class GameResult:
    """The outcome of one headless game."""

    seed: int
    winner: str
    reason: str
    turns: int
    victory_points: dict[str, int]
    captures: list[Capture]
    orders: int
    refused: list[str]
    seconds: float
    session: Session = field(repr=False)


def victory_points(state: GameState) -> dict[str, int]:
    """Each side's victory points: the rules' own count when they keep one, else objectives held.

    Without victory rules, a side scores the points of every victory objective
    (or, when the scenario lists none, every place worth victory points) it controls.
    """
    from game.ai.picture import _locate, _plain
    from game.ai.rulesapi import victory_points_fn

    fn = victory_points_fn()
    if fn is not None and getattr(getattr(state.spec, "rules", None), "victory", None) is not None:
        return {s.id: int(fn(state, i)) for i, s in enumerate(state.spec.sides)}
    control = state.hexes["control"]
    out = {s.id: 0 for s in state.spec.sides}
    victory = _plain(state.spec.rules_data.get("victory")) or {}
    scored: list[tuple[int, int]] = []
    for obj in victory.get("objectives") or []:
        h = _locate(state.spec, obj.get("at"))
        if h is not None:
            scored.append((h, int(obj.get("points", 0))))
    if not scored:
        scored = [(p.index, p.victory_points) for p in state.spec.map.settlements if p.victory_points]
    for h, points in scored:
        owner = int(control[h])
        if owner >= 0:
            out[state.spec.sides[owner].id] += points
    return out


def play_game(
    spec: ScenarioSpec,
    seed: int,
    players: tuple[Player, Player],
    *,
    options: dict | None = None,
    after_order: Callable[[Session], None] | None = None,
) -> GameResult:
    """Play a game to the end with ``players[side]`` acting for each side.

    ``after_order`` is called after every accepted order (tests check invariants there).
    """
    for p in players:
        p.after_submit = after_order
    t0 = time.perf_counter()
    session = Session(spec, seed, options)
    limit = MAX_PHASES_FACTOR * (spec.turns + 1) + 4
    phases = 0
    seen_events = 0
    captures: list[Capture] = []
    key_places = key_place_names(spec)
    while not session.state.game_over:
        phases += 1
        if phases > limit:
            raise RuntimeError(f"game did not end after {limit} phases")
        side, turn = session.state.active_side, session.state.turn
        players[side].play_phase(session)
        seen_events = _collect(session, turn, seen_events, captures, key_places)
    winner, reason = "", ""
    for e in reversed(session.events):
        if isinstance(e, GameEnded):
            winner, reason = e.winner, e.reason
            break
    refused = [r for p in players for r in p.stats.refused]
    return GameResult(
        seed=seed, winner=winner, reason=reason, turns=session.state.turn,
        victory_points=victory_points(session.state), captures=captures,
        orders=len(session.record.steps), refused=refused, seconds=time.perf_counter() - t0, session=session,
    )


def key_place_names(spec: ScenarioSpec) -> set[str]:
    """The places whose captures a batch reports: the victory objectives and the places of the historical
    track's events (so every dated capture can be compared), else places worth VP, else every place."""
    from game.ai.picture import _locate, _plain

    m = spec.map
    names: set[str] = set()
    victory = _plain(spec.rules_data.get("victory")) or {}
    refs = [o.get("at") for o in victory.get("objectives") or []]
    refs += [ref for sd in victory.get("sudden_death") or [] for ref in sd.get("capture") or []]
    history = spec.rules_data.get("history")
    refs += [ev.place for ev in getattr(history, "events", ()) if ev.place]
    for ref in refs:
        h = _locate(spec, ref)
        if h is not None and m.settlement_at[h] >= 0:
            names.add(m.settlements[m.settlement_at[h]].name)
    return names or {s.name for s in m.settlements if s.victory_points > 0} or {s.name for s in m.settlements}


def _collect(session: Session, turn: int, start: int, captures: list[Capture], key_places: set[str]) -> int:
    """Record captures of key places from the events of the phase just played (turn and date)."""
    events = session.events
    for e in events[start:]:
        if isinstance(e, HexCaptured) and e.place in key_places:
            captures.append(Capture(turn, session.spec.date_of_turn(turn).isoformat(), e.place, e.hex, e.side))
    return len(events)
