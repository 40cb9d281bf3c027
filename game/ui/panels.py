"""The information panels: top bar, unit, hex, odds preview and the turn report / combat log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from game.ruleset import IMPASSABLE, MP_TICKS
from game.ui import rulesinfo
from game.ui.counters import fmt_factor
from game.ui.fonts import Fonts
from game.ui.theme import ACCENT, BAD, GOOD, MUTED, PANEL, PANEL_EDGE, TEXT, WARN, mix
from game.ui.widgets import (
    Button,
    ScrollBox,
    key_value,
    lines_fitting_at_end,
    panel,
    scroll_bar,
    text_lines,
    text_lines_height,
)
from game.units import SupplyState

if TYPE_CHECKING:
    from game.ui.controller import GameController
    from game.ui.scenes.game import GameScene


def draw_top_bar(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, ctl: GameController) -> None:
    """Date, turn, phase, weather, ground, temperature, forecast and the victory-point balance."""
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, PANEL_EDGE, rect.bottomleft, rect.bottomright)
    s = ctl.state
    spec = ctl.spec
    x = rect.x + 12
    cy = rect.centery
    brand = fonts.text("MOSCOW '41", 16, ACCENT, "bold")
    surface.blit(brand, (x, cy - brand.get_height() // 2))
    x += brand.get_width() + 14
    side = spec.sides[s.active_side]
    fill = ctl_side_fill(ctl, s.active_side)
    parts = [
        (s.date.strftime("%d %b %Y").lstrip("0"), TEXT, "bold"),
        (f"Turn {s.turn}/{spec.turns}", TEXT, "regular"),
    ]
    for text, color, face in parts:
        t = fonts.text(text, 15, color, face)
        surface.blit(t, (x, cy - t.get_height() // 2))
        x += t.get_width() + 14
    chip = pygame.Rect(x, cy - 11, 0, 22)
    who = " (AI)" if ctl.controls[s.active_side] == "ai" else ""
    label = fonts.text(f"{side.name}{who} · {rulesinfo.phase_title(s.phase)}", 14, (20, 20, 20), "bold")
    chip.width = label.get_width() + 16
    pygame.draw.rect(surface, fill, chip, border_radius=11)
    surface.blit(label, (chip.x + 8, cy - label.get_height() // 2))
    x = chip.right + 16
    vp = ctl.cached("vp", rulesinfo.victory_points)
    right = rect.right - 12
    if vp is not None:
        a, b = vp
        txt = fonts.text(f"VP {a} : {b}", 14, TEXT, "bold")
        surface.blit(txt, (right - txt.get_width(), cy - txt.get_height() // 2))
        right -= txt.get_width() + 10
        bar = pygame.Rect(right - 90, cy - 5, 90, 10)
        total = max(1, a + b)
        pygame.draw.rect(surface, ctl_side_fill(ctl, 1), bar, border_radius=5)
        pygame.draw.rect(surface, ctl_side_fill(ctl, 0), (bar.x, bar.y, int(bar.width * a / total), bar.height),
                         border_radius=5)
        right = bar.x - 14
    heavy = rulesinfo.heavy_ground_labels(s)
    for k, v in ctl.cached("weather", rulesinfo.weather_line):
        t1 = fonts.text(k, 12, MUTED)
        color = WARN if v == "grounded" or (k == "Ground" and v in heavy) else TEXT
        t2 = fonts.text(v, 14, color, "bold")
        if x + t1.get_width() + t2.get_width() + 5 > right:
            break
        surface.blit(t1, (x, cy - t1.get_height() // 2))
        surface.blit(t2, (x + t1.get_width() + 5, cy - t2.get_height() // 2))
        x += t1.get_width() + t2.get_width() + 16


def ctl_side_fill(ctl: GameController, side: int) -> tuple[int, int, int]:
    from game.ui.theme import side_colors

    return side_colors(ctl.spec, side)[0]


def scrolled_panel(
    surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, title: str, scroll: int,
    body: Callable[[int, ScrollBox], int], color: tuple[int, int, int] = PANEL,
    footer: Callable[[int, ScrollBox], int] | None = None, footer_h: int = 0,
) -> ScrollBox:
    """A titled panel whose content ``body(y0, box)`` draws from ``y0`` (returning the y below it), clipped
    to the panel and moved up by ``scroll`` pixels; a scroll bar shows when the content is taller.

    ``footer(y0, box)`` (``footer_h`` pixels) follows the content, but never below the panel: when the
    content is taller than the panel, the content scrolls above the footer and the footer stays in sight.
    """
    inner = panel(surface, rect, title, fonts, color)
    footer_h = min(footer_h, inner.height) if footer is not None else 0
    view = pygame.Rect(inner.x, inner.y, inner.width, inner.height - footer_h)
    box = ScrollBox(rect, view, scroll=max(0, scroll), rows=[], footer_h=footer_h)
    old = surface.get_clip()
    surface.set_clip(view.clip(old))
    try:
        top = view.y - box.scroll
        box.content_h = body(top, box) - top
        if footer is not None:
            surface.set_clip(inner.clip(old))
            box.footer = pygame.Rect(inner.x, min(top + box.content_h, view.bottom), inner.width, footer_h)
            box.footer_from = len(box.rows)
            footer(box.footer.y, box)
    finally:
        surface.set_clip(old)
    # soft edges where the content goes on, under the footer or the panel's bottom, or above
    if box.scroll < box.max_scroll:
        _fade(surface, pygame.Rect(view.x, view.bottom - 10, view.width, 10), color)
    if box.scroll > 0:
        _fade(surface, pygame.Rect(view.x, view.y, view.width, 8), color, up=True)
    scroll_bar(surface, box)
    return box


def _fade(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int], up: bool = False) -> None:
    """The panel's colour over ``rect``, from clear to nearly solid downwards (``up``: upwards)."""
    line = pygame.Surface((rect.width, 1), pygame.SRCALPHA)
    for k in range(rect.height):
        line.fill((*color, int(230 * (k + 1) / rect.height)))
        surface.blit(line, (rect.x, rect.bottom - 1 - k if up else rect.y + k))


