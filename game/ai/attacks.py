"""Combat planning: choose attacks by the expected value of their results.

For each enemy hex next to the side's units the planner tries the strongest
attackers first and grows the group one unit at a time, valuing each group by
the exact result probabilities of the rules' ``odds_preview`` (or, for the easy
level, a rough estimate from the raw strength ratio and the combat table). The
best attack is submitted, the situation is read again, and so on until no
attack is worth making or the time budget is spent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from game.ai.config import SideTuning
from game.ai.fields import ruleset_section, terrain_defence
from game.ai.rulesapi import advance_type, air_points, attack_distribution, make_attack, observe
from game.state import GameState
from game.units import SupplyState

if TYPE_CHECKING:
    from game.ai.player import AIPlayer
    from game.session import Session

Outcome = tuple[float, dict[str, Any]]
"""(probability, result) where result has attacker_loss, defender_loss, defender_retreat, eliminate_defender."""


@dataclass(frozen=True)
class AttackPlan:
    """A chosen attack: who attacks which hex, and what it is expected to gain."""

    attackers: tuple[int, ...]
    target: int
    value: float
    ratio: float
    air: int = 0


def estimate_outcomes(state: GameState, attackers: list[int], target: int, terrain: np.ndarray) -> list[Outcome]:
    """Result probabilities from the raw strength ratio and terrain shifts (no other modifiers)."""
    combat = ruleset_section(state, "combat")
    if not combat:
        return []
    attack = float(sum(state.units["steps"][u] * state.spec.units[u].attack_per_step for u in attackers))
    defenders = _defenders(state, target)
    defence = float(sum(state.units["steps"][u] * state.spec.units[u].defence_per_step for u in defenders))
    columns = combat["columns"]
    ratio = attack / max(defence, 1e-9)
    col = 0
    for k, c in enumerate(columns):
        a, d = c["ratio"]
        if ratio >= a / d:
            col = k
    col = int(np.clip(col - round(float(terrain[target])), 0, len(columns) - 1))
    row = combat["table"][columns[col]["name"]]
    p = 1.0 / len(row)
    return [(p, combat["results"][code]) for code in row]


def _defenders(state: GameState, target: int) -> list[int]:
    return [int(u) for u in state.units_at(target)]


def outcome_value(
    outcomes: list[Outcome], state: GameState, attackers: list[int], target: int, objective: float, caution: float
) -> float:
    """Expected gain in steps: defender losses (and captures) minus attacker losses weighted by ``caution``."""
    defenders = _defenders(state, target)
    def_steps = float(sum(state.units["steps"][u] for u in defenders))
    exposed = any(int(state.units["supply"][u]) == SupplyState.OUT for u in defenders)
    att_steps = float(sum(state.units["steps"][u] for u in attackers))
    value = 0.0
    for p, r in outcomes:
        if r.get("eliminate_defender"):
            gain = def_steps + 1.0 + objective
        else:
            loss = min(float(r.get("defender_loss", 0)), def_steps)
            retreat = float(r.get("defender_retreat", 0))
            gain = loss + (0.4 * retreat + (objective if retreat or loss >= def_steps else 0.0))
            if loss >= def_steps:
                gain += 1.0
        cost = min(float(r.get("attacker_loss", 0)), att_steps) * caution
        value += p * (gain * (1.3 if exposed else 1.0) - cost)
    return value


def _candidates(state: GameState, side: int) -> dict[int, list[int]]:
    """Enemy hex -> own units next to it that may still attack this phase."""
    m = state.spec.map
    own = state.units_on_map(side)
    own = own[state.units["attacked"][own] == 0]
    enemy_hexes = set(int(h) for h in state.units["hex"][state.units_on_map(1 - side)])
    out: dict[int, list[int]] = {}
    for u in own:
        for nb in m.neighbors[state.units["hex"][u]]:
            if nb >= 0 and int(nb) in enemy_hexes:
                out.setdefault(int(nb), []).append(int(u))
    return out


def plan_attack(player: AIPlayer, state: GameState, view: GameState, posture: str) -> AttackPlan | None:
    """The best attack available now, or None when nothing is worth it.

    Everything is judged on ``view`` (the side's observation); ``state`` is only
    asked for the side's own air points.
    """
    side = player.side
    level = player.level
    tuning = player.tuning
    aggression = tuning.aggression if tuning is not None else 1.0
    terrain = terrain_defence(view)
    objectives = _objective_values(view, player)
    caution = (1.6 if posture == "defend" else 1.1) / max(aggression, 0.1)
    min_value = 0.15 if posture == "attack" else 0.35
    air_left = air_points(state, side) if level.use_preview else 0
    best: AttackPlan | None = None
    for target, units in sorted(_candidates(view, side).items()):
        units = [u for u in units if view.spec.units[u].attack_per_step > 0]
        if not units:
            continue
        units.sort(key=lambda u: (-float(view.units["steps"][u] * view.spec.units[u].attack_per_step), u))
        groups = [units[:k] for k in range(1, len(units) + 1)] if level.combine else [units]
        obj = objectives.get(target, 0.0)
        defence = float(sum(view.units["steps"][d] * view.spec.units[d].defence_per_step
                            for d in _defenders(view, target)))
        label = view.spec.map.label_of(target)
        for group in groups:
            attack = float(sum(view.units["steps"][u] * view.spec.units[u].attack_per_step for u in group))
            ratio = attack / max(defence, 1e-9)
            floor = level.min_odds * (1.0 if posture == "attack" else 1.25) / max(aggression, 0.1)
            if ratio < floor and not (air_left and ratio >= floor / 2):
                continue
            ids = [view.spec.units[u].id for u in group]
            for air in sorted({0, air_left}):
                outcomes = attack_distribution(view, make_attack(ids, label, air)) if level.use_preview else None
                if outcomes is None:
                    if air:
                        continue
                    outcomes = estimate_outcomes(view, group, target, terrain)
                if not outcomes:
                    continue
                value = outcome_value(outcomes, view, group, target, obj, caution) - 0.05 * len(group) - 0.3 * air
                if value >= min_value and (best is None or value > best.value):
                    best = AttackPlan(tuple(group), target, value, ratio, air)
    return best


def choose_advance(player: AIPlayer, view: GameState, candidates: list[int], target: int, posture: str) -> int | None:
    """Which unit (if any) advances into the hex the defenders left.

    Always into an objective; in an attack posture the strongest unit (armour
    first) follows up; in defence only into better ground than it stands on.
    """
    if not candidates:
        return None
    terrain = terrain_defence(view)
    objectives = _objective_values(view, player)
    armour = [u for u in candidates if view.spec.units[u].symbol in ("armour", "motorized", "mechanized")]
    pool = armour or candidates
    best = max(pool, key=lambda u: (float(view.units["steps"][u] * view.spec.units[u].attack_per_step), -u))
    if target in objectives or posture == "attack":
        return best
    here = int(view.units["hex"][best])
    return best if terrain[target] > terrain[here] else None


def _objective_values(view: GameState, player: AIPlayer) -> dict[int, float]:
    from game.ai.picture import resolve_objectives

    hexes, weights = resolve_objectives(view, player.side, player.tuning or SideTuning())
    top = float(weights.max()) if len(weights) else 1.0
    return {int(h): 1.0 + 2.0 * float(w) / top for h, w in zip(hexes, weights, strict=True)}


def play_attacks(player: AIPlayer, session: Session, deadline: float | None, posture: str = "attack") -> int:
    """Make attacks one at a time while one is worth making, advancing after combat; returns attacks made."""
    made = 0
    tried: set[tuple[tuple[int, ...], int]] = set()
    limit = 4 * len(session.state.spec.units) + 10
    advance = advance_type()
    while made < limit and not session.state.game_over:
        if deadline is not None and time.perf_counter() > deadline:
            break
        state = session.state
        view = observe(state, player.side)
        plan = plan_attack(player, state, view, posture)
        if plan is None or (plan.attackers, plan.target) in tried:
            break
        tried.add((plan.attackers, plan.target))
        ids = [state.spec.units[u].id for u in plan.attackers]
        order = make_attack(ids, state.spec.map.label_of(plan.target), plan.air)
        if not player.submit_checked(session, order, view is not state):
            continue
        made += 1
        if advance is None or session.state.game_over:
            continue
        state = session.state
        offers = [o for o in session.legal_orders() if isinstance(o, advance)]
        ready = [state.spec.unit_index[o.unit] for o in offers]  # type: ignore[attr-defined]
        if ready:
            view = observe(state, player.side)
            u = choose_advance(player, view, ready, plan.target, posture)
            if u is not None:
                player.submit_checked(session, advance(state.spec.units[u].id), True)
    return made
