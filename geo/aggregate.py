"""Per-region indicators (gemeente, zorgkantoorregio, provincie, HAP service area) from facility and PC4 frames.

Regions are mapped to integer slots once and summed with np.bincount: fast, and plain sequential sums keep
the demand-weighted accessibility exactly monotone in the PC4 values (the scenario guarantee relies on it).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.models import FACILITY_TYPES
from geo.lookup import positions
from geo.organisations import ORGANISATION_MEASURES, TRAVEL_MEASURES

SUPPLY_TYPES = ("avg_poli", "vg_locatie")


def _sum(slot: np.ndarray, values, size: int) -> np.ndarray:
    keep = slot >= 0  # rows outside every region of the table are ignored
    values = np.broadcast_to(np.asarray(values, dtype=float), slot.shape)
    return np.bincount(slot[keep], weights=values[keep], minlength=size).astype(float)  # int when empty


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.full(len(numerator), np.nan), where=denominator > 0)


def _per_slot(slot: np.ndarray, values: np.ndarray, size: int, how: str) -> np.ndarray:
    """Median or max of the known values per slot (NaN for a slot without values), by one sort."""
    known = (slot >= 0) & ~np.isnan(values)
    groups, ordered = slot[known], values[known]
    order = np.lexsort((ordered, groups))
    ordered = ordered[order]
    counts = np.bincount(groups, minlength=size)
    starts = np.cumsum(counts) - counts
    out = np.full(size, np.nan)
    has = counts > 0
    if how == "max":
        out[has] = ordered[(starts + counts - 1)[has]]
    else:  # median: mean of the two middle values (one when the count is odd)
        out[has] = (ordered[(starts + (counts - 1) // 2)[has]] + ordered[(starts + counts // 2)[has]]) / 2.0
    return out


def region_indicators(
    regions: pd.DataFrame,
    facilities: pd.DataFrame,
    organisations: pd.DataFrame,
    pc4: pd.DataFrame,
    column: str,
) -> pd.DataFrame:
    """One row per region in `regions` (code, naam, inwoners), also regions without any facility.

    facilities and pc4 carry the region code of this level in `column`. pc4 has vraag, vraag_geschat, vraag_bron,
    avg_toegankelijkheid (FTE per 1,000 clients) and inwoners. Counts are 0 for empty regions; measures
    without data are NaN, never 0.
    """
    codes = pd.Index(regions["code"].to_numpy(dtype=object), name="code")
    size = len(codes)
    out = {"code": codes.to_numpy(dtype=object), "naam": regions["naam"].to_numpy(dtype=object)}
    fac_slot = positions(facilities[column], regions["code"])
    pc4_slot = positions(pc4[column], regions["code"])

    inhabitants = pc4["inwoners"].to_numpy(dtype=float)
    population = _sum(pc4_slot, np.nan_to_num(inhabitants), size)
    population[_sum(pc4_slot, ~np.isnan(inhabitants), size) == 0] = np.nan
    own = regions["inwoners"].to_numpy(dtype=float)
    out["inwoners"] = np.where(np.isnan(own), population, own)

    kinds = facilities["type"].to_numpy(dtype=object)
    for kind in FACILITY_TYPES:
        out[f"aantal_{kind}"] = _sum(fac_slot, kinds == kind, size).astype(int)

    vg = kinds == "vg_locatie"
    slot, loc = fac_slot[vg], facilities[vg]
    org = positions(loc["organisatie_id"], organisations["code"])
    present = (slot >= 0) & (org >= 0)
    pairs = np.unique(slot[present].astype(np.int64) * max(len(organisations), 1) + org[present])  # (region, organisation)
    out["aantal_organisaties"] = np.bincount(pairs // max(len(organisations), 1), minlength=size)

    clients = loc["clienten"].to_numpy(dtype=float)
    known_clients = _sum(slot, ~np.isnan(clients), size)
    out["clienten"] = np.where(
        (out["aantal_vg_locatie"] > 0) & (known_clients == 0), np.nan, _sum(slot, np.nan_to_num(clients), size)
    )
    supply = np.isin(kinds, SUPPLY_TYPES)
    fte = facilities["avg_fte"].to_numpy(dtype=float)[supply]
    known_fte = _sum(fac_slot[supply], ~np.isnan(fte), size)
    unknown_poli = (out["aantal_avg_poli"] > 0) & (known_fte == 0)  # a poli without FTE is unknown
    out["avg_fte"] = np.where(unknown_poli, np.nan, _sum(fac_slot[supply], np.nan_to_num(fte), size))

    # Organisation measures over the organisations present, weighted by their number of locations here:
    # the same as the mean, over the region's locations, of the measure of each location's organisation.
    for key in ORGANISATION_MEASURES:
        values = organisations[key].to_numpy(dtype=float)
        per_location = np.where(org >= 0, values[np.maximum(org, 0)], np.nan) if len(values) else np.full(len(org), np.nan)
        known = ~np.isnan(per_location)
        out[key] = _ratio(_sum(slot, np.where(known, per_location, 0.0), size), _sum(slot, known, size))

    for key, source in TRAVEL_MEASURES.items():
        out[key] = _per_slot(slot, loc[source].to_numpy(dtype=float), size, "median")
    out["reistijd_hap_min_max"] = _per_slot(slot, loc["reistijd_hap_min"].to_numpy(dtype=float), size, "max")

    demand = pc4["vraag"].to_numpy(dtype=float)
    access = pc4["avg_toegankelijkheid"].to_numpy(dtype=float)
    usable = np.isfinite(access) & (demand > 0)
    out["avg_toegankelijkheid"] = _ratio(
        _sum(pc4_slot, np.where(usable, demand * np.nan_to_num(access), 0.0), size),
        _sum(pc4_slot, np.where(usable, demand, 0.0), size),
    )
    guessed = pc4["vraag_geschat"].to_numpy(dtype=bool)
    total = _sum(pc4_slot, demand, size)
    out["aandeel_vraag_geschat"] = _ratio(_sum(pc4_slot, np.where(guessed, demand, 0.0), size), total)
    source = pc4["vraag_bron"].to_numpy(dtype=object) if "vraag_bron" in pc4 else np.where(guessed, "prevalentie", "clienten")
    for key, bron in (("aandeel_vraag_ciz", "ciz"), ("aandeel_vraag_prevalentie", "prevalentie")):
        out[key] = _ratio(_sum(pc4_slot, np.where(source == bron, demand, 0.0), size), total)
    return pd.DataFrame(out)
