"""Coverage gaps: VG locations and PC4s beyond the thresholds, one row per (place, reason)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.settings import GeoSettings

COLUMNS = ["soort", "id", "naam", "regio", "kenmerk", "waarde", "reden"]


def _fmt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _places(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """id, naam and regio (gemeente) of every place, as arrays (converted once, not once per kind of gap)."""
    return {"id": frame["id"].to_numpy(dtype=object), "naam": frame["naam"].to_numpy(dtype=object),
            "regio": frame["gemeente"].to_numpy(dtype=object)}


def _rows(places: dict[str, np.ndarray], mask, soort: str, kenmerk: str, values, reasons) -> dict[str, np.ndarray]:
    mask = np.asarray(mask, dtype=bool)
    values = np.broadcast_to(np.asarray(values, dtype=float), mask.shape)[mask]
    return {
        "soort": np.full(len(values), soort, dtype=object),
        "id": places["id"][mask],
        "naam": places["naam"][mask],
        "regio": places["regio"][mask],
        "kenmerk": np.full(len(values), kenmerk, dtype=object),
        "waarde": values,
        "reden": np.array([reasons(v) for v in values], dtype=object),  # one sentence per gap row
    }


def coverage_gaps(locations: pd.DataFrame, pc4: pd.DataFrame, settings: GeoSettings) -> pd.DataFrame:
    """locations: VG locations with id, naam, gemeente, reistijd_hap_min, hap_gebied, heeft_huisarts,
    avg_toegankelijkheid (of its PC4, per 1,000 clients). pc4: pc4, gemeente, aantal_hap, reistijd_hap_min,
    vraag, avg_toegankelijkheid."""
    limit, floor = settings.catchment_min, settings.gap_access_per_1000
    hap = locations["reistijd_hap_min"].to_numpy(dtype=float)
    access = locations["avg_toegankelijkheid"].to_numpy(dtype=float)
    area = pc4.rename(columns={"pc4": "id"}).assign(naam=lambda f: "PC4 " + f["id"].astype(str))
    area_hap = area["reistijd_hap_min"].to_numpy(dtype=float)
    area_access = area["avg_toegankelijkheid"].to_numpy(dtype=float)
    has_demand = area["vraag"].to_numpy(dtype=float) > 0
    place, pc4_place = _places(locations), _places(area)
    parts = [
        _rows(place, ~(hap <= limit), "vg_locatie", "geen_hap_binnen_bereik", hap,
              lambda v: "Er is geen huisartsenpost geregistreerd." if np.isnan(v)
              else f"Geen huisartsenpost binnen {limit:g} geschatte reisminuten (dichtstbijzijnde {_fmt(v)} min)."),
        _rows(place, locations["hap_gebied"].isna(), "vg_locatie", "geen_hap_gebied", np.nan,
              lambda v: "Ligt in geen enkel HAP-werkgebied."),
        _rows(place, ~locations["heeft_huisarts"].to_numpy(dtype=bool), "vg_locatie", "geen_huisarts", np.nan,
              lambda v: "Geen samenwerking met een huisartsenpraktijk geregistreerd."),
        _rows(place, access < floor, "vg_locatie", "lage_avg_toegankelijkheid", access,
              lambda v: f"AVG-toegankelijkheid {_fmt(v)} fte per 1.000 cliënten, onder de drempel {floor:g}."),
        _rows(pc4_place, has_demand & ~(area_hap <= limit), "pc4", "geen_hap_binnen_bereik", area_hap,
              lambda v: "Er is geen huisartsenpost geregistreerd." if np.isnan(v)
              else f"Geen huisartsenpost binnen {limit:g} geschatte reisminuten (dichtstbijzijnde {_fmt(v)} min)."),
        _rows(pc4_place, area["aantal_hap"].to_numpy() == 0, "pc4", "geen_hap_gebied", 0.0,
              lambda v: "Valt in geen enkel HAP-werkgebied."),
        _rows(pc4_place, area["aantal_hap"].to_numpy() > 1, "pc4", "meerdere_hap_gebieden", area["aantal_hap"],
              lambda v: f"Valt in {int(v)} HAP-werkgebieden tegelijk (overlap)."),
        _rows(pc4_place, has_demand & (area_access < floor), "pc4", "lage_avg_toegankelijkheid", area_access,
              lambda v: f"AVG-toegankelijkheid {_fmt(v)} fte per 1.000 cliënten, onder de drempel {floor:g}."),
    ]
    frame = pd.DataFrame({column: np.concatenate([part[column] for part in parts]) for column in COLUMNS})
    return frame.sort_values(["soort", "id", "kenmerk"], kind="stable").reset_index(drop=True)
