"""Roles in the dashboard: the data-serving cache hands a lezer only redacted objects, the pages show a lezer counts
instead of finding texts, an analist corrects and withdraws findings on the Regio page, a beheerder manages users and
reads the audit trail on Gegevens. The user is what streamlit_app.py's gate stores in the session."""
from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import SESSION_KEY
from data.access import Gebruiker, local_user
from tests.dashboard.conftest import clear_streamlit_caches
from tests.dashboard.test_pages import DEMO_REGION, run_page, texts

LEZER = Gebruiker("lezer@voorbeeld.nl", "lezer")
ANALIST = Gebruiker("analist@voorbeeld.nl", "analist")
BEHEERDER = Gebruiker("beheer@voorbeeld.nl", "beheerder")


def _flat(text) -> str:
    """Whitespace collapsed and Markdown escapes removed (pages escape imported text: 'de HAP\\.')."""
    return " ".join(re.sub(r"\\(.)", r"\1", str(text)).split())


@pytest.fixture(scope="module")
def finding_texts(_demo_template):
    from data.db import make_engine
    from data.registry import load_registry

    engine = make_engine(f"sqlite:///{_demo_template}")
    found = sorted({_flat(t) for t in load_registry(engine).findings["tekst"].dropna() if len(_flat(t)) >= 30})
    engine.dispose()
    return found


def _leaks(text: str, finding_texts) -> list[str]:
    flat = _flat(text)
    return [t for t in finding_texts if t in flat]


def _served(user) -> None:
    """An app script: what dashboard.cache serves to `user` (set as the gate would)."""
    import streamlit as st

    from dashboard import cache

    st.session_state["mgz_gebruiker"] = user
    registry = cache.registry()
    result = cache.monitor_result("zorgkantoorregio", "2024")
    reasons = [r for rows in result.signals["redenen"] for r in rows]
    st.session_state["served"] = {
        "texts": int(registry.findings["tekst"].notna().sum()),
        "sources": int(registry.findings["bron"].notna().sum()),
        "reasons": reasons,
        "evidence": result.evidence["omschrijving"].tolist(),
        "ids": (id(registry), id(result)),
    }


def _serve(user: Gebruiker) -> dict:
    at = AppTest.from_function(_served, args=(user,), default_timeout=300)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at.session_state["served"]


def test_the_cache_never_hands_a_lezer_an_object_with_finding_texts(demo_app, finding_texts):
    analist = _serve(ANALIST)
    lezer = _serve(LEZER)
    assert analist["texts"] > 0 and analist["sources"] > 0
    assert _leaks(" ".join(analist["reasons"]), finding_texts)
    assert lezer["texts"] == 0 and lezer["sources"] == 0
    assert _leaks(" ".join(map(str, lezer["reasons"] + lezer["evidence"])), finding_texts) == []
    assert set(lezer["ids"]).isdisjoint(analist["ids"])  # separate cached objects, not one shared result
    assert _serve(LEZER)["ids"] == lezer["ids"]  # and cached: the second lezer gets the same redacted objects


def test_a_user_without_a_role_is_refused_by_the_cache(demo_app):
    at = AppTest.from_function(_served, args=(Gebruiker("nieuw@voorbeeld.nl", None),), default_timeout=300)
    at.run()
    assert at.exception and "nog geen rol" in at.exception[0].value


def test_regio_shows_a_lezer_counts_and_the_short_dossier_only(demo_app, finding_texts):
    at = run_page("regio", {**DEMO_REGION, SESSION_KEY: LEZER})
    shown = texts(at)
    assert _leaks(shown, finding_texts) == []
    assert "Als lezer ziet u per voorwaarde hoeveel bevindingen er zijn" in shown
    assert not [c for c in at.checkbox if c.key == "regio_dossier_zonder"]
    counts = next(d.value for d in at.dataframe if "Bevindingen over een knelpunt" in d.value.columns)
    assert counts.iloc[:, 1:].to_numpy().sum() > 0
    for frame in (d.value for d in at.dataframe):
        assert _leaks(" ".join(map(str, frame.to_numpy().ravel())), finding_texts) == []
    at.toggle(key="regio_dossier_tonen").set_value(True).run()
    assert "versie zonder bevindingen" in texts(at) and _leaks(texts(at), finding_texts) == []


def test_regio_shows_an_analist_the_texts(demo_app, finding_texts):
    at = run_page("regio", {**DEMO_REGION, SESSION_KEY: ANALIST})
    assert _leaks(texts(at), finding_texts)
    assert at.checkbox(key="regio_dossier_zonder").value is False
    assert "Als lezer" not in texts(at)


@pytest.fixture
def writable_demo(_demo_template, tmp_path, monkeypatch):
    from data.db import make_engine

    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    clear_streamlit_caches()
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()
    clear_streamlit_caches()


def _first_finding(engine, regio: str, golf: str):
    from data.finding_edits import findings_for_editing

    findings = findings_for_editing(engine, ANALIST, regio=regio)
    return findings[findings["golf"] == golf].iloc[0]


