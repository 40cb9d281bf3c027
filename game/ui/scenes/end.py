"""The end screen: result, comparison with history and the after-action chart."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pygame  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from game.ui import history  # noqa: E402
from game.ui.controller import GameController  # noqa: E402
from game.ui.scenes.base import QuitScene, Scene, UiContext, is_click, key  # noqa: E402
from game.ui.theme import ACCENT, BG, MUTED, TEXT, side_colors  # noqa: E402
from game.ui.widgets import Button, button_at, panel, text_lines  # noqa: E402


def vp_balance(stats: list) -> tuple[list[int], list[int]]:
    """(turns, first side's VP minus the second's) for the turns whose VP are known.

    Turns played before a load come from the record's marks, which keep no VP: they are left out,
    not drawn as a balance of 0.
    """
    known = [t for t in stats if t.vp is not None]
    return [t.turn for t in known], [t.vp[0] - t.vp[1] for t in known]


def after_action_chart(ctl: GameController, size: tuple[int, int]) -> pygame.Surface:
    """Strength of each side (and victory points, if kept) by turn, drawn with matplotlib."""
    stats = ctl.final_stats()
    turns = [t.turn for t in stats]
    fig = plt.figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
    fig.patch.set_facecolor("#24272d")
    ax = fig.add_subplot(111)
    ax.set_facecolor("#2e3239")
    for side in (0, 1):
        fill = side_colors(ctl.spec, side)[0]
        ax.plot(turns, [t.strength[side] for t in stats], color=[c / 255 for c in fill], linewidth=2.2,
                label=f"{ctl.spec.sides[side].name} strength")
    ax.set_xlabel("turn", color="#d8d4c8")
    ax.set_ylabel("defence strength on the map", color="#d8d4c8")
    ax.tick_params(colors="#b0ada4")
    for spine in ax.spines.values():
        spine.set_color("#5a5648")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles, labels = ax.get_legend_handles_labels()
    vp_turns, vp = vp_balance(stats)
    if vp_turns:
        ax2 = ax.twinx()
        ax2.plot(vp_turns, vp, color="#d6ac54", linestyle="--", linewidth=1.8, marker="o", markersize=3.5,
                 label="VP balance")
        if min(vp) == max(vp):
            ax2.set_ylim(vp[0] - 2, vp[0] + 2)
        ax2.set_ylabel("victory-point balance", color="#d6ac54")
        ax2.tick_params(colors="#d6ac54")
        ax2.yaxis.set_major_locator(MaxNLocator(integer=True))
        h2, l2 = ax2.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    ax.set_ylim(bottom=0)
    # above the plot: inside it the lines (the VP line is drawn over the first axes) crossed the legend
    ax.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(labels), frameon=False,
              labelcolor="#e8e4d8")
    ax.grid(color="#3c4048")
    fig.tight_layout()
    fig.canvas.draw()
    buf = fig.canvas.buffer_rgba()
    w, h = fig.canvas.get_width_height()
    surf = pygame.image.frombuffer(bytes(buf), (w, h), "RGBA").copy()
    plt.close(fig)
    return surf


class EndScene(Scene):
    """Shown when the game is over."""

    def __init__(self, ctx: UiContext, ctl: GameController, game: Scene) -> None:
        super().__init__(ctx)
        self.ctl = ctl
        self.game = game
        self.chart: pygame.Surface | None = None
        self.buttons: list[Button] = []

    def result_lines(self) -> list[str]:
        ended = [ln.text for ln in self.ctl.log if "Game over" in ln.text or ln.kind == "other" and "wins" in ln.text]
        return ended[-2:] or ["The game is over."]

    def comparisons(self) -> list[tuple[str, tuple[int, int, int]]]:
        """Each place that changed hands historically, and when (if) it did in this game."""
        try:
            from game.history import compare_captures

            rows = compare_captures(self.ctl.spec, self.ctl.captures)
        except Exception:  # noqa: BLE001 - no history track in this scenario
            rows = []
        out = []
        for r in rows:
            if r.game_turn is None:
                out.append((f"{r.place}: not taken (historically {r.historical_date:%d %b})", MUTED))
            else:
                late = r.days_late
                when = "same day" if late == 0 else f"{abs(late)} days {'late' if late > 0 else 'early'}"
                out.append((f"{r.place}: turn {r.game_turn}, {r.game_date:%d %b} "
                            f"(historically {r.historical_date:%d %b}, {when})", TEXT))
        if not out:
            events = history.events_until(self.ctl.spec, self.ctl.state.date)
            out = [(f"Historically, {d:%d %b}: {t}", MUTED) for d, t in events[-8:]]
        return out

    def handle_event(self, event: pygame.event.Event) -> Scene:
        from game.ui.scenes.replay import ReplayScene
        from game.ui.scenes.title import TitleScene

        k = key(event)
        if k == pygame.K_ESCAPE:
            return self.game
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return TitleScene(self.ctx)
        if is_click(event):
            b = button_at(self.buttons, event.pos)
            if b is not None:
                if b.action == "title":
                    return TitleScene(self.ctx)
                if b.action == "map":
                    return self.game
                if b.action == "replay":
                    return ReplayScene.from_record(self.ctx, self.ctl.record.copy(), self.ctl.spec, self)
                if b.action == "quit":
                    return QuitScene(self.ctx)
        return self

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(BG)
        f = self.fonts
        s = self.ctl.state
        title = f.halo("Game over", 44, ACCENT, (20, 16, 10))
        surface.blit(title, (48, 32))
        left = pygame.Rect(48, 100, 420, h - 190)
        inner = panel(surface, left, "Result", f)
        lines: list[tuple[str, int, tuple[int, int, int], str]] = [(t, 17, TEXT, "bold") for t in self.result_lines()]
        lines.append((f"Ended on turn {s.turn} ({s.date:%d %B %Y}) after {len(self.ctl.record.steps)} orders.",
                      13, MUTED, "regular"))
        for side in (0, 1):
            lines.append((f"{self.ctl.spec.sides[side].name}: {self.ctl.units_alive(side)} units on the map",
                          14, TEXT, "regular"))
        lines.append(("", 10, TEXT, "regular"))
        lines.append(("Compared with history", 13, ACCENT, "bold"))
        hist = history.outcome(self.ctl.spec)
        if hist:
            lines.append((hist, 13, TEXT, "regular"))
        elif not any("istoric" in t for t in self.result_lines()):
            lines.append(("This scenario gives no historical outcome.", 13, TEXT, "regular"))
        for text, color in self.comparisons()[:12]:
            lines.append((text, 12, color, "regular"))
        text_lines(surface, f, lines, inner.x, inner.y + 4, inner.width, inner.bottom, spacing=4)
        right = pygame.Rect(left.right + 20, 100, w - left.right - 68, h - 190)
        inner = panel(surface, right, "After-action chart", f)
        if self.chart is None or self.chart.get_size() != inner.size:
            self.chart = after_action_chart(self.ctl, inner.size)
        surface.blit(self.chart, inner.topleft)
        self.buttons = []
        x = w - 48
        for label, action in (("Quit", "quit"), ("Title screen", "title"), ("Watch replay", "replay"),
                              ("Back to map", "map")):
            b = Button(pygame.Rect(0, h - 70, 150, 40), label, action, primary=action == "title")
            b.rect.right = x
            x = b.rect.left - 10
            self.buttons.append(b)
        mouse = pygame.mouse.get_pos()
        for b in self.buttons:
            b.draw(surface, f, mouse)
