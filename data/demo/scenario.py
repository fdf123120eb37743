"""`python -m data demo`: a deterministic, clearly fictional national scenario on the real CBS geography.

What it holds (seed 2020, the same database on every run):
- about 105 huisartsenposten (HAP001 ...) at populous PC4 areas, each serving its nearest PC4 areas (a dozen border
  PC4s are served by two posts); about 85 open all ANW hours;
- about 40 AVG-poli's (POLI01 ...), 150 VG organisations (ORG001 ...) with about 1,500 locations (ORG001-L01 ...),
  800 huisartsenpraktijken (HA0001 ...), and collaborations of every kind, with start dates and a fictional source;
  about 2% of the informal ties outside the showcase regions end between the two waves (data.demo.ties.date_ties);
- showcase regions (SHOWCASE_REGIONS): compact, well-connected organisations (like "regio 1" of the study), spread-out
  patchy ones (like "regio 2"), one region where one organisation holds nearly all AVG capacity, and data-poor regions;
- two measurement waves ('2021', '2024') with coded findings and convenant action statuses;
- a few pilot commissions and convenant awareness figures (data.demo.convenant, their own random generator).

Safety: the demo only writes to a database without registry data of its own, or to an earlier demo database, which
it replaces entirely (rows added to a demo database by hand count as demo), unless files were imported into that demo
database after it was loaded: then it refuses, like for any database with registry data. One transaction writes all.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Engine, delete, func, insert, select

from data import models as m
from data.access import Gebruiker, require
from data.audit import record
from data.db import transaction
from data.demo.facilities import (
    FACILITY_COLUMNS,
    make_haps,
    make_locations,
    make_organisations,
    make_polis,
    make_practices,
)
from data.demo.convenant import make_awareness, make_pilots
from data.demo.findings import WAVES, make_actions, make_findings, region_stories
from data.demo.geo import build_places
from data.demo.ties import date_ties, make_collaborations
from data.errors import UserError
from data.registry import load_geography

SEED = 2020
DEMO_KEY = "demo"
SHOWCASE_KEY = "demo_voorbeelden"
IMPORTS_KEY = "demo_laatste_importbatch"  # imports after this batch id are the user's own data: never overwritten
DEMO_VALUE = f"fictief voorbeeld (seed {SEED}, aangemaakt door python -m data demo)"
# Preferred zorgkantoorregio per showcase role (CBS 2025 codes); missing codes are replaced by similar regions.
SHOWCASE_REGIONS = {
    "compact": ("ZK21", "ZK31", "ZK10"),  # 't Gooi, Zuid-Limburg, Haaglanden: small and dense
    "verspreid": ("ZK08", "ZK27", "ZK17"),  # Friesland, Zeeland, Noord- en Midden-Limburg: large and rural
    "netwerk_te_sterk": ("ZK06",),  # Drenthe
    "weinig_gegevens": ("ZK07", "ZK24", "ZK26"),  # Flevoland, Waardenland, Zaanstreek/Waterland
}
ROLE_LABELS = {
    "compact": "compact en goed verbonden (zoals regio 1)",
    "verspreid": "verspreid met een lappendeken (zoals regio 2)",
    "netwerk_te_sterk": "één organisatie met vrijwel alle AVG-capaciteit (netwerk te sterk)",
    "weinig_gegevens": "nauwelijks gegevens",
}
STYLE_OF_ROLE = {"compact": "compact", "verspreid": "verspreid", "netwerk_te_sterk": "dominant",
                 "weinig_gegevens": "weinig_gegevens"}
_REGISTRY_TABLES = (m.Facility, m.Organisation, m.Collaboration, m.ServiceArea, m.Finding, m.ConvenantAction, m.Wave,
                    m.PilotCommission, m.Awareness)


def _dutch_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Showcase:
    """A region (and organisation) the dashboard can point at to show one pattern."""

    rol: str
    regio: str
    regio_naam: str
    organisatie_id: str
    organisatie_naam: str
    verloop: str  # how the region's findings develop between the waves ('' when it has none)


@dataclass(frozen=True)
class DemoSummary:
    huisartsenposten: int
    anw_open: int
    avg_polis: int
    organisaties: int
    vg_locaties: int
    huisartsenpraktijken: int
    samenwerkingen: int
    werkgebied_pc4: int
    golven: tuple[str, ...]
    bevindingen: int
    acties: int
    voorbeelden: tuple[Showcase, ...] = field(default=())
    pilotcommissies: int = 0
    bekendheid_respondenten: int = 0

    def __str__(self) -> str:
        n = _dutch_int
        lines = [
            f"Fictief voorbeeldscenario geladen (seed {SEED}); alle namen zijn verzonnen.",
            f"  {n(self.huisartsenposten)} huisartsenposten ({n(self.anw_open)} de hele ANW open), "
            f"{n(self.avg_polis)} AVG-poli's,",
            f"  {n(self.organisaties)} VG-organisaties met {n(self.vg_locaties)} locaties, "
            f"{n(self.huisartsenpraktijken)} huisartsenpraktijken,",
            f"  {n(self.samenwerkingen)} samenwerkingen, {n(self.werkgebied_pc4)} PC4-koppelingen in werkgebieden,",
            f"  meetgolven {', '.join(self.golven)} met {n(self.bevindingen)} bevindingen en "
            f"{n(self.acties)} convenantacties,",
            f"  {n(self.pilotcommissies)} pilotcommissies en bekendheid van het convenant onder "
            f"{n(self.bekendheid_respondenten)} respondenten.",
        ]
        if self.voorbeelden:
            lines.append("Voorbeeldregio's:")
            lines += [f"  {s.regio} {s.regio_naam}: {ROLE_LABELS[s.rol]} – {s.organisatie_naam}"
                      for s in self.voorbeelden]
        return "\n".join(lines)


def resolve_roles(places: pd.DataFrame) -> dict[str, str]:
    """Showcase role per zorgkantoorregio code; a preferred code absent from the reference is replaced by a free
    region of the same kind (few PC4 areas for compact/data-poor roles, many for spread/dominant roles)."""
    size = places.groupby("zk").size().sort_values(kind="stable")
    roles: dict[str, str] = {}
    for role, codes in SHOWCASE_REGIONS.items():
        for code in codes:
            if code in size.index and code not in roles:
                roles[code] = role
                continue
            free = [zk for zk in size.index if zk not in roles]
            roles[free[0] if role in ("compact", "weinig_gegevens") else free[-1]] = role
    return roles


def _existing_rows(session) -> dict[str, int]:
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) for model in _REGISTRY_TABLES}


def _last_import(session) -> int:
    return session.scalar(select(func.max(m.ImportBatch.id))) or 0


def _ensure_replaceable(session) -> bool:
    """True when an earlier demo is present; refuses when the database holds registry data of its own:
    rows in a database not marked demo, or files imported into a demo database after the demo was loaded."""
    is_demo = session.get(m.DatasetInfo, DEMO_KEY) is not None
    if is_demo:
        marker = session.get(m.DatasetInfo, IMPORTS_KEY)
        since = int(marker.waarde) if marker is not None else 0
        imported = session.scalar(select(func.count()).select_from(m.ImportBatch).where(m.ImportBatch.id > since))
        if imported:
            files = "is 1 bestand" if imported == 1 else f"zijn {_dutch_int(imported)} bestanden"
            raise UserError(
                f"Na het laden van het fictieve voorbeeld {files} in deze database geïmporteerd; die gegevens "
                "worden niet overschreven. Kies een nieuwe database (MGZ_DATABASE_URL) of verwijder dit "
                "databasebestand om opnieuw met het voorbeeld te beginnen."
            )
        return True
    counts = _existing_rows(session)
    if any(counts.values()):
        filled = ", ".join(
            f"{_dutch_int(n)} {'rij' if n == 1 else 'rijen'} in {table}" for table, n in counts.items() if n
        )
        raise UserError(
            "De database bevat al eigen registergegevens (" + filled + "). Het fictieve voorbeeld wordt alleen "
            "geladen in een database zonder registergegevens of in een eerdere demo-database. Gebruik een aparte "
            "database, bijvoorbeeld MGZ_DATABASE_URL=sqlite:///$HOME/.mgz/demo.sqlite python -m data demo."
        )
    return False


def _clear_demo(session) -> None:
    for model in (m.Collaboration, m.ServiceAreaPostcode, m.ServiceArea, m.Facility, m.Organisation, m.Finding,
                  m.ConvenantAction, m.PilotCommission, m.Awareness, m.Wave):
        session.execute(delete(model))
    session.execute(delete(m.DatasetInfo).where(m.DatasetInfo.sleutel.in_([DEMO_KEY, SHOWCASE_KEY, IMPORTS_KEY])))


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts of plain Python values (NaN -> None), which every database driver accepts."""
    out = {}
    for column in columns:
        values = frame[column].astype(object).tolist()
        out[column] = [None if v is None or (isinstance(v, float) and np.isnan(v)) else
                       (v.item() if isinstance(v, np.generic) else v) for v in values]
    return [dict(zip(columns, row)) for row in zip(*(out[c] for c in columns))]


