"""Test defaults: headless SDL, hypothesis profile."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from hypothesis import settings  # noqa: E402

settings.register_profile("default", max_examples=100, deadline=None)
settings.load_profile("default")
