"""Soak: AI-versus-AI games over every shipped and test scenario with invariants after every order.

Zero violations, zero exceptions, every replay equal to its game, and a save loaded and continued equal
to straight play. The bounded run is part of the default suite; the long one is marked slow:

    python -m pytest -m slow tests/test_soak.py       # SOAK_GAMES (default 200), SOAK_TURNS (default: full length)
    python -m tests.soak --games 300 --json soak.json  # the same checks as a script, with figures
"""

import os

import pytest

from tests.soak import all_scenarios, run_soak, shipped_scenarios


def _assert_clean(stats):
    assert stats.failures == [], "\n".join(stats.failures[:10])
    assert stats.clean, stats.summary()


def test_bounded_soak_every_scenario_clean():
    scenarios = all_scenarios()
    stats = run_soak(len(scenarios), max_turns=2, budget_s=25)
    _assert_clean(stats)
    assert stats.games >= len(scenarios)  # every scenario played at least once
    assert set(stats.scenarios) == {name for name, _ in scenarios}
    assert sum(stats.games_by_scenario.values()) == stats.games and len(stats.games_by_scenario) == len(scenarios)
    assert stats.orders > 10 * stats.games
    assert stats.invariant_checks == stats.orders + stats.games


def test_option_variants_are_soaked(tmp_path):
    from game.rules.options import available_options
    from game.scenario import load_scenario
    from tests.builders import ROOT
    from tests.soak import SoakStats, soak_game

    spec = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    assert {"weather", "fog"} <= set(available_options(spec))
    stats = SoakStats()
    soak_game(spec, 3, ("hard", "random"), stats, tmp_path, {"weather": "variable", "fog": True})
    _assert_clean(stats)
    assert stats.games == 1 and stats.orders > 20


def test_shipped_scenarios_are_found():
    names = [name for name, _ in shipped_scenarios()]
    assert {"tutorial", "typhoon", "campaign"} <= set(names)


@pytest.mark.slow
@pytest.mark.timeout(0)  # hours, not the default run's 300 s limit
def test_long_soak_clean():
    games = int(os.environ.get("SOAK_GAMES", "200"))
    turns = int(os.environ["SOAK_TURNS"]) if os.environ.get("SOAK_TURNS") else None
    stats = run_soak(games, max_turns=turns)
    print(stats.summary())
    _assert_clean(stats)
    assert stats.games == games
