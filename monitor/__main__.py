"""Command line: python -m monitor {scores,signalen,pilots,bewijs,golven,acties,catalogus,dossier,rapport} ... (see --help)."""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from data.atomic import write_bytes
from data.errors import UserError
from data.privacy import suppress_small_counts
from monitor.catalogue import MONITOR_LEVELS
from data.cli import run_friendly, use_dutch

FORMATS = ("json", "csv", "xlsx", "tabel")
_CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")  # a code such as netwerk_te_zwak or niet_gestart
DEFAULT_FORMAT = "json"  # as python -m geo: every command the same; --format tabel for reading on screen


def _add_output(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--format", choices=FORMATS, default=default,
                        help=f"Uitvoer: json, csv, xlsx (met --output) of tabel (standaard {default}).")
    parser.add_argument("--output", type=Path, metavar="BESTAND", help="Schrijf naar dit bestand in plaats van het scherm.")


def _add_level(parser: argparse.ArgumentParser, wave: bool = True) -> None:
    parser.add_argument("--niveau", choices=MONITOR_LEVELS, required=True, help="Niveau: " + ", ".join(MONITOR_LEVELS) + ".")
    if wave:
        parser.add_argument("--golf", metavar="GOLF",
                            help="Meetgolf (bv. 2021); standaard de laatste golf; 'alle' voor alle golven samen.")


def build_parser() -> argparse.ArgumentParser:
    use_dutch()
    parser = argparse.ArgumentParser(
        prog="python -m monitor",
        description="Scores, signalen en monitoring volgens het systeem-framework (monitor convenant MGZ).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    scores = sub.add_parser("scores", help="Scores per regio en voorwaarde (en per stakeholdergroep).")
    _add_level(scores)
    _add_output(scores, DEFAULT_FORMAT)
    signals = sub.add_parser("signalen", help="Signalen zwak/te sterk netwerk per regio, met redenen.")
    _add_level(signals)
    _add_output(signals, DEFAULT_FORMAT)
    pilots = sub.add_parser("pilots", help="Kandidaat-pilotregio's: zwak netwerk, hoogste prioriteit eerst.")
    _add_level(pilots)
    _add_output(pilots, DEFAULT_FORMAT)
    evidence = sub.add_parser("bewijs", help="Al het bewijs achter de scores van één regio.")
    _add_level(evidence)
    evidence.add_argument("--code", required=True, metavar="CODE", help="Regiocode (bv. ZK08, GM0014) of organisatie-id.")
    _add_output(evidence, DEFAULT_FORMAT)
    waves = sub.add_parser("golven", help="Scores per meetgolf met de verandering sinds de vorige golf.")
    _add_level(waves, wave=False)
    _add_output(waves, DEFAULT_FORMAT)
    actions = sub.add_parser("acties", help="Status van de convenantacties per meetgolf; met --koppeling de knelpunten "
                                            "per regio en landelijk met de actielijnen die ze aanpakken.")
    actions.add_argument("--koppeling", action="store_true",
                         help="Per knelpunt (landelijk en per regio) de actielijnen die het aanpakken, hun stand en "
                              "of het knelpunt gedekt is ('niet gedekt door een actielijn').")
    actions.add_argument("--niveau", choices=[lv for lv in MONITOR_LEVELS if lv != "organisatie"],
                         default="zorgkantoorregio", help="Niveau van de regio's bij --koppeling (standaard "
                                                          "zorgkantoorregio).")
    actions.add_argument("--golf", metavar="GOLF", help="Meetgolf bij --koppeling (bv. 2024); standaard de laatste.")
    actions.add_argument("--regio", metavar="CODE", help="Bij --koppeling alleen deze regio (bv. ZK08).")
    _add_output(actions, DEFAULT_FORMAT)
    sub.add_parser("catalogus", help="Toon de indicatorcatalogus (indicatoren, signaalregels, ketens) als Markdown.")
    from monitor.dossier import cli as dossier_cli

    dossier_cli.add_parser(sub)
    from monitor.report import cli as report_cli

    report_cli.add_parser(sub)
    return parser


def _jsonable(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return value


def render(frame: pd.DataFrame, fmt: str, demo: bool, sheet: str, output: Path | None) -> str | bytes:
    from monitor import exports

    if fmt == "xlsx":
        if output is None:
            raise UserError("Voor --format xlsx is --output BESTAND nodig.")
        return exports.to_xlsx_bytes({sheet: frame}, demo=demo)
    if fmt == "csv":
        return exports.to_csv_bytes(frame, demo=demo).decode("utf-8")
    if fmt == "json":
        label = {"gegevens": exports.DEMO_LABEL} if demo else {}
        shared = suppress_small_counts(frame)  # client counts below 10 read "<10" in every shared output
        records = [{**label, **{k: _jsonable(v) for k, v in row.items()}} for row in shared.to_dict("records")]
        return json.dumps(records, ensure_ascii=False, indent=2)
    flat = suppress_small_counts(exports.flatten(frame))
    if flat.empty:
        return "(geen rijen)"
    screen = screen_frame(flat)
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 80):
        table = screen.to_string(index=False)
    return ("Fictief voorbeeld.\n" if demo else "") + table


# Headers on screen that the plain rule ('n_bewijs' -> 'N bewijs') would leave reading like keys.
SCREEN_HEADERS = {
    "n_bewijs": "Aantal bewijsstukken",
    "betrouwbaarheid_label": "Betrouwbaarheid",
    "volledigheid_tekst": "Toelichting volledigheid",
    "catalogus_versie": "Catalogusversie",
}
# Shares from 0 to 1 that the screen shows as a percentage ('1' -> '100%', '0.93' -> '93%').
SCREEN_PERCENT_COLUMNS = ("volledigheid",)


def _screen_value(value, share: bool = False) -> str:
    """A cell for the screen: Dutch numbers ('1.625', '-1,77'), 'ja'/'nee', '–' for nothing; with `share` a
    percentage ('93%')."""
    from monitor import text

    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if share and isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        return "–" if math.isnan(float(value)) else text.percent(float(value))
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, (int, np.integer)):
        return text.number(int(value), 0)
    if isinstance(value, (float, np.floating)):
        return "–" if math.isnan(float(value)) else text.number(float(value), 2)
    value = str(value)
    return value.replace("_", " ") if _CODE.fullmatch(value) else value  # 'netwerk_te_zwak' -> 'netwerk te zwak'