def draw_unit_panel(
    surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, scene: GameScene, u: int, scroll: int = 0
) -> tuple[list[Button], ScrollBox]:
    """Name, commander, type, strength, supply, status and history notes of a unit; its stack below.

    Returns one button per unit of the stack (click to bring it to the top / select it) and where the
    content went.
    """
    from game.ui.scenes.game import unit_status_text

    buttons: list[Button] = []

    def body(y0: int, box: ScrollBox) -> int:
        inner = box.view
        s = scene.state
        d = scene.spec.units[u]
        look = scene.view.look(s, u, 64, selected=u in scene.marks.selected)
        surface.blit(scene.view.painter.surface(look), (inner.x, y0 + 2))
        tx = inner.x + 74
        y = text_lines(surface, fonts, [(d.name, 15, TEXT, "bold")], tx, y0, inner.width - 74)
        kind = f"{d.unit_type.replace('_', ' ')} {d.size}"
        y = text_lines(surface, fonts, [(kind, 13, MUTED, "regular")], tx, y, inner.width - 74)
        if d.commander:
            y = text_lines(surface, fonts, [(d.commander, 13, MUTED, "regular")], tx, y, inner.width - 74)
        y = max(y, y0 + 70)
        steps = int(s.units["steps"][u])
        y = key_value(surface, fonts, "Strength", f"attack {fmt_factor(d.attack_per_step * steps)} · defence "
                      f"{fmt_factor(d.defence_per_step * steps)}", inner.x, y, inner.width)
        y = key_value(surface, fonts, "Steps", f"{steps} of {d.steps}", inner.x, y, inner.width)
        mp = s.units["mp"][u] / MP_TICKS
        left = f"{mp:g} left"
        mp_color = TEXT
        if s.phase == "exploitation" and d.side == s.active_side:
            exploits = mp > 0 or bool(s.units["moved"][u])
            left = f"{mp:g} left to exploit" if exploits else "does not exploit"
            mp_color = TEXT if mp > 0 else MUTED
        y = key_value(surface, fonts, "Movement", f"{fmt_factor(d.movement)} MP ({d.movement_class}); {left}",
                      inner.x, y, inner.width, mp_color)
        sup = int(s.units["supply"][u])
        color = GOOD if sup == SupplyState.SUPPLIED else WARN if sup == SupplyState.LOW else BAD
        extra = f", {int(s.units['oos_turns'][u])} turns" if s.units["oos_turns"][u] else ""
        y = key_value(surface, fonts, "Supply", SupplyState.NAMES[sup] + extra, inner.x, y, inner.width, color)
        y = key_value(surface, fonts, "Status", unit_status_text(s, u), inner.x, y, inner.width)
        h = int(s.units["hex"][u])
        if h >= 0:
            y = key_value(surface, fonts, "Hex", f"{scene.spec.map.label_of(h)} {scene.spec.map.terrain_name(h)}",
                          inner.x, y, inner.width)
        viewer = scene.ctl.viewer()
        threat = scene.threat_text(h) if h >= 0 and d.side == (viewer if viewer is not None
                                                                else s.active_side) else ""
        if threat:
            y = text_lines(surface, fonts, [(f"Threat: {threat}", 12, WARN, "regular")], inner.x, y, inner.width,
                           rows=box.rows)
        if d.notes:
            y = text_lines(surface, fonts, [(d.notes, 12, MUTED, "regular")], inner.x, y + 4, inner.width,
                           rows=box.rows)
        stack = scene.view.units_in(h) if h >= 0 else []
        if len(stack) > 1:
            size = 36
            surface.blit(fonts.text("STACK", 11, ACCENT, "bold"), (inner.x, y + 6))
            y += 21
            for k, v in enumerate(stack):
                r = pygame.Rect(inner.x + k * (size + 6), y, size, size)
                if r.right > inner.right:
                    break
                surface.blit(scene.view.painter.surface(scene.view.look(s, v, size, v == u)), r.topleft)
                if inner.contains(r):  # a counter scrolled out of sight is not clickable
                    buttons.append(Button(r, "", f"stack:{v}"))
            y += size
        return y

    box = scrolled_panel(surface, fonts, rect, "Unit", scroll, body)
    return buttons, box


