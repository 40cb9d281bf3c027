"""Invariants of a game state, checked after every order in tests, soak runs and debug play.

``check_invariants(state, record)`` returns readable violations (empty when all
hold); ``assert_invariants`` raises ``InvariantViolation`` with all of them.
The invariants:

* units: every unit on the map stands on a hex of the map; a unit that is not
  on the map has no hex; no unit shares a hex with an enemy unit; stacking
  limits (units and, when the ruleset sets one, steps per hex) hold; steps are
  within 1..the unit's maximum while on the map; movement points are never
  negative; state columns hold only their defined codes;
* hexes: control is -1, 0 or 1 everywhere, and every hex holding units is
  controlled by their side (control consistent with occupation);
* supply (when the rules provide a trace): right after a turn's supply step,
  every unit's supply state equals a fresh trace;
* record: the checksum recorded for the last step (and the last turn mark) is
  the state's checksum.

Turn it on in play with ``Session(..., options={"debug_invariants": True})``
or the environment variable ``MOSCOW41_INVARIANTS=1``: every order is then
checked and a broken invariant raises instead of being recorded silently.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from game.record import step_checksum
from game.state import PHASES, GameState
from game.units import SupplyState, UnitStatus

ENV_VAR = "MOSCOW41_INVARIANTS"
OPTION = "debug_invariants"

ADVANCE_COUNTER = "advance.hex"
"""The combat rules' pending-advance counter (hex index + 1); ``attacked == 2`` marks the units that may advance."""


class InvariantViolation(AssertionError):
    """The game state broke one or more invariants (a bug in the engine or the rules)."""

    def __init__(self, problems: list[str], where: str = "") -> None:
        self.problems = problems
        head = f"{len(problems)} invariant violation{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{head}{' ' + where if where else ''}:\n" + "\n".join(f"  {p}" for p in problems))


def enabled(options: Mapping[str, Any] | None = None) -> bool:
    """True when invariant checking is asked for by a session option or the environment."""
    if options and options.get(OPTION):
        return True
    return os.environ.get(ENV_VAR, "").strip().lower() not in ("", "0", "false", "no", "off")


def supply_trace_fn() -> Callable[[GameState], Any] | None:
    """A fresh supply trace of every unit (``fn(state) -> code per unit``) from the supply rules, if any."""
    try:
        module = importlib.import_module("game.rules.supply")
    except ImportError:
        return None
    trace = getattr(module, "trace", None)
    if trace is None:
        return None

    def fresh(state: GameState) -> np.ndarray:
        out = state.units["supply"].copy()
        for side in (0, 1):
            tr = trace(state, side)
            out[np.asarray(tr.units, np.int64)] = tr.unit_state
        return out

    return fresh


def _uid(state: GameState, i: int) -> str:
    return state.spec.units[int(i)].id


def _label(state: GameState, h: int) -> str:
    m = state.spec.map
    return m.label_of(int(h)) if 0 <= h < m.size else f"#{int(h)}"


