"""Cached loaders shared by all pages.

Every heavy object is cached per database URL *and* per data version, a cheap fingerprint of the database
contents (row counts plus the newest import batch). An import, a demo load or a reference load changes the
fingerprint, so the next rerun computes fresh results without anyone having to clear caches by hand.

Big objects (frames, GeoDataFrames, analysis results) use ``st.cache_resource``: they are shared, not
copied, so a rerun after a click stays well under a second. Callers must treat them as read-only
(copy a frame before changing it).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Callable

import streamlit as st
from sqlalchemy import Engine, func, select

from data import config
from data import models as m

if TYPE_CHECKING:  # pragma: no cover - imports for type hints only
    from data.registry import Geography, Registry

# Tables whose row count is part of the data version; together with the newest import batch and the
# dataset facts they change on every import, demo load, reference load or deletion.
_VERSION_TABLES = (
    m.Region,
    m.Organisation,
    m.Facility,
    m.ServiceAreaPostcode,
    m.Collaboration,
    m.Wave,
    m.Finding,
    m.ConvenantAction,
    m.PilotCommission,
    m.Awareness,
    m.ImportBatch,
    m.DatasetInfo,
)
_MAX_VERSIONS = 4  # results of older data versions are dropped after a few imports


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    from data.db import make_engine

    return make_engine(url)


def engine() -> Engine:
    """The engine of the configured database (MGZ_DATABASE_URL), created and migrated once per URL."""
    return _engine_for(config.database_url())


_COUNT_NAMES = tuple(table.__tablename__ for table in _VERSION_TABLES)


@st.cache_data(ttl=2, show_spinner=False)
def _fingerprint(url: str) -> tuple[dict[str, int], int | None, tuple[tuple[str, str], ...]]:
    # A short ttl: one query per couple of seconds, yet an import from the command line shows up at once.
    counts = [select(func.count()).select_from(table).scalar_subquery() for table in _VERSION_TABLES]
    newest = select(func.max(m.ImportBatch.id)).scalar_subquery()
    with _engine_for(url).connect() as connection:
        row = connection.execute(select(*counts, newest)).one()
        facts = connection.execute(select(m.DatasetInfo.sleutel, m.DatasetInfo.waarde)).all()
    return dict(zip(_COUNT_NAMES, row[:-1])), row[-1], tuple(sorted((k, v) for k, v in facts))


def counts() -> dict[str, int]:
    """Row counts per table (regio, voorziening, bevinding, ...) of the configured database."""
    return _fingerprint(config.database_url())[0]


def dataset_facts() -> dict[str, str]:
    """The key/value facts of the database (demo marker, reference year, ...)."""
    return dict(_fingerprint(config.database_url())[2])


def is_demo() -> bool:
    """True while the fictional demo scenario is loaded (alone or mixed with own data)."""
    return "demo" in dataset_facts()


def demo_state() -> str | None:
    """None, 'demo', or 'gemengd' once own files are imported beside the demo (data.registry.demo_state)."""
    from data.registry import mixed_or_demo

    _, newest, facts = _fingerprint(config.database_url())
    return mixed_or_demo(dict(facts), newest)


def data_version() -> str:
    """Fingerprint of the database contents: row counts, the newest import batch, the dataset facts and the newest
    hand correction or withdrawal of a finding."""
    table_counts, newest, facts = _fingerprint(config.database_url())
    return ("|".join(str(v) for v in table_counts.values()) + f"|{newest}|" + ";".join(f"{k}={v}" for k, v in facts)
            + f"|{_findings_edited(config.database_url())}")


@st.cache_data(ttl=2, show_spinner=False)
def _findings_edited(url: str) -> str:
    """When a finding was last corrected or withdrawn (data.finding_edits): that changes no row count, yet must
    refresh every result computed from the findings."""
    with _engine_for(url).connect() as connection:
        newest = connection.execute(select(func.max(m.Finding.gewijzigd))).scalar()
    return "" if newest is None else str(newest)


def findings_edited() -> None:
    """After a correction or withdrawal on the page: look at the findings' edit time now, not after the ttl."""
    _findings_edited.clear()


def _key() -> tuple[str, str]:
    return config.database_url(), data_version()


