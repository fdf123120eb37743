"""Per VG location: its ties with GP practices and HAPs as known in a given wave, plus its region codes.

The monitor recomputes these from the registry (instead of reading geo's per-location columns) because a
measurement wave only sees the collaborations that existed on its reference date, 31 December of the wave's year:
`sinds` empty or on/before that date, and `tot` (the tie's last day) empty or on/after it.
A collaboration counts in either direction (van/naar), as in geo.links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.models import FORMAL_KINDS

LOCATION_COLUMNS = (
    "id", "naam", "organisatie_id", "organisatie_naam", "gemeente", "zorgkantoorregio", "provincie",
    "hap_gebied", "reistijd_hap_min", "clienten", "x", "y",
)


def wave_year(golf: str | None) -> int | None:
    """The year a wave code refers to ('2021', '2024-najaar' -> 2024); None when it names no year."""
    if golf is None:
        return None
    match = re.match(r"\s*(\d{4})", str(golf))
    return int(match.group(1)) if match else None


def known_in_wave(collaborations: pd.DataFrame, golf: str | None) -> pd.DataFrame:
    """Collaborations that existed on the wave's reference date (31 December of its year); all of them when the
    wave code names no year. Empty `sinds`/`tot` mean unknown: the tie counts (a frame without `tot` too)."""
    year = wave_year(golf)
    if year is None or collaborations.empty:
        return collaborations
    reference = pd.Timestamp(year, 12, 31)
    unknown = pd.Series(pd.NaT, index=collaborations.index)
    since = pd.to_datetime(collaborations["sinds"], errors="coerce")
    until = pd.to_datetime(collaborations.get("tot", unknown), errors="coerce")
    return collaborations[(since.isna() | (since <= reference)) & (until.isna() | (until >= reference))]


def location_ties(facilities: pd.DataFrame, collaborations: pd.DataFrame, anw_open: pd.Series) -> pd.DataFrame:
    """One row per VG location (sorted by id) with region codes and tie facts.

    facilities: GeoResult.facilities (id, type, organisatie_*, region codes, hap_gebied, x, y ...).
    anw_open: registry HAP id -> anw_open (False = not open all ANW hours).
    Added columns: huisartsen (tuple of GP ids), haps_formeel (tuple of HAP ids with a written tie),
    aantal_huisartsen, heeft_huisarts, aantal_banden, aantal_formele_banden, alleen_informeel, gezamenlijke_md,
    hap_afspraak, hap_beperkt_open.
    A pair of facilities is one tie, formal when any of its kinds is formal.
    """
    vg = facilities.loc[(facilities["type"] == "vg_locatie").to_numpy(), [c for c in LOCATION_COLUMNS if c in facilities]]
    # Plain object columns: per-value access to pandas' Arrow-backed strings is slow in the per-region loops.
    locations = pd.DataFrame({c: pd.Series(vg[c].to_numpy(dtype=object), dtype=object)
                              for c in LOCATION_COLUMNS if c in vg.columns})
    for column in ("reistijd_hap_min", "clienten", "x", "y"):
        if column in locations:
            locations[column] = pd.to_numeric(locations[column], errors="coerce").astype(float)
    locations["id"] = [str(i) for i in locations["id"]]
    locations = locations.sort_values("id", kind="stable").reset_index(drop=True)
    ids = locations["id"].to_numpy(dtype=object)
    pairs = _tie_pairs(collaborations, facilities, ids)
    n = len(ids)
    per_location = lambda weights: np.bincount(pairs.location, weights=weights, minlength=n)  # noqa: E731
    gp, formal = pairs.gp, pairs.formal
    locations["huisartsen"] = pd.Series(_tuples_per(pairs.location[gp], pairs.partner[gp], n), dtype=object)
    locations["aantal_huisartsen"] = per_location(gp.astype(float)).astype(int)
    locations["heeft_huisarts"] = locations["aantal_huisartsen"] > 0
    locations["aantal_banden"] = per_location(None).astype(int)
    locations["aantal_formele_banden"] = per_location(formal.astype(float)).astype(int)
    locations["alleen_informeel"] = (locations["aantal_banden"] > 0) & (locations["aantal_formele_banden"] == 0)
    locations["gezamenlijke_md"] = per_location((gp & pairs.gmd).astype(float)) > 0
    formal_hap = ~gp & formal
    locations["haps_formeel"] = pd.Series(_tuples_per(pairs.location[formal_hap], pairs.partner[formal_hap], n),
                                          dtype=object)
    locations["hap_afspraak"] = per_location(formal_hap.astype(float)) > 0
    has_gp, has_hap = bool(gp.any()), bool((~gp).any())
    locations["hap_beperkt_open"] = _limited_opening(locations["hap_gebied"], anw_open)
    locations.attrs["heeft_huisartsbanden"] = has_gp
    locations.attrs["heeft_hapbanden"] = has_hap
    return locations


def _limited_opening(hap_area: pd.Series, anw_open: pd.Series) -> pd.arrays.BooleanArray:
    """Per location whether its own HAP is not open all ANW hours (NA: no HAP area or opening unknown).
    Decided once per HAP, then spread over the locations."""
    closed = {str(h): None if pd.isna(v) else not bool(v) for h, v in zip(anw_open.index.tolist(), anw_open.tolist())}
    known = hap_area.notna().to_numpy()
    codes, haps = pd.factorize(hap_area.to_numpy(dtype=object)[known])
    per_hap = np.array([closed.get(str(h)) for h in haps] + [None], dtype=object)  # the last: no HAP area
    own = np.full(len(hap_area), len(haps))
    own[known] = codes
    return pd.array(per_hap[own], dtype="boolean")


def _tuples_per(location: np.ndarray, partner: np.ndarray, n: int) -> list[tuple]:
    """Per location position 0..n-1 the tuple of its partners (positions sorted, partners in their order)."""
    out: list[tuple] = [()] * n
    if len(location) == 0:
        return out
    starts = np.flatnonzero(np.r_[True, location[1:] != location[:-1]])
    bounds = np.r_[starts, len(location)].tolist()
    partners = partner.tolist()  # slicing a list is much cheaper than np.split into many small arrays
    for position, start, end in zip(location[starts].tolist(), bounds[:-1], bounds[1:]):
        out[position] = tuple(partners[start:end])
    return out


@dataclass(frozen=True)
class _Pairs:
    """Unique (VG location, GP practice or HAP) pairs, sorted by location and partner id."""

    location: np.ndarray  # position of the VG location in the sorted location ids
    partner: np.ndarray  # partner id
    gp: np.ndarray  # the partner is a GP practice (else a HAP)
    formal: np.ndarray  # any of the pair's kinds is formal
    gmd: np.ndarray  # one of the pair's kinds is a joint medical service


def positions(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Position of each value in the unique `ids` (-1 when absent), as pd.Index(ids).get_indexer(values), with a
    single hash pass over both: the tie tables look up tens of thousands of ids."""
    codes = pd.factorize(np.concatenate([ids, values]))[0]
    position = np.full(codes.max() + 1 if len(codes) else 0, -1)
    position[codes[:len(ids)]] = np.arange(len(ids))
    return position[codes[len(ids):]]


