"""Fictional facilities of the demo: HAPs with service areas, VG organisations and locations, GP practices, AVG-poli's.

Pure functions of (places, rng): the same seed gives the same frames. Showcase roles per zorgkantoorregio steer where
compact, spread, dominant and data-poor organisations are placed (see data.demo.scenario for the story).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.demo.geo import choose_sites, dissolve, fill_slivers, nearest, random_points_in, to_rd
from data.demo.texts import LOCATION_WORDS, ORG_NAME_HEADS, ORG_NAME_TAILS, POSTCODE_LETTERS, PRACTICE_WORDS

FACILITY_COLUMNS = [
    "id", "type", "naam", "organisatie_id", "adres", "postcode", "plaats", "lat", "lon", "locatie_bij_benadering",
    "avg_fte", "clienten", "anw_open", "behandeling",
]
HAP_COUNT, HAP_PARTTIME, POLI_COUNT, ORG_COUNT, PRACTICE_COUNT = 105, 20, 40, 150, 800
OVERLAP_PC4 = 12  # PC4 areas near a border served by two posts, to show overlapping service areas
APPROXIMATE_SHARE = 0.04  # share of locations and practices placed on their PC4 only (locatie_bij_benadering)


def _postcodes(codes: pd.Series, rng: np.random.Generator) -> list[str]:
    letters = rng.integers(0, len(POSTCODE_LETTERS), size=(len(codes), 2))
    return [f"{code} {POSTCODE_LETTERS[a]}{POSTCODE_LETTERS[b]}" for code, (a, b) in zip(codes, letters)]


def _unique_names(bases: list[str]) -> list[str]:
    """Number repeated names ('Huisartsenpost Utrecht 2') so every name is distinct."""
    seen: dict[str, int] = {}
    names = []
    for base in bases:
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} {seen[base]}")
    return names


def _frame(rows: dict, places: pd.DataFrame, index: np.ndarray) -> pd.DataFrame:
    """Complete a facility frame with the place fields (plaats) and the internal columns pi, x, y, zk."""
    frame = pd.DataFrame(rows)
    frame["plaats"] = places["plaats"].to_numpy()[index]
    frame["pi"] = index
    frame["zk"] = places["zk"].to_numpy()[index]
    frame["x"] = places["x"].to_numpy()[index]
    frame["y"] = places["y"].to_numpy()[index]
    for column in FACILITY_COLUMNS:
        if column not in frame:
            frame[column] = None
    return frame


def _locate(frame: pd.DataFrame, places: pd.DataFrame, rng: np.random.Generator, approximate: np.ndarray) -> None:
    """Random points inside each facility's PC4; `approximate` rows get the PC4's point on surface instead."""
    lon, lat = random_points_in(places["geom"].to_numpy()[frame["pi"].to_numpy()], rng)
    lon[approximate] = places["lon"].to_numpy()[frame["pi"].to_numpy()[approximate]]
    lat[approximate] = places["lat"].to_numpy()[frame["pi"].to_numpy()[approximate]]
    frame["lon"], frame["lat"] = lon, lat
    frame[["x", "y"]] = to_rd(lon, lat)
    frame["locatie_bij_benadering"] = approximate


def make_haps(places: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """HAPs at populous PC4s, each serving its nearest PC4 areas; returns (haps, service_pc4 rows, geometry per HAP).

    Also sets places['hap'] (the primary HAP id of every PC4) and places['dubbel'] (served by two posts).
    """
    sites = choose_sites(places, HAP_COUNT, rng)
    ids = [f"HAP{i + 1:03d}" for i in range(len(sites))]
    xy = places[["x", "y"]].to_numpy()
    distance, index = nearest(xy, xy[sites], count=2)
    places["hap"] = np.array(ids)[index[:, 0]]
    service = pd.DataFrame({"hap_id": places["hap"], "pc4": places["code"], "pi": np.arange(len(places))})
    margin = distance[:, 1] - distance[:, 0]
    border = np.argsort(margin, kind="stable")[:OVERLAP_PC4]
    places["dubbel"] = False
    places.loc[border, "dubbel"] = True
    extra = pd.DataFrame(
        {"hap_id": np.array(ids)[index[border, 1]], "pc4": places["code"].to_numpy()[border], "pi": border}
    )
    service = pd.concat([service, extra]).sort_values(["hap_id", "pc4"]).reset_index(drop=True)
    outlines = dissolve(places["geom"].to_numpy()[service["pi"].to_numpy()], service["hap_id"].to_numpy())
    outlines = {hap_id: fill_slivers(outline) for hap_id, outline in outlines.items()}
    population = service.assign(p=places["inwoners"].to_numpy()[service["pi"]]).groupby("hap_id")["p"].sum()
    # Smaller posts are the ones that close at night; pick those with a chance inverse to their population.
    weight = 1.0 / population.reindex(ids).to_numpy().clip(min=1000)
    closed = set(rng.choice(ids, size=HAP_PARTTIME, replace=False, p=weight / weight.sum()))
    haps = _frame(
        {
            "id": ids,
            "type": "hap",
            "naam": _unique_names([f"Huisartsenpost {places['naamplaats'].iat[i]}" for i in sites]),
            "postcode": _postcodes(places["code"].iloc[sites], rng),
            "lon": places["lon"].to_numpy()[sites],
            "lat": places["lat"].to_numpy()[sites],
            "locatie_bij_benadering": False,
            "anw_open": [hap_id not in closed for hap_id in ids],
        },
        places,
        sites,
    )
    haps["naam"] = haps["naam"] + " (fictief)"
    return haps, service[["hap_id", "pc4"]], outlines


def _org_names(count: int, rng: np.random.Generator) -> list[str]:
    combos = [head + tail for head in ORG_NAME_HEADS for tail in ORG_NAME_TAILS]
    picked = rng.choice(len(combos), size=count, replace=False)
    return [combos[i] for i in picked]


def _allocate(places: pd.DataFrame, roles: dict[str, str]) -> dict[str, int]:
    """Organisations per zorgkantoorregio: one in data-poor regions, else by population (at least two)."""
    population = places.groupby("zk")["inwoners"].sum().sort_index()
    poor = [zk for zk in population.index if roles.get(zk) == "weinig_gegevens"]
    rest = population.drop(poor)
    budget = ORG_COUNT - len(poor) - 2 * len(rest)
    share = rest / rest.sum() * budget
    extra = np.floor(share).astype(int)
    remainder = (share - extra).sort_values(ascending=False, kind="stable")
    extra[remainder.index[: budget - int(extra.sum())]] += 1
    counts = {zk: 1 for zk in poor}
    counts.update({zk: 2 + int(n) for zk, n in extra.items()})
    return dict(sorted(counts.items()))


def make_organisations(places: pd.DataFrame, roles: dict[str, str], rng: np.random.Generator) -> pd.DataFrame:
    """VG organisations: id, naam, kort, zk, stijl, cohesie (0 patchy .. 1 tight), basis (place index), omvang."""
    names = _org_names(ORG_COUNT, rng)
    rows = []
    for zk, count in _allocate(places, roles).items():
        members = np.flatnonzero(places["zk"].to_numpy() == zk)
        weight = places["inwoners"].to_numpy()[members] + 1.0
        bases = rng.choice(members, size=count, replace=False, p=weight / weight.sum())
        role = roles.get(zk)
        for rank, base in enumerate(bases):
            style, cohesion = "gewoon", float(rng.uniform(0.4, 0.95))
            size = int(np.clip(round(rng.lognormal(np.log(8.8), 0.55)), 3, 40))
            # The first organisation of a showcase region tells its story; the others lean the same way.
            if role == "compact":
                style, cohesion, size = (
                    ("compact", 1.0, 12) if rank == 0 else ("gewoon", float(rng.uniform(0.75, 0.95)), size)
                )
            elif role == "verspreid":
                style, cohesion, size = (
                    ("verspreid", 0.0, 24) if rank == 0 else ("gewoon", float(rng.uniform(0.15, 0.35)), size)
                )
            elif role == "netwerk_te_sterk":
                style, cohesion, size = ("dominant", 0.7, 26) if rank == 0 else ("zonder_avg", cohesion, size)
            elif role == "weinig_gegevens":
                style, size = "weinig_gegevens", int(rng.integers(2, 5))
            short = names[len(rows)]
            rows.append(dict(id=f"ORG{len(rows) + 1:03d}", naam=f"Stichting {short} (fictief)", kort=short, zk=zk,
                             stijl=style, cohesie=cohesion, basis=int(base), omvang=size))
    return pd.DataFrame(rows)


def _location_places(org, columns: dict, rng: np.random.Generator) -> np.ndarray:
    """Place indices of an organisation's locations, the first being its main location (hoofdlocatie) at the base.

    `columns` holds the place columns as arrays (xy, zk, hap, dubbel, people), read once for all organisations.
    """
    xy, hap = columns["xy"], columns["hap"]
    base = org.basis
    distance = np.hypot(*(xy - xy[base]).T)
    in_region = columns["zk"] == org.zk
    people = columns["people"]
    others = org.omvang - 1
    if org.stijl == "compact":  # close together, all within the base's HAP area and off the double-served border
        same_hap = (hap == hap[base]) & ~columns["dubbel"] & in_region
        pool = np.flatnonzero(same_hap & (distance < 4000))
        if len(pool) < 3:
            pool = np.flatnonzero(same_hap & (distance < 9000))
        if len(pool) == 0:
            pool = np.array([base])
        chosen = rng.choice(pool, size=others, p=(people[pool] / people[pool].sum()))
    elif org.stijl == "verspreid":  # one location in each of four other HAP areas first, the rest anywhere around
        pool = np.flatnonzero(in_region)
        areas = sorted(set(hap[pool]) - {hap[base]})
        spread = [int(rng.choice(pool[hap[pool] == area])) for area in rng.permutation(areas)[:4]]
        rest = rng.choice(pool, size=others - len(spread))
        chosen = np.concatenate([np.array(spread, dtype=int), rest])
    else:  # a radius that shrinks as cohesion grows
        radius = 25000 - 17000 * org.cohesie
        pool = np.flatnonzero(in_region)
        weight = people[pool] * np.exp(-distance[pool] / radius)
        chosen = rng.choice(pool, size=others, p=weight / weight.sum())
    return np.concatenate([[base], chosen]).astype(int)


def _main_location_fte(org, rng: np.random.Generator) -> float | None:
    """AVG capacity of the organisation's own medical service, at its main location."""
    if org.stijl == "dominant":
        return 4.2
    if org.stijl in ("zonder_avg", "weinig_gegevens"):
        return None
    if org.stijl == "compact":
        return round(float(rng.uniform(1.5, 3.0)), 1)
    if org.stijl == "verspreid":
        return round(float(rng.uniform(0.4, 0.9)), 1)
    return round(float(rng.uniform(0.4, 2.5)), 1) if rng.random() < 0.55 + 0.3 * org.cohesie else None


