"""Download the official boundaries: PDOK WFS (CBS gebiedsindelingen) and the CBS PC4 GeoPackage.

The files land in a folder with the same names the folder loader discovers (gemeente_2025.geojson, pc4_2023.gpkg).
URLs are module constants so tests can point them at a local server.
"""
from __future__ import annotations

import json
import shutil
import socket
import urllib.error
import urllib.request
import zipfile
from datetime import date
from pathlib import Path
from typing import Callable

from data.reference.files import year_from_name

PDOK_WFS_URL = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?service=WFS&version=2.0.0&request=GetFeature"
    "&typeName=gebiedsindelingen:{layer}_gegeneraliseerd&outputFormat=json"
)
# Newest first; CBS publishes the PC4 file of year Y in year Y+1. Only the 2023 name was confirmed; the others
# follow the same pattern and are simply skipped when CBS answers 404.
CBS_PC4_URLS = (
    "https://download.cbs.nl/postcode/2025-cbs_pc4_2024_v1.zip",
    "https://download.cbs.nl/postcode/2024-cbs_pc4_2023_v1.zip",
    "https://download.cbs.nl/postcode/2023-cbs_pc4_2022_v1.zip",
)
WFS_LEVELS = ("gemeente", "zorgkantoorregio", "provincie")
TIMEOUT_S = 60
CHUNK_BYTES = 256 * 1024


class DownloadError(Exception):
    """The download failed; the message is Dutch and short."""


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f}".replace(".", ",") + " MB"


def fetch(url: str, target: Path, label: str, progress: Callable[[str], None]) -> Path:
    """Save `url` to `target`, reporting bytes received about every 10% (or every 5 MB without a known size)."""
    partial = target.with_name(f".{target.name}.part")  # renamed into place only when complete
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            step = max(total // 10, CHUNK_BYTES) if total else 5_000_000
            received, next_report = 0, step
            while chunk := response.read(CHUNK_BYTES):
                out.write(chunk)
                received += len(chunk)
                if received >= next_report:
                    share = f" van {_megabytes(total)}" if total else ""
                    progress(f"  {label}: {_megabytes(received)}{share} ontvangen")
                    next_report += step
    except urllib.error.HTTPError:
        partial.unlink(missing_ok=True)
        raise
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        partial.unlink(missing_ok=True)
        raise DownloadError(f"{url.split('?')[0]} is niet bereikbaar: {_reason(error)}") from error
    partial.replace(target)
    progress(f"  {label}: klaar ({_megabytes(received)})")
    return target


def _reason(error: Exception) -> str:
    """A short Dutch reason for the common network failures."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, ConnectionRefusedError):
        return "verbinding geweigerd"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "geen antwoord binnen de wachttijd"
    if isinstance(reason, socket.gaierror):
        return "server onbekend of geen internet"
    return str(reason)


def _is_feature_collection(path: Path) -> bool:
    """PDOK answers some errors with status 200 and an XML report; only a GeoJSON with features counts."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and bool(data.get("features"))


def download_wfs(folder: Path, progress: Callable[[str], None], years: tuple[int, ...] | None = None) -> int:
    """Download the three generalised CBS layers of the newest year PDOK offers; returns that year."""
    this_year = date.today().year
    for year in years or (this_year, this_year - 1, this_year - 2):
        target = folder / f"gemeente_{year}.geojson"
        try:
            fetch(PDOK_WFS_URL.format(year=year, layer="gemeente"), target, f"gemeenten {year}", progress)
        except urllib.error.HTTPError:
            continue
        if not _is_feature_collection(target):
            target.unlink(missing_ok=True)
            continue
        for level in WFS_LEVELS[1:]:
            path = folder / f"{level}_{year}.geojson"
            try:
                fetch(PDOK_WFS_URL.format(year=year, layer=level), path, f"{level} {year}", progress)
            except urllib.error.HTTPError as error:
                raise DownloadError(f"PDOK gaf fout {error.code} voor {level} {year}") from error
            if not _is_feature_collection(path):
                raise DownloadError(f"PDOK gaf geen geldige GeoJSON voor {level} {year}")
        return year
    raise DownloadError("PDOK heeft geen CBS-gebiedsindeling voor de laatste jaren")


def download_pc4(folder: Path, progress: Callable[[str], None]) -> Path | None:
    """The newest CBS PC4 GeoPackage, unpacked as pc4_<year>.gpkg; None when CBS offers none of the known files."""
    for url in CBS_PC4_URLS:
        archive = folder / "pc4-download.zip"
        try:
            fetch(url, archive, "PC4-gebieden", progress)
        except urllib.error.HTTPError:
            continue
        try:
            with zipfile.ZipFile(archive) as bundle:
                members = [n for n in bundle.namelist() if n.lower().endswith(".gpkg")]
                if not members:
                    continue
                year = year_from_name(Path(members[0]).name) or year_from_name(url)
                target = folder / (f"pc4_{year}.gpkg" if year else "pc4.gpkg")
                with bundle.open(members[0]) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
        except zipfile.BadZipFile:
            continue
        finally:
            archive.unlink(missing_ok=True)
        return target
    return None


def download_reference(folder: Path, progress: Callable[[str], None] = print) -> None:
    """Fill `folder` with gemeente/zorgkantoorregio/provincie GeoJSON and, when available, the PC4 GeoPackage."""
    progress("Downloaden van de CBS-gebiedsindeling via PDOK…")
    year = download_wfs(folder, progress)
    progress(f"Gebiedsindeling {year} ontvangen; downloaden van de PC4-gebieden van het CBS…")
    if download_pc4(folder, progress) is None:
        progress("Let op: geen PC4-bestand van het CBS gevonden; PC4-gebieden ontbreken.")