def draw_hex_panel(
    surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, scene: GameScene, h: int, scroll: int = 0
) -> ScrollBox:
    """Terrain, features and their effect on movement and combat right now; returns where the content went."""

    def body(y0: int, box: ScrollBox) -> int:
        inner = box.view
        if h < 0:
            return text_lines(surface, fonts, [("Point at a hex to see its terrain; click one of your units to "
                                                "give orders.", 13, MUTED, "regular")], inner.x, y0, inner.width)
        s = scene.state
        m = scene.spec.map
        rs = scene.spec.ruleset
        t = rs.tables
        tname = m.terrain_name(h)
        title = m.label_of(h)
        k = int(m.settlement_at[h])
        if k >= 0:
            st = m.settlements[k]
            title += f"  {st.name}" + (f"  ({st.victory_points} VP)" if st.victory_points else "")
        y = text_lines(surface, fonts, [(title, 16, TEXT, "bold")], inner.x, y0, inner.width)
        ground_code = int(s.hexes["ground"][h])
        ground = rulesinfo.ground_label(t.grounds[ground_code]) if ground_code < len(t.grounds) else "?"
        desc = rs.terrain[tname].description if tname in rs.terrain else ""
        y = key_value(surface, fonts, "Terrain", f"{tname}" + (f" — {desc}" if desc else ""), inner.x, y,
                      inner.width)
        warn = WARN if ground in rulesinfo.heavy_ground_labels(s) else TEXT
        y = key_value(surface, fonts, "Ground", ground, inner.x, y, inner.width, warn)
        control = int(s.hexes["control"][h])
        y = key_value(surface, fonts, "Control", scene.spec.sides[control].name if control >= 0 else "nobody",
                      inner.x, y, inner.width)
        feats = []
        sides = sorted({m.hexside_names[c] for c in m.hexside[h].tolist() if c})
        feats += [n.replace("_", " ") for n in sides]
        roads = sorted({m.road_names[c] for c in m.road[h].tolist() if c})
        feats += roads
        if m.rail[h].any():
            feats.append("railway")
        if m.fort[h]:
            feats.append(f"fortifications (level {int(m.fort[h])})")
        y = key_value(surface, fonts, "Features", ", ".join(feats) or "none", inner.x, y, inner.width)
        y += 4
        surface.blit(fonts.text(f"Cost to enter now ({ground})", 12, ACCENT, "bold"), (inner.x, y))
        y += 18
        terrain_code = int(m.terrain[h])
        cells = []
        for c, cls in enumerate(t.classes):
            v = int(t.terrain_cost[c, terrain_code, ground_code])
            cells.append(f"{cls} {'—' if v >= IMPASSABLE else f'{v / MP_TICKS:g}'}")
        y = text_lines(surface, fonts, [("   ".join(cells), 13, TEXT, "regular")], inner.x, y, inner.width)
        effects = _combat_effects(scene, h)
        if effects:
            y += 4
            surface.blit(fonts.text("In combat", 12, ACCENT, "bold"), (inner.x, y))
            y = text_lines(surface, fonts, [(e, 13, TEXT, "regular") for e in effects], inner.x, y + 18,
                           inner.width, rows=box.rows)
        threat = scene.threat_text(h)
        if threat:
            y += 4
            surface.blit(fonts.text("Threat next turn", 12, ACCENT, "bold"), (inner.x, y))
            y = text_lines(surface, fonts, [(threat, 12, WARN, "regular")], inner.x, y + 18, inner.width,
                           rows=box.rows)
        units = scene.view.units_in(h)
        if units:
            names = ", ".join(scene.spec.units[u].name for u in units)
            y = text_lines(surface, fonts, [(f"Units: {names}", 12, MUTED, "regular")], inner.x, y + 4,
                           inner.width, rows=box.rows)
        return y

    return scrolled_panel(surface, fonts, rect, "Hex", scroll, body)


