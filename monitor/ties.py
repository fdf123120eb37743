"""Per VG location: its ties with GP practices and HAPs as known in a given wave, plus its region codes.

The monitor recomputes these from the registry (instead of reading geo's per-location columns) because a
measurement wave only sees the collaborations that existed on its reference date, 31 December of the wave's year:
`sinds` empty or on/before that date, and `tot` (the tie's last day) empty or on/after it.
A collaboration counts in either direction (van/naar), as in geo.links.
"""
from __future__ import annotations

import re

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
    kind_of = dict(zip((str(i) for i in facilities["id"].tolist()), facilities["type"].tolist()))
    is_vg = {i for i, k in kind_of.items() if k == "vg_locatie"}

    pairs = _tie_pairs(collaborations, kind_of, is_vg)  # location, partner, formal, gmd, gp (sorted, unique)
    gp_rows, hap_rows = pairs[pairs["gp"].to_numpy()], pairs[~pairs["gp"].to_numpy()]
    gps = _tuples_by(gp_rows["location"].to_numpy(dtype=object), gp_rows["partner"].to_numpy(dtype=object))
    formal_haps = hap_rows[hap_rows["formal"].to_numpy()]
    hap_formal = _tuples_by(formal_haps["location"].to_numpy(dtype=object), formal_haps["partner"].to_numpy(dtype=object))
    per = pairs.groupby("location", sort=False).agg(n=("partner", "size"), formal=("formal", "sum"))
    joint = set(gp_rows.loc[gp_rows["gmd"].to_numpy(), "location"])
    ids = pd.Index(locations["id"])
    locations["huisartsen"] = pd.Series([gps.get(i, ()) for i in ids], dtype=object)
    locations["aantal_huisartsen"] = np.fromiter((len(t) for t in locations["huisartsen"]), dtype=int, count=len(ids))
    locations["heeft_huisarts"] = locations["aantal_huisartsen"] > 0
    locations["aantal_banden"] = per["n"].reindex(ids).fillna(0).astype(int).to_numpy()
    locations["aantal_formele_banden"] = per["formal"].reindex(ids).fillna(0).astype(int).to_numpy()
    locations["alleen_informeel"] = (locations["aantal_banden"] > 0) & (locations["aantal_formele_banden"] == 0)
    locations["gezamenlijke_md"] = ids.isin(joint)
    locations["haps_formeel"] = pd.Series([hap_formal.get(i, ()) for i in ids], dtype=object)
    locations["hap_afspraak"] = ids.isin(list(hap_formal))
    has_gp, has_hap = bool(len(gp_rows)), bool(len(hap_rows))
    opening = {str(k): v for k, v in anw_open.items()}
    own = [None if pd.isna(h) else opening.get(str(h)) for h in locations["hap_gebied"].tolist()]
    locations["hap_beperkt_open"] = pd.array([None if pd.isna(v) else not bool(v) for v in own], dtype="boolean")
    locations.attrs["heeft_huisartsbanden"] = has_gp
    locations.attrs["heeft_hapbanden"] = has_hap
    return locations


def _tuples_by(keys: np.ndarray, values: np.ndarray) -> dict:
    """Sorted keys with their values -> {key: tuple of its values}, without a Python call per group."""
    if len(keys) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return dict(zip(keys[starts].tolist(), map(tuple, np.split(values, starts[1:]))))


def _tie_pairs(collaborations: pd.DataFrame, kind_of: dict, is_vg: set) -> pd.DataFrame:
    """One row per (VG location, GP practice or HAP) pair in either direction: formal when any of its kinds is
    formal, gmd when one is a joint medical service; sorted by location and partner."""
    van = collaborations["van"].astype(str).to_numpy(dtype=object)
    naar = collaborations["naar"].astype(str).to_numpy(dtype=object)
    soort = collaborations["soort"].to_numpy(dtype=object)
    both = pd.DataFrame({"location": np.concatenate([van, naar]), "partner": np.concatenate([naar, van]),
                         "soort": np.concatenate([soort, soort])})
    partner_kind = both["partner"].map(kind_of)
    both = both[both["location"].isin(is_vg).to_numpy() & partner_kind.isin(["huisartsenpraktijk", "hap"]).to_numpy()]
    both = both.assign(formal=both["soort"].isin(FORMAL_KINDS), gmd=both["soort"].eq("gezamenlijke_medische_dienst"),
                       gp=partner_kind[both.index].eq("huisartsenpraktijk"))
    pairs = both.groupby(["location", "partner"], sort=True).agg(formal=("formal", "any"), gmd=("gmd", "any"),
                                                                gp=("gp", "first"))
    return pairs.reset_index()


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