@st.cache_resource(show_spinner="Register laden…", max_entries=_MAX_VERSIONS)
def _full_registry(url: str, version: str) -> "Registry":
    from data.registry import load_registry

    return load_registry(_engine_for(url))


# Finding texts and sources are only for roles with "bevindingen_lezen" (data.access). Every cached object that can
# carry them is cached per `texts`, so a lezer is never handed an object computed from the texts; the default is the
# redacted registry, so a loader added later cannot leak them by accident.
@st.cache_resource(show_spinner=False, max_entries=2 * _MAX_VERSIONS)
def _registry(url: str, version: str, texts: bool = False) -> "Registry":
    from data.access import Gebruiker
    from monitor.redaction import redact  # data.access.redact, with the same scores as with the texts

    full = _full_registry(url, version)
    return full if texts else redact(full, Gebruiker(email="(lezer)", rol="lezer"))


def _texts() -> bool:
    """Whether the user of this run may see finding texts; refuses a user without a role (data.access.require)."""
    from dashboard.auth import current_user, finding_texts_allowed
    from data.access import require
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx() is not None:
        require(current_user(), "gegevens_zien")
    return finding_texts_allowed()


def registry() -> "Registry":
    """Everything users imported (facilities, collaborations, findings, waves, actions), as the current user may see
    it: without finding texts and sources unless the role allows them (data.access.redact)."""
    return _registry(*_key(), _texts())


@st.cache_resource(show_spinner="Kaartgrenzen laden…", max_entries=2 * _MAX_VERSIONS)
def _geography(url: str, version: str, web: bool) -> "Geography":
    from data.registry import load_geography

    return load_geography(_engine_for(url), web=web)


def geography(web: bool = False) -> "Geography":
    """CBS regions of all levels; ``web=True`` gives the simplified outlines meant for maps."""
    url, version = _key()
    return _geography(url, version, web)


@st.cache_resource(show_spinner="Indicatoren berekenen…", max_entries=_MAX_VERSIONS)
def _geo_result(url: str, version: str):
    from geo.analysis import analyse

    # Maps draw their own light outlines (service_area_outlines), so skip geo's full-detail dissolve.
    return analyse(_registry(url, version), _geography(url, version, False), geo_settings(), geometry=False)


def geo_settings():
    """Default assumptions of the geo analysis (travel-time model, catchment, gap thresholds)."""
    from geo.settings import GeoSettings

    return GeoSettings()


def geo_result():
    """Indicators, facilities, HAP service areas and coverage gaps for all levels (geo.analysis.analyse)."""
    return _geo_result(*_key())


@st.cache_resource(show_spinner="Signalen berekenen…", max_entries=4 * _MAX_VERSIONS)
def _monitor_result(url: str, version: str, niveau: str, golf: str | None, texts: bool = False):
    from monitor.analysis import analyse_level

    return analyse_level(
        _geo_result(url, version), _registry(url, version, texts), _geography(url, version, False), niveau, golf
    )


def monitor_result(niveau: str, golf: str | None = None):
    """Scores, signals, matrix cells and evidence for all regions of one level in one wave (None = all waves
    together); the pages default to the latest wave (dashboard.components.selection.latest_wave)."""
    url, version = _key()
    return _monitor_result(url, version, niveau, golf, _texts())


def clear() -> None:
    """Forget every cached result, e.g. after an import (the data version makes this optional)."""
    st.cache_data.clear()
    for function in (
        _fingerprint, _findings_edited, _import_history, _full_registry, _registry, _geography, _geo_result, _monitor_result,
        _scores_by_wave, _signals_by_wave, _action_status, _service_area_outlines, _coverage, _map_points,
    ):
        function.clear()


