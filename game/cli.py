"""The ``moscow41`` command line. Each subcommand lives in its own module.

A module listed in ``COMMANDS`` provides ``register(subparsers)``, which adds
its parser and sets ``func`` (args -> exit code). User mistakes raise
``UserError`` (or a subclass) and are printed as one line, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from game import __version__
from game.errors import UserError

COMMANDS: tuple[str, ...] = (
    "game.commands.replay_cmd",
    "game.commands.play_cmd",
    "game.commands.simulate_cmd",
    "game.scenario.commands",
    "game.commands.history_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="moscow41",
        description="Moscow '41 — a turn-based operational wargame of the Battle of Moscow, 1941-42.",
    )
    parser.add_argument("--version", action="version", version=f"moscow41 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS:
        importlib.import_module(module_name).register(sub)
    parser.set_defaults(available_commands=tuple(sub.choices))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if "play" in args.available_commands:
            return main(["play"])
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"moscow41: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        sys.stderr.close()
        return 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
