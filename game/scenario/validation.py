"""Turning pydantic validation errors into located, plain-sentence problems."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.scenario.errors import Problem, did_you_mean, join_path
from game.scenario.yamlpos import mark_at

_ADAPTERS: dict[int, tuple[Any, TypeAdapter]] = {}


def adapter(tp: Any) -> TypeAdapter:
    """A cached TypeAdapter for a type object (the type is kept alive with it)."""
    hit = _ADAPTERS.get(id(tp))
    if hit is not None and hit[0] is tp:
        return hit[1]
    ad = TypeAdapter(tp)
    _ADAPTERS[id(tp)] = (tp, ad)
    return ad


def strip(tp: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def type_at(tp: Any, loc: Sequence[Any]) -> Any:
    """The declared type at a path inside ``tp`` (None when unknown)."""
    for part in loc:
        tp = strip(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            f = tp.model_fields.get(str(part))
            if f is None:
                return None
            tp = f.annotation
        elif origin in (list, set, frozenset):
            tp = typing.get_args(tp)[0]
        elif origin is tuple:
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                tp = args[0]
            elif isinstance(part, int) and part < len(args):
                tp = args[part]
            else:
                return None
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:
            return None
    return strip(tp)


def description_at(tp: Any, loc: Sequence[Any]) -> str:
    """The schema description of the field at ``loc``, if any."""
    if not loc:
        return ""
    parent = type_at(tp, loc[:-1])
    if isinstance(parent, type) and issubclass(parent, BaseModel):
        f = parent.model_fields.get(str(loc[-1]))
        if f is not None and f.description:
            return f.description
    return ""


def describe(value: Any) -> str:
    """A short description of a value for messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return repr(value)


_EXPECTED = {
    "string_type": ("text", "put the text here (quote it if it looks like a number or date)"),
    "int_type": ("a whole number", "write a whole number such as 3"),
    "int_parsing": ("a whole number", "write a whole number such as 3"),
    "int_from_float": ("a whole number", "drop the fraction"),
    "float_type": ("a number", "write a number such as 2.5"),
    "float_parsing": ("a number", "write a number such as 2.5"),
    "bool_type": ("true or false", "write true or false"),
    "bool_parsing": ("true or false", "write true or false"),
    "date_type": ("a date", "write the date as YYYY-MM-DD, e.g. 1941-10-02"),
    "date_parsing": ("a date", "write the date as YYYY-MM-DD, e.g. 1941-10-02"),
    "date_from_datetime_parsing": ("a date", "write the date as YYYY-MM-DD, e.g. 1941-10-02"),
    "date_from_datetime_inexact": ("a date without a time", "write the date as YYYY-MM-DD"),
    "list_type": ("a list", "write a list: [a, b] or one '- item' per line"),
    "tuple_type": ("a list", "write a list: [a, b]"),
    "dict_type": ("a mapping", "write 'key: value' lines indented under this key"),
    "model_type": ("a mapping", "write 'key: value' lines indented under this key"),
    "model_attributes_type": ("a mapping", "write 'key: value' lines indented under this key"),
}

_PATTERN_FIX = {
    r"^(\d\d)+$": "write a hex label: column then row, zero padded, e.g. '0712'",
    r"^#[0-9a-fA-F]{6}$": "write a colour as '#rrggbb', e.g. '#7a8b5c'",
}


def translate(err: dict[str, Any], root_tp: Any, data: Any, prefix: tuple = (), top_desc: str = "") -> Problem:
    """One pydantic error → one located Problem with a fix."""
    loc = tuple(err["loc"])
    full = (*prefix, *loc)
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    where = join_path(full)
    desc = description_at(root_tp, loc) if loc else top_desc
    if kind == "missing" and loc and isinstance(loc[-1], int):
        return Problem(
            mark_at(data, full),
            where,
            f"item {loc[-1] + 1} of this list is missing",
            "add it" + (f" ({desc})" if desc else ""),
        )
    if kind == "missing":
        key = loc[-1] if loc else "?"
        return Problem(
            mark_at(data, full), where, f"the key '{key}' is missing", f"add '{key}:'" + (f" ({desc})" if desc else "")
        )
    if kind == "extra_forbidden":
        parent = type_at(root_tp, loc[:-1])
        names = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
        return Problem(
            mark_at(data, full, key=True),
            where,
            f"unknown key '{loc[-1]}'",
            did_you_mean(str(loc[-1]), names, "keys") if names else "remove it",
        )
    if kind in _EXPECTED:
        what, fix = _EXPECTED[kind]
        return Problem(
            mark_at(data, full),
            where,
            f"expected {what}, got {describe(value)}",
            fix + (f" ({desc})" if desc and kind not in ("int_from_float",) else ""),
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "?")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return Problem(
            mark_at(data, full),
            where,
            f"{value} is out of range: it must be {words} {bound}",
            f"use a value {words} {bound}" + (f" ({desc})" if desc else ""),
        )
    if kind == "literal_error":
        expected = typing.get_args(type_at(root_tp, loc)) or ()
        choices = [str(e) for e in expected] or [str(ctx.get("expected", ""))]
        return Problem(
            mark_at(data, full),
            where,
            f"{describe(value)} is not one of the allowed values",
            did_you_mean(str(value), choices, "values"),
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        fix = _PATTERN_FIX.get(pattern, "use only letters, digits, '_', '-' and '.', starting with a letter or digit")
        return Problem(mark_at(data, full), where, f"{describe(value)} is not in the right form", fix)
    if kind in ("too_short", "too_long"):
        n = ctx.get("min_length" if kind == "too_short" else "max_length")
        what = "at least" if kind == "too_short" else "at most"
        return Problem(
            mark_at(data, full),
            where,
            f"{what} {n} item{'s' if n != 1 else ''} needed here",
            f"give {what} {n}" + (f" ({desc})" if desc else ""),
        )
    if kind == "string_too_long":
        return Problem(
            mark_at(data, full), where, "the text is too long", f"use at most {ctx.get('max_length')} characters"
        )
    if kind == "value_error":
        text = str(ctx.get("error", err["msg"]))
        message, _, fix = text.partition(" — ")
        return Problem(mark_at(data, full), where, message, fix or "see docs/modding.md")
    return Problem(mark_at(data, full), where, err["msg"], "see docs/modding.md for this key")


def validate(tp: Any, value: Any, data: Any, prefix: tuple, top_desc: str = "") -> tuple[Any, list[Problem]]:
    """Validate ``value`` (found at ``prefix`` in ``data``) as ``tp``; returns (object or None, problems)."""
    try:
        return adapter(tp).validate_python(value), []
    except ValidationError as exc:
        problems = [translate(e, tp, data, prefix, top_desc) for e in exc.errors(include_url=False)]
        return None, merge_typos(problems)


def merge_typos(problems: list[Problem]) -> list[Problem]:
    """Drop "key X is missing" when the same mapping has an unknown key that is a typo of X."""
    typos = set()
    for p in problems:
        if p.message.startswith("unknown key '") and p.fix.startswith("did you mean '"):
            parent = p.where.rpartition(".")[0] if "." in p.where else ""
            typos.add((parent, p.fix.split("'")[1]))
    out = []
    for p in problems:
        if p.message.startswith("the key '") and p.message.endswith("' is missing"):
            parent = p.where.rpartition(".")[0] if "." in p.where else ""
            if (parent, p.message.split("'")[1]) in typos:
                continue
        out.append(p)
    return out


def fmt(value: Any) -> str:
    """A value as a modder wrote it: 8.0 -> 8."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
