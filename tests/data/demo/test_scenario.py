"""The fictional national demo scenario (python -m data demo) on the real reference geography."""
from __future__ import annotations

import hashlib
from datetime import datetime

import pandas as pd
import pytest
import shapely
from sqlalchemy import func, select

from data import models as m
from data.db import transaction
from data.demo.scenario import DEMO_KEY, load_demo, read_showcases
from data.demo.texts import ACTION_LINES
from data.errors import UserError
from data.registry import load_geography, load_registry

FRAMES = ("facilities", "collaborations", "service_areas", "findings", "waves", "actions")
SIGNATORIES = {"Ieder(in)", "KansPlus", "InEen", "LHV", "NVAVG", "VGN", "V&VN", "ZN"}
# Real VG organisations and care groups named in the seeds or well known: generated names must avoid them.
REAL_NAMES = ("heeren loo", "dichterbij", "novicare", "swz", "odion", "gemiva", "zijlen", "zuidwester", "ipse",
              "philadelphia", "amarant", "cordaan", "pluryn", "siza", "abrona", "severinus", "sherpa", "talant",
              "elver", "estinea", "lunet", "koraal", "asvz", "middin", "reinaerde", "zozijn", "cosis", "triade")


def registry_hash(engine) -> str:
    registry = load_registry(engine)
    digest = hashlib.sha256()
    for name in FRAMES:
        frame = getattr(registry, name)
        digest.update(name.encode())
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes())
    return digest.hexdigest()


def showcases(engine) -> list[dict]:
    return [s.__dict__ for s in read_showcases(engine)]


def with_pc4(facilities: pd.DataFrame) -> pd.DataFrame:
    return facilities.assign(pc4=facilities["postcode"].str[:4])


def zk_of_pc4(engine) -> pd.Series:
    membership = load_geography(engine, levels=("zorgkantoorregio",)).membership
    gemeente = membership[membership["ouder_niveau"] == "gemeente"].set_index("kind_code")["ouder_code"]
    zk = membership[membership["ouder_niveau"] == "zorgkantoorregio"].set_index("kind_code")["ouder_code"]
    return gemeente.map(zk)


def test_counts_fall_in_the_expected_ranges(demo_engine):
    f = load_registry(demo_engine).facilities
    kinds = f["type"].value_counts()
    assert 95 <= kinds["hap"] <= 115
    assert 75 <= f.loc[f["type"] == "hap", "anw_open"].astype(bool).sum() <= 95
    assert 35 <= kinds["avg_poli"] <= 45
    assert 1300 <= kinds["vg_locatie"] <= 1700
    assert 750 <= kinds["huisartsenpraktijk"] <= 850
    locations = f[f["type"] == "vg_locatie"]
    assert 140 <= locations["organisatie_id"].nunique() <= 160
    assert locations["clienten"].between(5, 120).all()
    assert locations["avg_fte"].notna().sum() > 50  # some locations have their own medical service
    assert f.loc[f["type"] == "avg_poli", "avg_fte"].between(0.3, 2.0).all()
    assert f["id"].str.fullmatch(r"HAP\d{3}|POLI\d{2}|ORG\d{3}-L\d{2}|HA\d{4}").all()


def test_every_pc4_with_a_geometry_is_served_by_a_post(demo_engine):
    regions = load_geography(demo_engine, levels=("pc4",)).regions
    with_area = set(regions.loc[~regions.geometry.is_empty & regions.geometry.notna().to_numpy(), "code"])
    areas = load_registry(demo_engine).service_areas
    assert with_area <= set(areas["pc4"])
    assert set(areas["bron"]) == {"pc4"}
    assert (areas.groupby("pc4")["hap_id"].nunique() == 2).sum() >= 5  # a few border PC4s show overlap
    with demo_engine.connect() as connection:
        outlines = connection.execute(select(m.ServiceArea.geometrie)).scalars().all()
    assert len(outlines) == areas["hap_id"].nunique()
    shapes = shapely.from_wkb(outlines)
    assert shapely.is_valid(shapes).all() and (shapely.area(shapes) > 0).all()
    holes = sum(len(part.interiors) for shape in shapes for part in shapely.get_parts(shape))
    assert holes < 50  # the slivers between simplified PC4 polygons are closed; lakes and enclaves remain


