"""Importing samenwerkingen between existing voorzieningen."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import Workbook

from data import models as m
from data.imports import import_file
from data.registry import COLLABORATION_COLUMNS, load_registry
from tests.data.conftest import batches, snapshot, table_rows

DATE_FORMS = "(gebruik 2019, 2019-06-15 of 15-6-2019)"
HEADER = "van;naar;soort;sinds;tot;bron\n"


def collaborations(engine):
    c = m.Collaboration
    return table_rows(engine, c.van, c.naar, c.soort, c.sinds, c.tot, c.bron, order_by=[c.id])


def batch_ids(engine):
    c = m.Collaboration
    return table_rows(engine, c.importbatch_id, order_by=[c.id])


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_collaborations_with_friendly_spellings(facility_engine, write_file):
    text = ("Van;Naar;Vorm;Vanaf;Einddatum;Source\n"
            "LOC1;HAP1;Gezamenlijke medische dienst;2019;;contractenregister\nLOC1;POLI1;schriftelijk;;;\n")
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", text))
    assert report.ok, report.as_text()
    assert collaborations(facility_engine) == [
        ("LOC1", "HAP1", "gezamenlijke_medische_dienst", date(2019, 1, 1), None, "contractenregister"),
        ("LOC1", "POLI1", "schriftelijke_afspraak", None, None, None),
    ]


@pytest.mark.parametrize("header", ["startdatum;tot_en_met", "begindatum;eind", "sinds;tm"])
def test_date_column_aliases(facility_engine, write_file, header):
    text = f"van;naar;soort;{header}\nLOC1;HAP1;contract;2019;2020\n"
    assert import_file(facility_engine, "samenwerkingen", write_file("s.csv", text)).ok
    assert collaborations(facility_engine) == [("LOC1", "HAP1", "contract", date(2019, 1, 1), date(2020, 12, 31), None)]


def test_every_date_form_in_csv(facility_engine, write_file):
    text = HEADER + (
        "LOC1;HAP1;contract;2019;2019;\n"  # a year: its first day as sinds, its last day as tot
        "LOC1;HAP2;contract;2019-06-15;2021-02-03;\n"
        "LOC1;POLI1;contract;15-6-2019;03-02-2021;\n"
        "LOC1;HAP1;casuistiek;15/06/2019;3/2/2021;\n"
        "LOC1;HAP2;casuistiek;2019-06-15T00:00:00;;\n"
    )
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", text))
    assert report.ok, report.as_text()
    year, day, end = (date(2019, 1, 1), date(2019, 12, 31)), date(2019, 6, 15), date(2021, 2, 3)
    assert [row[3:5] for row in collaborations(facility_engine)] == [year, (day, end), (day, end), (day, end), (day, None)]


def write_xlsx(path, rows, formats=None):
    """A workbook with a header and `rows`; `formats` maps (row, column) to an Excel number format."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["van", "naar", "soort", "sinds", "tot", "bron"])
    for row in rows:
        sheet.append(list(row))
    for (r, c), number_format in (formats or {}).items():
        sheet.cell(row=r, column=c).number_format = number_format
    workbook.save(path)
    return path


def test_every_date_form_in_xlsx(facility_engine, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", [
        ("LOC1", "HAP1", "contract", date(2019, 6, 15), datetime(2021, 2, 3, 13, 45), "register"),  # date cells
        ("LOC1", "HAP2", "contract", 2019, 2021, None),  # years as numbers
        ("LOC1", "POLI1", "contract", 43631, 44230.5, None),  # date cells formatted as numbers: Excel serials
        ("LOC1", "HAP1", "casuistiek", "15-6-2019", "2021-02-03", None),  # dates typed as text
        ("LOC1", "HAP2", "casuistiek", 43631, None, None),
    ], formats={(6, 4): "d-m-yyyy"})  # a Dutch date format on a serial: openpyxl hands over a datetime
    report = import_file(facility_engine, "samenwerkingen", path)
    assert report.ok, report.as_text()
    day, end = date(2019, 6, 15), date(2021, 2, 3)
    assert [row[3:] for row in collaborations(facility_engine)] == [
        (day, end, "register"), (date(2019, 1, 1), date(2021, 12, 31), None), (day, end, None), (day, end, None),
        (day, None, None),
    ]


def test_reimport_updates_dates_source_and_batch_and_adds_no_duplicates(facility_engine, write_file):
    path = write_file("s.csv", HEADER + "LOC1;HAP1;contract;2019;;register\n")
    first = import_file(facility_engine, "samenwerkingen", path)
    assert batch_ids(facility_engine) == [(first.batch_id,)]
    before = snapshot(facility_engine)
    again = import_file(facility_engine, "samenwerkingen", path)
    assert snapshot(facility_engine) == before
    assert batch_ids(facility_engine) == [(again.batch_id,)] and again.batch_id != first.batch_id
    text = HEADER + "LOC1;HAP1;contract;1-3-2020;2023;nieuw register\n"
    import_file(facility_engine, "samenwerkingen", write_file("t.csv", text))
    assert collaborations(facility_engine) == [
        ("LOC1", "HAP1", "contract", date(2020, 3, 1), date(2023, 12, 31), "nieuw register")
    ]


def test_each_row_names_the_batch_that_last_wrote_it(facility_engine, write_file):
    first = import_file(facility_engine, "samenwerkingen", write_file("a.csv", HEADER + "LOC1;HAP1;contract;;;\n"))
    second = import_file(facility_engine, "samenwerkingen", write_file("b.csv", HEADER + "LOC1;HAP2;contract;;;\n"))
    assert batch_ids(facility_engine) == [(first.batch_id,), (second.batch_id,)]
    assert [b.bestandsnaam for b in batches(facility_engine)][-2:] == ["a.csv", "b.csv"]


