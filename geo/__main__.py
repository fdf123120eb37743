"""Command line: python -m geo {indicatoren,scenario,dekking,catalogus} ... (see --help)."""
from __future__ import annotations

import argparse
import sys

from data.errors import UserError
from geo.catalogue import NIVEAU_LABELS
from geo.settings import GeoSettings
from data.cli import run_friendly, use_dutch
from data.registry import DEMO_LABEL

DEFAULTS = GeoSettings()


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--niveau", choices=list(NIVEAU_LABELS), default="zorgkantoorregio",
                        help="Organisatie of regioniveau (standaard: zorgkantoorregio).")
    parser.add_argument("--format", choices=["json", "csv"], default="json", help="Uitvoerformaat (standaard: json).")
    _add_settings(parser)


def _add_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--omrijfactor", type=float, default=DEFAULTS.detour_factor,
                        help=f"Wegafstand gedeeld door hemelsbrede afstand (standaard {DEFAULTS.detour_factor:g}).")
    parser.add_argument("--snelheid", type=float, default=DEFAULTS.speed_kmh,
                        help=f"Gemiddelde snelheid in km/u voor de geschatte reistijd (standaard {DEFAULTS.speed_kmh:g}).")
    parser.add_argument("--bereik", type=float, default=DEFAULTS.catchment_min,
                        help=f"Bereik in geschatte minuten voor AVG-toegankelijkheid en HAP-dekking (standaard {DEFAULTS.catchment_min:g}).")
    parser.add_argument("--prevalentie", type=float, default=DEFAULTS.prevalence,
                        help=f"Geschatte cliënten per inwoner waar cliëntenaantallen ontbreken (standaard {DEFAULTS.prevalence:g}).")


def build_parser() -> argparse.ArgumentParser:
    use_dutch()
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Geo-indicatoren van het MGZ-dashboard: afstanden, geschatte reistijden, HAP-werkgebieden, "
        "lappendeken per organisatie en AVG-toegankelijkheid (E2SFCA). Reistijden zijn schattingen "
        "(hemelsbreed × omrijfactor / snelheid).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    ind = sub.add_parser("indicatoren", help="Eén record per organisatie of regio met alle indicatoren.")
    _add_common(ind)
    sc = sub.add_parser("scenario", help="Wat als een voorziening sluit of een nieuwe opent: indicatoren na de wijziging en het verschil.")
    sc.add_argument("--sluit", action="append", default=[], metavar="ID",
                    help="Id van een voorziening die sluit (herhaalbaar, of komma-gescheiden).")
    sc.add_argument("--sluit-praktijk", action="append", default=[], metavar="ID", dest="sluit_praktijk",
                    help="Id van een huisartsenpraktijk die sluit: al haar samenwerkingen eindigen (herhaalbaar, of "
                    "komma-gescheiden).")
    sc.add_argument("--open", action="append", default=[], metavar="TYPE,LAT,LON,AVG_FTE",
                    help="Nieuwe voorziening, bijvoorbeeld avg_poli,52.09,5.12,2.5 (herhaalbaar).")
    _add_common(sc)
    _add_coverage(sub)
    sub.add_parser("catalogus", help="Toon de beschrijving van alle indicatoren (Markdown, voor de README).")
    return parser


def _add_coverage(sub) -> None:
    from geo.coverage_cli import add_arguments

    dk = sub.add_parser(
        "dekking", help="Dekking per VG-locatie: huisarts, HAP en AVG, met de knelpunten in woorden.",
        description="Eén rij per VG-locatie: organisatie, huisarts (en soort samenwerking), HAP van het werkgebied, "
        "formele afspraak met die HAP, ANW-openstelling, geschatte reistijden, AVG-toegankelijkheid, Wlz-behandeling "
        "en knelpunten. Samenwerkingen tellen als ze op de peildatum bestaan.",
    )
    add_arguments(dk)
    _add_settings(dk)


def _split(values: list[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _settings(args: argparse.Namespace) -> GeoSettings:
    return GeoSettings(detour_factor=args.omrijfactor, speed_kmh=args.snelheid, catchment_min=args.bereik,
                       prevalence=args.prevalentie)


def _parse_open(values: list[str]) -> list[dict]:
    specs = []
    for index, value in enumerate(values, start=1):
        parts = [part.strip() for part in value.split(",")]
        if len(parts) not in (3, 4):
            raise UserError(f"--open nummer {index} ('{value}') moet de vorm TYPE,LAT,LON,AVG_FTE hebben.")
        specs.append({"type": parts[0], "lat": parts[1], "lon": parts[2], "avg_fte": parts[3] if len(parts) == 4 else None})
    return specs


def _load():
    from data.db import get_engine
    from data.registry import load_geography, load_registry

    engine = get_engine()
    from data.reference.loading import ensure_reference

    ensure_reference(engine, progress=lambda message: print(message, file=sys.stderr))
    return load_registry(engine), load_geography(engine)


def run(args: argparse.Namespace) -> int:
    from geo.output import render

    if args.command == "catalogus":
        from geo.catalogue import markdown_section

        print(markdown_section())
        return 0
    settings = _settings(args)
    if args.command == "dekking":
        from geo.coverage_cli import run_coverage

        return run_coverage(args, settings, _load)
    if args.command == "indicatoren":
        from geo.analysis import analyse

        registry, geography = _load()
        frame = analyse(registry, geography, settings, geometry=False).indicators[args.niveau]
    else:
        from geo.scenario import run_scenario

        close_ids = _split(args.sluit)
        practices = _split(args.sluit_praktijk)
        openings = _parse_open(args.open)
        if not close_ids and not practices and not openings:
            raise UserError("Geef minstens één --sluit ID, --sluit-praktijk ID of --open TYPE,LAT,LON,AVG_FTE op.")
        registry, geography = _load()
        frame = run_scenario(registry, geography, close_ids, openings, settings, args.niveau, practices)
    if registry.is_demo:
        frame = frame.copy()
        frame.insert(0, "gegevens", DEMO_LABEL)
    text = render(frame, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_friendly(build_parser(), run, argv)


if __name__ == "__main__":
    sys.exit(main())
