"""Benchmark: load the national reference geography (incl. 4,068 PC4) and print medians (not a test).

    .venv/bin/python benchmarks/reference_load.py [--herhalingen 3] [--postgres URL]

Boundaries come from MGZ_REFERENCE_DIR or ../shared/data/boundaries. Each run loads into a fresh temporary
SQLite database ("eerste keer") and then reloads into the same database ("opnieuw", the idempotent update path).
MGZ_HOME points at a temporary folder, so the local cache is written there and removed afterwards.
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

from data.db import make_engine  # noqa: E402
from data.reference.loading import load_reference  # noqa: E402
from benchmarks.postgres_schema import temporary_schema_engine  # noqa: E402


def _timed(engine, folder: Path, cpu: list[float]) -> float:
    """Wall-clock seconds of one load; the process CPU seconds go to `cpu` (robust on a busy machine)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    load_reference(engine, source_dir=folder, progress=lambda *_: None)
    cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--postgres", help="SQLAlchemy-URL van een PostgreSQL-database; er wordt een tijdelijk schema gebruikt")
    args = parser.parse_args()
    folder = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MGZ_HOME"] = tmp
        first, again, cpu = [], [], []
        for run in range(args.herhalingen):
            engine = make_engine(f"sqlite:///{Path(tmp) / f'bench{run}.sqlite'}")
            first.append(_timed(engine, folder, cpu))
            again.append(_timed(engine, folder, cpu))
            engine.dispose()
        print(f"SQLite, eerste keer: mediaan {statistics.median(first):.2f} s over {len(first)} runs {[round(t, 2) for t in first]}")
        print(f"SQLite, opnieuw:     mediaan {statistics.median(again):.2f} s over {len(again)} runs {[round(t, 2) for t in again]}")
        print(f"CPU-tijd per load:   mediaan {statistics.median(cpu):.2f} s")
        if args.postgres:
            _postgres(args.postgres, folder, args.herhalingen)


def _postgres(url: str, folder: Path, repeats: int) -> None:
    """Time loads in a private schema of the given database; the schema is dropped afterwards."""
    with temporary_schema_engine(url) as engine:
        times = [_timed(engine, folder, []) for _ in range(repeats)]
    print(f"PostgreSQL:          mediaan {statistics.median(times):.2f} s over {len(times)} runs {[round(t, 2) for t in times]}")


if __name__ == "__main__":
    main()
