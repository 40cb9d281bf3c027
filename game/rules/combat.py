"""Combat: odds, column shifts, the combat results table, losses, retreats, advance after combat.

``odds_preview(state, attack)`` computes everything an attack depends on —
each unit's strength with every modifier, the odds column, every column
shift with its cause and the ruleset ``file:line`` that defines it, and the
exact probability of each result. ``apply_attack`` resolves an attack with
the *same* preview and one die roll (chance kind ``combat``), so what the
player saw is what the dice decide.

``threats(state, hex)`` answers the defender's question: which enemy units
can reach this hex next turn and what could they do to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from game.chance import ChanceSource, die
from game.events import Event
from game.movement import enemy_zoc, reach_all
from game.orders import Order
from game.rules.common import hex_distance, pct
from game.rules.movement_orders import take_control
from game.rules.orders import Advance, Attack
from game.rules.rule_events import CombatResolved, UnitAdvanced, UnitRetreated
from game.rules.supply import lose_steps, unit_effects
from game.rules.violations import Violation
from game.ruleset import IMPASSABLE
from game.state import GameState
from game.units import UnitStatus

ADVANCE_COUNTER = "advance.hex"
"""Counter holding (hex index + 1) of the hex attackers may advance into; 0 = none."""
ADVANCE_UNIT = "advance.unit."
"""Counters ``advance.unit.<unit index>`` = 1 for the units that may advance."""


def advance_units(state: GameState) -> list[int]:
    """Indices of the units that may still advance after the last combat."""
    n = len(ADVANCE_UNIT)
    return sorted(int(k[n:]) for k, v in state.counters.items() if k.startswith(ADVANCE_UNIT) and v)


@dataclass(frozen=True)
class Modifier:
    """A percentage applied to one unit's strength, with its cause and ruleset citation."""

    cause: str
    pct: int
    source: str


@dataclass(frozen=True)
class UnitStrength:
    """One unit's part in a combat: base strength (steps x rating) and final strength."""

    unit: str
    name: str
    index: int
    base: Fraction
    strength: Fraction
    modifiers: tuple[Modifier, ...]


@dataclass(frozen=True)
class Shift:
    """A column shift (positive favours the attacker) with its cause and ruleset citation."""

    cause: str
    columns: int
    source: str


@dataclass(frozen=True)
class ResultChance:
    """One possible result: its code, meaning, exact probability and the die rolls giving it."""

    code: str
    text: str
    probability: Fraction
    rolls: tuple[int, ...]


@dataclass(frozen=True)
class CombatPreview:
    """Everything an attack depends on; ``apply_attack`` uses exactly these numbers."""

    target: str
    target_index: int
    attacker_side: int
    attackers: tuple[UnitStrength, ...]
    defenders: tuple[UnitStrength, ...]
    attack: Fraction
    defence: Fraction
    base_column: int
    base_column_name: str
    shifts: tuple[Shift, ...]
    column: int
    column_name: str
    die: int
    table_row: tuple[str, ...]
    results: tuple[ResultChance, ...]
    air: int = 0
    notes: tuple[str, ...] = field(default=())

    def probability(self, code: str) -> Fraction:
        """Exact probability of result ``code`` (0 if it cannot happen)."""
        return sum((r.probability for r in self.results if r.code == code), Fraction(0))

    def result_for_roll(self, roll: int) -> str:
        """The result code of die roll ``roll`` (1-based)."""
        return self.table_row[roll - 1]

    def lines(self) -> list[str]:
        """A readable breakdown: strengths, modifiers, odds, shifts, results."""
        out = [f"Attack on {self.target}: {_fmt(self.attack)} against {_fmt(self.defence)} "
               f"-> {self.base_column_name}"]
        for label, group in (("attacker", self.attackers), ("defender", self.defenders)):
            for s in group:
                mods = "".join(f" x{m.pct}% {m.cause} [{m.source}]" for m in s.modifiers)
                out.append(f"  {label} {s.name}: {_fmt(s.base)}{mods} = {_fmt(s.strength)}")
        for sh in self.shifts:
            out.append(f"  shift {sh.columns:+d}: {sh.cause} [{sh.source}]")
        out.append(f"  final column {self.column_name}")
        for r in self.results:
            out.append(f"  {r.code} ({r.text}): {float(r.probability):.1%} on {', '.join(map(str, r.rolls))}")
        out.extend(f"  note: {n}" for n in self.notes)
        return out


def _fmt(x: Fraction) -> str:
    return f"{float(x):g}"


