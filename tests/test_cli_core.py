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
