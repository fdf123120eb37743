"""Cell parsing rules: numbers the Dutch and the English way, booleans, postcodes, enums, ids."""
from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.exports import csv_cell, guard_formula
from data.importing.facilities import TYPES
from data.importing.rules import (
    DATE_YEARS,
    EXCEL_EPOCH,
    duplicates,
    normalise_gemeente_codes,
    normalise_postcodes,
    normalise_region_codes,
    parse_bool,
    parse_date,
    parse_dates,
    parse_decimal,
    parse_enum,
    parse_integer,
    slug,
)
from data.importing.waves import new_wave_rows
from data.readers import _clean_cell


def s(*values) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def test_decimals_in_dutch_and_english_notation():
    values, bad = parse_decimal(s("52,37", "52.37", "1.234,5", "1,234.5", "1.234.567", "1 234,5", "-3,5", "", "abc", "1e-05"))
    expected = [52.37, 52.37, 1234.5, 1234.5, 1234567.0, 1234.5, -3.5, math.nan, math.nan, 1e-05]
    for got, want in zip(values, expected):
        assert (math.isnan(got) and math.isnan(want)) or got == want
    assert bad.tolist() == [False] * 8 + [True, False]


def test_integers_with_thousands_separators_and_fractions_refused():
    values, bad = parse_integer(s("12", "1.234", "1,234", "2.000.000", "1200.0", "12,5", "", "x"))
    assert values.tolist()[:5] == [12, 1234, 1234, 2000000, 1200]
    assert bad.tolist() == [False, False, False, False, False, True, False, True]
    assert values.isna().tolist()[5:] == [True, True, True]


def test_booleans():
    values, bad = parse_bool(s("ja", "Nee", "TRUE", "false", "1", "0", "", "misschien", "1.0"))
    assert values.tolist() == [True, False, True, False, True, False, None, None, True]
    assert bad.tolist() == [False] * 7 + [True, False]


def test_postcodes_reduce_to_pc4():
    postcode, pc4, bad = normalise_postcodes(s("1011 AB", "1011ab", "1011", " 3511  cd ", "", "AB12", "101"))
    assert postcode.tolist() == ["1011 AB", "1011 AB", "1011", "3511 CD", None, None, None]
    assert pc4.tolist() == ["1011", "1011", "1011", "3511", None, None, None]
    assert bad.tolist() == [False, False, False, False, False, True, True]


def test_enum_spellings():
    values, bad = parse_enum(s("HAP", "AVG-poli", "avg poli", "huisartsenpost", "VG locatie", "", "ziekenhuis"), TYPES)
    assert values.tolist() == ["hap", "avg_poli", "avg_poli", "hap", "vg_locatie", None, None]
    assert bad.tolist() == [False] * 6 + [True]


def test_region_codes():
    assert normalise_region_codes(s("gm0363", " 1011 ", "zk05", "PV27")).tolist() == ["GM0363", "1011", "ZK05", "PV27"]
    assert normalise_gemeente_codes(s("363", "gm0363", "GM0363", "")).tolist() == ["GM0363"] * 3 + [""]


def test_duplicates_point_at_the_first_row():
    keys = pd.Series(["a", "b", "a", "", "", "a"], index=[2, 3, 4, 5, 6, 7])
    assert duplicates(keys).to_dict() == {4: 2, 7: 2}


def test_organisation_slug_is_stable_and_bounded():
    assert slug("Stichting De Brug (Noord)") == "stichting-de-brug-noord"
    assert slug("Zorggroep Één") == "zorggroep-een"
    assert slug("!!!").startswith("org-")
    long = slug("x" * 500)
    assert len(long) <= 100 and long == slug("x" * 500)


def test_new_waves_follow_existing_ones_in_natural_order():
    rows = new_wave_rows(["2024-najaar", "2021", "2024-voorjaar", "2021", "2023"], {"2023": 1})
    assert rows == [
        {"code": "2021", "volgorde": 2},
        {"code": "2024-najaar", "volgorde": 3},
        {"code": "2024-voorjaar", "volgorde": 4},
    ]


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_exported_floats_parse_back_exactly(value):
    parsed, bad = parse_decimal(s(_clean_cell(csv_cell(value))))
    assert not bad[0] and parsed[0] == value


