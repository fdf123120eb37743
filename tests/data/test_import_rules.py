"""Cell parsing rules: numbers the Dutch and the English way, booleans, postcodes, enums, ids."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from data.exports import csv_cell, guard_formula
from data.importing.facilities import TYPES
from data.importing.rules import (
    duplicates,
    normalise_gemeente_codes,
    normalise_postcodes,
    normalise_region_codes,
    parse_bool,
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
