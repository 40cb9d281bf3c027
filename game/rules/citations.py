"""Citations: where in the ruleset YAML a rule number is written.

``odds_preview`` and the turn report cite every number they use as
``scenarios/rulesets/standard.yaml:123 (combat.shifts.terrain.forest)``. The
positions come from the located YAML reader of the scenario loader
(``game.scenario.yamlpos``); when a ruleset has no file the dotted key path
alone is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ruleset import Ruleset

ROOT = Path(__file__).resolve().parents[2]
RULESET_DIR = ROOT / "scenarios" / "rulesets"


@dataclass(frozen=True)
class RuleSources:
    """Dotted key path -> ``file:line`` of the value."""

    lines: Mapping[str, str] = field(default_factory=dict)

    def cite(self, *path: Any) -> str:
        """``file:line (a.b.c)`` for the deepest part of ``path`` that has a position."""
        dotted = ".".join(str(p) for p in path)
        for k in range(len(path), 0, -1):
            where = self.lines.get(".".join(str(p) for p in path[:k]))
            if where is not None:
                return f"{where} ({dotted})"
        return f"ruleset ({dotted})"


def sources_from_located(data: Any, prefix: Sequence[Any] = ()) -> dict[str, str]:
    """Positions of every value of located YAML data (``yamlpos.LMap``/``LSeq``)."""
    out: dict[str, str] = {}

    def visit(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            marks = getattr(node, "value_marks", {})
            for k, v in node.items():
                m = marks.get(k)
                if m is not None:
                    out[".".join(str(p) for p in (*path, k))] = f"{m.file}:{m.line}"
                visit(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                m = node.mark_of(i) if hasattr(node, "mark_of") else None
                if m is not None:
                    out[".".join(str(p) for p in (*path, i))] = f"{m.file}:{m.line}"
                visit(v, (*path, i))

    visit(data, tuple(prefix))
    return out


def default_sources(ruleset: Ruleset) -> RuleSources:
    """Positions from the shipped ``scenarios/rulesets/<id>.yaml`` (empty if there is none)."""
    from game.scenario.yamlpos import parse_text

    path = RULESET_DIR / f"{ruleset.id}.yaml"
    if not path.is_file():
        return RuleSources()
    data, problems = parse_text(path.read_text(encoding="utf-8"), f"scenarios/rulesets/{path.name}")
    if data is None:
        return RuleSources()
    return RuleSources(sources_from_located(data))