@given(st.text(alphabet=st.sampled_from("=+-@'ab 1"), min_size=1, max_size=6))
def test_formula_guard_round_trips(text):
    text = text.strip()
    guarded = guard_formula(text)
    assert _clean_cell(guarded) == text
    assert text in ("-", "+") or not guarded.startswith(("=", "+", "-", "@"))


DATES = st.dates(min_value=date(DATE_YEARS[0], 1, 1), max_value=date(DATE_YEARS[1], 12, 31))


def test_dates_as_year_iso_dutch_or_date_cell():
    assert parse_date("2019") == date(2019, 1, 1) and parse_date("2019", end=True) == date(2019, 12, 31)
    for text in ("2019-06-15", "2019-6-15", "15-6-2019", "15-06-2019", "15/6/2019", "15/06/2019",
                 "2019-06-15T00:00:00", "2019-06-15 13:45:00", " 15-6-2019 "):
        assert parse_date(text) == date(2019, 6, 15), text
    assert parse_date(datetime(2019, 6, 15, 13, 45)) == parse_date(pd.Timestamp("2019-06-15")) == date(2019, 6, 15)
    assert parse_date("") is None and parse_date(None) is None and parse_date(float("nan")) is None
    assert parse_date("43631", serials=True) == date(2019, 6, 15) == parse_date("43631.5", serials=True)
    assert parse_date("2019", serials=True) == date(2019, 1, 1)  # four digits stay a year in XLSX too


@pytest.mark.parametrize("text, reason", [
    ("vorig jaar", "'vorig jaar' is geen datum of jaartal (gebruik 2019, 2019-06-15 of 15-6-2019)"),
    ("19", "'19' is geen datum of jaartal (gebruik 2019, 2019-06-15 of 15-6-2019)"),
    ("15-6-19", "'15-6-19' is geen datum of jaartal (gebruik 2019, 2019-06-15 of 15-6-2019)"),
    ("15-6/2019", "'15-6/2019' is geen datum of jaartal (gebruik 2019, 2019-06-15 of 15-6-2019)"),
    ("43631", "'43631' is geen datum of jaartal (gebruik 2019, 2019-06-15 of 15-6-2019)"),  # not from XLSX
    ("31-2-2019", "'31-2-2019' is geen bestaande datum"),
    ("2019-13-01", "'2019-13-01' is geen bestaande datum"),
    ("1850", "'1850' ligt niet tussen 1900 en 2100"),
    ("1-1-2101", "'1-1-2101' ligt niet tussen 1900 en 2100"),
])
def test_bad_dates_are_refused_with_a_dutch_reason(text, reason):
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == reason
    dates, reasons = parse_dates(s("2019", text, ""))
    assert list(dates) == [date(2019, 1, 1), None, None] and list(reasons) == ["", reason, ""]


@given(DATES)
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(_clean_cell(datetime(day.year, day.month, day.day))) == day  # an XLSX date cell


@given(DATES, st.sampled_from("-/"), st.booleans())
def test_dutch_dates_parse_to_the_same_day(day, separator, padded):
    text = f"{day.day:02d}{separator}{day.month:02d}" if padded else f"{day.day}{separator}{day.month}"
    assert parse_date(f"{text}{separator}{day.year}") == day


@given(st.integers(*DATE_YEARS))
def test_a_year_spans_from_its_first_to_its_last_day(year):
    start, end = parse_date(str(year)), parse_date(str(year), end=True)
    assert (start, end) == (date(year, 1, 1), date(year, 12, 31))


@given(st.dates(min_value=date(1927, 5, 18), max_value=date(2100, 12, 31)))
def test_excel_serial_numbers_count_days_from_the_excel_epoch(day):
    assert parse_date(str((day - EXCEL_EPOCH).days), serials=True) == day


@given(st.text(max_size=12))
def test_any_text_gives_a_date_in_range_nothing_or_a_reason(text):
    try:
        found = parse_date(text, serials=True)
    except ValueError as error:
        assert str(error).startswith(f"'{text.strip()}'")
    else:
        assert found is None or DATE_YEARS[0] <= found.year <= DATE_YEARS[1]
