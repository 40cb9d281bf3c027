"""``GameState``: the changing part of a game, cloneable and checksummable."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np

from game.spec import ScenarioSpec
from game.units import UnitStatus, new_unit_columns

PHASES: tuple[str, ...] = ("movement", "combat", "exploitation")
"""Player phases of each side's half-turn, in order (exploitation only when a unit can exploit)."""
MOVE_PHASES: tuple[str, ...] = ("movement", "exploitation")
"""Phases in which units move (``Move`` orders)."""


@dataclass(eq=False)
class GameState:
    """The state of a game at one moment.

    Everything that changes in play lives here as integers: unit columns
    (``units``), hex layers (``hexes``: ``control`` and ``ground`` at least) and
    named integer ``counters`` (air points, victory points, ...). The scenario
    is shared, never copied.
    """

    spec: ScenarioSpec
    turn: int
    phase: str
    active_side: int
    units: dict[str, np.ndarray]
    hexes: dict[str, np.ndarray]
    counters: dict[str, int] = field(default_factory=dict)
    half: int = 0  # 0: first side's half-turn, 1: second side's
    game_over: bool = False

    # --- derived ----------------------------------------------------------
    @property
    def date(self) -> dt.date:
        """Calendar date of the current turn."""
        return self.spec.date_of_turn(self.turn)

    @property
    def map(self):  # noqa: ANN201 - HexMap, kept short for callers
        return self.spec.map

    def unit_index(self, unit_id: str) -> int:
        """Column index of a unit id; raises KeyError with the id."""
        try:
            return self.spec.unit_index[unit_id]
        except KeyError:
            raise KeyError(f"no unit with id {unit_id!r}") from None

    def units_on_map(self, side: int | None = None) -> np.ndarray:
        """Indices of units on the map, optionally of one side."""
        mask = self.units["status"] == UnitStatus.ON_MAP
        if side is not None:
            mask &= self.spec.unit_side == side
        return np.nonzero(mask)[0]

    def units_at(self, index: int) -> np.ndarray:
        """Indices of units in hex ``index``."""
        return np.nonzero((self.units["hex"] == index) & (self.units["status"] == UnitStatus.ON_MAP))[0]

    def occupancy(self, side: int) -> np.ndarray:
        """Number of units of ``side`` in each hex (int array of length N)."""
        idx = self.units_on_map(side)
        return np.bincount(self.units["hex"][idx], minlength=self.spec.map.size)

    # --- copying and hashing ---------------------------------------------
    def clone(self) -> GameState:
        """A deep copy of everything that changes; the scenario is shared."""
        return GameState(
            spec=self.spec,
            turn=self.turn,
            phase=self.phase,
            active_side=self.active_side,
            units={k: v.copy() for k, v in self.units.items()},
            hexes={k: v.copy() for k, v in self.hexes.items()},
            counters=dict(self.counters),
            half=self.half,
            game_over=self.game_over,
        )

    def checksum(self) -> str:
        """Canonical hash over integers only (hex digest, 16 bytes)."""
        h = hashlib.blake2b(digest_size=16)
        header = np.array(
            [self.turn, PHASES.index(self.phase), self.active_side, self.half, int(self.game_over)], np.int64
        )
        h.update(header.astype("<i8").tobytes())
        for group in (self.units, self.hexes):
            for name in sorted(group):
                arr = group[name]
                h.update(name.encode())
                h.update(arr.astype(arr.dtype.newbyteorder("<"), copy=False).tobytes())
        for name in sorted(self.counters):
            h.update(name.encode())
            h.update(int(self.counters[name]).to_bytes(8, "little", signed=True))
        return h.hexdigest()

    def same_as(self, other: GameState) -> bool:
        """True if both states hold the same values."""
        return self.checksum() == other.checksum()

    def diff(self, other: GameState, limit: int = 20) -> list[str]:
        """Readable differences between this state and ``other``."""
        out: list[str] = []
        for attr in ("turn", "phase", "active_side", "half", "game_over"):
            a, b = getattr(self, attr), getattr(other, attr)
            if a != b:
                out.append(f"{attr}: {a} != {b}")
        for name in sorted(set(self.units) | set(other.units)):
            a, b = self.units.get(name), other.units.get(name)
            if a is None or b is None:
                out.append(f"unit column {name} missing on one side")
                continue
            for i in np.nonzero(a != b)[0][:limit]:
                out.append(f"unit {self.spec.units[i].id}.{name}: {a[i]} != {b[i]}")
        for name in sorted(set(self.hexes) | set(other.hexes)):
            a, b = self.hexes.get(name), other.hexes.get(name)
            if a is None or b is None:
                out.append(f"hex layer {name} missing on one side")
                continue
            for i in np.nonzero(a != b)[0][:limit]:
                out.append(f"hex {self.spec.map.label_of(int(i))}.{name}: {a[i]} != {b[i]}")
        for name in sorted(set(self.counters) | set(other.counters)):
            if self.counters.get(name) != other.counters.get(name):
                out.append(f"counter {name}: {self.counters.get(name)} != {other.counters.get(name)}")
        return out[:limit]


def initial_state(spec: ScenarioSpec) -> GameState:
    """The state before turn 1's automatic steps: units placed, control set."""
    n = len(spec.units)
    units = new_unit_columns(n)
    placements = np.array(spec.placements, np.int32)
    units["hex"][:] = placements
    units["status"][:] = np.where(placements >= 0, UnitStatus.ON_MAP, UnitStatus.PENDING)
    units["steps"][:] = spec.unit_max_steps
    size = spec.map.size
    control = np.full(size, -1, np.int8)
    initial_control = spec.rules_data.get("initial_control")
    if initial_control is not None:
        control[:] = np.asarray(initial_control, np.int8)
    for i in range(n):
        if placements[i] >= 0:
            control[placements[i]] = spec.units[i].side
    hexes = {"control": control, "ground": np.zeros(size, np.int8)}
    return GameState(
        spec=spec, turn=1, phase=PHASES[0], active_side=spec.first_side, units=units, hexes=hexes
    )