# --- strengths --------------------------------------------------------------------------------


def _rules(state: GameState):  # noqa: ANN202 - CombatRules
    c = state.spec.ruleset.combat
    if c is None:
        raise ValueError(f"ruleset {state.spec.ruleset.id!r} has no combat section")
    return c


def unit_strength(state: GameState, u: int, rating: str) -> UnitStrength:
    """Attack or defence strength of unit ``u`` with supply, cold, fatigue and quality modifiers."""
    c = _rules(state)
    cite = state.spec.ruleset.sources.cite
    unit = state.spec.units[u]
    per_step = Fraction(str(unit.attack_per_step if rating == "attack" else unit.defence_per_step))
    base = per_step * int(state.units["steps"][u])
    mods = [Modifier(e.cause, e.pct, e.source) for e in unit_effects(state, u, rating)]
    if rating == "attack":
        f = int(state.units["fatigue"][u])
        if f > 0 and c.fatigue_attack_pct:
            k = min(f, len(c.fatigue_attack_pct) - 1)
            if c.fatigue_attack_pct[k] != 100:
                mods.append(Modifier(f"fatigue {f}", c.fatigue_attack_pct[k], cite("combat", "fatigue_attack_pct", k)))
    if unit.quality and c.quality_pct:
        q = 100 + unit.quality * c.quality_pct
        mods.append(Modifier(f"quality {unit.quality:+d}", q, cite("combat", "quality_pct")))
    strength = base
    for m in mods:
        strength *= pct(m.pct)
    return UnitStrength(unit.id, unit.name, u, base, strength, tuple(mods))


def column_of(state: GameState, attack: Fraction, defence: Fraction) -> int:
    """Index of the odds column for these strengths (below the first column: the first)."""
    cols = _rules(state).columns
    if defence <= 0:
        return len(cols) - 1
    best = 0
    for i, col in enumerate(cols):
        if attack * col.ratio[1] >= defence * col.ratio[0]:
            best = i
    return best


# --- the preview ----------------------------------------------------------------------------------


