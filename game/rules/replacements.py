"""Replacements: fresh steps for worn units, only where supply reaches.

Each turn, after the supply step, a side receives the replacement steps its
scenario schedule gives (``rules_data["replacements"]``). They go one at a
time to its units on the map that are fully supplied, outside enemy zones of
control and below full strength — the most depleted first (then the lowest
index), at most ``supply.replacement_steps_per_unit`` per unit. Steps that
find no unit are lost; eliminated units are not rebuilt. Units low on or out
of supply get none.
"""

from __future__ import annotations

from game.chance import ChanceSource
from game.events import Event
from game.movement import enemy_zoc
from game.rules.common import due_turn, side_name
from game.rules.rule_events import ReplacementsArrived
from game.state import GameState
from game.units import SupplyState


def scheduled_steps(state: GameState, side: int) -> int:
    """Replacement steps the scenario gives ``side`` this turn."""
    best: tuple[int, int] | None = None
    for entry in state.spec.rules.replacements.get(state.spec.sides[side].id, []):
        start = due_turn(state, entry.from_turn if entry.from_turn or entry.from_date else 1, entry.from_date)
        if start <= state.turn and (best is None or start >= best[0]):
            best = (start, entry.steps)
    return 0 if best is None else best[1]


def replacements_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Begin turn (after supply): hand out each side's replacement steps."""
    rs = state.spec.ruleset.supply
    if not state.spec.rules.replacements:
        return []
    per_unit = rs.replacement_steps_per_unit if rs is not None else 1
    events: list[Event] = []
    for side in (0, 1):
        steps = scheduled_steps(state, side)
        if steps <= 0:
            continue
        zoc = enemy_zoc(state, side)
        units = [int(u) for u in state.units_on_map(side)
                 if int(state.units["supply"][u]) == SupplyState.SUPPLIED and not zoc[state.units["hex"][u]]]
        given: dict[int, int] = {}
        for _ in range(steps):
            need = [u for u in units if state.units["steps"][u] < state.spec.unit_max_steps[u]
                    and given.get(u, 0) < per_unit]
            if not need:
                break
            u = max(need, key=lambda x: (int(state.spec.unit_max_steps[x]) - int(state.units["steps"][x]), -x))
            state.units["steps"][u] += 1
            given[u] = given.get(u, 0) + 1
        names = tuple(state.spec.units[u].name for u in sorted(given))
        events.append(ReplacementsArrived(side_name(state, side), sum(given.values()), steps, names))
    return events
