"""The convenant's action lines (data/actielijnen.toml): valid reference data, used by the demo, listed in the README."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from data import action_lines
from data.action_lines import ACTION_LINES_PATH, parse
from data.codebook import default as codebook
from data.demo.texts import ACTION_LINES, REGIONAL_ACTION_LINES
from data.errors import UserError
from data.models import CONDITIONS

LINES = action_lines.default()
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _raw() -> dict:
    return tomllib.loads(ACTION_LINES_PATH.read_text(encoding="utf-8"))


def test_the_lines_of_the_members_meeting_are_there():
    names = {line.naam for line in LINES}
    for expected in ("Plan van eisen AVG-informatiesysteem", "Informatiestandaard medicatieoverdracht",
                     "Aangepaste leidraad en handreiking samenwerking", "Interactieve kaart AVG-poliklinieken",
                     "Gesprekken faciliteren bij regionale knelpunten", "Arbeidsmarktstrategie AVG",
                     "Medische en verpleegkundige component in kwalificatiedossier"):
        assert expected in names
    for line in LINES:
        assert line.voorwaarden and set(line.voorwaarden) <= set(CONDITIONS)
        assert all(code in codebook() and codebook().item(code).richting < 0 for code in line.codes)
        assert line.bron and line.omschrijving and line.partijen


def test_regional_facilitation_is_carried_by_the_zorgkantoor_of_the_region():
    line = LINES.find("regionale facilitering")
    assert line.by_care_office and line.niveau == "beide" and "ZN" in line.partijen
    assert LINES.is_care_office("Zorgkantoor Friesland (fictief)") and not LINES.is_care_office("ZN")
    assert LINES.is_care_office("Menzis", care_office_names=["Menzis"])
    assert LINES.party_group("zorgkantoor noord") == "Zorgkantoor" and LINES.party("vgn") == "VGN"


def test_every_demo_action_uses_a_known_line_with_its_parties():
    for actie, parties in ACTION_LINES:
        line = LINES.find(actie)
        assert line is not None and line.naam == actie
        assert tuple(parties) == line.partijen, actie
    for actie, party in REGIONAL_ACTION_LINES:
        line = LINES.find(actie)
        assert line is not None and line.naam == actie and line.niveau in ("regionaal", "beide")
        assert party == ("Zorgkantoor" if line.by_care_office else line.partijen[0])


def test_awareness_codes_exist_with_the_right_direction():
    assert LINES.aware_codes == ("ZI71",) and LINES.unaware_codes == ("ZI15",)
    assert codebook().item("ZI71").richting == 1 and codebook().item("ZI15").richting == -1


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["actielijn"].append(dict(r["actielijn"][0])), "hoort bij twee actielijnen|dubbel"),
        (lambda r: r["actielijn"][0].update(sleutel="Goede Voorbeelden"), "kleine letters"),
        (lambda r: r["actielijn"][0].update(voorwaarden=["geluk"]), "onbekende voorwaarde"),
        (lambda r: r["actielijn"][0].update(codes=["XX01"]), "staat niet in het codeboek"),
        (lambda r: r["actielijn"][0].update(codes=["GN55"]), "goede praktijk"),
        (lambda r: r["actielijn"][0].update(partijen=["Stichting X"]), "onbekende partij"),
        (lambda r: r["actielijn"][0].update(niveau="wereldwijd"), "niveau 'wereldwijd'"),
        (lambda r: r["actielijn"][0].update(regionaal_door="zorgkantoor"), "niveau is landelijk"),
        (lambda r: r["actielijn"][1].update(aliassen=["goede voorbeelden"]), "hoort bij twee actielijnen"),
        (lambda r: r["actielijn"][0].pop("naam"), "veld 'naam' ontbreekt"),
        (lambda r: r["bekendheid"].update(bekend=["ZI15"]), "belemmering"),
    ],
)
def test_a_broken_file_is_refused_with_a_dutch_message(change, message):
    raw = _raw()
    change(raw)
    with pytest.raises(UserError, match=message):
        parse(raw)


def test_the_readme_lists_every_action_line():
    for line in LINES:
        assert f"`{line.sleutel}`" in README and line.naam in README, line.sleutel


def test_the_command_line_lists_the_lines(capsys):
    from data.__main__ import main

    assert main(["actielijnen"]) == 0
    out = capsys.readouterr().out
    assert all(f"{key}  " in out for key in LINES.keys())
