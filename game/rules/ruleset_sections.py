"""Ruleset sections of the rules: weather, supply, combat, exploitation, air, fog.

Each section validates one top-level key of a ruleset YAML
(``scenarios/rulesets/standard.yaml``). A section left out switches its rule
off. Percentages are integers (100 = unchanged) so that every computation
stays exact; strengths are compared as fractions.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

Pct = int


class Strict(BaseModel):
    """Unknown keys are errors; objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Effects(Strict):
    """Percent changes to a unit's ratings, plus the chance of losing a step each turn."""

    attack_pct: Pct = Field(default=100, ge=0, le=400)
    defence_pct: Pct = Field(default=100, ge=0, le=400)
    movement_pct: Pct = Field(default=100, ge=0, le=400)
    attrition_chance: int = Field(default=0, ge=0, description="a step is lost on a die roll <= this, each turn")


# --- weather ---------------------------------------------------------------------------


class WeatherType(Strict):
    description: str = ""
    flyable: bool = Field(description="air missions possible")
    sighting: int = Field(default=0, description="change to the sighting range in hexes (fog of war)")


class TemperatureBand(Strict):
    description: str = ""
    unwinterized: Effects = Effects()


class WeatherRules(Strict):
    """Weather types, temperature bands and how weather changes the ground."""

    types: dict[str, WeatherType] = Field(min_length=1)
    temperatures: dict[str, TemperatureBand] = Field(min_length=1)
    ground_after: dict[str, dict[str, str]] = Field(
        description="weather -> (ground before -> ground after); ground persists where not changed"
    )

    @model_validator(mode="after")
    def _complete(self) -> WeatherRules:
        missing = [w for w in self.types if w not in self.ground_after]
        if missing:
            raise ValueError(f"ground_after lacks weather types: {', '.join(missing)}")
        return self


# --- supply -----------------------------------------------------------------------------


class OutOfSupply(Effects):
    turns: int = Field(ge=1, description="applies from this many consecutive turns out of supply")


class SupplyRules(Strict):
    """Supply trace and out-of-supply effects."""

    trace_class: str = Field(description="movement class whose costs measure the trace")
    range_mp: dict[str, float] = Field(description="trace range in MP by ground of the unit's hex")
    low_extra_mp: float = Field(ge=0, description="beyond the range by at most this: low supply")
    rail_convert_per_turn: int = Field(ge=0, description="captured rail hexes converted per turn")
    attrition_die: int = Field(default=6, ge=2)
    low: Effects = Effects()
    out: list[OutOfSupply] = Field(min_length=1)
    replacement_steps_per_unit: int = Field(
        default=1, ge=0, description="most replacement steps one unit takes in a turn (only if supplied)"
    )

    @model_validator(mode="after")
    def _sorted(self) -> SupplyRules:
        if [o.turns for o in self.out] != sorted({o.turns for o in self.out}):
            raise ValueError("supply.out entries must have increasing 'turns'")
        return self


# --- combat ------------------------------------------------------------------------------


class OddsColumn(Strict):
    name: str
    ratio: tuple[int, int] = Field(description="[attack, defence]: the lowest ratio of this column")


class CombatResult(Strict):
    text: str
    attacker_loss: int = Field(default=0, ge=0)
    defender_loss: int = Field(default=0, ge=0)
    defender_retreat: int = Field(default=0, ge=0, description="hexes each surviving defender retreats")
    eliminate_defender: bool = False


class CombatShifts(Strict):
    """Column shifts (negative favours the defender)."""

    terrain: dict[str, int] = Field(default_factory=dict, description="defender's terrain")
    hexsides: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="every attacker across this hexside: shift by ground (or 'default')"
    )
    fortification: list[int] = Field(default_factory=lambda: [0], description="by fortification level 0, 1, 2, ...")
    ground: dict[str, int] = Field(default_factory=dict, description="ground of the defender's hex")
    armour: int = Field(default=0, description="attacking armour outclasses every defender's anti-tank power")
    combined_arms: int = Field(default=0, description="armour and infantry attack together")
    air_per_point: int = Field(default=0, description="per air point of ground support")


class CombatRules(Strict):
    """Odds columns, the combat results table and its shifts."""

    die: int = Field(ge=2, description="sides of the combat die")
    columns: list[OddsColumn] = Field(min_length=1, description="from worst to best for the attacker")
    results: dict[str, CombatResult] = Field(min_length=1)
    table: dict[str, list[str]] = Field(description="column name -> result per die roll 1..die")
    shifts: CombatShifts = CombatShifts()
    quality_pct: Pct = Field(default=0, description="strength change per point of unit quality")
    fatigue_attack_pct: list[Pct] = Field(default_factory=lambda: [100], description="attack by fatigue level")
    armour_class: dict[str, int] = Field(default_factory=dict, description="unit type -> armour class")
    anti_tank: dict[str, int] = Field(default_factory=dict, description="unit type -> anti-tank class")
    armour_symbols: list[str] = Field(default_factory=lambda: ["armour"])
    infantry_symbols: list[str] = Field(default_factory=lambda: ["infantry"])
    cannot_retreat_loss: int = Field(default=1, ge=0, description="steps lost per hex a unit cannot retreat")
    max_attack_hexes: int = Field(default=6, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> CombatRules:
        names = [c.name for c in self.columns]
        ratios = [c.ratio[0] / c.ratio[1] for c in self.columns]
        if ratios != sorted(ratios):
            raise ValueError("combat columns must go from the lowest ratio to the highest")
        for col in names:
            row = self.table.get(col)
            if row is None:
                raise ValueError(f"combat table has no row for column {col!r}")
            if len(row) != self.die:
                raise ValueError(f"combat table row {col!r} needs {self.die} results, one per die roll")
            for r in row:
                if r not in self.results:
                    raise ValueError(f"combat table row {col!r}: unknown result {r!r}")
        return self


# --- exploitation ---------------------------------------------------------------------------


class ExploitationRules(Strict):
    """The exploitation phase: after its combat phase a side moves its supplied mobile units again."""

    classes: list[str] = Field(min_length=1, description="movement classes that exploit")
    allowance_pct: dict[str, Pct] = Field(
        min_length=1, description="ground of the unit's hex -> percent of its movement allowance (absent: none)"
    )
    supply: list[str] = Field(
        default_factory=lambda: ["supplied"], description="supply states that may exploit (supplied, low, out)"
    )

    @model_validator(mode="after")
    def _sane(self) -> ExploitationRules:
        bad = [s for s in self.supply if s not in ("supplied", "low", "out")]
        if bad:
            raise ValueError(f"exploitation.supply: unknown supply state {bad[0]!r} (known: supplied, low, out)")
        if any(p < 0 or p > 400 for p in self.allowance_pct.values()):
            raise ValueError("exploitation.allowance_pct: percentages go from 0 to 400")
        return self


# --- air, fog -------------------------------------------------------------------------------


class AirRules(Strict):
    max_support_points: int = Field(ge=0, description="air points one attack may use")
    interdiction_mp: float = Field(ge=0, description="extra MP to enter an interdicted hex, per air point")
    max_interdiction_points: int = Field(ge=0, description="air points on one hex")


class FogRules(Strict):
    sighting_hexes: int = Field(ge=0)
    min_sighting_hexes: int = Field(default=1, ge=0)