def test_an_analist_corrects_and_withdraws_a_finding_with_a_reason(writable_demo):
    from data.audit import read_audit
    from data.finding_edits import findings_for_editing

    engine = writable_demo
    finding = _first_finding(engine, DEMO_REGION["regio_code"], "2024")  # the page shows the latest wave
    number = int(finding["id"])
    at = run_page("regio", {**DEMO_REGION, SESSION_KEY: ANALIST})
    at.selectbox(key="bewerk_ZK08").set_value(number).run()
    at.text_area(key=f"tekst_{number}").set_value("Gecorrigeerde tekst van de e2e-proef over de HAP.")
    at.button[[b.label for b in at.button].index("Opslaan")].click().run()
    assert any("Geef een reden" in e.value for e in at.error)  # no reason: nothing stored
    assert findings_for_editing(engine, ANALIST, regio="ZK08").set_index("id").loc[number, "tekst"] == finding["tekst"]

    at.text_input(key=f"reden_{number}").set_value("Tikfout in het interviewverslag")
    at.button[[b.label for b in at.button].index("Opslaan")].click().run()
    assert not at.exception and not any("reden" in e.value for e in at.error)
    assert f"Bevinding {number} is gecorrigeerd." in texts(at)
    edited = next(d.value for d in at.dataframe if "Status" in d.value.columns).set_index("Nr.").loc[number]
    assert edited["Status"] == "gecorrigeerd" and edited["Bevinding"].startswith("Gecorrigeerde tekst")
    counted = next(d.value for d in at.dataframe if "Bevinding" in d.value.columns and "Status" not in d.value.columns)
    assert counted["Bevinding"].str.contains("Gecorrigeerde tekst van de e2e-proef").any()  # the monitor, at once

    at.radio(key=f"actie_{number}").set_value("Intrekken")
    at.text_input(key=f"reden_{number}").set_value("Dubbel met een andere bevinding")
    at.button[[b.label for b in at.button].index("Opslaan")].click().run()
    assert f"Bevinding {number} is ingetrokken" in texts(at)
    table = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert table.set_index("Nr.").loc[number, "Status"] == "ingetrokken: Dubbel met een andere bevinding"
    counted = next(d.value for d in at.dataframe if "Bevinding" in d.value.columns and "Status" not in d.value.columns)
    assert not counted["Bevinding"].str.contains("Gecorrigeerde tekst van de e2e-proef").any()  # no longer counts
    actions = read_audit(engine, gebruiker=ANALIST.email)["actie"].tolist()
    assert actions == ["bevinding_gecorrigeerd", "bevinding_ingetrokken"]


def test_gegevens_hides_what_a_role_may_not_do(demo_app):
    at = run_page("gegevens", {SESSION_KEY: LEZER})
    headers = [h.value for h in at.header]
    assert "Importeren" not in headers and "Gebruikers" not in headers and "Auditlogboek" not in headers
    assert "Bevindingen" not in [str(o) for o in at.selectbox(key="export_kind").options]
    at = run_page("gegevens", {SESSION_KEY: ANALIST})
    headers = [h.value for h in at.header]
    assert "Importeren" in headers and "Gebruikers" not in headers and "Auditlogboek" not in headers


def test_a_beheerder_adds_and_changes_users_and_reads_the_audit_trail(writable_demo):
    from data.users import list_users

    engine = writable_demo
    at = run_page("gegevens", {SESSION_KEY: BEHEERDER})
    assert {"Gebruikers", "Auditlogboek"} <= {h.value for h in at.header}
    at.text_input[[t.label for t in at.text_input].index("E-mailadres")].set_value("Nieuw@Voorbeeld.nl")
    at.selectbox(key="nieuwe_rol").set_value("analist")
    at.button[[b.label for b in at.button].index("Toevoegen")].click().run()
    assert not at.exception
    assert "nieuw@voorbeeld.nl is toegevoegd als analist." in texts(at)
    assert list_users(engine)[["email", "rol"]].values.tolist() == [["nieuw@voorbeeld.nl", "analist"]]

    at.selectbox(key="wijzig_email").set_value("nieuw@voorbeeld.nl")
    at.selectbox(key="wijzig_rol").set_value("lezer")
    at.button[[b.label for b in at.button].index("Rol wijzigen")].click().run()
    assert list_users(engine)["rol"].tolist() == ["lezer"]

    at.button[[b.label for b in at.button].index("Verwijderen")].click().run()  # not confirmed: nothing happens
    assert any("Vink eerst aan" in e.value for e in at.error) and len(list_users(engine)) == 1

    audit = next(d.value for d in at.dataframe if "Actie" in d.value.columns)
    assert audit["Actie"].tolist()[:2] == ["rol gewijzigd", "gebruiker toegevoegd"]  # newest first
    assert set(audit.loc[audit["Onderwerp"] == "nieuw@voorbeeld.nl", "Gebruiker"]) == {BEHEERDER.email}
    download = next(b for b in at.get("download_button") if b.proto.label == "Auditlogboek als CSV")
    assert download is not None


def test_the_over_page_says_how_the_app_runs(demo_app):
    at = run_page("over", {SESSION_KEY: local_user("iemand")})
    assert "voor één persoon op deze computer" in texts(at)


def test_without_login_the_app_listens_on_this_computer_only():
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert ".streamlit/secrets.toml" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_without_auth_the_gate_lets_the_local_user_in_as_beheerder():
    def app():
        import streamlit as st

        from dashboard.auth import SESSION_KEY, gate, login_configured

        user = gate()
        st.write(f"{login_configured()}|{user.rol}|{user.lokaal}|{st.session_state[SESSION_KEY] == user}")

    at = AppTest.from_function(app, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "False|beheerder|True|True"
