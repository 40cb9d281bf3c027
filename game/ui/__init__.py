"""The desktop game (pygame-ce). The only package that imports pygame.

Everything here drives the game through ``game.session.Session`` and orders;
the map, counters and panels only read the state. Scenes form a stack: each
scene's ``handle_event`` / ``update`` returns the scene to show next, so every
screen can be driven headless with synthetic events (see ``tests/test_ui_*``).
"""
