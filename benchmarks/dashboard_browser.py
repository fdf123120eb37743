"""Kaart page in headless Chromium on the national demo: time to an interactive map, click -> profile, size.

    python benchmarks/dashboard_browser.py [--database demo.sqlite] [--runs 5] [--screenshot docs/screenshots/kaart.png]

Without --database a national demo database is built in a temporary folder from the CBS files in
MGZ_REFERENCE_DIR. The server runs with MGZ_TILES=geen and every request that leaves the machine is
blocked (and counted), as in the end-to-end tests. Prints medians of the runs; the first page open after
the server starts (cold caches, all indicators computed) is reported separately.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.dashboard.e2e.conftest import (  # noqa: E402  (after the path set-up)
    CHROMIUM,
    CHROMIUM_ARGS,
    block_outside_requests,
    map_frame,
    start_app,
    stop_app,
    wait_for_app_idle,
)
from tests.dashboard.e2e.test_kaart import POINT_IN_REGION_JS  # noqa: E402

CLICKED = ("ZK08", "Friesland")  # a zorgkantoorregio of the default level
VIEWPORT = {"width": 1400, "height": 1400}


def build_demo(folder: Path) -> Path:
    import os

    from data.db import make_engine
    from data.demo import load_demo
    from data.reference import load_reference

    path = folder / "demo.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    source = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    load_reference(engine, source_dir=source, download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    engine.dispose()
    return path


def map_sizes(database: Path) -> dict[str, int]:
    """Bytes of the map HTML (base map + layers) for the default view and for everything switched on."""
    from data.db import make_engine
    from data.registry import load_geography, load_registry
    from dashboard.maps import compose
    from dashboard.maps.base import base_map, map_html, with_layers
    from dashboard.maps.outlines import service_area_outlines
    from geo.analysis import analyse
    from monitor.analysis import analyse_level

    engine = make_engine(f"sqlite:///{database}")
    registry, geography = load_registry(engine), load_geography(engine)
    web = load_geography(engine, web=True).regions
    result = analyse(registry, geography)
    areas = service_area_outlines(result.service_area_pc4, result.service_areas, web[web["niveau"] == "pc4"])
    sizes = {}
    for name, niveau, shown in (
        ("standaard (zorgkantoorregio, signaal, HAP's)", "zorgkantoorregio", ("hap",)),
        ("gemeenten, signaal, alle lagen", "gemeente", (*compose.POINT_LAYERS, compose.SERVICE_AREAS)),
    ):
        monitor = analyse_level(result, registry, geography, niveau)
        shapes = compose.region_shapes(niveau, web, areas)
        shade = compose.shading("signaal", niveau, result.indicators, monitor.signals, monitor.conditions)
        layers = compose.layers(niveau, "signaal", shapes, shade, compose.flags(monitor.signals), registry.facilities,
                                areas, shown, shapes["code"].iloc[0])
        sizes[name] = len(map_html(with_layers(base_map("geen"), layers)).encode("utf-8"))
    engine.dispose()
    return sizes


def open_map(browser, url: str) -> tuple[object, object, float, list[str], list[int]]:
    """A fresh session on the Kaart page; seconds from navigation start until Leaflet has drawn the regions."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(180_000)
    blocked: list[str] = []
    block_outside_requests(context, blocked)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(url + "/")
    frame = map_frame(page)  # waits (polling every animation frame) until regions are drawn
    drawn_ms = frame.evaluate("() => Date.now()")
    seconds = (drawn_ms - page.evaluate("() => performance.timeOrigin")) / 1000
    wait_for_app_idle(page)
    return context, page, seconds, blocked, received


# Page side: note the time the profile heading of `name` appears (a MutationObserver, not polling).
WATCH_HEADING_JS = """
(name) => {
    window.mgzHeadingAt = null;
    const seen = () => [...document.querySelectorAll('h1, h2, h3')].some(h => h.textContent.startsWith(name));
    new MutationObserver((_, observer) => {
        if (seen()) { window.mgzHeadingAt = Date.now(); observer.disconnect(); }
    }).observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""


def click_region(page, code: str, name: str) -> float:
    """Seconds from the mouse click on the region (map side) until its profile heading is in the page."""
    frame = page.query_selector('iframe[title="streamlit_folium.st_folium"]').content_frame()
    point = frame.evaluate(POINT_IN_REGION_JS, code)
    heading = f"{name} (zorgkantoorregio)"
    page.evaluate(WATCH_HEADING_JS, heading)
    frame.evaluate("() => document.addEventListener('click', () => { window.mgzClickAt = Date.now(); }, true)")
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    page.wait_for_function("() => window.mgzHeadingAt !== null")
    return (page.evaluate("() => window.mgzHeadingAt") - frame.evaluate("() => window.mgzClickAt")) / 1000


def screenshot(browser, url: str, path: Path) -> None:
    """PNG for the README: gemeenten coloured by signal, HAP's shown, one region selected (its profile below)."""
    context, page, _, _, _ = open_map(browser, url)
    page.get_by_label("Niveau").click()
    page.get_by_role("option", name="Gemeente", exact=True).click()
    wait_for_app_idle(page)
    frame = page.query_selector('iframe[title="streamlit_folium.st_folium"]').content_frame()
    frame.wait_for_function("() => Object.values(window.map._layers).filter(l => l.feature && l.feature.properties.c).length > 300")
    point = frame.evaluate(POINT_IN_REGION_JS, "GM0080")  # Leeuwarden
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    page.get_by_role("heading", name="Leeuwarden (gemeente)").wait_for()
    wait_for_app_idle(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip={"x": 300, "y": 360, "width": 1100, "height": 980})
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="SQLite file with the national demo (default: build one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path, help="also save a PNG of the Kaart page with a region selected")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"Chromium not found at {CHROMIUM}")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = args.database or build_demo(folder)
        print("HTML-grootte van de kaart (bytes):")
        for name, size in map_sizes(database).items():
            print(f"  {name}: {size:,}")
        server = start_app(database, folder / "home", folder / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                context, page, cold, blocked, _ = open_map(browser, server.url)
                context.close()
                print(f"Eerste keer openen na serverstart (koude caches): {cold:.2f} s")
                opened, clicked, websocket_bytes, outside = [], [], [], []
                for _ in range(args.runs):
                    context, page, seconds, blocked, received = open_map(browser, server.url)
                    opened.append(seconds)
                    websocket_bytes.append(sum(received))
                    clicked.append(click_region(page, *CLICKED))
                    wait_for_app_idle(page)
                    outside += blocked
                    context.close()
                if args.screenshot:
                    screenshot(browser, server.url, args.screenshot)
                browser.close()
        finally:
            stop_app(server)
    print(f"Kaart interactief na openen (mediaan van {args.runs}): {statistics.median(opened):.2f} s "
          f"(min {min(opened):.2f}, max {max(opened):.2f})")
    print(f"Klik op regio tot profiel (mediaan van {args.runs}): {statistics.median(clicked):.2f} s "
          f"(min {min(clicked):.2f}, max {max(clicked):.2f})")
    print(f"Websocketverkeer bij openen (mediaan): {statistics.median(websocket_bytes):,.0f} bytes")
    print(f"Geblokkeerde verzoeken naar buiten: {len(outside)} {sorted(set(outside))}")
    if args.screenshot:
        print(f"Schermafbeelding: {args.screenshot} ({args.screenshot.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