def test_facilities_lie_inside_their_pc4_and_are_marked_fictional(demo_engine):
    f = with_pc4(load_registry(demo_engine).facilities)
    polygons = load_geography(demo_engine, levels=("pc4",)).regions.set_index("code").geometry
    assert shapely.contains_xy(polygons.reindex(f["pc4"]).to_numpy(), f["lon"], f["lat"]).all()
    assert f["postcode"].str.fullmatch(r"\d{4} [A-Z]{2}").all()
    assert f["plaats"].notna().all()
    assert f["naam"].str.endswith("(fictief)").all()
    assert f["organisatie_naam"].dropna().str.endswith("(fictief)").all()
    names = " ".join(f["naam"].str.lower()) + " ".join(f["organisatie_naam"].dropna().str.lower())
    assert not [real for real in REAL_NAMES if real in names]


def test_every_collaboration_kind_is_present_between_sensible_facilities(demo_engine):
    registry = load_registry(demo_engine)
    types = registry.facilities.set_index("id")["type"]
    c = registry.collaborations.assign(
        van_type=lambda x: x["van"].map(types), naar_type=lambda x: x["naar"].map(types)
    )
    assert set(c["soort"]) == set(m.COLLABORATION_KINDS)
    pairs = set(zip(c["van_type"], c["naar_type"]))
    assert pairs == {("vg_locatie", "huisartsenpraktijk"), ("vg_locatie", "hap"), ("huisartsenpraktijk", "avg_poli")}
    assert (c["van_type"] + c["naar_type"]).value_counts().idxmax() == "vg_locatiehuisartsenpraktijk"
    medical_service = c[c["soort"] == "gezamenlijke_medische_dienst"]
    assert (medical_service["naar_type"] == "huisartsenpraktijk").all()
    locations = registry.facilities.loc[registry.facilities["type"] == "vg_locatie", "id"]
    tied = set(c.loc[c["naar_type"] == "huisartsenpraktijk", "van"])
    assert 0.03 < 1 - locations.isin(tied).mean() < 0.25  # some locations have no GP tie at all


def test_ties_have_real_dates_a_source_and_a_few_informal_ones_end_between_the_waves(demo_engine):
    registry = load_registry(demo_engine)
    c = registry.collaborations
    assert c["sinds"].notna().all() and (c["sinds"].dt.day_of_year > 1).mean() > 0.9  # not only 1 January
    assert set(c["bron"]) == {"fictief contractenregister", "fictieve uitvraag bij de locaties"}
    informal = ~c["soort"].isin(m.FORMAL_KINDS)
    ended = c[c["tot"].notna()]
    assert 5 <= len(ended) <= 0.03 * informal.sum() and informal[ended.index].all()
    # Counted in wave 2021 (31 December 2021), gone by wave 2024 (31 December 2024).
    assert (ended["sinds"] <= "2021-12-31").all() and ended["tot"].between("2022-01-01", "2024-12-30").all()
    f = with_pc4(registry.facilities).set_index("id")
    showcase_regions = {s["regio"] for s in showcases(demo_engine)}
    showcase_orgs = {s["organisatie_id"] for s in showcases(demo_engine)}
    assert not ended["van"].map(f["organisatie_id"]).isin(showcase_orgs).any()
    assert not ended["van"].map(f["pc4"]).map(zk_of_pc4(demo_engine)).isin(showcase_regions).any()


def test_two_waves_with_findings_and_action_statuses(demo_engine):
    registry = load_registry(demo_engine)
    assert registry.waves.to_dict("records") == [{"code": "2021", "volgorde": 1}, {"code": "2024", "volgorde": 2}]
    findings = registry.findings
    assert set(findings["golf"]) == {"2021", "2024"}
    assert findings.groupby("golf").size().min() > 150
    assert set(findings["stakeholder"]) == set(m.STAKEHOLDERS)
    assert set(findings["voorwaarde"]) == set(m.CONDITIONS)
    assert set(findings["richting"]) == {-1, 1}
    assert set(findings["gewicht"]) <= {1, 2, 3}
    assert set(findings["bron"]) == {"interview", "enquête", "document"}
    zk = findings.loc[findings["regio"].str.startswith("ZK"), "regio"].nunique()
    assert zk >= 15 and findings["regio"].str.startswith("GM").any()
    actions = registry.actions
    assert set(actions["golf"]) == {"2021", "2024"}
    assert set(actions["status"]) == set(m.ACTION_STATUSES)
    assert SIGNATORIES <= set(actions["partij"])
    national = actions[actions["regio"] == ""]
    assert {actie for actie, _ in ACTION_LINES} == set(national["actie"])
    assert actions.loc[actions["regio"] != "", "regio"].str.fullmatch(r"ZK\d\d").all()