@st.cache_data(show_spinner=False, max_entries=_MAX_VERSIONS)
def _import_history(url: str, version: str):
    import pandas as pd

    b = m.ImportBatch
    statement = select(
        b.id, b.tijdstip, b.soort, b.bestandsnaam, b.rijen_totaal, b.rijen_geimporteerd, b.rijen_afgewezen, b.gebruiker
    ).order_by(b.id.desc())
    with _engine_for(url).connect() as connection:
        rows = connection.execute(statement).all()
    columns = ["batch", "tijdstip", "soort", "bestand", "rijen", "geïmporteerd", "afgewezen", "gebruiker"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def import_history():
    """Every import batch, newest first (batch, tijdstip, soort, bestand, rijen, geïmporteerd, afgewezen, gebruiker)."""
    return _import_history(*_key())


@st.cache_resource(show_spinner="Meetgolven vergelijken…", max_entries=4 * _MAX_VERSIONS)
def _scores_by_wave(url: str, version: str, niveau: str, texts: bool = False):
    from monitor.waves import scores_by_wave

    return scores_by_wave(_geo_result(url, version), _registry(url, version, texts), _geography(url, version, False),
                          niveau)


def scores_by_wave(niveau: str):
    """Scores of every region and condition per wave, with the change since the previous wave (monitor.waves)."""
    url, version = _key()
    return _scores_by_wave(url, version, niveau, _texts())


@st.cache_resource(show_spinner="Meetgolven vergelijken…", max_entries=4 * _MAX_VERSIONS)
def _signals_by_wave(url: str, version: str, niveau: str, texts: bool = False):
    from monitor.waves import signals_by_wave

    return signals_by_wave(_geo_result(url, version), _registry(url, version, texts), _geography(url, version, False),
                           niveau)


def signals_by_wave(niveau: str):
    """Signals of every region per wave (monitor.waves)."""
    url, version = _key()
    return _signals_by_wave(url, version, niveau, _texts())


@st.cache_resource(show_spinner=False, max_entries=_MAX_VERSIONS)
def _action_status(url: str, version: str):
    from monitor.waves import action_status

    return action_status(_registry(url, version), _geography(url, version, False))


def action_status():
    """Convenant actions per action line × party × region with their status per wave and the change."""
    return _action_status(*_key())


def reference_years() -> dict[str, int]:
    """Year of the CBS boundaries per level as recorded by the reference load (empty when unknown)."""
    import json

    raw = dataset_facts().get("referentie")
    if not raw:
        return {}
    try:
        years = json.loads(raw).get("jaren") or {}
    except (ValueError, AttributeError):
        return {}
    return {str(k): int(v) for k, v in years.items() if str(v).isdigit()}


def last_import():
    """Time (UTC) of the newest import batch, or None."""
    history = import_history()
    return None if history.empty else history["tijdstip"].max()


@st.cache_resource(show_spinner="Werkgebieden voor de kaart…", max_entries=_MAX_VERSIONS)
def _service_area_outlines(url: str, version: str):
    from dashboard.maps.outlines import service_area_outlines as build

    result = _geo_result(url, version)
    regions = _geography(url, version, True).regions
    return build(result.service_area_pc4, result.service_areas, regions[regions["niveau"] == "pc4"])


def service_area_outlines():
    """HAP service areas (hap_id, naam, geometry) with light, clean outlines for maps (dashboard.maps.outlines)."""
    return _service_area_outlines(*_key())


@st.cache_resource(show_spinner="Dekking per locatie berekenen…", max_entries=_MAX_VERSIONS)
def _coverage(url: str, version: str, peildatum):
    from geo.coverage import coverage_table

    return coverage_table(_geo_result(url, version), _registry(url, version), peildatum)


def coverage():
    """Dekking per VG-locatie on today's date (geo.coverage.coverage_table); recomputed when the day changes."""
    from datetime import date

    return _coverage(*_key(), date.today())


@st.cache_resource(show_spinner=False, max_entries=4 * _MAX_VERSIONS)
def _map_points(url: str, version: str, kind: str):
    from dashboard.maps.points import point_layer_data

    return point_layer_data(_registry(url, version).facilities, kind)


def map_points(kinds) -> dict:
    """Facility type -> its packed point layer for the national map (dashboard.maps.points), per data version."""
    url, version = _key()
    return {kind: _map_points(url, version, kind) for kind in kinds}


# -- warming ---------------------------------------------------------------------------------------------------
# Every page reads the same cached results, so whatever one page or the warmer computed, no other page computes
# again (st.cache_resource lets a second caller wait for a value being computed instead of computing it twice).
# The warmer fills them in a background thread, in the order the first page (Kaart) needs them, then what the other
# pages need: other levels, waves over time, convenant actions, the map's point layers. `python -m dashboard`
# computes the Kaart's part before the server answers (warm_for_start), so the first page finds it ready. The
# background thread steps aside while a page runs (note_page_run): between two steps it waits until no page run
# started for a moment, so a user's page does not share the CPU with work no page asked for yet.

_WARM_LOCK = threading.Lock()
_WARMED: set[tuple[str, str]] = set()
_LOG = logging.getLogger("mgz.warm")
# The steps the Kaart (the first page) needs for its default view, in warm_steps' order.
FIRST_PAGE_STEPS = ("register", "geografie", "geo-indicatoren", "signalen zorgkantoorregio", "kaartgrenzen",
                    "werkgebieden", "punten")
_QUIET_S = 5.0  # the background warmer starts its next step once no page run started for this long ...
_MAX_PAUSE_S = 30.0  # ... but waits at most this long per step, so warming also ends while users keep clicking
_START_GRACE_S = 15.0  # after `python -m dashboard` started the server: time for the first visitor before the rest
# Streamlit-component packages: imported by the first page run itself (see import_page_modules), but what they
# import in turn (folium's templates are compiled when its modules load) may be imported ahead.
_COMPONENT_DEPENDENCIES = {"streamlit_folium": ("folium", "folium.plugins", "branca")}
_last_page_run = 0.0  # time.monotonic() of the latest page run (note_page_run)


def note_page_run() -> None:
    """Called at the start of every script run (dashboard.setup.configure_app): the background warmer pauses."""
    global _last_page_run
    _last_page_run = time.monotonic()


def _wait_until_quiet() -> None:
    deadline = time.monotonic() + _MAX_PAUSE_S
    while (now := time.monotonic()) < deadline:
        idle = now - _last_page_run
        if idle >= _QUIET_S:
            return
        time.sleep(min(_QUIET_S - idle, deadline - now))


def warm_steps() -> list[tuple[str, Callable[[], object]]]:
    """(name, call) of everything the pages use, in the order the warmer computes it (for the configured database)."""
    from monitor.catalogue import MONITOR_LEVELS

    def latest():
        waves = registry().waves
        return None if waves.empty else str(waves.sort_values(["volgorde", "code"], kind="stable")["code"].iloc[-1])

    steps: list[tuple[str, Callable[[], object]]] = [
        ("register", registry),
        ("geografie", geography),
        ("geo-indicatoren", geo_result),
        ("signalen zorgkantoorregio", lambda: monitor_result("zorgkantoorregio", latest())),
        ("kaartgrenzen", lambda: geography(web=True)),
        ("werkgebieden", service_area_outlines),
        ("punten", lambda: map_points(("hap", "avg_poli", "vg_locatie", "huisartsenpraktijk"))),
    ]
    steps += [(f"signalen {niveau}", lambda n=niveau: monitor_result(n, latest())) for niveau in MONITOR_LEVELS]
    steps += [("importgeschiedenis", import_history), ("convenantacties", action_status)]
    if "coverage" in globals():  # the Dekking page
        steps.append(("dekking", globals()["coverage"]))
    for niveau in MONITOR_LEVELS:
        steps += [(f"golven {niveau}", lambda n=niveau: (signals_by_wave(n), scores_by_wave(n)))]
    for niveau in MONITOR_LEVELS:
        steps.append((f"alle golven {niveau}", lambda n=niveau: monitor_result(n, None)))
    return steps


def warm(steps: list[tuple[str, Callable[[], object]]] | None = None, polite: bool = False) -> list[str]:
    """Compute every step now (in this thread); returns the names of the steps that failed (e.g. an empty database).

    ``polite``: before each step wait until no page run started for a moment (the background thread)."""
    failed = []
    for name, step in steps if steps is not None else warm_steps():
        if polite:
            _wait_until_quiet()
        started = time.perf_counter()
        try:
            step()
        except Exception:  # a page shows the error with its own message; the warmer only logs it
            _LOG.debug("warming %s failed", name, exc_info=True)
            failed.append(name)
        else:
            _LOG.debug("warm %s: %.2f s", name, time.perf_counter() - started)
    return failed


def import_page_modules(pages: tuple[str, ...] | None = None) -> None:
    """Import the modules the pages import at their top (folium, the map builders, the components, ...), so the
    first page run after a server start does not pay for it. Read from the page files themselves: streamlit_app.py
    and ``pages`` (names in dashboard/pages, e.g. ("kaart",); None: every page).

    Left out: modules that declare a Streamlit component when imported (streamlit-folium, and every project module
    that imports it): outside a script run Streamlit creates the component without registering it, and the page
    would then show an empty frame. The first page run imports those (they are small)."""
    import ast
    import importlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]

    def imported(path: Path) -> set[str]:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            return set()
        names = set()
        for node in tree.body:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)  # `from package import module`
        return names

    def source(name: str) -> Path | None:
        parts = name.split(".")
        if parts[0] not in ("dashboard", "data", "geo", "monitor"):
            return None
        for candidate in (root.joinpath(*parts).with_suffix(".py"), root.joinpath(*parts, "__init__.py")):
            if candidate.is_file():
                return candidate
        return None

    def declares_component(name: str) -> bool:
        return name.split(".")[0] == "streamlit_folium" or name.startswith("streamlit.components")

    wanted = set()
    folder = root / "dashboard" / "pages"
    chosen = sorted(folder.glob("*.py")) if pages is None else [folder / f"{page}.py" for page in pages]
    for path in [root / "streamlit_app.py", *chosen]:
        wanted |= imported(path)
    imports: dict[str, set[str]] = {}  # project module -> what it imports, transitively below
    todo = [name for name in wanted if source(name)]
    while todo:
        name = todo.pop()
        if name not in imports:
            imports[name] = imported(source(name))
            todo += [n for n in imports[name] if source(n) and n not in imports]

    def tainted(name: str, seen: set[str]) -> bool:
        if declares_component(name):
            return True
        if name in seen or name not in imports:
            return False
        seen.add(name)
        return any(tainted(n, seen) for n in imports[name])

    for name in sorted(wanted):
        if tainted(name, set()):
            ahead = _COMPONENT_DEPENDENCIES.get(name, ())
        else:
            ahead = (name,) if source(name) or "." not in name else ()
        for module in ahead:
            try:
                importlib.import_module(module)
            except ImportError:  # `from package import name` where name is not a module; or a page's own error
                continue
            except Exception:
                _LOG.debug("importing %s failed", module, exc_info=True)


