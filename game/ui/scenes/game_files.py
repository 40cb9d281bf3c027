"""The game screen's file and menu actions: saves, loads, play by e-mail, reload, replay, the menu."""

from __future__ import annotations

import datetime as dt

from game.record import RecordError, load_record
from game.replay import ReplayError
from game.session import Session
from game.ui import saves
from game.ui.controller import GameController
from game.ui.scenes.base import QuitScene, Scene
from game.ui.scenes.dialogs import HelpScene, LoadingScene, LoadScene, MenuScene, MessageScene, TextInputScene
from game.ui.theme import GOOD, WARN


class GameFiles:
    """Mixed into ``GameScene``: everything that writes or reads files, or leaves the map."""

    def quick_save(self) -> None:
        path = saves.write_save(self.ctl.record, "quicksave", self.ctx.data_dir)
        self.say(f"Saved {path.name} (F9 loads it) in {path.parent}", GOOD)

    def save_as(self) -> Scene:
        """Ctrl+S: save under a name the player types (a dated default is offered)."""
        stamp = dt.datetime.now().strftime("%d%b-%H%M")
        default = f"{self.spec.id}-turn{self.state.turn:02d}-{stamp}"

        def accept(name: str) -> Scene:
            path = saves.write_save(self.ctl.record, name, self.ctx.data_dir)
            self.say(f"Saved as {path.name} in {path.parent}", GOOD)
            return self

        return TextInputScene(self.ctx, self, "Save game as", default, accept,
                              f"Saved in {saves.saves_dir(self.ctx.data_dir)} · Enter to save · Esc to cancel")

    def load_path(self, path) -> Scene:  # noqa: ANN001 - Path
        """Open a save (replayed in the background); a damaged or mismatched file gives a message."""

        def work() -> Session:
            record = load_record(path)
            return Session.resume(self.ctx.catalog.for_record(record), record)

        def then(session) -> Scene:  # noqa: ANN001 - Session
            ctl = GameController(session, self.ctl.controls, self.ctl.ai_level, self.ctx.data_dir)
            scene = type(self)(self.ctx, ctl)  # type: ignore[call-arg]
            scene.say(f"Loaded {path.name}: turn {session.state.turn}.", GOOD)
            return scene

        def fail(exc: Exception) -> Scene:
            lines = str(exc).splitlines() if isinstance(exc, (RecordError, ReplayError)) else [str(exc) or repr(exc)]
            return MessageScene(self.ctx, self, "This save cannot be loaded", lines, error=True)

        return LoadingScene(self.ctx, self, f"Loading {path.name}", work, then, fail)

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
        lines = [f"Send this file to the {other} player:", str(path),
                 "They open it with  moscow41 play --load FILE  (or Load game); it is validated by replaying every "
                 "order."]
        if self.ctl.human_to_act:
            lines.append(f"Note: {other} is still to play in this file (the turn is not over); whoever opens it "
                         "plays on from here. To hand your turn over, end it first (Shift+E) and export then.")
        return MessageScene(self.ctx, self, "Record written for your opponent", lines)

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
        """Ctrl+R: re-validate the scenario files and replay this game under them (in the background)."""
        from game.ui.reload import ReloadOutcome, reload_game

        def then(outcome: ReloadOutcome) -> Scene:  # type: ignore[override]
            if outcome.session is None:
                return MessageScene(self.ctx, self, outcome.title, outcome.lines, error=True)
            ctl = GameController(outcome.session, self.ctl.controls, self.ctl.ai_level, self.ctx.data_dir)
            scene = type(self)(self.ctx, ctl)  # type: ignore[call-arg]
            scene.view.camera.zoom, scene.view.camera.cx, scene.view.camera.cy = (
                self.view.camera.zoom, self.view.camera.cx, self.view.camera.cy)
            return MessageScene(self.ctx, scene, outcome.title, outcome.lines, error=outcome.error)

        def fail(exc: Exception) -> Scene:
            return MessageScene(self.ctx, self, "Reload failed — the game goes on unchanged",
                                [f"{type(exc).__name__}: {exc}"], error=True)

        session = self.ctl.session
        return LoadingScene(self.ctx, self, "Reloading the scenario", lambda: reload_game(session, self.ctx.catalog),
                            then, fail)  # type: ignore[arg-type]

    def replay(self) -> Scene:
        from game.ui.scenes.replay import ReplayScene

        return ReplayScene.from_record(self.ctx, self.ctl.record.copy(), self.spec, self)

    def _to_remote(self) -> Scene:
        from game.ui.scenes.title import TitleScene

        s = self.state
        path = saves.pbem_export(self.ctl.record, self.spec.sides[s.active_side].name, s.turn, self.ctx.data_dir)
        return MessageScene(self.ctx, self, "Your turn is done", [
            f"The game record is written for the {self.spec.sides[s.active_side].name} player:", str(path),
            "Send it by e-mail. When their reply arrives, open it with Load game or  moscow41 play --load FILE.",
        ], on_close=lambda: TitleScene(self.ctx))
