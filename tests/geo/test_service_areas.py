"""HAP service areas: imported, derived by nearest HAP, and the PC4s covered by none or by several."""
import pytest
import shapely

from geo.analysis import analyse
from geo.rd import to_rd
from tests.geo import world

# PC4 centres (km): 9011 102.5, 9012 107.5, 9021 112.5, 9022 117.5, 9031 122.5, 9032 127.5, 9041 132.5, 9042 137.5
HAPS = [world.facility("h1", "hap", 102_000), world.facility("h2", "hap", 125_000)]


def test_without_imports_every_pc4_goes_to_its_nearest_hap():
    result = analyse(world.registry(HAPS), world.geography())
    areas = result.service_areas.set_index("hap_id")
    assert areas["afgeleid"].tolist() == [True, True]
    assert areas["aantal_pc4"].tolist() == [3, 5]  # split half-way at 113.5 km
    pairs = result.service_area_pc4.groupby("hap_id")["pc4"].apply(list).to_dict()
    assert pairs == {"h1": ["9011", "9012", "9021"], "h2": ["9022", "9031", "9032", "9041", "9042"]}
    assert (result.pc4["aantal_hap"] == 1).all()
    assert not result.gaps["kenmerk"].isin(["geen_hap_gebied", "meerdere_hap_gebieden"]).any()


def test_imported_area_wins_and_gaps_and_overlaps_are_reported():
    imported = [("h1", "9011"), ("h1", "9012"), ("h1", "9022")]  # leaves 9021 out, reaches into h2's cell
    result = analyse(world.registry(HAPS, service_areas=imported), world.geography())
    areas = result.service_areas.set_index("hap_id")
    assert areas.loc["h1", "afgeleid"] == False  # noqa: E712
    assert areas.loc["h2", "afgeleid"] == True  # noqa: E712
    pc4 = result.pc4.set_index("pc4")
    assert pc4.loc["9021", "aantal_hap"] == 0  # nearest HAP is h1, whose imported area excludes it
    assert pc4.loc["9022", "aantal_hap"] == 2
    assert pc4.loc["9022", "hap_gebied"] == "h2"  # the nearer of the two covering HAPs
    gaps = result.gaps[result.gaps["soort"] == "pc4"].set_index(["id", "kenmerk"])
    assert "geen enkel HAP-werkgebied" in gaps.loc[("9021", "geen_hap_gebied"), "reden"]
    assert "2 HAP-werkgebieden" in gaps.loc[("9022", "meerdere_hap_gebieden"), "reden"]


def test_imported_rows_of_unknown_haps_and_pc4s_are_ignored():
    imported = [("h1", "9011"), ("ghost", "9012"), ("h1", "0000")]
    result = analyse(world.registry(HAPS, service_areas=imported), world.geography(), geometry=False)
    assert set(result.service_area_pc4.loc[result.service_area_pc4["hap_id"] == "h1", "pc4"]) == {"9011"}


def test_dissolved_outline_covers_exactly_its_pc4s():
    result = analyse(world.registry(HAPS), world.geography())
    assert result.service_areas.crs == "EPSG:4326"
    outline = result.service_areas.set_index("hap_id").geometry["h1"]
    ring = shapely.get_coordinates(outline)
    x, y = to_rd(ring[:, 0], ring[:, 1])
    area_km2 = shapely.area(shapely.polygons(list(zip(x, y)))) / 1e6
    assert area_km2 == pytest.approx(3 * 5 * 10, rel=1e-3)  # three PC4s of 5 x 10 km


def test_geometry_can_be_skipped_for_speed():
    result = analyse(world.registry(HAPS), world.geography(), geometry=False)
    assert result.service_areas.geometry.isna().all()
    assert result.service_areas["aantal_pc4"].sum() == 8


def test_outlines_can_be_added_later_and_are_shared_between_copies():
    import copy

    from geo.service_areas import with_outlines

    geography = world.geography()
    result = analyse(world.registry(HAPS), geography, geometry=False)
    filled = with_outlines(result.service_areas, result.service_area_pc4, geography)
    again = with_outlines(result.service_areas, result.service_area_pc4, copy.deepcopy(geography))
    assert filled.geometry.notna().all() and filled.crs == "EPSG:4326"
    assert list(filled["hap_id"]) == ["h1", "h2"]
    assert all(a is b for a, b in zip(filled.geometry, again.geometry))  # memoised by content, not identity