def _showcases(roles: dict[str, str], orgs: pd.DataFrame, zk_names: pd.Series) -> tuple[Showcase, ...]:
    stories = region_stories(roles)
    found = []
    for role in SHOWCASE_REGIONS:
        for zk in sorted(z for z, r in roles.items() if r == role):
            org = orgs[(orgs["zk"] == zk) & (orgs["stijl"] == STYLE_OF_ROLE[role])].iloc[0]
            trend = stories[zk].trend if zk in stories else ""
            found.append(Showcase(role, zk, str(zk_names.get(zk, zk)), org["id"], org["naam"], trend))
    return tuple(found)


def read_showcases(engine: Engine) -> tuple[Showcase, ...]:
    """The showcase regions and organisations recorded by the last demo load (empty for other databases)."""
    with engine.connect() as connection:
        value = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == SHOWCASE_KEY)).scalar()
    return tuple(Showcase(**item) for item in json.loads(value)) if value else ()


def _outside_showcases(ties: pd.DataFrame, orgs: pd.DataFrame, locations: pd.DataFrame, roles: dict) -> np.ndarray:
    """Ties of locations whose organisation lies outside the showcase regions (only those may end)."""
    showcase_orgs = orgs.loc[orgs["zk"].isin(list(roles)), "id"]
    others = locations.loc[~locations["organisatie_id"].isin(showcase_orgs), "id"]
    return ties["van"].isin(others).to_numpy()