def _treatment(org, fte: float | None) -> str | None:
    """Wlz met behandeling where the location has its own medical service (AVG fte); unknown for the
    organisations of the data-poor regions; zonder elsewhere. Drawn without the random generator, so the rest
    of the demo stays as it was."""
    if fte:
        return "met"
    return None if org.stijl == "weinig_gegevens" else "zonder"


def make_locations(orgs: pd.DataFrame, places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The vg_locatie facilities of all organisations (ids ORG001-L01 ...), with clients and AVG fte."""
    rows: dict[str, list] = {key: [] for key in ("id", "naam", "organisatie_id", "clienten", "avg_fte", "behandeling", "pi")}
    columns = dict(
        xy=places[["x", "y"]].to_numpy(), zk=places["zk"].to_numpy(), hap=places["hap"].to_numpy(),
        dubbel=places["dubbel"].to_numpy(dtype=bool), people=np.sqrt(places["inwoners"].to_numpy() + 50.0),
    )
    town = places["naamplaats"].to_numpy()
    for org in orgs.itertuples():
        chosen = _location_places(org, columns, rng)
        words = rng.permutation(len(LOCATION_WORDS))
        for number, place in enumerate(chosen):
            main = number == 0
            word = "hoofdlocatie" if main else LOCATION_WORDS[words[(number - 1) % len(LOCATION_WORDS)]]
            rows["id"].append(f"{org.id}-L{number + 1:02d}")
            rows["naam"].append(f"{org.kort} – {word}, {town[place]} (fictief)")
            rows["organisatie_id"].append(org.id)
            clients = rng.integers(60, 121) if main else np.clip(5 + round(rng.gamma(2.0, 7.0)), 5, 120)
            rows["clienten"].append(int(clients))
            fte = _main_location_fte(org, rng) if main else None
            if not main and number == 1 and org.omvang > 20 and org.stijl == "gewoon":
                fte = round(float(rng.uniform(0.3, 1.0)), 1)  # a large organisation's second campus
            rows["avg_fte"].append(fte)
            rows["behandeling"].append(_treatment(org, fte))
            rows["pi"].append(int(place))
    index = np.array(rows.pop("pi"), dtype=int)
    frame = _frame({**rows, "type": "vg_locatie"}, places, index)
    frame["postcode"] = _postcodes(places["code"].iloc[index], rng)
    _locate(frame, places, rng, rng.random(len(frame)) < APPROXIMATE_SHARE)
    return frame


def make_practices(places: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Huisartsenpraktijken (HA0001 ...) where people live; names distinct within a gemeente."""
    weight = places["inwoners"].to_numpy() + 1.0
    index = np.sort(rng.choice(len(places), size=PRACTICE_COUNT, p=weight / weight.sum()))
    used: dict[str, int] = {}
    names = []
    for place in index:
        plaats = places["naamplaats"].iat[place]
        n = used.get(plaats, int(rng.integers(len(PRACTICE_WORDS))))
        used[plaats] = n + 1
        suffix = "" if n < len(PRACTICE_WORDS) * 2 else f" {n}"
        names.append(f"Huisartsenpraktijk {PRACTICE_WORDS[n % len(PRACTICE_WORDS)]}{suffix}, {plaats}")
    frame = _frame(
        {"id": [f"HA{i + 1:04d}" for i in range(len(index))], "type": "huisartsenpraktijk",
         "naam": [f"{name} (fictief)" for name in _unique_names(names)]},
        places,
        index,
    )
    frame["postcode"] = _postcodes(places["code"].iloc[index], rng)
    _locate(frame, places, rng, rng.random(len(frame)) < APPROXIMATE_SHARE)
    return frame


def make_polis(places: pd.DataFrame, orgs: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """AVG-poli's run by the nearest VG organisation of their region; the dominant organisation runs all of its own."""
    sites = list(choose_sites(places, POLI_COUNT, rng))
    dominant = orgs[orgs["stijl"] == "dominant"]
    for org in dominant.itertuples():
        if not (places["zk"].to_numpy()[sites] == org.zk).any():
            sites.append(org.basis)  # the region must have the poli whose capacity the organisation holds
    sites = np.array(sites, dtype=int)
    xy = places[["x", "y"]].to_numpy()
    base_xy = xy[orgs["basis"].to_numpy()]
    owners, fte = [], []
    for site in sites:
        region = places["zk"].iat[site]
        candidates = orgs[(orgs["zk"] == region) & ~orgs["stijl"].isin(["zonder_avg", "weinig_gegevens"])]
        if candidates.empty:
            candidates = orgs[~orgs["stijl"].isin(["zonder_avg", "weinig_gegevens"])]
        pick = candidates.index[np.argmin(np.hypot(*(base_xy[candidates.index] - xy[site]).T))]
        owners.append(orgs.at[pick, "id"])
        strong = orgs.at[pick, "stijl"] == "dominant"
        fte.append(round(float(rng.uniform(1.6, 2.0) if strong else rng.uniform(0.3, 2.0)), 1))
    names = {row.id: row.kort for row in orgs.itertuples()}
    frame = _frame(
        {
            "id": [f"POLI{i + 1:02d}" for i in range(len(sites))],
            "type": "avg_poli",
            "naam": [
                f"AVG-polikliniek {names[o]}, {places['naamplaats'].iat[s]} (fictief)" for o, s in zip(owners, sites)
            ],
            "organisatie_id": owners,
            "avg_fte": fte,
        },
        places,
        sites,
    )
    frame["postcode"] = _postcodes(places["code"].iloc[sites], rng)
    _locate(frame, places, rng, np.zeros(len(frame), dtype=bool))
    return frame
