"""Web copies keep shared borders shared; membership by largest overlap."""
from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from data.reference.geometry import drop_small_parts, largest_overlap, to_rd, web_copy

X, Y = 150_000.0, 450_000.0


def jagged_pair(teeth: list[float]) -> np.ndarray:
    """Two rectangles (RD) whose shared border is a zigzag at x = X + 2000 with the given offsets in metres."""
    step = 4000.0 / (len(teeth) + 1)
    border = [(X + 2000, Y)] + [(X + 2000 + dx, Y + step * (i + 1)) for i, dx in enumerate(teeth)] + [(X + 2000, Y + 4000)]
    west = shapely.Polygon([(X, Y), *border, (X, Y + 4000)])
    east = shapely.Polygon([*border, (X + 4000, Y + 4000), (X + 4000, Y)])
    return np.array([west.normalize(), east.normalize()], dtype=object)


def _assert_shared_border_kept(pieces: np.ndarray) -> None:
    west, east = to_rd(pieces)
    assert west.is_valid and east.is_valid
    union = shapely.union_all([west, east])
    assert union.area == pytest.approx(west.area + east.area, rel=1e-9)  # no overlap
    assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gap
    assert west.intersection(east).length > 3900  # one common border of about 4 km


def test_jagged_shared_border_stays_shared_after_simplification():
    pair = jagged_pair([30, -25, 40, -35, 20, -30, 25, -20, 35])
    assert shapely.coverage_is_valid(pair)
    pieces = web_copy(pair, "gemeente")
    assert shapely.get_num_coordinates(pieces).sum() < shapely.get_num_coordinates(pair).sum()  # really simplified
    _assert_shared_border_kept(pieces)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(min_value=-200, max_value=200, allow_nan=False), min_size=1, max_size=30))
def test_any_zigzag_border_stays_shared(teeth):
    pair = jagged_pair(teeth)
    if not all(shapely.is_valid(pair)):
        return
    _assert_shared_border_kept(web_copy(pair, "pc4"))


def test_web_copy_keeps_missing_geometries_missing():
    pair = jagged_pair([10.0])
    pieces = web_copy(np.array([pair[0], None, pair[1]], dtype=object), "provincie")
    assert pieces[1] is None and pieces[0] is not None and pieces[2] is not None


def test_web_copy_rounds_to_five_decimals():
    pieces = web_copy(jagged_pair([10.0]), "gemeente")
    coords = shapely.get_coordinates(pieces)
    assert np.allclose(coords, np.round(coords, 5), atol=1e-12)


def test_small_parts_and_holes_are_dropped_but_never_the_whole_area():
    big = shapely.box(0, 0, 1000, 1000).difference(shapely.box(10, 10, 20, 20))  # hole of 100 m2
    islet = shapely.box(2000, 0, 2050, 50)  # 2500 m2
    kept = drop_small_parts(np.array([shapely.MultiPolygon([big, islet]), islet], dtype=object), 10_000)
    assert kept[0].equals(shapely.box(0, 0, 1000, 1000))
    assert kept[1].equals(islet)  # the largest part always stays


def test_largest_overlap_picks_the_biggest_share_and_falls_back_to_nearest():
    parents = np.array([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], dtype=object)
    children = np.array(
        [shapely.box(2, 0, 12, 10), shapely.box(9, 0, 19, 10), None, shapely.box(25, 0, 26, 1)], dtype=object
    )
    result = largest_overlap(children, parents)
    assert list(result.index) == [0, 1, 3]  # the missing child has no parent
    assert result.loc[0, "parent"] == 0 and result.loc[0, "overlap"] == pytest.approx(0.8)
    assert result.loc[1, "parent"] == 1 and result.loc[1, "overlap"] == pytest.approx(0.9)
    assert result.loc[3, "parent"] == 1 and result.loc[3, "overlap"] == 0.0
