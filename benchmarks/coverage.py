"""Benchmark: the Dekking table (coverage per VG location) and a scenario on it; prints medians (not a test).

    .venv/bin/python benchmarks/coverage.py [--herhalingen 15] [--factor 10]

Builds the national demo in a temporary database (reference geography from MGZ_REFERENCE_DIR or
../shared/data/boundaries) and, with --factor > 1, a registry that many times as large (benchmarks/registry_10x.py).
Timed, as the Dekking page and `python -m geo dekking` do them:

- dekkingstabel: geo.coverage.coverage_table on a ready analysis (the page has the analysis cached), and
  analyse + coverage_table from scratch (the command line);
- scenario: close the GP practice with the most ties, as the page does with the analysis before the change
  cached: apply_changes, analyse after, coverage_table after, coverage_change and the indicator comparison of
  one level; and from scratch (analysis before included).
Targets (issue #10): table < 0,5 s, scenario < 1 s.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from geo.analysis import analyse  # noqa: E402
from geo.coverage import coverage_table  # noqa: E402
from geo.coverage_scenario import Scenario, run  # noqa: E402


def timed(call, repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per call (CPU time is less sensitive to a busy machine)."""
    seconds, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return seconds, cpu


def _line(label: str, measured: tuple[list[float], list[float]], target: float | None = None) -> str:
    runs, cpu = measured
    median = statistics.median(runs)
    verdict = "" if target is None else " (doel < {:.1f} s: {})".format(target, "gehaald" if median < target else "NIET gehaald")
    return (f"{label}: mediaan {median:.3f} s over {len(runs)} runs (min {min(runs):.3f}, max {max(runs):.3f}; "
            f"CPU-tijd mediaan {statistics.median(cpu):.3f} s){verdict}")


def busiest_practice(registry) -> str:
    facilities = registry.facilities
    practices = set(facilities.loc[facilities["type"] == "huisartsenpraktijk", "id"].astype(str))
    ties = registry.collaborations
    parties = ties["van"].astype(str).tolist() + ties["naar"].astype(str).tolist()
    counts = {}
    for party in parties:
        if party in practices:
            counts[party] = counts.get(party, 0) + 1
    return max(sorted(counts), key=counts.get)


def report(label: str, registry, geography, repeats: int) -> None:
    n_vg = int((registry.facilities["type"] == "vg_locatie").sum())
    print(f"\n== {label}: {n_vg} VG-locaties, {len(registry.collaborations)} samenwerkingen")
    before = analyse(registry, geography, geometry=False)  # also prepares the geography (memoised)
    print(_line("dekkingstabel (analyse klaar)", timed(lambda: coverage_table(before, registry), repeats), 0.5))
    print(_line("analyse + dekkingstabel", timed(lambda: coverage_table(analyse(registry, geography, geometry=False), registry),
                                                 repeats), 0.5))
    practice = busiest_practice(registry)
    scenario = Scenario(close_practices=(practice,))
    coverage = coverage_table(before, registry)
    page = timed(lambda: run(registry, geography, scenario, before=before, coverage_before=coverage), max(3, repeats // 2))
    print(_line(f"scenario sluit praktijk {practice} (analyse vooraf klaar)", page, 1.0))
    full = timed(lambda: run(registry, geography, scenario), max(3, repeats // 2))
    print(_line("scenario vanaf het begin", full, 1.0))


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de rekentijd van de dekkingstabel en een scenario (mediaan).")
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--factor", type=int, default=10, help="ook een register zo veel keer groter (1 = alleen demo)")
    args = parser.parse_args()
    os.environ.setdefault("MGZ_REFERENCE_DIR", str(ROOT.parent / "shared" / "data" / "boundaries"))
    from data.db import make_engine
    from registry_10x import load_demo_inputs, scale_registry

    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch the user's ~/.mgz
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        registry, geography = load_demo_inputs(engine)
        engine.dispose()
        report("demo (python -m data demo)", registry, geography, args.herhalingen)
        if args.factor > 1:
            scaled = scale_registry(registry, geography, args.factor)
            report(f"demo x{args.factor} (benchmarks/registry_10x.py)", scaled, geography, max(3, args.herhalingen // 3))


if __name__ == "__main__":
    main()
