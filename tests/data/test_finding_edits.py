"""Correcting and withdrawing findings by hand (data.finding_edits): rules, roles, audit, and re-imports."""
from __future__ import annotations

import json

import pytest

from data.access import Gebruiker, Geweigerd
from data.audit import read_audit
from data.errors import UserError
from data.exports import export_file
from data.finding_edits import EDIT_COLUMNS, correct_finding, findings_for_editing, withdraw_finding
from data.imports import import_file
from data.registry import load_registry

ANALIST = Gebruiker("analist@voorbeeld.nl", "analist")
LEZER = Gebruiker("lezer@voorbeeld.nl", "lezer")
ZONDER_ROL = Gebruiker("nieuw@voorbeeld.nl", None)
HEADER = "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst;code\n"
ROWS = (
    "GM0363;2024;aanbieders;infrastructuur;-;3;interview;Te weinig huisartsenposten;IN01\n"
    "GM0363;2024;intermediairs;goed_netwerk;+;2;enquête;Vast overleg;\n"
    "GM0344;2021;gebruikers;zachte_instituties;-;1;;Onbekend met de poli;\n"
)


@pytest.fixture
def findings_file(write_file):
    return write_file("bevindingen.csv", HEADER + ROWS)


@pytest.fixture
def edit_engine(geo_engine, findings_file):
    report = import_file(geo_engine, "bevindingen", findings_file)
    assert report.ok, report.as_text()
    return geo_engine


def ids(engine) -> dict[str, int]:
    frame = findings_for_editing(engine, ANALIST)
    return dict(zip(frame["stakeholder"], frame["id"]))


def audit_entries(engine, actie: str) -> list[tuple]:
    entries = read_audit(engine)
    entries = entries[entries["actie"] == actie]
    return [(g, r, o, json.loads(d)) for g, r, o, d in entries[["gebruiker", "rol", "onderwerp", "details"]]
            .itertuples(index=False)]


def test_findings_for_editing_lists_every_finding_with_its_state(edit_engine):
    frame = findings_for_editing(edit_engine, ANALIST)
    assert list(frame.columns) == list(EDIT_COLUMNS)
    assert frame["golf"].tolist() == ["2021", "2024", "2024"]  # wave order (new waves of one file by code)
    assert frame["ingetrokken"].tolist() == [False, False, False]
    assert frame["gewijzigd"].isna().all() and frame["ingetrokken_reden"].isna().all()
    assert findings_for_editing(edit_engine, ANALIST, regio="gm0344")["tekst"].tolist() == ["Onbekend met de poli"]


def test_a_correction_changes_the_values_that_count_and_records_before_and_after(edit_engine):
    finding = ids(edit_engine)["intermediairs"]
    correct_finding(edit_engine, ANALIST, finding, reden="Gewicht volgens het codeerprotocol", gewicht="3",
                    tekst="  Vast overleg met de huisartsenpost ", code="gn51")
    row = findings_for_editing(edit_engine, ANALIST).set_index("id").loc[finding]
    assert (row["gewicht"], row["tekst"], row["code"]) == (3, "Vast overleg met de huisartsenpost", "GN51")
    assert row["gewijzigd"] is not None and not row["ingetrokken"]
    counted = load_registry(edit_engine).findings.set_index("stakeholder").loc["intermediairs"]
    assert (counted["gewicht"], counted["tekst"], counted["code"]) == (3, "Vast overleg met de huisartsenpost", "GN51")
    [(who, role, subject, details)] = audit_entries(edit_engine, "bevinding_gecorrigeerd")
    assert (who, role, subject) == ("analist@voorbeeld.nl", "analist", f"bevinding {finding}")
    assert details["reden"] == "Gewicht volgens het codeerprotocol"
    assert {k: details["voor"][k] for k in ("gewicht", "tekst", "code")} == {"gewicht": 2, "tekst": "Vast overleg",
                                                                            "code": None}
    assert {k: details["na"][k] for k in ("gewicht", "tekst", "code")} == {
        "gewicht": 3, "tekst": "Vast overleg met de huisartsenpost", "code": "GN51"}


