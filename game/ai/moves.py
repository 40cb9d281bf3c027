"""Movement planning: give every unit a role and pick its destination from score fields.

Each role (operation, spearhead, assault, line, depth, reserve, counter, withdraw) has a
score per hex built from the picture's fields in a few numpy expressions. Units
are then placed one by one (armour first): a unit takes the best-scoring hex it
can reach where stacking allows, and the fields are lowered around the chosen
hex so the next units spread along the front or mass where that is wanted. Units of a
scenario's running operations (``ai.SIDE.operations``) take the 'operation' role: each drives
for its operation's objective instead of the side-wide ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from game.ai.config import Level, SideTuning
from game.ai.fields import hex_distance_matrix, neighbour_max, neighbour_sum
from game.ai.picture import Picture, enemy_supply_lines, operation_orders, targets_of, weakness
from game.movement import Reach
from game.ruleset import MP_TICKS

DANGER_WEIGHT: dict[str, float] = {"line": 0.9, "depth": 0.9, "reserve": 1.0, "counter": 0.8, "assault": 0.4,
                                   "spearhead": 0.3, "withdraw": 0.6, "operation": 0.2}
"""How much each role minds ending where the enemy could attack it at high odds next turn."""
HOLD_ODDS = 1.5
"""A threatened objective is held well enough when the enemy's best odds on it are below this."""

ROLE_ORDER: tuple[str, ...] = ("withdraw", "operation", "spearhead", "counter", "assault", "line", "depth",
                               "reserve")
"""Planning order: units in earlier roles choose first."""


OPERATION_PULL = 4.0
"""Score per turn of MP distance to an operation's objective (the spearhead's pull is 1.2)."""
CUT_WEIGHT = 0.3
"""Score per enemy supply line an operation unit's hex and zone of control would block."""
CUT_CAP = 10.0
"""Most enemy supply lines counted for one hex."""


@dataclass(frozen=True)
class PlannedMove:
    """A unit to move and the hex index it goes to."""

    unit: int
    target: int
    role: str


def assign_roles(
    p: Picture, level: Level, reaches: dict[int, Reach], operations: dict[int, int] | None = None
) -> dict[int, str]:
    """The role of every unit of the side that can move (``operations``: unit -> objective hex)."""
    operations = operations or {}
    roles: dict[int, str] = {}
    units = np.array(sorted(reaches), np.int64)
    if len(units) == 0:
        return roles
    hexes = p.view.units["hex"][units]
    contact = p.steps_to_enemy[hexes]
    free = []
    for u, c in zip(units, contact, strict=True):
        u = int(u)
        if u in operations:
            roles[u] = "operation"
        elif level.withdraw and p.cut_off[u]:
            roles[u] = "withdraw"
        elif p.posture == "attack":
            roles[u] = "spearhead" if p.armour[u] else "assault"
        else:
            free.append((float(c), u))
    if free:
        free.sort()
        n = len(free)
        n_reserve = int(level.reserve_fraction * n)  # a small force keeps every unit in the line
        n_line = n - n_reserve if not level.depth else max(1, int(round((n - n_reserve) * 0.7)))
        for k, (_, u) in enumerate(free):
            if k < n_line:
                roles[u] = "line"
            elif k < n - n_reserve:
                roles[u] = "depth"
            else:
                roles[u] = "counter" if p.armour[u] else "reserve"
    return roles


