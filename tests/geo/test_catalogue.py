"""The indicator catalogue documents every indicator the analysis produces (docs that are tested)."""
import pytest

from geo import catalogue
from geo.analysis import NIVEAUS, analyse
from geo.settings import GeoSettings
from tests.geo import world


@pytest.fixture(scope="module")
def produced() -> dict[str, list[str]]:
    registry = world.registry([world.facility("h", "hap", 102_000), world.facility("v", "vg_locatie", 101_000, org="A")])
    result = analyse(registry, world.geography(), geometry=False)
    return {niveau: [c for c in frame.columns if c not in ("code", "naam")] for niveau, frame in result.indicators.items()}


def test_every_produced_indicator_is_documented(produced):
    for niveau, keys in produced.items():
        for key in keys:
            item = catalogue.describe(key)  # KeyError when undocumented
            assert niveau in item.niveaus, f"{key} is produced for {niveau} but not documented for it"
            for field in ("label", "eenheid", "bron", "methode", "betekenis"):
                assert len(getattr(item, field).strip()) > 1, f"{key}.{field} is empty"


def test_every_documented_indicator_is_produced(produced):
    for key, item in catalogue.INDICATORS.items():
        for niveau in item.niveaus:
            assert key in produced[niveau], f"{key} is documented for {niveau} but not produced"
    assert set(produced) == set(NIVEAUS)


def test_a_computed_but_undocumented_indicator_fails_the_analysis(produced):
    import pandas as pd

    frame = pd.DataFrame(columns=["code", "naam", *produced["gemeente"], "geheim_getal"])
    with pytest.raises(ValueError, match="undocumented gemeente indicators.*geheim_getal"):
        catalogue.select(frame, "gemeente")
    with pytest.raises(ValueError, match="not computed"):
        catalogue.select(frame.drop(columns=["geheim_getal", "avg_fte"]), "gemeente")


def test_an_entry_without_documentation_is_refused(tmp_path):
    path = tmp_path / "indicatoren.toml"
    path.write_text('versie = 1\n[indicator.x]\nlabel = "X"\neenheid = "km"\nbron = "b"\nmethode = ""\nbetekenis = "b"\n'
                    'niveaus = ["gemeente"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'x'.*lacks methode"):
        catalogue.load(path)
    path.write_text(path.read_text(encoding="utf-8").replace('methode = ""', 'methode = "m"').replace('"gemeente"', '"wijk"'),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="unknown niveaus"):
        catalogue.load(path)


def test_describe_and_keys():
    assert catalogue.describe("avg_toegankelijkheid").eenheid == "fte per 1.000 cliënten"
    assert catalogue.describe("reistijd_hap_min_mediaan").eenheid == "minuten (geschat)"
    with pytest.raises(KeyError, match="geluk"):
        catalogue.describe("geluk")
    with pytest.raises(ValueError, match="niveau"):
        catalogue.keys("wijk")


def test_every_travel_time_is_labelled_as_an_estimate():
    for key, item in catalogue.INDICATORS.items():
        if key.startswith("reistijd"):
            assert "geschat" in item.label and "geschat" in item.eenheid


def test_markdown_table_and_readme_section():
    table = catalogue.markdown_table()
    assert table.count("\n") == len(catalogue.INDICATORS) + 1
    for key, item in catalogue.INDICATORS.items():
        assert f"`{key}`" in table and item.label in table
    section = catalogue.markdown_section()
    assert section.startswith("## Geo-indicatoren")
    assert "Luo, W. & Qi, Y. (2009)" in section and "E2SFCA" in section


def test_notes_state_the_default_settings():
    defaults = GeoSettings()
    notes = catalogue.NOTES["reistijd"] + catalogue.NOTES["e2sfca"]
    assert f"omrijfactor {defaults.detour_factor:g}".replace(".", ",") in notes
    assert f"{defaults.speed_kmh:g} km/u" in notes
    assert f"σ = {defaults.decay_sigma_min:g} minuten" in notes
    assert f"bereik van {defaults.catchment_min:g} geschatte minuten" in notes
    assert f"{defaults.prevalence * 100:g}%".replace(".", ",") in notes
