"""E2SFCA core: a hand-recomputed oracle and the laws it must obey."""
from math import exp

import numpy as np
import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from geo.access import e2sfca, gaussian_weight
from geo.settings import GeoSettings

# 1 km straight line = 1 estimated minute: travel times can be read off the coordinates.
KM_IS_MINUTE = GeoSettings(detour_factor=1.0, speed_kmh=60.0, catchment_min=30.0, decay_sigma_min=15.0)


def w(t):
    return exp(-t * t / (2 * 15.0**2))


def test_oracle_three_supply_four_demand_points():
    demand_xy = [[0, 0], [10_000, 0], [25_000, 0], [60_000, 0]]
    demand = [100, 50, 200, 80]
    supply_xy = [[0, 0], [20_000, 0], [50_000, 0]]
    fte = [2, 1, 3]
    access, ratio = e2sfca(demand_xy, demand, supply_xy, fte, KM_IS_MINUTE)

    # Step 1 by hand (pairs beyond 30 minutes drop out: S1-D4 60, S2-D4 40, S3-D1 50, S3-D2 40).
    r1 = 2 / (100 * w(0) + 50 * w(10) + 200 * w(25))
    r2 = 1 / (100 * w(20) + 50 * w(10) + 200 * w(5))
    r3 = 3 / (200 * w(25) + 80 * w(10))
    assert ratio == pytest.approx([r1, r2, r3], rel=1e-12)
    assert ratio == pytest.approx([0.0105315, 0.0036990, 0.0263321], abs=1e-7)
    # Step 2 by hand.
    expected = [r1 * w(0) + r2 * w(20), r1 * w(10) + r2 * w(10), r1 * w(25) + r2 * w(5) + r3 * w(25), r3 * w(10)]
    assert access == pytest.approx(expected, rel=1e-12)
    assert access == pytest.approx([0.0120522, 0.0113949, 0.0126912, 0.0210851], abs=1e-7)


def test_without_decay_everyone_gets_total_supply_over_total_demand():
    flat = GeoSettings(detour_factor=1.0, speed_kmh=60.0, catchment_min=1000.0, decay_sigma_min=1e9)
    rng = np.random.default_rng(1)
    access, _ = e2sfca(rng.uniform(0, 50_000, (6, 2)), [10, 20, 30, 40, 50, 50], rng.uniform(0, 50_000, (3, 2)), [1, 2, 3], flat)
    assert access == pytest.approx(np.full(6, 6 / 200), rel=1e-9)


def test_supply_without_demand_in_reach_reaches_nobody():
    access, ratio = e2sfca([[0, 0], [100_000, 0]], [0.0, 10.0], [[0, 0]], [5.0], KM_IS_MINUTE)
    assert ratio.tolist() == [0.0]
    assert access.tolist() == [0.0, 0.0]


def test_empty_inputs_give_zero_access():
    access, ratio = e2sfca(np.zeros((2, 2)), [1.0, 2.0], np.zeros((0, 2)), [], KM_IS_MINUTE)
    assert access.tolist() == [0.0, 0.0] and ratio.size == 0


def test_gaussian_weight_and_catchment_edge():
    assert gaussian_weight([0.0, 15.0, 30.0, 30.01], KM_IS_MINUTE) == pytest.approx([1.0, exp(-0.5), exp(-2.0), 0.0])
    with pytest.raises(ValueError, match="non-negative"):
        gaussian_weight([-1.0])


@pytest.mark.parametrize("demand, capacity", [([-1.0], [1.0]), ([1.0], [np.nan]), ([np.inf], [1.0])])
def test_bad_demand_or_capacity_is_refused(demand, capacity):
    with pytest.raises(ValueError):
        e2sfca([[0, 0]], demand, [[0, 0]], capacity)


coords = st.tuples(st.integers(0, 60_000), st.integers(0, 60_000))
worlds = st.tuples(
    st.lists(st.tuples(coords, st.integers(0, 500)), min_size=1, max_size=10),
    st.lists(st.tuples(coords, st.floats(0, 5, allow_nan=False)), min_size=1, max_size=8),
)


def _split(world):
    demand, supply = world
    return (np.array([p for p, _ in demand], float), np.array([d for _, d in demand], float),
            np.array([p for p, _ in supply], float), np.array([c for _, c in supply], float))


@hyp_settings(max_examples=60, deadline=None)
@given(worlds, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_row_order(world, random):
    dxy, d, sxy, s = _split(world)
    access, _ = e2sfca(dxy, d, sxy, s, KM_IS_MINUTE)
    di, si = list(range(len(d))), list(range(len(s)))
    random.shuffle(di)
    random.shuffle(si)
    shuffled, _ = e2sfca(dxy[di], d[di], sxy[si], s[si], KM_IS_MINUTE)
    assert shuffled == pytest.approx(access[di], rel=1e-9, abs=1e-15)


@hyp_settings(max_examples=60, deadline=None)
@given(worlds, st.data())
def test_closing_a_supply_point_never_raises_access(world, data):
    dxy, d, sxy, s = _split(world)
    closed = data.draw(st.integers(0, len(s) - 1))
    keep = np.arange(len(s)) != closed
    before, _ = e2sfca(dxy, d, sxy, s, KM_IS_MINUTE)
    after, _ = e2sfca(dxy, d, sxy[keep], s[keep], KM_IS_MINUTE)
    assert np.all(after <= before)  # exact: summation order is fixed


@hyp_settings(max_examples=60, deadline=None)
@given(worlds, st.data(), st.floats(0, 10, allow_nan=False), coords)
def test_adding_capacity_never_lowers_access(world, data, extra, new_place):
    dxy, d, sxy, s = _split(world)
    before, _ = e2sfca(dxy, d, sxy, s, KM_IS_MINUTE)
    grown = s.copy()
    grown[data.draw(st.integers(0, len(s) - 1))] += extra
    assert np.all(e2sfca(dxy, d, sxy, grown, KM_IS_MINUTE)[0] >= before)
    opened, _ = e2sfca(dxy, d, np.vstack([sxy, [new_place]]), np.append(s, extra), KM_IS_MINUTE)
    assert np.all(opened >= before)


def test_same_result_as_pysal_access_on_the_same_pairs():
    """pysal `access` (a benchmark-only dependency, benchmarks/requirements.txt) as a second oracle."""
    pytest.importorskip("access")
    from benchmarks.access_pysal import pysal_e2sfca
    from geo.access import catchment_pairs

    rng = np.random.default_rng(7)
    demand_xy, supply_xy = rng.uniform(0, 80_000, (60, 2)), rng.uniform(0, 80_000, (12, 2))
    demand, capacity = rng.integers(1, 300, 60).astype(float), rng.uniform(0.2, 3, 12)
    ours, _ = e2sfca(demand_xy, demand, supply_xy, capacity, KM_IS_MINUTE)
    theirs = pysal_e2sfca(demand, capacity, *catchment_pairs(demand_xy, supply_xy, KM_IS_MINUTE), KM_IS_MINUTE)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)