def test_most_demo_findings_carry_a_codebook_code_that_fits_them(demo_engine):
    from data.codebook import default as codebook

    findings = load_registry(demo_engine).findings
    coded = findings[findings["code"].notna()]
    assert len(coded) >= 0.8 * len(findings)
    book = codebook()
    for code, voorwaarde, richting in zip(coded["code"], coded["voorwaarde"], coded["richting"]):
        assert (book.item(code).voorwaarde, book.item(code).richting) == (voorwaarde, richting)


def _net_score(findings: pd.DataFrame) -> pd.DataFrame:
    """Mean of richting x gewicht per region and wave: a plain proxy for how the system is doing."""
    return findings.assign(s=findings["richting"] * findings["gewicht"]).pivot_table(
        index="regio", columns="golf", values="s", aggfunc="mean"
    )


def test_some_regions_improve_and_others_worsen_between_the_waves(demo_engine):
    score = _net_score(load_registry(demo_engine).findings).dropna()
    change = score["2024"] - score["2021"]
    assert (change > 0.3).sum() >= 3 and (change < -0.3).sum() >= 3
    stories = {s["regio"]: s["verloop"] for s in showcases(demo_engine)}
    for regio, verloop in stories.items():
        if verloop == "verbetert":
            assert change[regio] > 0.5
        if verloop == "verslechtert":
            assert change[regio] < 0
        if verloop == "blijft goed":
            assert score.loc[regio].min() > 0.5


def test_demo_flag_and_showcases_are_recorded(demo_engine):
    assert load_registry(demo_engine).is_demo
    with demo_engine.connect() as connection:
        value = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == DEMO_KEY)).scalar()
    assert "fictief" in value and "2020" in value
    roles = {s["rol"] for s in showcases(demo_engine)}
    assert roles == {"compact", "verspreid", "netwerk_te_sterk", "weinig_gegevens"}


def test_no_showcases_outside_a_demo(reference_engine):
    assert read_showcases(reference_engine) == ()


def _org_profile(registry, org_id: str) -> dict:
    """HAP areas, GP practices and uncovered share of one organisation, measured from the registry alone."""
    f = with_pc4(registry.facilities)
    own = f[(f["organisatie_id"] == org_id) & (f["type"] == "vg_locatie")]
    covering = registry.service_areas.groupby("pc4")["hap_id"].apply(set)
    areas = [covering[pc4] for pc4 in own["pc4"]]
    types = f.set_index("id")["type"]
    c = registry.collaborations
    gp = c[c["van"].isin(own["id"]) & (c["naar"].map(types) == "huisartsenpraktijk")]
    return dict(
        haps=set().union(*areas), shared_hap=set.intersection(*areas), locations=len(own),
        practices=gp["naar"].nunique(), without_gp=1 - own["id"].isin(gp["van"]).mean(),
        formal=gp["soort"].isin(m.FORMAL_KINDS).mean(), kinds=set(gp["soort"]),
    )


def test_compact_and_spread_organisations_contrast_clearly(demo_engine):
    registry = load_registry(demo_engine)
    cases = showcases(demo_engine)
    compact = [s for s in cases if s["rol"] == "compact"]
    spread = [s for s in cases if s["rol"] == "verspreid"]
    assert len(compact) >= 2 and len(spread) >= 2
    for case in compact:
        p = _org_profile(registry, case["organisatie_id"])
        assert len(p["haps"]) == 1 and p["shared_hap"]
        assert p["practices"] == 1 and p["without_gp"] == 0 and p["formal"] == 1
        assert "gezamenlijke_medische_dienst" in p["kinds"]
    for case in spread:
        p = _org_profile(registry, case["organisatie_id"])
        assert len(p["haps"]) >= 3
        assert p["practices"] >= 5
        assert 0.2 <= p["without_gp"] <= 0.35
        assert p["formal"] < 0.5 and {"mondelinge_afspraak", "casuistiek"} <= p["kinds"]


def test_one_organisation_holds_nearly_all_avg_capacity_of_its_region(demo_engine):
    case = next(s for s in showcases(demo_engine) if s["rol"] == "netwerk_te_sterk")
    f = with_pc4(load_registry(demo_engine).facilities)
    f["zk"] = f["pc4"].map(zk_of_pc4(demo_engine))
    capacity = f[(f["zk"] == case["regio"]) & f["avg_fte"].notna()].groupby("organisatie_id")["avg_fte"].sum()
    assert capacity.get(case["organisatie_id"], 0) >= 0.9 * capacity.sum() > 0
    assert f[(f["zk"] == case["regio"]) & (f["type"] == "vg_locatie")]["organisatie_id"].nunique() >= 2


