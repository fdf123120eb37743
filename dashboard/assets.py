"""Browser files of the map (Leaflet), served by the app itself so the map works without internet.

`npm ci` installs Leaflet from the npm registry (package.json, package-lock.json) and its postinstall step
(scripts/copy-static-vendor.js) copies the files below into ``static/vendor``. Streamlit serves that folder
at ``/app/static/vendor/...`` (``server.enableStaticServing`` in .streamlit/config.toml). Folium would
otherwise link Leaflet, jQuery, Bootstrap and Font Awesome from public CDNs; the map builders only use
GeoJSON layers, circle markers and tooltips, which need Leaflet alone.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import folium

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"  # next to streamlit_app.py, as Streamlit requires
VENDOR_DIR = STATIC_DIR / "vendor"
NODE_MODULES = ROOT / "node_modules"

# folium 0.20 expects Leaflet 1.9.3 (folium.folium._default_js); package.json pins the same version.
LEAFLET_VERSION = "1.9.3"

# destination in static/vendor -> source in node_modules; keep in sync with scripts/copy-static-vendor.js.
FILES = {
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "leaflet/LICENSE": "leaflet/LICENSE",
}
JS = [("leaflet", "leaflet/leaflet.js")]
CSS = [("leaflet_css", "leaflet/leaflet.css")]

MISSING_TEXT = (
    "De kaartbibliotheek (Leaflet) ontbreekt in static/vendor. Voer in de projectmap `npm ci` uit en "
    "start de app opnieuw."
)


def static_url(relative: str, base_url_path: str = "") -> str:
    """URL path of a file in static/vendor as the browser requests it (same origin as the app)."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{base}/app/static/vendor/{relative}"


def use_local_assets(m: folium.Map, base_url_path: str = "") -> folium.Map:
    """Point the map at the app's own copy of Leaflet and drop folium's other CDN libraries."""
    m.default_js = [(name, static_url(path, base_url_path)) for name, path in JS]
    m.default_css = [(name, static_url(path, base_url_path)) for name, path in CSS]
    return m


def missing_files(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """The files of FILES that are not (yet) in static/vendor."""
    return [relative for relative in FILES if not (vendor_dir / relative).is_file()]


def ensure_vendor_files(vendor_dir: Path = VENDOR_DIR, node_modules: Path = NODE_MODULES) -> list[str]:
    """Copy missing files from node_modules (e.g. after `npm ci --ignore-scripts`); return those still missing."""
    for relative in missing_files(vendor_dir):
        source = node_modules / FILES[relative]
        if source.is_file():
            (vendor_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, vendor_dir / relative)
    return missing_files(vendor_dir)
