"""`python -m geo dekking`: the coverage table of a selection as JSON, Dutch-Excel CSV or XLSX."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from data.atomic import require_folder, write_bytes as atomic_write_bytes
from data.errors import UserError
from data.importing.rules import parse_date
from geo.coverage import GAPS, LEVEL_NOUNS, selection_text
from geo.settings import GeoSettings

FORMATS = ("json", "csv", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--niveau", choices=list(LEVEL_NOUNS), metavar="NIVEAU",
                        help="Regioniveau van --code: " + ", ".join(LEVEL_NOUNS) + " (hap = werkgebied van een HAP).")
    parser.add_argument("--code", metavar="CODE", help="Code van de regio, bijvoorbeeld ZK08, GM0363, PV21 of een HAP-id.")
    parser.add_argument("--organisatie", metavar="ID", help="Alleen de locaties van deze organisatie (id).")
    parser.add_argument("--knelpunt", action="append", default=[], choices=list(GAPS), metavar="KNELPUNT",
                        help="Alleen locaties met dit knelpunt (herhaalbaar): " + ", ".join(GAPS) + ".")
    parser.add_argument("--alleen-knelpunten", action="store_true", dest="alleen_knelpunten",
                        help="Alleen locaties met minstens één knelpunt.")
    parser.add_argument("--peildatum", metavar="DATUM",
                        help="Samenwerkingen tellen als ze op deze dag bestaan (2025-06-30 of 30-6-2025; standaard vandaag).")
    parser.add_argument("--format", choices=list(FORMATS), default="json",
                        help="json of csv (kolommen id, naam, ...; CSV met ; en decimale komma) of xlsx (één werkblad "
                        "per organisatie, leesbare kolomkoppen; vraagt --output). Standaard: json.")
    parser.add_argument("--output", type=Path, metavar="BESTAND", help="Schrijf naar dit bestand in plaats van naar het scherm.")
    what_if = parser.add_argument_group(
        "wat als", "Toon de dekking na een wijziging (er wordt niets in het register geschreven), met drie extra kolommen: "
        "knelpunten_voor, erbij (knelpunten die erbij komen) en eraf.")
    what_if.add_argument("--sluit", action="append", default=[], metavar="ID",
                         help="Id van een HAP, AVG-poli of andere voorziening die sluit (herhaalbaar).")
    what_if.add_argument("--sluit-praktijk", action="append", default=[], metavar="ID", dest="sluit_praktijk",
                         help="Id van een huisartsenpraktijk die sluit: al haar samenwerkingen eindigen (herhaalbaar).")
    what_if.add_argument("--open-poli", action="append", default=[], metavar="PC4,FTE", dest="open_poli",
                         help="Nieuwe AVG-poli in een PC4-gebied met zoveel AVG-fte, bijvoorbeeld 3511,2.5 (herhaalbaar).")


def _peildatum(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except ValueError as error:
        raise UserError(f"--peildatum: {error}.") from None


def _check(args: argparse.Namespace) -> None:
    if bool(args.niveau) != bool(args.code):
        raise UserError("Geef --niveau en --code samen op, bijvoorbeeld --niveau zorgkantoorregio --code ZK08.")
    if args.format == "xlsx" and args.output is None:
        raise UserError("Een Excel-bestand kan niet naar het scherm: geef --output BESTAND.xlsx op.")
    if args.output is not None:
        require_folder(args.output)  # data.atomic: the same message as every other --output


def _items(values: list[str]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _scenario(args: argparse.Namespace, geography):
    from geo.coverage_scenario import Scenario, new_poli

    polis = []
    for index, value in enumerate(args.open_poli, start=1):
        parts = [part.strip() for part in value.split(",", 1)]
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise UserError(f"--open-poli nummer {index} ('{value}') moet de vorm PC4,FTE hebben, bijvoorbeeld 3511,2.5.")
        try:
            fte = float(parts[1].replace(",", "."))
        except ValueError:
            raise UserError(f"--open-poli nummer {index}: '{parts[1]}' is geen aantal fte.") from None
        polis.append(new_poli(geography, fte, pc4=parts[0]))
    return Scenario(_items(args.sluit), _items(args.sluit_praktijk), tuple(polis))


def _with_scenario(table, outcome):
    """The table after the change with the gaps before and the gained and lost gaps as three extra columns."""
    before = outcome.coverage_before.set_index("id")["knelpunten"]
    changes = outcome.changes.set_index("id")
    table = table.copy()
    table["knelpunten_voor"] = before.reindex(table["id"]).fillna("locatie bestaat nog niet").to_numpy(dtype=object)
    table["erbij"] = changes["erbij"].reindex(table["id"]).fillna("").to_numpy(dtype=object)
    table["eraf"] = changes["eraf"].reindex(table["id"]).fillna("").to_numpy(dtype=object)
    return table


def run_coverage(args: argparse.Namespace, settings: GeoSettings, load) -> int:
    """Load, compute, select and write; `load()` returns (registry, geography)."""
    from geo import coverage_export
    from geo.analysis import analyse
    from geo.coverage import COLUMNS, coverage_table, select_locations
    from geo.coverage_scenario import run

    _check(args)
    peildatum = _peildatum(args.peildatum)
    registry, geography = load()
    result = analyse(registry, geography, settings, geometry=False)
    scenario = _scenario(args, geography)
    columns = list(COLUMNS)
    if scenario.empty:
        table = coverage_table(result, registry, peildatum)
    else:
        outcome = run(registry, geography, scenario, settings, peildatum, before=result)
        table = _with_scenario(outcome.coverage_after, outcome)
        columns += ["knelpunten_voor", "erbij", "eraf"]
    if args.code:
        known = set(result.indicators[args.niveau]["code"])  # 'hap': the HAP ids
        if args.code not in known:
            raise UserError(f"Regio '{args.code}' bestaat niet op niveau {LEVEL_NOUNS[args.niveau]}.")
    if args.organisatie and args.organisatie not in set(table["organisatie_id"].dropna()):
        raise UserError(f"Organisatie '{args.organisatie}' heeft geen VG-locaties in het register; controleer het id "
                        "(python -m geo indicatoren --niveau organisatie).")
    chosen = select_locations(table, args.niveau, args.code, args.organisatie, args.knelpunt, args.alleen_knelpunten)
    names = dict(zip(geography.regions["code"], geography.regions["naam"]))
    names.update(zip(result.indicators["hap"]["code"], result.indicators["hap"]["naam"]))  # HAP areas
    demo = bool(registry.is_demo)
    if args.format == "json":
        data = (coverage_export.json_text(chosen, demo, columns) + "\n").encode("utf-8")
    elif args.format == "csv":
        data = coverage_export.csv_keys(chosen, demo, columns)
    else:
        chosen_text = selection_text(args.niveau, args.code, names.get(args.code), args.organisatie, args.knelpunt,
                                     args.alleen_knelpunten)
        lines = coverage_export.notes(peildatum, chosen_text)
        if not scenario.empty:
            facility_names = dict(zip(registry.facilities["id"], registry.facilities["naam"]))
            lines.append(f"Wat als: {scenario.describe(facility_names)}. Er is niets in het register veranderd.")
        data = coverage_export.xlsx(chosen, demo, lines, extra=columns[len(COLUMNS):])
    if args.output is None:
        sys.stdout.write(data.decode("utf-8-sig"))
    else:
        atomic_write_bytes(args.output, data)  # whole or not at all (data.atomic)
        print(f"{len(chosen)} VG-locaties geschreven naar {args.output}.", file=sys.stderr)
    return 0
