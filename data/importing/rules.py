"""Pure, vectorised parsing rules for imported cells (strings in, typed values and row errors out)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from data.limits import INTEGER_MAX, INTEGER_MIN, dutch_int
from data.readers import normalise_name


@dataclass
class RowErrors:
    """Rejected cells as (rij, kolom, reden); reasons are Dutch and name the offending value."""

    rows: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, index, column: str, reasons) -> None:
        """Add one error per row in `index`; `reasons` is one text or one text per row."""
        index = list(index)
        if isinstance(reasons, str):
            reasons = [reasons] * len(index)
        self.rows.extend((int(r), column, str(reason)) for r, reason in zip(index, reasons))

    def add_mask(self, frame: pd.DataFrame, mask, column: str, reason) -> None:
        """Add an error for each row where `mask` holds; `reason` is a text or a function of the cell value."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        index = frame.index[mask]
        if callable(reason):
            values = frame.loc[mask, column] if column in frame.columns else [""] * len(index)
            reasons = [reason(value) for value in values]
        else:
            reasons = reason
        self.add(index, column, reasons)

    def bad_rows(self) -> set[int]:
        return {r for r, _, _ in self.rows}

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=["rij", "kolom", "reden"])
        return frame.sort_values(["rij", "kolom"], kind="stable").reset_index(drop=True)


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """The column as stripped strings, or a column of '' when the file does not have it."""
    if name in frame.columns:  # the readers give stripped strings already
        return frame[name].astype(object).fillna("")
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


_THOUSANDS_INT = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+$")


_NOISE = re.compile(r"[\s\u00a0']")  # spaces and apostrophes used to group thousands


def _decimal_text(value: str) -> str:
    """One cell to a string float() understands; the rules are documented in parse_decimal."""
    text = _NOISE.sub("", value)
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if commas == 1:
        return text.replace(",", ".")
    if commas > 1 or dots > 1:
        return text.replace(",", "").replace(".", "")
    return text


def parse_decimal(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Numbers written the Dutch or the English way: '52,37', '1.234,5', '1,234.5', '1 234'.

    Returns floats (NaN where empty) and a mask of non-empty cells that are not numbers.
    A single separator is the decimal separator, except when it occurs more than once ('1.234.567');
    with both, the last one is the decimal separator and the other groups thousands.
    """
    texts = [_decimal_text(v if isinstance(v, str) else "" if v is None else str(v)) for v in values]
    numbers = pd.to_numeric(pd.Series(texts, index=values.index, dtype=object), errors="coerce").astype("float64")
    empty = np.array([t == "" for t in texts], dtype=bool)
    bad = ~empty & ~np.isfinite(numbers.to_numpy())
    return numbers.where(~bad), bad  # NaN, not inf, where bad: later checks then see no number at all


def parse_integer(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Whole numbers; '1.234' and '1,234' count as thousands here. Returns nullable Int64 and a bad mask.

    Numbers outside what both databases store in an integer column (INTEGER_MIN..INTEGER_MAX) are bad too;
    `integer_reason` says which of the two is wrong with a cell.
    """
    text = values.astype(object).fillna("").map(str).str.replace(r"[\s\u00a0']", "", regex=True)
    grouped = text.str.match(_THOUSANDS_INT)
    text = text.where(~grouped, text.str.replace(r"[.,]", "", regex=True))
    numbers, bad = parse_decimal(text)
    fractional = numbers.notna().to_numpy() & (numbers.fillna(0) % 1 != 0).to_numpy()
    out_of_range = ((numbers < INTEGER_MIN) | (numbers > INTEGER_MAX)).to_numpy()
    bad = bad | fractional | out_of_range
    result = numbers.where(~pd.Series(bad, index=numbers.index)).round().astype("Int64")
    return result, bad


def integer_reason(value: object) -> str:
    """Why a cell that parse_integer marked bad is refused (Dutch, with the value)."""
    numbers, bad = parse_decimal(pd.Series([_NOISE.sub("", str(value))], dtype=object))
    number = numbers.iloc[0]
    if not bad[0] and not pd.isna(number) and not INTEGER_MIN <= number <= INTEGER_MAX:
        bounds = f"{dutch_int(INTEGER_MIN)} en {dutch_int(INTEGER_MAX)}"
        return f"'{value}' is te groot (een geheel getal hier ligt tussen {bounds})"
    return f"'{value}' is geen geheel getal"


DATE_YEARS = (1900, 2100)
DATE_FORMS = "gebruik 2019, 2019-06-15 of 15-6-2019"
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's serial day numbers (right from 1 March 1900 on)
_YEAR = re.compile(r"^\d{4}$", re.ASCII)
# ISO, optionally with the time of day the XLSX reader adds to date cells ('2019-06-15T00:00:00').
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII)
# Dutch day-month-year: 15-6-2019, 15/06/2019 (one kind of separator per date).
_DUTCH_DATE = re.compile(r"^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$", re.ASCII)
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$", re.ASCII)  # five digits are never a year; a fraction is the time


