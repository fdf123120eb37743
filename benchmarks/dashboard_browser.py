"""Kaart and Regio pages in headless Chromium on the demo (or a registry ten times as large): the user's waits.

    python benchmarks/dashboard_browser.py [--database demo.sqlite | --factor 10] [--runs 5] [--starts 3] [--only-open]
                                           [--screenshot docs/screenshots/kaart.png]

Without --database a national demo database is built in a temporary folder from the CBS files in
MGZ_REFERENCE_DIR; with --factor N (N > 1) its registry is then replaced by benchmarks/registry_10x.py's registry N
times as large (the same as `registry_10x.py --output-url`). The server starts as the README says
(`python -m dashboard`, which warms the caches while it starts), with MGZ_TILES=geen, and every request that leaves
the machine is blocked (and counted), as in the end-to-end tests. Printed, as medians over --runs fresh sessions:

- the size of the map's HTML with every layer on, per level (and the default view);
- the first open of the Kaart page right after the server is healthy (once per --starts server starts), and later
  opens, each in a new browser context (nothing cached), and also later opens in new tabs of one browser context
  (the browser's cache keeps Streamlit's files, as for a returning user; that context records outside requests
  instead of routing them, because Playwright turns the cache off where requests are routed): seconds from navigation until Leaflet has drawn the regions;
  with each, the seconds and CPU seconds of the
  Kaart page's script runs on the server (logged by the app with MGZ_LOG=debug) and the load average, since the
  wall-clock times depend on what else the machine does;
- switching each layer on: seconds from the click on its button until its markers or outlines are drawn;
- a click on a region until its profile heading is in the page;
- choosing a region on the Regio page (the select box) until its heading is in the page, and until the page's
  run has finished (every tab filled).

--only-open measures only the opens (no sizes, clicks, layers or Regio page).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.dashboard.e2e.conftest import (  # noqa: E402  (after the path set-up)
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
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
    from data.demo.scenario import load_demo
    from data.reference.loading import load_reference

    path = folder / "demo.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    source = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    load_reference(engine, source_dir=source, download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    engine.dispose()
    return path


def scale_database(path: Path, factor: int) -> None:
    """Replace the demo registry in `path` by registry_10x's registry `factor` times as large (still a demo)."""
    from benchmarks.registry_10x import SEED, scale_registry, write_registry
    from data.db import make_engine
    from data.registry import load_geography, load_registry

    engine = make_engine(f"sqlite:///{path}")
    registry, geography = load_registry(engine), load_geography(engine)
    note = f"fictief voorbeeld x{factor} (seed {SEED}, aangemaakt door benchmarks/dashboard_browser.py)"
    write_registry(engine, scale_registry(registry, geography, factor, SEED), geography, note)
    engine.dispose()


def map_sizes(database: Path) -> dict[str, int]:
    """Bytes of the map HTML (base map + layers) for the default view and, per level, for everything switched on."""
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
    everything = (*compose.POINT_LAYERS, compose.SERVICE_AREAS)
    views = [("standaard (zorgkantoorregio, signaal, HAP's)", "zorgkantoorregio", ("hap",))]
    views += [(f"{compose.LEVELS[niveau].lower()}, alle lagen", niveau, everything) for niveau in compose.LEVELS]
    for name, niveau, shown in views:
        monitor = analyse_level(result, registry, geography, niveau) if niveau in compose.MONITOR_LEVELS else None
        choice = compose.SIGNAL_KEY if monitor is not None else f"indicator:{compose.DEFAULT_INDICATOR}"
        signals = monitor.signals if monitor is not None else None
        shapes = compose.region_shapes(niveau, web, areas)
        shade = compose.shading(choice, niveau, result.indicators, signals, monitor.conditions if monitor else None)
        layers = compose.layers(niveau, choice, shapes, shade, compose.flags(signals), registry.facilities,
                                areas, shown, shapes["code"].iloc[0], compose.signal_details(signals))
        sizes[name] = len(map_html(with_layers(base_map("geen"), layers)).encode("utf-8"))
    engine.dispose()
    return sizes


# Outside hosts do not resolve in this browser, so nothing leaves the machine even where no route blocks it.
NO_OUTSIDE_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def new_context(browser, blocked: list[str]):
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(180_000)
    block_outside_requests(context, blocked)
    return context


