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
    vg = facilities[(facilities["type"] == "vg_locatie").to_numpy()]
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
    opening = {str(k): v for k, v in anw_open.items()}
    own = [None if pd.isna(h) else opening.get(str(h)) for h in locations["hap_gebied"].tolist()]
    locations["hap_beperkt_open"] = pd.array([None if pd.isna(v) else not bool(v) for v in own], dtype="boolean")
    locations.attrs["heeft_huisartsbanden"] = has_gp
    locations.attrs["heeft_hapbanden"] = has_hap
    return locations


def _tuples_per(location: np.ndarray, partner: np.ndarray, n: int) -> list[tuple]:
    """Per location position 0..n-1 the tuple of its partners (positions sorted, partners in their order)."""
    out: list[tuple] = [()] * n
    if len(location) == 0:
        return out
    starts = np.flatnonzero(np.r_[True, location[1:] != location[:-1]])
    for position, members in zip(location[starts].tolist(), np.split(partner, starts[1:])):
        out[position] = tuple(members.tolist())
    return out


@dataclass(frozen=True)
class _Pairs:
    """Unique (VG location, GP practice or HAP) pairs, sorted by location and partner id."""

    location: np.ndarray  # position of the VG location in the sorted location ids
    partner: np.ndarray  # partner id
    gp: np.ndarray  # the partner is a GP practice (else a HAP)
    formal: np.ndarray  # any of the pair's kinds is formal
    gmd: np.ndarray  # one of the pair's kinds is a joint medical service


def _tie_pairs(collaborations: pd.DataFrame, facilities: pd.DataFrame, location_ids: np.ndarray) -> _Pairs:
    """Ties in either direction between a VG location and a GP practice or HAP, one pair per facility pair:
    formal when any of its kinds is formal. Integer codes and np.unique keep this linear in the ties."""
    facility_ids = pd.Index(facilities["id"].astype(str).to_numpy(dtype=object))
    kinds = facilities["type"].to_numpy(dtype=object)
    locations = pd.Index(location_ids)
    van = collaborations["van"].astype(str).to_numpy(dtype=object)
    naar = collaborations["naar"].astype(str).to_numpy(dtype=object)
    soort = collaborations["soort"].to_numpy(dtype=object)
    location = locations.get_indexer(np.concatenate([van, naar]))
    partner_ids = np.concatenate([naar, van])
    partner = facility_ids.get_indexer(partner_ids)
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

    Returns organisatie_id, vaste_huisarts, aantal_bij_vaste; and marks each location `bij_vaste_huisarts`.
    """
    exploded = locations[["id", "organisatie_id", "huisartsen"]].explode("huisartsen").dropna(subset=["huisartsen", "organisatie_id"])
    if exploded.empty:
        return pd.DataFrame({"organisatie_id": pd.Series(dtype=object), "vaste_huisarts": pd.Series(dtype=object),
                             "aantal_bij_vaste": pd.Series(dtype=int)})
    counts = exploded.groupby(["organisatie_id", "huisartsen"]).size().rename("n").reset_index()
    counts = counts.sort_values(["organisatie_id", "n", "huisartsen"], ascending=[True, False, True], kind="stable")
    top = counts.drop_duplicates("organisatie_id").rename(columns={"huisartsen": "vaste_huisarts", "n": "aantal_bij_vaste"})
    return top.reset_index(drop=True)


def mark_fixed_practice(locations: pd.DataFrame, top: pd.DataFrame) -> np.ndarray:
    """Whether each location is tied to its organisation's fixed practice."""
    fixed = top.set_index("organisatie_id")["vaste_huisarts"].reindex(locations["organisatie_id"]).to_numpy(dtype=object)
    return np.array([f is not None and f == f and f in gps for f, gps in zip(fixed, locations["huisartsen"])], dtype=bool)
