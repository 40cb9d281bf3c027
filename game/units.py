"""Unit definitions (what a unit is) and unit state columns (what it is now)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class UnitDef:
    """The unchanging definition of one unit, referred to by its stable ``id``."""

    id: str
    side: int
    name: str
    unit_type: str
    symbol: str
    movement_class: str
    steps: int
    attack_per_step: float
    defence_per_step: float
    movement: float
    exerts_zoc: bool = True
    size: str = "division"
    commander: str = ""
    notes: str = ""
    quality: int = 0
    winterized: bool = False
    tags: tuple[str, ...] = field(default=())


class UnitStatus:
    """Codes of the ``status`` column."""

    PENDING = 0
    ON_MAP = 1
    ELIMINATED = 2
    WITHDRAWN = 3
    NAMES = ("pending", "on map", "eliminated", "withdrawn")


class SupplyState:
    """Codes of the ``supply`` column."""

    SUPPLIED = 0
    LOW = 1
    OUT = 2
    NAMES = ("supplied", "low", "out")


UNIT_COLUMNS: dict[str, type] = {
    "hex": np.int32,  # flat map index, -1 when not on the map
    "status": np.int8,  # UnitStatus
    "steps": np.int8,  # steps left
    "mp": np.int32,  # movement left, in MP ticks
    "supply": np.int8,  # SupplyState
    "oos_turns": np.int8,  # consecutive turns out of supply
    "disrupted": np.int8,  # 1 when disrupted
    "moved": np.int8,  # 1 when moved this phase
    "attacked": np.int8,  # 1 when attacked this phase
    "fatigue": np.int8,  # fatigue level
}
"""The per-unit state columns; every column is an integer array of length U."""


def new_unit_columns(count: int) -> dict[str, np.ndarray]:
    """Zeroed unit columns for ``count`` units (hex set to -1)."""
    cols = {name: np.zeros(count, dtype) for name, dtype in UNIT_COLUMNS.items()}
    cols["hex"][:] = -1
    return cols
