"""Look-ahead for the strong levels: try several move plans on copies of the observation and keep the best.

Each candidate plan is applied to a copy of the side's observation (units set
down on their destinations; no dice, no session). The resulting position is
valued in one vectorised pass with the combat table's expected results:

* objectives: points held, discounted by the chance the enemy takes them next turn;
* exposure: the steps our stacks are expected to lose to everything the enemy can
  bring against them next turn (his reach is recomputed through our new zones of control);
* prospects: what our own attacks from the new positions are expected to gain this turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.ai.config import SideTuning
from game.ai.fields import neighbour_sum, ruleset_section, terrain_defence
from game.ai.moves import PlannedMove, plan_moves
from game.ai.picture import Picture, build_picture, enemy_threat_next
from game.movement import reach_all
from game.state import GameState


@dataclass(frozen=True)
class CombatTable:
    """Per odds column: expected steps lost by each side and the chance the defender is dislodged."""

    ratios: np.ndarray
    defender_loss: np.ndarray
    attacker_loss: np.ndarray
    dislodge: np.ndarray

    def column(self, attack: np.ndarray, defence: np.ndarray, shift: np.ndarray) -> np.ndarray:
        """Odds column index of each (attack, defence, shift)."""
        ratio = attack / np.maximum(defence, 1e-9)
        base = np.searchsorted(self.ratios, ratio + 1e-9, side="right") - 1
        col = np.clip(base + shift, 0, len(self.ratios) - 1)
        return np.where(ratio < self.ratios[0], np.maximum(col - 1, 0), col).astype(np.int64)


def combat_table(state: GameState) -> CombatTable | None:
    """The expected-result table of the ruleset's combat results table (None without combat rules)."""
    cached = getattr(state.spec, "_ai_combat_table", None)
    if cached is not None:
        return cached
    combat = ruleset_section(state, "combat")
    if not combat:
        return None
    cols = combat["columns"]
    ratios = np.array([a / d for a, d in (c["ratio"] for c in cols)])
    dl, al, dis = [], [], []
    for c in cols:
        row = [combat["results"][code] for code in combat["table"][c["name"]]]
        dl.append(np.mean([r.get("defender_loss", 0) + (3 if r.get("eliminate_defender") else 0) for r in row]))
        al.append(np.mean([r.get("attacker_loss", 0) for r in row]))
        dis.append(np.mean([bool(r.get("defender_retreat") or r.get("eliminate_defender")) for r in row]))
    table = CombatTable(ratios, np.array(dl), np.array(al), np.array(dis))
    object.__setattr__(state.spec, "_ai_combat_table", table)
    return table


def apply_plan(view: GameState, moves: list[PlannedMove]) -> GameState:
    """A copy of ``view`` with the planned units standing on their destinations (and holding them)."""
    out = view.clone()
    for mv in moves:
        out.units["hex"][mv.unit] = mv.target
        out.units["mp"][mv.unit] = 0
        out.hexes["control"][mv.target] = view.spec.unit_side[mv.unit]
    return out


