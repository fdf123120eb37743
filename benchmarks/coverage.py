"""Benchmark: the Dekking table (coverage per VG location) and a scenario on it; prints medians (not a test).

    .venv/bin/python benchmarks/coverage.py [--herhalingen 9] [--factor 10]

Builds the national demo in a temporary database (reference geography from MGZ_REFERENCE_DIR or
../shared/data/boundaries) and, with --factor > 1, a registry that many times as large (benchmarks/registry_10x.py).
Timed, as the Dekking page and `python -m geo dekking` do them:

- dekkingstabel: geo.coverage.coverage_table on a ready analysis (the page has the analysis cached), and
  analyse + coverage_table from scratch (the command line);
- scenario: close the GP practice with the most ties, as the page does with the analysis before the change
  cached: apply_changes, analyse after, coverage_table after, coverage_change and the indicator comparison of
  one level (zorgkantoorregio); and from scratch (analysis and table before included, as the command line).
Every measurement runs at least 7 times; the verdict uses the median CPU time (time.process_time), which a busy
machine disturbs less than the wall-clock time (also shown). Targets (issue #10): table < 0,5 s, scenario < 1 s.
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

NIVEAU = "zorgkantoorregio"  # the level whose indicators the scenario compares
MIN_RUNS = 7


def timed(call, repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per call, over at least MIN_RUNS calls."""
    seconds, cpu = [], []
    for _ in range(max(repeats, MIN_RUNS)):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return seconds, cpu


def _line(label: str, measured: tuple[list[float], list[float]], target: float | None = None) -> str:
    runs, cpu = measured
    median = statistics.median(cpu)
    verdict = "" if target is None else " (doel < {:.1f} s: {})".format(target, "gehaald" if median < target else "NIET gehaald")
    return (f"{label}: CPU-tijd mediaan {median:.3f} s over {len(cpu)} runs (min {min(cpu):.3f}, max {max(cpu):.3f}; "
            f"kloktijd mediaan {statistics.median(runs):.3f} s){verdict}")


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
    print(f"\n== {label}: {n_vg} VG-locaties, {len(registry.collaborations)} samenwerkingen", flush=True)
    before = analyse(registry, geography, geometry=False)  # also prepares the geography (memoised)
    print(_line("dekkingstabel (analyse klaar)", timed(lambda: coverage_table(before, registry), repeats), 0.5), flush=True)
    print(_line("analyse + dekkingstabel", timed(lambda: coverage_table(analyse(registry, geography, geometry=False), registry),
                                                 repeats), 0.5), flush=True)
    practice = busiest_practice(registry)
    scenario = Scenario(close_practices=(practice,))
    coverage = coverage_table(before, registry)
    before.indicators[NIVEAU]  # the page shows the indicators before the change already

    def page():
        run(registry, geography, scenario, before=before, coverage_before=coverage).indicators(NIVEAU)

    def from_scratch():
        run(registry, geography, scenario).indicators(NIVEAU)

    print(_line(f"scenario sluit praktijk {practice} (analyse vooraf klaar)", timed(page, repeats), 1.0), flush=True)
    print(_line("scenario vanaf het begin", timed(from_scratch, repeats), 1.0), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de rekentijd van de dekkingstabel en een scenario (mediaan).")
    parser.add_argument("--herhalingen", type=int, default=9, help=f"runs per meting (minstens {MIN_RUNS})")
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
            report(f"demo x{args.factor} (benchmarks/registry_10x.py)", scaled, geography, args.herhalingen)


if __name__ == "__main__":
    main()
