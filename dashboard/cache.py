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
    """Fingerprint of the database contents: row counts, the newest import batch and the dataset facts."""
    table_counts, newest, facts = _fingerprint(config.database_url())
    return "|".join(str(v) for v in table_counts.values()) + f"|{newest}|" + ";".join(f"{k}={v}" for k, v in facts)


def _key() -> tuple[str, str]:
    return config.database_url(), data_version()


@st.cache_resource(show_spinner="Register laden…", max_entries=_MAX_VERSIONS)
def _registry(url: str, version: str) -> "Registry":
    from data.registry import load_registry

    return load_registry(_engine_for(url))


def registry() -> "Registry":
    """Everything users imported (facilities, collaborations, findings, waves, actions)."""
    return _registry(*_key())


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
def _monitor_result(url: str, version: str, niveau: str, golf: str | None):
    from monitor.analysis import analyse_level

    return analyse_level(
        _geo_result(url, version), _registry(url, version), _geography(url, version, False), niveau, golf
    )


def monitor_result(niveau: str, golf: str | None = None):
    """Scores, signals, matrix cells and evidence for all regions of one level in one wave (None = all waves
    together); the pages default to the latest wave (dashboard.components.selection.latest_wave)."""
    url, version = _key()
    return _monitor_result(url, version, niveau, golf)


def clear() -> None:
    """Forget every cached result, e.g. after an import (the data version makes this optional)."""
    st.cache_data.clear()
    for function in (
        _fingerprint, _import_history, _registry, _geography, _geo_result, _monitor_result,
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
def _scores_by_wave(url: str, version: str, niveau: str):
    from monitor.waves import scores_by_wave

    return scores_by_wave(_geo_result(url, version), _registry(url, version), _geography(url, version, False), niveau)


def scores_by_wave(niveau: str):
    """Scores of every region and condition per wave, with the change since the previous wave (monitor.waves)."""
    url, version = _key()
    return _scores_by_wave(url, version, niveau)


@st.cache_resource(show_spinner="Meetgolven vergelijken…", max_entries=4 * _MAX_VERSIONS)
def _signals_by_wave(url: str, version: str, niveau: str):
    from monitor.waves import signals_by_wave

    return signals_by_wave(_geo_result(url, version), _registry(url, version), _geography(url, version, False), niveau)


def signals_by_wave(niveau: str):
    """Signals of every region per wave (monitor.waves)."""
    url, version = _key()
    return _signals_by_wave(url, version, niveau)


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
# pages need: other levels, waves over time, convenant actions, the map's point layers.

_WARM_LOCK = threading.Lock()
_WARMED: set[tuple[str, str]] = set()
_LOG = logging.getLogger("mgz.warm")


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


def warm(steps: list[tuple[str, Callable[[], object]]] | None = None) -> list[str]:
    """Compute every step now (in this thread); returns the names of the steps that failed (e.g. an empty database)."""
    failed = []
    for name, step in steps if steps is not None else warm_steps():
        try:
            step()
        except Exception:  # a page shows the error with its own message; the warmer only logs it
            _LOG.debug("warming %s failed", name, exc_info=True)
            failed.append(name)
    return failed


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
    threading.Thread(target=warm, name="mgz-cache-warmer", daemon=True).start()
    return True
