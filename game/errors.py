"""Errors meant for people: the command line prints them as one clear message, no traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix (bad file, bad argument). ``str()`` says what and how."""
