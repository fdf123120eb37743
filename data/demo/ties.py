"""Fictional collaborations (samenwerkingen) of the demo, steered by each organisation's style and cohesion.

- compact: one fixed practice in a joint medical service, contracts for every location, written HAP agreements;
- verspreid: many practices with loose ties, about 28% of locations without a GP, few (oral) HAP agreements;
- gewoon / zonder_avg / dominant: in between, driven by cohesie (0 patchy .. 1 tight);
- weinig_gegevens: no registered ties at all (the organisation never delivered them).
GP practices also refer to a nearby AVG-poli (casuistiek or an oral agreement).
Ties are drawn with a start year; `date_ties` then gives them a start date within that year, a source, and lets a
few informal ties of organisations outside the showcase regions end between the waves 2021 and 2024.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from data.demo.geo import nearest
from data.models import FORMAL_KINDS

NO_GP_SHARE_SPREAD = 0.28
PRACTICE_POLI_SHARE = 0.2
PRACTICE_POLI_MAX_M = 30000
DATES_SEED = 2021  # its own generator: dating the ties leaves every other draw of the demo as it was
ENDED_SHARE = 0.02  # of the informal ties of organisations outside the showcase regions that existed in 2021
# After wave 2021's reference date (31 December 2021) and before wave 2024's: counted in 2021, gone in 2024.
ENDED_BETWEEN = (date(2022, 1, 1), date(2024, 12, 30))
SOURCES = {True: "fictief contractenregister", False: "fictieve uitvraag bij de locaties"}  # formal or not


def _since(rng: np.random.Generator, formal: bool) -> int:
    return int(rng.integers(2008, 2022) if formal else rng.integers(2012, 2025))


def _org_ties(org, ids: np.ndarray, loc_xy: np.ndarray, hap_of: np.ndarray, practices: dict, rng) -> list[tuple]:
    """(van, naar, soort, sinds) rows of one organisation's locations (main location first)."""
    ties: list[tuple] = []
    practice_xy, practice_ids = practices["xy"], practices["id"]
    _, near = practices["tree"].query(loc_xy, k=4)
    near = near.reshape(len(ids), -1)
    preferred = near[0, 0]  # the practice nearest the main location
    n = len(ids)
    if org.stijl == "compact":
        ties.append((ids[0], practice_ids[preferred], "gezamenlijke_medische_dienst", int(rng.integers(2008, 2016))))
        ties += [(ids[i], practice_ids[preferred], "contract", _since(rng, True)) for i in range(1, n)]
        ties += [(ids[i], hap_of[i], "schriftelijke_afspraak", _since(rng, True)) for i in range(n)]
        return ties
    if org.stijl == "verspreid":
        without = set(1 + rng.choice(n - 1, size=round(NO_GP_SHARE_SPREAD * n), replace=False))
        for i in range(n):
            if i in without:
                continue
            kind = rng.choice(["contract", "schriftelijke_afspraak", "mondelinge_afspraak", "casuistiek"],
                              p=[0.15, 0.1, 0.45, 0.3])
            ties.append((ids[i], practice_ids[near[i, rng.integers(0, near.shape[1])]], str(kind),
                         _since(rng, kind in ("contract", "schriftelijke_afspraak"))))
            if rng.random() < 0.15:
                ties.append((ids[i], hap_of[i], "mondelinge_afspraak", _since(rng, False)))
        return ties
    cohesion = org.cohesie
    no_gp = 0.02 + 0.22 * (1 - cohesion)
    distance_to_preferred = np.hypot(*(loc_xy - practice_xy[preferred]).T)
    for i in range(n):
        if i > 0 and rng.random() < no_gp:
            continue
        if distance_to_preferred[i] < 10000 and rng.random() < cohesion:
            practice = preferred
        else:
            practice = near[i, rng.integers(0, min(3, near.shape[1]))]
        if rng.random() < 0.25 + 0.6 * cohesion:
            kind = "contract" if rng.random() < 0.7 else "schriftelijke_afspraak"
        else:
            kind = "mondelinge_afspraak" if rng.random() < 0.6 else "casuistiek"
        ties.append((ids[i], practice_ids[practice], kind, _since(rng, kind in ("contract", "schriftelijke_afspraak"))))
    if cohesion > 0.7 and rng.random() < 0.7:
        ties.append((ids[0], practice_ids[preferred], "gezamenlijke_medische_dienst", _since(rng, True)))
    for hap in sorted(set(hap_of)):
        members = [i for i in range(n) if hap_of[i] == hap]
        draw = rng.random()
        if draw < 0.15 + 0.6 * cohesion:
            ties += [(ids[i], hap, "schriftelijke_afspraak", _since(rng, True)) for i in members]
        elif draw < 0.15 + 0.6 * cohesion + 0.25:
            ties += [(ids[i], hap, "mondelinge_afspraak", _since(rng, False)) for i in members]
    return ties