def test_direction_and_code_change_together_and_an_empty_code_removes_it(edit_engine):
    finding = ids(edit_engine)["aanbieders"]
    with pytest.raises(UserError, match=r"code 'IN01' is een belemmering \(-\), maar de richting van de rij is \+"):
        correct_finding(edit_engine, ANALIST, finding, reden="Toch positief", richting="+")
    correct_finding(edit_engine, ANALIST, finding, reden="Toch positief", richting=1, code="IN51")
    correct_finding(edit_engine, ANALIST, finding, reden="Code twijfelachtig", code="")
    row = findings_for_editing(edit_engine, ANALIST).set_index("id").loc[finding]
    assert (row["richting"], row["code"]) == (1, None)
    assert len(audit_entries(edit_engine, "bevinding_gecorrigeerd")) == 2


@pytest.mark.parametrize("values, message", [
    (dict(gewicht=5), "gewicht '5' moet 1, 2 of 3 zijn"),
    (dict(gewicht="twee"), "gewicht 'twee' moet 1, 2 of 3 zijn"),
    (dict(richting="misschien"), "onbekende richting 'misschien'"),
    (dict(code="XX99"), "code 'XX99' staat niet in het codeboek"),
    (dict(code="GN51"), "code 'GN51' hoort bij voorwaarde goed_netwerk, niet bij infrastructuur"),
    (dict(tekst="met een stuurteken \x07"), "stuurteken"),
    (dict(gewicht=3), "verandert niets aan bevinding"),
])
def test_a_correction_is_checked_like_an_import_row(edit_engine, values, message):
    finding = ids(edit_engine)["aanbieders"]
    before = findings_for_editing(edit_engine, ANALIST)
    with pytest.raises(UserError, match=message):
        correct_finding(edit_engine, ANALIST, finding, reden="Controle", **values)
    assert findings_for_editing(edit_engine, ANALIST).equals(before)
    assert read_audit(edit_engine)["actie"].tolist() == ["import"]


@pytest.mark.parametrize("reden", ["", "   ", None])
def test_a_reason_is_required(edit_engine, reden):
    finding = ids(edit_engine)["aanbieders"]
    with pytest.raises(UserError, match="Geef een reden voor het corrigeren"):
        correct_finding(edit_engine, ANALIST, finding, reden=reden, gewicht=1)
    with pytest.raises(UserError, match="Geef een reden voor het intrekken"):
        withdraw_finding(edit_engine, ANALIST, finding, reden)
    assert not findings_for_editing(edit_engine, ANALIST)["ingetrokken"].any()


def test_an_unknown_finding_is_refused(edit_engine):
    with pytest.raises(UserError, match="Bevinding 9999 bestaat niet"):
        correct_finding(edit_engine, ANALIST, 9999, reden="x", gewicht=1)
    with pytest.raises(UserError, match="Bevinding 9999 bestaat niet"):
        withdraw_finding(edit_engine, ANALIST, 9999, "x")


def test_a_withdrawn_finding_stops_counting_but_stays_visible_to_analists(edit_engine):
    finding = ids(edit_engine)["gebruikers"]
    withdraw_finding(edit_engine, ANALIST, finding, "Dubbel gecodeerd met interview 4")
    assert "gebruikers" not in load_registry(edit_engine).findings["stakeholder"].tolist()
    assert len(load_registry(edit_engine).findings) == 2
    row = findings_for_editing(edit_engine, ANALIST).set_index("id").loc[finding]
    assert row["ingetrokken"] and row["ingetrokken_reden"] == "Dubbel gecodeerd met interview 4"
    [(who, _, subject, details)] = audit_entries(edit_engine, "bevinding_ingetrokken")
    assert (who, subject) == ("analist@voorbeeld.nl", f"bevinding {finding}")
    assert (details["voor"]["ingetrokken"], details["na"]["ingetrokken"]) == (False, True)
    with pytest.raises(UserError, match="is al ingetrokken"):
        withdraw_finding(edit_engine, ANALIST, finding, "nogmaals")
    with pytest.raises(UserError, match="is ingetrokken en kan niet meer worden gecorrigeerd"):
        correct_finding(edit_engine, ANALIST, finding, reden="x", gewicht=2)