def odds_preview(
    state: GameState, attack: Attack | str | int, positions: Mapping[int, int] | None = None
) -> CombatPreview | None:
    """Odds, every modifier and shift (with cause and ruleset file:line) and each result's probability.

    ``attack`` need not be legal (the UI previews while the player chooses);
    ``positions`` optionally places attackers (unit index -> hex index) for
    "what if I move there" questions. Raises ValueError for unknown hexes/units.

    Given a hex (label or index) instead of an ``Attack``, it answers the
    defender's question: the preview of the strongest attack the enemy could
    make on that hex next turn (see ``threats``), or None if none can.
    """
    if not isinstance(attack, Attack):
        return threats(state, attack).preview
    c = _rules(state)
    rs = state.spec.ruleset
    cite = rs.sources.cite
    m = state.spec.map
    target = m.index_of_label(attack.target)
    att_idx = [state.unit_index(uid) for uid in attack.units]
    if not att_idx:
        raise ValueError("an attack needs at least one unit")
    side = int(state.spec.unit_side[att_idx[0]])
    defenders = [int(u) for u in state.units_at(target) if int(state.spec.unit_side[u]) != side]
    att = tuple(unit_strength(state, u, "attack") for u in att_idx)
    dfd = tuple(unit_strength(state, u, "defence") for u in defenders)
    a_total = sum((s.strength for s in att), Fraction(0))
    d_total = sum((s.strength for s in dfd), Fraction(0))
    base = column_of(state, a_total, d_total)
    grounds = rs.tables.grounds
    ground = grounds[int(state.hexes["ground"][target])]
    shifts: list[Shift] = []
    notes: list[str] = []
    sh = c.shifts
    terrain = m.terrain_name(target)
    if sh.terrain.get(terrain, 0):
        shifts.append(Shift(f"defender in {terrain}", sh.terrain[terrain],
                            cite("combat", "shifts", "terrain", terrain)))
    # rivers: applies when every attacker crosses; the mildest crossing counts
    pos = {u: (positions or {}).get(u, int(state.units["hex"][u])) for u in att_idx}
    crossing: list[tuple[int, str, str]] = []
    for u in att_idx:
        h = pos[u]
        dirs = np.nonzero(m.neighbors[h] == target)[0] if h >= 0 else []
        if len(dirs) == 0:
            crossing.append((0, "", ""))
            continue
        name = m.hexside_names[int(m.hexside[h, int(dirs[0])])]
        table = sh.hexsides.get(name)
        if table is None:
            crossing.append((0, "", ""))
            continue
        key = ground if ground in table else "default"
        crossing.append((table.get(key, 0), name, key))
    mild = max(crossing, key=lambda x: x[0])
    if mild[0]:
        shifts.append(Shift(f"attack across {mild[1].replace('_', ' ')} ({ground} ground)", mild[0],
                            cite("combat", "shifts", "hexsides", mild[1], mild[2])))
    level = int(m.fort[target])
    if level > 0 and sh.fortification:
        k = min(level, len(sh.fortification) - 1)
        if sh.fortification[k]:
            shifts.append(Shift(f"fortifications level {level}", sh.fortification[k],
                                cite("combat", "shifts", "fortification", k)))
    if sh.ground.get(ground, 0):
        shifts.append(Shift(f"{ground} ground", sh.ground[ground], cite("combat", "shifts", "ground", ground)))
    units = state.spec.units
    armour = max((c.armour_class.get(units[u].unit_type, 0) for u in att_idx), default=0)
    anti_tank = max((c.anti_tank.get(units[u].unit_type, 0) for u in defenders), default=0)
    if sh.armour and armour > 0 and armour > anti_tank:
        shifts.append(Shift(f"armour (class {armour}) against anti-tank class {anti_tank}", sh.armour,
                            cite("combat", "shifts", "armour")))
    symbols = {units[u].symbol for u in att_idx}
    if sh.combined_arms and symbols & set(c.armour_symbols) and symbols & set(c.infantry_symbols):
        shifts.append(Shift("combined arms: armour with infantry", sh.combined_arms,
                            cite("combat", "shifts", "combined_arms")))
    if attack.air:
        from game.rules.weather import current_weather

        now = current_weather(state)
        if now is not None and not now.flyable:
            notes.append(f"no air support: {now.weather} is not flying weather")
        elif sh.air_per_point:
            shifts.append(Shift(f"air support, {attack.air} point(s)", sh.air_per_point * attack.air,
                                cite("combat", "shifts", "air_per_point")))
    final = max(0, min(len(c.columns) - 1, base + sum(s.columns for s in shifts)))
    name = c.columns[final].name
    row = tuple(c.table[name])
    results: list[ResultChance] = []
    for code in dict.fromkeys(row):
        rolls = tuple(i + 1 for i, r in enumerate(row) if r == code)
        results.append(ResultChance(code, c.results[code].text, Fraction(len(rolls), c.die), rolls))
    return CombatPreview(
        target=attack.target, target_index=target, attacker_side=side, attackers=att, defenders=dfd,
        attack=a_total, defence=d_total, base_column=base, base_column_name=c.columns[base].name,
        shifts=tuple(shifts), column=final, column_name=name, die=c.die, table_row=row, results=tuple(results),
        air=attack.air, notes=tuple(notes),
    )


# --- checking ----------------------------------------------------------------------------------------


def check_attack(state: GameState, order: Order) -> list[Violation]:
    """Why the attack is illegal (empty when legal)."""
    assert isinstance(order, Attack)
    rs = state.spec.ruleset
    if rs.combat is None:
        return [Violation("no-combat", "this ruleset has no combat rules")]
    if state.game_over:
        return [Violation("game-over", "the game is over")]
    if state.phase != "combat":
        return [Violation("wrong-phase", f"attacks are made in the combat phase; it is the {state.phase} phase")]
    m = state.spec.map
    try:
        target = m.index_of_label(order.target)
    except ValueError as exc:
        return [Violation("bad-hex", str(exc))]
    side = state.active_side
    out: list[Violation] = []
    defenders = [u for u in state.units_at(target) if int(state.spec.unit_side[u]) != side]
    if not defenders:
        out.append(Violation("no-target", f"there are no enemy units in {order.target}"))
    if not order.units:
        out.append(Violation("no-attackers", "name at least one attacking unit"))
    if len(set(order.units)) != len(order.units):
        out.append(Violation("duplicate-unit", "a unit is named twice"))
    for uid in order.units:
        u = state.spec.unit_index.get(uid)
        if u is None:
            out.append(Violation("unknown-unit", f"there is no unit {uid!r}"))
            continue
        unit = state.spec.units[u]
        if unit.side != side:
            out.append(Violation("not-your-unit", f"{unit.name} belongs to {state.spec.sides[unit.side].name}"))
        elif int(state.units["status"][u]) != UnitStatus.ON_MAP:
            out.append(Violation("not-on-map", f"{unit.name} is {UnitStatus.NAMES[int(state.units['status'][u])]}"))
        elif target not in m.neighbors[int(state.units["hex"][u])]:
            out.append(Violation("not-adjacent", f"{unit.name} in {m.label_of(int(state.units['hex'][u]))} "
                                                 f"is not next to {order.target}"))
        elif int(state.units["attacked"][u]):
            out.append(Violation("already-attacked", f"{unit.name} has already attacked this phase"))
        elif unit.attack_per_step <= 0:
            out.append(Violation("cannot-attack", f"{unit.name} has no attack strength"))
    if order.air:
        out += _check_air(state, order.air)
    return out