def test_data_poor_regions_have_hardly_any_data(demo_engine):
    registry = load_registry(demo_engine)
    f = with_pc4(registry.facilities)
    f["zk"] = f["pc4"].map(zk_of_pc4(demo_engine))
    for case in (s for s in showcases(demo_engine) if s["rol"] == "weinig_gegevens"):
        assert case["regio"] not in set(registry.findings["regio"])
        assert ((f["zk"] == case["regio"]) & (f["type"] == "vg_locatie")).sum() <= 5


def test_loading_is_deterministic_and_replaces_an_earlier_demo_but_not_later_imports(reference_engine, demo_engine):
    expected = registry_hash(demo_engine)
    summary = load_demo(reference_engine, progress=lambda *_: None)
    assert registry_hash(reference_engine) == expected
    with transaction(reference_engine) as session:  # something added to the demo is demo too
        session.add(m.Facility(id="EXTRA", type="hap", naam="Extra post", lat=52.0, lon=5.0))
    again = load_demo(reference_engine, progress=lambda *_: None)
    assert registry_hash(reference_engine) == expected
    assert again == summary
    with reference_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Facility)).scalar() == (
            summary.huisartsenposten + summary.avg_polis + summary.vg_locaties + summary.huisartsenpraktijken
        )
    with transaction(reference_engine) as session:  # a file imported into the demo is the user's own data
        session.add(m.ImportBatch(soort="voorzieningen", bestandsnaam="eigen.csv", sha256="0" * 64,
                                  tijdstip=datetime(2026, 1, 1), rijen_totaal=1, rijen_geimporteerd=1,
                                  rijen_afgewezen=0, gebruiker="test"))
    with pytest.raises(UserError, match="1 bestand in deze database geïmporteerd"):
        load_demo(reference_engine, progress=lambda *_: None)
    assert registry_hash(reference_engine) == expected
    text = str(summary)
    assert "fictief" in text.lower() and "huisartsenposten" in text and "1." in text  # Dutch thousands separator


def test_refuses_a_database_with_registry_data_of_its_own(reference_engine):
    with transaction(reference_engine) as session:
        session.add(m.Organisation(id="o1", naam="Stichting Echt"))
        session.flush()
        session.add(m.Facility(id="v1", type="vg_locatie", naam="Woning", organisatie_id="o1", lat=52.0, lon=5.0))
    with pytest.raises(UserError, match="eigen registergegevens"):
        load_demo(reference_engine, progress=lambda *_: None)
    registry = load_registry(reference_engine)
    assert list(registry.facilities["id"]) == ["v1"] and not registry.is_demo


def test_cli_refusal_is_a_dutch_message_without_traceback(reference_engine, monkeypatch, capsys):
    from data.__main__ import main

    with transaction(reference_engine) as session:
        session.add(m.Facility(id="HAP9", type="hap", naam="Eigen post", lat=52.0, lon=5.0))
    monkeypatch.setenv("MGZ_DATABASE_URL", str(reference_engine.url))
    assert main(["demo"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Fout: De database bevat al eigen registergegevens (1 rij in voorziening)")
    assert "Traceback" not in error


def test_the_same_scenario_on_postgresql(engine, demo_engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite is covered by the other tests")
    from data.reference.loading import load_reference
    from tests.conftest import reference_source

    load_reference(engine, source_dir=reference_source(), download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    assert registry_hash(engine) == registry_hash(demo_engine)
    # Loading and removing the demo are audited on PostgreSQL too (tests/data/test_audit.py covers SQLite).
    from data.access import Gebruiker
    from data.audit import read_audit
    from data.demo.removal import remove_demo

    remove_demo(engine, progress=lambda *_: None, user=Gebruiker("beheer@voorbeeld.nl", "beheerder"))
    trail = read_audit(engine)
    assert trail["actie"].tolist() == ["referentie_geladen", "voorbeeld_geladen", "voorbeeld_verwijderd"]
    assert trail["gebruiker"].iloc[-1] == "beheer@voorbeeld.nl" and '"bevindingen": ' in trail["details"].iloc[-1]