@pytest.mark.parametrize("user", [LEZER, ZONDER_ROL])
def test_only_an_analist_or_beheerder_edits_or_lists_findings(edit_engine, user):
    finding = ids(edit_engine)["aanbieders"]
    with pytest.raises(Geweigerd):
        correct_finding(edit_engine, user, finding, reden="x", gewicht=1)
    with pytest.raises(Geweigerd):
        withdraw_finding(edit_engine, user, finding, "x")
    with pytest.raises(Geweigerd):
        findings_for_editing(edit_engine, user)
    assert read_audit(edit_engine)["actie"].tolist() == ["import"]
    correct_finding(edit_engine, Gebruiker("b@voorbeeld.nl", "beheerder"), finding, reden="x", gewicht=1)


def test_a_reimport_keeps_withdrawals_and_corrections(edit_engine, findings_file):
    """Choice: a finding keeps the key of its imported content, so the same file matches it again and the import
    leaves it alone (also the code from the file); the report says so."""
    found = ids(edit_engine)
    withdraw_finding(edit_engine, ANALIST, found["gebruikers"], "Niet over deze regio")
    correct_finding(edit_engine, ANALIST, found["aanbieders"], reden="Andere code", code="IN02", gewicht=2)
    before = findings_for_editing(edit_engine, ANALIST)
    report = import_file(edit_engine, "bevindingen", findings_file)
    assert report.ok and (report.rows_added, report.rows_changed) == (0, 0)
    text = report.as_text()
    assert "rij(en) 4 horen bij een ingetrokken bevinding; die blijft ingetrokken" in text
    assert "rij(en) 2 horen bij een met de hand gecorrigeerde bevinding; de correctie blijft staan" in text
    assert findings_for_editing(edit_engine, ANALIST).equals(before)
    assert len(load_registry(edit_engine).findings) == 2


def test_a_file_holding_the_corrected_content_is_recognised_not_added(edit_engine, tmp_path):
    finding = ids(edit_engine)["intermediairs"]
    correct_finding(edit_engine, ANALIST, finding, reden="Tekst aangevuld", tekst="Vast overleg, elke maand")
    withdraw_finding(edit_engine, ANALIST, ids(edit_engine)["gebruikers"], "Vervallen")
    exported = tmp_path / "export.csv"
    assert export_file(edit_engine, "bevindingen", exported, user=ANALIST) == 2  # withdrawn ones are left out
    before = findings_for_editing(edit_engine, ANALIST)
    report = import_file(edit_engine, "bevindingen", exported, user=ANALIST)
    assert report.ok and (report.rows_added, report.rows_changed) == (0, 0)
    assert findings_for_editing(edit_engine, ANALIST).equals(before)


def test_a_correction_that_makes_two_findings_equal_is_refused(edit_engine, write_file):
    import_file(edit_engine, "bevindingen", write_file(
        "extra.csv", HEADER + "GM0363;2024;intermediairs;goed_netwerk;+;3;enquête;Vast overleg;\n"))
    finding = ids(edit_engine)["intermediairs"]
    first = findings_for_editing(edit_engine, ANALIST)
    first = first[first["stakeholder"] == "intermediairs"]["id"].tolist()
    assert len(first) == 2
    with pytest.raises(UserError, match=f"gelijk aan bevinding {first[1]}"):
        correct_finding(edit_engine, ANALIST, first[0], reden="x", gewicht=3)
    assert finding in first
