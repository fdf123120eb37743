"""analyse(): every geo indicator for every organisation and region level, as frames (pure, no I/O)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from data.errors import UserError
from data.models import FACILITY_TYPES
from data.registry import Geography, Registry
from geo import catalogue, service_areas
from geo.access import e2sfca
from geo.aggregate import region_indicators
from geo.demand import pc4_demand
from geo.gaps import coverage_gaps
from geo.links import location_ties, nearest_travel_min
from geo.lookup import positions, take
from geo.organisations import organisation_indicators
from geo.rd import distance_m, travel_min
from geo.regions import GEOGRAPHIC_LEVELS, PreparedGeography, prepared
from geo.settings import GeoSettings

NIVEAUS = ("organisatie", *GEOGRAPHIC_LEVELS, "hap")
PER_1000 = 1000.0


@dataclass(frozen=True)
class GeoResult:
    """Everything analyse() computes; frames only, no database or UI.

    facilities: every facility with id, type, naam, organisatie_id, organisatie_naam, lat, lon, avg_fte,
    clienten, x, y (RD), pc4, gemeente, zorgkantoorregio, provincie, hap_gebied (own HAP area) and, for VG
    locations (NA/NaN for other types): reistijd_hap_min (nearest HAP), reistijd_eigen_hap_min,
    reistijd_avg_poli_min, reistijd_huisarts_min (mean over its GP practices), aantal_huisartsen,
    heeft_huisarts, formeel, avg_toegankelijkheid (of its PC4). All travel times are estimates in minutes.
    """

    indicators: Mapping[str, pd.DataFrame]  # niveau -> code, naam + the catalogue's keys (Indicators: computed on use)
    facilities: pd.DataFrame
    service_areas: gpd.GeoDataFrame  # hap_id, naam, afgeleid, aantal_pc4, geometry (None unless dissolved)
    pc4: pd.DataFrame  # pc4, gemeente, zorgkantoorregio, provincie, inwoners, aantal_hap, hap_gebied,
    #                    avg_toegankelijkheid (FTE per 1,000 clients), vraag, vraag_geschat,
    #                    vraag_bron (clienten, ciz, prevalentie: geo.demand), reistijd_hap_min
    gaps: pd.DataFrame  # soort, id, naam, regio, kenmerk, waarde, reden
    settings: GeoSettings
    gp_links: pd.DataFrame  # vg_id, gp_id, soorten, formeel, afstand_km, reistijd_min
    service_area_pc4: pd.DataFrame  # hap_id, pc4, afgeleid (long table of every area)


def _checked_facilities(frame: pd.DataFrame) -> pd.DataFrame:
    bad_type = ~frame["type"].isin(FACILITY_TYPES)
    if bad_type.any():
        row = frame[bad_type].iloc[0]
        raise UserError(f"Voorziening {row['id']}: onbekend type '{row['type']}' (kies uit {', '.join(FACILITY_TYPES)}).")
    lat, lon = pd.to_numeric(frame["lat"], errors="coerce"), pd.to_numeric(frame["lon"], errors="coerce")
    bad_place = ~(lat.between(-90, 90) & lon.between(-180, 180))
    if bad_place.any():
        row = frame[bad_place].iloc[0]
        raise UserError(f"Voorziening {row['id']}: kolom lat/lon heeft geen geldige coördinaten ({row['lat']}, {row['lon']}).")
    duplicate = frame["id"].duplicated()
    if duplicate.any():
        raise UserError(f"Voorziening {frame.loc[duplicate, 'id'].iloc[0]} komt meer dan eens voor.")
    return frame


def _place(registry: Registry, prep: PreparedGeography) -> pd.DataFrame:
    source = _checked_facilities(registry.facilities)
    columns = ["id", "type", "naam", "organisatie_id", "organisatie_naam", "lat", "lon"]
    # Sorted by id so that results do not depend on the row order of the registry.
    source = source.sort_values("id", kind="stable")
    fac = source[columns].copy().reset_index(drop=True)
    fac["id"] = fac["id"].astype(str)
    fac["avg_fte"] = pd.to_numeric(source["avg_fte"], errors="coerce").to_numpy(dtype=float)
    fac["clienten"] = pd.to_numeric(source["clienten"], errors="coerce").astype(float).to_numpy()
    where = prep.locate(fac["lon"].to_numpy(dtype=float), fac["lat"].to_numpy(dtype=float))
    fac["x"], fac["y"] = where["x"].to_numpy(), where["y"].to_numpy()
    for column in ("pc4", "gemeente", "zorgkantoorregio", "provincie"):
        fac[column] = where[column].array  # strings as pandas holds them, without converting them twice
    return fac


def _travel_times(fac: pd.DataFrame, is_type: dict[str, np.ndarray], settings: GeoSettings) -> None:
    """Estimated minutes from every VG location to the nearest HAP, its own HAP and the nearest AVG-poli."""
    vg = is_type["vg_locatie"]
    xy = fac[["x", "y"]].to_numpy(dtype=float)
    for column in ("reistijd_hap_min", "reistijd_eigen_hap_min", "reistijd_avg_poli_min"):
        fac[column] = np.nan
    fac.loc[vg, "reistijd_hap_min"] = nearest_travel_min(xy[vg], xy[is_type["hap"]], settings)
    fac.loc[vg, "reistijd_avg_poli_min"] = nearest_travel_min(xy[vg], xy[is_type["avg_poli"]], settings)
    hap_xy = xy[is_type["hap"]]
    own = positions(fac.loc[vg, "hap_gebied"], fac.loc[is_type["hap"], "id"])
    meters = distance_m(xy[vg, 0], xy[vg, 1], take(hap_xy[:, 0], own), take(hap_xy[:, 1], own))
    fac.loc[vg, "reistijd_eigen_hap_min"] = travel_min(meters, settings)


def _accessibility(
    fac: pd.DataFrame, is_type: dict[str, np.ndarray], pc4: pd.DataFrame, areas, demand, settings: GeoSettings,
    wlz: pd.DataFrame | None = None, capacity_known: bool = True,
) -> pd.DataFrame:
    """The PC4 frame: coverage by HAP areas, demand, E2SFCA accessibility and travel time to the nearest HAP."""
    vg = is_type["vg_locatie"]
    if demand is None:
        demand = pc4_demand(fac[vg], pc4, settings, wlz)
    demand = demand.set_index("pc4").reindex(pc4["pc4"])
    vraag = demand["vraag"].fillna(0.0).to_numpy(dtype=float)
    located = np.isfinite(pc4["x"].to_numpy(dtype=float))
    # Supply: every AVG-poli, and VG locations with AVG capacity of their own (a medical service).
    supply = is_type["avg_poli"] | (vg & (fac["avg_fte"].fillna(0.0).to_numpy() > 0))
    capacity = np.clip(fac.loc[supply, "avg_fte"].fillna(0.0).to_numpy(dtype=float), 0.0, None)
    xy = fac[["x", "y"]].to_numpy(dtype=float)
    pc4_xy = pc4[["x", "y"]].to_numpy(dtype=float)
    access, _ = e2sfca(pc4_xy[located], vraag[located], xy[supply], capacity, settings)
    if not capacity_known:  # no AVG capacity recorded anywhere: accessibility is unknown, not 0
        access = np.full(int(located.sum()), np.nan)
    out = pc4[["pc4", "gemeente", "zorgkantoorregio", "provincie", "inwoners"]].copy()
    out["aantal_hap"] = areas.pc4["aantal_hap"].to_numpy()
    out["hap_gebied"] = areas.pc4["hap_gebied"].to_numpy(dtype=object)
    out["avg_toegankelijkheid"] = np.nan
    out.loc[located, "avg_toegankelijkheid"] = access * PER_1000
    out["vraag"] = vraag
    out["vraag_geschat"] = demand["vraag_geschat"].fillna(False).to_numpy(dtype=bool)
    if "vraag_bron" in demand:
        out["vraag_bron"] = demand["vraag_bron"].to_numpy(dtype=object)
    else:  # a demand frame from before CIZ counts existed: estimated demand was prevalence-based
        out["vraag_bron"] = np.where(out["vraag_geschat"], "prevalentie", "clienten").astype(object)
    out["reistijd_hap_min"] = np.nan
    out.loc[located, "reistijd_hap_min"] = nearest_travel_min(pc4_xy[located], xy[is_type["hap"]], settings)
    return out


class Indicators(Mapping):
    """niveau -> indicator frame (code, naam and the catalogue's keys for that niveau), each computed on first use.

    The coverage table needs none of them and a scenario page one niveau, so analyse() leaves the work to whoever
    reads them. The inputs are shallow copies (pandas copy-on-write): changing the result's frames later does not
    change the indicators. Safe to read from several threads (at worst a frame is computed twice). Pickles as a
    plain dict of every niveau.
    """

    def __init__(self, prep: PreparedGeography, fac: pd.DataFrame, gp_links: pd.DataFrame, pc4: pd.DataFrame, areas):
        self._prep, self._areas = prep, areas
        self._fac, self._gp_links, self._pc4 = fac.copy(deep=False), gp_links.copy(deep=False), pc4.copy(deep=False)
        self._organisations: pd.DataFrame | None = None
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, niveau: str) -> pd.DataFrame:
        if niveau not in NIVEAUS:
            raise KeyError(niveau)
        frame = self._frames.get(niveau)
        if frame is None:
            frame = self._frames[niveau] = catalogue.select(self._compute(niveau), niveau)
        return frame

    def __iter__(self):
        return iter(NIVEAUS)

    def __len__(self) -> int:
        return len(NIVEAUS)

    def __reduce__(self):
        return dict, (dict(self),)

    def _compute(self, niveau: str) -> pd.DataFrame:
        fac, pc4 = self._fac, self._pc4
        if self._organisations is None:
            vg = (fac["type"] == "vg_locatie").to_numpy()
            self._organisations = organisation_indicators(fac[vg], self._gp_links)
        organisations = self._organisations
        if niveau == "organisatie":
            return organisations
        if niveau != "hap":
            return region_indicators(self._prep.tables[niveau], fac, organisations, pc4, niveau)
        haps = fac[(fac["type"] == "hap").to_numpy()]
        hap_table = pd.DataFrame({"code": haps["id"].to_numpy(dtype=object), "naam": haps["naam"].to_numpy(dtype=object),
                                  "inwoners": np.nan})
        hap_level = region_indicators(hap_table, fac, organisations, pc4, "hap_gebied")
        summary = self._areas.summary.set_index("hap_id")
        hap_level["aantal_pc4"] = summary["aantal_pc4"].reindex(hap_level["code"]).to_numpy()
        hap_level["werkgebied_afgeleid"] = summary["afgeleid"].reindex(hap_level["code"]).astype(int).to_numpy()
        return hap_level


def capacity_recorded(registry: Registry) -> bool:
    """Whether the registry records AVG capacity (FTE) for any AVG-poli or VG location."""
    fac = registry.facilities
    supply = fac["type"].isin(["avg_poli", "vg_locatie"]).to_numpy()
    return bool(pd.to_numeric(fac.loc[supply, "avg_fte"], errors="coerce").notna().any())


def analyse(
    registry: Registry,
    geography: Geography,
    settings: GeoSettings = GeoSettings(),
    *,
    geometry: bool = True,
    demand: pd.DataFrame | None = None,
    capacity_known: bool | None = None,
) -> GeoResult:
    """Compute every indicator for every level (pure: frames in, frames out).

    The indicator frames of a level are computed when first read (Indicators): the coverage table needs none.
    geometry=False skips dissolving service-area outlines (one to two seconds nationally, memoised; add them
    later with geo.service_areas.with_outlines), leaving the geometry column empty; no indicator depends on
    it. `demand` (pc4, vraag, vraag_geschat[, vraag_bron]) replaces the demand derived from the registry: scenarios keep
    the clients of a closed location as demand. Without AVG capacity recorded in the registry, accessibility is
    unknown (NaN); a scenario passes `capacity_known` of the registry it changes, so closing the last poli gives 0.

    Examples
    --------
    >>> result = analyse(load_registry(engine), load_geography(engine))  # doctest: +SKIP
    >>> result.indicators["zorgkantoorregio"][["code", "naam", "avg_toegankelijkheid"]]  # doctest: +SKIP
    """
    prep = prepared(geography)
    fac = _place(registry, prep)
    is_type = {kind: (fac["type"] == kind).to_numpy() for kind in FACILITY_TYPES}
    areas = service_areas.build(fac[is_type["hap"]], registry.service_areas, prep.pc4)
    fac["hap_gebied"] = take(areas.pc4["hap_gebied"].to_numpy(dtype=object), positions(fac["pc4"], areas.pc4["pc4"]))
    _travel_times(fac, is_type, settings)
    ties, gp_links = location_ties(fac, registry.collaborations, settings)
    row = positions(fac["id"], ties.index)  # -1 for other types
    for column, dtype in (("aantal_huisartsen", "Int64"), ("heeft_huisarts", "boolean"), ("formeel", "boolean")):
        fac[column] = pd.array(take(ties[column].to_numpy(), row), dtype=dtype)  # NA for other types
    fac["reistijd_huisarts_min"] = take(ties["reistijd_huisarts_min"].to_numpy(dtype=float), row)

    known = capacity_recorded(registry) if capacity_known is None else capacity_known
    pc4 = _accessibility(fac, is_type, prep.pc4, areas, demand, settings, getattr(registry, "wlz_demand", None), known)
    vg = is_type["vg_locatie"]
    fac["avg_toegankelijkheid"] = np.nan
    fac.loc[vg, "avg_toegankelijkheid"] = take(pc4["avg_toegankelijkheid"].to_numpy(dtype=float),
                                               positions(fac.loc[vg, "pc4"], pc4["pc4"]))

    indicators = Indicators(prep, fac, gp_links, pc4, areas)
    gaps = coverage_gaps(fac[vg], pc4[np.isfinite(prep.pc4["x"].to_numpy(dtype=float))], settings)
    area_frame = gpd.GeoDataFrame(areas.summary, geometry=gpd.GeoSeries([None] * len(areas.summary), crs="EPSG:4326"))
    if geometry:
        area_frame = service_areas.with_outlines(area_frame, areas.pairs, geography)
    return GeoResult(indicators, fac, area_frame, pc4, gaps, settings, gp_links, areas.pairs)