def _tie_pairs(collaborations: pd.DataFrame, facilities: pd.DataFrame, location_ids: np.ndarray) -> _Pairs:
    """Ties in either direction between a VG location and a GP practice or HAP, one pair per facility pair:
    formal when any of its kinds is formal. Integer codes and np.unique keep this linear in the ties."""
    facility_ids = facilities["id"].astype(str).to_numpy(dtype=object)
    kinds = facilities["type"].to_numpy(dtype=object)
    van = collaborations["van"].astype(str).to_numpy(dtype=object)
    naar = collaborations["naar"].astype(str).to_numpy(dtype=object)
    soort = collaborations["soort"].to_numpy(dtype=object)
    location = positions(np.concatenate([van, naar]), location_ids)
    partner_ids = np.concatenate([naar, van])
    partner = positions(partner_ids, facility_ids)
    kind = np.where(partner >= 0, kinds[np.maximum(partner, 0)], None)
    keep = (location >= 0) & np.isin(kind, ["huisartsenpraktijk", "hap"])
    soort = np.concatenate([soort, soort])[keep]
    partner_ids, location, kind = partner_ids[keep], location[keep], kind[keep]
    partner_code, partner_sorted = pd.factorize(partner_ids, sort=True)
    pairs, inverse = np.unique(location.astype(np.int64) * max(len(partner_sorted), 1) + partner_code,
                               return_inverse=True)
    first = np.zeros(len(pairs), dtype=int)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]  # any row of each pair: the kind is the same
    any_of = lambda mask: np.bincount(inverse, weights=mask.astype(float), minlength=len(pairs)) > 0  # noqa: E731
    width = max(len(partner_sorted), 1)
    return _Pairs(location=(pairs // width).astype(int),
                  partner=np.asarray(partner_sorted, dtype=object)[pairs % width] if len(pairs) else np.array([], dtype=object),
                  gp=kind[first] == "huisartsenpraktijk" if len(pairs) else np.array([], dtype=bool),
                  formal=any_of(np.isin(soort, FORMAL_KINDS)),
                  gmd=any_of(soort == "gezamenlijke_medische_dienst"))


def fixed_practice(locations: pd.DataFrame) -> pd.DataFrame:
    """Per organisation its fixed practice: the GP practice tied to most of its locations (ties: lowest id).

    Returns organisatie_id, vaste_huisarts, aantal_bij_vaste (sorted by organisation); mark_fixed_practice
    marks each location tied to it. Counted on integer codes: one (organisation, practice) pair per tie.
    """
    location, practices = flatten(locations["huisartsen"].tolist())
    owners = locations["organisatie_id"].to_numpy(dtype=object)[location]
    keep = pd.notna(owners) & pd.notna(practices)
    if not keep.any():
        return pd.DataFrame({"organisatie_id": pd.Series(dtype=object), "vaste_huisarts": pd.Series(dtype=object),
                             "aantal_bij_vaste": pd.Series(dtype=int)})
    org, org_ids = pd.factorize(owners[keep], sort=True)
    gp, gp_ids = pd.factorize(practices[keep], sort=True)
    pairs, count = np.unique(org.astype(np.int64) * len(gp_ids) + gp, return_counts=True)
    org, gp = pairs // len(gp_ids), pairs % len(gp_ids)
    order = np.lexsort((gp, -count, org))  # per organisation: most locations first, then the lowest practice id
    top = order[np.r_[True, org[order][1:] != org[order][:-1]]]
    return pd.DataFrame({"organisatie_id": np.asarray(org_ids, dtype=object)[org[top]],
                         "vaste_huisarts": np.asarray(gp_ids, dtype=object)[gp[top]],
                         "aantal_bij_vaste": count[top].astype(np.int64)})


def mark_fixed_practice(locations: pd.DataFrame, top: pd.DataFrame) -> np.ndarray:
    """Whether each location is tied to its organisation's fixed practice."""
    fixed = top.set_index("organisatie_id")["vaste_huisarts"].reindex(locations["organisatie_id"]).to_numpy(dtype=object)
    location, practices = flatten(locations["huisartsen"].tolist())
    hit = practices == fixed[location]  # elementwise; an unknown (NaN) fixed practice never matches
    return np.bincount(location[hit], minlength=len(locations)) > 0


def flatten(tuples: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """A column of tuples (e.g. GP practices per location) as aligned arrays: row position, member."""
    lengths = np.fromiter((len(t) for t in tuples), dtype=int, count=len(tuples))
    members = np.fromiter((m for t in tuples for m in t), dtype=object, count=int(lengths.sum()))
    return np.repeat(np.arange(len(tuples)), lengths), members
