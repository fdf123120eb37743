"""The regions most like a given one, among those with evidence of a good network (for 'Goede voorbeelden elders').

Similarity is the Euclidean distance over standardised features computed from the geo indicators: size (log of
inhabitants, or of locations for an organisation), urbanity (log of inhabitants per km²), spread of the VG
locations (km) and the facility mix (HAPs, AVG-poli's, VG locations and GP practices per 100,000 inhabitants).
A feature a region lacks counts as average. Candidates have a positive 'goed netwerk' score and no weak-network
signal; if fewer than two qualify, any region with good-network evidence may serve.

HAP service areas have no score: their candidates are the areas whose own registry facts point to a good network
(see monitor.dossier.hap), with the same features; the area of a HAP area is the sum of its PC4 areas.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.registry import Geography
from geo.rd import to_rd

N_COMPARABLE = 3
MIX_KEYS = ("aantal_hap", "aantal_avg_poli", "aantal_vg_locatie", "aantal_huisartsenpraktijk")
METHOD = (
    "Vergelijkbare regio's zijn de regio's van hetzelfde niveau die het dichtst bij deze regio liggen op "
    "gestandaardiseerde kenmerken uit de indicatoren: omvang (inwoners), stedelijkheid (inwoners per km²), spreiding "
    "van de VG-locaties en de mix van voorzieningen (HAP's, AVG-poli's, VG-locaties en huisartsenpraktijken per "
    "100.000 inwoners), gekozen uit de regio's met een positieve score voor goed netwerk en zonder signaal 'zwak netwerk'."
)
METHOD_ORGANISATION = (
    "Vergelijkbare organisaties zijn de organisaties die het dichtst bij deze liggen op gestandaardiseerde kenmerken uit "
    "de indicatoren: aantal locaties, spreiding van de locaties en het aantal HAP-werkgebieden, gekozen uit de "
    "organisaties met een positieve score voor goed netwerk en zonder signaal 'zwak netwerk'."
)

METHOD_HAP = (
    "Vergelijkbare HAP-werkgebieden zijn de werkgebieden die het dichtst bij dit werkgebied liggen op "
    "gestandaardiseerde kenmerken uit de indicatoren: omvang (inwoners), stedelijkheid (inwoners per km²), spreiding "
    "van de VG-locaties en de mix van voorzieningen per 100.000 inwoners; omdat de monitor werkgebieden niet scoort, "
    "komen alleen werkgebieden in aanmerking waarvan de eigen registerfeiten op een goed netwerk wijzen (gemiddelde "
    "deelscore voor goed netwerk boven 0) en niet op een te zwak netwerk (gemiddelde deelscore boven −0,75)."
)


def area_km2(geography: Geography, niveau: str) -> pd.Series:
    """Area per region code of a level, in km², measured in RD."""
    regions = geography.regions[(geography.regions["niveau"] == niveau).to_numpy()]
    if regions.empty:
        return pd.Series(dtype=float)
    import shapely

    def rd_area(geometry) -> float:
        if geometry is None or geometry.is_empty:
            return float("nan")
        moved = shapely.transform(geometry, lambda xy: np.column_stack(to_rd(xy[:, 0], xy[:, 1])))
        return moved.area / 1e6

    return pd.Series([rd_area(g) for g in regions.geometry], index=regions["code"].astype(str).to_numpy())


def hap_area_km2(pairs: pd.DataFrame, geography: Geography) -> pd.Series:
    """Area per HAP service area in km²: the sum of its PC4 areas (pairs: hap_id, pc4), measured in RD."""
    import shapely

    from geo.regions import pc4_geometries

    outlines = pc4_geometries(geography)
    if outlines.empty or pairs.empty:
        return pd.Series(dtype=float)
    geometries = outlines.to_numpy()
    moved = shapely.transform(geometries, lambda xy: np.column_stack(to_rd(xy[:, 0], xy[:, 1])))
    per_pc4 = pd.Series(shapely.area(moved) / 1e6, index=outlines.index)
    per_pc4 = per_pc4[~per_pc4.index.duplicated()]
    km2 = per_pc4.reindex(pairs["pc4"].astype(str).to_numpy()).to_numpy()
    return pd.Series(km2, index=pairs["hap_id"].astype(str).to_numpy()).groupby(level=0).sum(min_count=1)


def features(indicators: pd.DataFrame, niveau: str, geography: Geography, area: pd.Series | None = None) -> pd.DataFrame:
    """One row per code with the raw (unstandardised) similarity features (`area`: km² per code, else from the
    geography's regions of the level)."""
    frame = indicators.set_index(indicators["code"].astype(str))
    out = pd.DataFrame(index=frame.index)
    if niveau == "organisatie":
        for key in ("aantal_locaties", "spreiding_km", "aantal_hap_gebieden"):
            if key in frame:
                out[key] = pd.to_numeric(frame[key], errors="coerce")
        if "aantal_locaties" in out:
            out["aantal_locaties"] = np.log1p(out["aantal_locaties"])
        return out
    people = pd.to_numeric(frame["inwoners"], errors="coerce") if "inwoners" in frame else pd.Series(np.nan, index=frame.index)
    out["omvang"] = np.log1p(people)
    area = (area if area is not None else area_km2(geography, niveau)).reindex(frame.index)
    out["stedelijkheid"] = np.log1p(people / area)
    if "spreiding_km" in frame:
        out["spreiding"] = pd.to_numeric(frame["spreiding_km"], errors="coerce")
    per = people.where(people > 0) / 100_000
    for key in MIX_KEYS:
        if key in frame:
            out[key] = pd.to_numeric(frame[key], errors="coerce") / per
    return out


def standardise(frame: pd.DataFrame) -> pd.DataFrame:
    """z-scores per column; unknown values and constant columns become 0 (average)."""
    values = frame.astype(float).replace([np.inf, -np.inf], np.nan)
    spread = values.std(ddof=0).replace(0, np.nan)
    z = (values - values.mean()) / spread
    return z.fillna(0.0)


def comparable_regions(code: str, indicators: pd.DataFrame, signals: pd.DataFrame, evidence: pd.DataFrame,
                       niveau: str, geography: Geography, n: int = N_COMPARABLE) -> list[tuple[str, float]]:
    """Up to n (code, distance) of the regions most like `code` that can show a good network, nearest first."""
    z = standardise(features(indicators, niveau, geography))
    if code not in z.index:
        return []
    good = evidence[(evidence["voorwaarde"] == "goed_netwerk").to_numpy() & (evidence["deelscore"] > 0).to_numpy()]
    with_evidence = set(good["code"].astype(str))
    scores = {str(c): (s or {}).get("goed_netwerk") for c, s in zip(signals["code"], signals["scores"])}
    weak = set(signals.loc[signals["zwak_netwerk"].astype(bool).to_numpy(), "code"].astype(str))
    strict = [c for c in z.index if c != code and c in with_evidence and (scores.get(c) or 0) > 0 and c not in weak]
    pool = strict if len(strict) >= 2 else [c for c in z.index if c != code and c in with_evidence]
    if not pool:
        return []
    distance = np.sqrt(((z.loc[pool] - z.loc[code]) ** 2).sum(axis=1))
    ranked = sorted(zip(distance.index, distance.to_numpy()), key=lambda item: (round(float(item[1]), 9), item[0]))
    return [(c, float(d)) for c, d in ranked[:n]]


def comparable_hap_areas(code: str, indicators: pd.DataFrame, area: pd.Series, good: pd.Series, weak: pd.Series,
                         geography: Geography, n: int = N_COMPARABLE) -> list[tuple[str, float]]:
    """Up to n (HAP id, distance) of the HAP areas most like `code` whose registry facts point to a good network.

    good / weak: per HAP id the weighted mean sub-score of its own registry facts for 'goed netwerk' and
    'netwerk te zwak' (NaN without such facts). Candidates: good > 0 and weak > -0.75 (the weak-network threshold);
    if fewer than two qualify, any area with good > 0 may serve.
    """
    z = standardise(features(indicators, "hap", geography, area))
    if code not in z.index:
        return []
    good = good.reindex(z.index)
    weak = weak.reindex(z.index)
    positive = [c for c in z.index if c != code and good.get(c, np.nan) > 0]
    strict = [c for c in positive if not weak.get(c, np.nan) <= -0.75]
    pool = strict if len(strict) >= 2 else positive
    if not pool:
        return []
    distance = np.sqrt(((z.loc[pool] - z.loc[code]) ** 2).sum(axis=1))
    ranked = sorted(zip(distance.index, distance.to_numpy()), key=lambda item: (round(float(item[1]), 9), item[0]))
    return [(c, float(d)) for c, d in ranked[:n]]