def check_units(state: GameState) -> list[str]:
    """Placement, stacking, steps, movement points and column codes of every unit."""
    out: list[str] = []
    spec = state.spec
    n = spec.map.size
    u = state.units
    status, hexes, steps, mp = u["status"], u["hex"], u["steps"], u["mp"]
    bad_status = np.nonzero((status < 0) | (status >= len(UnitStatus.NAMES)))[0]
    out += [f"unit {_uid(state, i)} has unknown status code {int(status[i])}" for i in bad_status]
    on = status == UnitStatus.ON_MAP
    off_map = np.nonzero(on & ((hexes < 0) | (hexes >= n)))[0]
    out += [f"unit {_uid(state, i)} is on the map but at hex index {int(hexes[i])} (map has {n})" for i in off_map]
    ghost = np.nonzero(~on & (hexes != -1))[0]
    out += [f"unit {_uid(state, i)} is {UnitStatus.NAMES[int(status[i])] if 0 <= status[i] < 4 else '?'} "
            f"but still has hex {_label(state, hexes[i])}" for i in ghost]
    max_steps = spec.unit_max_steps
    bad_steps = np.nonzero(on & ((steps < 1) | (steps > max_steps)))[0]
    out += [f"unit {_uid(state, i)} has {int(steps[i])} steps (allowed 1..{int(max_steps[i])})" for i in bad_steps]
    over = np.nonzero((steps < 0) | (steps > max_steps))[0]
    out += [f"unit {_uid(state, i)} has {int(steps[i])} steps off the map (max {int(max_steps[i])})"
            for i in over if not on[i]]
    neg = np.nonzero(mp < 0)[0]
    out += [f"unit {_uid(state, i)} has negative movement points ({int(mp[i])} ticks)" for i in neg]
    for name, limit in (("supply", len(SupplyState.NAMES)), ("disrupted", 2), ("moved", 2), ("attacked", 3)):
        col = u.get(name)
        if col is None:
            continue
        bad = np.nonzero((col < 0) | (col >= limit))[0]
        out += [f"unit {_uid(state, i)} has {name} = {int(col[i])} (allowed 0..{limit - 1})" for i in bad]
    advancing = np.nonzero(u["attacked"] == 2)[0]
    if advancing.size and not state.counters.get(ADVANCE_COUNTER):
        out += [f"unit {_uid(state, i)} is marked to advance after combat, but no advance is pending"
                for i in advancing]
    for name in ("oos_turns", "fatigue"):
        col = u.get(name)
        if col is not None:
            out += [f"unit {_uid(state, i)} has negative {name} ({int(col[i])})" for i in np.nonzero(col < 0)[0]]
    if off_map.size:
        return out  # the hex-based checks below would index outside the map
    sides = spec.unit_side
    occ = [np.bincount(hexes[on & (sides == s)], minlength=n) for s in (0, 1)]
    for h in np.nonzero((occ[0] > 0) & (occ[1] > 0))[0]:
        who = ", ".join(_uid(state, i) for i in np.nonzero(on & (hexes == h))[0])
        out.append(f"hex {_label(state, h)} holds units of both sides ({who})")
    stacking = spec.ruleset.tables.stacking
    for s in (0, 1):
        for h in np.nonzero(occ[s] > stacking.max_units)[0]:
            out.append(f"hex {_label(state, h)} holds {int(occ[s][h])} {spec.sides[s].name} units "
                       f"(stacking limit {stacking.max_units})")
        if stacking.max_steps is not None:
            mask = on & (sides == s)
            per_hex = np.bincount(hexes[mask], weights=steps[mask].astype(np.int64), minlength=n).astype(np.int64)
            for h in np.nonzero(per_hex > stacking.max_steps)[0]:
                out.append(f"hex {_label(state, h)} holds {int(per_hex[h])} {spec.sides[s].name} steps "
                           f"(stacking limit {stacking.max_steps})")
    return out


def check_hexes(state: GameState) -> list[str]:
    """Control codes, and control consistent with occupation."""
    out: list[str] = []
    control = state.hexes["control"]
    if control.shape != (state.spec.map.size,):
        return [f"control layer has shape {control.shape}, the map has {state.spec.map.size} hexes"]
    bad = np.nonzero((control < -1) | (control > 1))[0]
    out += [f"hex {_label(state, h)} has control code {int(control[h])}" for h in bad[:20]]
    u = state.units
    on = np.nonzero(u["status"] == UnitStatus.ON_MAP)[0]
    hexes = u["hex"][on]
    inside = (hexes >= 0) & (hexes < state.spec.map.size)
    on, hexes = on[inside], hexes[inside]
    wrong = np.nonzero(control[hexes] != state.spec.unit_side[on])[0]
    for k in wrong:
        i = on[k]
        out.append(f"unit {_uid(state, i)} stands in {_label(state, hexes[k])}, controlled by "
                   f"{int(control[hexes[k]])}, not by its side {int(state.spec.unit_side[i])}")
    return out


