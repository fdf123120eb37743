"""Tiny hand-made worlds for geo tests: regions and facilities given in RD metres, stored as WGS84."""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from data.registry import Geography, Registry, collaboration_frame, wlz_demand_frame
from geo.rd import to_rd, to_wgs84

Y0, Y1 = 450_000, 460_000  # every tiny region spans this band
GEMEENTEN = {  # code: (naam, x0, zorgkantoorregio)  -- 10 km wide squares side by side
    "GM9001": ("Westdorp", 100_000, "ZK90"),
    "GM9002": ("Middendorp", 110_000, "ZK90"),
    "GM9003": ("Oostdorp", 120_000, "ZK91"),
    "GM9004": ("Leegdorp", 130_000, "ZK91"),  # never gets a facility
}


def rd_polygon(x0: float, y0: float, x1: float, y1: float):
    """An RD rectangle as a WGS84 polygon (edges densified so the outline follows the RD square)."""
    ring = shapely.segmentize(box(x0, y0, x1, y1), 500)
    return shapely.transform(ring, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1])))


def lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = to_wgs84([x], [y])
    return float(lon[0]), float(lat[0])


def pc4_codes() -> dict[str, tuple[str, float]]:
    """PC4 code -> (gemeente, x0): each gemeente split in a west and an east half of 5 km."""
    out = {}
    for gm, (_, x0, _) in GEMEENTEN.items():
        out[f"90{gm[-1]}1"] = (gm, x0)
        out[f"90{gm[-1]}2"] = (gm, x0 + 5_000)
    return out


def geography(inwoners: float = 1000.0) -> Geography:
    rows, membership = [], []
    for code, (naam, x0, zk) in GEMEENTEN.items():
        rows.append(("gemeente", code, naam, None, rd_polygon(x0, Y0, x0 + 10_000, Y1)))
        membership += [(code, "zorgkantoorregio", zk, 1.0), (code, "provincie", "PV90", 1.0)]
    rows.append(("zorgkantoorregio", "ZK90", "West", None, rd_polygon(100_000, Y0, 120_000, Y1)))
    rows.append(("zorgkantoorregio", "ZK91", "Oost", None, rd_polygon(120_000, Y0, 140_000, Y1)))
    rows.append(("zorgkantoorregio", "ZK92", "Nergens", None, rd_polygon(200_000, Y0, 210_000, Y1)))
    rows.append(("provincie", "PV90", "Proefland", None, rd_polygon(100_000, Y0, 140_000, Y1)))
    for code, (gm, x0) in pc4_codes().items():
        rows.append(("pc4", code, code, inwoners, rd_polygon(x0, Y0, x0 + 5_000, Y1)))
        membership.append((code, "gemeente", gm, 1.0))
    frame = pd.DataFrame(rows, columns=["niveau", "code", "naam", "inwoners", "geometry"])
    regions = gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
    return Geography(regions, pd.DataFrame(membership, columns=["kind_code", "ouder_niveau", "ouder_code", "overlap"]))


def facility(id: str, type: str, x: float, y: float = 455_000, org: str | None = None, avg_fte=None, clienten=None,
             anw_open: bool | None = None, behandeling: str | None = None) -> dict:
    lon, lat = lonlat(x, y)
    return {
        "id": id, "type": type, "naam": f"{type} {id}", "organisatie_id": org,
        "organisatie_naam": None if org is None else f"Stichting {org}", "adres": None, "postcode": None,
        "plaats": None, "lat": lat, "lon": lon, "locatie_bij_benadering": False,
        "avg_fte": np.nan if avg_fte is None else float(avg_fte),
        "clienten": pd.NA if clienten is None else clienten, "anw_open": anw_open, "behandeling": behandeling,
    }


FACILITY_COLUMNS = list(facility("x", "hap", 100_000).keys())


def registry(facilities: list[dict], collaborations=(), service_areas=(), wlz=()) -> Registry:
    fac = pd.DataFrame(list(facilities), columns=FACILITY_COLUMNS)
    fac["avg_fte"] = fac["avg_fte"].astype("float64")
    fac["clienten"] = pd.to_numeric(fac["clienten"], errors="coerce").astype("Float64")
    collab = collaboration_frame(collaborations)  # (van, naar, soort[, sinds, tot]) tuples
    areas = pd.DataFrame(list(service_areas), columns=["hap_id", "pc4"]).assign(bron="pc4")
    empty = lambda cols: pd.DataFrame(columns=cols)  # noqa: E731
    return Registry(
        fac, collab, areas,
        empty(["regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst"]),
        empty(["code", "volgorde"]), empty(["actie", "partij", "golf", "status", "regio", "toelichting"]), False,
        wlz_demand_frame(wlz),  # (gemeentecode, jaar, aantal) tuples
    )


def rd_of(lon: float, lat: float) -> tuple[float, float]:
    x, y = to_rd([lon], [lat])
    return float(x[0]), float(y[0])


def store(engine, geography: Geography, registry: Registry) -> None:
    """Write a tiny world into a migrated database (for CLI tests that read MGZ_DATABASE_URL)."""
    from data import models as m
    from data.db import transaction

    with transaction(engine) as session:
        for row in geography.regions.itertuples(index=False):
            wkb = shapely.to_wkb(row.geometry)
            session.add(m.Region(niveau=row.niveau, code=row.code, naam=row.naam, jaar=2025,
                                 inwoners=None if pd.isna(row.inwoners) else int(row.inwoners), geometrie=wkb, geometrie_web=wkb))
        for row in geography.membership.itertuples(index=False):
            session.add(m.RegionMembership(kind_code=row.kind_code, ouder_niveau=row.ouder_niveau, ouder_code=row.ouder_code,
                                           overlap=row.overlap))
        facilities = registry.facilities
        for org_id, name in facilities[["organisatie_id", "organisatie_naam"]].dropna().drop_duplicates().itertuples(index=False):
            session.add(m.Organisation(id=org_id, naam=name))
        session.flush()
        for row in facilities.to_dict("records"):
            session.add(m.Facility(
                id=row["id"], type=row["type"], naam=row["naam"],
                organisatie_id=None if pd.isna(row["organisatie_id"]) else row["organisatie_id"], lat=row["lat"],
                lon=row["lon"], avg_fte=None if pd.isna(row["avg_fte"]) else row["avg_fte"],
                clienten=None if pd.isna(row["clienten"]) else int(row["clienten"]), locatie_bij_benadering=False,
                anw_open=None if pd.isna(row.get("anw_open")) else bool(row["anw_open"]),
                behandeling=None if pd.isna(row.get("behandeling")) else row["behandeling"]))
        session.flush()
        for row in registry.collaborations.itertuples(index=False):
            session.add(m.Collaboration(van=row.van, naar=row.naar, soort=row.soort,
                                        sinds=None if pd.isna(row.sinds) else row.sinds.date(),
                                        tot=None if pd.isna(row.tot) else row.tot.date()))
        for row in registry.wlz_demand.itertuples(index=False):
            session.add(m.WlzDemand(gemeentecode=row.gemeentecode, jaar=int(row.jaar), aantal=int(row.aantal)))
        for hap_id, rows in registry.service_areas.groupby("hap_id"):
            session.add(m.ServiceArea(hap_id=hap_id, bron="pc4"))
            session.flush()
            for code in rows["pc4"]:
                session.add(m.ServiceAreaPostcode(hap_id=hap_id, pc4=code))
