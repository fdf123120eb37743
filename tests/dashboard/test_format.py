"""Dutch number formatting, privacy masking and escaping of user text."""
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.format import (
    SMALL_COUNT,
    client_count,
    demo_banner,
    escape_dot,
    escape_markdown,
    label,
    mask_client_counts,
    number,
    percent,
    source_caption,
)


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "expected"),
    [
        (1234.5, 1, None, "1.234,5"),
        (1234567, 0, None, "1.234.567"),
        (6.9, 1, "km", "6,9 km"),
        (0.04, 1, None, "0,0"),
        (-0.04, 1, None, "0,0"),
        (-1500.25, 2, "min", "-1.500,25 min"),
        (None, 0, None, "onbekend"),
        (float("nan"), 1, "km", "onbekend"),
        (pd.NA, 0, None, "onbekend"),
    ],
)
def test_number_uses_dutch_separators(value, decimals, unit, expected):
    assert number(value, decimals, unit) == expected


def test_number_rejects_text():
    with pytest.raises(TypeError, match="str"):
        number("12")


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_number_round_trips_through_dutch_notation(value, decimals):
    text = number(value, decimals)
    parsed = float(text.replace(".", "").replace(",", "."))
    assert math.isclose(parsed, round(value, decimals), abs_tol=10 ** -decimals)


def test_percent():
    assert percent(0.125, 1) == "12,5%"
    assert percent(1) == "100%"
    assert percent(None) == "onbekend"


@pytest.mark.parametrize(("value", "expected"), [(0, SMALL_COUNT), (9, "<10"), (9.4, "<10"), (10, "10"), (2500, "2.500"), (None, "onbekend")])
def test_client_counts_below_ten_are_masked(value, expected):
    assert client_count(value) == expected


def test_mask_client_counts_leaves_the_input_alone():
    frame = pd.DataFrame({"naam": ["a", "b", "c"], "clienten": pd.array([3, 12, None], dtype="Int64")})
    masked = mask_client_counts(frame)
    assert masked["clienten"].tolist() == ["<10", "12", "onbekend"]
    assert frame["clienten"].tolist()[:2] == [3, 12]


@pytest.mark.parametrize(
    "text",
    ["**vet**", "[klik](http://x.example)", "<script>alert(1)</script>", "$x^2$", ":red[rood]", "# kop", "a_b_c", "`code`"],
)
def test_escape_markdown_leaves_no_unescaped_markup(text):
    escaped = escape_markdown(text)
    # every special sign is preceded by a backslash
    for i, char in enumerate(escaped):
        if char in "*[]()<>$:#_`":
            assert escaped[i - 1] == "\\", (text, escaped)
    assert escaped.replace("\\", "") == text


def test_escape_markdown_flattens_line_breaks():
    assert escape_markdown("Zorg\n# Kop\n- lijst") == "Zorg \\# Kop \\- lijst"
    assert escape_markdown(None) == ""


def test_escape_dot_quotes_and_backslashes():
    assert escape_dot('Praktijk "De Linde"') == '"Praktijk \\"De Linde\\""'
    assert escape_dot("a\\lb") == '"a\\\\lb"'
    assert escape_dot("regel 1\nregel 2") == '"regel 1 regel 2"'


def test_labels_and_captions():
    assert label("netwerk_te_zwak") == "Interactie – netwerk te zwak"
    assert label("iets_nieuws") == "iets nieuws"
    assert label("organisatie") == "Organisatie"  # a level in a selectbox or table heading, capitalised like the others
    assert "fictief voorbeeld" in demo_banner()
    assert source_caption("CBS", "2025", "km") == "Bron: CBS · peildatum: 2025 · eenheid: km"


def test_counts_times_and_history_read_dutch():
    from dashboard.format import count_text, history_table

    assert count_text(1, "keten", "ketens") == "1 keten" and count_text(1625, "cliënt", "cliënten") == "1.625 cliënten"
    history = pd.DataFrame({"batch": [1], "tijdstip": [pd.Timestamp("2026-07-01 10:00")], "soort": ["voorzieningen"],
                            "bestand": ["a.csv"], "rijen": [3], "geïmporteerd": [3], "afgewezen": [0], "gebruiker": [None]})
    shown = history_table(history)
    assert shown["Tijdstip"].iloc[0] == pd.Timestamp("2026-07-01 12:00")  # summer time in Amsterdam: UTC+2
    assert shown["Soort"].iloc[0] == "Voorzieningen" and shown["Gebruiker"].iloc[0] == "onbekend"
    assert "tijdstip" not in shown.columns


def test_the_importing_user_is_the_os_user_without_a_login_terminal(monkeypatch):
    import getpass

    from data import config

    monkeypatch.delenv("MGZ_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "jdevries")
    assert config.current_user() == "jdevries"
    monkeypatch.setenv("MGZ_USER", "Jan de Vries")
    assert config.current_user() == "Jan de Vries"
