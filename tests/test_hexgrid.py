"""Hex grid: hand-checked cases and properties (Red Blob Games' identities)."""

from hypothesis import given
from hypothesis import strategies as st

from game.hexgrid import DIRECTIONS, FLAT, POINTY, Hex, Layout, OffsetSystem, hex_round, opposite

coords = st.integers(-60, 60)
hexes = st.builds(Hex, coords, coords)


def test_cube_constraint_and_directions():
    h = Hex(3, -7)
    assert h.q + h.r + h.s == 0
    assert len(set(h.neighbors())) == 6
    assert h.neighbors()[0] == Hex(4, -7)  # fixed direction order
    for d in range(6):
        assert DIRECTIONS[d] + DIRECTIONS[opposite(d)] == Hex(0, 0)
        assert h.neighbor(d).direction_to(h) == opposite(d)


def test_distance_known():
    assert Hex(0, 0).distance(Hex(3, -3)) == 3
    assert Hex(1, 2).distance(Hex(-2, 1)) == 4


def test_ring_and_range_sizes():
    c = Hex(2, 2)
    assert len(c.ring(3)) == 18 and all(c.distance(h) == 3 for h in c.ring(3))
    assert len(list(c.range(2))) == 19
    assert c.spiral(2)[0] == c and len(c.spiral(2)) == 19


def test_line_breaks_ties_consistently():
    # along an edge between two hex rows the epsilon nudge picks the same side every time
    line = Hex(0, 0).line_to(Hex(2, -1))
    assert line == Hex(0, 0).line_to(Hex(2, -1))
    assert line[0] == Hex(0, 0) and line[-1] == Hex(2, -1) and len(line) == 3


def test_round_fractional():
    assert hex_round(0.2, 0.1) == Hex(0, 0)
    assert hex_round(0.4, 0.3) == Hex(1, 0)  # cube (0.4, 0.3, -0.7) is nearer (1, 0, -1)
    assert hex_round(0.6, 0.1) == Hex(1, 0)


def test_labels_known():
    odd = OffsetSystem(flat=True, parity="odd")
    assert odd.label(odd.to_hex(6, 11)) == "0712"
    assert odd.parse_label("0712") == odd.to_hex(6, 11)
    assert odd.to_offset(odd.to_hex(3, 5)) == (3, 5)


@given(hexes, hexes)
def test_distance_symmetric(a, b):
    assert a.distance(b) == b.distance(a) >= 0


@given(hexes, hexes, hexes)
def test_triangle_inequality(a, b, c):
    assert a.distance(c) <= a.distance(b) + b.distance(c)


@given(hexes, hexes)
def test_line_length_and_adjacency(a, b):
    line = a.line_to(b)
    assert len(line) == a.distance(b) + 1
    assert line[0] == a and line[-1] == b
    assert all(x.distance(y) == 1 for x, y in zip(line, line[1:], strict=False))


@given(hexes, st.sampled_from([FLAT, POINTY]), st.floats(4, 80), st.floats(-500, 500), st.floats(-500, 500))
def test_pixel_round_trip(h, orientation, size, ox, oy):
    layout = Layout(orientation, (size, size), (ox, oy))
    assert layout.pixel_to_hex(*layout.hex_to_pixel(h)) == h


@given(hexes, st.sampled_from([FLAT, POINTY]), st.floats(-0.45, 0.45), st.floats(-0.45, 0.45))
def test_pixel_inside_hex_picks_it(h, orientation, fx, fy):
    layout = Layout(orientation, (30.0, 30.0), (0.0, 0.0))
    x, y = layout.hex_to_pixel(h)
    # points well inside the inscribed circle (radius size*sqrt(3)/2) belong to the hex
    assert layout.pixel_to_hex(x + fx * 30 * 0.8, y + fy * 30 * 0.8) == h


@given(st.integers(0, 200), st.integers(0, 200), st.booleans(), st.sampled_from(["odd", "even"]))
def test_offset_round_trip(col, row, flat, parity):
    system = OffsetSystem(flat=flat, parity=parity)
    assert system.to_offset(system.to_hex(col, row)) == (col, row)
    assert system.parse_label(system.label(system.to_hex(col, row))) == system.to_hex(col, row)


def test_offset_neighbours_are_adjacent_cells():
    system = OffsetSystem(flat=True, parity="odd")
    h = system.to_hex(4, 4)
    cells = {system.to_offset(n) for n in h.neighbors()}
    assert cells == {(5, 4), (5, 5), (4, 3), (3, 4), (3, 5), (4, 5)}  # odd-q: even column 4
