"""PNG screenshots of the Regio, Pilotregio's and Monitoring pages for the README (docs/screenshots/).

Usage: .venv/bin/python scripts/take_screenshots.py --database sqlite:////path/to/demo.sqlite

Starts the app on a free local port with that database (use one with the demo scenario), drives Debian's
Chromium headless (never `playwright install`), waits until each page has finished running, and writes
docs/screenshots/<page>.png. No background tiles are needed: these pages have no map.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PAGES = {"regio": "regio", "pilotregios": "pilotregios", "monitoring": "monitoring"}
VIEWPORT = {"width": 1280, "height": 1500}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("De app is onverwacht gestopt.")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("De app kwam niet op tijd op.")


def wait_idle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=180_000)
    page.wait_for_selector('[data-testid="stAlert"]', timeout=60_000)  # the demo banner
    page.wait_for_load_state("networkidle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of a database with the demo scenario")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="mgz-shots-") as home:
        env = {**os.environ, "MGZ_DATABASE_URL": args.database, "MGZ_HOME": home, "MGZ_TILES": "geen"}
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.headless=true",
            f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
        ]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_healthy(url, process)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
                for name, path in PAGES.items():
                    page.goto(f"{url}/{path}")
                    wait_idle(page)
                    page.wait_for_timeout(1500)  # let Vega/Graphviz finish their drawing animation
                    target = OUT / f"{name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
