"""`python -m monitor rapport`: write the wave report of one measurement wave as PDF or Word."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.errors import UserError

FORMATS = ("pdf", "docx")


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "rapport",
        help="Golfrapportage voor de stuurgroep (PDF of Word): signalen per niveau en beweging, knelpunten en "
             "actielijnen, bekendheid, pilotregio's, veranderingen in het register.",
    )
    parser.add_argument("--golf", metavar="GOLF", help="Meetgolf (bv. 2024); standaard de laatste.")
    parser.add_argument("--format", choices=FORMATS, required=True, help="pdf of docx (Word).")
    parser.add_argument("--output", type=Path, required=True, metavar="BESTAND", help="Het bestand om te schrijven.")


def run(args: argparse.Namespace, load) -> int:
    """Build and write the report; `load` gives (registry, geography, geo_result)."""
    from data.atomic import require_folder, write_bytes
    from monitor.report import ReportInputs, build_report, render
    from monitor.waves import wave_codes

    output: Path = args.output
    require_folder(output)  # data.atomic: the same message as every other --output, before any work
    registry, geography, geo_result = load()
    golf = args.golf
    if golf is None:
        codes = wave_codes(registry)
        if not codes:
            raise UserError("Er zijn nog geen meetgolven: importeer eerst bevindingen of convenantacties.")
        golf = codes[-1]
    report = build_report(ReportInputs(registry, geography, geo_result, golf.strip()))
    data = render(report, args.format)
    write_bytes(output, data)
    print(f"Golfrapportage meetgolf {report.golf} geschreven naar {output} ({len(data) / 1024:.0f} kB).",
          file=sys.stderr)
    if report.is_demo:
        print("Let op: fictief voorbeeld; alle namen en cijfers in deze rapportage zijn verzonnen.", file=sys.stderr)
    return 0