def build_demo(geography) -> dict:
    """Every table of the scenario as frames (pure: the same geography gives the same frames)."""
    rng = np.random.default_rng(SEED)
    places = build_places(geography)
    if places.empty or places["zk"].isna().all():
        raise UserError("De referentiegeografie mist PC4-gebieden of hun indeling; laad die eerst met "
                        "python -m data reference.")
    roles = resolve_roles(places)
    haps, service, outlines = make_haps(places, rng)
    orgs = make_organisations(places, roles, rng)
    locations = make_locations(orgs, places, rng)
    practices = make_practices(places, rng)
    polis = make_polis(places, orgs, rng)
    collaborations = make_collaborations(orgs, locations, practices, polis, places, rng)
    collaborations = date_ties(collaborations, _outside_showcases(collaborations, orgs, locations, roles))
    findings = make_findings(places, roles, orgs, rng)
    actions = make_actions(places, roles, findings, rng)
    regions = geography.regions
    zk_names = regions[regions["niveau"] == "zorgkantoorregio"].set_index("code")["naam"]
    return dict(
        organisations=orgs, facilities=pd.concat([haps, polis, locations, practices], ignore_index=True),
        service=service, outlines=outlines, collaborations=collaborations, findings=findings, actions=actions,
        showcases=_showcases(roles, orgs, zk_names),
        pilots=make_pilots(roles, zk_names), awareness=make_awareness(roles),  # own generator: nothing above moves
    )


