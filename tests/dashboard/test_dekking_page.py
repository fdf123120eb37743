"""The Dekking page with AppTest: selection, counts, table, downloads and 'wat als…' scenarios kept for comparison."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.dashboard.test_pages import run_page, texts

FRIESLAND = {"regio_niveau": "zorgkantoorregio", "regio_code": "ZK08"}


def table_of(at):
    return at.dataframe[0].value


def test_empty_database_says_there_is_no_data_yet(empty_app):
    at = run_page("dekking")
    assert "Nog geen gegevens" in texts(at) and not at.dataframe


def test_opens_on_the_region_chosen_elsewhere_with_counts_table_and_downloads(demo_app):
    at = run_page("dekking", FRIESLAND)
    assert at.header[0].value.startswith("Friesland")
    frame = table_of(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["VG-locaties"] == str(len(frame))
    assert int(metrics["Geen huisarts"]) == sum(k.startswith("geen huisarts") for k in frame["Knelpunten"])
    assert any(f"{len(frame)} VG-locaties in de selectie" in c.value for c in at.caption)
    assert any("fictief voorbeeld" in w.value for w in at.warning)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Excel, één werkblad per organisatie", "CSV (Nederlandse Excel)"]


def test_filters_narrow_the_table(demo_app):
    at = run_page("dekking", FRIESLAND)
    everything = len(table_of(at))
    at.multiselect(key="dekking_knelpunten").set_value(["geen_huisarts"]).run()
    assert not at.exception
    chosen = table_of(at)
    assert 0 < len(chosen) < everything and all(k.startswith("geen huisarts") for k in chosen["Knelpunten"])
    from dashboard import cache

    table = cache.coverage()
    organisation = table.loc[(table["zorgkantoorregio"] == "ZK08").to_numpy(), "organisatie_id"].iloc[0]
    at.multiselect(key="dekking_knelpunten").set_value([])
    at.selectbox(key="dekking_organisatie_zorgkantoorregio_ZK08").set_value(organisation).run()
    assert not at.exception
    expected = ((table["zorgkantoorregio"] == "ZK08") & (table["organisatie_id"] == organisation)).sum()
    assert len(table_of(at)) == expected < everything


def test_a_hap_area_is_a_region_too(demo_app):
    at = run_page("dekking", FRIESLAND)
    at.selectbox(key="dekking_niveau").set_value("hap").run()
    assert not at.exception
    from dashboard import cache

    header = at.header[0].value.replace("\\", "")
    assert header.endswith("(HAP-werkgebied)")
    table = cache.coverage()
    hap = table.loc[(table["zorgkantoorregio"] == "ZK08").to_numpy(), "hap_id"].value_counts().index[0]
    names = dict(zip(cache.registry().facilities["id"], cache.registry().facilities["naam"]))
    assert header.startswith(names[hap])  # the HAP area that holds most of Friesland's locations


def test_closing_a_practice_is_computed_shown_and_kept_for_comparison(demo_app):
    from dashboard import cache

    at = run_page("dekking", FRIESLAND)
    table = cache.coverage()  # the same cached table the page uses (same database, same day)
    here = table[(table["zorgkantoorregio"] == "ZK08").to_numpy()]
    practice = max(({p for ties in here["huisartsen"] for p in ties}),
                   key=lambda p: sum(p in ties for ties in here["huisartsen"]))
    at.multiselect(key="dekking_sluit_praktijk").set_value([practice])
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Scenario 1:" in shown and "Er is niets in het register veranderd" in shown
    counts = next(df.value for df in at.dataframe if "VG-locaties met" in df.value.columns).set_index("VG-locaties met")
    assert counts.loc["Geen huisarts", "Verschil"] >= 0
    changed = next(df.value for df in at.dataframe if "Erbij" in df.value.columns)
    losing = [i for i in here["id"] if here.set_index("id").loc[i, "huisartsen"] == (practice,)]
    assert set(changed.loc[changed["Erbij"].str.contains("geen huisarts"), "Id"]) == set(losing)
    at.multiselect(key="dekking_sluit_praktijk").set_value([])
    at.text_input(key="dekking_open_pc4").set_value("8401")
    at.button[0].click().run()
    shown = texts(at)
    assert "Scenario 2:" in shown and "Bewaarde scenario's vergeleken" in shown
    comparison = next(df.value for df in at.dataframe if "Scenario" in df.value.columns)
    assert len(comparison) == 2


def test_a_bad_postcode_gives_a_dutch_message(demo_app):
    at = run_page("dekking", FRIESLAND)
    at.text_input(key="dekking_open_pc4").set_value("0000")
    at.button[0].click().run()
    assert not at.exception
    assert any("PC4 '0000' bestaat niet" in e.value for e in at.error)


def test_xlsx_download_has_one_sheet_per_organisation(demo_app):
    from dashboard import cache
    from geo import coverage_export
    from geo.coverage import select_locations

    at = run_page("dekking", FRIESLAND)
    rows = select_locations(cache.coverage(), "zorgkantoorregio", "ZK08")
    workbook = load_workbook(io.BytesIO(coverage_export.xlsx(rows, demo=True, note_lines=["x"])))
    organisations = set(rows["organisatie"])
    assert set(workbook.sheetnames) == {"toelichting", *(o[:31] for o in organisations)}
    assert sum(sheet.max_row - 1 for sheet in workbook.worksheets[1:]) == len(rows) == len(table_of(at))
    header = [c.value for c in workbook.worksheets[1][1]]
    assert header[:3] == ["Gegevens", "Id", "VG-locatie"] and "Knelpunten" in header


def test_a_wrong_background_setting_still_draws_the_map(demo_app, monkeypatch):
    monkeypatch.setenv("MGZ_TILES", "google")
    at = run_page("dekking", FRIESLAND)
    assert any("zonder achtergrond" in w.value for w in at.warning)
    assert any(c.value.startswith("Grenzen: CBS / PDOK") for c in at.caption)
