"""The Gegevens page's validation report: a bad file is explained row by row before anything is written."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.components.data_admin import export_bytes, status_table, template_files
from dashboard.components.downloads import file_stem
from dashboard.components.import_report import errors_table, report_summary
from data.imports import KINDS, validate_file

ROOT = Path(__file__).resolve().parents[2]

BAD_FILE = (
    "id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open\n"
    "L1;vg_locatie;Huis *vet* [x](y);Zorg;Straat 1;1011 AB;Amsterdam;52,37;4,90;;12;\n"
    "L2;ziekenhuis;Huis B;Zorg;Straat 2;1011 AB;Amsterdam;52,37;4,90;;;\n"
    "L3;vg_locatie;Huis C;Zorg;Straat 3;1011 AB;Amsterdam;abc;4,90;;;\n"
).encode("utf-8")


def test_a_bad_file_gives_a_row_by_row_report_and_writes_nothing(reference_engine):
    report = validate_file(reference_engine, "voorzieningen", BAD_FILE, "locaties.csv")
    assert not report.ok
    table = errors_table(report)
    assert list(table.columns) == ["Rij", "Kolom", "Reden"]
    assert set(table["Rij"]) == {3, 4}  # header is row 1: the 2nd and 3rd data rows are wrong
    assert "type" in set(table["Kolom"])
    summary = report_summary(report)
    assert "3 rijen gelezen, 1 geldig, 2 afgewezen" in summary
    with reference_engine.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from voorziening").scalar() == 0


def test_the_report_renders_errors_and_preview_without_interpreting_names(reference_engine, monkeypatch):
    monkeypatch.setenv("MGZ_DATABASE_URL", str(reference_engine.url))

    def app():
        import os

        from data.db import make_engine
        from data.imports import validate_file
        from dashboard.components.import_report import render_report

        engine = make_engine(os.environ["MGZ_DATABASE_URL"])
        raw = os.environ["BAD_FILE"].encode("utf-8")
        render_report(validate_file(engine, "voorzieningen", raw, "**locaties**.csv"))

    monkeypatch.setenv("BAD_FILE", BAD_FILE.decode("utf-8"))
    at = AppTest.from_function(app, default_timeout=30).run()
    assert not at.exception
    assert "\\*\\*locaties\\*\\*" in at.warning[0].value  # the file name is escaped in Markdown
    assert at.subheader[0].value == "Afgewezen rijen"
    errors, preview = at.dataframe[0].value, at.dataframe[1].value
    assert len(errors) >= 2
    assert preview["Geldig"].tolist() == [True, False, False]
    assert "Huis *vet* [x](y)" in preview["naam"].tolist()  # shown literally in a dataframe
    # Dutch notation, and a value that could not be read as it stood in the file: never None or NaN.
    assert preview["lat"].tolist() == ["52,37", "52,37", "abc"] and preview["type"].tolist()[:2] == ["VG-locatie", "ziekenhuis"]
    assert preview["clienten"].tolist()[0] == "12" and preview["avg_fte"].tolist() == ["", "", ""]
    assert not preview.isin(["None", "nan", "NaN", "True", "False"]).any().any() and not preview.isna().any().any()


def test_a_file_without_required_columns_is_a_file_error(reference_engine):
    report = validate_file(reference_engine, "samenwerkingen", b"a;b\n1;2\n", "x.csv")
    assert report.file_errors
    assert report_summary(report).startswith("Het bestand **x\\.csv** kan niet worden gelezen")


def test_every_import_kind_has_a_template():
    for kind in KINDS:
        assert template_files(kind), kind


def test_status_table_formats_counts():
    table = status_table({"regio": 4423, "voorziening": 0})
    assert table.set_index("Gegevens").loc["CBS-gebieden (referentiegeografie)", "Aantal"] == "4.423"


def test_demo_exports_say_fictief_voorbeeld(demo_engine, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("MGZ_DATABASE_URL", str(demo_engine.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    payload, name, rows = export_bytes("voorzieningen", "csv")
    assert name == "fictief_voorbeeld_voorzieningen.csv"
    assert rows > 0 and payload.decode("utf-8-sig").startswith("id;type;naam")
    assert file_stem("bewijs ZK08 Friesland", True) == "fictief_voorbeeld_bewijs_ZK08_Friesland"
    assert file_stem("a/b", False) == "a_b"
    st.cache_data.clear()
    st.cache_resource.clear()


def test_the_demo_can_be_removed_to_start_clean_and_imports_into_it_are_warned(demo_engine, monkeypatch):
    import streamlit as st

    from data.registry import demo_state

    monkeypatch.setenv("MGZ_DATABASE_URL", str(demo_engine.url))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard" / "pages" / "gegevens.py"), default_timeout=120).run()
    assert not at.exception
    assert any(w.value.startswith("Let op: deze database bevat het fictieve voorbeeld") for w in at.warning)
    assert "Voorbeeld verwijderen" in [h.value for h in at.header]
    at.button(key="demo_verwijderen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert demo_state(demo_engine) is None
    with demo_engine.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from voorziening").scalar() == 0
        assert connection.exec_driver_sql("select count(*) from regio").scalar() > 0  # the CBS boundaries stay
    st.cache_data.clear()
    st.cache_resource.clear()