def _combat_effects(scene: GameScene, h: int) -> list[str]:
    """Column shifts a defender in hex ``h`` gets right now (terrain, fortifications, ground, rivers)."""
    combat = getattr(scene.spec.ruleset, "combat", None)
    if combat is None:
        extra = getattr(scene.spec.ruleset, "model_extra", None) or {}
        combat = extra.get("combat")
    shifts = combat.get("shifts") if isinstance(combat, dict) else getattr(combat, "shifts", None)
    if shifts is None:
        return []

    def field(name: str):  # noqa: ANN202
        return shifts.get(name) if isinstance(shifts, dict) else getattr(shifts, name, None)

    m = scene.spec.map
    out = []
    tname = m.terrain_name(h)
    terrain = field("terrain") or {}
    if terrain.get(tname):
        out.append(f"{terrain[tname]:+d} column{'s' if abs(terrain[tname]) > 1 else ''}: defender in {tname}")
    fort = field("fortification")
    level = int(m.fort[h])
    if level and isinstance(fort, list) and fort:
        v = fort[min(level, len(fort) - 1)]
        if v:
            out.append(f"{v:+d}: fortifications (level {level})")
    grounds = scene.spec.ruleset.tables.grounds
    g = int(scene.state.hexes["ground"][h])
    gname = grounds[g] if 0 <= g < len(grounds) else ""
    ground = field("ground") or {}
    if ground.get(gname):
        out.append(f"{ground[gname]:+d}: {gname} ground")
    sides = field("hexsides") or {}
    for code in sorted({int(c) for c in m.hexside[h].tolist() if c}):
        name = m.hexside_names[code]
        by_ground = sides.get(name) or {}
        v = by_ground.get(gname, by_ground.get("default", 0)) if isinstance(by_ground, dict) else 0
        if v:
            out.append(f"{v:+d}: attack across the {name.replace('_', ' ')} ({gname})")
    return out


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return default


def _pct(p: Any) -> str:
    v = float(p) * 100
    return f"{v:.1f}%" if v < 99.95 else "100%"


Line = tuple[str, int, tuple[int, int, int], str]


def preview_lines(preview: Any) -> list[Line]:
    """The odds preview as text lines: odds, every modifier and shift with cause and ruleset line, results."""
    reasons, outcome = preview_sections(preview)
    return reasons + outcome


