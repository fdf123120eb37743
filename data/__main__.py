"""Command line: python -m data {reference,import,export,demo,status,codeboek,actielijnen} ... (see --help)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.cli import run_friendly, use_dutch

IMPORT_KINDS = ("voorzieningen", "werkgebieden", "samenwerkingen", "bevindingen", "acties", "zorgkantoren", "wlz_vraag",
                "pilots", "bekendheid")


def build_parser() -> argparse.ArgumentParser:
    use_dutch()
    parser = argparse.ArgumentParser(
        prog="python -m data",
        description="Registerdatabase en referentiegeografie van het MGZ-dashboard.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    ref = sub.add_parser("reference", help="Laad CBS-grenzen (gemeenten, zorgkantoorregio's, provincies, PC4).")
    ref.add_argument("--from", dest="source", type=Path, help="Map met grensbestanden (GeoJSON, TopoJSON, GeoPackage).")
    ref.add_argument("--download", action="store_true", help="Download de officiële bestanden van PDOK/CBS.")

    imp = sub.add_parser("import", help="Importeer een bestand (CSV, XLSX of GeoJSON).")
    imp.add_argument("kind", choices=IMPORT_KINDS, metavar="SOORT", help="Een van: " + ", ".join(IMPORT_KINDS))
    imp.add_argument("file", type=Path, metavar="BESTAND")
    imp.add_argument("--dry-run", action="store_true", help="Alleen controleren, niets opslaan.")
    imp.add_argument("--skip-invalid", action="store_true", help="Importeer de geldige rijen en meld de rest.")

    exp = sub.add_parser("export", help="Schrijf de gegevens van een soort terug naar een bestand.")
    exp.add_argument("kind", choices=IMPORT_KINDS, metavar="SOORT", help="Een van: " + ", ".join(IMPORT_KINDS))
    exp.add_argument("file", type=Path, metavar="BESTAND", help="Uitvoerbestand (.csv, .xlsx of .geojson).")

    demo = sub.add_parser("demo", help="Vul de database met het fictieve landelijke voorbeeldscenario.")
    demo.add_argument("--verwijder", action="store_true",
                      help="Verwijder het fictieve voorbeeld en houd de zelf geïmporteerde gegevens.")
    sub.add_parser("status", help="Toon wat er in de database staat.")
    sub.add_parser("codeboek", help="Toon de codes voor bevindingen (items van Tabel 1 en 2 van de studie).")
    sub.add_parser("actielijnen", help="Toon de actielijnen van het convenant (voor de import acties).")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.command == "codeboek":  # needs no database
        from data.codebook import as_text

        print(as_text())
        return 0
    if args.command == "actielijnen":  # reference data, needs no database
        from data.action_lines import as_text as action_lines_text

        print(action_lines_text())
        return 0
    from data.db import get_engine

    engine = get_engine()
    if args.command == "reference":
        from data.reference.loading import load_reference

        summary = load_reference(engine, source_dir=args.source, download=args.download, progress=print)
        print(summary)
        return 0
    if args.command == "import":
        from data.imports import import_file

        report = import_file(
            engine, args.kind, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid, progress=print
        )
        print(report.as_text())
        return 0 if report.ok else 1
    if args.command == "export":
        from data.exports import EXACT_NOTE, export_file

        from data.registry import DEMO_LABEL, MIXED_LABEL, demo_state

        count = export_file(engine, args.kind, args.file)
        print(f"{count} rijen geschreven naar {args.file}.")
        if args.kind == "voorzieningen":
            print(f"Let op: {EXACT_NOTE}")
        state = demo_state(engine)
        if state == "gemengd":
            print(f"Let op: {MIXED_LABEL}; een deel van de namen in dit bestand is verzonnen.")
        elif state == "demo":
            print(f"Let op: {DEMO_LABEL}; alle namen in dit bestand zijn verzonnen.")
        return 0
    if args.command == "demo" and getattr(args, "verwijder", False):
        from data.demo.removal import remove_demo

        print(remove_demo(engine, progress=print))
        return 0
    if args.command == "demo":
        from data.demo.scenario import load_demo

        print(load_demo(engine, progress=print))
        return 0
    if args.command == "status":
        from data.status import describe

        print(describe(engine))
        return 0
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    return run_friendly(build_parser(), run, argv)


if __name__ == "__main__":
    sys.exit(main())
