"""Demand for AVG care per PC4: clients at VG locations, CIZ Wlz counts per gemeente, or an estimate from population."""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.settings import GeoSettings

SOURCES = ("clienten", "ciz", "prevalentie")  # vraag_bron: registered clients, CIZ Wlz count, inhabitants x prevalence


def latest_wlz(wlz: pd.DataFrame | None) -> pd.Series:
    """Per gemeente code the Wlz count of its latest year with a count (CIZ, grondslag verstandelijke handicap)."""
    if wlz is None or wlz.empty:
        return pd.Series(dtype=float)
    rows = wlz.assign(jaar=pd.to_numeric(wlz["jaar"], errors="coerce"), aantal=pd.to_numeric(wlz["aantal"], errors="coerce"))
    rows = rows.dropna(subset=["jaar", "aantal"]).sort_values(["gemeentecode", "jaar"], kind="stable")
    return rows.drop_duplicates("gemeentecode", keep="last").set_index("gemeentecode")["aantal"].astype(float)


def pc4_demand(locations: pd.DataFrame, pc4: pd.DataFrame, settings: GeoSettings, wlz: pd.DataFrame | None = None) -> pd.DataFrame:
    """vraag, vraag_geschat and vraag_bron per PC4 (in the order of `pc4`).

    locations: the VG locations with pc4 and clienten (NaN = unknown). pc4: pc4, gemeente, inwoners.
    wlz: gemeentecode, jaar, aantal (CIZ Wlz indications with grondslag verstandelijke handicap), optional.

    - A PC4 with registered clients keeps their sum (vraag_bron 'clienten').
    - In a gemeente with a CIZ count W (latest year), the PC4s without registered clients share what the
      registered clients of the gemeente leave of it, max(W - registered, 0), by inhabitants ('ciz').
    - In a gemeente without a CIZ count and without any known client count, every PC4 gets inhabitants x
      prevalence ('prevalentie'); elsewhere a PC4 without registered clients has demand 0 ('clienten').
    vraag_geschat is true where the demand does not come from client counts (CIZ or prevalence).

    >>> pc4 = pd.DataFrame({"pc4": ["1", "2", "3"], "gemeente": ["A", "A", "B"], "inwoners": [3000.0, 1000.0, 1000.0]})
    >>> locations = pd.DataFrame({"pc4": ["1"], "clienten": [20.0]})
    >>> wlz = pd.DataFrame({"gemeentecode": ["A"], "jaar": [2024], "aantal": [60]})
    >>> pc4_demand(locations, pc4, GeoSettings(prevalence=0.01), wlz)[["vraag", "vraag_bron"]].values.tolist()
    [[20.0, 'clienten'], [40.0, 'ciz'], [10.0, 'prevalentie']]
    """
    clients = pd.to_numeric(locations["clienten"], errors="coerce").astype(float)
    known = locations.assign(clienten=clients)[clients.notna().to_numpy()]
    counted = known.groupby("pc4")["clienten"].sum()
    gemeente = pc4["gemeente"].to_numpy(dtype=object)
    pc4_gemeente = pc4.set_index("pc4")["gemeente"]
    gemeenten_with_counts = pc4_gemeente.reindex(known["pc4"]).dropna().unique()
    measured = counted.reindex(pc4["pc4"]).fillna(0.0).to_numpy(dtype=float)
    has_clients = counted.reindex(pc4["pc4"]).notna().to_numpy()
    population = np.nan_to_num(pc4["inwoners"].to_numpy(dtype=float), nan=0.0)

    ciz_total = latest_wlz(wlz).reindex(gemeente).to_numpy(dtype=float)
    with_ciz = ~np.isnan(ciz_total)
    prevalence = ~with_ciz & ~pc4["gemeente"].isin(gemeenten_with_counts).to_numpy()
    spread = with_ciz & ~has_clients
    vraag = np.where(prevalence, population * settings.prevalence, measured)
    if spread.any():
        frame = pd.DataFrame({"gemeente": gemeente, "registered": np.where(with_ciz, measured, 0.0),
                              "weight": np.where(spread, population, 0.0), "slots": spread.astype(float)})
        per_gemeente = frame.groupby("gemeente", sort=False, dropna=False)[["registered", "weight", "slots"]].transform("sum")
        rest = np.clip(ciz_total - per_gemeente["registered"].to_numpy(), 0.0, None)
        weight = per_gemeente["weight"].to_numpy()
        # Inhabitants unknown in the whole gemeente: an even spread over its PC4s without registered clients.
        share = np.divide(frame["weight"].to_numpy(), weight, out=np.zeros(len(frame)), where=weight > 0)
        even = np.divide(1.0, per_gemeente["slots"].to_numpy(), out=np.zeros(len(frame)), where=(weight <= 0) & spread)
        vraag = np.where(spread, rest * np.where(weight > 0, share, even), vraag)
    bron = np.where(prevalence, "prevalentie", np.where(spread, "ciz", "clienten")).astype(object)
    return pd.DataFrame({
        "pc4": pc4["pc4"].to_numpy(dtype=object),
        "vraag": vraag,
        "vraag_geschat": bron != "clienten",
        "vraag_bron": bron,
    })
