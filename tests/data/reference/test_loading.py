"""Loading the reference geography: the real national files, idempotence, sources and errors."""
from __future__ import annotations

import re

import shapely
import pytest
from sqlalchemy import func, select

from data import models as m
from data.db import make_engine, transaction
from data.errors import UserError
from data.reference.loading import ReferenceSummary, ensure_reference, load_reference, reference_info
from data.registry import load_geography
from tests.conftest import reference_source
from tests.data import reference_samples as samples

QUIET = lambda *_: None  # noqa: E731


def _parents(geography, child: str) -> dict[str, str]:
    rows = geography.membership[geography.membership["kind_code"] == child]
    return dict(zip(rows["ouder_niveau"], rows["ouder_code"]))


def test_real_national_reference_loads_on_every_backend(engine):
    summary = load_reference(engine, source_dir=reference_source(), progress=QUIET)
    assert summary.counts == {"gemeente": 342, "zorgkantoorregio": 31, "provincie": 12, "pc4": 4068}
    assert "342 gemeenten" in str(summary) and "4.068 PC4-gebieden" in str(summary)

    geography = load_geography(engine)
    regions = geography.regions
    assert regions.groupby("niveau").size().to_dict() == summary.counts
    membership = geography.membership
    gemeente_links = membership[membership["ouder_niveau"].isin(["zorgkantoorregio", "provincie"])]
    per_gemeente = gemeente_links.groupby("kind_code")["ouder_niveau"].agg(sorted)
    assert len(per_gemeente) == 342
    assert all(levels == ["provincie", "zorgkantoorregio"] for levels in per_gemeente)
    assert _parents(geography, "GM0034") == {"zorgkantoorregio": "ZK21", "provincie": "PV24"}  # Almere -> 't Gooi
    assert _parents(geography, "GM0014") == {"zorgkantoorregio": "ZK09", "provincie": "PV20"}
    assert _parents(geography, "1011") == {"gemeente": "GM0363"}  # Amsterdam centre
    # Every zorgkantoorregio and provincie receives gemeenten; official 2025 province sizes.
    per_province = gemeente_links[gemeente_links["ouder_niveau"] == "provincie"].groupby("ouder_code").size()
    assert per_province.to_dict()["PV30"] == 56 and per_province.to_dict()["PV24"] == 6
    assert gemeente_links[gemeente_links["ouder_niveau"] == "zorgkantoorregio"]["ouder_code"].nunique() == 31


def test_real_reference_geometries_are_valid_and_pc4_without_area_is_kept(reference_engine):
    full = load_geography(reference_engine).regions
    web = load_geography(reference_engine, web=True).regions
    for frame in (full, web):
        present = frame.geometry.dropna()
        assert present.is_valid.all()
        assert set(present.geom_type) <= {"Polygon", "MultiPolygon"}
    empty = set(full.loc[full.geometry.isna(), "code"])
    assert empty == {"4196", "5028"}  # empty in the source file: stored without geometry
    assert set(web.loc[web.geometry.isna(), "code"]) == empty
    assert full.loc[full["code"] == "GM0014", "naam"].item() == "Groningen"


def test_real_reference_web_copy_is_small(reference_engine):
    web = load_geography(reference_engine, web=True, levels=("pc4", "gemeente")).regions.dropna(subset=["geometry"])
    size = {level: sum(len(shapely.to_geojson(g)) for g in group.geometry) for level, group in web.groupby("niveau")}
    assert size["pc4"] < 1_200_000
    assert size["gemeente"] < 200_000


def test_real_reference_population_is_summed_from_pc4(reference_engine):
    regions = load_geography(reference_engine).regions
    placed = regions[(regions["niveau"] == "pc4") & regions.geometry.notna()]  # PC4 without area has no gemeente
    pc4_total = placed["inwoners"].sum()
    assert pc4_total > 17_000_000
    for level in ("gemeente", "zorgkantoorregio", "provincie"):
        assert regions.loc[regions["niveau"] == level, "inwoners"].sum() == pc4_total


