"""Building blocks of the demo scenario on tiny hand-checkable geometries."""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from data.demo.scenario import SHOWCASE_REGIONS, resolve_roles
from data.demo.facilities import _unique_names
from data.demo.geo import dissolve, fill_slivers, nearest, random_points_in, weighted_kmeans


def test_random_points_fall_inside_awkward_polygons():
    l_shape = shapely.Polygon([(0, 0), (3, 0), (3, 0.1), (0.1, 0.1), (0.1, 3), (0, 3)])  # mostly empty bbox
    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(0.5, 0.5, 9.5, 9.5))
    geoms = np.array([l_shape, ring, shapely.box(5, 5, 6, 6)] * 20, dtype=object)
    lon, lat = random_points_in(geoms, np.random.default_rng(1))
    assert shapely.contains_xy(geoms, lon, lat).all()
    again = random_points_in(geoms, np.random.default_rng(1))
    assert np.array_equal(lon, again[0]) and np.array_equal(lat, again[1])


@settings(max_examples=30, deadline=None)
@given(st.floats(-10, 10), st.floats(-10, 10), st.floats(0.01, 5), st.floats(0.01, 5), st.integers(0, 2**32 - 1))
def test_random_point_lies_in_any_box(x, y, width, height, seed):
    box = shapely.box(x, y, x + width, y + height)
    lon, lat = random_points_in(np.array([box], dtype=object), np.random.default_rng(seed))
    assert shapely.intersects_xy(box, lon[0], lat[0])


def test_weighted_kmeans_finds_two_separate_groups():
    xy = np.array([[0, 0], [2, 0], [100, 100], [100, 104]], dtype=float)
    weights = np.array([1, 3, 1, 1], dtype=float)
    centres, labels = weighted_kmeans(xy, weights, 2, np.random.default_rng(0))
    found = sorted(map(tuple, centres.round(6)))
    assert found == [(1.5, 0.0), (100.0, 102.0)]  # the heavier point pulls its centre
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_dissolve_unites_polygons_per_group():
    geoms = np.array([shapely.box(0, 0, 1, 1), shapely.box(5, 5, 6, 6), shapely.box(1, 0, 2, 1)], dtype=object)
    outlines = dissolve(geoms, np.array(["a", "b", "a"]))
    assert list(outlines) == ["a", "b"]
    assert outlines["a"].area == 2 and outlines["a"].geom_type == "Polygon"
    assert outlines["b"].area == 1


def test_fill_slivers_closes_small_gaps_and_keeps_real_holes():
    # 0.001 degree squared is about 7,600 m2 (a sliver); 0.01 degree squared about 757,000 m2 (a lake)
    sliver_hole = shapely.box(0.1, 0.1, 0.101, 0.101).exterior.coords
    lake = shapely.box(0.5, 0.5, 0.51, 0.51).exterior.coords
    area = shapely.Polygon(shapely.box(0, 0, 1, 1).exterior.coords, [sliver_hole, lake])
    loose_sliver = shapely.box(2, 2, 2.001, 2.001)
    island = shapely.box(3, 3, 3.1, 3.1)
    tidy = fill_slivers(shapely.MultiPolygon([area, loose_sliver, island]))
    assert tidy.geom_type == "MultiPolygon" and len(tidy.geoms) == 2
    main = max(tidy.geoms, key=lambda g: g.area)
    assert len(main.interiors) == 1 and shapely.Polygon(main.interiors[0]).equals(shapely.box(0.5, 0.5, 0.51, 0.51))
    assert fill_slivers(loose_sliver).equals(loose_sliver)  # the only part always stays


def test_nearest_returns_a_column_per_neighbour_and_caps_the_count():
    sites = np.array([[0, 0], [10, 0]], dtype=float)
    distance, index = nearest(np.array([[1, 0], [9, 0]], dtype=float), sites, count=5)
    assert index.tolist() == [[0, 1], [1, 0]]
    assert distance.tolist() == [[1, 9], [1, 9]]
    distance, index = nearest(np.array([[1, 0]], dtype=float), sites)
    assert index.shape == (1, 1) and distance[0, 0] == 1


def test_unique_names_number_the_repeats():
    assert _unique_names(["Post A", "Post B", "Post A", "Post A"]) == ["Post A", "Post B", "Post A 2", "Post A 3"]


def test_showcase_roles_use_the_preferred_regions_and_replace_missing_ones():
    preferred = [code for codes in SHOWCASE_REGIONS.values() for code in codes]
    present = pd.DataFrame({"zk": preferred + ["ZK99"]})
    assert resolve_roles(present) == {code: role for role, codes in SHOWCASE_REGIONS.items() for code in codes}
    others = pd.DataFrame({"zk": [f"ZK{n:02d}" for n in range(50, 65) for _ in range(n - 49)]})  # ZK64 largest
    roles = resolve_roles(others)
    assert len(roles) == len(preferred)
    assert roles["ZK50"] == "compact" and roles["ZK64"] == "verspreid"
    assert sorted(roles.values()) == sorted(role for role, codes in SHOWCASE_REGIONS.items() for _ in codes)
