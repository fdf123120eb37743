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
    locations = pd.DataFrame({c: vg[c].to_numpy(dtype=object) for c in LOCATION_COLUMNS if c in vg.columns})
    for column in ("reistijd_hap_min", "clienten", "x", "y"):
        if column in locations:
            locations[column] = pd.to_numeric(locations[column], errors="coerce").astype(float)
    locations["id"] = [str(i) for i in locations["id"]]
    locations = locations.sort_values("id", kind="stable").reset_index(drop=True)
    kind_of = dict(zip((str(i) for i in facilities["id"].tolist()), facilities["type"].tolist()))
    is_vg = {i for i, k in kind_of.items() if k == "vg_locatie"}

    pairs: dict[tuple[str, str], list[bool]] = {}  # (vg, partner) -> [formal, joint medical service]
    for van, naar, soort in zip(collaborations["van"].tolist(), collaborations["naar"].tolist(),
                                collaborations["soort"].tolist()):
        van, naar = str(van), str(naar)
        for location, partner in ((van, naar), (naar, van)):
            if location in is_vg and kind_of.get(partner) in ("huisartsenpraktijk", "hap"):
                flags = pairs.setdefault((location, partner), [False, False])
                flags[0] = flags[0] or soort in FORMAL_KINDS
                flags[1] = flags[1] or soort == "gezamenlijke_medische_dienst"
    gps: dict[str, list[str]] = {}
    hap_formal: dict[str, list[str]] = {}
    n_ties, n_formal, joint = {}, {}, set()
    has_gp = has_hap = False
    for (location, partner), (formal, gmd) in sorted(pairs.items()):
        n_ties[location] = n_ties.get(location, 0) + 1
        n_formal[location] = n_formal.get(location, 0) + int(formal)
        if kind_of[partner] == "huisartsenpraktijk":
            has_gp = True
            gps.setdefault(location, []).append(partner)
            if gmd:
                joint.add(location)
        else:
            has_hap = True
            if formal:
                hap_formal.setdefault(location, []).append(partner)
    ids = locations["id"].tolist()
    locations["huisartsen"] = pd.Series([tuple(gps.get(i, ())) for i in ids], dtype=object)
    locations["aantal_huisartsen"] = [len(gps.get(i, ())) for i in ids]
    locations["heeft_huisarts"] = locations["aantal_huisartsen"] > 0
    locations["aantal_banden"] = [n_ties.get(i, 0) for i in ids]
    locations["aantal_formele_banden"] = [n_formal.get(i, 0) for i in ids]
    locations["alleen_informeel"] = (locations["aantal_banden"] > 0) & (locations["aantal_formele_banden"] == 0)
    locations["gezamenlijke_md"] = [i in joint for i in ids]
    locations["haps_formeel"] = pd.Series([tuple(hap_formal.get(i, ())) for i in ids], dtype=object)
    locations["hap_afspraak"] = [i in hap_formal for i in ids]
    opening = {str(k): v for k, v in anw_open.items()}
    own = [None if pd.isna(h) else opening.get(str(h)) for h in locations["hap_gebied"].tolist()]
    locations["hap_beperkt_open"] = pd.array([None if pd.isna(v) else not bool(v) for v in own], dtype="boolean")
    locations.attrs["heeft_huisartsbanden"] = has_gp
    locations.attrs["heeft_hapbanden"] = has_hap
    return locations


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
