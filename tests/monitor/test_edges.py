"""Edge cases: an empty registry, locations without an organisation, an unknown level or wave."""
from __future__ import annotations

import pytest

from data.errors import UserError
from geo.analysis import analyse
from monitor.analysis import analyse_level, pilot_candidates
from tests.monitor import world


def test_empty_registry_gives_every_region_insufficient_data(geography):
    registry = world.registry([], [])
    geo_result = analyse(registry, geography, geometry=False)
    for niveau, count in (("gemeente", 6), ("zorgkantoorregio", 3), ("provincie", 1), ("organisatie", 0)):
        result = analyse_level(geo_result, registry, geography, niveau)
        assert len(result.signals) == count
        assert result.signals["onvoldoende_gegevens"].all()
        assert not result.signals["zwak_netwerk"].any() and not result.signals["te_sterk_netwerk"].any()
        assert pilot_candidates(result).empty


def test_locations_without_an_organisation_still_count_in_their_region(geography):
    facilities, ties = world.archetype_facilities()
    for item in facilities:
        if item["id"] in ("B-L01", "B-L02"):
            item["organisatie_id"] = item["organisatie_naam"] = None
    registry = world.registry(facilities, ties)
    result = analyse_level(analyse(registry, geography, geometry=False), registry, geography, "zorgkantoorregio")
    assert result.facts.loc["ZK81", "aandeel_locaties_zonder_huisarts"] == pytest.approx(3 / 12)
    reasons = result.signals.set_index("code").loc["ZK81", "redenen"]
    assert ("Stichting B valt met 10 locaties in 4 HAP-gebieden van 4 huisartsendienstenstructuren; met 4 daarvan "
            "is geen schriftelijke afspraak.") in reasons


def test_unknown_level_and_wave_are_refused_in_dutch(registry, geography, geo_result):
    with pytest.raises(UserError, match="Onbekend niveau 'wijk'"):
        analyse_level(geo_result, registry, geography, "wijk")
    with pytest.raises(UserError, match="bekende golven: 2021, 2024"):
        analyse_level(geo_result, registry, geography, "gemeente", "2030")


def test_sentences_never_start_with_zero_and_numbers_get_separators():
    from monitor import text

    assert text.share_of(0, 30, "VG-locaties") == "Geen van de 30 VG-locaties"
    assert text.share_of(3, 1625, "cliënten") == "3 van de 1.625 cliënten"
    assert text.number(1625) == "1.625" and text.number(-1.25, 2) == "-1,25" and text.clients(2400) == "2.400"
    assert [text.minutes(v) for v in (1, 0.6, 12.4, 1625, float("nan"), None)] == [
        "1 minuut", "1 minuut", "12 minuten", "1.625 minuten", "onbekend", "onbekend"]
