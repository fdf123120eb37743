"""The optional voorzieningen column `behandeling` (Wlz met/zonder behandeling): values, aliases, unknown, export."""
from __future__ import annotations

import pytest

from data.exports import export_file
from data.imports import import_file
from data.registry import load_registry

HEADER = "id;type;naam;lat;lon;{column}\n"


def treatment(engine) -> dict:
    frame = load_registry(engine).facilities
    return {i: (None if v is None or v != v else v) for i, v in zip(frame["id"], frame["behandeling"])}


def rows(*values) -> str:
    return "".join(f"L{n};vg_locatie;Locatie {n};52,375;4,905;{v}\n" for n, v in enumerate(values, start=1))


def test_met_zonder_their_spellings_and_empty_or_onbekend_as_unknown(geo_engine, write_file):
    text = HEADER.format(column="Wlz-behandeling") + rows(
        "met", "Zonder", "met behandeling", "Zonder behandeling", "", "onbekend", "ja", "nee")
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text))
    assert report.ok, report.as_text()
    assert treatment(geo_engine) == {"L1": "met", "L2": "zonder", "L3": "met", "L4": "zonder", "L5": None, "L6": None,
                                     "L7": "met", "L8": "zonder"}


def test_a_file_without_the_column_leaves_treatment_unknown(geo_engine, write_file):
    text = "id;type;naam;lat;lon\nL1;vg_locatie;Locatie;52,375;4,905\n"
    assert import_file(geo_engine, "voorzieningen", write_file("v.csv", text)).ok
    assert treatment(geo_engine) == {"L1": None}


def test_a_bad_value_is_a_dutch_row_error(geo_engine, write_file):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", HEADER.format(column="behandeling") + rows("met", "soms")))
    assert not report.ok
    assert (3, "behandeling", "'soms' is geen behandeling; kies met of zonder (Wlz met/zonder behandeling), of laat leeg") in [
        tuple(r) for r in report.errors.itertuples(index=False, name=None)]
    assert treatment(geo_engine) == {}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_writes_the_column_and_reimport_keeps_it(geo_engine, write_file, tmp_path, suffix):
    import_file(geo_engine, "voorzieningen", write_file("v.csv", HEADER.format(column="behandeling") + rows("met", "", "zonder")))
    before = treatment(geo_engine)
    path = tmp_path / f"uit.{suffix}"
    export_file(geo_engine, "voorzieningen", path)
    if suffix == "csv":
        header = path.read_bytes().decode("utf-8-sig").splitlines()[0]
        assert header.endswith(";anw_open;behandeling")
    assert import_file(geo_engine, "voorzieningen", path).ok
    assert treatment(geo_engine) == before == {"L1": "met", "L2": None, "L3": "zonder"}
