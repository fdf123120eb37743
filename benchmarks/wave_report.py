"""Benchmark: the wave report (golfrapportage) of the national demo, `python -m monitor rapport --golf 2024` (medians).

    .venv/bin/python benchmarks/wave_report.py [--repeat 5] [--golf 2024] [--database sqlite:///pad/demo.sqlite]
        [--png docs/screenshots/golfrapportage.png --pagina 2]

Without --database a temporary SQLite database is filled with the reference geography (MGZ_REFERENCE_DIR or
../shared/data/boundaries) and the demo scenario. Two measurements, each the median of --repeat runs:
1. the command line as a new process, PDF (what a user waits for: start, load, geo and monitor analyses of three
   levels and two waves, maps, PDF); the target is < 10 s;
2. in one process with the registry and geo analysis loaded once (as the dashboard has them cached) and the
   monitor's memo emptied before each run: the report's own work (analyses, linking, figures), PDF and Word.
Wall-clock time and CPU time are both printed: on a busy machine the CPU time is the steadier figure.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dossier import _demo_database, render_page  # noqa: E402 - after the path is set


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(url: str, golf: str, folder: Path, repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of `python -m monitor rapport` as a new process, and the PDF size."""
    env = {**os.environ, "MGZ_DATABASE_URL": url}
    target = folder / "rapport.pdf"
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _child_cpu()
        subprocess.run([sys.executable, "-m", "monitor", "rapport", "--golf", golf, "--format", "pdf", "--output",
                        str(target)], cwd=ROOT, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - wall)
        cpus.append(_child_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus), target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--golf", default="2024")
    parser.add_argument("--database", help="SQLAlchemy-URL of a database that already holds the demo.")
    parser.add_argument("--pagina", type=int, default=2, help="Page of the PDF to render with --png.")
    parser.add_argument("--png", type=Path, help="Write that page of the PDF as a PNG.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch ~/.mgz
        url = args.database or _demo_database(Path(folder))
        wall, cpu, size = time_cli(url, args.golf, Path(folder), args.repeat)
        print(f"python -m monitor rapport --golf {args.golf} --format pdf (nieuw proces), mediaan van {args.repeat}: "
              f"{wall:.2f} s wandklok, {cpu:.2f} s CPU, PDF {size / 1024:.0f} kB (doel < 10 s)")

        from data.db import make_engine
        from data.registry import load_geography, load_registry
        from geo.analysis import analyse
        from monitor.cache import clear_all
        from monitor.report import ReportInputs, build_report, render

        engine = make_engine(url)
        registry, geography = load_registry(engine), load_geography(engine)
        geo_result = analyse(registry, geography, geometry=False)
        engine.dispose()
        for fmt in ("pdf", "docx"):
            walls, cpus, data = [], [], b""
            for _ in range(args.repeat):
                clear_all()
                started, cpu_start = time.perf_counter(), time.process_time()
                data = render(build_report(ReportInputs(registry, geography, geo_result, args.golf)), fmt)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu_start)
            print(f"  in het proces (register en geo al geladen), {fmt}: {statistics.median(walls):.2f} s wandklok, "
                  f"{statistics.median(cpus):.2f} s CPU, {len(data) / 1024:.0f} kB")
            if fmt == "pdf" and args.png:
                render_page(data, args.pagina, args.png)
                print(f"  pagina {args.pagina} geschreven naar {args.png}")


if __name__ == "__main__":
    main()
