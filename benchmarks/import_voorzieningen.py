"""Benchmark: import 10,000 voorzieningen located by postcode only (PC4 centroid); median of 5 runs.

Usage: .venv/bin/python benchmarks/import_voorzieningen.py [--rows 10000] [--runs 5]
Needs the CBS boundary files: MGZ_REFERENCE_DIR, else ../shared/data/boundaries next to the repository.
Each run imports into a fresh copy of a SQLite database that holds only the reference geography.
Target: median < 5 s for 10,000 rows.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.db import make_engine  # noqa: E402
from data.imports import import_file  # noqa: E402
from data.locate import pc4_centroids  # noqa: E402
from data.reference.loading import load_reference  # noqa: E402

TYPES = ("hap", "avg_poli", "vg_locatie", "huisartsenpraktijk")


def reference_dir() -> Path:
    return Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")


def make_file(path: Path, pc4_codes: list[str], rows: int, seed: int = 42) -> None:
    """Dutch Excel CSV (cp1252, ';', decimal comma) with fictional facilities located by postcode only."""
    rng = random.Random(seed)
    organisations = [f"Stichting Voorbeeldzorg {i} (fictief)" for i in range(150)]
    lines = ["id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open"]
    for i in range(rows):
        kind = rng.choice(TYPES)
        postcode = f"{rng.choice(pc4_codes)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
        fte = f"{rng.uniform(0, 4):.1f}".replace(".", ",") if kind == "avg_poli" else ""
        clients = str(rng.randint(5, 300)) if kind == "vg_locatie" else ""
        anw = rng.choice(("ja", "nee")) if kind == "hap" else ""
        lines.append(
            f"B{i:05d};{kind};Voorziening {i} (fictief);{rng.choice(organisations)};Voorbeeldstraat {i};"
            f"{postcode};Voorbeeldplaats;;;{fte};{clients};{anw}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgz-bench-") as tmp:
        tmp = Path(tmp)
        template = tmp / "reference.sqlite"
        engine = make_engine(f"sqlite:///{template}")
        started = time.perf_counter()
        load_reference(engine, source_dir=reference_dir(), progress=lambda *_: None)
        pc4_codes = sorted(pc4_centroids(engine).index)  # PC4 areas that have an outline
        engine.dispose()
        print(f"reference loaded in {time.perf_counter() - started:.1f} s ({len(pc4_codes)} PC4 areas)")
        data_file = tmp / "voorzieningen.csv"
        make_file(data_file, pc4_codes, args.rows)
        fresh, again = [], []
        for run in range(args.runs):
            path = tmp / f"run{run}.sqlite"
            shutil.copy(template, path)
            engine = make_engine(f"sqlite:///{path}")
            started = time.perf_counter()
            report = import_file(engine, "voorzieningen", data_file, user="benchmark")
            fresh.append(time.perf_counter() - started)
            if not report.ok or report.rows_imported != args.rows:
                print(report.as_text()[:2000])
                return 1
            started = time.perf_counter()
            import_file(engine, "voorzieningen", data_file, user="benchmark")
            again.append(time.perf_counter() - started)
            engine.dispose()
        print(f"{args.rows} rows, {args.runs} runs: median import {statistics.median(fresh):.2f} s "
              f"(min {min(fresh):.2f}, max {max(fresh):.2f}); median re-import {statistics.median(again):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
