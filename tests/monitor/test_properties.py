"""Laws of the scoring: bounded, independent of row order, monotone in failures, no data -> no score."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.models import COLLABORATION_KINDS, CONDITIONS, STAKEHOLDERS
from geo.analysis import analyse
from monitor.analysis import analyse_level
from tests.monitor import world

REGION_CODES = ["ZK80", "ZK81", "ZK82", "PV80", "GM8001", "GM8003", "GM8006", "8201", "8102", "8402"]
LEVELS = ["gemeente", "zorgkantoorregio", "provincie", "organisatie"]
SETTINGS = settings(max_examples=25, deadline=None, database=None,  # no example database in the repository
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

findings_strategy = st.lists(
    st.tuples(
        st.sampled_from(REGION_CODES), st.sampled_from(["2021", "2024"]), st.sampled_from(STAKEHOLDERS),
        st.sampled_from(CONDITIONS), st.sampled_from([-1, 1]), st.integers(1, 3), st.sampled_from(["interview", "enquête"]),
        st.sampled_from(["Stichting B werkt met veel partners", "vaste huisarts", "lappendeken", "geen afspraken"]),
        st.sampled_from([None, "IN02", "IN03", "IN11", "TS01", "ZW02"]),  # codebook item (None = uncoded)
    ),
    max_size=12,
)


def _with(registry, **changes):
    return dataclasses.replace(registry, **changes)


def _findings(rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=world.FINDING_COLUMNS)


@SETTINGS
@given(rows=findings_strategy, kinds=st.lists(st.sampled_from(COLLABORATION_KINDS), min_size=1, max_size=40),
       level=st.sampled_from(LEVELS))
def test_scores_stay_on_the_scale(registry, geography, geo_result, rows, kinds, level):
    ties = registry.collaborations.copy()
    ties["soort"] = [kinds[i % len(kinds)] for i in range(len(ties))]
    variant = _with(registry, collaborations=ties, findings=_findings(rows))
    result = analyse_level(geo_result, variant, geography, level)
    for table in (result.conditions, result.cells):
        scores = table["score"].dropna()
        assert ((scores >= -2.0) & (scores <= 2.0)).all()
        assert ((table["betrouwbaarheid"] >= 0) & (table["betrouwbaarheid"] < 1)).all()
        assert table.loc[table["n_bewijs"] == 0, "score"].isna().all()
    for scores in result.signals["scores"]:
        assert all(v is None or -2.0 <= v <= 2.0 for v in scores.values())


@SETTINGS
@given(rows=findings_strategy, seed=st.integers(0, 2**32 - 1), level=st.sampled_from(LEVELS))
def test_results_do_not_depend_on_row_order(registry, geography, geo_result, rows, seed, level):
    rng = np.random.default_rng(seed)
    base = _with(registry, findings=_findings(rows))

    def shuffled(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)

    permuted = _with(base, facilities=shuffled(base.facilities), collaborations=shuffled(base.collaborations),
                     findings=shuffled(base.findings))
    permuted_geo = dataclasses.replace(geo_result, facilities=shuffled(geo_result.facilities))
    a = analyse_level(geo_result, base, geography, level)
    b = analyse_level(permuted_geo, permuted, geography, level)
    pd.testing.assert_frame_equal(a.conditions, b.conditions)
    pd.testing.assert_frame_equal(a.cells, b.cells)
    pd.testing.assert_frame_equal(a.signals, b.signals)
    pd.testing.assert_frame_equal(a.facts, b.facts)


@SETTINGS
@given(rows=findings_strategy, extra=findings_strategy.filter(bool), level=st.sampled_from(LEVELS[:3]))
def test_a_negative_finding_never_improves_a_cell(registry, geography, geo_result, rows, extra, level):
    negative = (*extra[0][:4], -1, *extra[0][5:])
    before = analyse_level(geo_result, _with(registry, findings=_findings(rows)), geography, level)
    after = analyse_level(geo_result, _with(registry, findings=_findings([*rows, negative])), geography, level)
    for old, new in ((before.cells, after.cells), (before.conditions, after.conditions)):
        known = old["score"].notna()
        assert (new.loc[known, "score"] <= old.loc[known, "score"] + 1e-12).all()
        assert (new.loc[~known, "score"].dropna() == -2.0).all()  # a first piece of evidence that is a failure


def _without_region(registry, geography, zk: str):
    gemeenten = set(geography.membership.loc[geography.membership["ouder_code"] == zk, "kind_code"])
    pc4 = set(geography.membership.loc[geography.membership["ouder_code"].isin(gemeenten), "kind_code"])
    located = analyse(registry, geography, geometry=False).facilities
    inside = set(located.loc[located["zorgkantoorregio"] == zk, "id"])
    ties = registry.collaborations
    return _with(
        registry,
        facilities=registry.facilities[~registry.facilities["id"].isin(inside)].reset_index(drop=True),
        collaborations=ties[~ties["van"].isin(inside) & ~ties["naar"].isin(inside)].reset_index(drop=True),
        findings=registry.findings[~registry.findings["regio"].isin({zk} | gemeenten | pc4)].reset_index(drop=True),
    )


@SETTINGS
@given(rows=findings_strategy, zk=st.sampled_from(["ZK80", "ZK81"]))
def test_removing_all_data_of_a_region_gives_insufficient_data(registry, geography, rows, zk):
    rows = [r for r in rows if r[0] != "PV80"]  # a provincie finding is also about this region
    emptied = _without_region(_with(registry, findings=_findings(rows)), geography, zk)
    geo_result = analyse(emptied, geography, geometry=False)
    row = analyse_level(geo_result, emptied, geography, "zorgkantoorregio").signals.set_index("code").loc[zk]
    assert row["onvoldoende_gegevens"] and not row["zwak_netwerk"] and not row["te_sterk_netwerk"]
    assert all(row["scores"][c] is None for c in ("netwerk_te_zwak", "netwerk_te_sterk", "goed_netwerk"))