def _check_air(state: GameState, points: int) -> list[Violation]:
    from game.rules.air import air_points
    from game.rules.weather import current_weather

    ar = state.spec.ruleset.air
    if ar is None:
        return [Violation("no-air", "this ruleset has no air rules")]
    if points < 0:
        return [Violation("bad-air", "air points cannot be negative")]
    out = []
    if points > ar.max_support_points:
        out.append(Violation("too-much-air", f"an attack may use at most {ar.max_support_points} air points"))
    have = air_points(state, state.active_side)
    if points > have:
        out.append(Violation("no-air-points", f"only {have} air point(s) left this turn"))
    now = current_weather(state)
    if now is not None and not now.flyable:
        out.append(Violation("no-flying", f"no air support in {now.weather}"))
    return out


def legal_attacks(state: GameState) -> list[Order]:
    """One attack per enemy hex with every eligible adjacent unit (any non-empty subset is legal too)."""
    if state.phase != "combat" or state.game_over or state.spec.ruleset.combat is None:
        return []
    side = state.active_side
    m = state.spec.map
    mine = state.units_on_map(side)
    mine = mine[(state.units["attacked"][mine] == 0)]
    mine = [int(u) for u in mine if state.spec.units[u].attack_per_step > 0]
    enemy = state.occupancy(1 - side) > 0
    by_target: dict[int, list[str]] = {}
    for u in mine:
        for nb in m.neighbors[int(state.units["hex"][u])]:
            if nb >= 0 and enemy[nb]:
                by_target.setdefault(int(nb), []).append(state.spec.units[u].id)
    return [Attack(m.label_of(t), tuple(ids)) for t, ids in sorted(by_target.items())]


# --- resolving -------------------------------------------------------------------------------------------


