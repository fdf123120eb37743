"""Working CRS and the estimated travel time."""
import pytest

from data.errors import UserError
from geo.analysis import analyse
from geo.rd import distance_m, to_rd, to_wgs84, travel_min
from geo.settings import GeoSettings
from tests.geo import world


def test_amersfoort_tower_is_the_rd_origin_point():
    x, y = to_rd([5.38720621], [52.15517440])
    assert (x[0], y[0]) == pytest.approx((155_000, 463_000), abs=1.0)
    lon, lat = to_wgs84(x, y)
    assert (lon[0], lat[0]) == pytest.approx((5.38720621, 52.15517440), abs=1e-7)


def test_ten_km_straight_line_is_thirteen_minutes_by_default():
    assert travel_min(10_000) == pytest.approx(13.0)  # 10 km x 1.3 / 60 km/h
    assert travel_min(10_000, GeoSettings(detour_factor=1.0, speed_kmh=30)) == pytest.approx(20.0)
    assert GeoSettings().catchment_m == pytest.approx(30 / 60 * 60_000 / 1.3)


def test_known_pair_of_points_through_the_whole_analysis():
    # A VG location 10 km west of the only HAP, both given in WGS84 like real data.
    registry = world.registry([world.facility("h", "hap", 111_000), world.facility("v", "vg_locatie", 101_000, org="A")])
    facilities = analyse(registry, world.geography(), geometry=False).facilities.set_index("id")
    x0, y0 = world.rd_of(facilities.at["v", "lon"], facilities.at["v", "lat"])
    x1, y1 = world.rd_of(facilities.at["h", "lon"], facilities.at["h", "lat"])
    assert distance_m(x0, y0, x1, y1) == pytest.approx(10_000, abs=0.01)
    assert facilities.at["v", "reistijd_hap_min"] == pytest.approx(13.0, abs=1e-5)
    assert facilities.at["v", "reistijd_eigen_hap_min"] == pytest.approx(13.0, abs=1e-5)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"detour_factor": 0.9}, "Omrijfactor"),
        ({"speed_kmh": 0}, "speed_kmh"),
        ({"catchment_min": -5}, "catchment_min"),
        ({"prevalence": 0}, "Prevalentie"),
        ({"prevalence": 1.5}, "Prevalentie"),
        ({"gap_access_per_1000": -1}, "Drempel"),
        ({"speed_kmh": "snel"}, "getal"),
    ],
)
def test_settings_refuse_impossible_values_in_dutch(changes, message):
    with pytest.raises(UserError, match=message):
        GeoSettings(**changes)


def test_settings_describe_labels_travel_time_as_estimate():
    assert "Geschatte reistijd" in GeoSettings().describe()
    assert "1.3" in GeoSettings().describe() and "60 km/u" in GeoSettings().describe()
