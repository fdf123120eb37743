"""Benchmark: scoring and signals for all levels nationally on the demo scenario (median of repeated runs).

    .venv/bin/python benchmarks/monitor_scores.py [--repeat 7] [--database sqlite:///pad/demo.sqlite]

Without --database a temporary SQLite database is filled with the reference geography (MGZ_REFERENCE_DIR or
../shared/data/boundaries) and the demo scenario. The geo analysis runs once beforehand and is reported
separately; each timed run starts cold (monitor caches cleared) and scores gemeente, zorgkantoorregio,
provincie and organisatie for one wave. Wall time and CPU time are both printed: on a busy machine the wall
time includes waiting for a core.
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

LEVELS = ("gemeente", "zorgkantoorregio", "provincie", "organisatie")


def _demo_database(folder: Path) -> str:
    from data.db import make_engine
    from data.demo.scenario import load_demo
    from data.reference.loading import load_reference

    url = f"sqlite:///{folder / 'demo.sqlite'}"
    engine = make_engine(url)
    source = Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")
    load_reference(engine, source_dir=source, download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    engine.dispose()
    return url


def _timed(function, repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database", help="SQLAlchemy-URL of a database that already holds the demo.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch ~/.mgz
        url = args.database or _demo_database(Path(folder))
        from data.db import make_engine
        from data.registry import load_geography, load_registry
        from geo.analysis import analyse
        from monitor.analysis import analyse_level
        from monitor.cache import clear_all

        engine = make_engine(url)
        registry, geography = load_registry(engine), load_geography(engine)
        started = time.perf_counter()
        geo_result = analyse(registry, geography, geometry=False)
        print(f"geo.analysis.analyse (eenmalig, niet in de meting): {time.perf_counter() - started:.3f} s")
        waves = [None, *registry.waves.sort_values("volgorde")["code"].astype(str)]
        analyse_level(geo_result, registry, geography, "gemeente")  # imports and first-use costs out of the way

        def all_levels(golf):
            def run():
                clear_all()
                for niveau in LEVELS:
                    analyse_level(geo_result, registry, geography, niveau, golf)
            return run

        print(f"Alle niveaus ({', '.join(LEVELS)}), koud, mediaan van {args.repeat} runs:")
        for golf in waves:
            wall, cpu = _timed(all_levels(golf), args.repeat)
            print(f"  golf {golf or 'alle':>6}: {wall:.3f} s wandklok, {cpu:.3f} s CPU")
        print("Per niveau (warm: gedeelde golfbasis al berekend), golf 'alle':")
        for niveau in LEVELS:
            wall, cpu = _timed(lambda: analyse_level(geo_result, registry, geography, niveau), args.repeat)
            print(f"  {niveau:>16}: {wall:.3f} s wandklok, {cpu:.3f} s CPU")
        engine.dispose()


if __name__ == "__main__":
    main()
