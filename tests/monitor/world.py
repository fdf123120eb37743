"""The study's two archetype regions as a tiny hand-made world, from registry facts alone.

Geography (RD metres, stored as WGS84): three zorgkantoorregio's in one provincie.
- ZK80 'Compactland' = GM8001 (10 x 10 km): organisation A with 6 locations within 2 km, one GP practice in a
  joint medical service (contracts for the other locations), all in the area of one HAP with written agreements.
- ZK81 'Wijdland' = GM8002..GM8005 (four 20 km squares): organisation B with 12 locations spread over the four
  gemeenten, in several HAP areas, 8 GP practices with loose (oral/case) ties, and 3 locations without a GP.
- ZK82 'Leegland' = GM8006: no facilities at all.
Each gemeente is split into a west and an east PC4 area.
"""
from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from data.registry import Geography, Registry, collaboration_frame
from geo.rd import to_wgs84

Y0 = 450_000
GEMEENTEN = {  # code: (naam, x0, width, zorgkantoorregio)
    "GM8001": ("Kleinburg", 100_000, 10_000, "ZK80"),
    "GM8002": ("Verweg-Noord", 110_000, 20_000, "ZK81"),
    "GM8003": ("Verweg-Oost", 130_000, 20_000, "ZK81"),
    "GM8004": ("Verweg-Zuid", 150_000, 20_000, "ZK81"),
    "GM8005": ("Verweg-West", 170_000, 20_000, "ZK81"),
    "GM8006": ("Leegdorp", 190_000, 10_000, "ZK82"),
}
ZK_NAMES = {"ZK80": "Compactland", "ZK81": "Wijdland", "ZK82": "Leegland"}
FINDING_COLUMNS = ["regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst", "code"]
ACTION_COLUMNS = ["actie", "partij", "golf", "status", "regio", "toelichting"]


def rd_polygon(x0: float, y0: float, x1: float, y1: float):
    ring = shapely.segmentize(box(x0, y0, x1, y1), 500)
    return shapely.transform(ring, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1])))


def pc4_of() -> dict[str, tuple[str, float, float]]:
    """PC4 code -> (gemeente, x0, x1): west and east halves of each gemeente."""
    out = {}
    for gm, (_, x0, width, _) in GEMEENTEN.items():
        out[f"8{gm[-1]}01"] = (gm, x0, x0 + width / 2)
        out[f"8{gm[-1]}02"] = (gm, x0 + width / 2, x0 + width)
    return out


def geography() -> Geography:
    rows, membership = [], []
    height = 20_000
    for code, (naam, x0, width, zk) in GEMEENTEN.items():
        rows.append(("gemeente", code, naam, 5000, rd_polygon(x0, Y0, x0 + width, Y0 + height)))
        membership += [(code, "zorgkantoorregio", zk, 1.0), (code, "provincie", "PV80", 1.0)]
    for zk, naam in ZK_NAMES.items():
        members = [(x0, width) for _, x0, width, z in GEMEENTEN.values() if z == zk]
        x0, x1 = min(m[0] for m in members), max(m[0] + m[1] for m in members)
        rows.append(("zorgkantoorregio", zk, naam, None, rd_polygon(x0, Y0, x1, Y0 + height)))
    rows.append(("provincie", "PV80", "Proefprovincie", None, rd_polygon(100_000, Y0, 200_000, Y0 + height)))
    for code, (gm, x0, x1) in pc4_of().items():
        rows.append(("pc4", code, code, 2500, rd_polygon(x0, Y0, x1, Y0 + height)))
        membership.append((code, "gemeente", gm, 1.0))
    frame = pd.DataFrame(rows, columns=["niveau", "code", "naam", "inwoners", "geometry"])
    return Geography(gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"),
                     pd.DataFrame(membership, columns=["kind_code", "ouder_niveau", "ouder_code", "overlap"]))


