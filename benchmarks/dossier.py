"""Benchmark: one regiodossier (content, map, PDF and Word) on the national demo (median of repeated runs).

    .venv/bin/python benchmarks/dossier.py [--repeat 5] [--niveau zorgkantoorregio] [--code ZK08]
        [--database sqlite:///pad/demo.sqlite] [--pagina 1 --png docs/screenshots/dossier.png]
    .venv/bin/python benchmarks/dossier.py --niveau hap --code HAP050   # a HAP service area

Without --database a temporary SQLite database is filled with the reference geography (MGZ_REFERENCE_DIR or
../shared/data/boundaries) and the demo scenario. Loading the registry and the geo analysis happen once beforehand
(as in the dashboard, where they are cached) and are reported separately; each timed run builds the dossier of
one region (by default a zorgkantoorregio; a HAP area reads the zorgkantoorregio result and computes the gemeente
result and its own facts on the first run) from the monitor result of the latest wave (map included) and writes it as PDF and as Word.
The target is < 5 s for one dossier and a PDF < 3 MB. With --png the given page of the PDF is rendered (pypdfium2)
as the picture for the README.
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


def _timed(function, repeat: int) -> tuple[float, float, object]:
    walls, cpus, value = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        value = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), value


def render_page(pdf: bytes, page: int, target: Path, scale: float = 1.6) -> None:
    """One page of a PDF as a PNG (pypdfium2: no system packages needed)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    document[page - 1].render(scale=scale).to_pil().convert("RGB").save(target, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--niveau", default="zorgkantoorregio", help="zorgkantoorregio, gemeente, provincie, "
                                                                      "organisatie of hap (HAP-werkgebied)")
    parser.add_argument("--code", default="ZK08")
    parser.add_argument("--database", help="SQLAlchemy-URL of a database that already holds the demo.")
    parser.add_argument("--pagina", type=int, default=1, help="Page of the PDF to render with --png.")
    parser.add_argument("--png", type=Path, help="Write that page of the PDF as a PNG.")
    parser.add_argument("--cli", action="store_true", help="Also time `python -m monitor dossier` as a new process.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch ~/.mgz
        url = args.database or _demo_database(Path(folder))
        from data.db import make_engine
        from data.provenance import load_care_offices, load_provenance
        from data.registry import load_geography, load_registry
        from geo.analysis import analyse
        from monitor.analysis import analyse_level
        from monitor.dossier import DossierInputs, build_dossier, render
        from monitor.waves import wave_codes

        engine = make_engine(url)
        started = time.perf_counter()
        registry, geography = load_registry(engine), load_geography(engine)
        geo_result = analyse(registry, geography, geometry=False)
        golf = wave_codes(registry)[-1]
        result = analyse_level(geo_result, registry, geography,
                               "zorgkantoorregio" if args.niveau == "hap" else args.niveau, golf)
        print(f"Laden, geo-analyse en monitor (eenmalig, niet in de meting): {time.perf_counter() - started:.2f} s")
        inputs = DossierInputs(registry, geography, geo_result, result, load_care_offices(engine), load_provenance(engine),
                               niveau=args.niveau)
        print(f"Regiodossier {args.code}, meetgolf {golf}, mediaan van {args.repeat} runs:")
        for label, fmt in (("PDF", "pdf"), ("Word", "docx")):
            wall, cpu, data = _timed(lambda: render(build_dossier(inputs, args.code), fmt), args.repeat)
            print(f"  {label:>4}: {wall:.2f} s wandklok, {cpu:.2f} s CPU, {len(data) / 1024:.0f} kB")
            if fmt == "pdf" and args.png:
                render_page(data, args.pagina, args.png)
                print(f"  pagina {args.pagina} geschreven naar {args.png}")
        wall, cpu, dossier = _timed(lambda: build_dossier(inputs, args.code), args.repeat)
        print(f"  alleen inhoud en kaart: {wall:.2f} s wandklok, {cpu:.2f} s CPU")
        engine.dispose()
        if args.cli:
            import subprocess

            target = Path(folder) / "dossier.pdf"
            command = [sys.executable, "-m", "monitor", "dossier", "--niveau", args.niveau, "--code", args.code,
                       "--format", "pdf", "--output", str(target)]
            env = {**os.environ, "MGZ_DATABASE_URL": url}

            def cli():
                subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)

            wall, _, _ = _timed(cli, args.repeat)
            print(f"  opdrachtregel van start tot bestand (nieuw proces: laden, geo-analyse, monitor, dossier): "
                  f"{wall:.2f} s wandklok")


if __name__ == "__main__":
    main()
