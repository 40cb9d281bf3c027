"""The game screen: map, panels, orders by mouse and keyboard, turn flow, saves, live reload."""

from __future__ import annotations

import numpy as np
import pygame

from game.events import Event
from game.movement import reach
from game.orders import Move
from game.rules.violations import IllegalOrder
from game.state import MOVE_PHASES
from game.ui import rulesinfo
from game.ui.controller import GameController
from game.ui.mapview import OVERLAY_KEYS, Burst, MapView, MoveAnimation, ViewMarks
from game.ui.scenes.base import Scene, UiContext, ctrl
from game.ui.scenes.dialogs import HandoverScene, HelpScene, LoadScene, MessageScene
from game.ui.scenes.game_draw import GameDrawing
from game.ui.scenes.game_files import GameFiles
from game.ui.theme import BAD, BOTTOM_BAR_H, GOOD, MUTED, SIDEBAR_W, TEXT, TOP_BAR_H, WARN
from game.ui.widgets import Button, button_at
from game.units import UnitStatus

EDGE_SCROLL = 6
OVERLAY_NAMES = {"control": "Control of hexes", "zoc": "Zones of control", "supply": "Supply",
                 "threat": "Threat (best enemy odds next turn)", "front": "Historical front line"}
PAN_SPEED = 900.0


