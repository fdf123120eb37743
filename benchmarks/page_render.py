"""Median time to re-render the Regio page after choosing another region, on the national demo (not a test).

Usage: .venv/bin/python benchmarks/page_render.py [--database sqlite:///path.sqlite] [--regions 15]

Without --database a temporary database is built from MGZ_REFERENCE_DIR (default ../shared/data/boundaries)
plus the demo scenario. The first render (which fills the caches: geo indicators, monitor scores for both
waves) is reported separately; then each zorgkantoorregio in turn is chosen in the Regio selectbox and the
server-side run time of the page (Streamlit AppTest, no browser) is measured. Also times a first render of
every other page with warm caches.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ROOT / "dashboard" / "pages"


def build_demo(folder: Path) -> str:
    from data.db import make_engine
    from data.demo import load_demo
    from data.reference import load_reference

    source = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    engine = make_engine(url)
    load_reference(engine, source_dir=source, download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    engine.dispose()
    return url


def zorgkantoor_codes(url: str) -> list[str]:
    from sqlalchemy import select

    from data import models as m
    from data.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        codes = connection.execute(select(m.Region.code).where(m.Region.niveau == "zorgkantoorregio")).scalars().all()
    engine.dispose()
    return sorted(codes)


def region_box(at: AppTest):
    return next(box for box in at.selectbox if box.label == "Regio")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL of a database with the demo scenario")
    parser.add_argument("--regions", type=int, default=15, help="number of region changes to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgz-bench-") as folder:
        os.environ["MGZ_HOME"] = folder
        os.environ["MGZ_DATABASE_URL"] = args.database or build_demo(Path(folder))
        at = AppTest.from_file(str(PAGES / "regio.py"), default_timeout=300)
        start = time.perf_counter()
        at.run()
        print(f"Regio, first render (cold caches): {time.perf_counter() - start:.2f} s")
        current = at.session_state["regio_code"]
        codes = [c for c in zorgkantoor_codes(os.environ["MGZ_DATABASE_URL"]) if c != current][: args.regions]
        times = []
        for code in codes:
            region_box(at).select(code)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
        print(f"Regio, after choosing another region: median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}, max {max(times):.3f}, n={len(times)})")
        for page in ("organisatie", "pilotregios", "monitoring", "gegevens", "over"):
            other = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=300)
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                other.run()
                runs.append(time.perf_counter() - start)
            print(f"{page}: first {runs[0]:.2f} s, rerun median {statistics.median(runs[1:]):.3f} s")


if __name__ == "__main__":
    main()
