"""Limits on what a user's file may ask of this computer, each with the Dutch words used to refuse it.

The numbers are far above any real register (the national demo has about 2.500 voorzieningen and 1.500 PC4
links per file) and far below what would exhaust memory: a file that passes them is read in well under 300 MB.
The README section "Grenzen en foutcodes" lists them; tests/test_readme_limits.py checks that it does.
"""
from __future__ import annotations

MAX_FILE_BYTES = 100_000_000  # a CSV, XLSX or GeoJSON file as uploaded
MAX_XLSX_UNZIPPED_BYTES = 100_000_000  # everything inside an .xlsx (it is a zip archive) together, unpacked
MAX_XLSX_MEMBERS = 1_000  # files inside an .xlsx
MAX_XLSX_ELEMENTS = 2_000_000  # XML elements in the worksheets and shared strings: what reading an .xlsx costs
MAX_XLSX_RATIO = 100  # unpacked / packed size of a part over 1 MB; real sheets 5-25, zip bombs 300-1000
MAX_XLSX_PART_BYTES = 10_000_000  # any other XML part unpacked (styles, workbook, theme; usually a few kB)
MAX_ROWS = 100_000  # data rows, not counting the header
MAX_COLUMNS = 200
MAX_FIELD_CHARS = 100_000  # one cell
MAX_GEOJSON_DEPTH = 32  # nesting of objects and lists; a MultiPolygon FeatureCollection needs 8
MAX_GEOJSON_VERTICES = 2_000_000  # coordinate pairs in all features together
MAX_REPORTED_ERRORS = 50  # rejected cells listed on the command line; the rest is counted ("en nog M fouten")
MAX_SHOWN_ERRORS = 1_000  # rejected cells in the table on the Gegevens page

# What both SQLite and PostgreSQL can store in an Integer column (PostgreSQL: 4 bytes).
INTEGER_MIN, INTEGER_MAX = -2_147_483_648, 2_147_483_647


def dutch_int(value: int) -> str:
    """12345 -> '12.345'."""
    return f"{value:,}".replace(",", ".")


def megabytes(count: int) -> str:
    """100_000_000 -> '100 MB' (decimal megabytes, as file managers show them)."""
    return f"{dutch_int(round(count / 1_000_000))} MB"


# (what, limit in words) for the README table and the help texts; one source for both.
LIMITS = (
    ("bestandsgrootte (CSV, XLSX, GeoJSON)", megabytes(MAX_FILE_BYTES)),
    ("uitgepakte grootte van een .xlsx", megabytes(MAX_XLSX_UNZIPPED_BYTES)),
    ("cellen en teksten (XML-elementen) in een .xlsx", dutch_int(MAX_XLSX_ELEMENTS)),
    ("inpakverhouding van een werkblad in een .xlsx (vanaf 1 MB)", f"{MAX_XLSX_RATIO} : 1"),
    ("rijen per bestand (zonder kopregel)", dutch_int(MAX_ROWS)),
    ("kolommen per bestand", dutch_int(MAX_COLUMNS)),
    ("tekens in één cel", dutch_int(MAX_FIELD_CHARS)),
    ("nesting van een GeoJSON-bestand", f"{MAX_GEOJSON_DEPTH} niveaus"),
    ("coördinaatparen in een GeoJSON-bestand", dutch_int(MAX_GEOJSON_VERTICES)),
    ("gehele getallen (zoals clienten)", f"{dutch_int(INTEGER_MIN)} t/m {dutch_int(INTEGER_MAX)}"),
    ("gemelde fouten op de opdrachtregel", f"{MAX_REPORTED_ERRORS}, daarna \"en nog M fouten\""),
)
