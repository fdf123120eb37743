"""Demand for AVG care per PC4: clients at VG locations, or an estimate from population where unknown."""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.settings import GeoSettings


def pc4_demand(locations: pd.DataFrame, pc4: pd.DataFrame, settings: GeoSettings) -> pd.DataFrame:
    """vraag and vraag_geschat per PC4 (in the order of `pc4`).

    locations: the VG locations with pc4 and clienten (NaN = unknown). A gemeente where no VG location has a
    known client count gets, in each of its PC4s, inhabitants x prevalence, marked vraag_geschat. Elsewhere the
    demand of a PC4 is the sum of known client counts of the VG locations in it (0 when there are none).
    """
    clients = pd.to_numeric(locations["clienten"], errors="coerce").astype(float)
    known = locations.assign(clienten=clients)[clients.notna().to_numpy()]
    counted = known.groupby("pc4")["clienten"].sum()
    pc4_gemeente = pc4.set_index("pc4")["gemeente"]
    gemeenten_with_counts = set(pc4_gemeente.reindex(known["pc4"]).dropna())
    estimated = ~pc4["gemeente"].isin(gemeenten_with_counts).to_numpy()
    measured = counted.reindex(pc4["pc4"]).fillna(0.0).to_numpy(dtype=float)
    population = np.nan_to_num(pc4["inwoners"].to_numpy(dtype=float), nan=0.0)
    return pd.DataFrame(
        {
            "pc4": pc4["pc4"].to_numpy(dtype=object),
            "vraag": np.where(estimated, population * settings.prevalence, measured),
            "vraag_geschat": estimated,
        }
    )
