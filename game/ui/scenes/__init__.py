"""The screens of the desktop game; each is a ``Scene`` (see ``game.ui.scenes.base``)."""
