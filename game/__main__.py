"""``python -m game`` is the same as the ``moscow41`` command."""

from game.cli import entry

entry()
