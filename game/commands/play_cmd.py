"""``moscow41 play [SCENARIO] [--side german|soviet|both|ai] [--seed N] [--load FILE]``: the desktop game."""

from __future__ import annotations

import argparse
import os


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if args.debug_invariants:
        from game.invariants import ENV_VAR

        os.environ[ENV_VAR] = "1"
    from game.errors import UserError
    from game.ui.app import App, make_context
    from game.ui.scenes.title import TitleScene, open_record, start_game

    width, height = args.size
    ctx = make_context((width, height))
    if args.ai_level:
        ctx.settings.ai_level = args.ai_level
    if args.load:
        scene = open_record(ctx, args.load)
    elif args.scenario:
        spec = ctx.catalog.find(args.scenario)
        ids = [s.id for s in spec.sides]
        side = args.side or ids[0]
        if side not in (*ids, "both", "ai"):
            raise UserError(f"--side must be one of {', '.join((*ids, 'both', 'ai'))}")
        scene = start_game(ctx, spec, side, args.seed, args.weather)
    else:
        scene = TitleScene(ctx)
    if args.fullscreen:
        ctx.toggle_fullscreen()
    App(ctx, scene).run(max_frames=args.frames)
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1280x800") from None
    return max(1024, w), max(640, h)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play at the desktop (title screen without arguments)")
    p.add_argument("scenario", nargs="?", help="scenario id or file (default: the title screen)")
    p.add_argument("--side", help="your side id (vs the AI), 'both' for hot seat, 'ai' to watch AI vs AI")
    p.add_argument("--seed", type=int, default=1941, help="game seed (default 1941)")
    p.add_argument("--weather", choices=("historical", "variable"), default="historical", help="weather mode")
    p.add_argument("--load", metavar="FILE", help="continue a save or an opponent's play-by-email file")
    p.add_argument("--ai-level", choices=("easy", "normal", "hard"), help="AI strength (default normal)")
    p.add_argument("--size", type=_size, default=(1280, 800), help="window size, e.g. 1600x900")
    p.add_argument("--fullscreen", action="store_true", help="start in full screen")
    p.add_argument("--debug-invariants", action="store_true",
                   help="check the game's invariants after every order (a broken one is reported and saved)")
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)
