"""Read the registry and the reference geography from the database as frames for geo/monitor/dashboard."""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import Engine, func, select

from data import models as m


DEMO_LABEL = "fictief voorbeeld"  # shown on every screen and export of demo data
# bestandsnaam and geimporteerd_op come from the import batch that last wrote the tie (empty for the demo).
COLLABORATION_COLUMNS = (
    "van", "naar", "soort", "sinds", "tot", "bron", "importbatch_id", "bestandsnaam", "geimporteerd_op",
)
WLZ_DEMAND_COLUMNS = ("gemeentecode", "jaar", "aantal")


def wlz_demand_frame(rows=()) -> pd.DataFrame:
    """Wlz indications (grondslag verstandelijke handicap) per gemeente and year: gemeentecode, jaar, aantal (ints)."""
    frame = pd.DataFrame(list(rows) if not isinstance(rows, pd.DataFrame) else rows, columns=list(WLZ_DEMAND_COLUMNS))
    frame["gemeentecode"] = frame["gemeentecode"].astype(object)
    for column in ("jaar", "aantal"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


PILOT_COLUMNS = ("regio", "commissie", "start", "status", "afspraken", "evaluatie", "advies")
AWARENESS_COLUMNS = ("regio", "golf", "stakeholder", "bekend", "totaal")


def pilot_frame(rows=()) -> pd.DataFrame:
    """The pilot register: regio, commissie, start (datetime64, NaT when unknown), status, afspraken, evaluatie,
    advies (None when empty)."""
    frame = pd.DataFrame(list(rows) if not isinstance(rows, pd.DataFrame) else rows, columns=list(PILOT_COLUMNS))
    frame["start"] = pd.to_datetime(frame["start"], errors="coerce").astype("datetime64[ns]")
    for column in ("regio", "commissie", "status", "afspraken", "evaluatie", "advies"):
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    frame["regio"] = frame["regio"].fillna("").astype(object)
    return frame


def awareness_frame(rows=()) -> pd.DataFrame:
    """Awareness of the convenant: regio ('' = national), golf, stakeholder, bekend, totaal (ints)."""
    frame = pd.DataFrame(list(rows) if not isinstance(rows, pd.DataFrame) else rows, columns=list(AWARENESS_COLUMNS))
    for column in ("regio", "golf", "stakeholder"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(object)
    for column in ("bekend", "totaal"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


@dataclass(frozen=True)
class Registry:
    """Everything users imported, one frame per kind."""

    facilities: pd.DataFrame  # id, type, naam, organisatie_id, organisatie_naam, adres, postcode, plaats, lat, lon, locatie_bij_benadering, avg_fte, clienten, anw_open, behandeling (met/zonder/None)
    collaborations: pd.DataFrame  # COLLABORATION_COLUMNS; see collaboration_frame
    service_areas: pd.DataFrame  # hap_id, pc4 (one row per covered PC4), bron
    findings: pd.DataFrame  # not withdrawn; regio, golf, stakeholder, voorwaarde, richting (-1/+1), gewicht, bron, tekst, code (codebook item or None)
    waves: pd.DataFrame  # code, volgorde
    actions: pd.DataFrame  # actie, partij, golf, status, regio, toelichting
    is_demo: bool
    wlz_demand: pd.DataFrame = field(default_factory=wlz_demand_frame)  # WLZ_DEMAND_COLUMNS (CIZ), may be empty
    pilots: pd.DataFrame = field(default_factory=pilot_frame)  # PILOT_COLUMNS: the pilot register, may be empty
    awareness: pd.DataFrame = field(default_factory=awareness_frame)  # AWARENESS_COLUMNS (survey), may be empty


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
        "locatie_bij_benadering", "avg_fte", "clienten", "anw_open", "behandeling",
    ]
    f = m.Facility
    facilities = _frame(
        engine,
        select(
            f.id, f.type, f.naam, f.organisatie_id, m.Organisation.naam, f.adres, f.postcode, f.plaats, f.lat,
            f.lon, f.locatie_bij_benadering, f.avg_fte, f.clienten, f.anw_open, f.behandeling,
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
        .where(b.ingetrokken.is_(False))  # withdrawn findings stop counting (data.finding_edits)
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
    w = m.WlzDemand
    wlz = wlz_demand_frame(_frame(engine, select(w.gemeentecode, w.jaar, w.aantal).order_by(w.gemeentecode, w.jaar),
                                  list(WLZ_DEMAND_COLUMNS)))
    p = m.PilotCommission
    pilots = pilot_frame(_frame(engine, select(p.regio, p.commissie, p.start, p.status, p.afspraken, p.evaluatie,
                                               p.advies).order_by(p.id), list(PILOT_COLUMNS)))
    k = m.Awareness
    awareness = awareness_frame(_frame(engine, select(k.regio, k.golf, k.stakeholder, k.bekend, k.totaal)
                                       .order_by(k.id), list(AWARENESS_COLUMNS)))
    return Registry(facilities, collaborations, service_areas, findings, waves, actions, is_demo(engine), wlz,
                    pilots=pilots, awareness=awareness)


def is_demo(engine: Engine) -> bool:
    """True while the fictional demo is in the database (alone, or mixed with the user's own data)."""
    with engine.connect() as connection:
        value = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == "demo")).scalar()
    return value is not None


MIXED_LABEL = "voorbeeld en eigen gegevens gemengd"  # the demo label once own files are imported beside the demo


def demo_state(engine: Engine) -> str | None:
    """None (no demo), 'demo' (only the fictional demo) or 'gemengd' (files imported after the demo was loaded)."""
    from data.demo.scenario import DEMO_KEY, IMPORTS_KEY

    with engine.connect() as connection:
        info = m.DatasetInfo
        facts = dict(connection.execute(
            select(info.sleutel, info.waarde).where(info.sleutel.in_([DEMO_KEY, IMPORTS_KEY]))
        ).all())
        newest = connection.execute(select(func.max(m.ImportBatch.id))).scalar()
    return mixed_or_demo(facts, newest)


def mixed_or_demo(facts: dict[str, str], newest_batch: int | None) -> str | None:
    """demo_state from the dataset facts and the newest import batch id (the dashboard has both cached)."""
    from data.demo.scenario import DEMO_KEY, IMPORTS_KEY

    if DEMO_KEY not in facts:
        return None
    since = facts.get(IMPORTS_KEY, "0")
    return "gemengd" if newest_batch is not None and newest_batch > int(since or 0) else "demo"


def data_label(state: str | None) -> str | None:
    """The words that mark outputs of a demo database: 'fictief voorbeeld', or the mixed label; None for own data."""
    return {"demo": DEMO_LABEL, "gemengd": MIXED_LABEL}.get(state)


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
