"""No code runs from data: no eval/exec, pickle, marshal, shelve or unsafe YAML anywhere in the project.

tests/test_boundary.py guards game/; this extends the same guard to every Python file of the
project (tests, benchmarks, scripts), and adds the other ways data can become code.
"""

import re

from tests.builders import ROOT

FORBIDDEN = re.compile(
    r"\beval\(|\bexec\(|\bpickle\b|\bcPickle\b|\bmarshal\b|\bshelve\b|\bdill\b|yaml\.load\(|yaml\.load_all\("
    r"|yaml\.unsafe_load|yaml\.full_load|yaml\.(Full|Unsafe)?Loader\b|allow_pickle\s*=\s*True|\b__import__\("
)
GUARDS = {"tests/test_boundary.py", "tests/test_reliability_boundary.py"}  # they spell the patterns out
SKIP_PARTS = {".git", ".venv", "venv", ".cache", "__pycache__", "build", "dist"}


def _python_files():
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if SKIP_PARTS & set(rel.parts) or rel.as_posix() in GUARDS:
            continue
        yield rel, path


def test_no_code_from_data_anywhere():
    files = list(_python_files())
    assert any(rel.as_posix() == "game/record.py" for rel, _ in files)
    assert any(rel.parts[0] == "tests" for rel, _ in files)
    hits = [f"{rel}:{n}: {line.strip()}" for rel, path in files
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if FORBIDDEN.search(line)]
    assert hits == []


def test_the_pattern_catches_what_it_should():
    for bad in ["x = eval(s)", "import pickle", "yaml.load(f)", "yaml.load(f, Loader=yaml.Loader)", "marshal.loads(b)",
                "np.load(p, allow_pickle=True)", "yaml.full_load(t)", "m = __import__(name)", "exec(code)"]:
        assert FORBIDDEN.search(bad), bad
    for good in ["yaml.safe_load(f)", "yaml.compose(t, Loader=yaml.CSafeLoader)", "json.loads(t)", "evaluate(x)",
                 "np.load(p)", "self.execute()"]:
        assert not FORBIDDEN.search(good), good
