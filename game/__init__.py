"""Moscow '41: a turn-based operational wargame of the Battle of Moscow, 1941-42."""

__version__ = "0.2.0"