def make_collaborations(
    orgs: pd.DataFrame,
    locations: pd.DataFrame,
    practices: pd.DataFrame,
    polis: pd.DataFrame,
    places: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """All collaborations: van, naar, soort, sinds (unique per van/naar/soort, in a stable order)."""
    rows: list[tuple] = []
    practice_xy = practices[["x", "y"]].to_numpy()
    lookup = dict(xy=practice_xy, id=practices["id"].to_numpy(), tree=cKDTree(practice_xy))
    hap_of = places["hap"].to_numpy()[locations["pi"].to_numpy()]
    ids, loc_xy = locations["id"].to_numpy(), locations[["x", "y"]].to_numpy()
    owner = locations["organisatie_id"].to_numpy()
    for org in orgs.itertuples():
        own = np.flatnonzero(owner == org.id)
        rows += _org_ties(org, ids[own], loc_xy[own], hap_of[own], lookup, rng)
    distance, index = nearest(practices[["x", "y"]].to_numpy(), polis[["x", "y"]].to_numpy())
    refer = (rng.random(len(practices)) < PRACTICE_POLI_SHARE) & (distance[:, 0] < PRACTICE_POLI_MAX_M)
    for i in np.flatnonzero(refer):
        kind = "casuistiek" if rng.random() < 0.6 else "mondelinge_afspraak"
        rows.append((practices["id"].iat[i], polis["id"].iat[index[i, 0]], kind, _since(rng, False)))
    frame = pd.DataFrame(rows, columns=["van", "naar", "soort", "sinds"])
    # Data-poor organisations never delivered their ties: a hole in the registry, drawn like the others first so
    # the random stream of everything else stays the same.
    unreported = set(ids[np.isin(owner, orgs.loc[orgs["stijl"] == "weinig_gegevens", "id"].to_numpy())])
    frame = frame[~frame["van"].isin(unreported) & ~frame["naar"].isin(unreported)]
    return frame.drop_duplicates(["van", "naar", "soort"]).reset_index(drop=True)


def date_ties(ties: pd.DataFrame, endable: np.ndarray) -> pd.DataFrame:
    """sinds (a year) -> a date within that year; bron by formality; tot for ENDED_SHARE of the informal ties
    marked `endable` that existed by the end of 2021, on a day between the two waves (ENDED_BETWEEN)."""
    rng = np.random.default_rng(DATES_SEED)
    years = ties["sinds"].to_numpy(dtype=int)
    days = rng.integers(0, 365, len(ties))
    formal = ties["soort"].isin(FORMAL_KINDS).to_numpy()
    candidates = np.flatnonzero(endable & ~formal & (years <= 2021))
    ended = np.sort(rng.choice(candidates, size=round(ENDED_SHARE * len(candidates)), replace=False))
    span = (ENDED_BETWEEN[1] - ENDED_BETWEEN[0]).days + 1
    tot = [None] * len(ties)
    for i, offset in zip(ended, rng.integers(0, span, len(ended))):
        tot[i] = ENDED_BETWEEN[0] + timedelta(days=int(offset))
    return ties.assign(
        sinds=[date(int(y), 1, 1) + timedelta(days=int(d)) for y, d in zip(years, days)],
        tot=tot,
        bron=[SOURCES[bool(f)] for f in formal],
    )
