"""Remove the fictional demo from a database that also holds the user's own imported data.

The demo is deterministic (data.demo.scenario, seed 2020), so its rows are found by building it again on the same
geography and matching keys *and* content: a demo facility whose name an own import changed counts as the
user's and stays. One transaction removes the demo's facilities (with their service areas and every tie to
them), organisations no longer used, findings (by content key), convenant actions, pilot commissions and
awareness rows (by content), waves nothing refers to any more, and the demo markers. Rows the user imported stay untouched.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import Engine, delete, select

from data import models as m
from data.access import Gebruiker, require
from data.audit import record
from data.db import transaction
from data.demo.scenario import DEMO_KEY, IMPORTS_KEY, SHOWCASE_KEY, build_demo
from data.demo.findings import WAVES
from data.errors import UserError
from data.limits import dutch_int
from data.registry import load_geography


@dataclass(frozen=True)
class RemovalSummary:
    voorzieningen: int
    organisaties: int
    bevindingen: int
    acties: int
    pilots: int = 0
    bekendheid: int = 0

    def __str__(self) -> str:
        return (
            "Het fictieve voorbeeld is verwijderd: "
            f"{dutch_int(self.voorzieningen)} voorzieningen, {dutch_int(self.organisaties)} organisaties, "
            f"{dutch_int(self.bevindingen)} bevindingen, {dutch_int(self.acties)} convenantacties, "
            f"{dutch_int(self.pilots)} pilotcommissies en {dutch_int(self.bekendheid)} rijen bekendheid. "
            "Uw eigen geïmporteerde gegevens zijn gebleven."
        )


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def remove_demo(engine: Engine, progress: Callable[[str], None] = print, user: Gebruiker | None = None) -> RemovalSummary:
    """Delete the demo's rows and markers, keep everything imported by the user; refuses without a demo.

    `user` (None: the local single user) needs the permission `demo_beheren`; the removal is audited.
    """
    from data.users import acting_user

    actor = acting_user(user)
    require(actor, "demo_beheren")
    with engine.connect() as connection:
        marked = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == DEMO_KEY)).scalar()
    if marked is None:
        raise UserError("Deze database bevat geen fictief voorbeeld; er is niets verwijderd.")
    progress("Het voorbeeld opnieuw opbouwen om zijn rijen te herkennen…")
    demo = build_demo(load_geography(engine, levels=("pc4", "gemeente", "zorgkantoorregio")))
    facilities = dict(zip(demo["facilities"]["id"], demo["facilities"]["naam"]))
    organisations = dict(zip(demo["organisations"]["id"], demo["organisations"]["naam"]))
    finding_keys = demo["findings"]["sleutel"].tolist()
    actions = {
        (a, p, g, r or ""): (s, t)
        for a, p, g, r, s, t in demo["actions"][["actie", "partij", "golf", "regio", "status", "toelichting"]]
        .itertuples(index=False, name=None)
    }
    progress("Verwijderen in één transactie…")
    with transaction(engine) as session:
        stored = session.execute(select(m.Facility.id, m.Facility.naam)).all()
        gone_facilities = [i for i, naam in stored if facilities.get(i) == naam]
        for chunk in _chunks(gone_facilities):
            session.execute(delete(m.Collaboration).where(m.Collaboration.van.in_(chunk) | m.Collaboration.naar.in_(chunk)))
            session.execute(delete(m.ServiceAreaPostcode).where(m.ServiceAreaPostcode.hap_id.in_(chunk)))
            session.execute(delete(m.ServiceArea).where(m.ServiceArea.hap_id.in_(chunk)))
            session.execute(delete(m.Facility).where(m.Facility.id.in_(chunk)))
        used = set(session.execute(select(m.Facility.organisatie_id).distinct()).scalars())
        stored_orgs = session.execute(select(m.Organisation.id, m.Organisation.naam)).all()
        gone_orgs = [i for i, naam in stored_orgs if organisations.get(i) == naam and i not in used]
        for chunk in _chunks(gone_orgs):
            session.execute(delete(m.Organisation).where(m.Organisation.id.in_(chunk)))
        gone_findings = 0
        for chunk in _chunks(finding_keys):
            gone_findings += session.execute(delete(m.Finding).where(m.Finding.sleutel.in_(chunk))).rowcount or 0
        a = m.ConvenantAction
        stored_actions = session.execute(select(a.id, a.actie, a.partij, a.golf, a.regio, a.status, a.toelichting)).all()
        gone_actions = [row[0] for row in stored_actions if actions.get(tuple(row[1:5])) == (row[5], row[6])]
        for chunk in _chunks(gone_actions):
            session.execute(delete(a).where(a.id.in_(chunk)))
        p = m.PilotCommission
        demo_pilots = {tuple(None if v != v else v for v in row) for row in demo["pilots"].astype(object).itertuples(index=False, name=None)}
        stored_pilots = session.execute(select(p.id, p.regio, p.commissie, p.start, p.status, p.afspraken, p.evaluatie,
                                               p.advies)).all()
        gone_pilots = [row[0] for row in stored_pilots if tuple(row[1:]) in demo_pilots]
        for chunk in _chunks(gone_pilots):
            session.execute(delete(p).where(p.id.in_(chunk)))
        k = m.Awareness
        demo_awareness = set(demo["awareness"].astype(object).itertuples(index=False, name=None))
        stored_awareness = session.execute(select(k.id, k.regio, k.golf, k.stakeholder, k.bekend, k.totaal)).all()
        gone_awareness = [row[0] for row in stored_awareness if tuple(row[1:]) in demo_awareness]
        for chunk in _chunks(gone_awareness):
            session.execute(delete(k).where(k.id.in_(chunk)))
        referenced = set(session.execute(select(m.Finding.golf).distinct()).scalars())
        referenced |= set(session.execute(select(a.golf).distinct()).scalars())
        referenced |= set(session.execute(select(k.golf).distinct()).scalars())
        unused = [code for code, _ in WAVES if code not in referenced]
        session.execute(delete(m.Wave).where(m.Wave.code.in_(unused)))
        session.execute(delete(m.DatasetInfo).where(m.DatasetInfo.sleutel.in_([DEMO_KEY, SHOWCASE_KEY, IMPORTS_KEY])))
        summary = RemovalSummary(len(gone_facilities), len(gone_orgs), gone_findings, len(gone_actions),
                                 len(gone_pilots), len(gone_awareness))
        record(session, actor, "voorbeeld_verwijderd", marked, {
            "voorzieningen": summary.voorzieningen, "organisaties": summary.organisaties,
            "bevindingen": summary.bevindingen, "acties": summary.acties, "pilots": summary.pilots,
            "bekendheid": summary.bekendheid,
        })
    return summary
