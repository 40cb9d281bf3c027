"""A disk cache of parsed YAML files, keyed by their exact bytes.

Parsing YAML is the biggest cost of loading a large scenario (the campaign's
files hold some 14,000 values). A file that parsed cleanly is stored as plain
JSON data under the hash of its bytes and this module's version, with
every line and column, so the next load skips the parser and gives the same
located data. A changed file has a different hash; a damaged or foreign cache
entry is ignored and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from game.scenario.errors import Mark

PARSE_VERSION = 1
"""Bump when the located data the parser builds changes."""


def cache_root() -> Path:
    """The cache folder (``MOSCOW41_CACHE_DIR`` or the user cache folder)."""
    env = os.environ.get("MOSCOW41_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("moscow41")) / "maps"


_FINGERPRINT: list[bytes] = []


def _fingerprint() -> bytes:
    """A hash of the parser's own code: entries made by other versions of it (or its guards) are not reused."""
    if not _FINGERPRINT:
        h = hashlib.blake2b(b"m41-parse-v%d" % PARSE_VERSION, digest_size=16)
        here = Path(__file__).resolve().parent
        for name in ("yamlpos.py", "limits.py", "parsecache.py"):
            try:
                h.update((here / name).read_bytes())
            except OSError:
                h.update(name.encode())
        _FINGERPRINT.append(h.digest())
    return _FINGERPRINT[0]


def _path(raw: bytes) -> Path:
    digest = hashlib.blake2b(raw, digest_size=20, key=_fingerprint()).hexdigest()
    return cache_root() / "parsed" / f"{digest}.json"


class _Unsupported(Exception):
    pass


def _enc(value: Any) -> Any:
    from game.scenario.yamlpos import LMap, LSeq

    if isinstance(value, LMap):
        m = value.mark
        return {
            "M": [m.line, m.column] if m else None,
            "k": [[k, *_lc(value.key_marks.get(k)), *_lc(value.value_marks.get(k)), _enc(v)] for k, v in value.items()],
        }
    if isinstance(value, LSeq):
        m = value.mark
        return {
            "S": [m.line, m.column] if m else None,
            "i": [[*_lc(value.mark_of(i)), _enc(v)] for i, v in enumerate(value)],
        }
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unsupported
        return value
    if isinstance(value, dt.datetime):
        return {"T": value.isoformat()}
    if isinstance(value, dt.date):
        return {"D": value.isoformat()}
    raise _Unsupported  # bytes, sets and other rare YAML types are simply not cached


def _lc(mark: Mark | None) -> list[int]:
    return [mark.line, mark.column] if mark else [0, 0]


def _dec(value: Any, file: str) -> Any:
    from game.scenario.yamlpos import LMap, LSeq

    if not isinstance(value, dict):
        return value
    if "M" in value:
        m = value["M"]
        out = LMap(mark=Mark(file, m[0], m[1]) if m else None)
        for k, kl, kc, vl, vc, v in value["k"]:
            out.set(k, _dec(v, file), Mark(file, kl, kc) if kl else None, Mark(file, vl, vc) if vl else None)
        return out
    if "S" in value:
        m = value["S"]
        seq = LSeq(mark=Mark(file, m[0], m[1]) if m else None)
        for line, col, v in value["i"]:
            seq.add(_dec(v, file), Mark(file, line, col) if line else None)
        return seq
    if "D" in value:
        return dt.date.fromisoformat(value["D"])
    return dt.datetime.fromisoformat(value["T"])


def load(raw: bytes, file: str) -> Any | None:
    """The located data of a cleanly parsed file with these bytes, or None."""
    path = _path(raw)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        from game.scenario.yamlpos import LMap, LSeq

        data = _dec(doc["data"], file)
        if isinstance(data, (LMap, LSeq)):
            data.include_paths = [tuple(p) for p in doc["include_paths"]]
        return data
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def store(raw: bytes, data: Any) -> None:
    """Remember the located data of a file that parsed without problems."""
    try:
        doc = {"data": _enc(data), "include_paths": [list(p) for p in getattr(data, "include_paths", [])]}
    except (_Unsupported, RecursionError):
        return
    path = _path(raw)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, separators=(",", ":"), ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
