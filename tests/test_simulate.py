"""``moscow41 simulate``: batch games, worker-count independence, records, CSV and chart."""

from __future__ import annotations

import csv

from game.cli import main
from game.record import load_record
from game.replay import replay
from game.sim import SimConfig, game_seeds, simulate
from game.sim.runner import load_spec

SOURCE = "tests.ai_maps:front_spec"


def _key(rows):
    return [(r.game, r.seed, r.winner, r.turns, sorted(r.vp.items()), r.orders, r.captures) for r in rows]


def test_game_seeds_are_stable_and_distinct():
    assert game_seeds(7, 5) == game_seeds(7, 5)
    assert game_seeds(7, 5)[:3] == game_seeds(7, 3)
    assert len(set(game_seeds(7, 50))) == 50


def test_results_do_not_depend_on_worker_count(tmp_path):
    one = simulate(SimConfig(SOURCE, 4, seed=3, workers=1, players=("hard", "easy"), out_dir=str(tmp_path / "a")))
    two = simulate(SimConfig(SOURCE, 4, seed=3, workers=2, players=("hard", "easy"), out_dir=str(tmp_path / "b")))
    assert _key(one) == _key(two)
    assert all(r.refused == 0 for r in one)
    a = sorted((tmp_path / "a" / "records").iterdir())
    b = sorted((tmp_path / "b" / "records").iterdir())
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        ra, rb = load_record(pa), load_record(pb)
        assert [s.order for s in ra.steps] == [s.order for s in rb.steps]
        assert ra.final_checksum == rb.final_checksum


def test_records_replay(tmp_path):
    rows = simulate(SimConfig(SOURCE, 2, seed=1, players=("random", "normal"), out_dir=str(tmp_path)))
    spec = load_spec(SOURCE)
    for row in rows:
        result = replay(load_record(row.record), spec)
        assert result.divergence is None
        assert result.state.checksum() == load_record(row.record).final_checksum


def test_cli_writes_csv_chart_and_records(tmp_path, capsys):
    out = tmp_path / "batch"
    code = main(["simulate", SOURCE, "--games", "3", "--seed", "2", "--ai-german", "hard", "--ai-soviet", "random",
                 "--out", str(out), "--quiet"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "3 games" in printed and "german" in printed and "refused orders: 0" in printed
    with (out / "games.csv").open() as fh:
        games = list(csv.DictReader(fh))
    assert len(games) == 3 and {g["ai_german"] for g in games} == {"hard"}
    assert (out / "captures.csv").exists()
    assert (out / "results.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(list((out / "records").glob("*.m41.json"))) == 3


def test_cli_rejects_unknown_level(tmp_path, capsys):
    code = main(["simulate", SOURCE, "--games", "1", "--ai-german", "godlike", "--out", str(tmp_path), "--quiet"])
    assert code == 2
    assert "unknown level" in capsys.readouterr().err


def test_tournament_table():
    from game.sim.tournament import markdown, play_pairings

    pairs = [("hard", "random"), ("random", "hard")]
    results = play_pairings(SOURCE, 2, 1, 1, players=("random", "hard"), pairs=pairs)
    assert set(results) == set(pairs) and all(len(rows) == 2 for rows in results.values())
    lines = markdown(results, ("german", "soviet"), players=("random", "hard"))
    assert lines[0].startswith("| german") and "—" in lines[2]  # random v random was not played
    assert any(line.startswith("| hard |") for line in lines)