def preview_sections(preview: Any) -> tuple[list[Line], list[Line]]:
    """The odds preview's lines in two parts: the reasons (odds, every modifier and shift with its cause and
    ruleset line) and the outcome (final column, result probabilities, notes)."""
    if preview is None:
        return [("No preview available for this attack.", 13, MUTED, "regular")], []
    lines: list[Line] = []
    att, dfn = _get(preview, "attack"), _get(preview, "defence")
    base = _get(preview, "base_column_name")
    if att is not None and dfn is not None:
        lines.append((f"Attack {fmt_factor(float(att))} vs defence {fmt_factor(float(dfn))}"
                      + (f" → {base}" if base else ""), 14, TEXT, "bold"))
    for title, group in (("Attackers", _get(preview, "attackers", default=())),
                         ("Defenders", _get(preview, "defenders", default=()))):
        if not group:
            continue
        lines.append((title, 12, ACCENT, "bold"))
        for us in group:
            name = _get(us, "name", "unit", default="?")
            b, f = _get(us, "base"), _get(us, "strength")
            head = f"{name}: {fmt_factor(float(b))}" if b is not None else str(name)
            if f is not None and b is not None and f != b:
                head += f" → {fmt_factor(float(f))}"
            lines.append((head, 12, TEXT, "regular"))
            for mod in _get(us, "modifiers", default=()) or ():
                # the modifier multiplies the strength: 50 means half, shown "×50%", never "+50%"
                lines.append((f"   ×{_get(mod, 'pct')}% {_get(mod, 'cause', default='')}  "
                              f"[{short_source(str(_get(mod, 'source', default='')))}]", 11, MUTED, "regular"))
    shifts = _get(preview, "shifts", default=()) or ()
    lines.append(("Column shifts" if shifts else "No column shifts", 12, ACCENT, "bold"))
    for sh in shifts:
        text, source = _explain(sh)
        lines.append((text, 12, TEXT, "regular"))
        if source:  # the rule's place in the ruleset, small and muted under the shift
            lines.append((f"    {source}", 10, MUTED, "regular"))
    reasons, lines = lines, []
    col = _get(preview, "column_name", "odds")
    if col is not None:
        lines.append((f"Final column: {col}", 15, ACCENT, "bold"))
    results = _get(preview, "results", default=()) or ()
    if results:
        lines.append(("Results (exact probability)", 12, ACCENT, "bold"))
        for r in results:
            lines.append((f"{_pct(_get(r, 'probability'))}  {_get(r, 'code')} — {_get(r, 'text', default='')}",
                          12, TEXT, "regular"))
    for note in _get(preview, "notes", default=()) or ():
        lines.append((str(note), 11, WARN, "regular"))
    if not lines and len(reasons) <= 1:
        lines.append((str(preview), 12, TEXT, "regular"))
    return reasons, lines


def _explain(item: Any) -> tuple[str, str]:
    """(the shift as a player reads it, where the rule is written)."""
    if isinstance(item, str):
        return item, ""
    amount = _get(item, "columns", "shift", "amount", "value", "factor")
    cause = _get(item, "cause", "reason", "name", "label", default="")
    source = _get(item, "source", "rule", "citation", "where", default="")
    head = f"{amount:+} " if isinstance(amount, int) else (f"×{amount:g} " if isinstance(amount, float) else "")
    return f"{head}{cause}", short_source(str(source or ""))


def short_source(source: str) -> str:
    """A rule citation as the panel shows it: the ruleset file's name without its folders.

    ``scenarios/rulesets/standard.yaml:186 (combat.fatigue_attack_pct.1)`` becomes
    ``standard.yaml:186 (combat.fatigue_attack_pct.1)``: one row less per modifier in a narrow panel.
    """
    where, sep, rest = source.partition(" ")
    if "/" not in where:
        return source
    return where.rsplit("/", 1)[1] + sep + rest


def draw_preview(
    surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, scene: GameScene, preview: Any, scroll: int = 0
) -> ScrollBox:
    """The odds preview panel for the chosen attackers and target; returns where its rows went."""

    def body(y0: int, box: ScrollBox) -> int:
        inner = box.view
        m = scene.spec.map
        t = scene.marks.target
        head = [(f"Target {m.label_of(t)} ({m.terrain_name(t)})", 14, TEXT, "bold")]
        if not scene.marks.attackers:
            head.append(("No attackers: click your units next to the target.", 12, WARN, "regular"))
        avail = rulesinfo.air_available(scene.state, scene.state.active_side)
        if avail:
            head.append((f"Air support {scene.air} of {avail} points (A to change)", 12, MUTED, "regular"))
        y = text_lines(surface, fonts, head, inner.x, y0, inner.width, rows=box.rows)
        y = _probability_bars(surface, fonts, preview, inner, y + 4)
        return text_lines(surface, fonts, reasons, inner.x, y + 4, inner.width, rows=box.rows)

    def footer(y0: int, box: ScrollBox) -> int:
        return text_lines(surface, fonts, outcome, box.view.x, y0, box.view.width, rows=box.rows)

    # the outcome (final column and results) stays in sight while the reasons scroll above it
    reasons, outcome = preview_sections(preview)
    width = rect.width - 16
    footer_h = text_lines_height(fonts, outcome, width)
    return scrolled_panel(surface, fonts, rect, "Attack preview", scroll, body, mix(PANEL, (80, 30, 24), 0.25),
                          footer if outcome else None, footer_h)