def screen_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as `--format tabel` prints it: headers in words ('Zwak netwerk', not 'zwak_netwerk'; 'Aantal
    bewijsstukken', not 'n_bewijs'), Dutch numbers, completeness as a percentage, ja/nee and '–' instead of
    True/False/NaN. Files (json, csv, xlsx) keep the keys and plain values."""
    shown = pd.DataFrame({column: [_screen_value(v, share=column in SCREEN_PERCENT_COLUMNS) for v in frame[column]]
                          for column in frame.columns})
    shown.columns = [_screen_header(str(column), frame.columns) for column in frame.columns]
    return shown


def _screen_header(column: str, columns) -> str:
    if column == "betrouwbaarheid" and "betrouwbaarheid_label" in columns:  # the label is 'Betrouwbaarheid'
        return "Betrouwbaarheid (0–1)"
    words = SCREEN_HEADERS.get(column) or column.replace("_", " ")
    return words[:1].upper() + words[1:]


def _user():
    """Who runs this command: the registered user MGZ_USER names (with that role), else the local single user."""
    from data.db import get_engine
    from data.users import cli_user

    return cli_user(get_engine())


def _load():
    """Database -> registry (as the CLI user may see it: data.access.redact), geography and geo result (reference
    geography loaded on first use)."""
    from data.access import require
    from data.db import get_engine
    from data.reference.loading import ensure_reference
    from data.registry import load_geography, load_registry
    from geo.analysis import analyse

    engine = get_engine()
    user = _user()
    require(user, "gegevens_zien")  # a registered user without a role gets nothing, not even the reference load
    ensure_reference(engine, progress=lambda message: print(message, file=sys.stderr))
    from monitor.redaction import redact  # data.access.redact, keeping the scores equal for every role

    registry = redact(load_registry(engine), user)
    geography = load_geography(engine)
    return registry, geography, analyse(registry, geography, geometry=False)


def run(args: argparse.Namespace) -> int:
    if args.command == "catalogus":
        from monitor.catalogue import markdown

        print(markdown(), end="")
        return 0
    if args.command == "dossier":
        from data.access import may
        from data.audit import record_download
        from data.db import get_engine
        from monitor.dossier import cli as dossier_cli

        user = _user()
        if not may(user, "bevindingen_lezen"):  # a lezer gets the dossier without findings, whatever was asked
            if not args.zonder_bevindingen:
                print("Als lezer krijgt u het dossier zonder bevindingen.", file=sys.stderr)
            args.zonder_bevindingen = True
        code = dossier_cli.run(args, _load)
        if code == 0 and not args.zonder_bevindingen:
            record_download(get_engine(), user, "regiodossier (volledig)",
                            {"niveau": args.niveau, "code": args.code, "golf": args.golf, "bestand": str(args.output)})
        return code
    if args.command == "rapport":
        from monitor.report import cli as report_cli

        return report_cli.run(args, _load)
    registry, geography, geo_result = _load()
    from monitor import analysis, exports, waves

    if args.command == "acties" and args.koppeling:
        frame, sheet = _koppeling(args, registry, geography, geo_result), "koppeling"
    elif args.command == "acties":
        frame, sheet = waves.action_status(registry, geography), "acties"
    elif args.command == "golven":
        frame, sheet = waves.scores_by_wave(geo_result, registry, geography, args.niveau), "golven"
    else:
        result = analysis.analyse_level(geo_result, registry, geography, args.niveau, _wave(args.golf, registry))
        if args.command == "scores":
            frame, sheet = score_rows(result), "scores"
        elif args.command == "signalen":
            frame, sheet = exports.signal_list(result), "signalen"
        elif args.command == "pilots":
            frame, sheet = analysis.pilot_candidates(result), "pilotregio's"
        else:
            frame, sheet = exports.region_evidence(result, args.code), f"bewijs {args.code}"
            from data.access import may

            if not may(_user(), "bevindingen_lezen"):  # a lezer: findings as counts per condition, never texts
                frame = exports.findings_counted(frame)
            if args.format == "tabel":  # the screen shows the essentials; files get every column
                frame = frame[["voorwaarde", "stakeholder", "deelscore", "gewicht", "omschrijving"]]
    if sheet == "koppeling" and args.format == "tabel":  # on screen: per region, readable sentences
        from monitor.action_links import koppeling_text

        golf = str(frame["golf"].iloc[0]) if len(frame) else str(_wave(args.golf, registry))
        content = ("Fictief voorbeeld.\n" if registry.is_demo else "") + koppeling_text(frame.drop(columns="golf"), golf)
    else:
        content = render(frame, args.format, registry.is_demo, sheet, args.output)
    if args.output is not None:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        write_bytes(args.output, data)  # whole or not at all: a full disk leaves no half-written file
        print(f"{len(frame)} rijen geschreven naar {args.output}.", file=sys.stderr)
        _record_evidence_export(args)
    else:
        print(content)
    return 0


def _record_evidence_export(args: argparse.Namespace) -> None:
    """An evidence file with finding texts (`bewijs --output` by a role that sees them) goes into the audit trail."""
    if args.command != "bewijs":
        return
    from data.access import may
    from data.audit import record_download
    from data.db import get_engine

    user = _user()
    if may(user, "bevindingen_lezen"):
        record_download(get_engine(), user, "bewijs met bevindingen",
                        {"niveau": args.niveau, "code": args.code, "bestand": str(args.output)})


def _koppeling(args, registry, geography, geo_result) -> pd.DataFrame:
    """Bottlenecks and the action lines that address them: national rows first, then per region."""
    from monitor import analysis
    from monitor.action_links import koppeling_table
    from monitor.waves import wave_codes

    golf = _wave(args.golf, registry)
    if golf is None:
        raise UserError("Kies een meetgolf (--golf); de koppeling geldt per meetgolf.")
    result = analysis.analyse_level(geo_result, registry, geography, args.niveau, golf)
    codes = wave_codes(registry)
    previous = codes[codes.index(golf) - 1] if golf in codes and codes.index(golf) > 0 else None
    before = analysis.analyse_level(geo_result, registry, geography, args.niveau, previous) if previous else None
    if args.regio and args.regio.strip().upper() not in set(result.signals["code"].astype(str).str.upper()):
        raise UserError(f"Regio '{args.regio}' bestaat niet op niveau {args.niveau}.")
    frame = koppeling_table(result, registry, geography, before, region=args.regio)
    return frame.assign(golf=golf)


def _wave(golf: str | None, registry) -> str | None:
    from monitor.waves import chosen_wave

    return chosen_wave(golf, registry)


def score_rows(result) -> pd.DataFrame:
    """Condition scores (stakeholder empty) followed by the condition x stakeholder cells, with region names."""
    names = dict(zip(result.signals["code"], result.signals["naam"]))
    conditions = result.conditions.assign(stakeholder=None)
    table = pd.concat([conditions, result.cells], ignore_index=True)
    table.insert(1, "naam", table["code"].map(names))
    table.insert(2, "niveau", result.niveau)
    table.insert(3, "golf", result.golf or "alle")
    columns = ["code", "naam", "niveau", "golf", "voorwaarde", "stakeholder", "score", "betrouwbaarheid",
               "betrouwbaarheid_label", "n_bewijs", "bewijsgewicht"]
    return table.sort_values(["code"], kind="stable")[columns].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    return run_friendly(build_parser(), run, argv)


if __name__ == "__main__":
    sys.exit(main())
