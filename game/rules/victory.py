"""Victory: objective points, sudden death, result levels and the historical comparison.

At the end of each turn listed for an objective (and at the end of the game
when ``at_end``), the side holding its hex scores its points (counters
``vp.<side index>``). Sudden death ends the game at once when a side holds
every listed location. At the end the scoring side's *net* points (its VP
minus the other side's) pick the first result level whose ``min_points`` it
reaches; the result is compared with the historical one of the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.chance import ChanceSource
from game.events import Event, GameEnded
from game.rules.common import resolve, side_name
from game.rules.rule_events import VictoryPoints
from game.state import GameState


def scored_points(state: GameState, side: int) -> int:
    """Victory points ``side`` has scored so far (counter ``vp.<side>``)."""
    return int(state.counters.get(f"vp.{side}", 0))


def victory_points(state: GameState, side: int | None = None) -> dict[str, int] | int:
    """Standing: points scored so far plus the end-of-game points of the objectives each side
    holds now, i.e. the score if the game ended at this moment (the AI's yardstick).

    With ``side`` the standing of that side (int); without, a dict by side id.
    """
    out = [scored_points(state, s) for s in (0, 1)]
    vd = state.spec.rules.victory
    if vd is not None and state.turn <= state.spec.turns and not state.game_over:
        for o, (_name, points, holder) in zip(vd.objectives, objectives_held(state), strict=True):
            if holder >= 0 and o.at_end:
                out[holder] += points
    if side is not None:
        return out[side]
    return {state.spec.sides[s].id: out[s] for s in (0, 1)}


def net_points(state: GameState) -> int:
    """The scoring side's points minus the other side's (0 without victory rules)."""
    vd = state.spec.rules.victory
    if vd is None:
        return 0
    s = state.spec.side_index(vd.scoring_side)
    return scored_points(state, s) - scored_points(state, 1 - s)


def objectives_held(state: GameState) -> list[tuple[str, int, int]]:
    """(name, points, holder side or -1) of every objective now."""
    vd = state.spec.rules.victory
    if vd is None:
        return []
    out = []
    m = state.spec.map
    for o in vd.objectives:
        h = resolve(state, o.at)
        k = m.settlement_at[h]
        name = o.name or (m.settlements[k].name if k >= 0 else m.label_of(h))
        out.append((name, o.points, int(state.hexes["control"][h])))
    return out


def victory_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """End of turn: score objectives due this turn, then check sudden death."""
    vd = state.spec.rules.victory
    if vd is None:
        return []
    last = state.turn >= state.spec.turns
    scored: list[str] = []
    for o, (name, points, holder) in zip(vd.objectives, objectives_held(state), strict=True):
        if holder < 0 or not (state.turn in o.turns or (last and o.at_end)):
            continue
        key = f"vp.{holder}"
        state.counters[key] = state.counters.get(key, 0) + points
        scored.append(f"{name} {points} to {side_name(state, holder)}")
    events: list[Event] = []
    if scored:
        scores = tuple((side_name(state, s), scored_points(state, s)) for s in (0, 1))
        events.append(VictoryPoints(state.turn, scores, "; ".join(scored)))
    for sd in vd.sudden_death:
        side = state.spec.side_index(sd.side)
        if state.turn < sd.from_turn:
            continue
        hexes = [resolve(state, ref) for ref in sd.capture]
        if all(int(state.hexes["control"][h]) == side for h in hexes):
            state.game_over = True
            what = sd.text or f"{side_name(state, side)} holds {', '.join(_names(state, hexes))}"
            reason = f"sudden death: {what} — {side_name(state, side)} decisive victory"
            reason += _history(state, side, "decisive")
            events.append(GameEnded(reason, sd.side))
            break
    return events


def _names(state: GameState, hexes: list[int]) -> list[str]:
    m = state.spec.map
    return [m.settlements[m.settlement_at[h]].name if m.settlement_at[h] >= 0 else m.label_of(h) for h in hexes]


@dataclass(frozen=True)
class Outcome:
    """The result of a finished game."""

    winner: str
    level: str
    net_points: int
    text: str


def outcome(state: GameState) -> Outcome:
    """The result level the scoring side's net points reach now."""
    vd = state.spec.rules.victory
    if vd is None:
        return Outcome("", "draw", 0, "the last turn has been played")
    net = net_points(state)
    for lv in vd.levels:
        if lv.min_points is None or net >= lv.min_points:
            who = side_name(state, state.spec.side_index(lv.winner)) if lv.winner else ""
            text = lv.text or (f"{who} {lv.level} victory" if who else "draw")
            return Outcome(lv.winner or "", lv.level, net, text)
    return Outcome("", "draw", net, "draw")


def _history(state: GameState, winner_index: int | None, level: str) -> str:
    vd = state.spec.rules.victory
    if vd is None or vd.historical is None:
        return ""
    h = vd.historical
    hist = h.text or (f"{h.winner} {h.level} victory" if h.winner else "draw")
    if h.points is not None and winner_index is None:
        diff = net_points(state) - h.points
        better = side_name(state, state.spec.side_index(vd.scoring_side))
        if diff:
            return f". Historically: {hist} ({h.points} net points); {better} did {abs(diff)} point(s) " \
                   f"{'better' if diff > 0 else 'worse'} than history"
        return f". Historically: {hist} ({h.points} net points); the same as history"
    return f". Historically: {hist}"


def final_result(state: GameState) -> tuple[str, str]:
    """(reason, winner side id) when the last turn has been played."""
    vd = state.spec.rules.victory
    if vd is None:
        return ("the last turn has been played", "")
    o = outcome(state)
    scores = ", ".join(f"{side_name(state, s)} {scored_points(state, s)} VP" for s in (0, 1))
    return (f"the last turn has been played: {o.text} ({scores}; net {o.net_points})" + _history(state, None, o.level),
            o.winner)
