"""The codebook (data/codeboek.toml): one valid, uniquely coded item per entry of Table 1 and 2 of the study."""
from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from data import codebook
from data.codebook import CODEBOOK_PATH, PREFIXES, known_codes, parse
from data.demo.texts import FINDING_CODES, FINDINGS
from data.errors import UserError
from data.models import CONDITIONS, STAKEHOLDERS

BOOK = codebook.default()


def _raw() -> dict:
    return tomllib.loads(CODEBOOK_PATH.read_text(encoding="utf-8"))


def test_every_code_is_unique_and_follows_the_scheme():
    codes = [item.code for item in BOOK.items]
    assert len(codes) == len(set(codes))
    assert known_codes() == frozenset(codes)
    for item in BOOK.items:
        prefix, number = re.fullmatch(r"([A-Z]{2})(\d{2})", item.code).groups()
        assert PREFIXES[prefix] == item.voorwaarde
        assert (int(number) > 50) == (item.richting == 1), item.code


def test_voorwaarde_stakeholder_and_richting_are_valid_and_every_item_is_described():
    for item in BOOK.items:
        assert item.voorwaarde in CONDITIONS
        assert item.stakeholder in (*STAKEHOLDERS, "")
        assert item.richting in (-1, 1)
        assert item.omschrijving and re.search(r"Tabel [12]|par\. \d", item.bron), item.code


def test_the_codebook_covers_both_tables_and_the_chain_links():
    cells = Counter((item.voorwaarde, item.richting) for item in BOOK.items)
    for condition in CONDITIONS:
        assert any(cells[(condition, r)] for r in (-1, 1)), condition
    # Table 2 is the good network: good practices only; the network failures have no good practices.
    assert cells[("goed_netwerk", -1)] == 0 and cells[("goed_netwerk", 1)] >= 15
    assert cells[("netwerk_te_zwak", 1)] == cells[("netwerk_te_sterk", 1)] == 0
    assert sum(1 for item in BOOK.items if item.bron.startswith("Tabel 1")) >= 70
    assert any("par. 4.1" in item.bron and "AVG's vangen" in item.omschrijving for item in BOOK.items)


def test_demo_codes_exist_and_agree_with_the_demo_finding():
    assert len(FINDING_CODES) == len(FINDINGS)
    coded = [(finding, code) for finding, code in zip(FINDINGS, FINDING_CODES) if code]
    assert len(coded) >= 60
    for (voorwaarde, richting, _, tekst), code in coded:
        item = BOOK.item(code)
        assert (item.voorwaarde, item.richting) == (voorwaarde, richting), tekst
    # The specialist in geriatric medicine (SO) taking over GP work is not the AVG taking over.
    so = next(code for finding, code in zip(FINDINGS, FINDING_CODES) if "ouderengeneeskunde" in finding[3])
    assert so == "CO02"


def test_unknown_code_lookup_is_a_dutch_user_error():
    assert "IN02" in BOOK and "XX99" not in BOOK
    with pytest.raises(UserError, match="python -m data codeboek"):
        BOOK.item("XX99")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["item"].append(dict(r["item"][0])), "dubbel"),
        (lambda r: r["item"][0].update(voorwaarde="geluk"), "voorwaarde 'geluk'"),
        (lambda r: r["item"][0].update(stakeholder="artsen"), "stakeholder 'artsen'"),
        (lambda r: r["item"][0].update(richting=0), "richting"),
        (lambda r: r["item"][0].update(richting=1), "past niet bij richting"),
        (lambda r: r["item"][0].update(code="ZW99"), "begint met ZW"),
        (lambda r: r["item"][0].update(code="in1"), "volgt het schema niet"),
        (lambda r: r["item"][0].pop("omschrijving"), "omschrijving"),
    ],
)
def test_a_broken_codebook_is_refused_with_a_dutch_message(change, message):
    raw = _raw()
    change(raw)
    with pytest.raises(UserError, match=message):
        parse(raw)


def test_the_command_line_lists_every_code():
    from data.__main__ import main

    assert main(["codeboek"]) == 0
    text = codebook.as_text()
    assert all(f"{code} " in text for code in known_codes())