def _write(session, demo: dict) -> None:
    orgs = demo["organisations"]
    session.execute(insert(m.Organisation), _records(orgs, ["id", "naam"]))
    session.execute(insert(m.Facility), _records(demo["facilities"], FACILITY_COLUMNS))
    areas = [{"hap_id": hap_id, "bron": "pc4", "geometrie": shapely.to_wkb(geom)}
             for hap_id, geom in demo["outlines"].items()]
    session.execute(insert(m.ServiceArea), areas)
    session.execute(insert(m.ServiceAreaPostcode), _records(demo["service"], ["hap_id", "pc4"]))
    tie_columns = ["van", "naar", "soort", "sinds", "tot", "bron"]
    session.execute(insert(m.Collaboration), _records(demo["collaborations"], tie_columns))
    session.execute(insert(m.Wave), [{"code": code, "volgorde": order} for code, order in WAVES])
    finding_columns = ["sleutel", "regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst",
                       "code"]
    session.execute(insert(m.Finding), _records(demo["findings"], finding_columns))
    action_columns = ["actie", "partij", "golf", "status", "regio", "toelichting"]
    session.execute(insert(m.ConvenantAction), _records(demo["actions"], action_columns))
    pilot_columns = ["regio", "commissie", "start", "status", "afspraken", "evaluatie", "advies"]
    session.execute(insert(m.PilotCommission), _records(demo["pilots"], pilot_columns))
    session.execute(insert(m.Awareness), _records(demo["awareness"], ["regio", "golf", "stakeholder", "bekend", "totaal"]))
    showcases = [s.__dict__ for s in demo["showcases"]]
    session.add_all([
        m.DatasetInfo(sleutel=DEMO_KEY, waarde=DEMO_VALUE),
        m.DatasetInfo(sleutel=SHOWCASE_KEY, waarde=json.dumps(showcases, ensure_ascii=False)),
        m.DatasetInfo(sleutel=IMPORTS_KEY, waarde=str(_last_import(session))),
    ])


def load_demo(engine: Engine, progress: Callable[[str], None] = print, user: Gebruiker | None = None) -> DemoSummary:
    """Fill the database with the fictional scenario, replacing an earlier demo; refuses on real registry data.

    `user` (None: the local single user) needs the permission `demo_beheren`; the load is audited.
    """
    from data.reference.loading import ensure_reference
    from data.users import acting_user

    actor = acting_user(user)
    require(actor, "demo_beheren")
    ensure_reference(engine, progress=progress, user=actor)
    with transaction(engine) as session:
        _ensure_replaceable(session)  # checked before the work, and again inside the writing transaction below
    progress("Fictief scenario opbouwen op de echte geografie…")
    geography = load_geography(engine, levels=("pc4", "gemeente", "zorgkantoorregio"))
    demo = build_demo(geography)
    progress("Opslaan in één transactie…")
    with transaction(engine) as session:
        replaced = _ensure_replaceable(session)
        if replaced:
            _clear_demo(session)
        _write(session, demo)
        session.flush()
        record(session, actor, "voorbeeld_geladen", DEMO_VALUE, {
            "vervangt_eerder_voorbeeld": replaced, "voorzieningen": len(demo["facilities"]),
            "bevindingen": len(demo["findings"]), "samenwerkingen": len(demo["collaborations"]),
        })
    facilities = demo["facilities"]
    kinds = facilities["type"].value_counts()
    haps = facilities[facilities["type"] == "hap"]
    return DemoSummary(
        huisartsenposten=int(kinds.get("hap", 0)),
        anw_open=int(haps["anw_open"].astype(bool).sum()),
        avg_polis=int(kinds.get("avg_poli", 0)),
        organisaties=len(demo["organisations"]),
        vg_locaties=int(kinds.get("vg_locatie", 0)),
        huisartsenpraktijken=int(kinds.get("huisartsenpraktijk", 0)),
        samenwerkingen=len(demo["collaborations"]),
        werkgebied_pc4=len(demo["service"]),
        golven=tuple(code for code, _ in WAVES),
        bevindingen=len(demo["findings"]),
        acties=len(demo["actions"]),
        voorbeelden=demo["showcases"],
        pilotcommissies=len(demo["pilots"]),
        bekendheid_respondenten=int(demo["awareness"]["totaal"].sum()),
    )
