"""Median time of `load_demo` (python -m data demo) on SQLite, and optionally on PostgreSQL.

Usage: .venv/bin/python benchmarks/demo_load.py [--runs 3] [--postgres URL]
The reference geography comes from MGZ_REFERENCE_DIR (default ../shared/data/boundaries) and is loaded once, outside
the timing. The first run fills an empty registry; later runs replace the earlier demo, as a user re-running would.
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
from data.demo.scenario import load_demo  # noqa: E402
from data.reference.loading import load_reference  # noqa: E402
from benchmarks.postgres_schema import temporary_schema_engine  # noqa: E402


def _quiet(*_args) -> None:
    return None


def time_runs(engine, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (this process only) per run; CPU time is steadier on a busy machine."""
    source = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    load_reference(engine, source_dir=source, download=False, progress=_quiet)
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        load_demo(engine, progress=_quiet)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def report(label: str, timings: tuple[list[float], list[float]]) -> None:
    wall, cpu = timings
    runs = ", ".join(f"{s:.2f}" for s in wall)
    print(f"{label}: median {statistics.median(wall):.2f} s wall-clock over {len(wall)} runs ({runs}); "
          f"median CPU {statistics.median(cpu):.2f} s in this process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", help="PostgreSQL URL; a temporary schema is created and dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # keep the reference cache out of the user's ~/.mgz
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        report("SQLite", time_runs(engine, args.runs))
        engine.dispose()
        if args.postgres:
            with temporary_schema_engine(args.postgres) as engine:
                report("PostgreSQL", time_runs(engine, args.runs))


if __name__ == "__main__":
    main()
