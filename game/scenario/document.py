"""The whole scenario file as one model: core keys, rule sections, composition keys.

Used for the JSON Schema (``moscow41 schema``) and the key reference in
docs/modding.md; loading validates key by key with the same types.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel, Field, create_model

from game.scenario.schema import FORMAT_VERSION, ScenarioCore
from game.scenario.sections import section_descriptions, sections

SCHEMA_ID = "https://moscow41.example/schema/scenario-v1.json"


@cache
def scenario_model() -> type[BaseModel]:
    """A pydantic model of a complete scenario file."""
    extra: dict[str, Any] = {
        "extends": (
            str | None,
            Field(default=None, description="a scenario file this one builds on (path relative to this file)"),
        ),
        "include": (
            str | list[str] | None,
            Field(default=None, description="files merged into this document (paths relative to this file)"),
        ),
    }
    descriptions = section_descriptions()
    for key, ann in sections().items():
        extra[key] = (ann | None, Field(default=None, description=descriptions.get(key) or None))
    model = create_model("Scenario", __base__=ScenarioCore, **extra)
    model.__doc__ = "A Moscow '41 scenario file."
    return model


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of scenario files, for editors."""
    schema = scenario_model().model_json_schema()
    include_form = {
        "type": "object",
        "description": "the value read from other files: {include: file.yaml} or {include: [a.yaml, b.yaml]}",
        "properties": {"include": schema["properties"]["include"]},
        "required": ["include"],
        "additionalProperties": True,
    }
    for key, prop in schema["properties"].items():
        if key not in ("include", "extends") and ("$ref" in prop or prop.get("type") == "array" or "anyOf" in prop):
            schema["properties"][key] = {"anyOf": [prop, include_form]}
    required = schema.pop("required", [])
    if required:  # a file that includes or extends others gets its required keys from them
        schema["if"] = {"anyOf": [{"required": ["include"]}, {"required": ["extends"]}]}
        schema["else"] = {"required": required}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Moscow '41 scenario (format_version {FORMAT_VERSION})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema_text() -> str:
    """The JSON Schema as stable, pretty-printed text."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
