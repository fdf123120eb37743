"""Benchmark: a 1 MB zip-bombed XLSX (about 1 GB unpacked) is refused quickly and in little memory; medians.

Usage: .venv/bin/python benchmarks/zip_bomb.py [--runs 5] [--megabytes 1]
Each run imports the bomb with data.imports.import_file in a fresh Python process against a new SQLite database and
reports: the time import_file needed to refuse it, the process's wall time (Python start, library imports and
creating the database included) and its peak memory (maximum resident set size). An empty file gives the baseline.
Variants: the bomb as built; one whose zip directory understates the unpacked size (zipfile then stops at
the stated size and the file is reported as damaged); and one under the size limit that holds 1.45 million tiny
shared strings (refused on its packing ratio before openpyxl reads them one by one).
Targets: refused in < 2 s, peak memory < 300 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import shared_strings_xlsx, zip_bomb_xlsx  # noqa: E402  (the corpus builds them smaller)

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from data.db import make_engine
from data.imports import import_file
engine = make_engine({url!r})
start = time.perf_counter()
report = import_file(engine, "voorzieningen", {path!r})
print(json.dumps({{"seconds": time.perf_counter() - start, "ok": report.ok, "errors": report.file_errors}}))
"""


def build(target_compressed: int, understate: bool) -> bytes:
    """A bomb of about `target_compressed` bytes: the ratio of the row pattern is measured on a small sample."""
    sample = 50_000_000
    ratio = sample / len(zip_bomb_xlsx(sample))
    return zip_bomb_xlsx(int(target_compressed * ratio), stated_size=10_000 if understate else None)


def run_once(bomb: Path, folder: Path) -> dict:
    url = f"sqlite:///{folder / f'b{time.monotonic_ns()}.sqlite'}"
    code = CHILD.format(root=str(ROOT), url=url, path=str(bomb))
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    result = json.loads(process.stdout.read().decode("utf-8"))
    process.stdout.close()
    process.stderr.close()
    result.update(wall=wall, peak_mb=usage.ru_maxrss / 1024)  # ru_maxrss is in kB on Linux
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=1.0, help="compressed size of the bomb (MB)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mgz-bomb-") as tmp:
        folder = Path(tmp)
        empty = folder / "leeg.csv"
        empty.write_bytes(b"")
        baseline = [run_once(empty, folder) for _ in range(args.runs)]
        print("ter vergelijking, een leeg bestand (opstarten, bibliotheken, nieuwe database):")
        print(f"  hele opdracht, mediaan: {statistics.median(r['wall'] for r in baseline):.2f} s; piekgeheugen, "
              f"mediaan: {statistics.median(r['peak_mb'] for r in baseline):.0f} MB")
        size = int(args.megabytes * 1_000_000)
        variants = (
            ("zoals gebouwd", lambda: build(size, False)),
            ("directory onderschat de grootte", lambda: build(size, True)),
            ("onder de groottegrens: 1,45 miljoen korte gedeelde teksten", lambda: shared_strings_xlsx(1_450_000)),
        )
        for label, make in variants:
            bomb = folder / "bom.xlsx"
            bomb.write_bytes(make())
            import zipfile

            with zipfile.ZipFile(bomb) as archive:
                stated = sum(i.file_size for i in archive.infolist())
            results = [run_once(bomb, folder) for _ in range(args.runs)]
            assert not any(r["ok"] for r in results), "the bomb was accepted"
            print(f"{label}: bestand {bomb.stat().st_size / 1e6:.2f} MB, uitgepakt volgens de zip-directory "
                  f"{stated / 1e6:,.2f} MB")
            print(f"  melding: {results[0]['errors'][0]}")
            print(f"  weigeren (import_file), mediaan: {statistics.median(r['seconds'] for r in results):.3f} s")
            print(f"  hele opdracht incl. opstarten, mediaan: {statistics.median(r['wall'] for r in results):.2f} s")
            print(f"  piekgeheugen van het proces, mediaan: {statistics.median(r['peak_mb'] for r in results):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
