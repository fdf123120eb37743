"""The data version changes with every import, so cached results never outlive the data they came from."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from data.imports import import_file

FACILITIES = (
    "id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open\n"
    "T-HAP;hap;Huisartsenpost Proef;;;1011 AB;Amsterdam;52,3745;4,9051;;;ja\n"
).encode("utf-8")


def test_an_import_changes_the_data_version_and_the_cached_registry(reference_engine, monkeypatch):
    monkeypatch.setenv("MGZ_DATABASE_URL", str(reference_engine.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    before = cache.data_version()
    assert cache.counts()["regio"] > 0 and cache.counts()["voorziening"] == 0
    assert cache.registry().facilities.empty
    assert not cache.is_demo()
    assert cache.reference_years()["gemeente"] == 2025

    report = import_file(reference_engine, "voorzieningen", FACILITIES, filename="proef.csv", user="test")
    assert report.batch_id is not None
    cache.clear()  # what the Gegevens page does after an import

    assert cache.data_version() != before
    assert cache.registry().facilities["id"].tolist() == ["T-HAP"]
    assert cache.import_history()["bestand"].tolist() == ["proef.csv"]
    assert cache.last_import() is not None
    st.cache_data.clear()
    st.cache_resource.clear()


def test_results_are_kept_per_database(reference_engine, engine, monkeypatch):
    monkeypatch.setenv("MGZ_DATABASE_URL", str(reference_engine.url))
    with_reference = cache.counts()["regio"]
    monkeypatch.setenv("MGZ_DATABASE_URL", str(engine.url))
    assert cache.counts()["regio"] == 0 < with_reference
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_warmer_fills_what_every_page_reads(demo_app, monkeypatch):
    # One pass computes everything; afterwards every page's call is a cache hit (no page redoes another's work).
    import geo.analysis
    import monitor.analysis

    steps = cache.warm_steps()
    names = [name for name, _ in steps]
    assert names[:4] == ["register", "geografie", "geo-indicatoren", "signalen zorgkantoorregio"]  # what Kaart needs first
    assert {"signalen gemeente", "golven provincie", "punten", "werkgebieden", "convenantacties"} <= set(names)
    assert cache.warm(steps) == []
    computed = []
    monkeypatch.setattr(geo.analysis, "analyse", lambda *a, **k: computed.append("geo"))
    monkeypatch.setattr(monitor.analysis, "analyse_level", lambda *a, **k: computed.append("monitor"))
    for _, step in steps:
        step()
    assert computed == []


def test_the_warmer_starts_once_per_data_version(demo_app, monkeypatch):
    started = []
    monkeypatch.setattr(cache.threading, "Thread", lambda **kwargs: type("T", (), {"start": lambda self: started.append(kwargs)})())
    monkeypatch.setattr(cache, "_WARMED", set())
    assert cache.warm_in_background() is True
    assert cache.warm_in_background() is False
    assert len(started) == 1 and started[0]["daemon"] is True