def facility(id: str, type: str, x: float, y: float = Y0 + 10_000, org: str | None = None, avg_fte=None,
             clienten=None, anw_open=None) -> dict:
    lon, lat = to_wgs84([x], [y])
    return {
        "id": id, "type": type, "naam": f"{type} {id}", "organisatie_id": org,
        "organisatie_naam": None if org is None else f"Stichting {org}", "adres": None, "postcode": None,
        "plaats": None, "lat": float(lat[0]), "lon": float(lon[0]), "locatie_bij_benadering": False,
        "avg_fte": np.nan if avg_fte is None else float(avg_fte),
        "clienten": pd.NA if clienten is None else clienten, "anw_open": anw_open,
    }


def archetype_facilities() -> tuple[list[dict], list[tuple]]:
    """(facilities, collaborations (van, naar, soort, sinds)) of both archetype regions."""
    fac, ties = [], []
    # Compact: six locations within 2 km, one GP practice, one HAP, written agreements.
    fac.append(facility("HAP-K", "hap", 105_000, anw_open=True))
    fac.append(facility("HA-K", "huisartsenpraktijk", 104_500))
    for i in range(6):
        fac.append(facility(f"A-L{i + 1}", "vg_locatie", 104_000 + 300 * i, Y0 + 9_500 + 200 * (i % 2), org="A",
                            avg_fte=2.0 if i == 0 else None, clienten=20))
        ties.append((f"A-L{i + 1}", "HA-K", "gezamenlijke_medische_dienst" if i == 0 else "contract", date(2015, 3, 1)))
        ties.append((f"A-L{i + 1}", "HAP-K", "schriftelijke_afspraak", date(2016, 1, 1)))
    # Spread: twelve locations over four gemeenten, four HAPs, eight practices with loose ties, three without GP.
    for j, x in enumerate((120_000, 140_000, 160_000, 180_000)):
        fac.append(facility(f"HAP-W{j + 1}", "hap", x, anw_open=j != 3))
    for k in range(8):
        fac.append(facility(f"HA-W{k + 1}", "huisartsenpraktijk", 113_000 + 9_500 * k))
    xs = [112_000, 118_000, 126_000, 132_000, 138_000, 146_000, 152_000, 158_000, 166_000, 172_000, 178_000, 186_000]
    without_gp = {2, 6, 10}
    for i, x in enumerate(xs):
        loc = f"B-L{i + 1:02d}"
        fac.append(facility(loc, "vg_locatie", x, Y0 + 4_000 + 1_000 * (i % 5), org="B",
                            avg_fte=0.5 if i == 0 else None, clienten=20))
        if i not in without_gp:
            ties.append((loc, f"HA-W{(i * 5) % 8 + 1}", "mondelinge_afspraak" if i % 3 else "casuistiek", date(2019, 9, 1)))
    ties.append(("B-L01", "HA-W1", "contract", date(2022, 6, 15)))  # one written contract, made late
    return fac, ties


def registry(facilities: list[dict], collaborations, findings=(), waves=(("2021", 1), ("2024", 2)), actions=(),
             is_demo: bool = False) -> Registry:
    columns = list(facility("x", "hap", 100_000).keys())
    fac = pd.DataFrame(list(facilities), columns=columns)
    fac["avg_fte"] = fac["avg_fte"].astype("float64")
    fac["clienten"] = pd.to_numeric(fac["clienten"], errors="coerce").astype("Float64")
    collab = collaboration_frame(collaborations)
    areas = pd.DataFrame(columns=["hap_id", "pc4", "bron"])
    return Registry(
        fac, collab, areas,
        pd.DataFrame(list(findings), columns=FINDING_COLUMNS),
        pd.DataFrame(list(waves), columns=["code", "volgorde"]),
        pd.DataFrame(list(actions), columns=ACTION_COLUMNS),
        is_demo,
    )


def archetypes(findings=(), actions=()) -> Registry:
    fac, ties = archetype_facilities()
    return registry(fac, ties, findings=findings, actions=actions)


def finding(regio: str, voorwaarde: str, richting: int, tekst: str, golf: str = "2021", stakeholder: str = "aanbieders",
            gewicht: int = 2, bron: str = "interview", code: str | None = None) -> tuple:
    """A finding row; `code` is its codebook item (None = uncoded)."""
    return (regio, golf, stakeholder, voorwaarde, richting, gewicht, bron, tekst, code)