def returning_context(browser, outside: list[str]):
    """A context that keeps its HTTP cache, as a returning user's browser does.

    Playwright switches the browser cache off in a context with request routing (block_outside_requests), so this
    one only records requests to other hosts; NO_OUTSIDE_HOSTS makes them fail."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(180_000)
    context.on("request", lambda request: None if urlsplit(request.url).hostname in LOCAL_HOSTS
               or request.url.startswith(("data:", "blob:", "about:")) else outside.append(request.url))
    return context


def open_map(browser, url: str, context=None) -> tuple[object, object, float, list[str], list[int]]:
    """A fresh session on the Kaart page; seconds from navigation start until Leaflet has drawn the regions.

    Without ``context`` in a new browser context (nothing cached: a first visit); with one, in a new tab of it (the
    browser has Streamlit's and Leaflet's files cached, as for a returning user)."""
    blocked: list[str] = []
    context = context if context is not None else new_context(browser, blocked)
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


LAYER_BUTTONS = {  # layer -> its button on the Kaart page (the HAP's are on by default)
    "werkgebieden": "HAP-werkgebieden",
    "avg_poli": "AVG-poli's",
    "vg_locatie": "VG-locaties",
    "huisartsenpraktijk": "Huisartsenpraktijken",
}
# True once the layer is drawn: a packed point layer of that type on the map, or the dashed service-area outlines.
LAYER_DRAWN_JS = """
(layer) => Object.values(window.map._layers).some(l => layer === 'werkgebieden'
    ? (l.options && l.options.dashArray === '6 4' && l._parts && l._parts.length > 0)
    : (l.mgzData && l.mgzData.k === layer && l.getLayers().length > 0 && l.getLayers()[0]._map))
"""
NOTE_CLICK_JS = "() => document.addEventListener('click', () => { window.mgzClickAt = Date.now(); }, {capture: true, once: true})"


def switch_layer(page, layer: str) -> float:
    """Seconds from the click on a layer's button until the map has drawn that layer."""
    frame = page.query_selector('iframe[title="streamlit_folium.st_folium"]').content_frame()
    page.evaluate(NOTE_CLICK_JS)
    page.get_by_role("button", name=LAYER_BUTTONS[layer]).click()
    frame.wait_for_function(LAYER_DRAWN_JS, arg=layer)
    drawn = frame.evaluate("() => Date.now()")
    seconds = (drawn - page.evaluate("() => window.mgzClickAt")) / 1000
    wait_for_app_idle(page)
    return seconds


REGIO_CHOICES = ["Zeeland (ZK27)", "Friesland (ZK08)", "Haaglanden (ZK10)", "Drenthe (ZK06)", "'t Gooi (ZK21)"]


DONE_AT_JS = """
() => window.mgzHeadingAt !== null
    && document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') ? Date.now() : false
"""


def choose_regions(browser, url: str) -> tuple[list[float], list[float]]:
    """Seconds from choosing a region in the Regio page's select box until its heading is in the page, and until
    the whole profile is (the page's run has finished)."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(180_000)
    block_outside_requests(context, [])
    page = context.new_page()
    page.goto(url + "/regio")
    page.locator('[data-testid="stMain"] h2').first.wait_for()
    wait_for_app_idle(page)
    seconds, complete = [], []
    for option in REGIO_CHOICES:
        box = page.get_by_role("combobox", name="Regio")
        box.click()
        box.fill(option.split(" (")[0])
        page.evaluate(WATCH_HEADING_JS, option)
        page.evaluate(NOTE_CLICK_JS)
        page.get_by_role("option", name=option, exact=True).click()
        page.wait_for_function("() => window.mgzHeadingAt !== null")
        clicked = page.evaluate("() => window.mgzClickAt")
        seconds.append((page.evaluate("() => window.mgzHeadingAt") - clicked) / 1000)
        complete.append((page.wait_for_function(DONE_AT_JS).json_value() - clicked) / 1000)
        wait_for_app_idle(page)
    context.close()
    return seconds, complete


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


RUN_LOG = re.compile(r"Kaart-run: ([0-9.]+) s, cpu ([0-9.]+) s")


def kaart_runs(server) -> list[tuple[float, float]]:
    """(seconds, CPU seconds) of every Kaart page run the server logged so far (MGZ_LOG=debug)."""
    return [(float(wall), float(cpu)) for wall, cpu in RUN_LOG.findall(server.log())]


def start_server(database: Path, folder: Path):
    """`python -m dashboard` on `database`, logging its warm-up steps and page runs (MGZ_LOG=debug)."""
    folder.mkdir(parents=True, exist_ok=True)
    return start_app(database, folder / "home", folder / "streamlit.log", extra_env={"MGZ_LOG": "debug"}, launcher=True)


def measured_open(browser, server, context=None) -> tuple[tuple, float, float, float]:
    """open_map plus the server's Kaart run time and CPU time during the open (summed over its runs) and the load."""
    before = len(kaart_runs(server))
    opened = open_map(browser, server.url, context)
    runs = kaart_runs(server)[before:]
    return opened, sum(w for w, _ in runs), sum(c for _, c in runs), os.getloadavg()[0]


