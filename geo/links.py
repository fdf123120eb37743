"""Ties of VG locations with GP practices and HAPs, from the collaborations table."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from data.models import COLLABORATION_KINDS, FORMAL_KINDS
from geo.lookup import positions
from geo.rd import distance_m, travel_min
from geo.settings import GeoSettings


def location_ties(facilities: pd.DataFrame, collaborations: pd.DataFrame, settings: GeoSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per VG location: aantal_huisartsen, heeft_huisarts, formeel, reistijd_huisarts_min; and the GP pairs.

    A collaboration counts in either direction (van/naar). `formeel` is true when any tie of the location
    with a GP practice or a HAP is of a formal kind (contract, written agreement, joint medical service).
    Returns (per-location frame indexed by facility id, GP pairs vg_id, gp_id, soorten, formeel, afstand_km,
    reistijd_min). Works on integer positions of the facilities, for speed.
    """
    ids = facilities["id"].to_numpy(dtype=object)
    n = len(ids)
    kinds = facilities["type"]
    van = positions(collaborations["van"], facilities["id"])
    naar = positions(collaborations["naar"], facilities["id"])
    kind_code = pd.Index(COLLABORATION_KINDS).get_indexer(collaborations["soort"].to_numpy(dtype=object))
    a, b, k = np.concatenate([van, naar]), np.concatenate([naar, van]), np.concatenate([kind_code, kind_code])
    valid = (a >= 0) & (b >= 0) & (k >= 0)
    a, b, k = a[valid], b[valid], k[valid]
    is_gp, is_hap, is_vg = ((kinds == kind).to_numpy(dtype=bool) for kind in ("huisartsenpraktijk", "hap", "vg_locatie"))
    tie = is_vg[a] & (is_gp[b] | is_hap[b])
    a, b, k = a[tie], b[tie], k[tie]
    formal = np.isin(np.asarray(COLLABORATION_KINDS, dtype=object)[k], FORMAL_KINDS) if len(k) else np.zeros(0, dtype=bool)

    # GP pairs: the kinds of a pair as a bit set, summed over its distinct kinds.
    gp = is_gp[b]
    n_kinds = len(COLLABORATION_KINDS)
    triples = np.unique((a[gp].astype(np.int64) * max(n, 1) + b[gp]) * n_kinds + k[gp])  # distinct (location, GP, kind)
    pair_key, inverse = np.unique(triples // n_kinds, return_inverse=True)
    bits = np.bincount(inverse, weights=2.0 ** (triples % n_kinds), minlength=len(pair_key)).astype(int)
    kind_formal = np.isin(np.asarray(COLLABORATION_KINDS, dtype=object), FORMAL_KINDS)
    pair_formal = np.bincount(inverse, weights=kind_formal[triples % n_kinds], minlength=len(pair_key)) > 0
    vg_i, gp_i = pair_key // max(n, 1), pair_key % max(n, 1)
    names = {mask: ",".join(kind for bit, kind in enumerate(COLLABORATION_KINDS) if mask >> bit & 1) for mask in set(bits.tolist())}
    xy = facilities[["x", "y"]].to_numpy(dtype=float)
    meters = distance_m(xy[vg_i, 0], xy[vg_i, 1], xy[gp_i, 0], xy[gp_i, 1])
    minutes = travel_min(meters, settings)
    gp_pairs = pd.DataFrame({
        "vg_id": ids[vg_i], "gp_id": ids[gp_i], "soorten": [names[mask] for mask in bits.tolist()],
        "formeel": pair_formal, "afstand_km": meters / 1000.0, "reistijd_min": minutes,
    })

    count = np.bincount(vg_i, minlength=n)
    total_minutes = np.bincount(vg_i, weights=minutes, minlength=n)
    any_formal = np.bincount(a, weights=formal, minlength=n) > 0
    vg_rows = np.flatnonzero(is_vg)
    per_location = pd.DataFrame(
        {
            "aantal_huisartsen": count[vg_rows],
            "heeft_huisarts": count[vg_rows] > 0,
            "formeel": any_formal[vg_rows],
            "reistijd_huisarts_min": np.divide(total_minutes[vg_rows], count[vg_rows],
                                               out=np.full(len(vg_rows), np.nan), where=count[vg_rows] > 0),
        },
        index=pd.Index(ids[vg_rows], name="id"),
    )
    return per_location, gp_pairs


def current_ties(collaborations: pd.DataFrame, peildatum: date) -> pd.DataFrame:
    """The collaborations that exist on `peildatum`: `sinds` empty or on/before it, `tot` (the tie's last day)
    empty or on/after it. Empty dates are unknown and count as existing (as in monitor.ties.known_in_wave).

    >>> ties = pd.DataFrame({"van": ["a", "b"], "naar": ["g", "g"], "soort": ["contract"] * 2,
    ...                      "sinds": [None, None], "tot": [None, "2020-12-31"]})
    >>> current_ties(ties, date(2025, 1, 1))["van"].tolist()
    ['a']
    """
    if collaborations.empty:
        return collaborations
    return collaborations[is_current(collaborations, peildatum)]


def is_current(collaborations: pd.DataFrame, peildatum: date) -> np.ndarray:
    """Per collaboration whether it exists on `peildatum` (see current_ties)."""
    moment = pd.Timestamp(peildatum)
    unknown = pd.Series(pd.NaT, index=collaborations.index)
    since = pd.to_datetime(collaborations.get("sinds", unknown), errors="coerce")
    until = pd.to_datetime(collaborations.get("tot", unknown), errors="coerce")
    return ((since.isna() | (since <= moment)) & (until.isna() | (until >= moment))).to_numpy(dtype=bool)


def nearest_travel_min(from_xy: np.ndarray, to_xy: np.ndarray, settings: GeoSettings) -> np.ndarray:
    """Estimated minutes from each point to the nearest target (NaN when there are no targets)."""
    from scipy.spatial import cKDTree

    from_xy = np.asarray(from_xy, dtype=float).reshape(-1, 2)
    to_xy = np.asarray(to_xy, dtype=float).reshape(-1, 2)
    if len(to_xy) == 0 or len(from_xy) == 0:
        return np.full(len(from_xy), np.nan)
    meters, _ = cKDTree(to_xy).query(from_xy)
    return travel_min(meters, settings)