def test_reload_is_idempotent_and_keeps_registry_rows(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    load_reference(engine, source_dir=folder, progress=QUIET)
    with transaction(engine) as session:
        session.add(m.Organisation(id="org1", naam="Stichting Een"))
        session.flush()
        session.add(m.Facility(id="hap1", type="hap", naam="HAP Een", organisatie_id="org1", lat=52.0, lon=5.1))
    before = _snapshot(engine)
    load_reference(engine, source_dir=folder, progress=QUIET)
    assert _snapshot(engine) == before
    with transaction(engine) as session:
        assert session.get(m.Facility, "hap1").naam == "HAP Een"
        assert session.scalar(select(func.count()).select_from(m.Organisation)) == 1


def _snapshot(engine):
    with engine.connect() as connection:
        regions = connection.execute(
            select(m.Region.id, m.Region.niveau, m.Region.code, m.Region.naam, m.Region.inwoners, m.Region.geometrie)
            .order_by(m.Region.id)
        ).all()
        links = connection.execute(select(m.RegionMembership).order_by(m.RegionMembership.kind_code)).all()
    return [tuple(r) for r in regions], [tuple(r) for r in links]


def test_sample_memberships_follow_largest_overlap(engine, tmp_path):
    load_reference(engine, source_dir=samples.write_geojson(tmp_path / "grenzen"), progress=QUIET)
    geography = load_geography(engine)
    assert _parents(geography, "GM0002") == {"zorgkantoorregio": "ZK01", "provincie": "PV26"}
    assert _parents(geography, "GM0003") == {"zorgkantoorregio": "ZK02", "provincie": "PV26"}
    links = geography.membership.set_index(["kind_code", "ouder_niveau"])
    assert links.loc[("3511", "gemeente"), "ouder_code"] == "GM0001"
    assert links.loc[("3511", "gemeente"), "overlap"] == pytest.approx(0.8, abs=1e-3)
    assert links.loc[("3514", "gemeente"), "ouder_code"] == "GM0003"
    regions = geography.regions.set_index("code")
    assert regions.loc["GM0003", "inwoners"] == 50  # only PC4 3514
    assert regions.loc["ZK02", "inwoners"] == 50
    assert regions.loc["PV26", "inwoners"] == 100 + 250 + 50  # 3512 has no known inhabitants


def test_membership_table_in_folder_overrides_derivation(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    (folder / "gemeente_zorgkantoorregio_provincie_2025.csv").write_text(
        "gemeentecode,zorgkantoorregiocode,provinciecode\nGM0001,ZK02,PV26\n", encoding="utf-8"
    )
    summary = load_reference(engine, source_dir=folder, progress=QUIET)
    assert "gemeente_zorgkantoorregio_provincie_2025.csv" in summary.membership
    geography = load_geography(engine)
    assert _parents(geography, "GM0001") == {"zorgkantoorregio": "ZK02", "provincie": "PV26"}  # from the table
    assert _parents(geography, "GM0002") == {"zorgkantoorregio": "ZK01", "provincie": "PV26"}  # derived


def test_membership_table_with_unknown_region_names_row_and_column(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    (folder / "gemeente_zorgkantoorregio_provincie.csv").write_text(
        "gemeentecode,zorgkantoorregiocode,provinciecode\nGM0001,ZK01,PV26\nGM0002,ZK07,PV26\n", encoding="utf-8"
    )
    with pytest.raises(UserError, match=r"rij 3, kolom zorgkantoorregiocode: ZK07"):
        load_reference(engine, source_dir=folder, progress=QUIET)


def test_folder_without_boundary_files_gives_dutch_hint(engine, tmp_path):
    (tmp_path / "ggdregio_2022.geojson").write_text("{}", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_reference(engine, source_dir=tmp_path, progress=QUIET)
    message = str(caught.value)
    assert "Geen CBS-grensbestanden gevonden" in message and "MGZ_REFERENCE_DIR" in message
    assert "python -m data reference --download" in message
    assert message.count(".") <= 2  # one sentence (the command contains no dot; the end has one)


def test_folder_missing_a_level_names_it(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    (folder / "provincie_2025.geojson").unlink()
    with pytest.raises(UserError, match="ontbreken grensbestanden voor provincie"):
        load_reference(engine, source_dir=folder, progress=QUIET)


def test_environment_folder_is_used_and_recorded(engine, tmp_path, monkeypatch):
    folder = samples.write_geojson(tmp_path / "grenzen")
    monkeypatch.setenv("MGZ_REFERENCE_DIR", str(folder))
    assert ensure_reference(engine, progress=QUIET) is True
    assert ensure_reference(engine, progress=QUIET) is False
    info = reference_info(engine)
    assert info["soort"] == "map" and "MGZ_REFERENCE_DIR" in info["bron"] and info["jaar"] == 2025


def test_cache_is_written_and_used_offline(engine, tmp_path, monkeypatch, _isolated_home):
    folder = samples.write_geojson(tmp_path / "grenzen")
    names_before = sorted(p.name for p in folder.iterdir())
    load_reference(engine, source_dir=folder, progress=QUIET)
    assert sorted(p.name for p in folder.iterdir()) == names_before  # never writes into the source
    cache = _isolated_home / "reference-cache"
    assert (cache / "gemeente_2025.gpkg").is_file() and (cache / "pc4_2025.gpkg").is_file()

    monkeypatch.delenv("MGZ_REFERENCE_DIR", raising=False)
    with transaction(engine) as session:
        session.execute(m.RegionMembership.__table__.delete())
        session.execute(m.Region.__table__.delete())
    assert ensure_reference(engine, progress=QUIET) is True
    info = reference_info(engine)
    assert info["soort"] == "cache" and str(folder) in info["bron"]
    assert load_geography(engine).regions.groupby("niveau").size().to_dict() == samples.COUNTS


def test_loading_from_the_cache_folder_itself_leaves_it_alone(engine, tmp_path, _isolated_home):
    load_reference(engine, source_dir=samples.write_geojson(tmp_path / "grenzen"), progress=QUIET)
    cache = _isolated_home / "reference-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    summary = load_reference(engine, source_dir=cache, progress=QUIET)
    assert summary.counts == samples.COUNTS
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


DECIMAL_POINT = re.compile(r"\d\.\d+ ?(?:s|min|MB|kB)\b")  # "1.8 s"; thousands ("4.068 PC4-gebieden") stay allowed


@pytest.mark.parametrize(("seconds", "shown"), [(1.84, "1,8"), (0.26, "0,3"), (12.0, "12,0")])
def test_summary_gives_the_duration_with_a_decimal_comma(seconds, shown):
    summary = ReferenceSummary(source="map", counts={"gemeente": 342, "pc4": 4068}, years={}, membership="afgeleid",
                               seconds=seconds)
    text = str(summary)
    assert f"klaar in {shown} s." in text
    assert not DECIMAL_POINT.search(text)
    assert "4.068 PC4-gebieden" in text  # thousands with a point, Dutch too


def test_first_use_load_of_the_real_geography_reports_in_dutch_notation(tmp_path):
    """ensure_reference (what `python -m geo`/`monitor` and the app run first) hands the summary to the progress
    callback; on the real national files from MGZ_REFERENCE_DIR the duration has a decimal comma."""
    engine = make_engine(f"sqlite:///{tmp_path / 'first-use.sqlite'}")  # the text does not depend on the backend
    messages: list[str] = []
    try:
        assert ensure_reference(engine, progress=messages.append) is True
    finally:
        engine.dispose()
    assert re.search(r"; klaar in \d+,\d s\.", messages[-1]), messages[-1]
    assert "4.068 PC4-gebieden" in messages[-1]
    assert not [message for message in messages if DECIMAL_POINT.search(message)]