def _median_line(name: str, values: list[float], target: str = "") -> str:
    return (f"{name}: mediaan {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}, "
            f"n={len(values)}){'  doel ' + target if target else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="SQLite file with the national demo (default: build one)")
    parser.add_argument("--factor", type=int, default=1, help="scale the built demo's registry (registry_10x.py)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--starts", type=int, default=1, help="server starts for the first open's median")
    parser.add_argument("--only-open", action="store_true", help="measure only the first and later opens")
    parser.add_argument("--screenshot", type=Path, help="also save a PNG of the Kaart page with a region selected")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"Chromium not found at {CHROMIUM}")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = args.database
        if database is None:
            database = build_demo(folder)
            if args.factor > 1:
                scale_database(database, args.factor)
        if not args.only_open:
            print("HTML-grootte van de kaart (bytes, doel < 1.500.000):")
            for name, size in map_sizes(database).items():
                print(f"  {name}: {size:,}".replace(",", "_").replace("_", "."))
        first, first_runs, later_runs, loads, cached, cached_runs = [], [], [], [], [], []
        opened, clicked, websocket_bytes, outside = [], [], [], []
        switched: dict[str, list[float]] = {layer: [] for layer in LAYER_BUTTONS}
        chosen, chosen_complete = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, NO_OUTSIDE_HOSTS])
            for start in range(args.starts):
                server = start_server(database, folder / f"server{start}")
                try:
                    (context, page, seconds, blocked, _), wall, cpu, load = measured_open(browser, server)
                    context.close()
                    first.append(seconds)
                    first_runs.append((wall, cpu))
                    loads.append(load)
                    outside += blocked
                    print(f"  eerste keer openen (start {start + 1}): {seconds:.2f} s; Kaart-script {wall:.2f} s, "
                          f"cpu {cpu:.2f} s; load {load:.2f}", flush=True)
                    if start < args.starts - 1:
                        continue
                    for _ in range(args.runs):
                        (context, page, seconds, blocked, received), wall, cpu, load = measured_open(browser, server)
                        opened.append(seconds)
                        later_runs.append((wall, cpu))
                        loads.append(load)
                        websocket_bytes.append(sum(received))
                        print(f"  later openen: {seconds:.2f} s; Kaart-script {wall:.2f} s, cpu {cpu:.2f} s; "
                              f"load {load:.2f}", flush=True)
                        if not args.only_open:
                            clicked.append(click_region(page, *CLICKED))
                            wait_for_app_idle(page)
                            for layer in LAYER_BUTTONS:
                                switched[layer].append(switch_layer(page, layer))
                        outside += blocked
                        context.close()
                    returning = returning_context(browser, outside)
                    open_map(browser, server.url, returning)[1].close()  # fills the browser's cache
                    for _ in range(args.runs):
                        (_, page, seconds, _, _), wall, cpu, load = measured_open(browser, server, returning)
                        cached.append(seconds)
                        cached_runs.append((wall, cpu))
                        loads.append(load)
                        print(f"  later openen, nieuw tabblad (browsercache gevuld): {seconds:.2f} s; Kaart-script "
                              f"{wall:.2f} s, cpu {cpu:.2f} s; load {load:.2f}", flush=True)
                        page.close()
                    returning.close()
                    if not args.only_open:
                        for _ in range(max(1, args.runs // len(REGIO_CHOICES) + 1)):
                            heading, complete = choose_regions(browser, server.url)
                            chosen += heading
                            chosen_complete += complete
                        if args.screenshot:
                            screenshot(browser, server.url, args.screenshot)
                finally:
                    stop_app(server)
            browser.close()
    print(_median_line("Eerste keer openen na serverstart", first, "< 3 s"))
    print(_median_line("  Kaart-script op de server daarbij (s)", [w for w, _ in first_runs]) + ", cpu mediaan "
          f"{statistics.median(c for _, c in first_runs):.2f} s")
    print(_median_line("Kaart interactief na openen", opened, "< 2 s"))
    print(_median_line("  Kaart-script op de server daarbij (s)", [w for w, _ in later_runs]) + ", cpu mediaan "
          f"{statistics.median(c for _, c in later_runs):.2f} s")
    print(_median_line("Kaart interactief na openen in een nieuw tabblad (browsercache gevuld)", cached, "< 2 s"))
    print(_median_line("  Kaart-script op de server daarbij (s)", [w for w, _ in cached_runs]) + ", cpu mediaan "
          f"{statistics.median(c for _, c in cached_runs):.2f} s")
    print(f"Load average (1 min) tijdens de metingen: mediaan {statistics.median(loads):.2f} "
          f"(min {min(loads):.2f}, max {max(loads):.2f}; {os.cpu_count()} cores)")
    print(f"Websocketverkeer bij openen (mediaan): {statistics.median(websocket_bytes):,.0f} bytes".replace(",", "."))
    print(f"Geblokkeerde verzoeken naar buiten: {len(outside)} {sorted(set(outside))}")
    if args.only_open:
        return
    print(_median_line("Klik op regio tot profiel", clicked, "< 0,5 s"))
    for layer, values in switched.items():
        print(_median_line(f"Laag aanzetten: {LAYER_BUTTONS[layer]}", values, "< 1 s"))
    print(_median_line("Regio kiezen op de pagina Regio, tot de kop", chosen, "< 1 s"))
    print(_median_line("Regio kiezen op de pagina Regio, tot de hele pagina", chosen_complete, "< 1 s"))
    if args.screenshot:
        print(f"Schermafbeelding: {args.screenshot} ({args.screenshot.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
