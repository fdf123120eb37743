"""The registry facts of HAP service areas (monitor.dossier.hap_facts) on the small archetype world."""
from __future__ import annotations

from geo.analysis import analyse
from monitor.dossier.hap_facts import area_facts, mean_sub_score
from tests.monitor import world


def test_every_area_counts_its_own_vg_locations_and_words_its_facts(geography):
    registry = world.archetypes()
    geo_result = analyse(registry, geography, geometry=False)
    facts = area_facts(geo_result, registry, "2024")
    facilities = geo_result.facilities
    vg = facilities[(facilities["type"] == "vg_locatie").to_numpy() & facilities["hap_gebied"].notna().to_numpy()]
    expected = vg["hap_gebied"].astype(str).value_counts().sort_index()
    assert facts.counts["locaties"].sort_index().to_dict() == expected.to_dict()
    counts = facts.counts
    assert (counts["met_huisarts"] <= counts["huisarts_bekend"]).all()
    assert (counts["afspraak_eigen_hap"] <= counts["hap_band_bekend"]).all()
    evidence = facts.evidence
    assert set(evidence["code"].astype(str)) <= set(counts.index)
    assert evidence["deelscore"].between(-2, 2).all()  # the catalogue scale (monitor.scoring)
    texts = evidence["omschrijving"].astype(str)
    assert not texts.str.match(r"0 ").any()  # 'Geen van de …', never '0 van de …'
    assert not texts.str.contains(r"\b1 minuten\b").any()  # '1 minuut'
    by_area = evidence.groupby("code")["omschrijving"].agg(list)
    assert "1 van de 3 VG-locaties heeft geen huisarts" in by_area["HAP-W1"]  # the archetype world, by hand
    assert "6 van de 6 VG-locaties hebben een huisarts" in by_area["HAP-K"]


def test_the_mean_sub_score_weighs_each_fact():
    import pandas as pd

    evidence = pd.DataFrame({"code": ["A", "A", "B"], "voorwaarde": ["goed_netwerk", "goed_netwerk", "infrastructuur"],
                             "deelscore": [1.0, -0.5, 0.3], "gewicht": [1.0, 3.0, 1.0]})
    assert mean_sub_score(evidence, "goed_netwerk").to_dict() == {"A": (1.0 - 1.5) / 4}
    assert mean_sub_score(evidence, "competenties").empty
