"""The audit trail (data.audit) and the roles and audit rows of the data entry points: imports, exports,
reference loads and the demo, on SQLite and PostgreSQL."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from data import models as m
from data.access import Gebruiker, Geweigerd, local_user
from data.audit import ACTIONS, read_audit, record, record_download
from data.db import transaction
from data.demo.removal import remove_demo
from data.demo.scenario import load_demo
from data.exports import export_file, export_rows
from data.imports import import_file, validate_file
from data.reference.loading import ensure_reference, load_reference
from tests.data import reference_samples as samples
from tests.data.conftest import batches

ROOT = Path(__file__).resolve().parents[2]
BEHEER = Gebruiker("beheer@voorbeeld.nl", "beheerder")
ANALIST = Gebruiker("analist@voorbeeld.nl", "analist")
LEZER = Gebruiker("lezer@voorbeeld.nl", "lezer")
ZONDER_ROL = Gebruiker("nieuw@voorbeeld.nl", None)
QUIET = lambda *_: None  # noqa: E731


def entries(engine, actie: str | None = None) -> list[tuple]:
    frame = read_audit(engine)
    if actie:
        frame = frame[frame["actie"] == actie]
    return [(g, r, a, o, json.loads(d) if d else None)
            for g, r, a, o, d in frame[["gebruiker", "rol", "actie", "onderwerp", "details"]].itertuples(index=False)]


# --- the trail itself --------------------------------------------------------------------------------------------


def test_record_and_read_with_filters(engine):
    with engine.begin() as connection:
        record(connection, BEHEER, "gebruiker_toegevoegd", "a@voorbeeld.nl", {"rol": "lezer"})
        record(connection, Gebruiker("Analist@Voorbeeld.nl", "analist"), "download", "dossier ZK05")
        record(connection, local_user("piet"), "voorbeeld_verwijderd", "fictief voorbeeld")
    frame = read_audit(engine)
    assert list(frame.columns) == ["tijdstip", "gebruiker", "rol", "actie", "onderwerp", "details"]
    assert frame["actie"].tolist() == ["gebruiker_toegevoegd", "download", "voorbeeld_verwijderd"]
    assert frame["details"].tolist() == ['{"rol": "lezer"}', None, '{"zonder_login": true}']
    assert (frame["tijdstip"] <= pd.Timestamp.now(tz="UTC").tz_localize(None)).all()
    assert read_audit(engine, gebruiker="analist@voorbeeld.NL")["onderwerp"].tolist() == ["dossier ZK05"]
    assert read_audit(engine, gebruiker="PIET")["rol"].tolist() == ["beheerder"]
    assert len(read_audit(engine, sinds=date.today() - timedelta(days=1))) == 3
    assert read_audit(engine, sinds=date.today() + timedelta(days=2)).empty


def test_an_audit_row_is_rolled_back_with_its_action(engine):
    with pytest.raises(RuntimeError):
        with transaction(engine) as session:
            session.add(m.Organisation(id="o1", naam="Stichting"))
            record(session, BEHEER, "import", "x.csv")
            session.flush()
            raise RuntimeError("crash after writing")
    assert read_audit(engine).empty


def test_unknown_actions_are_a_programming_error(engine):
    with pytest.raises(ValueError):
        with engine.begin() as connection:
            record(connection, BEHEER, "wissen", "alles")
    assert set(ACTIONS) == {
        "import", "bevinding_gecorrigeerd", "bevinding_ingetrokken", "gebruiker_toegevoegd", "gebruiker_gewijzigd",
        "gebruiker_verwijderd", "voorbeeld_geladen", "voorbeeld_verwijderd", "referentie_geladen", "download"}


def test_record_download(engine):
    record_download(engine, ANALIST, "dossier ZK05", {"formaat": "pdf"})
    assert entries(engine) == [("analist@voorbeeld.nl", "analist", "download", "dossier ZK05", {"formaat": "pdf"})]


def test_no_code_updates_or_deletes_audit_rows():
    """Only migration 0005 (its trigger and downgrade) may name the audit table in an UPDATE, DELETE or DROP."""
    pattern = re.compile(r"(update|delete)\(\s*(m\.)?AuditEntry|(UPDATE|DELETE FROM|TRUNCATE)\s+audit\b",
                         re.IGNORECASE)
    offenders = []
    for folder in ("data", "monitor", "geo", "dashboard"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# --- imports -----------------------------------------------------------------------------------------------------

FACILITIES = "id;type;naam;lat;lon\nA;hap;Post A;52,375;4,905\nB;hap;Post B;52,095;5,105\n"
FACILITIES_AGAIN = (
    "id;type;naam;lat;lon\n"
    "A;hap;Post A;52,375;4,905\n"  # unchanged
    "B;hap;Post B (nieuwe naam);52,095;5,105\n"  # changed
    "C;hap;Post C;52,376;4,906\n"  # added
    "D;hap;;52,0;5,0\n"  # rejected: no name
)


def test_an_import_is_audited_with_file_hash_and_row_counts(geo_engine, write_file):
    first = write_file("posten.csv", FACILITIES)
    assert import_file(geo_engine, "voorzieningen", first, user=ANALIST).ok
    again = write_file("posten-2.csv", FACILITIES_AGAIN)
    report = import_file(geo_engine, "voorzieningen", again, skip_invalid=True, user=ANALIST)
    assert report.ok and (report.rows_added, report.rows_changed, report.rows_rejected) == (1, 1, 1)
    assert "3 rijen geïmporteerd" in report.as_text() and "1 nieuw, 1 gewijzigd" in report.as_text()
    rows = entries(geo_engine, "import")
    assert [(g, r, o) for g, r, _, o, _ in rows] == [("analist@voorbeeld.nl", "analist", "posten.csv"),
                                                     ("analist@voorbeeld.nl", "analist", "posten-2.csv")]
    details = rows[1][4]
    assert details == {
        "soort": "voorzieningen", "sha256": hashlib.sha256(again.read_bytes()).hexdigest(),
        "importbatch": report.batch_id, "rijen_totaal": 4, "rijen_toegevoegd": 1, "rijen_gewijzigd": 1,
        "rijen_afgewezen": 1,
    }
    assert rows[0][4]["rijen_toegevoegd"] == 2 and rows[0][4]["rijen_gewijzigd"] == 0
    assert [b.gebruiker for b in batches(geo_engine)] == ["analist@voorbeeld.nl", "analist@voorbeeld.nl"]


def test_a_dry_run_or_a_refused_file_is_not_audited(geo_engine, write_file):
    assert validate_file(geo_engine, "voorzieningen", write_file("p.csv", FACILITIES), user=ANALIST).ok
    assert not import_file(geo_engine, "voorzieningen", write_file("q.csv", FACILITIES_AGAIN), user=ANALIST).ok
    assert read_audit(geo_engine).empty and batches(geo_engine) == []


@pytest.mark.parametrize("user", [LEZER, ZONDER_ROL])
def test_importing_needs_the_role_analist(geo_engine, write_file, user):
    path = write_file("p.csv", FACILITIES)
    with pytest.raises(Geweigerd):
        import_file(geo_engine, "voorzieningen", path, user=user)
    with pytest.raises(Geweigerd):
        validate_file(geo_engine, "voorzieningen", path, user=user)
    assert batches(geo_engine) == [] and read_audit(geo_engine).empty


def test_without_a_user_the_local_user_imports_as_before(geo_engine, write_file, monkeypatch):
    monkeypatch.setenv("MGZ_USER", "piet")
    assert import_file(geo_engine, "voorzieningen", write_file("p.csv", FACILITIES)).ok
    assert [b.gebruiker for b in batches(geo_engine)] == ["piet"]
    assert entries(geo_engine, "import")[0][:2] == ("piet", "beheerder")
    assert entries(geo_engine, "import")[0][4]["zonder_login"] is True


# --- exports -----------------------------------------------------------------------------------------------------

FINDINGS = ("regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst\n"
            "GM0363;2024;aanbieders;infrastructuur;-;3;interview 2;Te weinig posten\n")


def test_a_findings_export_needs_analist_and_is_audited_as_a_download(geo_engine, write_file, tmp_path):
    assert import_file(geo_engine, "bevindingen", write_file("b.csv", FINDINGS), user=ANALIST).ok
    out = tmp_path / "bevindingen.xlsx"
    for user in (LEZER, ZONDER_ROL):
        with pytest.raises(Geweigerd, match="teksten en bronnen van bevindingen|heeft nog geen rol"):
            export_file(geo_engine, "bevindingen", out, user=user)
        with pytest.raises(Geweigerd):
            export_rows(geo_engine, "bevindingen", user=user)
    assert not out.exists()
    assert export_file(geo_engine, "bevindingen", out, user=ANALIST) == 1
    assert entries(geo_engine, "download") == [
        ("analist@voorbeeld.nl", "analist", "download", "export bevindingen", {"bestand": "bevindingen.xlsx", "rijen": 1})
    ]


def test_a_lezer_exports_the_register_without_findings_and_a_user_without_role_nothing(facility_engine, tmp_path):
    assert export_file(facility_engine, "voorzieningen", tmp_path / "v.csv", user=LEZER) == 4
    assert entries(facility_engine, "download") == []
    with pytest.raises(Geweigerd, match="heeft nog geen rol"):
        export_file(facility_engine, "voorzieningen", tmp_path / "w.csv", user=ZONDER_ROL)


# --- reference geography -----------------------------------------------------------------------------------------


def test_loading_the_reference_needs_beheerder_and_is_audited(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    for user in (ANALIST, LEZER, ZONDER_ROL):
        with pytest.raises(Geweigerd, match="referentiegeografie te laden|heeft nog geen rol"):
            load_reference(engine, source_dir=folder, progress=QUIET, user=user)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Region)).scalar() == 0
    load_reference(engine, source_dir=folder, progress=QUIET, user=BEHEER)
    [(who, role, _, subject, details)] = entries(engine, "referentie_geladen")
    assert (who, role, subject) == ("beheer@voorbeeld.nl", "beheerder", str(folder))
    assert details == {"soort": "map", "jaren": {"gemeente": 2025, "pc4": 2025, "provincie": 2025,
                                                 "zorgkantoorregio": 2025},
                       "gebieden": sum(samples.COUNTS.values()), "automatisch": False}


def test_automatic_first_use_loading_is_audited_without_a_role_check(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("MGZ_REFERENCE_DIR", str(samples.write_geojson(tmp_path / "grenzen")))
    assert ensure_reference(engine, progress=QUIET, user=LEZER)
    assert not ensure_reference(engine, progress=QUIET, user=LEZER)  # loaded once
    [(who, role, _, _, details)] = entries(engine, "referentie_geladen")
    assert (who, role, details["automatisch"]) == ("lezer@voorbeeld.nl", "lezer", True)


# --- the demo ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", [ANALIST, LEZER, ZONDER_ROL])
def test_loading_or_removing_the_demo_needs_beheerder(engine, user):
    with pytest.raises(Geweigerd, match="het voorbeeld te laden of te verwijderen|heeft nog geen rol"):
        load_demo(engine, progress=QUIET, user=user)
    with pytest.raises(Geweigerd, match="het voorbeeld te laden of te verwijderen|heeft nog geen rol"):
        remove_demo(engine, progress=QUIET, user=user)
    assert read_audit(engine).empty


def test_demo_load_and_removal_are_audited(demo_engine):
    loaded = entries(demo_engine)
    assert [a for _, _, a, _, _ in loaded] == ["referentie_geladen", "voorbeeld_geladen"]
    details = loaded[1][4]
    assert details["vervangt_eerder_voorbeeld"] is False and details["bevindingen"] > 0 and details["zonder_login"]
    summary = remove_demo(demo_engine, progress=QUIET, user=BEHEER)
    [(who, role, _, subject, removed)] = entries(demo_engine, "voorbeeld_verwijderd")
    assert (who, role) == ("beheer@voorbeeld.nl", "beheerder") and subject.startswith("fictief voorbeeld")
    assert removed["voorzieningen"] == summary.voorzieningen and removed["bevindingen"] == summary.bevindingen
