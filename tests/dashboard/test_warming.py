"""The cache warmer puts the first page first: `python -m dashboard` computes the Kaart's inputs before the server
answers, and the background warmer steps aside while a page runs."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from dashboard import cache

ROOT = Path(__file__).resolve().parents[2]


def test_warm_for_start_computes_the_kaart_inputs_now_and_leaves_the_rest_to_the_background(demo_app, monkeypatch):
    import geo.analysis
    import monitor.analysis

    started = []
    monkeypatch.setattr(cache.threading, "Thread", lambda **kwargs: type("T", (), {"start": lambda self: started.append(kwargs)})())
    monkeypatch.setattr(cache, "_WARMED", set())
    monkeypatch.setattr(cache, "_last_page_run", 0.0)
    cache.warm_for_start()
    assert len(started) == 1 and started[0]["kwargs"] == {"polite": True}  # the rest, politely, in a thread
    assert cache._last_page_run > time.monotonic()  # and only after a first visitor had the machine (or a while)

    computed = []
    monkeypatch.setattr(geo.analysis, "analyse", lambda *a, **k: computed.append("geo"))
    monkeypatch.setattr(monitor.analysis, "analyse_level", lambda *a, **k: computed.append("monitor"))
    steps = dict(cache.warm_steps())
    for name in cache.FIRST_PAGE_STEPS:
        steps[name]()
    assert computed == []  # everything the Kaart needs first was ready before the server started


def test_the_background_warmer_waits_while_pages_run(monkeypatch):
    monkeypatch.setattr(cache, "_QUIET_S", 0.3)
    monkeypatch.setattr(cache, "_MAX_PAUSE_S", 5.0)
    ran = []
    steps = [("een", lambda: ran.append(time.monotonic())), ("twee", lambda: ran.append(time.monotonic()))]

    cache.note_page_run()
    noted = time.monotonic()
    assert cache.warm(steps, polite=True) == []
    assert ran[0] - noted >= 0.25  # waited until no page run had started for a moment

    monkeypatch.setattr(cache, "_last_page_run", 0.0)
    ran.clear()
    before = time.monotonic()
    assert cache.warm(steps) == [] and ran[0] - before < 0.2  # the launcher's own warm-up does not wait


def test_the_wait_ends_even_while_users_keep_clicking(monkeypatch):
    monkeypatch.setattr(cache, "_QUIET_S", 10.0)
    monkeypatch.setattr(cache, "_MAX_PAUSE_S", 0.3)
    cache.note_page_run()
    before = time.monotonic()
    assert cache.warm([("een", lambda: None)], polite=True) == []
    assert 0.25 <= time.monotonic() - before < 3


def test_page_modules_are_imported_ahead_but_not_the_map_component():
    # Streamlit registers a component only when it is declared inside a script run; imported ahead, streamlit-folium
    # would show an empty frame. Its dependencies (folium's compiled templates) may come ahead.
    code = (
        "import sys\n"
        "from dashboard import cache\n"
        "cache.import_page_modules(('kaart',))\n"
        "print(sorted(m for m in ('streamlit_folium', 'folium.plugins', 'dashboard.maps.compose', "
        "'dashboard.components.map_table') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(
        ["dashboard.components.map_table", "dashboard.maps.compose", "folium.plugins"]
    )
