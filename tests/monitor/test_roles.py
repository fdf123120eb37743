"""Roles in the monitor: a lezer's registry (data.access.redact) yields no finding text or source in signal reasons,
evidence, exports or the dossier, with the same scores; an analist sees them. The CLI applies the role of the
registered user MGZ_USER names."""
from __future__ import annotations

import io
import json
import re
import shutil

import pandas as pd
import pytest
from pypdf import PdfReader

from data.access import Gebruiker
from data.db import make_engine
from monitor.__main__ import main
from monitor.redaction import redact  # data.access.redact, plus what keeps the scores equal

LEZER = Gebruiker("lezer@voorbeeld.nl", "lezer")
ANALIST = Gebruiker("analist@voorbeeld.nl", "analist")
NIVEAU = "zorgkantoorregio"
GOLF = "2024"


def _flat(text) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def world(_demo_template, tmp_path_factory):
    from data.registry import load_geography, load_registry
    from geo.analysis import analyse

    path = tmp_path_factory.mktemp("roles") / "demo.sqlite"
    shutil.copy(_demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    registry = load_registry(engine)
    geography = load_geography(engine)
    geo_result = analyse(registry, geography, geometry=False)
    texts = sorted({_flat(t) for t in registry.findings["tekst"].dropna() if len(_flat(t)) >= 30})
    yield engine, registry, geography, geo_result, texts
    engine.dispose()


def _leaks(values, texts) -> list[str]:
    joined = _flat(" ".join(str(v) for v in values))
    return [t for t in texts if t in joined]


def _reasons(result) -> list[str]:
    return [r for column in ("redenen", "ketens") for rows in result.signals[column] for r in (rows or [])]


def test_a_lezer_gets_the_same_scores_without_any_finding_text(world):
    from monitor.analysis import analyse_level

    engine, registry, geography, geo_result, texts = world
    redacted = redact(registry, LEZER)
    assert redacted.findings["tekst"].isna().all() and redacted.findings["bron"].isna().all()
    assert redact(registry, ANALIST) is registry
    for column in redacted.findings.columns:  # the columns that keep scores equal hold no text
        assert _leaks(redacted.findings[column].astype(str), texts) == []
    full = analyse_level(geo_result, registry, geography, NIVEAU, GOLF)
    shown = analyse_level(geo_result, redacted, geography, NIVEAU, GOLF)

    pd.testing.assert_frame_equal(full.conditions, shown.conditions)
    assert full.signals["zwak_netwerk"].tolist() == shown.signals["zwak_netwerk"].tolist()
    assert _leaks(_reasons(full), texts), "the analist's reasons quote findings"
    assert _leaks(_reasons(shown), texts) == []
    assert _leaks(shown.evidence["omschrijving"], texts) == []
    findings = shown.evidence[shown.evidence["soort"] == "bevinding"]
    assert not findings.empty and (findings["bron"] == "").all()
    for reason in _reasons(shown):  # a hidden text is counted, never rendered as None or nan
        assert not re.search(r"\b(None|nan)\b", reason), reason
    assert any("zonder zichtbare tekst noem" in r for r in _reasons(shown))


def test_a_lezers_evidence_export_counts_findings_per_condition(world):
    from monitor import exports
    from monitor.analysis import analyse_level

    engine, registry, geography, geo_result, texts = world
    shown = analyse_level(geo_result, redact(registry, LEZER), geography, NIVEAU, GOLF)
    code = shown.evidence.loc[shown.evidence["soort"] == "bevinding", "code"].value_counts().index[0]
    evidence = exports.region_evidence(shown, code)
    counted = exports.findings_counted(evidence)
    rows = counted[counted["soort"] == "bevinding"]
    before = evidence[evidence["soort"] == "bevinding"]
    assert len(rows) == before.groupby(["voorwaarde", "richting"]).ngroups < len(before)
    assert rows["omschrijving"].str.contains("alleen voor analisten").all()
    assert rows["gewicht"].sum() == pytest.approx(before["gewicht"].sum())
    assert (counted["soort"] == "indicator").sum() == (evidence["soort"] == "indicator").sum()
    assert _leaks(counted.astype(str).to_numpy().ravel(), texts) == []


def test_a_dossier_from_a_lezers_registry_has_no_finding_text(world):
    from data.provenance import load_care_offices, load_provenance
    from monitor.analysis import analyse_level
    from monitor.dossier import DossierInputs, build_dossier

    engine, registry, geography, geo_result, texts = world

    def dossier(reg):
        result = analyse_level(geo_result, reg, geography, NIVEAU, GOLF)
        code = result.signals.sort_values("prioriteit", ascending=False)["code"].iloc[0]
        inputs = DossierInputs(reg, geography, geo_result, result, load_care_offices(engine), load_provenance(engine))
        return build_dossier(inputs, code, zonder_bevindingen=False)

    assert _leaks(dossier(registry).texts(), texts)
    assert _leaks(dossier(redact(registry, LEZER)).texts(), texts) == []


@pytest.fixture
def cli_db(_demo_template, tmp_path, monkeypatch):
    from data.access import local_user
    from data.registry import load_registry
    from data.users import add_user

    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    add_user(engine, local_user("beheer"), LEZER.email, "lezer")
    add_user(engine, local_user("beheer"), ANALIST.email, "analist")
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    texts = sorted({_flat(t) for t in load_registry(engine).findings["tekst"].dropna() if len(_flat(t)) >= 30})
    yield engine, texts
    engine.dispose()


def _busiest_region(capsys) -> str:
    assert main(["signalen", "--niveau", NIVEAU, "--golf", GOLF, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    return max(records, key=lambda r: r["prioriteit"] or 0)["code"]


def test_the_cli_applies_the_role_of_the_registered_mgz_user(cli_db, capsys, monkeypatch):
    engine, texts = cli_db
    monkeypatch.setenv("MGZ_USER", LEZER.email)
    code = _busiest_region(capsys)
    assert main(["signalen", "--niveau", NIVEAU, "--golf", GOLF, "--format", "json"]) == 0
    assert _leaks([capsys.readouterr().out], texts) == []
    assert main(["bewijs", "--niveau", NIVEAU, "--code", code, "--golf", GOLF, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert _leaks([out], texts) == [] and "alleen voor analisten" in out

    monkeypatch.setenv("MGZ_USER", ANALIST.email)
    assert main(["bewijs", "--niveau", NIVEAU, "--code", code, "--golf", GOLF, "--format", "json"]) == 0
    assert _leaks([capsys.readouterr().out], texts)

    monkeypatch.setenv("MGZ_USER", "niet-geregistreerd")  # without a registered user: the local single-user tool
    assert main(["bewijs", "--niveau", NIVEAU, "--code", code, "--golf", GOLF, "--format", "json"]) == 0
    assert _leaks([capsys.readouterr().out], texts)


def test_a_lezer_gets_the_dossier_without_findings_and_a_full_one_is_audited(cli_db, capsys, monkeypatch, tmp_path):
    from data.audit import read_audit

    engine, texts = cli_db
    monkeypatch.setenv("MGZ_USER", LEZER.email)
    code = _busiest_region(capsys)
    target = tmp_path / "lezer.pdf"
    assert main(["dossier", "--niveau", NIVEAU, "--code", code, "--golf", GOLF, "--format", "pdf",
                 "--output", str(target)]) == 0
    err = capsys.readouterr().err
    assert "zonder bevindingen" in err
    text = " ".join(_flat(p.extract_text() or "") for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert _leaks([text], texts) == []
    assert read_audit(engine, gebruiker=LEZER.email).empty  # nothing confidential was downloaded

    monkeypatch.setenv("MGZ_USER", ANALIST.email)
    target = tmp_path / "analist.pdf"
    assert main(["dossier", "--niveau", NIVEAU, "--code", code, "--golf", GOLF, "--format", "pdf",
                 "--output", str(target)]) == 0
    assert "vertrouwelijk" in capsys.readouterr().err
    audit = read_audit(engine, gebruiker=ANALIST.email)
    assert audit[["rol", "actie", "onderwerp"]].values.tolist() == [["analist", "download", "regiodossier (volledig)"]]


@pytest.mark.parametrize("niveau, golf", [("organisatie", GOLF), ("organisatie", None), ("gemeente", None)])
def test_scores_are_the_same_for_every_role(world, niveau, golf):
    from monitor.analysis import analyse_level

    engine, registry, geography, geo_result, texts = world
    full = analyse_level(geo_result, registry, geography, niveau, golf)
    shown = analyse_level(geo_result, redact(registry, LEZER), geography, niveau, golf)
    pd.testing.assert_frame_equal(full.conditions, shown.conditions)
    assert full.signals["zwak_netwerk"].tolist() == shown.signals["zwak_netwerk"].tolist()


def test_a_finding_that_names_an_organisation_counts_for_it_for_every_role(world):
    import dataclasses

    from data.access import redact as hide_texts
    from monitor.analysis import analyse_level

    engine, registry, geography, geo_result, texts = world
    facilities = geo_result.facilities
    vg = facilities[(facilities["type"] == "vg_locatie") & facilities["organisatie_id"].notna()].iloc[0]
    base = registry.findings[registry.findings["golf"] == GOLF].iloc[[0]]
    naming = base.assign(regio=vg["gemeente"], richting=-1, code=None,
                         tekst=f"{vg['organisatie_naam']} heeft geen afspraak met de huisartsenpost.")
    world_with = dataclasses.replace(registry, findings=pd.concat([registry.findings, naming], ignore_index=True))

    def finding_rows(reg):
        result = analyse_level(geo_result, reg, geography, "organisatie", GOLF)
        evidence = result.evidence
        return result, evidence[(evidence["soort"] == "bevinding") & (evidence["code"] == vg["organisatie_id"])]

    full, named = finding_rows(world_with)
    shown, kept = finding_rows(redact(world_with, LEZER))
    assert len(named) == len(kept) == 1 and "heeft geen afspraak" not in kept["omschrijving"].iloc[0]
    pd.testing.assert_frame_equal(full.conditions, shown.conditions)
    assert finding_rows(hide_texts(world_with, LEZER))[1].empty  # without monitor.redaction the match would be lost