RESULT_COLORS = [(70, 150, 80), (130, 180, 90), (210, 200, 90), (236, 160, 70), (220, 100, 60), (180, 50, 45),
                 (120, 120, 190), (90, 90, 150), (160, 160, 160)]


def _probability_bars(surface: pygame.Surface, fonts: Fonts, preview: Any, inner: pygame.Rect, y: int) -> int:
    results = _get(preview, "results", default=None) if preview is not None else None
    if not results:
        return y
    merged: dict[str, float] = {}
    for r in results:
        merged[str(_get(r, "code"))] = merged.get(str(_get(r, "code")), 0.0) + float(_get(r, "probability"))
    bar = pygame.Rect(inner.x, y, inner.width, 20)
    x = float(bar.x)
    for k, (name, p) in enumerate(merged.items()):
        w = bar.width * p
        if w <= 0:
            continue
        color = RESULT_COLORS[k % len(RESULT_COLORS)]
        pygame.draw.rect(surface, color, (round(x), bar.y, max(1, round(w)), bar.height))
        t = fonts.text(name, 11, (16, 16, 16), "bold")
        if w > t.get_width() + 4:
            surface.blit(t, (round(x) + 3, bar.y + 3))
        x += w
    pygame.draw.rect(surface, PANEL_EDGE, bar, 1)
    return bar.bottom + 4


def draw_log(surface: pygame.Surface, fonts: Fonts, rect: pygame.Rect, scene: GameScene) -> list[Button]:
    """Turn report / combat log with tabs; returns the tab buttons."""
    inner = panel(surface, rect, "", fonts)
    tabs = [Button(pygame.Rect(inner.x, inner.y, 110, 24), "Turn report", "report"),
            Button(pygame.Rect(inner.x + 116, inner.y, 110, 24), "Combat log", "combat")]
    for b in tabs:
        b.primary = b.action == scene.log_tab
        b.draw(surface, fonts, pygame.mouse.get_pos())
    log = scene.ctl.log
    if scene.log_tab == "combat":
        lines = [ln for ln in log if ln.kind in ("combat", "capture")]
    else:
        turn = scene.state.turn
        lines = [ln for ln in log if ln.turn >= turn - 1 and ln.kind != "move"]
    y = inner.y + 30
    rows: list[tuple[str, int, tuple[int, int, int], str]] = []
    for ln in reversed(lines):
        color = {"turn": ACCENT, "phase": MUTED, "combat": (240, 190, 150), "capture": GOOD}.get(ln.kind, TEXT)
        face = "bold" if ln.kind in ("turn", "capture") else "regular"
        rows.append((ln.text, 12, color, face))
    if not rows:
        rows = [("Nothing yet this turn.", 12, MUTED, "regular")]
    # the wheel scrolls no further than where the oldest lines reach the bottom of the panel
    deepest = len(rows) - max(1, lines_fitting_at_end(fonts, rows, inner.width, inner.bottom - y))
    scene.log_scroll = max(0, min(scene.log_scroll, deepest))
    # whole lines only: one that would not fit is left for the wheel (the first is cut to the rows that fit)
    shown = rows[scene.log_scroll:]
    room = inner.bottom - y
    used = 0
    for k, row in enumerate(shown):
        used += text_lines_height(fonts, [row], inner.width)
        if used > room:
            shown = shown[:max(1, k)]
            break
    scene.log_view = pygame.Rect(inner.x, y, inner.width, room)
    scene.log_rows = []
    end = text_lines(surface, fonts, shown, inner.x, y, inner.width, inner.bottom, rows=scene.log_rows)
    older = len(rows) - scene.log_scroll - len(shown)
    more = fonts.text(f"{older} more below (wheel)", 11, MUTED) if older > 0 else None
    if more is not None and end + more.get_height() <= inner.bottom:  # in the room a line too long left
        surface.blit(more, (inner.right - more.get_width(), inner.bottom - more.get_height()))
    return tabs


def strength_table(ctl: GameController) -> np.ndarray:
    return np.array([[t.strength[0], t.strength[1]] for t in ctl.stats])
