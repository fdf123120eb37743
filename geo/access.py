"""Enhanced two-step floating catchment area (E2SFCA; Luo & Qi 2009) over points in RD metres.

Step 1, per supply point j:  R_j = S_j / sum_k D_k W(t_kj)   over demand points k with t_kj <= catchment.
Step 2, per demand point i:  A_i = sum_j R_j W(t_ij)          over supply points j with t_ij <= catchment.
W is a Gaussian decay of the estimated travel time t, zero beyond the catchment. Luo & Qi used three
travel-time zones with Gaussian-derived weights; here the Gaussian is applied continuously.
"""
from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from geo.rd import travel_min
from geo.settings import GeoSettings


def gaussian_weight(t_min, settings: GeoSettings = GeoSettings()) -> np.ndarray:
    """Decay weight of a travel time: exp(-t^2 / (2 sigma^2)) inside the catchment, 0 outside."""
    t = np.asarray(t_min, dtype=float)
    if np.any(t < 0):
        raise ValueError("travel times must be non-negative")
    weight = np.exp(-(t**2) / (2.0 * settings.decay_sigma_min**2))
    return np.where(t <= settings.catchment_min, weight, 0.0)


_PAIRS: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
_MAX_PAIRS = 2  # the current situation and a scenario


def catchment_pairs(demand_xy: np.ndarray, supply_xy: np.ndarray, settings: GeoSettings):
    """All (demand index, supply index, travel minutes) within the catchment, without a dense matrix.

    Memoised by content (read-only arrays): a scenario that keeps every AVG-poli reuses the pairs of the
    current situation.
    """
    demand_xy = np.asarray(demand_xy, dtype=float).reshape(-1, 2)
    supply_xy = np.asarray(supply_xy, dtype=float).reshape(-1, 2)
    key = (demand_xy.tobytes(), supply_xy.tobytes(), len(demand_xy), settings)
    pairs = _PAIRS.get(key)
    if pairs is None:
        pairs = _catchment_pairs(demand_xy, supply_xy, settings)
        for array in pairs:
            array.flags.writeable = False
        while len(_PAIRS) >= _MAX_PAIRS:  # forget the oldest (tolerates another thread doing the same)
            _PAIRS.pop(next(iter(_PAIRS), None), None)
        _PAIRS[key] = pairs
    return pairs


def _catchment_pairs(demand_xy: np.ndarray, supply_xy: np.ndarray, settings: GeoSettings):
    if len(demand_xy) == 0 or len(supply_xy) == 0:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0)
    # A small margin so float rounding at the edge is settled by the minute test below, not by the tree.
    pairs = cKDTree(demand_xy).sparse_distance_matrix(
        cKDTree(supply_xy), settings.catchment_m * (1 + 1e-9), output_type="ndarray"
    )
    t = travel_min(pairs["v"], settings)
    inside = t <= settings.catchment_min
    i, j, t = pairs["i"][inside].astype(np.intp), pairs["j"][inside].astype(np.intp), t[inside]
    # A fixed summation order (by demand, then supply index) makes the sums reproducible and exactly
    # monotone: dropping or shrinking a non-negative term can then never raise a float sum.
    order = pair_order(i, j, len(supply_xy))
    return i[order], j[order], t[order]


def pair_order(i: np.ndarray, j: np.ndarray, n_supply: int) -> np.ndarray:
    """The permutation that sorts (demand i, supply j) pairs by i, then j: what np.lexsort((j, i)) gives.

    Pairs are unique, so any sort of the combined key i * n_supply + j gives the same order. Up to 65,536
    demand and supply points two stable sorts of 16-bit keys do it (numpy sorts those by radix, in linear
    time); beyond that one stable argsort of the combined 64-bit key.

    >>> pair_order(np.array([1, 0, 1, 0]), np.array([0, 2, 1, 1]), 3).tolist()
    [3, 1, 0, 2]
    """
    i, j = np.asarray(i), np.asarray(j)
    small = np.iinfo(np.uint16).max
    if len(i) and i.max() <= small and j.max() <= small:
        by_supply = np.argsort(j.astype(np.uint16), kind="stable")
        return by_supply[np.argsort(i[by_supply].astype(np.uint16), kind="stable")]
    return np.argsort(i.astype(np.int64) * max(int(n_supply), 1) + j, kind="stable")


def e2sfca(
    demand_xy: np.ndarray,
    demand: np.ndarray,
    supply_xy: np.ndarray,
    capacity: np.ndarray,
    settings: GeoSettings = GeoSettings(),
) -> tuple[np.ndarray, np.ndarray]:
    """Accessibility per demand point (capacity per unit of demand) and the supply-to-demand ratio per supply point.

    Parameters
    ----------
    demand_xy, supply_xy : (n, 2) arrays of RD coordinates in metres.
    demand : demand per demand point (e.g. clients); must be >= 0.
    capacity : capacity per supply point (e.g. AVG FTE); must be >= 0.

    A supply point with no demand inside its catchment gets ratio 0: its capacity reaches nobody.

    Examples
    --------
    >>> a, r = e2sfca([[0, 0]], [100.0], [[0, 0]], [2.0])
    >>> float(a[0]), float(r[0])
    (0.02, 0.02)
    """
    demand = np.asarray(demand, dtype=float)
    capacity = np.asarray(capacity, dtype=float)
    if np.any(~np.isfinite(demand)) or np.any(demand < 0):
        raise ValueError("demand must be finite and non-negative")
    if np.any(~np.isfinite(capacity)) or np.any(capacity < 0):
        raise ValueError("capacity must be finite and non-negative")
    i, j, t = catchment_pairs(demand_xy, supply_xy, settings)
    w = gaussian_weight(t, settings)
    weighted_demand = np.bincount(j, weights=demand[i] * w, minlength=len(capacity))
    ratio = np.divide(capacity, weighted_demand, out=np.zeros(len(capacity)), where=weighted_demand > 0)
    access = np.bincount(i, weights=ratio[j] * w, minlength=len(demand))
    return access, ratio
