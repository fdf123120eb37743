"""`python -m monitor dossier`: write the regiodossier of one region or organisation as PDF or Word."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.atomic import require_folder, write_bytes as atomic_write_bytes
from data.errors import UserError
from monitor.dossier.scope import LEVELS
from monitor.dossier.wording import LEVEL_ALIASES

FORMATS = ("pdf", "docx")


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "dossier",
        help="Regiodossier voor een regionale tafel (PDF of Word): samenvatting, kaart, wie aan tafel, knelpunten, "
             "goede voorbeelden, convenantacties, agenda.",
    )
    parser.add_argument("--niveau", required=True, metavar="NIVEAU",
                        help="Niveau: " + ", ".join(LEVELS) + " (hap = werkgebied van een huisartsenpost; ook "
                             "hap-werkgebied).")
    parser.add_argument("--code", required=True, metavar="CODE",
                        help="Regiocode (bv. ZK08, GM0014, PV21), organisatie-id of, bij hap, het id van de HAP.")
    parser.add_argument("--golf", metavar="GOLF", help="Meetgolf (bv. 2021); standaard de laatste; 'alle' voor alle golven samen.")
    parser.add_argument("--format", choices=FORMATS, required=True, help="pdf of docx (Word).")
    parser.add_argument("--output", type=Path, required=True, metavar="BESTAND", help="Het bestand om te schrijven.")
    parser.add_argument("--zonder-bevindingen", action="store_true", dest="zonder_bevindingen",
                        help="Laat de teksten van bevindingen weg (alleen aantallen per voorwaarde), voor een bredere "
                             "kring; de volledige versie is vertrouwelijk.")


def run(args: argparse.Namespace, load) -> int:
    """Build and write the dossier; `load` gives (registry, geography, geo_result) and `wave` picks the wave."""
    args.niveau = LEVEL_ALIASES.get(str(args.niveau).strip().lower(), args.niveau)
    if args.niveau not in LEVELS:
        raise UserError(f"Onbekend niveau '{args.niveau}'; kies uit {', '.join(LEVELS)}.")
    output: Path = args.output
    require_folder(output)  # data.atomic: the same message as every other --output, before any work
    from data.db import get_engine
    from data.provenance import load_care_offices, load_provenance
    from monitor.analysis import analyse_level
    from monitor.dossier import DossierInputs, build_dossier, render
    from monitor.waves import chosen_wave

    registry, geography, geo_result = load()
    # A HAP area has no score of its own: its dossier reads the zorgkantoorregio result (monitor.dossier.hap).
    scored = "zorgkantoorregio" if args.niveau == "hap" else args.niveau
    result = analyse_level(geo_result, registry, geography, scored, chosen_wave(args.golf, registry))
    engine = get_engine()
    inputs = DossierInputs(registry, geography, geo_result, result, load_care_offices(engine), load_provenance(engine),
                           niveau=args.niveau)
    dossier = build_dossier(inputs, args.code, zonder_bevindingen=args.zonder_bevindingen)
    data = render(dossier, args.format)
    try:
        atomic_write_bytes(output, data)  # whole or not at all (data.atomic): a full disk leaves no broken file
    except OSError as error:
        raise UserError(f"Kan {output} niet schrijven: {error.strerror or error}.") from None
    version = "zonder bevindingen" if args.zonder_bevindingen else "vertrouwelijk"
    print(f"Regiodossier {dossier.naam} ({dossier.code}, {version}) geschreven naar {output} "
          f"({len(data) / 1024:.0f} kB).", file=sys.stderr)
    if dossier.is_demo:
        print("Let op: fictief voorbeeld; alle namen in dit dossier zijn verzonnen.", file=sys.stderr)
    return 0