def turn_just_began(state: GameState) -> bool:
    """True at the first phase of a turn before any order (the supply step has just run)."""
    return (state.phase == PHASES[0] and state.half == 0 and not state.game_over
            and not bool(np.any(state.units["moved"][state.spec.unit_side == state.active_side])))


def _as_traced(state: GameState, before: GameState | None) -> GameState:
    """The position the supply step traced: units eliminated later in the same step (attrition) put back."""
    if before is None:
        return state
    gone = (before.units["status"] == UnitStatus.ON_MAP) & (state.units["status"] == UnitStatus.ELIMINATED)
    if not gone.any():
        return state
    view = state.clone()
    view.units["status"][gone] = UnitStatus.ON_MAP
    view.units["hex"][gone] = before.units["hex"][gone]
    return view


def check_supply(state: GameState, trace: Callable[[GameState], Any] | None = None,
                 before: GameState | None = None) -> list[str]:
    """Every unit's supply state equals a fresh trace (only meaningful right after the supply step).

    The supply step traces first and rolls attrition after, so units that attrition eliminated
    in the same step still block the trace; pass the state ``before`` the step to account for them.
    """
    if trace is None:
        trace = supply_trace_fn()
        if trace is None or state.spec.ruleset.supply is None:
            return []
    fresh = np.asarray(trace(_as_traced(state, before)))
    if fresh.shape != state.units["supply"].shape:
        return [f"the supply trace returned shape {fresh.shape} for {len(state.spec.units)} units"]
    on = state.units["status"] == UnitStatus.ON_MAP
    diff = np.nonzero(on & (fresh != state.units["supply"]))[0]
    names = SupplyState.NAMES
    return [f"unit {_uid(state, i)} is marked {names[int(state.units['supply'][i])]} but a fresh trace says "
            f"{names[int(fresh[i])] if 0 <= fresh[i] < len(names) else int(fresh[i])}" for i in diff]


def check_record(state: GameState, record: Any) -> list[str]:
    """The record's last step checksum and last turn mark agree with the state."""
    out: list[str] = []
    digest = state.checksum()
    last = record.steps[-1] if record.steps else None
    if last is not None and last.checksum is not None \
            and last.checksum != step_checksum(digest, last.order, last.chance):
        out.append(f"record step {len(record.steps)} checksum {last.checksum[:12]} differs from the "
                   f"state's {digest[:12]}")
    if record.turns:
        mark = record.turns[-1]
        if mark.turn != state.turn:
            out.append(f"record's last turn mark is for turn {mark.turn}, the state is at turn {state.turn}")
        elif mark.step == len(record.steps) and mark.checksum != digest:
            out.append(f"record's turn {mark.turn} mark checksum differs from the state's")
    if state.game_over and record.final_checksum not in (None, digest):
        out.append("record's final checksum differs from the state's")
    return out


def check_invariants(state: GameState, record: Any = None, *, supply: bool | None = None,
                     before: GameState | None = None) -> list[str]:
    """Every invariant violation of ``state`` (and of ``record`` against it); empty when all hold.

    ``supply``: compare supply states with a fresh trace (default: only when a turn has just begun).
    ``before``: the state before the last order (lets the supply check see what the trace saw).
    """
    out = check_units(state) + check_hexes(state)
    if supply is None:
        supply = turn_just_began(state)
    if supply:
        out += check_supply(state, before=before)
    if record is not None:
        out += check_record(state, record)
    return out


def assert_invariants(state: GameState, record: Any = None, where: str = "", *, supply: bool | None = None,
                      before: GameState | None = None) -> None:
    """Raise ``InvariantViolation`` listing every broken invariant."""
    problems = check_invariants(state, record, supply=supply, before=before)
    if problems:
        raise InvariantViolation(problems, where)
