"""Benchmark: geo analysis and monitor scores + signals on the demo (1x) and on a registry ten times as large (10x).

    .venv/bin/python benchmarks/monitor_scale.py [--repeat 5] [--factor 10] [--seed 2030] [--profile]
                                                 [--database sqlite:///pad/demo.sqlite]

Without --database a temporary SQLite database is filled with the reference geography (MGZ_REFERENCE_DIR or
../shared/data/boundaries) and the demo (python -m data demo); the 10x registry is benchmarks/registry_10x.py's
scale_registry of that demo (deterministic per seed), kept in memory. Per size, medians over --repeat runs of
- geo.analysis.analyse(geometry=False), every indicator of every level (the geography's preparation, memoised
  per Geography as in the dashboard, is done by an untimed first call);
- scores + signals: monitor.analysis.analyse_level for every level of MONITOR_LEVELS in the latest wave, cold
  (monitor.cache.clear_all before each run), and each level alone, also cold.
Wall time and CPU time of this process are both printed: on a busy machine the wall time includes waiting for
a core. --profile adds the 15 functions with the largest cumulative time (and the 10 with the most time of their
own) of one cold 10x run, of scores + signals and of geo analyse, under cProfile, which slows Python-heavy code
down more than numpy-heavy code.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {1: 0.5, 10: 1.0}  # seconds for scores + signals of all levels, by factor


def _timed(function, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _latest_wave(registry) -> str | None:
    waves = registry.waves.sort_values("volgorde", kind="stable")["code"].astype(str)
    return waves.iloc[-1] if len(waves) else None


def _scores_run(geo_result, registry, geography, golf, levels):
    from monitor.analysis import analyse_level
    from monitor.cache import clear_all

    def run():
        clear_all()
        for niveau in levels:
            analyse_level(geo_result, registry, geography, niveau, golf)
    return run


def measure(registry, geography, repeat: int) -> dict[str, tuple[float, float]]:
    """Medians (wall, cpu) per measurement for one registry."""
    from geo.analysis import analyse
    from monitor.catalogue import MONITOR_LEVELS

    analyse(registry, geography, geometry=False)  # prepares the geography (memoised per Geography object)
    results = {"geo analyse (alle niveaus)": _timed(lambda: analyse(registry, geography, geometry=False), repeat)}
    geo_result = analyse(registry, geography, geometry=False)
    golf = _latest_wave(registry)
    _scores_run(geo_result, registry, geography, golf, MONITOR_LEVELS)()  # imports and first-use costs
    results[f"scores + signalen, alle niveaus, golf {golf}"] = _timed(
        _scores_run(geo_result, registry, geography, golf, MONITOR_LEVELS), repeat)
    for niveau in MONITOR_LEVELS:
        results[f"  alleen {niveau}"] = _timed(_scores_run(geo_result, registry, geography, golf, (niveau,)), repeat)
    return results


def _where(filename: str) -> str:
    path = Path(filename)
    for base in (ROOT, *(Path(p) for p in sys.path if p.endswith("site-packages"))):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return filename


def print_profile(title: str, call, top: int = 15) -> None:
    """The `top` functions by cumulative time of one call, then the 10 with the most time of their own."""
    profile = cProfile.Profile()
    profile.runcall(call)
    stats = pstats.Stats(profile).stats  # (file, line, function) -> (primitive calls, calls, own, cumulative, callers)

    def show(rows) -> None:
        print(f"{'cumulatief s':>12} {'eigen s':>8} {'aanroepen':>10}  functie")
        for (filename, line, function), (_, calls, own, cumulative, _) in rows:
            where = f"{_where(filename)}:{line}({function})" if line else function
            print(f"{cumulative:12.3f} {own:8.3f} {calls:10d}  {where}")

    print(f"\n{title}: top {top} cumulatief (cProfile, één koude run)")
    show(sorted(stats.items(), key=lambda item: item[1][3], reverse=True)[:top])
    print("... en de 10 met de meeste eigen tijd:")
    show(sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:10])


def _demo_database(folder: Path) -> str:
    from data.db import make_engine
    from benchmarks.registry_10x import load_demo_inputs

    url = f"sqlite:///{folder / 'demo.sqlite'}"
    engine = make_engine(url)
    load_demo_inputs(engine)
    engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--seed", type=int, help="seed of the scaled registry (default: registry_10x.SEED)")
    parser.add_argument("--database", help="SQLAlchemy-URL of a database that already holds the demo")
    parser.add_argument("--profile", action="store_true", help="profile one cold run at the larger size")
    args = parser.parse_args()
    os.environ.setdefault("MGZ_REFERENCE_DIR", str(ROOT.parent / "shared" / "data" / "boundaries"))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch ~/.mgz
        from benchmarks.registry_10x import SEED, describe, scale_registry
        from data.db import make_engine
        from data.registry import load_geography, load_registry

        url = args.database or _demo_database(Path(folder))
        engine = make_engine(url)
        registry, geography = load_registry(engine), load_geography(engine)
        engine.dispose()
        if registry.facilities.empty:
            raise SystemExit(f"{url} bevat geen voorzieningen; laad eerst het voorbeeld (python -m data demo).")
        seed = SEED if args.seed is None else args.seed
        started = time.perf_counter()
        scaled = scale_registry(registry, geography, args.factor, seed)
        print(f"1x:  {describe(registry)}")
        print(f"{args.factor}x: {describe(scaled)} (opgebouwd in {time.perf_counter() - started:.1f} s, seed {seed})")

        sizes = {1: registry, args.factor: scaled}
        results = {factor: measure(reg, geography, args.repeat) for factor, reg in sizes.items()}
        # Other work on the machine inflates even CPU time (shared caches and cores): the load puts figures in context.
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"\nMedianen over {args.repeat} runs: wandklok s (CPU-tijd van dit proces s); "
              f"monitor-caches leeg per run; belasting van de machine (1, 5, 15 min): {load}")
        print(f"| {'meting':<42} | " + " | ".join(f"{f'{f}x':<15}" for f in sizes) + " | doel")
        print(f"|{'-' * 44}|" + "|".join("-" * 17 for _ in sizes) + "|------")
        for name in results[1]:
            cells = " | ".join(f"{results[f][name][0]:6.3f} ({results[f][name][1]:6.3f})" for f in sizes)
            targets = [f"{f}x < {TARGETS[f]} s" for f in sizes if f in TARGETS]
            goal = ", ".join(targets) if name.startswith("scores") else ""
            print(f"| {name:<42} | {cells} | {goal}")

        if args.profile:
            from geo.analysis import analyse
            from monitor.catalogue import MONITOR_LEVELS

            geo_result = analyse(scaled, geography, geometry=False)
            golf = _latest_wave(scaled)
            print_profile(f"{args.factor}x scores + signalen, alle niveaus, golf {golf}",
                          _scores_run(geo_result, scaled, geography, golf, MONITOR_LEVELS))
            print_profile(f"{args.factor}x geo analyse", lambda: analyse(scaled, geography, geometry=False))


if __name__ == "__main__":
    main()
