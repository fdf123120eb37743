"""Read the registry and the reference geography from the database as frames for geo/monitor/dashboard."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import Engine, select

from data import models as m


DEMO_LABEL = "fictief voorbeeld"  # shown on every screen and export of demo data
# bestandsnaam and geimporteerd_op come from the import batch that last wrote the tie (empty for the demo).
COLLABORATION_COLUMNS = (
    "van", "naar", "soort", "sinds", "tot", "bron", "importbatch_id", "bestandsnaam", "geimporteerd_op",
)


@dataclass(frozen=True)
class Registry:
    """Everything users imported, one frame per kind."""

    facilities: pd.DataFrame  # id, type, naam, organisatie_id, organisatie_naam, adres, postcode, plaats, lat, lon, locatie_bij_benadering, avg_fte, clienten, anw_open
    collaborations: pd.DataFrame  # COLLABORATION_COLUMNS; see collaboration_frame
    service_areas: pd.DataFrame  # hap_id, pc4 (one row per covered PC4), bron
    findings: pd.DataFrame  # regio, golf, stakeholder, voorwaarde, richting (-1/+1), gewicht, bron, tekst, code (codebook item or None)
    waves: pd.DataFrame  # code, volgorde
    actions: pd.DataFrame  # actie, partij, golf, status, regio, toelichting
    is_demo: bool


@dataclass(frozen=True)
class Geography:
    """CBS regions in WGS84 (EPSG:4326) and the membership of each region in higher levels."""

    regions: gpd.GeoDataFrame  # niveau, code, naam, inwoners, geometry
    membership: pd.DataFrame  # kind_code, ouder_niveau, ouder_code, overlap


def _frame(engine: Engine, statement, columns: list[str]) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def collaboration_frame(rows=()) -> pd.DataFrame:
    """Collaborations with every COLLABORATION_COLUMNS column (missing ones empty), from a frame, dicts, or
    tuples holding the first columns in that order.

    sinds, tot and geimporteerd_op become datetime64 (NaT when unknown) and importbatch_id nullable Int64, so that
    the registry and hand-built frames (tests, benchmarks) compare dates the same way.
    """
    if not isinstance(rows, pd.DataFrame):
        rows = list(rows)
        width = len(rows[0]) if rows and not isinstance(rows[0], dict) else None
        rows = pd.DataFrame(rows, columns=list(COLLABORATION_COLUMNS[:width]) if width else None)
    frame = rows.reindex(columns=list(COLLABORATION_COLUMNS))
    for column in ("sinds", "tot", "geimporteerd_op"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce").astype("datetime64[ns]")
    frame["importbatch_id"] = pd.to_numeric(frame["importbatch_id"], errors="coerce").astype("Int64")
    for column in ("van", "naar", "soort", "bron", "bestandsnaam"):
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def load_registry(engine: Engine) -> Registry:
    facility_cols = [
        "id", "type", "naam", "organisatie_id", "organisatie_naam", "adres", "postcode", "plaats", "lat", "lon",
        "locatie_bij_benadering", "avg_fte", "clienten", "anw_open",
    ]
    f = m.Facility
    facilities = _frame(
        engine,
        select(
            f.id, f.type, f.naam, f.organisatie_id, m.Organisation.naam, f.adres, f.postcode, f.plaats, f.lat,
            f.lon, f.locatie_bij_benadering, f.avg_fte, f.clienten, f.anw_open,
        )
        .outerjoin(m.Organisation, m.Organisation.id == f.organisatie_id)
        .order_by(f.id),
        facility_cols,
    )
    for column in ("lat", "lon", "avg_fte"):
        facilities[column] = pd.to_numeric(facilities[column], errors="coerce").astype("float64")
    facilities["clienten"] = pd.to_numeric(facilities["clienten"], errors="coerce").astype("Float64")
    c, batch = m.Collaboration, m.ImportBatch
    collaborations = collaboration_frame(_frame(
        engine,
        select(c.van, c.naar, c.soort, c.sinds, c.tot, c.bron, c.importbatch_id, batch.bestandsnaam, batch.tijdstip)
        .outerjoin(batch, batch.id == c.importbatch_id)
        .order_by(c.id),
        list(COLLABORATION_COLUMNS),
    ))
    service_areas = _frame(
        engine,
        select(m.ServiceAreaPostcode.hap_id, m.ServiceAreaPostcode.pc4, m.ServiceArea.bron)
        .join(m.ServiceArea, m.ServiceArea.hap_id == m.ServiceAreaPostcode.hap_id)
        .order_by(m.ServiceAreaPostcode.hap_id, m.ServiceAreaPostcode.pc4),
        ["hap_id", "pc4", "bron"],
    )
    b = m.Finding
    findings = _frame(
        engine,
        select(b.regio, b.golf, b.stakeholder, b.voorwaarde, b.richting, b.gewicht, b.bron, b.tekst, b.code)
        .order_by(b.id),
        ["regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst", "code"],
    )
    findings["code"] = findings["code"].astype(object).where(findings["code"].notna(), None)  # None = uncoded
    waves = _frame(engine, select(m.Wave.code, m.Wave.volgorde).order_by(m.Wave.volgorde), ["code", "volgorde"])
    a = m.ConvenantAction
    actions = _frame(
        engine,
        select(a.actie, a.partij, a.golf, a.status, a.regio, a.toelichting).order_by(a.id),
        ["actie", "partij", "golf", "status", "regio", "toelichting"],
    )
    return Registry(facilities, collaborations, service_areas, findings, waves, actions, is_demo(engine))


def is_demo(engine: Engine) -> bool:
    with engine.connect() as connection:
        value = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == "demo")).scalar()
    return value is not None


def load_geography(engine: Engine, web: bool = False, levels: tuple[str, ...] = m.REGION_LEVELS) -> Geography:
    """Regions of the given levels; `web=True` gives the simplified copy meant for maps."""
    r = m.Region
    column = r.geometrie_web if web else r.geometrie
    frame = _frame(
        engine,
        select(r.niveau, r.code, r.naam, r.inwoners, column).where(r.niveau.in_(levels)).order_by(r.niveau, r.code),
        ["niveau", "code", "naam", "inwoners", "wkb"],
    )
    geometry = shapely.from_wkb(frame.pop("wkb").to_numpy())
    regions = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")
    mb = m.RegionMembership
    membership = _frame(
        engine,
        select(mb.kind_code, mb.ouder_niveau, mb.ouder_code, mb.overlap).order_by(mb.kind_code, mb.ouder_niveau),
        ["kind_code", "ouder_niveau", "ouder_code", "overlap"],
    )
    return Geography(regions, membership)
