"""Command line: python -m data {reference,import,export,demo,status,codeboek,actielijnen,gebruiker,audit} ...
(see --help). Commands act for data.users.cli_user: the registered user MGZ_USER names (with that role), else the
local single user, who may do everything."""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date
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

    users = sub.add_parser(
        "gebruiker", help="Beheer wie met welke rol (lezer, analist, beheerder) mag inloggen (alleen beheerders).",
        description="Gebruikers en hun rol voor het inloggen in het dashboard. Rollen: lezer (kaart, signalen, "
                    "dekking; geen teksten van bevindingen), analist (ook teksten van bevindingen, importeren, "
                    "bevindingen corrigeren), beheerder (ook gebruikers, voorbeeld en referentiegeografie).",
    )
    user_sub = users.add_subparsers(dest="user_command", required=True, metavar="ACTIE")
    add = user_sub.add_parser("toevoegen", help="Voeg een gebruiker toe met een rol.")
    add.add_argument("email", metavar="EMAIL", help="E-mailadres waarmee de gebruiker inlogt.")
    add.add_argument("--rol", required=True, choices=ROLE_CHOICES, metavar="ROL", help=ROLE_HELP)
    user_sub.add_parser("lijst", help="Toon alle gebruikers en hun rol.")
    change = user_sub.add_parser("wijzigen", help="Geef een gebruiker een andere rol.")
    change.add_argument("email", metavar="EMAIL")
    change.add_argument("--rol", required=True, choices=ROLE_CHOICES, metavar="ROL", help=ROLE_HELP)
    remove = user_sub.add_parser("verwijderen", help="Verwijder een gebruiker (die daarna geen gegevens meer ziet).")
    remove.add_argument("email", metavar="EMAIL")

    audit = sub.add_parser("audit", help="Toon het auditlogboek: wie wat wanneer deed (alleen beheerders).")
    audit.add_argument("--sinds", type=parse_day, metavar="DATUM",
                       help="Alleen vanaf deze dag (UTC), bijvoorbeeld 2026-11-27 of 27-11-2026.")
    audit.add_argument("--gebruiker", metavar="EMAIL", help="Alleen de regels van deze gebruiker.")
    return parser


ROLE_CHOICES = ("lezer", "analist", "beheerder")
ROLE_HELP = "lezer, analist of beheerder"


def parse_day(text: str) -> date:
    """2026-11-27 or 27-11-2026 (also with '/'); argparse reports anything else in Dutch."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            year, month, day = map(int, value.split("-"))
            return date(year, month, day)
        found = re.fullmatch(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})", value)
        if found:
            return date(int(found.group(4)), int(found.group(3)), int(found.group(1)))
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' is geen datum; gebruik bijvoorbeeld 2026-11-27 of 27-11-2026")


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain table with columns padded to their widest cell; the last column is not padded."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths[:-1])) + "  " + cells[-1]

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _when(value) -> str:
    return "" if value is None or value != value else f"{value:%Y-%m-%d %H:%M}"


def run_users(args: argparse.Namespace, engine) -> int:
    from data.users import add_user, change_role, cli_user, list_users, remove_user

    actor = cli_user(engine)
    if args.user_command == "toevoegen":
        added = add_user(engine, actor, args.email, args.rol)
        print(f"{added.email} is toegevoegd met de rol {added.rol}.")
    elif args.user_command == "wijzigen":
        changed = change_role(engine, actor, args.email, args.rol)
        print(f"{changed.email} heeft nu de rol {changed.rol}.")
    elif args.user_command == "verwijderen":
        remove_user(engine, actor, args.email)
        print(f"{args.email.strip().lower()} is verwijderd en ziet geen gegevens meer.")
    else:
        from data.access import require

        require(actor, "gebruikers_beheren")
        users = list_users(engine)
        if users.empty:
            print("Er zijn nog geen gebruikers geregistreerd. Voeg de eerste beheerder toe met: "
                  "python -m data gebruiker toevoegen EMAIL --rol beheerder")
            return 0
        rows = [[e, r, _when(a), d] for e, r, a, d in users.itertuples(index=False, name=None)]
        print(text_table(["E-mailadres", "Rol", "Toegevoegd (UTC)", "Door"], rows))
    return 0


def run_audit(args: argparse.Namespace, engine) -> int:
    from data.access import require
    from data.audit import read_audit
    from data.users import cli_user

    require(cli_user(engine), "audit_lezen")
    entries = read_audit(engine, sinds=args.sinds, gebruiker=args.gebruiker)
    if entries.empty:
        where = []
        if args.sinds:
            where.append(f"sinds {args.sinds:%d-%m-%Y}")
        if args.gebruiker:
            where.append(f"van {args.gebruiker}")
        print("Geen regels in het auditlogboek" + (f" ({', '.join(where)})" if where else "") + ".")
        return 0
    rows = [[_when(t), g, r or "geen", a, o, d or ""] for t, g, r, a, o, d in entries.itertuples(index=False, name=None)]
    print(text_table(["Tijdstip (UTC)", "Gebruiker", "Rol", "Actie", "Onderwerp", "Details"], rows))
    return 0


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
    from data.users import cli_user

    engine = get_engine()
    if args.command == "gebruiker":
        return run_users(args, engine)
    if args.command == "audit":
        return run_audit(args, engine)
    if args.command == "reference":
        from data.reference.loading import load_reference

        summary = load_reference(engine, source_dir=args.source, download=args.download, progress=print,
                                 user=cli_user(engine))
        print(summary)
        return 0
    if args.command == "import":
        from data.imports import import_file

        report = import_file(
            engine, args.kind, args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid, progress=print,
            user=cli_user(engine),
        )
        print(report.as_text())
        return 0 if report.ok else 1
    if args.command == "export":
        from data.exports import EXACT_NOTE, export_file

        from data.registry import DEMO_LABEL, MIXED_LABEL, demo_state

        count = export_file(engine, args.kind, args.file, user=cli_user(engine))
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

        print(remove_demo(engine, progress=print, user=cli_user(engine)))
        return 0
    if args.command == "demo":
        from data.demo.scenario import load_demo

        print(load_demo(engine, progress=print, user=cli_user(engine)))
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
