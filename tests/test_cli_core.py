"""The command line: help, and one clear line for user mistakes."""

import subprocess
import sys

from game.cli import main


def test_help_lists_replay(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "replay" in capsys.readouterr().out


def test_python_dash_m_game_works():
    proc = subprocess.run([sys.executable, "-m", "game", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "moscow41" in proc.stdout


def test_replay_of_missing_file_is_one_clear_line(tmp_path, capsys):
    code = main(["replay", str(tmp_path / "nope.m41.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert "nope.m41.json" in err and "cannot open" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_replay_of_truncated_file_names_line_and_column(tmp_path, capsys):
    f = tmp_path / "cut.m41.json"
    f.write_text('{"header": {"format": "moscow41-record",\n "seed": ')
    code = main(["replay", str(f)])
    err = capsys.readouterr().err
    assert code == 2 and f"{f}:2:" in err and "truncated" in err


def _tutorial_record(tmp_path, orders=60):
    import numpy as np

    from game.paths import SCENARIO_DIR
    from game.record import save_record
    from game.scenario import load_scenario
    from game.session import Session

    s = Session(load_scenario(SCENARIO_DIR / "tutorial.yaml"), seed=3)
    rng = np.random.default_rng(1)
    for _ in range(orders):
        if s.state.game_over:
            break
        legal = s.legal_orders()
        s.submit(legal[int(rng.integers(len(legal)))])
    path = tmp_path / "tutorial.m41.json"
    save_record(s.record, path)
    return path, s


def test_replay_verifies_a_tutorial_game_and_summarises_turns(tmp_path, capsys):
    path, s = _tutorial_record(tmp_path)
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"replay verified: {len(s.record.steps)} steps, final checksum {s.state.checksum()}" in out
    assert "turn   1 1941-" in out


def test_replay_reports_a_tampered_step(tmp_path, capsys):
    import json

    path, s = _tutorial_record(tmp_path)
    data = json.loads(path.read_text())
    k = next(i for i, st in enumerate(data["steps"]) if st["chance"])
    kind, n, value = data["steps"][k]["chance"][0]
    data["steps"][k]["chance"][0] = [kind, n, (value + 1) % n]
    path.write_text(json.dumps(data))
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"replay diverged at step {k + 1}" in err


def test_records_store_shipped_scenarios_relative_to_the_scenarios_folder(tmp_path):
    path, s = _tutorial_record(tmp_path, orders=3)
    assert s.record.scenario_path == "tutorial.yaml"
