"""The game screen: map, panels, orders by mouse and keyboard, turn flow, saves, live reload."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pygame

from game.events import Event
from game.movement import reach
from game.orders import Move
from game.record import RecordError, load_record
from game.replay import ReplayError
from game.rules.violations import IllegalOrder
from game.ruleset import MP_TICKS
from game.session import Session
from game.ui import rulesinfo, saves
from game.ui.controller import GameController
from game.ui.mapview import OVERLAY_KEYS, Burst, MapView, MoveAnimation, ViewMarks
from game.ui.panels import draw_hex_panel, draw_log, draw_preview, draw_top_bar, draw_unit_panel
from game.ui.scenes.base import QuitScene, Scene, UiContext, ctrl
from game.ui.scenes.dialogs import HandoverScene, HelpScene, LoadScene, MenuScene, MessageScene
from game.ui.theme import BAD, BG, BOTTOM_BAR_H, GOOD, MUTED, PANEL, PANEL_EDGE, SIDEBAR_W, TEXT, TOP_BAR_H, WARN
from game.ui.widgets import Button, button_at, row_of_buttons
from game.units import UnitStatus

EDGE_SCROLL = 6
OVERLAY_NAMES = {"control": "Control of hexes", "zoc": "Zones of control", "supply": "Supply",
                 "threat": "Threat (best enemy odds next turn)", "front": "Historical front line"}
PAN_SPEED = 900.0


class GameScene(Scene):
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
        self.preview = None
        self.preview_order = None
        self.air = 0
        self.log_tab = "report"
        self.log_scroll = 0
        self.toast: tuple[str, tuple[int, int, int], float] | None = None
        self.buttons: list[Button] = []
        self.drag_from: tuple[int, int] | None = None
        self.dragging = False
        self.minimap_rect = pygame.Rect(0, 0, 0, 0)
        self.minimap_pic = pygame.Rect(0, 0, 0, 0)
        self.minimap_drag = False
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

    def say(self, text: str, color: tuple[int, int, int] = TEXT, seconds: float = 4.0) -> None:
        """Show a short message in the bottom bar."""
        self.toast = (text, color, seconds)

    # --- selection helpers ------------------------------------------------------------
    def clear_selection(self) -> None:
        self.marks = ViewMarks(hover=self.marks.hover)
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
        if units and self.state.phase == "movement" and self.ctl.human_to_act:
            u = units[0]
            if self.state.units["mp"][u] > 0:
                self.marks.reach = reach(self.state, u)
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
        try:
            events = self.ctl.submit(order)
        except IllegalOrder as exc:
            self.say("Refused: " + "; ".join(v.message for v in exc.violations), BAD, 6)
            return None
        self._sync()
        self._animate(events, animate)
        if self.state.active_side != side_before or self.state.phase == "movement":
            self.marks.reach = None
        return events

    def _animate(self, events: list[Event], animate: bool) -> None:
        m = self.spec.map
        speed = max(0.05, self.ctx.settings.anim_speed)
        for ev in events:
            name = type(ev).__name__
            if name in ("UnitMoved", "UnitRetreated", "UnitAdvanced") and animate and hasattr(ev, "path"):
                try:
                    path = [m.index_of_label(lab) for lab in ev.path]
                    u = self.spec.unit_index[ev.unit]
                except (ValueError, KeyError):
                    continue
                hidden = self.view.visible_units is not None and not self.view.visible_units[u]
                if len(path) > 1 and not hidden:
                    self.view.animations.append(MoveAnimation(u, path, min(1.2, 0.09 * len(path)) / speed))
                    if not self.ctl.human_to_act:
                        self.view.camera.ensure_visible(path[-1])
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
        if self.state.phase == "movement":
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

    # --- saves ---------------------------------------------------------------------------
    def quick_save(self) -> None:
        path = saves.write_save(self.ctl.record, "quicksave", self.ctx.data_dir)
        self.say(f"Saved to {path}", GOOD)

    def save_as(self) -> Scene:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = saves.write_save(self.ctl.record, f"{self.spec.id}-turn{self.state.turn:02d}-{stamp}", self.ctx.data_dir)
        self.say(f"Saved as {path.name}", GOOD)
        return self

    def load_path(self, path) -> Scene:  # noqa: ANN001 - Path
        """Open a save; a damaged or mismatched file gives a message and the game goes on."""
        try:
            record = load_record(path)
            spec = self.ctx.catalog.for_record(record)
            session = Session.resume(spec, record)
        except (RecordError, ReplayError) as exc:
            return MessageScene(self.ctx, self, "This save cannot be loaded", str(exc).splitlines(), error=True)
        except Exception as exc:  # noqa: BLE001 - scenario missing or broken: tell the player
            return MessageScene(self.ctx, self, "This save cannot be loaded", [str(exc)], error=True)
        ctl = GameController(session, self.ctl.controls, self.ctl.ai_level, self.ctx.data_dir)
        scene = GameScene(self.ctx, ctl)
        scene.say(f"Loaded {path.name}: turn {session.state.turn}.", GOOD)
        return scene

    def quick_load(self) -> Scene:
        path = saves.quick_path(self.ctx.data_dir)
        if not path.exists():
            self.say("No quick save yet (F5 makes one).", WARN)
            return self
        return self.load_path(path)

    def export_pbem(self) -> Scene:
        s = self.state
        other = self.spec.sides[s.active_side].name
        path = saves.pbem_export(self.ctl.record, other, s.turn, self.ctx.data_dir)
        return MessageScene(self.ctx, self, "Record written for your opponent", [
            f"Send this file to the {other} player:", str(path),
            "They open it with  moscow41 play --load FILE  (or Load game); it is validated by replaying every order.",
        ])

    def turn_report(self) -> Scene:
        """The events of this turn and the last one (R)."""
        turn = self.state.turn
        lines = [f"{'Turn ' + str(ln.turn) + ': ' if ln.kind == 'turn' else ''}{ln.text}"
                 for ln in self.ctl.log if ln.turn >= turn - 1 and ln.kind not in ("move", "phase")]
        return MessageScene(self.ctx, self, f"Turn report — turn {turn}, {self.state.date:%d %B %Y}",
                            lines or ["Nothing has happened yet."])

    def menu(self) -> Scene:
        from game.ui.scenes.title import TitleScene

        entries = [
            ("Resume", "Esc", lambda: self),
            ("Save game", "Ctrl+S", self.save_as),
            ("Load game", "Ctrl+O", lambda: LoadScene(self.ctx, self, lambda i: self.load_path(i.path))),
            ("Export for opponent", "Ctrl+E", self.export_pbem),
            ("Replay this game", "Ctrl+P", self.replay),
            ("Reload scenario", "Ctrl+R", self.reload),
            ("Help", "F1", lambda: HelpScene(self.ctx, self)),
            ("Title screen", "", lambda: TitleScene(self.ctx)),
            ("Quit", "", lambda: QuitScene(self.ctx)),
        ]
        return MenuScene(self.ctx, self, entries)

    def reload(self) -> Scene:
        from game.ui.reload import reload_game

        outcome = reload_game(self.ctl.session, self.ctx.catalog)
        if outcome.session is None:
            return MessageScene(self.ctx, self, outcome.title, outcome.lines, error=True)
        ctl = GameController(outcome.session, self.ctl.controls, self.ctl.ai_level, self.ctx.data_dir)
        scene = GameScene(self.ctx, ctl)
        scene.view.camera.zoom, scene.view.camera.cx, scene.view.camera.cy = (
            self.view.camera.zoom, self.view.camera.cx, self.view.camera.cy)
        return MessageScene(self.ctx, scene, outcome.title, outcome.lines, error=outcome.error)

    def replay(self) -> Scene:
        from game.ui.scenes.replay import ReplayScene

        return ReplayScene.from_record(self.ctx, self.ctl.record.copy(), self.spec, self)

    # --- events ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> Scene:
        if event.type == pygame.MOUSEMOTION:
            return self._motion(event)
        if event.type == pygame.MOUSEWHEEL:
            mx, my = pygame.mouse.get_pos() if not hasattr(event, "pos") else event.pos
            if self.view.camera.contains(mx, my):
                self.view.zoom(1 if event.y > 0 else -1, mx, my)
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
            if event.button in (4, 5) and self.view.camera.contains(*event.pos):
                self.view.zoom(1 if event.button == 4 else -1, *event.pos)
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
            return
        own, enemy = self._own_units(h), self._enemy_units(h)
        phase = self.state.phase
        if phase == "movement":
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
            self.clear_selection()
            self.info_hex = h
            return
        # combat phase
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
            if own and self.state.phase == "movement":
                self.select([u])
            else:
                self.marks.selected = [u] if own else self.marks.selected
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
            if self.marks.selected or self.marks.target >= 0 or self.marks.attackers:
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
        elif k == pygame.K_e and event.mod & pygame.KMOD_SHIFT:
            self.end_turn()
        elif k == pygame.K_e:
            self.end_phase()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.commit_attack()
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

    def _to_remote(self) -> Scene:
        from game.ui.scenes.title import TitleScene

        s = self.state
        path = saves.pbem_export(self.ctl.record, self.spec.sides[s.active_side].name, s.turn, self.ctx.data_dir)
        return MessageScene(self.ctx, self, "Your turn is done", [
            f"The game record is written for the {self.spec.sides[s.active_side].name} player:", str(path),
            "Send it by e-mail. When their reply arrives, open it with Load game or  moscow41 play --load FILE.",
        ], on_close=lambda: TitleScene(self.ctx))

    def _keyboard_pan(self, dt: float) -> None:
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
            if self.view.camera.contains(mx, my) or my < TOP_BAR_H or my >= h - BOTTOM_BAR_H:
                if mx < EDGE_SCROLL:
                    dx += 1
                elif mx >= w - EDGE_SCROLL:
                    dx -= 1
                if my < EDGE_SCROLL:
                    dy += 1
                elif my >= h - EDGE_SCROLL:
                    dy -= 1
        if dx or dy:
            self.view.camera.pan_pixels(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)

    # --- drawing ---------------------------------------------------------------------------------
    def combat_targets(self) -> list[int]:
        """Enemy stacks the side to act can attack now (next to units that have not attacked), cached."""
        key = (self.ctl.version, self.state.phase)
        if getattr(self, "_targets_key", None) != key:
            self._targets_key = key
            out: list[int] = []
            s = self.state
            if s.phase == "combat" and self.ctl.human_to_act:
                side = s.active_side
                ready = [u for u in s.units_on_map(side).tolist() if not s.units["attacked"][u]]
                near = {int(n) for u in ready for n in self.spec.map.neighbors[int(s.units["hex"][u])] if n >= 0}
                out = sorted(h for h in near if self._enemy_units(h))
            self._targets = out
        return self._targets

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BG)
        self._sync()
        self.marks.targets = self.combat_targets()
        self.view.draw(surface, self.state, self.marks)
        w, h = surface.get_size()
        draw_top_bar(surface, self.fonts, pygame.Rect(0, 0, w, TOP_BAR_H), self.ctl)
        self._draw_sidebar(surface, pygame.Rect(w - SIDEBAR_W, TOP_BAR_H, SIDEBAR_W, h - TOP_BAR_H - BOTTOM_BAR_H))
        self._draw_bottom(surface, pygame.Rect(0, h - BOTTOM_BAR_H, w, BOTTOM_BAR_H))

    def _draw_sidebar(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, (30, 32, 37), rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.bottomleft)
        x, y, w = rect.x + 8, rect.y + 8, rect.width - 16
        bottom = rect.bottom - 8
        if self.ctx.settings.show_minimap:
            mm_h = min(210, int(w * self.view.renderer.geometry.height_units / self.view.renderer.geometry.width_units))
            self.minimap_rect = pygame.Rect(x, bottom - mm_h, w, mm_h)
            self.minimap_pic = self.view.draw_minimap(surface, self.minimap_rect, self.state)
            bottom = self.minimap_rect.top - 8
        else:
            self.minimap_pic = pygame.Rect(0, 0, 0, 0)
        avail = bottom - y
        top_h = int(avail * (0.78 if self.marks.target >= 0 else 0.56))
        top = pygame.Rect(x, y, w, top_h)
        self.stack_buttons = []
        if self.marks.target >= 0:
            draw_preview(surface, self.fonts, top, self, self.preview)
        else:
            u = self.marks.selected[0] if self.marks.selected else None
            hover_units = self.view.units_in(self.marks.hover) if self.marks.hover >= 0 else []
            if u is None and hover_units:
                u = hover_units[0]
            if u is not None:
                self.stack_buttons = draw_unit_panel(surface, self.fonts, top, self, u)
            else:
                h = self.marks.hover if self.marks.hover >= 0 else self.info_hex
                draw_hex_panel(surface, self.fonts, top, self, h)
        log_rect = pygame.Rect(x, top.bottom + 8, w, bottom - top.bottom - 8)
        self.log_buttons = draw_log(surface, self.fonts, log_rect, self)

    def _draw_bottom(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, PANEL_EDGE, rect.topleft, rect.topright)
        human = self.ctl.human_to_act
        specs = [("End phase", "end", "E"), ("End turn", "endturn", "Shift+E"), ("Undo", "undo", "Ctrl+Z")]
        if self.state.phase == "combat" and human:
            specs.insert(0, ("Attack!", "attack", "Enter"))
        if self.ctl.ai_to_act:
            specs = [("Skip AI turn", "skip", "K")]
        specs += [("Save", "save", "F5"), ("Menu", "menu", "Esc"), ("Help", "help", "F1")]
        buttons = row_of_buttons(specs, 0, rect.y + 4, rect.height - 8, 6, self.fonts, 70)
        total = buttons[-1].rect.right
        shift = rect.right - total - 8
        for b in buttons:
            b.rect.x += shift
            if b.action == "endturn":
                b.enabled = human
            if b.action == "end":
                b.enabled = human
                b.primary = human and self.preview_order is None
            if b.action == "undo":
                b.enabled = human and self.ctl.session.can_undo
            if b.action == "attack":
                b.enabled = self.preview_order is not None
                b.primary = self.preview_order is not None
        self.buttons = buttons + list(getattr(self, "log_buttons", [])) + list(getattr(self, "stack_buttons", []))
        mouse = pygame.mouse.get_pos()
        for b in buttons:
            b.draw(surface, self.fonts, mouse)
        if self.toast is not None:
            text, color, _ = self.toast
        else:
            text, color = self._hint(), MUTED
        max_w = shift - 20
        t = self.fonts.text(text, 14, color)
        if t.get_width() > max_w:
            t = t.subsurface((0, 0, max(1, max_w), t.get_height()))
        surface.blit(t, (rect.x + 12, rect.centery - t.get_height() // 2))

    def _hint(self) -> str:
        s = self.state
        if s.game_over:
            return "The game is over."
        if self.ctl.ai_to_act:
            thinking = self.ctl.ai_job is not None and not self.ctl.ai_job.ready
            who = self.spec.sides[s.active_side].name
            return f"{who} (AI) is {'thinking' if thinking else 'moving'}…  [ ] speed, K skip"
        if s.phase == "movement":
            if self.marks.selected:
                u = self.marks.selected[0]
                return (f"{self.spec.units[u].name}: {self.state.units['mp'][u] / MP_TICKS:g} MP left. "
                        "Click a shaded hex to move; right click to cancel.")
            return "Movement: click one of your units to see where it can go. Tab for the next unit."
        if self.marks.target >= 0:
            return "Enter to attack. Click your units to add or remove attackers."
        return "Combat: click an enemy stack next to your units to see the odds."


def unit_status_text(state, u: int) -> str:  # noqa: ANN001 - GameState
    """Status words of a unit for the panels."""
    parts = [UnitStatus.NAMES[int(state.units["status"][u])]]
    if state.units["disrupted"][u]:
        parts.append("disrupted")
    if state.units["moved"][u]:
        parts.append("moved")
    if state.units["attacked"][u]:
        parts.append("attacked")
    return ", ".join(parts)
