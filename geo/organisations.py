"""Per-organisation indicators over all its VG locations (the 'lappendeken' of partners and areas)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.lookup import positions, take

ORGANISATION_MEASURES = (
    "aantal_locaties",
    "aantal_hap_gebieden",
    "aantal_huisartsenpraktijken",
    "aandeel_locaties_zonder_huisarts",
    "aandeel_formeel",
    "spreiding_km",
)
TRAVEL_MEASURES = {  # indicator key -> per-location column whose median it is
    "reistijd_hap_min_mediaan": "reistijd_hap_min",
    "reistijd_eigen_hap_min_mediaan": "reistijd_eigen_hap_min",
    "reistijd_avg_poli_min_mediaan": "reistijd_avg_poli_min",
    "reistijd_huisarts_min_mediaan": "reistijd_huisarts_min",
}


def organisation_indicators(locations: pd.DataFrame, gp_pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation with VG locations: code, naam and the measures above.

    locations: VG locations with id, organisatie_id, organisatie_naam, x, y, hap_gebied, heeft_huisarts,
    formeel and the travel columns. gp_pairs: vg_id, gp_id.
    spreiding_km is the mean straight-line distance of the locations to their centroid (0 for one location).
    """
    located = locations[locations["organisatie_id"].notna()]
    groups = located.groupby("organisatie_id", sort=True)
    frame = pd.DataFrame(index=pd.Index(groups.size().index.to_numpy(dtype=object), name="code"))  # sorted ids
    frame["naam"] = groups["organisatie_naam"].first()
    frame["aantal_locaties"] = groups.size()
    areas = groups["hap_gebied"].nunique()
    frame["aantal_hap_gebieden"] = areas.where(groups["hap_gebied"].count() > 0).astype(float)
    org_of = take(located["organisatie_id"].to_numpy(dtype=object), positions(gp_pairs["vg_id"], located["id"]))
    gp = gp_pairs.assign(org=org_of).dropna(subset=["org"])
    frame["aantal_huisartsenpraktijken"] = gp.groupby("org")["gp_id"].nunique().reindex(frame.index).fillna(0)
    without = ~located["heeft_huisarts"].astype(bool)
    frame["aandeel_locaties_zonder_huisarts"] = without.groupby(located["organisatie_id"]).mean().astype(float)
    frame["aandeel_formeel"] = groups["formeel"].mean().astype(float)
    centre = groups[["x", "y"]].transform("mean")
    to_centre = np.hypot(located["x"] - centre["x"], located["y"] - centre["y"]) / 1000.0
    frame["spreiding_km"] = to_centre.groupby(located["organisatie_id"]).mean()
    for key, column in TRAVEL_MEASURES.items():
        frame[key] = groups[column].median()
    return frame.reset_index()