def parse_date(value, end: bool = False, serials: bool = False) -> date | None:
    """One cell as a date; None when empty. Raises ValueError with the Dutch reason.

    Accepts a year ('2019': 1 January, or 31 December with `end`), ISO '2019-06-15', Dutch '15-6-2019' or
    '15/06/2019', and date/datetime objects. With `serials` (XLSX) a five-digit number is an Excel serial day
    number, which is what a date cell formatted as a plain number holds. Years outside DATE_YEARS are refused.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        _check_year(value.year, value.isoformat())
        return value
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
    if not text:
        return None
    if serials and (match := _SERIAL.match(text)):
        found = EXCEL_EPOCH + timedelta(days=int(match.group(1)))
        _check_year(found.year, text)
        return found
    if _YEAR.match(text):
        year, month, day = int(text), (12 if end else 1), (31 if end else 1)
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DUTCH_DATE.match(text):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        raise ValueError(f"'{text}' is geen datum of jaartal ({DATE_FORMS})")
    _check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is geen bestaande datum") from None


def _check_year(year: int, text: str) -> None:
    if not DATE_YEARS[0] <= year <= DATE_YEARS[1]:
        raise ValueError(f"'{text}' ligt niet tussen {DATE_YEARS[0]} en {DATE_YEARS[1]}")


def parse_dates(values: pd.Series, end: bool = False, serials: bool = False) -> tuple[pd.Series, pd.Series]:
    """parse_date per cell: dates (None where empty or bad) and the Dutch reason per cell ('' when fine)."""
    dates, reasons = [], []
    for value in values.tolist():
        try:
            dates.append(parse_date(value, end, serials))
            reasons.append("")
        except ValueError as error:
            dates.append(None)
            reasons.append(str(error))
    return pd.Series(dates, index=values.index, dtype=object), pd.Series(reasons, index=values.index, dtype=object)


_TRUE = {"ja", "j", "true", "waar", "1", "yes", "y", "x", "open"}
_FALSE = {"nee", "n", "false", "onwaar", "0", "no", "gesloten"}


def parse_bool(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """ja/nee/true/false/1/0 (any case); empty is unknown (None). Returns objects and a bad mask."""
    text = values.astype(object).fillna("").map(str).str.strip().str.lower().str.replace(r"[.,]0+$", "", regex=True)
    result = pd.Series([None] * len(text), index=text.index, dtype=object)
    result[text.isin(_TRUE)] = True
    result[text.isin(_FALSE)] = False
    bad = (text.ne("") & ~text.isin(_TRUE | _FALSE)).to_numpy()
    return result, bad


def enum_lookup(allowed: tuple[str, ...], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Normalised spelling -> allowed value: the values themselves plus friendly alternatives."""
    lookup = {normalise_name(value): value for value in allowed}
    for alias, value in (aliases or {}).items():
        lookup[normalise_name(alias)] = value
    return lookup


def parse_enum(values: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, np.ndarray]:
    """Map spellings like 'AVG-poli' or 'niet gestart' to the stored value; bad mask marks unknown non-empty cells."""
    keys = values.astype(object).fillna("").map(normalise_name)
    result = keys.map(lookup)
    bad = (keys.ne("") & result.isna()).to_numpy()
    return result.astype(object).where(result.notna(), None), bad


_POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})?$")


def normalise_postcodes(values: pd.Series) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """'1011ab' -> ('1011 AB', '1011'); '1011' -> ('1011', '1011'). Returns postcode, pc4 and a bad mask."""
    text = values.astype(object).fillna("").map(str).str.strip()
    parts = text.str.extract(_POSTCODE)
    pc4 = parts[0]
    letters = parts[1].fillna("").str.upper()
    postcode = pc4.where(letters.eq(""), pc4 + " " + letters)
    bad = (text.ne("") & pc4.isna()).to_numpy()
    found = pc4.notna()
    return postcode.astype(object).where(found, None), pc4.astype(object).where(found, None), bad


def normalise_region_codes(values: pd.Series) -> pd.Series:
    """'gm0014' -> 'GM0014', ' 1011 ' -> '1011'; CBS prefixes upper case, other text as written."""
    text = values.astype(object).fillna("").map(str).str.strip()
    prefixed = text.str.match(r"^(gm|zk|pv)\d+$", case=False)
    return text.where(~prefixed, text.str.upper())


def normalise_gemeente_codes(values: pd.Series) -> pd.Series:
    """'GM0014', 'gm14' and '14' all mean gemeente GM0014."""
    text = values.astype(object).fillna("").map(str).str.strip().str.upper().str.removeprefix("GM")
    digits = text.str.fullmatch(r"\d{1,4}")
    return text.where(~digits, "GM" + text.str.zfill(4)).where(text.ne(""), "")


def duplicates(keys: pd.Series) -> pd.Series:
    """For each row whose key occurred earlier in the file: the row number of the first occurrence."""
    first = pd.Series(keys.index, index=keys.index).groupby(keys.to_numpy(), sort=False).transform("first")
    return first[keys.duplicated(keep="first") & keys.ne("")]


def slug(name: str, limit: int = 100) -> str:
    """A stable id derived from a name: 'Stichting De Brug (Noord)' -> 'stichting-de-brug-noord'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^0-9a-z]+", "-", text).strip("-")
    digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:10]
    if not text:
        return f"org-{digest}"
    if len(text) > limit:
        return f"{text[: limit - 11].rstrip('-')}-{digest}"
    return text


def choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)