class GameScene(GameFiles, GameDrawing, Scene):
    """A game in progress."""

    def __init__(self, ctx: UiContext, controller: GameController) -> None:
        super().__init__(ctx)
        self.ctl = controller
        self.spec = controller.spec
        self.view = MapView(self.spec, ctx.fonts, self._map_rect())
        self.view.camera.zoom = max(self.view.camera.fit_zoom(), 4)
        self.view.tile_budget = None if ctx.headless else 2
        self.marks = ViewMarks()
        self.info_hex = -1
        self.inspected: int | None = None
        """A unit the player clicked to read (an enemy's, or any while the other side acts): its panel stays
        in the sidebar when the mouse leaves the map, until Esc or a click elsewhere."""
        self.preview = None
        self.preview_order = None
        self.air = 0
        self.log_tab = "report"
        self.log_scroll = 0
        self.log_view = pygame.Rect(0, 0, 0, 0)
        self.log_rows: list[tuple[str, pygame.Rect]] = []
        """Where the log's text went in the last frame, and its rows: (row text, rect in window pixels)."""
        self.toast: tuple[str, tuple[int, int, int], float] | None = None
        self.toast_short: tuple[str, ...] = ()
        self.panel_scroll = 0
        self.buttons: list[Button] = []
        self.drag_from: tuple[int, int] | None = None
        self.dragging = False
        self.minimap_rect = pygame.Rect(0, 0, 0, 0)
        self.minimap_pic = pygame.Rect(0, 0, 0, 0)
        self.minimap_drag = False
        self.panel_box = None
        self.ai_wait = 0.0
        self.skip_ai = False
        self.end_shown = False
        self.last_human = controller.viewer()
        self.report_mark = len(controller.log)
        self.ai_acted = False
        self._center_on_action()
        self._sync()

    # --- layout ---------------------------------------------------------------
    def _map_rect(self) -> tuple[int, int, int, int]:
        w, h = self.ctx.size
        return (0, TOP_BAR_H, w - SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H)

    def resized(self) -> None:
        self.view.camera.viewport = self._map_rect()
        self.view.camera.clamp()

    def _center_on_action(self) -> None:
        viewer = self.ctl.viewer()
        side = self.ctl.state.active_side if viewer is None else viewer
        units = self.ctl.state.units_on_map(side)
        if len(units):
            g = self.view.renderer.geometry
            hexes = self.ctl.state.units["hex"][units]
            self.view.camera.cx = float(np.median(g.ux[hexes]))
            self.view.camera.cy = float(np.median(g.uy[hexes]))
            self.view.camera.clamp()

    @property
    def state(self):  # noqa: ANN201 - GameState
        return self.ctl.state

    def _sync(self) -> None:
        if self.view._state_version == self.ctl.version and self.view.viewer == self.ctl.viewer():
            return
        viewer = self.ctl.viewer()
        self.view.sync(self.state, self.ctl.version, viewer, self.ctl.visible_units(),
                       rulesinfo.visible_hexes(self.state, viewer))

    def threat_text(self, h: int) -> str:
        """The exact best attack the enemy could make on hex ``h`` next turn (cached per state)."""
        key = (self.ctl.version, h)
        if getattr(self, "_threat_key", None) != key:
            self._threat_key = key
            self._threat_text = ""
            viewer = self.ctl.viewer()
            side = self.state.active_side if viewer is None else viewer
            own = [u for u in self.view.units_in(h) if self.spec.units[u].side == side]
            if own:
                try:
                    from game.rules.combat import threats

                    self._threat_text = threats(rulesinfo.observe(self.state, side), h, 1 - side).text()
                except Exception:  # noqa: BLE001 - no combat rules: no threat line
                    self._threat_text = ""
        return self._threat_text

    def say(self, text: str, color: tuple[int, int, int] = TEXT, seconds: float = 4.0,
            shorter: tuple[str, ...] = ()) -> None:
        """Show a short message in the bottom bar (``shorter``: the same said in fewer words, for narrow windows)."""
        self.toast = (text, color, seconds)
        self.toast_short = shorter

    # --- selection helpers ------------------------------------------------------------
    def clear_selection(self) -> None:
        self.marks = ViewMarks(hover=self.marks.hover)
        self.inspected = None
        self.air = 0
        self.preview = None
        self.preview_order = None

    def _own_units(self, h: int) -> list[int]:
        side = self.state.active_side
        return [u for u in self.view.units_in(h) if self.spec.units[u].side == side]

    def _enemy_units(self, h: int) -> list[int]:
        side = self.state.active_side
        return [u for u in self.view.units_in(h) if self.spec.units[u].side != side]

    def select(self, units: list[int]) -> None:
        """Select units of the side to act; shows the first one's reachable hexes."""
        self.marks.selected = units
        self.marks.reach = None
        self.marks.path = []
        if units and self.state.phase in MOVE_PHASES and self.ctl.human_to_act:
            u = units[0]
            if self.state.units["mp"][u] > 0:
                self.marks.reach = reach(self.state, u)
            else:
                why = rulesinfo.why_cannot_move(self.state, u)
                if why:
                    self.say(why, WARN, 6)
        if units:
            self.info_hex = int(self.state.units["hex"][units[0]])

    def _update_path(self) -> None:
        r = self.marks.reach
        h = self.marks.hover
        if r is None or h < 0 or r.cost[h] <= 0:
            self.marks.path, self.marks.path_costs = [], []
            return
        self.marks.path = r.path_to(h)
        self.marks.path_costs = [max(0, int(r.cost[i])) for i in self.marks.path]

    # --- orders ---------------------------------------------------------------------------
    def submit(self, order, animate: bool = True) -> list[Event] | None:  # noqa: ANN001 - Order or text
        """Submit through the controller; refusals become a message, never an exception."""
        side_before = self.state.active_side
        hex_before = self.state.units["hex"].copy()
        try:
            events = self.ctl.submit(order)
        except IllegalOrder as exc:
            self.say("Refused: " + "; ".join(v.message for v in exc.violations), BAD, 6)
            return None
        self._sync()
        self._animate(events, animate, hex_before)
        if self.state.active_side != side_before or self.state.phase in MOVE_PHASES:
            self.marks.reach = None
        self._announce_phase(events)
        return events

    def _announce_phase(self, events: list[Event]) -> None:
        """Tell the player at the desk that an exploitation phase has begun (and what it allows)."""
        if not self.ctl.human_to_act or self.state.phase != "exploitation":
            return
        for ev in events:
            if type(ev).__name__ == "ExploitationBegan":
                n = int(getattr(ev, "units", 0))
                units = f"{n} mobile unit{'s' if n != 1 else ''}"
                self.say(f"Exploitation: {units} in supply may move again (half allowance); no attacks. "
                         "Dimmed units cannot move; E ends the phase.", GOOD, 7,
                         (f"Exploitation: {units} may move again (half allowance); no attacks. E ends the phase.",))

    def _animate(self, events: list[Event], animate: bool, hex_before: np.ndarray | None = None) -> None:
        """Moves glide, retreats and advances follow the combat flash, step losses show on the counter."""
        m = self.spec.map
        speed = max(0.05, self.ctx.settings.anim_speed)
        for ev in events:
            name = type(ev).__name__
            if name in ("UnitMoved", "UnitRetreated", "UnitAdvanced") and animate:
                try:
                    u = self.spec.unit_index[ev.unit]
                    if hasattr(ev, "path"):
                        path = [m.index_of_label(lab) for lab in ev.path]
                    elif hex_before is not None and hex_before[u] >= 0:
                        path = [int(hex_before[u]), m.index_of_label(ev.to)]
                    else:
                        continue
                except (ValueError, KeyError, AttributeError):
                    continue
                hidden = self.view.visible_units is not None and not self.view.visible_units[u]
                if len(path) > 1 and not hidden:
                    delay = 0.0 if name == "UnitMoved" else 0.6 / speed
                    anim = MoveAnimation(u, path, min(1.2, 0.09 * len(path) + 0.15) / speed, t=-delay)
                    self.view.animations.append(anim)
                    if not self.ctl.human_to_act:
                        self.view.camera.ensure_visible(path[-1])
            elif name == "StepLost":
                u = self.spec.unit_index.get(getattr(ev, "unit", ""), -1)
                h = int(hex_before[u]) if hex_before is not None and u >= 0 else -1
                if h >= 0:
                    text = "eliminated" if getattr(ev, "steps_left", 1) <= 0 else "-1 step"
                    self.view.bursts.append(Burst(h, text, (240, 90, 70), 1.3 / speed, t=-0.35 / speed, ring=False))
            elif name == "CombatResolved":
                label = getattr(ev, "hex", None) or getattr(ev, "target", None) or getattr(ev, "defender_hex", None)
                try:
                    h = m.index_of_label(str(label))
                except ValueError:
                    continue
                result = str(getattr(ev, "result", "") or ev.text()[:24])
                color = (255, 120, 80) if "D" in result[:3] or "E" in result[:2] else (255, 220, 120)
                self.view.bursts.append(Burst(h, result, color, 1.4 / speed))
                self.view.camera.ensure_visible(h)
                self.log_tab = "combat"

    def try_move(self, target: int) -> bool:
        """Move the selected units to ``target`` (each along its cheapest path)."""
        label = self.spec.map.label_of(target)
        moved = 0
        for u in list(self.marks.selected):
            if self.state.units["mp"][u] <= 0:
                continue
            if self.submit(Move(self.spec.units[u].id, label)) is not None:
                moved += 1
        if moved:
            units = [u for u in self.marks.selected if int(self.state.units["hex"][u]) == target]
            self.select(units)
            self.say(f"Moved {moved} unit{'s' if moved > 1 else ''} to {label}. Ctrl+Z to undo.", GOOD)
        return moved > 0

    def set_target(self, target: int) -> None:
        """Choose an enemy hex to attack; attackers default to every adjacent friendly unit that may attack."""
        self.marks.target = target
        if not self.marks.attackers:
            nb = set(self.spec.map.neighbors[target].tolist())
            side = self.state.active_side
            self.marks.attackers = [
                u for u in self.state.units_on_map(side).tolist()
                if int(self.state.units["hex"][u]) in nb and not self.state.units["attacked"][u]
            ]
        self.refresh_preview()

    def refresh_preview(self) -> None:
        self.preview, self.preview_order = None, None
        if self.marks.target < 0 or not self.marks.attackers:
            return
        ids = [self.spec.units[u].id for u in self.marks.attackers]
        order = rulesinfo.attack_order(ids, self.spec.map.label_of(self.marks.target), self.air)
        if order is None:
            self.say("These rules have no combat yet.", WARN)
            return
        self.preview_order = order
        problems = self.ctl.session.check(order)
        try:
            self.preview = rulesinfo.odds_preview(self.state, order)
        except Exception as exc:  # noqa: BLE001 - show why instead of crashing
            self.preview = None
            self.say(f"No preview: {exc}", BAD)
        if problems:
            self.say("Not allowed: " + "; ".join(p.message for p in problems), BAD, 6)

    def commit_attack(self) -> None:
        if self.preview_order is None:
            self.say("Pick attackers and a target first (click an enemy stack next to your units).", WARN)
            return
        order = self.preview_order
        if self.submit(order) is not None:
            self.clear_selection()

    def undo(self) -> None:
        if self.ctl.undo():
            self.clear_selection()
            self._sync()
            self.say("Move taken back.", GOOD)
        else:
            self.say("Nothing to undo: dice were rolled or new information was revealed.", WARN)

    def end_phase(self) -> None:
        if not self.ctl.human_to_act:
            return
        self.clear_selection()
        self.submit("end")

    def end_turn(self) -> None:
        """End every remaining phase of this side's half-turn (Shift+E)."""
        if not self.ctl.human_to_act:
            return
        side = self.state.active_side
        self.clear_selection()
        while self.ctl.human_to_act and self.state.active_side == side and not self.state.game_over:
            if self.submit("end") is None:
                break

    def next_unit(self) -> None:
        side = self.state.active_side
        units = self.state.units_on_map(side)
        if self.state.phase in MOVE_PHASES:
            units = units[self.state.units["mp"][units] > 0]
        else:
            units = units[self.state.units["attacked"][units] == 0]
        if not len(units):
            self.say("Every unit has acted.", MUTED)
            return
        cur = self.marks.selected[0] if self.marks.selected else -1
        later = units[units > cur]
        u = int(later[0] if len(later) else units[0])
        self.select([u])
        self.view.camera.center_on(int(self.state.units["hex"][u]), smooth=True)

    # --- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> Scene:
        if event.type == pygame.MOUSEMOTION:
            return self._motion(event)
        if event.type == pygame.MOUSEWHEEL:
            # the only wheel event acted on: pygame also reports each notch as a button 4/5 press
            if not event.y:
                return self  # a sideways scroll (trackpad, tilt wheel)
            mx, my = pygame.mouse.get_pos() if not hasattr(event, "pos") else event.pos
            if self.view.camera.contains(mx, my):
                self.view.zoom(1 if event.y > 0 else -1, mx, my)
            elif self.panel_box is not None and self.panel_box.rect.collidepoint(mx, my) and self.panel_box.max_scroll:
                self.scroll_panel(-event.y * 40)
            else:
                self.log_scroll = max(0, self.log_scroll - event.y * 3)
            return self
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button in (1, 2, 3):
                self.drag_from = event.pos
                self.dragging = False
                if event.button == 1 and self.minimap_pic.collidepoint(event.pos):
                    self.minimap_drag = True
                    self._minimap_jump(event.pos)
            return self
        if event.type == pygame.MOUSEBUTTONUP:
            return self._mouse_up(event)
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        return self

    def _motion(self, event: pygame.event.Event) -> Scene:
        if self.minimap_drag:
            self._minimap_jump(event.pos)
            return self
        if self.drag_from is not None:
            dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
            if self.dragging or abs(dx) + abs(dy) > 6:
                if not self.dragging:
                    dx, dy = event.rel if hasattr(event, "rel") else (dx, dy)
                self.dragging = True
                self.view.camera.pan_pixels(*event.rel)
        h = self.view.camera.index_at(*event.pos)
        if h != self.marks.hover:
            self.marks.hover = h
            self._update_path()
        return self

    def _minimap_jump(self, pos: tuple[int, int]) -> None:
        ux, uy = self.view.minimap_to_units(self.minimap_pic, *pos)
        self.view.camera.cx, self.view.camera.cy = ux, uy
        self.view.camera.clamp()

    def _mouse_up(self, event: pygame.event.Event) -> Scene:
        was_drag = self.dragging
        self.drag_from = None
        self.dragging = False
        if self.minimap_drag:
            self.minimap_drag = False
            return self
        if was_drag:
            return self
        if event.button == 3:
            self.clear_selection()
            return self
        if event.button != 1:
            return self
        b = button_at(self.buttons, event.pos)
        if b is not None:
            return self.action(b.action)
        h = self.view.camera.index_at(*event.pos)
        if h < 0:
            return self
        shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT) or bool(getattr(event, "shift", False))
        self.click_hex(h, shift)
        return self

    def click_hex(self, h: int, shift: bool = False) -> None:
        """What a left click on hex ``h`` does in the current phase."""
        self.info_hex = h
        if not self.ctl.human_to_act or self.view.animations:
            if not self.view.animations:  # no orders now, but any unit can be read
                units = self.view.units_in(h)
                self.inspected = units[0] if units else None
            return
        self.inspected = None
        own, enemy = self._own_units(h), self._enemy_units(h)
        phase = self.state.phase
        if phase in MOVE_PHASES:
            r = self.marks.reach
            if self.marks.selected and r is not None and r.cost[h] > 0 and not shift:
                self.try_move(h)
                return
            if own:
                if shift:
                    add = [u for u in own if u not in self.marks.selected]
                    self.select(self.marks.selected + (add[:1] if add else []))
                elif self.marks.selected and int(self.state.units["hex"][self.marks.selected[0]]) == h:
                    nxt = self.view.cycle_stack(h)
                    self.select([nxt] if nxt is not None else [])
                else:
                    self.select([own[0]])
                return
            self.inspect(h, enemy)
            return
        # combat phase (no attacks in any other)
        if phase != "combat":
            self.inspect(h, enemy)
            return
        if enemy and h not in self.combat_targets():  # out of reach of an attack: read it
            self.inspect(h, enemy)
            return
        if enemy:
            if self.marks.target != h:
                self.marks.attackers = [u for u in self.marks.attackers if h in self.spec.map.neighbors[
                    int(self.state.units["hex"][u])]]
            self.set_target(h)
            return
        if own:
            if shift:
                for u in own:
                    if u not in self.marks.attackers:
                        self.marks.attackers.append(u)
            else:
                u = own[0]
                if u in self.marks.attackers:
                    self.marks.attackers.remove(u)
                else:
                    self.marks.attackers.append(u)
            self.marks.selected = list(self.marks.attackers)
            self.refresh_preview()
            return
        self.clear_selection()

    def inspect(self, h: int, enemy: list[int]) -> None:
        """A click on hex ``h`` that gives no order: clear the selection and pin the first enemy unit there."""
        self.clear_selection()
        self.info_hex = h
        self.inspected = enemy[0] if enemy else None

    def action(self, name: str) -> Scene:
        """Run a named action (buttons and keys share these)."""
        if name == "end":
            self.end_phase()
        elif name == "endturn":
            self.end_turn()
        elif name == "undo":
            self.undo()
        elif name == "attack":
            self.commit_attack()
        elif name == "save":
            self.quick_save()
        elif name == "load":
            return self.quick_load()
        elif name == "menu":
            return self.menu()
        elif name == "help":
            return HelpScene(self.ctx, self)
        elif name == "skip":
            self.skip_ai = True
        elif name in ("report", "combat"):
            self.log_tab = name
            self.log_scroll = 0
        elif name.startswith("stack:"):
            u = int(name.removeprefix("stack:"))
            h = int(self.state.units["hex"][u])
            self.view.stack_top[h] = u
            self.view._units_key = None
            own = self.spec.units[u].side == self.state.active_side and self.ctl.human_to_act
            if own and self.state.phase in MOVE_PHASES:
                self.select([u])
            else:
                self.marks.selected = [u] if own else self.marks.selected
                self.inspected = None if own else u
                self.info_hex = h
        return self

    def _key(self, event: pygame.event.Event) -> Scene:
        k = event.key
        c = ctrl(event)
        if c and k == pygame.K_z:
            self.undo()
        elif c and k == pygame.K_r:
            return self.reload()
        elif c and k == pygame.K_s:
            return self.save_as()
        elif c and k == pygame.K_o:
            return LoadScene(self.ctx, self, lambda i: self.load_path(i.path))
        elif c and k == pygame.K_e:
            return self.export_pbem()
        elif c and k == pygame.K_p:
            return self.replay()
        elif k == pygame.K_ESCAPE:
            if self.marks.selected or self.marks.target >= 0 or self.marks.attackers or self.inspected is not None:
                self.clear_selection()
            else:
                return self.menu()
        elif k == pygame.K_F1:
            return HelpScene(self.ctx, self)
        elif k == pygame.K_F5:
            self.quick_save()
        elif k == pygame.K_F9:
            return self.quick_load()
        elif k == pygame.K_F11:
            self.ctx.toggle_fullscreen()
            self.resized()
        elif k == pygame.K_e and event.mod & pygame.KMOD_SHIFT:
            self.end_turn()
        elif k == pygame.K_e:
            self.end_phase()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.commit_attack()
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.panel_box is not None:
            step = max(40, self.panel_box.view.height - 40)
            self.scroll_panel(step if k == pygame.K_PAGEDOWN else -step)
        elif k in (pygame.K_TAB, pygame.K_n):
            self.next_unit()
        elif k == pygame.K_SPACE and self.marks.selected:
            self.view.camera.center_on(int(self.state.units["hex"][self.marks.selected[0]]), smooth=True)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.view.zoom(1)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.view.zoom(-1)
        elif k == pygame.K_l:
            self.view.show_labels = not self.view.show_labels
            small = self.view.show_labels and self.view.camera.size < 14
            self.say("Hex labels on" + (" (zoom in to read them)" if small else "") if self.view.show_labels
                     else "Hex labels off", MUTED)
        elif k == pygame.K_m:
            self.ctx.settings.show_minimap = not self.ctx.settings.show_minimap
        elif k == pygame.K_r:
            return self.turn_report()
        elif k == pygame.K_LEFTBRACKET:
            self.ctx.settings.ai_delay = min(2.0, self.ctx.settings.ai_delay * 1.5 + 0.05)
            self.say(f"AI turns: {self.ctx.settings.ai_delay:.2f} s per order", MUTED)
        elif k == pygame.K_RIGHTBRACKET:
            self.ctx.settings.ai_delay = max(0.0, self.ctx.settings.ai_delay / 1.5 - 0.03)
            self.say(f"AI turns: {self.ctx.settings.ai_delay:.2f} s per order", MUTED)
        elif k == pygame.K_k:
            self.skip_ai = True
        elif k == pygame.K_a and self.marks.target >= 0:
            avail = rulesinfo.air_available(self.state, self.state.active_side)
            self.air = (self.air + 1) % (avail + 1) if avail else 0
            self.refresh_preview()
        else:
            for name, letter in OVERLAY_KEYS.items():
                if k == pygame.key.key_code(letter.lower()):
                    was = name in self.view.enabled
                    on = self.view.toggle(name, self.state)
                    label = OVERLAY_NAMES.get(name, name)
                    if not on and not was:
                        self.say(f"{label}: this scenario has no data for {self.state.date:%d %b %Y}.", WARN)
                    else:
                        self.say(f"{label} {'on' if on else 'off'}", MUTED)
        return self

    # --- time ---------------------------------------------------------------------------------
    def update(self, dt: float) -> Scene:
        if self.toast is not None:
            text, color, left = self.toast
            self.toast = (text, color, left - dt) if left - dt > 0 else None
        self._keyboard_pan(dt)
        self.view.update(dt)
        if self.ctl.messages:
            return MessageScene(self.ctx, self, "Note", [self.ctl.messages.pop(0)])
        if self.state.game_over:
            if not self.view.animations and not self.view.bursts and not self.end_shown:
                self.end_shown = True
                from game.ui.scenes.end import EndScene

                return EndScene(self.ctx, self.ctl, self)
            return self
        if self.ctl.ai_to_act:
            self.ai_acted = True
            return self._ai_step(dt)
        if self.ctl.remote_to_act:
            return self._to_remote()
        if self.ai_acted and self.ctl.human_to_act and not self.view.animations:
            self.ai_acted = False
            lines = [ln.text for ln in self.ctl.log[self.report_mark:] if ln.kind in ("combat", "capture", "other",
                                                                                       "turn")]
            self.report_mark = len(self.ctl.log)
            if any(ln for ln in lines):
                s = self.state
                return MessageScene(self.ctx, self, f"Turn {s.turn} report — {s.date:%d %B %Y}", lines)
        viewer = self.ctl.viewer()
        if viewer != self.last_human and self.ctl.human_to_act:
            self.last_human = viewer
            self.clear_selection()
            self._center_on_action()
            if all(c == "human" for c in self.ctl.controls):
                lines = [ln.text for ln in self.ctl.log[-40:] if ln.kind in ("combat", "capture", "other")]
                return HandoverScene(self.ctx, self, self.spec.sides[self.state.active_side].name, lines)
        return self

    def _ai_step(self, dt: float) -> Scene:
        self.ctl.start_ai()
        if self.skip_ai:
            side = self.state.active_side
            while self.ctl.ai_to_act and self.state.active_side == side:
                self.ctl.start_ai()
                self.ctl.wait_ai()
                order = self.ctl.next_ai_order()
                if order is not None:
                    self.submit(order, animate=False)
            self.view.animations.clear()
            self.skip_ai = False
            return self
        if self.view.animations:
            return self
        self.ai_wait -= dt
        if self.ai_wait > 0:
            return self
        order = self.ctl.next_ai_order()
        if order is not None:
            self.submit(order)
            self.ai_wait = self.ctx.settings.ai_delay
        return self

    def busy(self) -> bool:
        return (self.view.settling or bool(self.view.animations) or bool(self.view.bursts) or self.ctl.ai_to_act
                or self.dragging or self.minimap_drag or self._pan_direction() != (0.0, 0.0))

    def _keyboard_pan(self, dt: float) -> None:
        dx, dy = self._pan_direction()
        if dx or dy:
            self.view.camera.pan_pixels(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)

    def _pan_direction(self) -> tuple[float, float]:
        """Where arrow keys held down and the mouse at a screen edge pan the map."""
        keys = pygame.key.get_pressed()
        dx = dy = 0.0
        if keys[pygame.K_LEFT]:
            dx += 1
        if keys[pygame.K_RIGHT]:
            dx -= 1
        if keys[pygame.K_UP]:
            dy += 1
        if keys[pygame.K_DOWN]:
            dy -= 1
        if pygame.mouse.get_focused() and not self.ctx.headless:
            mx, my = pygame.mouse.get_pos()
            w, h = self.ctx.size
            # the outer pixels of the window, on every side (the right edge is the sidebar's)
            if mx < EDGE_SCROLL:
                dx += 1
            elif mx >= w - EDGE_SCROLL:
                dx -= 1
            if my < EDGE_SCROLL:
                dy += 1
            elif my >= h - EDGE_SCROLL:
                dy -= 1
        return dx, dy

def unit_status_text(state, u: int) -> str:  # noqa: ANN001 - GameState
    """Status words of a unit for the panels."""
    parts = [UnitStatus.NAMES[int(state.units["status"][u])]]
    if state.units["disrupted"][u]:
        parts.append("disrupted")
    if state.units["moved"][u]:
        parts.append("moved")
    if rulesinfo.attacked_this_turn(state, u):
        parts.append("attacked")
    return ", ".join(parts)
