"""The key reference of docs/modding.md, generated from the scenario schema.

``reference_markdown()`` walks the scenario model (core keys and the rules'
sections) and writes one table per object: key, type, default and
description. ``moscow41 schema --markdown`` prints it; a test checks that the
copy in docs/modding.md is current.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from game.scenario.document import scenario_model
from game.scenario.refs import Ref

BEGIN = "<!-- BEGIN GENERATED KEY REFERENCE (moscow41 schema --markdown) -->"
END = "<!-- END GENERATED KEY REFERENCE -->"

_REF_WORDS = {
    "unit": "unit id",
    "side": "side id",
    "side_or_none": "side id or `none`",
    "place": "place",
    "unit_type": "unit type",
    "terrain": "terrain type",
    "hexside": "hexside type",
    "road": "road type",
    "ground": "ground condition",
    "turn": "turn",
    "date": "date in the scenario",
    "location": "location",
    "hex": "hex label",
    "event": "trigger id",
    "rule_key": "rule key",
}
_PLAIN = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "true/false",
    dt.date: "date (YYYY-MM-DD)",
    type(None): "null",
    Any: "any value",
}


def type_text(tp: Any, seen: list[type[BaseModel]]) -> str:
    """A short human description of a type; models are linked and queued in ``seen``."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        refs = [m for m in meta if isinstance(m, Ref)]
        if refs:
            return _REF_WORDS.get(refs[0].kind, refs[0].kind)
        return type_text(base, seen)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return " or ".join(type_text(a, seen) for a in args)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(tp))
    if origin in (list, set, frozenset):
        return f"list of {type_text(typing.get_args(tp)[0], seen)}"
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return f"list of {type_text(args[0], seen)}"
        return "[" + ", ".join(type_text(a, seen) for a in args) + "]"
    if origin is dict:
        k, v = typing.get_args(tp)
        return f"mapping of {type_text(k, seen)} → {type_text(v, seen)}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in seen:
            seen.append(tp)
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return _PLAIN.get(tp, getattr(tp, "__name__", str(tp)))


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()
        return "empty" if not value else f"`{value}`"
    value = field.default
    if value is None or value is PydanticUndefined:
        return "—"
    if value == "":
        return '`""`'
    if isinstance(value, BaseModel):
        return "defaults"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _model_doc(tp: Any) -> str:
    """First sentence of the docstring of the model inside ``tp`` (for fields without a description)."""
    args = [tp]
    while args:
        t = args.pop()
        if isinstance(t, type) and issubclass(t, BaseModel):
            return (t.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        args.extend(a for a in typing.get_args(t) if a is not type(None))
    return ""


def _model_table(model: type[BaseModel], seen: list[type[BaseModel]]) -> list[str]:
    doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    lines = [f"### {model.__name__}", ""]
    if doc and not doc.startswith("!!!"):
        lines += [doc, ""]
    lines += ["| key | type | default | meaning |", "|---|---|---|---|"]
    for name, f in model.model_fields.items():
        ann = typing.Annotated[f.annotation, *f.metadata] if f.metadata else f.annotation
        desc = f.description or _model_doc(f.annotation)
        desc = desc.replace("|", "\\|").replace("\n", " ")
        kind = type_text(ann, seen).replace("|", "\\|")
        lines.append(f"| `{name}` | {kind} | {_default(f)} | {desc} |")
    lines.append("")
    return lines


def reference_markdown() -> str:
    """The full key reference, one table per object, starting with the scenario file itself."""
    root = scenario_model()
    seen: list[type[BaseModel]] = [root]
    out = [BEGIN, ""]
    i = 0
    while i < len(seen):
        out += _model_table(seen[i], seen)
        i += 1
    out.append(END)
    return "\n".join(out) + "\n"


def update_docs(path: Path) -> bool:
    """Replace the generated reference between the markers of a Markdown file; True if it changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + reference_markdown().rstrip("\n") + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
