"""A text picture of a compiled map, for checking geography without the game window.

``moscow41 validate FILE --map`` prints it: one cell per hex (terrain letter,
then ``*`` for a settlement, ``~`` if a river or canal runs along one of its
sides, ``=`` for a road or railway through it), each row on two lines because
alternate columns sit half a hex higher, then the settlements with their hexes.
"""

from __future__ import annotations

from game.mapmodel import HexMap

TERRAIN_LETTERS = {"clear": ".", "forest": "f", "swamp": "s", "city": "C", "lake": "w"}


def terrain_letter(name: str) -> str:
    """One character for a terrain type (its first letter when not a standard one)."""
    return TERRAIN_LETTERS.get(name, name[:1] or "?")


def map_picture(m: HexMap) -> str:
    """The map as text, with column and row numbers and a list of settlements."""
    cells: list[list[str]] = []
    for row in range(m.height):
        line = []
        for col in range(m.width):
            i = row * m.width + col
            cell = terrain_letter(m.terrain_name(i))
            cell += "*" if m.settlement_at[i] >= 0 else " "
            cell += "~" if (m.hexside[i] > 0).any() else " "
            cell += "=" if (m.road[i] > 0).any() or m.rail[i].any() else " "
            line.append(cell)
        cells.append(line)
    shoved_up = m.offsets.parity == "odd"  # see OffsetSystem: with 'odd', columns 02, 04, ... sit higher
    out = ["     " + "".join(f"{c + 1:02d}   " for c in range(m.width))]
    for row in range(m.height):
        for half in (0, 1):
            text = []
            for col in range(m.width):
                high = (col % 2 == 1) == shoved_up if m.offsets.flat else False
                show = (half == 0) == high if m.offsets.flat else half == 0
                text.append(cells[row][col] + " " if show else "     ")
            line = f"{row + 1:02d}   " + "".join(text)
            if line[5:].strip():
                out.append(line.rstrip())
    out.append("")
    out.append(
        "terrain: "
        + ", ".join(f"{terrain_letter(t)} {t}" for t in m.terrain_names)
        + "; * settlement, ~ river or canal on a side, = road or railway"
    )
    for s in m.settlements:
        out.append(f"  {m.label_of(s.index)}  {s.name} (size {s.size}, {m.terrain_name(s.index)})")
    return "\n".join(out) + "\n"
