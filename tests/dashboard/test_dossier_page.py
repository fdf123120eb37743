"""The regiodossier on the Regio and Pilotregio's pages: PDF and Word buttons, the short version, the same content."""
from __future__ import annotations

from tests.dashboard.test_pages import DEMO_REGION, run_page, texts


def download_keys(at) -> list[str]:
    return [b.proto.id for b in at.get("download_button")]


def test_regio_offers_the_dossier_as_pdf_and_word(demo_app):
    at = run_page("regio", DEMO_REGION)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Dossier als PDF" in labels and "Dossier als Word" in labels
    assert "Regiodossier voor een regionale tafel" in texts(at)
    assert at.checkbox(key="regio_dossier_zonder").value is False


def test_regio_shows_the_dossier_content_on_the_page(demo_app):
    at = run_page("regio", DEMO_REGION)
    at.toggle(key="regio_dossier_tonen").set_value(True).run()
    assert not at.exception
    shown = texts(at)
    for title in ("Samenvatting", "Kaart", "Wie aan tafel", "Knelpunten per systeemvoorwaarde", "Goede voorbeelden elders",
                  "Convenantacties", "Concept\\-agenda en afsprakenlijst"):
        assert title in shown, title
    assert "vertrouwelijk" in shown
    at.checkbox(key="regio_dossier_zonder").check().run()
    assert not at.exception
    assert "versie zonder bevindingen" in texts(at)


def test_pilotregios_offers_a_dossier_for_a_listed_region(demo_app):
    at = run_page("pilotregios")
    box = at.selectbox(key="pilot_dossier_regio")
    assert box.value == at.dataframe[0].value["Code"].iloc[0]  # the top of the list
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Dossier als PDF" in labels and "Dossier als Word" in labels


def test_regio_offers_the_dossier_of_a_hap_area(demo_app):
    at = run_page("regio", {"regio_niveau": "hap", "regio_code": "HAP050"})
    assert at.selectbox(key="w_regio_niveau").value == "hap"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Dossier als PDF" in labels and "Dossier als Word" in labels
    shown = texts(at)
    assert "Huisartsenpost Breda" in shown and "geen eigen score of signaal" in shown
    assert not at.tabs  # no matrix, findings or network: the monitor does not score a HAP area
    at.toggle(key="regio_dossier_tonen").set_value(True).run()
    assert not at.exception
    assert "zorgkantoorregio West\\-Brabant" in texts(at) or "zorgkantoorregio West-Brabant" in texts(at)