def warm_for_start() -> None:
    """For `python -m dashboard`, before the server starts: the Kaart's modules and inputs now, in this thread
    (start-up takes a few seconds longer, the first page opens warm), then the rest in the background. Importing
    here, before any page runs, also keeps the imports out of reach of a page importing the same modules at once."""
    global _last_page_run
    import inspect
    import sys

    started = time.perf_counter()
    import_page_modules(("kaart",))  # the first page's; the others import theirs at their first run, as before
    # Streamlit names a component after its module (inspect.getmodule, which maps every loaded module's file once).
    inspect.getmodule(sys._getframe())
    _LOG.debug("warm modules Kaart: %.2f s", time.perf_counter() - started)
    try:
        steps = warm_steps()
    except Exception:  # no database yet: the page says so
        _LOG.debug("warming skipped", exc_info=True)
        return
    # What every page's start shows (setup.page_start: demo notice, provenance), then the Kaart's data.
    warm([("paginakop", lambda: (demo_state(), reference_years(), last_import()))])
    warm([(name, step) for name, step in steps if name in FIRST_PAGE_STEPS])
    _last_page_run = time.monotonic() + _START_GRACE_S - _QUIET_S  # the rest waits for the first visitor (or 15 s)
    warm_in_background()  # the remaining steps; the ones done above are cache hits


def warm_in_background() -> bool:
    """Start the warmer once per database and data version (again after an import); True when it started now."""
    try:
        key = _key()
    except Exception:  # no database yet: the page says so
        return False
    with _WARM_LOCK:
        if key in _WARMED:
            return False
        _WARMED.add(key)
    threading.Thread(target=warm, kwargs={"polite": True}, name="mgz-cache-warmer", daemon=True).start()
    return True