class ScoreFields:
    """Per-role hex scores for one phase, lowered as units claim hexes."""

    def __init__(self, p: Picture, level: Level, tuning: SideTuning) -> None:
        self.p = p
        self.level = level
        self.tuning = tuning
        m = p.view.spec.map
        n = m.size
        self.n = n
        self._pocket: np.ndarray | None = None
        s = p.steps_to_enemy
        control = p.view.hexes["control"]
        obj = np.zeros(n)
        np.add.at(obj, p.objectives, p.objective_weight)
        self.obj_value = obj
        wmax = float(p.objective_weight.max()) if len(p.objective_weight) else 1.0
        own_obj = (obj > 0) & (control == p.side)
        enemy_obj = (obj > 0) & (control != p.side)
        aggression = tuning.aggression
        mean_def = float(p.unit_defence[p.own].mean()) if len(p.own) else 1.0
        danger = np.clip(p.threat / max(2.0 * mean_def, 1e-9), 0.0, 3.0)
        weak = weakness(p)

        # holding a place: threatened own objectives draw defenders until the odds against them are low
        hold = 1.0 if p.posture == "defend" else 0.5
        self.garrison = np.where(own_obj & (p.threat_next > 0), hold * (0.3 + 3.0 * obj / wmax), 0.0)
        self.shift_factor = 2.0 ** np.clip(p.terrain, -1.0, 4.0)
        # taking a place: walking into an empty enemy-held objective
        self.capture = np.where(enemy_obj & (p.enemy_count == 0), 2.0 + 4.0 * obj / wmax, 0.0)

        contact = np.select([s == 1, s == 2, s == 3], [1.0, 0.6, 0.2], 0.0)
        self.base = {
            "line": 0.9 * p.terrain + 1.2 * contact - 0.6 * danger * (1.0 - np.clip(p.terrain, 0, 2) / 3.0),
            "depth": 0.7 * p.terrain + np.select([s == 3, s == 4, s == 2], [1.0, 0.8, 0.3], 0.0)
            - 1.5 * (s <= 1),
            "reserve": 0.6 * ((s >= 2) & (s <= 5)) - 1.5 * (s <= 1) + 0.2 * p.terrain,
            "assault": 1.2 * aggression * weak + 0.2 * np.minimum(neighbour_sum(m, p.own_def_hex > 0), 3)
            - 0.3 * danger / max(aggression, 0.1),
            "spearhead": 1.0 * aggression * weak - 0.2 * danger,
            "withdraw": 0.3 * p.terrain - 0.5 * danger,
            "operation": 0.3 * aggression * weak - 0.2 * danger,
        }
        self.base["counter"] = self.base["reserve"].copy()
        # how far each role looks toward the objectives (score per turn of distance)
        self.obj_pull = {"line": 0.4, "depth": 0.5, "reserve": 0.8, "counter": 0.6, "assault": 1.0,
                         "spearhead": 1.2, "withdraw": 0.0}
        self.obj_kind = {"line": "own", "depth": "own", "reserve": "own", "counter": "own",
                         "assault": "enemy", "spearhead": "enemy", "withdraw": "own"}
        # a continuous line: hexes whose zone of control closes front hexes no one covers yet
        self.front = ((s >= 1) & (s <= 2) & (p.enemy_count == 0)).astype(np.float64)
        self.uncovered = self.front.copy()
        self.gap_weight = 1.0 if p.posture == "defend" and level.depth else 0.0
        self.spacing = {"line": 0.8, "depth": 0.5, "reserve": 0.3, "counter": 0.2, "assault": 0.1,
                        "spearhead": -0.3, "withdraw": 0.0, "operation": 0.2}
        # closing on a held enemy objective: positions next to it, by its worth
        siege = np.where(enemy_obj & (p.enemy_count > 0), 1.5 * obj / wmax, 0.0)
        siege_near = neighbour_max(m, siege)
        self.base["assault"] = self.base["assault"] + aggression * siege_near
        self.base["spearhead"] = self.base["spearhead"] + aggression * siege_near
        if level.concentrate and p.posture == "attack":
            self._schwerpunkt(weak)
        if tuning.operations:
            self.base["operation"] = self.base["operation"] + 0.25 * self.pocket_value() + self.cut_value()
        if p.posture == "defend":
            self._counter_targets()
        self.supply_penalty = p.supply_over

    def _schwerpunkt(self, weak: np.ndarray) -> None:
        """Mass the armour next to a few weak enemy hexes near the line to the objectives; add pocket value."""
        p = self.p
        m = p.view.spec.map
        enemy_hexes = np.nonzero(p.enemy_count > 0)[0]
        if len(enemy_hexes) == 0:
            return
        dist = p.objective_distance(0, "enemy")[enemy_hexes]
        finite = np.where(np.isfinite(dist), dist, dist[np.isfinite(dist)].max(initial=0.0) + 10.0)
        resistance = p.enemy_def_hex[enemy_hexes] * (1.0 + 0.5 * np.maximum(p.terrain[enemy_hexes], 0))
        rank = resistance / max(float(resistance.mean()), 1e-9) + finite / max(float(finite.mean()), 1e-9)
        n_points = max(1, min(3, int(p.armour[p.own].sum()) // 3))
        points = enemy_hexes[np.argsort(rank, kind="stable")[:n_points]]
        near = np.zeros(self.n)
        nb = m.neighbors[points]
        near[nb[nb >= 0]] = 2.5
        self.base["spearhead"] = self.base["spearhead"] + near + self.pocket_value()

    def cut_value(self) -> np.ndarray:
        """Per hex: worth of standing there to block enemy supply lines with the zone of control."""
        m = self.p.view.spec.map
        flow = enemy_supply_lines(self.p.view, self.p.side)
        return CUT_WEIGHT * np.minimum(flow + neighbour_sum(m, flow), CUT_CAP)

    def pocket_value(self) -> np.ndarray:
        """Per hex: worth of standing there to cut enemy units off (hexes deeper than enemy units nearby).

        Deeper means further from our rear; counts the enemy units within three hexes, at most six.
        """
        if self._pocket is not None:
            return self._pocket
        p = self.p
        pocket = np.zeros(self.n)
        cand = np.nonzero((p.steps_to_enemy >= 1) & (p.steps_to_enemy <= 3) & (p.enemy_count == 0))[0]
        if len(cand):
            enemy_hex_units = p.view.units["hex"][p.enemy]
            d = hex_distance_matrix(p.view.spec.map, cand, enemy_hex_units)
            deeper = p.rear_steps[cand][:, None] > p.rear_steps[enemy_hex_units][None, :]
            pocket[cand] = 0.4 * np.minimum(((d <= 3) & deeper).sum(axis=1), 6)
        self._pocket = pocket
        return pocket

    def _counter_targets(self) -> None:
        """Reserves move next to exposed enemy units: few friends around them, ours strong nearby."""
        p = self.p
        m = p.view.spec.map
        if len(p.enemy) == 0:
            return
        eh = p.view.units["hex"][p.enemy]
        enemy_support = neighbour_sum(m, p.enemy_def_hex)[eh]
        own_near = p.support[eh]
        out = p.view.units["supply"][p.enemy] > 0
        exposure = own_near / (1.0 + enemy_support + p.enemy_def_hex[eh]) + 1.0 * out
        value = np.zeros(self.n)
        np.maximum.at(value, eh, exposure)
        near = np.zeros(self.n)
        nb = m.neighbors[eh]
        ok = nb >= 0
        np.maximum.at(near, nb[ok], np.repeat(exposure, 6).reshape(-1, 6)[ok])
        self.base["counter"] = self.base["counter"] + 1.5 * np.minimum(near, 3.0)

    def score(self, role: str, move_class: int, allowance: float, target: int | None = None) -> np.ndarray:
        """The full score field of a unit of ``role`` (higher is better); ``target``: an operation's objective."""
        p = self.p
        turns = allowance if allowance > 0 else 1.0
        if role == "operation" and target is not None:
            return self.operation_score(move_class, turns, target)
        if role == "withdraw":
            dist = np.where(np.isfinite(p.escape_steps), p.escape_steps, 50.0)
            return self.base[role] - 1.0 * dist + self.garrison
        dist = p.objective_distance(move_class, self.obj_kind[role])
        dist = np.where(np.isfinite(dist), dist, 1e3)
        out = self.base[role] - self.obj_pull[role] * dist / turns + self.garrison
        if self.obj_kind[role] == "enemy":
            out = out + self.capture
        else:
            hold = p.objective_distance(move_class, "hold")
            if np.isfinite(hold).any():
                pull = 1.5 if p.posture == "defend" else 0.4
                out = out - pull * np.minimum(np.where(np.isfinite(hold), hold, 1e3), 30.0) / turns
        if role in ("spearhead", "assault"):
            out = out - (0.6 if role == "spearhead" else 0.3) * self.supply_penalty / max(self.tuning.aggression, 0.1)
        return out

    def operation_score(self, move_class: int, turns: float, target: int) -> np.ndarray:
        """An operation unit's field: the way to its objective, cutting enemy units off on the way."""
        dist = self.p.target_distance(move_class, target)
        dist = np.where(np.isfinite(dist), dist, 1e3)
        caution = 0.2 / max(self.tuning.aggression, 0.1)
        # no pull of the side-wide objectives (nor their capture): the operation has its own
        return self.base["operation"] - OPERATION_PULL * dist / turns - caution * self.supply_penalty

    def gaps(self) -> np.ndarray:
        """Per hex: front hexes a unit there would newly cover with its zone of control."""
        m = self.p.view.spec.map
        return self.uncovered + neighbour_sum(m, self.uncovered)

    def claim(self, role: str, target: int) -> None:
        """Lower the fields around a hex a unit has taken, so others spread (or mass) sensibly."""
        m = self.p.view.spec.map
        self.capture[target] = 0.0
        if self.gap_weight:
            nb = m.neighbors[target]
            self.uncovered[target] = 0.0
            self.uncovered[nb[nb >= 0]] = 0.0
        k = self.spacing.get(role, 0.0)
        if k == 0.0:
            return
        nb = m.neighbors[target]
        nb = nb[nb >= 0]
        for r in ("line", "depth") if role in ("line", "depth") else (role,):
            self.base[r][target] -= k
            self.base[r][nb] -= 0.5 * k


def plan_moves(
    p: Picture,
    level: Level,
    tuning: SideTuning,
    reaches: dict[int, Reach],
    rng: np.random.Generator,
    deadline: float | None = None,
    noise: float | None = None,
) -> list[PlannedMove]:
    """Destinations for the side's units; every one is within the unit's reach and stacking limits."""
    spec = p.view.spec
    orders = operation_orders(p, tuning)
    targets = targets_of(orders)
    roles = assign_roles(p, level, reaches, targets)
    fields = ScoreFields(p, level, tuning)
    cap = spec.ruleset.tables.stacking.max_units
    # hexes fill up only with units already placed: units not yet planned may still leave
    planned = np.array(sorted(roles), np.int64)
    count = p.view.occupancy(p.side).copy()
    np.subtract.at(count, p.view.units["hex"][planned], 1)
    stack_def = p.own_def_hex.copy()
    order = sorted(roles, key=lambda u: (ROLE_ORDER.index(roles[u]), -float(p.unit_defence[u]), u))
    noise_scale = level.noise if noise is None else noise
    aggression = max(tuning.aggression, 0.1)
    chosen: dict[int, int] = {}
    for u in order:
        r = reaches[u]
        if deadline is not None and time.perf_counter() > deadline:
            chosen[u] = r.start
            count[r.start] += 1
            continue
        role = roles[u]
        if role == "operation" and orders[u][1]:
            chosen[u] = r.start  # under a hold order: it stands
            count[r.start] += 1
            continue
        ok = ((r.cost > 0) | (np.arange(len(r.cost)) == r.start)) & (count < cap)
        cand = np.nonzero(ok)[0]
        if len(cand) == 0:
            chosen[u] = r.start  # nowhere to go: stays, and moves into its hex are dropped below
            count[r.start] += 1
            continue
        allowance = float(spec.unit_allowance[u]) / MP_TICKS
        def_u = float(p.unit_defence[u])
        stay = cand == r.start
        held = (stack_def[cand] - np.where(stay, def_u, 0.0)) * fields.shift_factor[cand]
        # garrison: worth it while the objective is not yet held well enough
        need = p.threat_next[cand] / HOLD_ODDS > held
        s = fields.score(role, int(spec.unit_class[u]), allowance, targets.get(u))[cand]
        s = s - fields.garrison[cand] * ~need
        if fields.gap_weight and role in ("line", "depth"):
            s = s + fields.gap_weight * np.minimum(fields.gaps()[cand], 4.0)
        # danger: the enemy's best odds on the stack this unit would join, after terrain
        odds = p.threat_next[cand] / np.maximum((held + def_u * fields.shift_factor[cand]), 1e-6)
        danger = np.clip(np.log2(np.maximum(odds, 1e-6)), 0.0, 3.0)
        weight = DANGER_WEIGHT[role] / (aggression if role in ("assault", "spearhead", "operation") else 1.0)
        s = s - weight * danger * (1.0 - 0.5 * (fields.obj_value[cand] > 0))
        s = s - 0.02 * r.cost[cand] / MP_TICKS
        if noise_scale > 0:
            s = s + rng.normal(0.0, noise_scale, len(cand))
        best = int(cand[int(np.argmax(s))])
        fields.claim(role, best)
        chosen[u] = best
        count[best] += 1
        if best != r.start:
            stack_def[r.start] -= def_u
            stack_def[best] += def_u
    moves = [PlannedMove(u, chosen[u], roles[u]) for u in order if chosen[u] != reaches[u].start]
    return sequence(moves, p.view.occupancy(p.side), cap, {u: reaches[u].start for u in chosen})


def sequence(moves: list[PlannedMove], occupancy: np.ndarray, cap: int, start: dict[int, int]) -> list[PlannedMove]:
    """Order moves so that stacking holds after each one (units leave a hex before others enter it).

    Moves that can never be made (a cycle of full hexes, or a unit that must stay) are dropped.
    """
    occ = occupancy.copy()
    pending = list(moves)
    out: list[PlannedMove] = []
    progress = True
    while pending and progress:
        progress = False
        waiting = []
        for mv in pending:
            if occ[mv.target] < cap:
                occ[start[mv.unit]] -= 1
                occ[mv.target] += 1
                out.append(mv)
                progress = True
            else:
                waiting.append(mv)
        pending = waiting
    return out