def apply_attack(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    """Resolve a checked attack: one die roll on the previewed column, then losses, retreats, advance."""
    assert isinstance(order, Attack)
    c = _rules(state)
    pv = odds_preview(state, order)
    _clear_advance(state)
    side = pv.attacker_side
    if order.air:
        key = f"air.{side}"
        state.counters[key] = state.counters.get(key, 0) - order.air
    roll = die(chance, c.die, "combat")
    code = pv.result_for_roll(roll)
    res = c.results[code]
    events: list[Event] = [CombatResolved(
        pv.target, tuple(s.name for s in pv.attackers), tuple(s.name for s in pv.defenders),
        _fmt(pv.attack), _fmt(pv.defence), pv.column_name,
        tuple(f"{s.cause} {s.columns:+d}" for s in pv.shifts), roll, code, res.text,
    )]
    att = [s.index for s in pv.attackers]
    dfd = [s.index for s in pv.defenders]
    nfat = len(c.fatigue_attack_pct)
    for u in att:
        state.units["attacked"][u] = 1
        state.units["fatigue"][u] = min(int(state.units["fatigue"][u]) + 1, max(nfat - 1, 0))
    events += _take_losses(state, att, res.attacker_loss, f"combat at {pv.target} ({code})")
    if res.eliminate_defender:
        for u in dfd:
            events += lose_steps(state, u, int(state.units["steps"][u]), f"combat at {pv.target} ({code})")
    else:
        events += _take_losses(state, dfd, res.defender_loss, f"combat at {pv.target} ({code})")
    if res.defender_retreat:
        events += _retreat_all(state, dfd, res.defender_retreat, pv.target_index, c.cannot_retreat_loss)
    left = [u for u in dfd if int(state.units["status"][u]) == UnitStatus.ON_MAP
            and int(state.units["hex"][u]) == pv.target_index]
    alive = [u for u in att if int(state.units["status"][u]) == UnitStatus.ON_MAP]
    if not left and alive and not (state.occupancy(1 - side)[pv.target_index] > 0):
        state.counters[ADVANCE_COUNTER] = pv.target_index + 1
        for u in alive:
            state.counters[f"{ADVANCE_UNIT}{u}"] = 1
    return events


def _take_losses(state: GameState, group: list[int], steps: int, cause: str) -> list[Event]:
    """Steps come one at a time from the unit with the most steps left (ties: first listed)."""
    events: list[Event] = []
    for _ in range(steps):
        alive = [u for u in group if int(state.units["status"][u]) == UnitStatus.ON_MAP]
        if not alive:
            break
        u = max(alive, key=lambda x: (int(state.units["steps"][x]), -group.index(x)))
        events += lose_steps(state, u, 1, cause)
    return events


def _retreat_all(state: GameState, group: list[int], hexes: int, origin: int, penalty: int) -> list[Event]:
    events: list[Event] = []
    for u in group:
        if int(state.units["status"][u]) == UnitStatus.ON_MAP:
            events += retreat(state, u, hexes, origin, penalty)
    return events


def retreat(state: GameState, u: int, hexes: int, origin: int, penalty: int) -> list[Event]:
    """Retreat unit ``u`` ``hexes`` hexes away from ``origin``; each hex it cannot go costs ``penalty`` steps.

    Each step must end farther from the combat hex, in a hex free of enemy
    units, with room under the stacking limit, passable for the unit, and
    outside enemy zones of control unless friends stand there. Among those, a
    hex the side controls is preferred, then the lowest index.
    """
    m = state.spec.map
    t = state.spec.ruleset.tables
    side = int(state.spec.unit_side[u])
    zoc = enemy_zoc(state, side)
    enemy = state.occupancy(1 - side) > 0
    cls = int(state.spec.unit_class[u])
    ground = state.hexes["ground"]
    dist = hex_distance(state, origin)
    path = [int(state.units["hex"][u])]
    unit = state.spec.units[u]
    events: list[Event] = []
    for k in range(hexes):
        here = path[-1]
        friends = state.occupancy(side)
        friends[here] -= 1
        best = None
        for d, nb in enumerate(m.neighbors[here]):
            nb = int(nb)
            if nb < 0 or dist[nb] <= dist[here] or enemy[nb]:
                continue
            if friends[nb] >= t.stacking.max_units:
                continue
            cost = t.terrain_cost[cls, m.terrain[nb], ground[nb]] + t.hexside_cost[cls, m.hexside[here, d], ground[nb]]
            road = t.road_cost[cls, m.road[here, d], ground[nb]]
            if min(cost, road) >= IMPASSABLE:
                continue
            if zoc[nb] and friends[nb] == 0:
                continue
            key = (0 if state.hexes["control"][nb] == side else 1, nb)
            if best is None or key < best[0]:
                best = (key, nb)
        if best is None:
            events += lose_steps(state, u, penalty * (hexes - k), f"could not retreat from {m.label_of(origin)}")
            break
        path.append(best[1])
        state.units["hex"][u] = best[1]
    if len(path) > 1 and int(state.units["status"][u]) == UnitStatus.ON_MAP:
        events.insert(0, UnitRetreated(unit.id, unit.name, tuple(m.label_of(h) for h in path)))
        events += take_control(state, path[1:], side)
    return events


# --- advance after combat ---------------------------------------------------------------------------------


def _clear_advance(state: GameState) -> None:
    state.counters[ADVANCE_COUNTER] = 0
    for k in [k for k in state.counters if k.startswith(ADVANCE_UNIT)]:
        del state.counters[k]


def clear_advance_step(state: GameState, chance: ChanceSource) -> list[Event]:
    """Phase end: any advance not taken lapses."""
    if state.counters.get(ADVANCE_COUNTER):
        _clear_advance(state)
    return []


def check_advance(state: GameState, order: Order) -> list[Violation]:
    """Why the advance is illegal (empty when legal)."""
    assert isinstance(order, Advance)
    target = state.counters.get(ADVANCE_COUNTER, 0) - 1
    if state.phase != "combat" or target < 0:
        return [Violation("no-advance",
                          "there is no hex to advance into (advance right after a combat that emptied it)")]
    u = state.spec.unit_index.get(order.unit)
    if u is None:
        return [Violation("unknown-unit", f"there is no unit {order.unit!r}")]
    unit = state.spec.units[u]
    if unit.side != state.active_side or u not in advance_units(state):
        return [Violation("not-in-attack", f"{unit.name} did not take part in the last attack")]
    if int(state.units["status"][u]) != UnitStatus.ON_MAP:
        return [Violation("not-on-map", f"{unit.name} is not on the map")]
    limit = state.spec.ruleset.tables.stacking.max_units
    if state.occupancy(unit.side)[target] >= limit:
        return [Violation("stacking", f"{state.spec.map.label_of(target)} already holds {limit} units")]
    if state.occupancy(1 - unit.side)[target] > 0:
        return [Violation("enemy-hex", "the hex is held by the enemy again")]
    return []


def apply_advance(state: GameState, order: Order, chance: ChanceSource) -> list[Event]:
    """Move the unit into the emptied hex and take control of it."""
    assert isinstance(order, Advance)
    target = state.counters[ADVANCE_COUNTER] - 1
    u = state.spec.unit_index[order.unit]
    unit = state.spec.units[u]
    state.units["hex"][u] = target
    del state.counters[f"{ADVANCE_UNIT}{u}"]
    events: list[Event] = [UnitAdvanced(unit.id, unit.name, state.spec.map.label_of(target))]
    return events + take_control(state, [target], unit.side)


def legal_advances(state: GameState) -> list[Order]:
    """Every legal advance (units of the last attack, while the emptied hex has room)."""
    target = state.counters.get(ADVANCE_COUNTER, 0) - 1
    if state.phase != "combat" or target < 0:
        return []
    orders = [Advance(state.spec.units[u].id) for u in advance_units(state)]
    return [o for o in orders if not check_advance(state, o)]


# --- the defender's question --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThreatPreview:
    """What the enemy could do to ``target`` next turn: who can reach it and the resulting odds."""

    target: str
    side: int
    attackers: tuple[str, ...]
    positions: Mapping[int, int]
    preview: CombatPreview | None

    def text(self) -> str:
        if self.preview is None:
            return f"{self.target}: no enemy unit can attack it next turn"
        worst = max(self.preview.results, key=lambda r: r.probability)
        return (f"{self.target}: {len(self.attackers)} enemy unit(s) can attack at {self.preview.column_name}; "
                f"most likely {worst.code} ({float(worst.probability):.0%})")


def threats(state: GameState, target: int | str, by_side: int | None = None) -> ThreatPreview:
    """Which units of ``by_side`` (default: the enemy of the hex's occupant) can attack ``target``
    next turn — already adjacent or able to reach an adjacent hex with a full movement allowance —
    and the odds if all of them attack with the most air support that side could have.

    Stacking in the approach hexes is not checked, so this is the worst case for the defender.
    """
    from game.rules.air import air_points, scheduled_points
    from game.rules.hooks import modified_allowance

    m = state.spec.map
    t = m.index_of_label(target) if isinstance(target, str) else int(target)
    occupants = state.units_at(t)
    if by_side is None:
        by_side = 1 - int(state.spec.unit_side[occupants[0]]) if len(occupants) else 1 - state.active_side
    label = m.label_of(t)
    if not any(int(state.spec.unit_side[u]) != by_side for u in occupants):
        return ThreatPreview(label, by_side, (), {}, None)
    probe = state.clone()
    mine = probe.units_on_map(by_side)
    probe.units["mp"][mine] = modified_allowance(probe)[mine]
    reaches = reach_all(probe, by_side)
    around = [int(h) for h in m.neighbors[t] if h >= 0]
    positions: dict[int, int] = {}
    for u in mine:
        u = int(u)
        if state.spec.units[u].attack_per_step <= 0:
            continue
        here = int(state.units["hex"][u])
        if here in around:
            positions[u] = here
            continue
        r = reaches.get(u)
        if r is None:
            continue
        options = [h for h in around if r.cost[h] > 0]
        if options:
            d_of = {h: int(np.nonzero(m.neighbors[h] == t)[0][0]) for h in options}
            positions[u] = min(options, key=lambda h: (int(m.hexside[h, d_of[h]]) != 0, r.cost[h], h))
    if not positions:
        return ThreatPreview(label, by_side, (), {}, None)
    ids = tuple(state.spec.units[u].id for u in sorted(positions))
    air = 0
    if state.spec.ruleset.air is not None:  # worst case: what is left now or a fresh turn's allotment
        fresh = scheduled_points(state, by_side)[0]
        air = min(max(air_points(state, by_side), fresh), state.spec.ruleset.air.max_support_points)
    pv = odds_preview(state, Attack(label, ids, air), positions)
    return ThreatPreview(label, by_side, ids, positions, pv)