@pytest.mark.parametrize(
    "row, expected",
    [
        ("LOC1;ONBEKEND;contract;;;", [(2, "naar", "voorziening 'ONBEKEND' bestaat niet; importeer eerst de voorzieningen")]),
        ("X;HAP1;contract;;;", [(2, "van", "voorziening 'X' bestaat niet; importeer eerst de voorzieningen")]),
        (";HAP1;contract;;;", [(2, "van", "van ontbreekt")]),
        ("LOC1;LOC1;contract;;;", [(2, "naar", "een voorziening kan niet met zichzelf samenwerken")]),
        ("LOC1;HAP1;vriendschap;;;", [(2, "soort", "onbekende soort 'vriendschap'; kies uit gezamenlijke_medische_dienst, contract, schriftelijke_afspraak, mondelinge_afspraak, casuistiek")]),
        ("LOC1;HAP1;;;;", [(2, "soort", "soort ontbreekt; kies uit gezamenlijke_medische_dienst, contract, schriftelijke_afspraak, mondelinge_afspraak, casuistiek")]),
        ("LOC1;HAP1;contract;vorig jaar;;", [(2, "sinds", f"'vorig jaar' is geen datum of jaartal {DATE_FORMS}")]),
        ("LOC1;HAP1;contract;19;;", [(2, "sinds", f"'19' is geen datum of jaartal {DATE_FORMS}")]),
        ("LOC1;HAP1;contract;;volgend jaar;", [(2, "tot", f"'volgend jaar' is geen datum of jaartal {DATE_FORMS}")]),
        ("LOC1;HAP1;contract;43631;;", [(2, "sinds", f"'43631' is geen datum of jaartal {DATE_FORMS}")]),
        ("LOC1;HAP1;contract;30-2-2019;;", [(2, "sinds", "'30-2-2019' is geen bestaande datum")]),
        ("LOC1;HAP1;contract;1899;2101;", [(2, "sinds", "'1899' ligt niet tussen 1900 en 2100"),
                                           (2, "tot", "'2101' ligt niet tussen 1900 en 2100")]),
        ("LOC1;HAP1;contract;2020;2019;", [(2, "tot", "tot (31-12-2019) ligt vóór sinds (1-1-2020)")]),
        ("LOC1;HAP1;contract;15-6-2019;14-6-2019;", [(2, "tot", "tot (14-6-2019) ligt vóór sinds (15-6-2019)")]),
        ("LOC1;HAP1;contract;;;" + "x" * 201, [(2, "bron", "bron is langer dan 200 tekens")]),
    ],
)
def test_bad_rows(facility_engine, write_file, row, expected):
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", HEADER + row + "\n"))
    assert not report.ok and errors_of(report) == expected
    assert collaborations(facility_engine) == []


def test_a_bad_date_in_xlsx_names_row_and_column_and_stores_nothing(facility_engine, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", [
        ("LOC1", "HAP1", "contract", date(2019, 6, 15), None, None),
        ("LOC1", "HAP2", "contract", date(2021, 1, 1), date(2020, 12, 31), None),
        ("LOC1", "POLI1", "contract", "ooit", None, None),
    ])
    report = import_file(facility_engine, "samenwerkingen", path)
    assert errors_of(report) == [
        (3, "tot", "tot (31-12-2020) ligt vóór sinds (1-1-2021)"),
        (4, "sinds", f"'ooit' is geen datum of jaartal {DATE_FORMS}"),
    ]
    assert "rij 4, kolom sinds: 'ooit' is geen datum of jaartal" in report.as_text()
    assert collaborations(facility_engine) == []


def test_the_same_day_for_sinds_and_tot_is_one_day(facility_engine, write_file):
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", HEADER + "LOC1;HAP1;contract;2019-06-15;15-6-2019;\n"))
    assert report.ok, report.as_text()


def test_the_same_collaboration_twice_in_a_file(facility_engine, write_file):
    text = "van;naar;soort\nLOC1;HAP1;contract\nLOC1;HAP1;Contract\n"
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", text))
    assert errors_of(report) == [(3, "soort", "dezelfde samenwerking staat ook in rij 2")]


def test_references_are_checked_against_the_database_not_the_file(geo_engine, write_file):
    report = import_file(geo_engine, "samenwerkingen", write_file("s.csv", "van;naar;soort\nA;B;contract\n"))
    assert [kolom for _, kolom, _ in errors_of(report)] == ["naar", "van"]


def test_the_registry_names_dates_source_and_importing_file(facility_engine, write_file):
    text = HEADER + "LOC1;HAP1;contract;15-6-2019;2023;register\nLOC1;HAP2;casuistiek;;;\n"
    report = import_file(facility_engine, "samenwerkingen", write_file("banden.csv", text))
    frame = load_registry(facility_engine).collaborations
    assert list(frame.columns) == list(COLLABORATION_COLUMNS)
    assert str(frame["sinds"].dtype).startswith("datetime64") and str(frame["tot"].dtype).startswith("datetime64")
    first, second = frame.to_dict("records")
    assert (first["sinds"], first["tot"], first["bron"]) == (pd.Timestamp("2019-06-15"), pd.Timestamp("2023-12-31"), "register")
    assert first["importbatch_id"] == report.batch_id and first["bestandsnaam"] == "banden.csv"
    assert isinstance(first["geimporteerd_op"], pd.Timestamp)
    assert pd.isna(second["sinds"]) and pd.isna(second["tot"]) and second["bron"] is None
