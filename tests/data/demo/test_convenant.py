"""The demo's pilot commissions and awareness figures: fictional, deterministic, from their own random generator
(so nothing else of the demo moved), and removed with the rest of the demo."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data.demo import convenant as demo_convenant
from data import models as m
from data.action_lines import default as action_lines
from data.demo.scenario import build_demo
from data.demo.removal import remove_demo
from data.imports import import_file
from data.registry import load_geography, load_registry

SPREAD, DOMINANT = ("ZK08", "ZK27", "ZK17"), "ZK06"


def test_pilot_commissions_sit_in_the_showcase_regions_with_every_stage(demo_engine):
    pilots = load_registry(demo_engine).pilots
    assert set(pilots["regio"]) == {*SPREAD, DOMINANT}
    assert pilots["commissie"].str.endswith("(fictief)").all()
    assert set(pilots["status"]) == {"verkenning", "gestart", "loopt", "geëvalueerd"}
    evaluated = pilots[pilots["status"] == "geëvalueerd"].iloc[0]
    assert evaluated["regio"] == DOMINANT and evaluated["evaluatie"] and evaluated["advies"]


def test_awareness_is_national_and_regional_for_both_waves(demo_engine):
    awareness = load_registry(demo_engine).awareness
    national = awareness[awareness["regio"] == ""]
    assert len(national) == 8 and set(national["golf"]) == {"2021", "2024"}
    assert (awareness["bekend"] <= awareness["totaal"]).all() and (awareness["totaal"] > 0).all()
    share = national.groupby("stakeholder").apply(lambda g: g["bekend"].sum() / g["totaal"].sum())
    assert share["gebruikers"] < share["aanbieders"] < share["voorwaardenscheppend"]  # as in the study
    assert set(awareness["regio"]) - {""} <= {"ZK06", "ZK08", "ZK10", "ZK17", "ZK21", "ZK27", "ZK31"}


def test_its_own_generator_leaves_the_rest_of_the_demo_unchanged(demo_engine, monkeypatch):
    geography = load_geography(demo_engine, levels=("pc4", "gemeente", "zorgkantoorregio"))
    first = build_demo(geography)
    monkeypatch.setattr(demo_convenant, "SEED", demo_convenant.SEED + 1)  # another draw for pilots and awareness
    second = build_demo(geography)
    assert not first["awareness"].equals(second["awareness"])
    for key in ("facilities", "collaborations", "findings", "actions"):  # ... and nothing else moves
        pd.testing.assert_frame_equal(first[key], second[key])
    again = build_demo(geography)  # the same seed gives the same figures
    pd.testing.assert_frame_equal(second["pilots"], again["pilots"])
    pd.testing.assert_frame_equal(second["awareness"], again["awareness"])


def test_demo_actions_refer_to_known_lines_and_regional_facilitation_is_the_zorgkantoor(demo_engine):
    actions = load_registry(demo_engine).actions
    lines = action_lines()
    assert all(lines.find(a) is not None for a in actions["actie"])
    facilitation = actions[(actions["actie"] == "Gesprekken faciliteren bij regionale knelpunten")]
    assert set(facilitation.loc[facilitation["regio"] != "", "partij"]) == {"Zorgkantoor"}
    assert set(facilitation.loc[facilitation["regio"] == "", "partij"]) == {"ZN"}


def test_removing_the_demo_removes_its_pilots_and_awareness_and_keeps_own_rows(demo_engine):
    own = "regio;commissie;start;status\nZK08;Eigen commissie Friesland;2025;gestart\n"
    assert import_file(demo_engine, "pilots", own.encode("utf-8"), filename="eigen.csv").ok
    survey = "regio;golf;stakeholder;bekend;totaal\n;2024;aanbieders;1;2\n"  # replaces the demo's national count
    assert import_file(demo_engine, "bekendheid", survey.encode("utf-8"), filename="eigen.csv").ok
    summary = remove_demo(demo_engine, progress=lambda *_: None)
    assert summary.pilots == 4 and summary.bekendheid > 0
    registry = load_registry(demo_engine)
    assert registry.pilots["commissie"].tolist() == ["Eigen commissie Friesland"]
    assert registry.awareness[["regio", "golf", "stakeholder", "bekend", "totaal"]].values.tolist() == [["", "2024", "aanbieders", 1, 2]]
    with demo_engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(m.Wave)).scalar_one() == 1  # 2024 is still used
