"""Saves survive a crash: a process killed at random points while saving leaves the old or the new save.

A child process writes two big, different records to the same save file in a loop; the test kills it
with SIGKILL at random moments and then loads the file. With ``save_record`` (temp file, fsync,
rename) the file is always one of the two complete records. The same harness with a naive writer
(open, write in chunks) does find torn files, so the harness can see what it is looking for.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from game.record import GameRecord, RecordError, RecordStep, load_record, remove_stale_temp_files, save_record
from tests.builders import ROOT

CHILD = r"""
import sys
from game.record import GameRecord, RecordStep, write_atomic
path, mode, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])

def make(seed):
    rec = GameRecord(scenario_id="soak", scenario_hash="h" * 32, seed=seed)
    rec.steps = [RecordStep(f"move u{k % 97} {k % 50:02d}{k % 40:02d}", [("die", 6, k % 6)], 1 + k // 100, k % 2,
                            format(k * seed, "032x")[-32:]) for k in range(steps)]
    return rec

texts = [make(1).to_json(), make(2).to_json()]

def naive(path, text):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(0, len(text), 65536):
            fh.write(text[i:i + 65536])
            fh.flush()

write = write_atomic if mode == "atomic" else naive
k = 0
while True:
    write(path, texts[k % 2])
    if k == 0:
        print("ready", flush=True)
    k += 1
"""

STEPS = 6_000  # about 0.6 MB per save


def _kill_rounds(tmp_path, mode: str, rounds: int, seed: int) -> list[str]:
    """Kill the writer ``rounds`` times at random moments; the outcome of loading after each kill."""
    rng = np.random.default_rng(seed)
    path = tmp_path / "campaign.m41.json"
    outcomes = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode, str(STEPS)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert line.strip() == "ready", proc.stderr.read() if proc.stderr else ""
            time.sleep(float(rng.uniform(0.0, 0.08)))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            if proc.stdout:
                proc.stdout.close()
            if proc.stderr:
                proc.stderr.close()
        try:
            rec = load_record(path)
        except RecordError as exc:
            outcomes.append(f"damaged: {str(exc)[:80]}")
            continue
        ok = rec.seed in (1, 2) and len(rec.steps) == STEPS and rec.steps[-1].order == f"move u{(STEPS - 1) % 97} " \
            f"{(STEPS - 1) % 50:02d}{(STEPS - 1) % 40:02d}"
        outcomes.append(f"intact {rec.seed}" if ok else "wrong content")
    return outcomes


def test_killed_while_saving_leaves_old_or_new_save(tmp_path):
    outcomes = _kill_rounds(tmp_path, "atomic", rounds=8, seed=1)
    assert all(o.startswith("intact") for o in outcomes), outcomes
    # temp files left by killed saves prove the kills landed inside saves; they are cleaned away
    removed = remove_stale_temp_files(tmp_path, older_than_s=0)
    assert removed >= 1 and not list(tmp_path.glob(".*.tmp"))
    assert load_record(tmp_path / "campaign.m41.json").seed in (1, 2)


def test_harness_detects_torn_saves_of_a_naive_writer(tmp_path):
    outcomes = _kill_rounds(tmp_path, "naive", rounds=3, seed=2)
    assert any(o.startswith("damaged") for o in outcomes), outcomes


def test_failed_save_keeps_the_old_one(tmp_path, monkeypatch):
    path = tmp_path / "save.m41.json"
    old = GameRecord(scenario_id="a", scenario_hash="h", seed=1)
    save_record(old, path)
    new = GameRecord(scenario_id="a", scenario_hash="h", seed=2, steps=[RecordStep("end", [], 1, 0)])

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        save_record(new, path)
    monkeypatch.undo()
    assert load_record(path).seed == 1
    assert not list(tmp_path.glob(".*.tmp"))  # the half-written temp file was removed


def test_stale_temp_files_only_are_removed(tmp_path):
    save_record(GameRecord(scenario_id="a", scenario_hash="h", seed=1), tmp_path / "keep.m41.json")
    stale = tmp_path / ".keep.m41.json.abc123.tmp"
    stale.write_text("{half")
    other = tmp_path / "notes.tmp"
    other.write_text("mine")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and other.exists() and (tmp_path / "keep.m41.json").exists()
