"""End-to-end fixtures: the real Streamlit server on the national demo, driven by Debian's Chromium.

The server gets MGZ_TILES=geen and every browser request that does not go to 127.0.0.1/localhost is
aborted and recorded, so a test can assert that the app works without internet and needed nothing
outside. Readiness is awaited by polling the health endpoint and then waiting for DOM elements, never by
fixed sleeps.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
STARTUP_TIMEOUT_S = 90  # first start on the national demo computes all indicators
PAGE_TIMEOUT_MS = 90_000



def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder e2e; skip them (with the reason) only when Chromium is absent."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
    """Poll /_stcore/health until it answers 'ok'; fail early if the server process died."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # poll interval, not a wait for readiness
    raise TimeoutError(f"streamlit did not become healthy at {url} within {timeout_s} s")


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_app(database: Path, home: Path, log_path: Path, extra_env: dict | None = None, launcher: bool = False,
              port: int | None = None, extra_args: tuple[str, ...] = ()) -> AppServer:
    """`streamlit run streamlit_app.py` on a free port (or `port`) against `database` (a SQLite file).

    ``launcher``: start with `python -m dashboard` instead, which warms the caches while the server starts.
    ``extra_env``: a value None removes that variable; ``extra_args`` go to Streamlit (e.g. --secrets.files)."""
    port = port or free_port()
    env = {
        **os.environ,
        "MGZ_DATABASE_URL": f"sqlite:///{database}",
        "MGZ_HOME": str(home),
        "MGZ_TILES": "geen",
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env = {key: value for key, value in env.items() if value is not None}
    command = [
        sys.executable, "-m", *(["dashboard"] if launcher else ["streamlit", "run", "streamlit_app.py"]),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *extra_args,
    ]
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = AppServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        wait_until_healthy(server.url, process)
    except Exception:
        stop_app(server)
        raise RuntimeError(f"App did not start; log:\n{server.log()}")
    return server


def stop_app(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


# A facility whose name and place try to run script in the browser; they must show as plain text.
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_PLACE = '<img src=x onerror="window.mgzHacked=1">'


def add_hostile_facility(path: Path) -> None:
    from data import models as m
    from data.db import make_engine, transaction

    engine = make_engine(f"sqlite:///{path}")
    with transaction(engine) as session:
        session.add(
            m.Facility(
                id="E2E-HOSTILE", type="hap", naam=HOSTILE_NAME, plaats=HOSTILE_PLACE, lat=52.3676, lon=4.9041,
                locatie_bij_benadering=False,
            )
        )
    engine.dispose()


@pytest.fixture(scope="session")
def e2e_demo_db(_demo_template, tmp_path_factory) -> Path:
    """A private copy of the national demo (plus one hostile facility) for the server all e2e tests share."""
    path = tmp_path_factory.mktemp("e2e") / "demo.sqlite"
    shutil.copy(_demo_template, path)
    add_hostile_facility(path)
    return path


@pytest.fixture(scope="session")
def app_server(e2e_demo_db, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    folder = tmp_path_factory.mktemp("e2e-server")
    server = start_app(e2e_demo_db, folder / "home", folder / "streamlit.log")
    yield server
    stop_app(server)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser page on the app plus what it tried to fetch from outside and what went wrong."""

    page: object
    url: str
    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def block_outside_requests(context, blocked: list[str]) -> None:
    """Abort (and record) every request that does not go to this machine."""

    def handle(route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)


@pytest.fixture
def visit(app_server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    result = Visit(page=None, url=app_server.url)
    block_outside_requests(context, result.blocked)
    page = context.new_page()
    page.on("pageerror", lambda error: result.page_errors.append(str(error)))
    result.page = page
    yield result
    context.close()


def wait_for_app_idle(page) -> None:
    """Wait until Streamlit is connected and the script run has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')


def map_frame(page):
    """The streamlit-folium iframe of the page, once Leaflet has drawn regions into it."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator(".leaflet-container").wait_for()
    handle = page.query_selector('iframe[title="streamlit_folium.st_folium"]').content_frame()
    handle.wait_for_function(REGIONS_DRAWN_JS)
    return handle


# True once the map exists and at least one region feature (property `c` = code) is on it.
REGIONS_DRAWN_JS = """
() => !!window.map && Object.values(window.map._layers).some(
    l => l.feature && l.feature.properties && l.feature.properties.c !== undefined && l._parts && l._parts.length > 0)
"""
