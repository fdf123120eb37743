"""The PDOK/CBS download path against a local HTTP server on 127.0.0.1 (never the internet)."""
from __future__ import annotations

import functools
import json
import re
import socket
import threading
import zipfile
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest

from data.reference import download as reference_download
from data.errors import UserError
from data.reference.loading import load_reference, reference_info
from data.registry import load_geography
from tests.data import reference_samples as samples

QUIET = lambda *_: None  # noqa: E731
YEAR = date.today().year - 1  # the newest year is "missing", so the loader must fall back one year


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def local_server(tmp_path):
    """Serve tmp_path/www like PDOK (RD GeoJSON with a crs member) and CBS (zip with cbs_pc4_<year>_v1.gpkg)."""
    www = tmp_path / "www"
    (www / str(YEAR)).mkdir(parents=True)
    for level, frame in samples.frames(28992).items():
        if level == "pc4":
            continue
        data = json.loads(frame.to_json(drop_id=True))
        data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
        (www / str(YEAR) / f"{level}.json").write_text(json.dumps(data), encoding="utf-8")
    pc4 = samples.frames(28992)["pc4"].rename(columns={"inwoners": "aantal_inwoners"})
    pc4["aantal_inwoners"] = pc4["aantal_inwoners"].fillna(-99997)  # CBS code for a secret value
    pc4.to_file(tmp_path / "cbs_pc4_2023_v1.gpkg", driver="GPKG")
    with zipfile.ZipFile(www / "2024-cbs_pc4_2023_v1.zip", "w") as bundle:
        bundle.write(tmp_path / "cbs_pc4_2023_v1.gpkg", "cbs_pc4_2023_v1.gpkg")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _point_at(monkeypatch, base: str) -> None:
    monkeypatch.setattr(reference_download, "PDOK_WFS_URL", base + "/{year}/{layer}.json")
    monkeypatch.setattr(reference_download, "CBS_PC4_URLS", (base + "/missing.zip", base + "/2024-cbs_pc4_2023_v1.zip"))
    monkeypatch.setattr(reference_download, "TIMEOUT_S", 5)


def test_download_loads_official_layout_and_fills_the_cache(engine, local_server, monkeypatch, _isolated_home):
    _point_at(monkeypatch, local_server)
    messages: list[str] = []
    summary = load_reference(engine, download=True, progress=messages.append)
    assert summary.counts == samples.COUNTS
    assert summary.years == {"gemeente": YEAR, "zorgkantoorregio": YEAR, "provincie": YEAR, "pc4": 2023}
    assert any("ontvangen" in message or "klaar" in message for message in messages)
    sizes = [message for message in messages if " MB" in message]
    assert sizes and all(re.search(r"\d+,\d MB", message) for message in sizes), sizes  # "klaar (0,0 MB)"
    assert not [message for message in messages if re.search(r"\d\.\d+ ?(?:s|MB)\b", message)]
    regions = load_geography(engine).regions.set_index("code")
    assert regions.loc["3511", "inwoners"] == 100
    assert pd.isna(regions.loc["3512", "inwoners"])  # CBS -99997 (secret) became unknown
    assert 3 < regions.geometry.total_bounds[0] < 8  # RD answer converted to WGS84
    assert reference_info(engine)["soort"] == "download"
    assert sorted(p.name for p in (_isolated_home / "reference-cache").glob("*.gpkg")) == [
        f"gemeente_{YEAR}.gpkg", "pc4_2023.gpkg", f"provincie_{YEAR}.gpkg", f"zorgkantoorregio_{YEAR}.gpkg"
    ]


def test_nothing_offline_downloads_automatically(engine, local_server, monkeypatch):
    monkeypatch.delenv("MGZ_REFERENCE_DIR", raising=False)
    _point_at(monkeypatch, local_server)
    messages: list[str] = []
    summary = load_reference(engine, progress=messages.append)
    assert summary.counts["gemeente"] == 3
    assert messages[0].startswith("Geen referentiegeografie gevonden op deze computer")


@pytest.mark.parametrize("download", [True, False])
def test_unreachable_host_gives_one_dutch_sentence(engine, monkeypatch, download):
    monkeypatch.delenv("MGZ_REFERENCE_DIR", raising=False)
    _point_at(monkeypatch, f"http://127.0.0.1:{_closed_port()}")
    with pytest.raises(UserError) as caught:
        load_reference(engine, download=download, progress=QUIET)
    message = str(caught.value)
    assert "referentiegeografie" in message and "lukte niet" in message
    assert "niet bereikbaar: verbinding geweigerd" in message and "MGZ_REFERENCE_DIR" in message
    assert "python -m data reference --download" in message and message.endswith("uit.")
    assert "\n" not in message


def test_an_unreachable_download_leaves_the_previous_file_and_no_partial_one(tmp_path):
    target = tmp_path / "gemeente.json"
    target.write_text("vorige versie", encoding="utf-8")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens here: the connection is refused
    with pytest.raises(reference_download.DownloadError, match="niet bereikbaar"):
        reference_download.fetch(f"http://127.0.0.1:{port}/x.json", target, "gemeente", QUIET)
    assert target.read_text(encoding="utf-8") == "vorige versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gemeente.json"]
