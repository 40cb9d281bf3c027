"""Air power: air points per side and turn, ground support and interdiction.

Each turn a side receives the air points its scenario schedule gives for
that turn (``rules_data["air"]``, changeable by a trigger's
``set_rule: air.<side>``) — none when the weather is not flyable. Points are
spent on ground support (``Attack(..., air=N)``: column shifts) or on
interdiction (``Interdict``): each point adds ``air.interdiction_mp`` to the
cost for enemy units (and enemy supply) to enter the hex until the
interdicting side's next movement phase.

State: counters ``air.<side index>``; hex layers ``interdict.<side index>``
(points per hex) and ``move_extra`` (extra ticks read by the movement search:
the interdiction of the side not moving).
"""

from __future__ import annotations

import numpy as np

from game.chance import ChanceSource
from game.events import Event
from game.orders import Order
from game.rules.common import due_turn, layer, rule_value, side_name
from game.rules.orders import Interdict
from game.rules.rule_events import AirMission, AirPointsSet
from game.rules.violations import Violation
from game.ruleset import MP_TICKS
from game.state import GameState


def air_points(state: GameState, side: int) -> int:
    """Air points ``side`` has left this turn."""
    return int(state.counters.get(f"air.{side}", 0))


def scheduled_points(state: GameState, side: int) -> tuple[int, str]:
    """Air points the scenario gives ``side`` this turn (before weather), and the schedule note."""
    sid = state.spec.sides[side].id
    override = rule_value(state, f"air.{sid}")
    if override is not None:
        return override, "changed during the game"
    best: tuple[int, int, str] | None = None
    for entry in state.spec.rules.air.get(sid, []):
        start = due_turn(state, entry.from_turn if entry.from_turn or entry.from_date else 1, entry.from_date)
        if start <= state.turn and (best is None or start >= best[0]):
            best = (start, entry.points, entry.note)
    return (0, "") if best is None else (best[1], best[2])


def air_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Begin turn: give each side its air points (zero in weather that is not flyable)."""
    if state.spec.ruleset.air is None or not state.spec.rules.air:
        return []
    from game.rules.weather import current_weather

    now = current_weather(state)
    events: list[Event] = []
    for side in (0, 1):
        points, note = scheduled_points(state, side)
        if now is not None and not now.flyable and points:
            state.counters[f"air.{side}"] = 0
            events.append(AirPointsSet(side_name(state, side), 0, f"{now.weather}: no flying ({points} grounded)"))
            continue
        state.counters[f"air.{side}"] = points
        if points:
            events.append(AirPointsSet(side_name(state, side), points, note))
    return events


def interdiction_phase_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Movement phase start: the mover's old interdictions lapse; the enemy's slow the mover."""
    ar = state.spec.ruleset.air
    if ar is None:
        return []
    side = state.active_side
    own = state.hexes.get(f"interdict.{side}")
    if own is not None:
        own[:] = 0
    hostile = state.hexes.get(f"interdict.{1 - side}")
    if hostile is not None or "move_extra" in state.hexes:
        extra = layer(state, "move_extra", np.int32)
        extra[:] = 0 if hostile is None else hostile.astype(np.int32) * round(ar.interdiction_mp * MP_TICKS)
    return []


def check_interdict(state: GameState, order: Order) -> list[Violation]:
    """Why the interdiction is illegal (empty when legal)."""
    assert isinstance(order, Interdict)
    from game.rules.weather import current_weather

    ar = state.spec.ruleset.air
    if ar is None:
        return [Violation("no-air", "this ruleset has no air rules")]
    if state.game_over:
        return [Violation("game-over", "the game is over")]
    try:
        h = state.spec.map.index_of_label(order.hex)
    except ValueError as exc:
        return [Violation("bad-hex", str(exc))]
    out: list[Violation] = []
    if order.points < 1:
        out.append(Violation("bad-air", "spend at least one air point"))
    have = air_points(state, state.active_side)
    if order.points > have:
        out.append(Violation("no-air-points", f"only {have} air point(s) left this turn"))
    placed = state.hexes.get(f"interdict.{state.active_side}")
    already = int(placed[h]) if placed is not None else 0
    if already + order.points > ar.max_interdiction_points:
        out.append(Violation("too-much-air", f"at most {ar.max_interdiction_points} air points may interdict one hex"))
    now = current_weather(state)
    if now is not None and not now.flyable:
        out.append(Violation("no-flying", f"no air missions in {now.weather}"))
    return out


def apply_interdict(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    """Spend the points and mark the hex."""
    assert isinstance(order, Interdict)
    ar = state.spec.ruleset.air
    side = state.active_side
    h = state.spec.map.index_of_label(order.hex)
    state.counters[f"air.{side}"] = air_points(state, side) - order.points
    layer(state, f"interdict.{side}")[h] += order.points
    layer(state, "move_extra", np.int32)
    extra_mp = ar.interdiction_mp * order.points
    return [AirMission(side_name(state, side), "interdiction", order.hex, order.points,
                       f"enemy movement and supply into the hex cost +{extra_mp:g} MP until your next turn")]


def legal_interdicts(state: GameState) -> list[Order]:
    """Interdiction of each enemy-adjacent hex with one point (other hexes and amounts are legal too)."""
    ar = state.spec.ruleset.air
    if ar is None or state.game_over or air_points(state, state.active_side) < 1:
        return []
    from game.movement import enemy_zoc

    m = state.spec.map
    enemy = state.occupancy(1 - state.active_side) > 0
    own = state.occupancy(state.active_side) > 0
    near = enemy_zoc(state, state.active_side) & ~enemy & ~own
    hexes = np.nonzero(near)[0]
    orders = [Interdict(m.label_of(int(h)), 1) for h in hexes]
    return [o for o in orders if not check_interdict(state, o)]