def evaluate(position: GameState, p: Picture, caution: float) -> float:
    """Value of ``position`` for the side of picture ``p`` (higher is better)."""
    table = combat_table(position)
    side = p.side
    spec = position.spec
    m = spec.map
    n = m.size
    own = position.units_on_map(side)
    enemy = position.units_on_map(1 - side)
    hexes = position.units["hex"]
    own_def = np.bincount(hexes[own], weights=p.unit_defence[own], minlength=n)
    own_att = np.bincount(hexes[own], weights=p.unit_attack[own], minlength=n)
    own_steps = np.bincount(hexes[own], weights=position.units["steps"][own].astype(float), minlength=n)
    enemy_def = np.bincount(hexes[enemy], weights=p.unit_defence[enemy], minlength=n)
    enemy_steps = np.bincount(hexes[enemy], weights=position.units["steps"][enemy].astype(float), minlength=n)
    terrain = np.round(terrain_defence(position)).astype(np.int64)
    threat = enemy_threat_next(position, side, p.unit_attack)
    control = position.hexes["control"]
    value = 0.0
    obj = np.zeros(n)
    np.add.at(obj, p.objectives, p.objective_weight)
    wmax = float(p.objective_weight.max()) if len(p.objective_weight) else 1.0
    scale = 6.0 / wmax
    if table is None:
        return float((obj * (control == side)).sum() * scale)
    # exposure of our stacks, and the chance of losing what we hold
    stacks = np.nonzero(own_def > 0)[0]
    lose = np.zeros(n)
    if len(stacks):
        col = table.column(threat[stacks], own_def[stacks], -terrain[stacks])
        hit = threat[stacks] > 0
        loss = np.minimum(table.defender_loss[col], own_steps[stacks]) * hit
        value -= caution * float(loss.sum())
        lose[stacks] = table.dislodge[col] * hit
    empty_reachable = (own_def == 0) & (threat > 0)
    lose[empty_reachable] = 1.0
    held = (control == side) & (obj > 0)
    value += scale * float((obj[held] * (1.0 - lose[held])).sum())
    # prospects of our attacks from here: every enemy hex against all our adjacent attack
    targets = np.nonzero(enemy_def > 0)[0]
    if len(targets):
        adj_att = neighbour_sum(m, own_att)[targets]
        ok = adj_att > 0
        if ok.any():
            t = targets[ok]
            col = table.column(adj_att[ok], enemy_def[t], -terrain[t])
            gain = np.minimum(table.defender_loss[col], enemy_steps[t])
            cost = table.attacker_loss[col] * caution
            take = table.dislodge[col] * obj[t] * scale
            value += float(np.maximum(gain - cost + take, 0.0).sum())
    return value


def enemy_reply(
    position: GameState, side: int, enemy_tuning: SideTuning, enemy_posture: str, rng: np.random.Generator
) -> GameState:
    """``position`` after the enemy's normal-level move reply, as we can foresee it from what we see.

    The enemy is given his full allowance; his plan is the normal level's without jitter
    (so ``rng`` is not drawn from). Only units we see take part: this is our observation.
    """
    from game.ai.config import LEVELS

    enemy = 1 - side
    probe = position.clone()
    units = probe.units_on_map(enemy)
    if len(units) == 0:
        return probe
    probe.units["mp"][units] = probe.spec.unit_allowance[units]
    ep = build_picture(probe, enemy, enemy_tuning, enemy_posture)
    reaches = reach_all(probe, enemy)
    plan = plan_moves(ep, LEVELS["normal"], enemy_tuning, reaches, rng, None, noise=0.0)
    return apply_plan(probe, plan)


def evaluate_reply(after: GameState, p: Picture, caution: float) -> float:
    """Value of the position after the enemy's foreseen reply: what his attacks from there should cost us.

    Each of our stacks is attacked by the enemy units next to it (if the odds reach 1:1),
    valued by the combat table's expected results; objectives count as held with the chance
    they are not taken (an objective the enemy walked into is lost).
    """
    table = combat_table(after)
    side = p.side
    m = after.spec.map
    n = m.size
    own = after.units_on_map(side)
    enemy = after.units_on_map(1 - side)
    hexes = after.units["hex"]
    obj = np.zeros(n)
    np.add.at(obj, p.objectives, p.objective_weight)
    wmax = float(p.objective_weight.max()) if len(p.objective_weight) else 1.0
    scale = 6.0 / wmax
    control = after.hexes["control"]
    if table is None:
        return float((obj * (control == side)).sum() * scale)
    own_def = np.bincount(hexes[own], weights=p.unit_defence[own], minlength=n)
    own_steps = np.bincount(hexes[own], weights=after.units["steps"][own].astype(float), minlength=n)
    enemy_att = np.bincount(hexes[enemy], weights=p.unit_attack[enemy], minlength=n)
    adj = neighbour_sum(m, enemy_att)
    terrain = np.round(terrain_defence(after)).astype(np.int64)
    value = 0.0
    lose = np.zeros(n)
    stacks = np.nonzero(own_def > 0)[0]
    if len(stacks):
        col = table.column(adj[stacks], own_def[stacks], -terrain[stacks])
        hit = adj[stacks] >= own_def[stacks]
        loss = np.minimum(table.defender_loss[col], own_steps[stacks]) * hit
        value -= caution * float(loss.sum())
        lose[stacks] = table.dislodge[col] * hit
    # an empty objective next to an enemy unit is as good as lost
    lose[(own_def == 0) & (adj > 0)] = 1.0
    held = (control == side) & (obj > 0)
    value += scale * float((obj[held] * (1.0 - lose[held])).sum())
    return value
