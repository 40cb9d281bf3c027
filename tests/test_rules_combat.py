"""Combat: hand-computed odds and shifts, the CRT's probabilities, preview == resolution, retreats, advance."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.chance import ScriptedChance
from game.rules.combat import apply_attack, check_attack, odds_preview, threats
from game.rules.engine import apply_order, check_order, legal_orders
from game.rules.orders import Advance, Attack
from game.units import UnitStatus
from tests.builders import ROOT, add_hexside, unit
from tests.rules_builders import calendar, make_state

# The standard CRT as documented in docs/rules.md (die roll 1..6)
CRT = {
    "1:3": "AL2 AL2 AL1 AL1 AL1 NE", "1:2": "AL2 AL1 AL1 AL1 NE DR", "1:1": "AL1 AL1 NE EX DR DL1R",
    "3:2": "AL1 NE EX DR DL1R DL1R", "2:1": "AL1 EX DR DL1R DL1R DL2R", "3:1": "EX DR DL1R DL1R DL2R DL2R",
    "4:1": "EX DL1R DL1R DL2R DL2R DE", "5:1": "DL1R DL1R DL2R DL2R DE DE", "6:1": "DL1R DL2R DL2R DE DE DE",
}
COLUMNS = list(CRT)


def _combat_state(rows=("......",) * 5, attackers=(("pz", "panzer", "0201"), ("inf", "infantry", "0102")),
                  defender=("rifle", "0202"), rules_data=None, map_hook=None, **kw):  # noqa: ANN001, ANN202
    units = [(unit(uid, 0, kind), at) for uid, kind, at in attackers]
    units.append((unit("def", 1, defender[0], name="Soviet rifle"), defender[1]))
    units.extend(kw.pop("extra", []))
    state = make_state(list(rows), units, rules_data, map_hook=map_hook, **kw)
    state.phase = "combat"
    return state


def test_hand_computed_odds_and_combined_arms() -> None:
    state = _combat_state()
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    assert pv.attack == 21 and pv.defence == Fraction(15, 2)  # 3x5 + 3x2 against 3x2.5
    assert pv.base_column_name == "2:1"  # 21 / 7.5 = 2.8
    assert [(s.cause, s.columns) for s in pv.shifts] == [("combined arms: armour with infantry", 1)]
    assert pv.column_name == "3:1"
    assert {r.code: r.probability for r in pv.results} == {
        "EX": Fraction(1, 6), "DR": Fraction(1, 6), "DL1R": Fraction(1, 3), "DL2R": Fraction(1, 3)}
    assert sum(r.probability for r in pv.results) == 1


def _line_of(source: str) -> str:
    where = source.split(" ")[0]
    file, line = where.rsplit(":", 1)
    return (ROOT / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_every_shift_cites_its_ruleset_line() -> None:
    def hook(m):  # noqa: ANN001, ANN202
        add_hexside(m, "0102", "0202", "minor_river")
        add_hexside(m, "0201", "0202", "major_river")
        m.fort[m.index_of_label("0202")] = 2

    state = _combat_state(rows=("....", ".f..", "...."), map_hook=hook)
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    causes = {s.cause: s.columns for s in pv.shifts}
    assert causes == {
        "defender in forest": -1,
        "attack across minor river (dry ground)": -1,  # the mildest crossing of all attackers counts
        "fortifications level 2": -2,
        "combined arms: armour with infantry": 1,
    }
    assert pv.column_name == COLUMNS[4 - 3]
    for s in pv.shifts:
        assert s.source.startswith("scenarios/rulesets/standard.yaml:")
        key = s.source.split("(")[1].rstrip(")").split(".")
        text = _line_of(s.source)
        assert any(str(k) in text for k in key[-2:]) or key[-1].isdigit(), (s.source, text)


def test_frozen_rivers_and_mud() -> None:
    def hook(m):  # noqa: ANN001, ANN202
        add_hexside(m, "0102", "0202", "minor_river")
        add_hexside(m, "0201", "0202", "minor_river")

    frozen = calendar(("1941-01-01", "1942-12-31", "frost", "cold"))
    state = _combat_state(map_hook=hook, rules_data={"weather": frozen})
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    assert [s.cause for s in pv.shifts] == ["combined arms: armour with infantry"]
    mud = calendar(("1941-01-01", "1942-12-31", "rain", "mild"))   # turn 1: rain on dry ground makes mud
    state = _combat_state(map_hook=hook, rules_data={"weather": mud})
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    # light mud: the river counts, the ground itself gives no shift
    assert {s.cause: s.columns for s in pv.shifts} == {
        "attack across minor river (mud ground)": -1, "combined arms: armour with infantry": 1}
    deep = calendar(("1941-01-01", "1942-12-31", "rain", "mild"))
    deep["calendar"][0]["ground"] = "deep_mud"
    state = _combat_state(map_hook=hook, rules_data={"weather": deep})
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    assert {s.cause: s.columns for s in pv.shifts} == {
        "attack across minor river (deep_mud ground)": -1, "deep_mud ground": -1,
        "combined arms: armour with infantry": 1}


def test_t34_shock_armour_against_weak_anti_tank() -> None:
    # a Soviet tank brigade (armour class 2) against German infantry (anti-tank class 1): +1
    state = _combat_state(attackers=(("tb", "tank_brigade", "0102"),), defender=("infantry", "0202"))
    # (the builder puts the attacker on side 0; only the unit types matter for this shift)
    pv = odds_preview(state, Attack("0202", ("tb",)))
    assert ("armour (class 2) against anti-tank class 1", 1) in [(s.cause, s.columns) for s in pv.shifts]
    # against panzers (anti-tank class 2) there is no shift
    state = _combat_state(attackers=(("tb", "tank_brigade", "0102"),), defender=("panzer", "0202"))
    assert not any("armour" in s.cause for s in odds_preview(state, Attack("0202", ("tb",))).shifts)


def test_air_support_only_in_flying_weather() -> None:
    air = {"german": [{"points": 3}]}
    state = _combat_state(rules_data={"air": air})
    assert state.counters["air.0"] == 3
    pv = odds_preview(state, Attack("0202", ("pz", "inf"), air=2))
    assert ("air support, 2 point(s)", 2) in [(s.cause, s.columns) for s in pv.shifts]
    assert pv.column_name == "5:1"
    assert check_order(state, Attack("0202", ("pz", "inf"), air=3))  # more than 2 per attack
    rain = calendar(("1941-01-01", "1942-12-31", "rain", "mild"))
    state = _combat_state(rules_data={"air": air, "weather": rain})
    assert state.counters["air.0"] == 0
    codes = {v.code for v in check_order(state, Attack("0202", ("pz", "inf"), air=1))}
    assert {"no-air-points", "no-flying"} <= codes


@pytest.mark.parametrize("column", COLUMNS)
def test_crt_probabilities_match_the_documented_table(column: str) -> None:
    # a rifle division defends with 3 x 2.5 = 7.5; the attacker's rating is set to hit each column's ratio exactly
    a, d = column.split(":")
    attack_per_step = Fraction(15, 2) * int(a) / int(d) / 3
    state = make_state(["....", "....", "...."], [
        (unit("att", 0, "infantry", attack_per_step=float(attack_per_step)), "0102"),
        (unit("def", 1, "rifle"), "0202")])
    pv = odds_preview(state, Attack("0202", ("att",)))
    assert pv.column_name == column and not pv.shifts
    expected: dict[str, Fraction] = {}
    for code in CRT[column].split():
        expected[code] = expected.get(code, Fraction(0)) + Fraction(1, 6)
    assert {r.code: r.probability for r in pv.results} == expected


def test_odds_below_the_first_column_and_above_the_last_clamp() -> None:
    state = make_state(["...."], [(unit("a", 0, "cavalry"), "0101"), (unit("d", 1, "fortified_region"), "0201")])
    pv = odds_preview(state, Attack("0201", ("a",)))  # 3 against 4: 1:2 (0.75 >= 0.5)
    assert pv.column_name == "1:2"
    state.units["steps"][state.unit_index("a")] = 1  # 1.5 against 4 = 0.375: below 1:2, so 1:3
    assert odds_preview(state, Attack("0201", ("a",))).column_name == "1:3"


@pytest.mark.parametrize("roll", range(6))
def test_preview_equals_resolution_for_every_die_roll(roll: int) -> None:
    state = _combat_state()
    order = Attack("0202", ("pz", "inf"))
    pv = odds_preview(state, order)
    assert not check_attack(state, order)
    chance = ScriptedChance([roll])
    events = apply_attack(state, order, chance)
    combat = events[0]
    assert combat.roll == roll + 1 and combat.result == pv.result_for_roll(roll + 1) == CRT["3:1"].split()[roll]
    assert combat.column == pv.column_name
    assert chance.log == [("combat", 6, roll)]
    d = state.unit_index("def")
    code = combat.result
    res = state.spec.ruleset.combat.results[code]
    expected_steps = 3 - res.defender_loss
    if res.defender_retreat:
        # open ground behind: the defender retreats and takes no extra loss
        assert state.units["hex"][d] != state.spec.map.index_of_label("0202")
    assert state.units["steps"][d] == expected_steps
    lost = sum(3 - int(state.units["steps"][state.unit_index(u)]) for u in ("pz", "inf"))
    assert lost == res.attacker_loss


def test_exchange_and_attacker_losses_fall_on_the_biggest_unit() -> None:
    state = _combat_state()
    state.units["steps"][state.unit_index("inf")] = 2
    apply_attack(state, Attack("0202", ("pz", "inf")), ScriptedChance([0]))  # 3:1, roll 1: EX
    assert state.units["steps"][state.unit_index("pz")] == 2  # panzer (3 steps) loses, not the 2-step infantry
    assert state.units["steps"][state.unit_index("def")] == 2


def test_a_unit_that_cannot_retreat_loses_a_step_instead() -> None:
    # the defender in 0202 is hemmed in: every hex farther away is held by Germans or in their zone of control
    ring = [("g2", "infantry", "0203"), ("g3", "infantry", "0303")]
    state = _combat_state(rows=("...", "...", "..."), extra=[(unit(u, 0, k), at) for u, k, at in ring])
    events = apply_attack(state, Attack("0202", ("pz", "inf")), ScriptedChance([2]))  # 3:1 roll 3: DL1R
    d = state.unit_index("def")
    assert state.units["steps"][d] == 1  # one step for the result, one for not retreating
    assert any("could not retreat from 0202" in e.text() for e in events)
    assert state.units["hex"][d] == state.spec.map.index_of_label("0202")


def test_advance_after_combat_into_the_emptied_hex() -> None:
    state = _combat_state()
    state.units["steps"][state.unit_index("def")] = 1
    apply_attack(state, Attack("0202", ("pz", "inf")), ScriptedChance([2]))  # DL1R: the defender is eliminated
    assert state.units["status"][state.unit_index("def")] == UnitStatus.ELIMINATED
    advances = [o for o in legal_orders(state) if isinstance(o, Advance)]
    assert sorted(o.unit for o in advances) == ["inf", "pz"]
    assert not check_order(state, Advance("pz"))
    events = apply_order(state, Advance("pz"), ScriptedChance([]))
    target = state.spec.map.index_of_label("0202")
    assert state.units["hex"][state.unit_index("pz")] == target and state.hexes["control"][target] == 0
    assert "advances after combat into 0202" in events[0].text()
    assert check_order(state, Advance("pz"))  # only once


def test_illegal_attacks_are_refused_with_reasons() -> None:
    state = _combat_state(extra=[(unit("far", 0), "0404"), (unit("d2", 1, "rifle"), "0301")])
    codes = {v.code for v in check_attack(state, Attack("0202", ("far",)))}
    assert codes == {"not-adjacent"}
    assert {v.code for v in check_attack(state, Attack("0101", ("pz",)))} == {"no-target"}
    apply_attack(state, Attack("0202", ("pz",)), ScriptedChance([2]))
    assert {v.code for v in check_attack(state, Attack("0301", ("pz",)))} == {"already-attacked"}
    state.phase = "movement"
    assert "wrong-phase" in {v.code for v in check_attack(state, Attack("0202", ("inf",)))}


def test_out_of_supply_and_cold_modifiers_appear_with_causes() -> None:
    cold = calendar(("1941-01-01", "1942-12-31", "clear", "extreme"))
    state = _combat_state(rules_data={"weather": cold, "winter": {"winterized_sides": ["soviet"]}})
    pv = odds_preview(state, Attack("0202", ("pz", "inf")))
    pz = pv.attackers[0]
    assert [(m.cause, m.pct) for m in pz.modifiers] == [("extreme cold, not winterized", 50)]
    assert pz.strength == Fraction(15, 2)
    assert pv.defenders[0].modifiers == ()  # the Soviets are winterized
    assert "weather.temperatures.extreme.unwinterized.attack_pct" in pz.modifiers[0].source


def test_threats_answer_what_the_enemy_can_do_next_turn() -> None:
    state = _combat_state(extra=[(unit("far", 0, "panzer"), "0404"), (unit("very_far", 0), "0404")],
                          rows=("......", "......", "......", "......"))
    th = threats(state, "0202")
    assert th.side == 0 and set(th.attackers) >= {"pz", "inf", "far"}
    assert th.preview is not None and th.preview.attack >= 21
    assert "can attack at" in th.text()

KINDS_0 = ["infantry", "panzer", "motorized"]
KINDS_1 = ["rifle", "cavalry", "tank_brigade", "fortified_region"]


@given(
    kinds=st.lists(st.sampled_from(KINDS_0), min_size=1, max_size=3),
    defender=st.sampled_from(KINDS_1),
    steps=st.lists(st.integers(1, 3), min_size=4, max_size=4),
    terrain=st.sampled_from(".fsc"),
    roll=st.integers(0, 5),
    air=st.integers(0, 2),
)
def test_any_attack_resolves_as_previewed(kinds, defender, steps, terrain, roll, air) -> None:  # noqa: ANN001
    spots = ["0201", "0102", "0302"]
    attackers = tuple((f"a{k}", kind, spots[k]) for k, kind in enumerate(kinds))
    rows = ("......", "." + terrain + "....", "......", "......", "......")
    state = _combat_state(rows=rows, attackers=attackers, defender=(defender, "0202"),
                          rules_data={"air": {"german": [{"points": 2}]}})
    ids = tuple(a[0] for a in attackers)
    for k, uid in enumerate((*ids, "def")):
        u = state.unit_index(uid)
        state.units["steps"][u] = min(steps[k], int(state.spec.unit_max_steps[u]))
    order = Attack("0202", ids, air)
    assert not check_order(state, order)
    pv = odds_preview(state, order)
    assert sum(r.probability for r in pv.results) == 1
    events = apply_order(state, order, ScriptedChance([roll]))
    assert events[0].result == pv.result_for_roll(roll + 1) and events[0].column == pv.column_name
    assert state.counters["air.0"] == 2 - air
    on = state.units["status"] == UnitStatus.ON_MAP
    assert (state.units["steps"][on] > 0).all() and (state.units["hex"][~on] == -1).all()
    assert (state.hexes["control"][state.units["hex"][on]] == state.spec.unit_side[on]).all()
    occ0, occ1 = state.occupancy(0), state.occupancy(1)
    assert not ((occ0 > 0) & (occ1 > 0)).any() and occ0.max() <= 3 and occ1.max() <= 3


def test_odds_preview_of_a_hex_answers_the_defenders_question() -> None:
    state = _combat_state()
    pv = odds_preview(state, "0202")
    assert pv is not None and {s.unit for s in pv.attackers} == {"pz", "inf"}
    assert pv.column_name == "3:1"  # 2:1 and combined arms; no air: this scenario gives the Germans none
    assert odds_preview(state, "0505") is None  # nobody there
    with_air = _combat_state(rules_data={"air": {"german": [{"points": 5}]}})
    assert odds_preview(with_air, "0202").column_name == "5:1"  # the worst case adds 2 air points


def test_checks_previews_and_queries_never_change_the_state() -> None:
    from game.rules.fog import observation
    from game.rules.orders import Interdict
    from game.rules.supply import pockets, trace

    state = _combat_state(rules_data={"air": {"german": [{"points": 2}]}, "fog": {"enabled": True},
                                      "supply": {"sides": {"german": {"map_edges": ["W"], "convert_rail": True}}}})
    before, layers, counters = state.checksum(), set(state.hexes), dict(state.counters)
    for order in (Attack("0202", ("pz", "inf"), 2), Attack("0202", ("pz",), 5), Advance("pz"), Interdict("0303", 1)):
        check_order(state, order)
    legal_orders(state)
    odds_preview(state, Attack("0202", ("pz", "inf"), 1))
    odds_preview(state, "0202")
    threats(state, "0102")
    trace(state, 0), trace(state, 1), pockets(state, 1)
    observation(state, 1)
    assert state.checksum() == before and set(state.hexes) == layers and state.counters == counters
