"""Tables of one care organisation across its locations, shaped for display (pure pandas, no streamlit)."""
from __future__ import annotations

import pandas as pd

from dashboard.format import client_count, label

TRAVEL_NOTE = "geschatte reistijd"


def organisation_options(indicators: pd.DataFrame) -> dict[str, str]:
    """organisation id -> name, sorted by name (the selectbox options)."""
    frame = indicators[["code", "naam"]].copy()
    frame["naam"] = frame["naam"].fillna(frame["code"]).astype(str)
    frame = frame.sort_values(["naam", "code"], key=lambda s: s.str.lower())
    return dict(zip(frame["code"], frame["naam"]))


def organisation_locations(geo_facilities: pd.DataFrame, org_id: str) -> pd.DataFrame:
    """The VG locations of an organisation (rows of GeoResult.facilities)."""
    mask = (geo_facilities["type"] == "vg_locatie") & (geo_facilities["organisatie_id"] == org_id)
    return geo_facilities[mask]


def locations_table(locations: pd.DataFrame, registry_facilities: pd.DataFrame, region_names: dict[str, str]) -> pd.DataFrame:
    """One display row per location: place, gemeente, HAP area, GP coverage, estimated travel times, clients (<10)."""
    details = registry_facilities.set_index("id")
    names = details["naam"]
    rows = pd.DataFrame(
        {
            "Locatie": locations["naam"].to_numpy(),
            "Plaats": details["plaats"].reindex(locations["id"]).to_numpy(),
            "Gemeente": locations["gemeente"].map(region_names).to_numpy(),
            "HAP-werkgebied": locations["hap_gebied"].map(names).to_numpy(),
            "Huisarts": locations["heeft_huisarts"].map(_yes_no).to_numpy(),
            "Huisartsenpraktijken": locations["aantal_huisartsen"].to_numpy(),
            "Formele afspraak": locations["formeel"].map(_yes_no).to_numpy(),
            "Reistijd HAP (min, geschat)": locations["reistijd_hap_min"].round(0).to_numpy(),
            "Reistijd eigen HAP (min, geschat)": locations["reistijd_eigen_hap_min"].round(0).to_numpy(),
            "Reistijd huisarts (min, geschat)": locations["reistijd_huisarts_min"].round(0).to_numpy(),
            "Reistijd AVG-poli (min, geschat)": locations["reistijd_avg_poli_min"].round(0).to_numpy(),
            "Cliënten": locations["clienten"].map(client_count).to_numpy(),
            "Locatie bij benadering": details["locatie_bij_benadering"].reindex(locations["id"]).map(_yes_no).to_numpy(),
        }
    )
    # Locations without a GP first: they are what a zorgkantoor looks for.
    order = locations["heeft_huisarts"].fillna(False).astype(bool).to_numpy()
    rows = rows.assign(_o=order).sort_values(["_o", "Locatie"]).drop(columns="_o").reset_index(drop=True)
    return rows  # travel times stay numbers (whole minutes); unknown: empty (the page shows 'onbekend')


def hap_areas_table(locations: pd.DataFrame, registry_facilities: pd.DataFrame) -> pd.DataFrame:
    """The HAP service areas the organisation's locations fall in: locations per area, GP coverage, ANW hours."""
    if locations.empty:
        return pd.DataFrame(columns=["Huisartsenpost", "Locaties", "Zonder huisarts", "Alle ANW-uren open"])
    details = registry_facilities.set_index("id")
    grouped = locations.assign(zonder=~locations["heeft_huisarts"].fillna(False).astype(bool)).groupby(
        locations["hap_gebied"].fillna("(geen werkgebied)"), sort=True
    )
    table = pd.DataFrame({"Locaties": grouped.size(), "Zonder huisarts": grouped["zonder"].sum().astype(int)})
    table.insert(0, "Huisartsenpost", details["naam"].reindex(table.index).fillna("(geen werkgebied)").to_numpy())
    table["Alle ANW-uren open"] = details["anw_open"].reindex(table.index).map(_yes_no).to_numpy()
    return table.sort_values(["Locaties", "Huisartsenpost"], ascending=[False, True]).reset_index(drop=True)


def gp_practices_table(locations: pd.DataFrame, gp_links: pd.DataFrame, registry_facilities: pd.DataFrame) -> pd.DataFrame:
    """The GP practices the organisation deals with: locations served, tie kinds, formal, estimated travel time."""
    links = gp_links[gp_links["vg_id"].isin(locations["id"])]
    columns = ["Huisartsenpraktijk", "Plaats", "Locaties", "Soort afspraak", "Formeel", "Reistijd (min, geschat)"]
    if links.empty:
        return pd.DataFrame(columns=columns)
    details = registry_facilities.set_index("id")
    grouped = links.groupby("gp_id", sort=True)
    kinds = grouped["soorten"].agg(lambda s: sorted({k for text in s for k in str(text).split(",") if k}))
    table = pd.DataFrame(
        {
            "Huisartsenpraktijk": details["naam"].reindex(grouped.size().index).to_numpy(),
            "Plaats": details["plaats"].reindex(grouped.size().index).to_numpy(),
            "Locaties": grouped.size().to_numpy(),
            "Soort afspraak": kinds.map(lambda ks: ", ".join(label(k).lower() for k in ks)).to_numpy(),
            "Formeel": grouped["formeel"].any().map(_yes_no).to_numpy(),
            "Reistijd (min, geschat)": grouped["reistijd_min"].median().round(0).to_numpy(),
        }
    )
    table = table.sort_values(["Locaties", "Huisartsenpraktijk"], ascending=[False, True]).reset_index(drop=True)
    return table  # travel times stay numbers (whole minutes); unknown: empty (the page shows 'onbekend')


def partner_ids(locations: pd.DataFrame, gp_links: pd.DataFrame) -> set[str]:
    """Ids of the HAPs and GP practices the organisation's locations are tied to or fall under."""
    haps = set(locations["hap_gebied"].dropna())
    gps = set(gp_links.loc[gp_links["vg_id"].isin(locations["id"]), "gp_id"])
    return haps | gps


def _yes_no(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "onbekend"
    return "ja" if bool(value) else "nee"
