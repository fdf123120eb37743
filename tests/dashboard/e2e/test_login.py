"""Login for a team in a real browser: Streamlit's own OpenID Connect login (st.login) against a local test identity
provider (oidc-provider-mock on 127.0.0.1), with roles from the database.

The app server gets a temporary secrets file with an [auth] section through `--secrets.files` (nothing is written
into the project). It shows: without login nothing but the login screen; a user without a role sees no data; a lezer
sees no finding text on the Regio and Pilotregio's pages, in the dossier (on the page and as PDF) or in the evidence
download; an analist does see finding texts, and a full dossier download lands in the audit trail.
"""
from __future__ import annotations

import io
import re
import secrets
import shutil
import threading

import pytest
from pypdf import PdfReader

from tests.dashboard.e2e.conftest import (
    CHROMIUM, ROOT, PAGE_TIMEOUT_MS, block_outside_requests, free_port, start_app, stop_app, wait_for_app_idle,
)

LEZER = "lezer@e2e.example.nl"
ANALIST = "analist@e2e.example.nl"
ZONDER_ROL = "nieuw@e2e.example.nl"
MIN_TEXT = 30  # finding texts at least this long are specific enough to search for on a page


@pytest.fixture(scope="module")
def identity_provider():
    """oidc-provider-mock in this process on 127.0.0.1: any client id and secret; a login asks for the subject
    (here the e-mail address), which it also returns as the `email` claim."""
    from oidc_provider_mock import app as provider_app
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, provider_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def login_db(_demo_template, tmp_path_factory):
    """The national demo with a registered lezer and analist; returns (path, the demo's longer finding texts)."""
    from data.access import local_user
    from data.db import make_engine
    from data.registry import load_registry
    from data.users import add_user

    path = tmp_path_factory.mktemp("e2e-login") / "demo.sqlite"
    shutil.copy(_demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    admin = local_user("e2e-beheer")
    add_user(engine, admin, LEZER, "lezer")
    add_user(engine, admin, ANALIST, "analist")
    texts = sorted({_flat(t) for t in load_registry(engine).findings["tekst"].dropna() if len(_flat(t)) >= MIN_TEXT})
    engine.dispose()
    assert len(texts) > 50
    return path, texts


def _flat(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def login_app(login_db, identity_provider, tmp_path_factory):
    """`streamlit run streamlit_app.py` with [auth] pointing at the test identity provider."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    folder = tmp_path_factory.mktemp("e2e-login-server")
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "mgz-monitor-e2e"\n'
        'client_secret = "geheim-e2e"\n'
        f'server_metadata_url = "{identity_provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    server = start_app(login_db[0], folder / "home", folder / "streamlit.log", extra_env={"MGZ_USER": None},
                       port=port, extra_args=("--secrets.files", str(secrets_file)))
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    yield server
    stop_app(server)


@pytest.fixture
def session(browser, login_app, identity_provider):
    """A fresh browser context (own cookies) and a function that logs it in as an e-mail address."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    blocked: list[str] = []
    block_outside_requests(context, blocked)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def login(email: str | None):
        page.goto(login_app.url)
        wait_for_app_idle(page)
        if email is None:
            return page
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(re.compile(re.escape(identity_provider) + r"/oauth2/authorize"))
        page.fill('input[name="sub"]', email)
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(re.compile(re.escape(login_app.url) + r"/?(\?.*)?$"))
        wait_for_app_idle(page)
        return page

    yield login, login_app.url, errors
    context.close()
    # The identity provider's own page asks a CDN for its stylesheet (blocked); the app itself asks nothing outside.
    assert [u for u in blocked if "picocss" not in u] == []


def page_text(page) -> str:
    """Every text of the document, also in collapsed expanders and hidden tabs, whitespace collapsed."""
    return _flat(page.evaluate("() => document.body.textContent"))


def open_page(page, url: str) -> None:
    page.goto(url)
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_for_app_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()


def leaked(text: str, finding_texts: list[str]) -> list[str]:
    flat = _flat(text)
    return [t for t in finding_texts if t in flat]


def download(page, button: str, tmp_path):
    with page.expect_download(timeout=PAGE_TIMEOUT_MS) as info:
        page.get_by_role("button", name=button).first.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def pdf_text(path) -> str:
    return " ".join(_flat(p.extract_text() or "") for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_without_login_only_the_login_screen(session, login_db):
    login, url, errors = session
    page = login(None)
    for path in ("", "/regio", "/gegevens"):
        page.goto(f"{url}{path}")
        wait_for_app_idle(page)
        page.get_by_role("button", name="Inloggen").wait_for()
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # no navigation, no page
        text = page_text(page)
        assert "alleen toegankelijk na inloggen" in text
        assert leaked(text, login_db[1]) == []
        assert "Signaal" not in text and "Friesland" not in text
    assert errors == []


def test_a_user_without_a_role_sees_a_message_and_no_data(session, login_db):
    login, url, _ = session
    page = login(ZONDER_ROL)
    for path in ("", "/regio"):
        page.goto(f"{url}{path}")
        wait_for_app_idle(page)
        page.get_by_text("nog geen rol").wait_for()
        page.get_by_role("button", name="Uitloggen").wait_for()
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        text = page_text(page)
        assert ZONDER_ROL in text
        assert leaked(text, login_db[1]) == [] and "Friesland" not in text


def test_a_lezer_sees_no_finding_text_on_any_page_or_download(session, login_db, tmp_path):
    login, url, errors = session
    texts = login_db[1]
    page = login(LEZER)
    page.get_by_text("Ingelogd als").wait_for()
    assert f"Ingelogd als {LEZER} (lezer)" in page_text(page)

    open_page(page, f"{url}/regio")
    page.get_by_role("button", name="Dossier als PDF").wait_for()
    assert page.get_by_role("checkbox", name="Zonder bevindingen").count() == 0  # a lezer has no choice
    page.get_by_role("tab", name="Bevindingen").click()
    page.get_by_text("Als lezer ziet u per voorwaarde hoeveel bevindingen er zijn").wait_for()
    page.get_by_text("Dossier hier tonen").click()
    page.get_by_text("Knelpunten per systeemvoorwaarde").first.wait_for()
    wait_for_app_idle(page)
    text = page_text(page)
    assert leaked(text, texts) == []
    assert not re.search(r"\b(None|nan)\b", text)
    dossier = download(page, "Dossier als PDF", tmp_path)
    assert dossier.name.endswith("_zonder_bevindingen.pdf")
    assert leaked(pdf_text(dossier), texts) == []

    open_page(page, f"{url}/pilotregios")
    page.get_by_role("button", name="Bewijs als CSV").first.wait_for()
    assert leaked(page_text(page), texts) == []
    evidence = download(page, "Bewijs als CSV", tmp_path).read_bytes().decode("utf-8-sig")
    assert leaked(evidence, texts) == []
    assert "teksten en bronnen alleen voor analisten" in evidence  # the findings as counts per condition
    page.get_by_text("Dossier hier tonen").last.click()
    page.get_by_text("Knelpunten per systeemvoorwaarde").first.wait_for()
    wait_for_app_idle(page)
    assert leaked(page_text(page), texts) == []

    open_page(page, f"{url}/over")
    page.get_by_text("met de rol").wait_for()
    assert "met de rol lezer" in page_text(page)
    open_page(page, f"{url}/gegevens")
    page.get_by_role("heading", name="Importgeschiedenis").wait_for()  # the page's last section for a lezer
    for heading in ("Importeren", "Gebruikers", "Auditlogboek"):  # an analist's and a beheerder's sections
        assert page.get_by_role("heading", name=heading, exact=True).count() == 0
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert errors == []


def test_an_analist_sees_finding_texts_and_a_full_dossier_download_is_audited(session, login_db, tmp_path):
    from data.audit import read_audit
    from data.db import make_engine

    login, url, errors = session
    path, texts = login_db
    page = login(ANALIST)
    open_page(page, f"{url}/regio")
    page.get_by_role("checkbox", name="Zonder bevindingen").wait_for()
    page.get_by_role("button", name="Dossier als PDF").wait_for()
    shown = leaked(page_text(page), texts)
    assert shown, "an analist sees the finding texts in the reasons of the signal"
    dossier = download(page, "Dossier als PDF", tmp_path)
    assert dossier.name.endswith("_vertrouwelijk.pdf")
    assert leaked(pdf_text(dossier), texts)
    engine = make_engine(f"sqlite:///{path}")
    audit = read_audit(engine, gebruiker=ANALIST)
    engine.dispose()
    assert (audit["actie"] == "download").any() and audit["onderwerp"].str.contains("regiodossier").any()
    assert (audit["rol"] == "analist").all()
    assert errors == []
