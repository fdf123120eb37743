"""A reproducible registry ten times the demo, for benchmarks (and, written to a database, for the dashboard).

    .venv/bin/python benchmarks/registry_10x.py [--factor 10] [--seed 2030] [--output-url sqlite:///pad/demo10x.sqlite]

`scale_registry(registry, geography, factor, seed)` turns the demo registry (python -m data demo: ~105 HAPs,
40 AVG-poli's, 150 organisations with ~1,500 VG locations, 800 GP practices, ~2,600 collaborations) into one
`factor` times as large, with the same national spread:

- copies 1 .. factor-1 of every organisation (id 'ORG001-x2', name '... [kopie 2]') with copies of its VG
  locations and AVG-poli's, and copies of every GP practice; a copy lies about a kilometre from its original
  (normal offsets, sd SPREAD_M) and always in the same gemeente, so region membership, an organisation's spread
  and the distance of a tie stay as in the demo; it keeps the original's other fields (postcode, plaats, fte,
  clients). Copy 0 is the original;
- factor-1 new HAPs per original HAP ('HAP001-x2'), at distinct populous PC4 areas of that HAP's catchment
  (PC4 point on surface, as the demo places its posts). HAP service areas are PC4 lists (Registry.service_areas:
  hap_id, pc4, bron), redrawn for all posts like the demo draws them: every PC4 area is served by its nearest
  post, and factor times as many border areas as in the demo by the second nearest too. The original posts
  therefore serve smaller areas than in the demo;
- the collaborations of every copy, re-pointed to the copies of their partners; a tie with a HAP becomes a tie
  with the HAP whose area holds the other party (as in the demo, where a location agrees with its own post);
- the same findings, waves and convenant actions as the demo (they concern regions, which do not multiply).

Ten times the posts over the same PC4 areas changes what they measure: the nearest HAP is closer (median
travel estimate of a VG location about 2 instead of 6 minutes) and an organisation's locations fall in more HAP
areas (about 7.7 instead of 3.3); tie distances, region membership and client numbers per location stay as in the
demo.

The result is deterministic for a given registry, geography, factor and seed. With --output-url the script
loads the reference geography (MGZ_REFERENCE_DIR or ../shared/data/boundaries) and the demo into that database,
through `python -m data demo`'s code (which refuses a database holding real registry data), and then replaces
the demo's registry with the scaled one in one transaction. The database stays marked as fictional demo data,
so the dashboard can be pointed at it: MGZ_DATABASE_URL=sqlite:///pad/demo10x.sqlite streamlit run streamlit_app.py.
Without --output-url the registry is built in a temporary database and only summarised.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.demo.geo import build_places  # noqa: E402
from data.registry import Geography, Registry  # noqa: E402
from geo.rd import to_rd, to_wgs84  # noqa: E402

SEED = 2030
COPIED_TYPES = ("vg_locatie", "huisartsenpraktijk", "avg_poli")  # HAPs are placed anew, see _new_haps
SPREAD_M = 1_000.0  # standard deviation of a copy's offset from its original (halved on every retry)
RETRIES = 8  # after this many draws outside the original's gemeente a copy takes the original's point


# -- ids and names -------------------------------------------------------------------------------------------

def copy_ids(ids, k: np.ndarray) -> np.ndarray:
    """The id of copy k: the original id for k = 0, '<id>-x<k>' otherwise (NaN ids stay NaN)."""
    ids = pd.Series(np.asarray(ids, dtype=object))
    suffix = pd.Series(np.where(k == 0, "", "-x" + k.astype(str)))
    return ids.where(ids.isna(), ids.astype(str) + suffix).to_numpy(dtype=object)


def copy_names(names, k: np.ndarray) -> np.ndarray:
    names = pd.Series(np.asarray(names, dtype=object))
    suffix = pd.Series(np.where(k == 0, "", " [kopie " + k.astype(str) + "]"))
    return names.where(names.isna(), names.astype(str) + suffix).to_numpy(dtype=object)


# -- geometry ------------------------------------------------------------------------------------------------

def _containing(lon: np.ndarray, lat: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """Index of the polygon holding each point (the nearest polygon for points in a gap or on the coast)."""
    tree = shapely.STRtree(geoms)
    points = shapely.points(lon, lat)
    found = np.full(len(points), -1)
    point_i, geom_i = tree.query(points, predicate="within")
    first = np.unique(point_i, return_index=True)[1]  # a point on a shared border: the first polygon
    found[point_i[first]] = geom_i[first]
    missing = np.flatnonzero(found < 0)
    if len(missing):
        point_i, geom_i = tree.query_nearest(points[missing], all_matches=False)
        found[missing[point_i]] = geom_i
    return found


def _jitter_within(x: np.ndarray, y: np.ndarray, areas: np.ndarray, rng: np.random.Generator):
    """(lon, lat) of points drawn around RD (x, y) that stay inside `areas` (WGS84 polygons, one per point).

    Points outside their area are drawn again closer by; after RETRIES draws they take the original point.
    """
    out_x, out_y = x.copy(), y.copy()
    todo = np.arange(len(x))
    for attempt in range(RETRIES):
        if not len(todo):
            break
        spread = SPREAD_M / 2 ** attempt
        cand_x = x[todo] + rng.normal(0.0, spread, len(todo))
        cand_y = y[todo] + rng.normal(0.0, spread, len(todo))
        lon, lat = to_wgs84(cand_x, cand_y)
        inside = shapely.contains_xy(areas[todo], lon, lat)
        out_x[todo[inside]], out_y[todo[inside]] = cand_x[inside], cand_y[inside]
        todo = todo[~inside]
    return to_wgs84(out_x, out_y)


# -- the pieces ----------------------------------------------------------------------------------------------

def _copies(facilities: pd.DataFrame, gemeenten: np.ndarray, factor: int, rng: np.random.Generator) -> pd.DataFrame:
    """Copies 1 .. factor-1 of VG locations, GP practices and AVG-poli's (with their organisations)."""
    originals = facilities[facilities["type"].isin(COPIED_TYPES).to_numpy()].reset_index(drop=True)
    k = np.repeat(np.arange(1, factor), len(originals))
    rows = originals.iloc[np.tile(np.arange(len(originals)), factor - 1)].reset_index(drop=True)
    rows["id"] = copy_ids(rows["id"], k)
    rows["naam"] = copy_names(rows["naam"], k)
    rows["organisatie_id"] = copy_ids(rows["organisatie_id"], k)
    rows["organisatie_naam"] = copy_names(rows["organisatie_naam"], k)
    x, y = to_rd(rows["lon"].to_numpy(dtype=float), rows["lat"].to_numpy(dtype=float))
    home = _containing(rows["lon"].to_numpy(dtype=float), rows["lat"].to_numpy(dtype=float), gemeenten)
    rows["lon"], rows["lat"] = _jitter_within(x, y, gemeenten[home], rng)
    return rows


def _new_haps(facilities: pd.DataFrame, places: pd.DataFrame, factor: int, rng: np.random.Generator) -> pd.DataFrame:
    """factor-1 new posts per HAP at distinct populous PC4 areas of its catchment (PC4s nearest to it).

    A weighted draw without replacement for all HAPs at once (Gumbel top-k): key = log(weight) + Gumbel noise,
    the largest keys per HAP win. A catchment with fewer free PC4 areas gets fewer new posts.
    """
    haps = facilities[(facilities["type"] == "hap").to_numpy()].reset_index(drop=True)
    hap_xy = np.column_stack(to_rd(haps["lon"].to_numpy(dtype=float), haps["lat"].to_numpy(dtype=float)))
    place_xy = places[["x", "y"]].to_numpy()
    _, catchment = cKDTree(hap_xy).query(place_xy)
    _, occupied = cKDTree(place_xy).query(hap_xy)  # the PC4 area each existing post stands in
    free = np.setdiff1d(np.arange(len(places)), occupied)
    key = np.log(places["inwoners"].to_numpy()[free] + 50.0) + rng.gumbel(size=len(free))
    draw = pd.DataFrame({"hap": catchment[free], "place": free, "key": key})
    draw = draw.sort_values(["hap", "key"], ascending=[True, False], kind="stable")
    draw["k"] = draw.groupby("hap").cumcount() + 1
    draw = draw[draw["k"] < factor]
    rows = haps.iloc[draw["hap"].to_numpy()].reset_index(drop=True)
    k = draw["k"].to_numpy()
    chosen = places.iloc[draw["place"].to_numpy()]
    rows["id"] = copy_ids(rows["id"], k)
    rows["naam"] = copy_names(rows["naam"], k)
    rows["lon"], rows["lat"] = chosen["lon"].to_numpy(), chosen["lat"].to_numpy()
    rows["plaats"] = chosen["plaats"].to_numpy(dtype=object)
    rows["postcode"] = chosen["code"].to_numpy(dtype=object)
    return rows


def _service_areas(haps: pd.DataFrame, places: pd.DataFrame, overlapping: int) -> pd.DataFrame:
    """hap_id, pc4, bron: every PC4 area served by its nearest post; the `overlapping` areas with the smallest
    margin between nearest and second nearest post are served by both (as the demo does)."""
    hap_ids = haps["id"].to_numpy(dtype=object)
    hap_xy = np.column_stack(to_rd(haps["lon"].to_numpy(dtype=float), haps["lat"].to_numpy(dtype=float)))
    distance, nearest = cKDTree(hap_xy).query(places[["x", "y"]].to_numpy(), k=2)
    border = np.argsort(distance[:, 1] - distance[:, 0], kind="stable")[:overlapping]
    codes = places["code"].to_numpy(dtype=object)
    service = pd.DataFrame({
        "hap_id": np.concatenate([hap_ids[nearest[:, 0]], hap_ids[nearest[border, 1]]]),
        "pc4": np.concatenate([codes, codes[border]]),
        "bron": "pc4",
    })
    return service.sort_values(["hap_id", "pc4"], kind="stable").reset_index(drop=True)


def _own_hap(facilities: pd.DataFrame, service: pd.DataFrame, pc4_geoms: np.ndarray,
             pc4_codes: np.ndarray) -> pd.Series:
    """Facility id -> the nearest post among those whose area holds the facility's PC4 area."""
    lon, lat = facilities["lon"].to_numpy(dtype=float), facilities["lat"].to_numpy(dtype=float)
    pc4 = pc4_codes[_containing(lon, lat, pc4_geoms)]
    haps = facilities[(facilities["type"] == "hap").to_numpy()]
    hap_xy = pd.DataFrame(np.column_stack(to_rd(haps["lon"], haps["lat"])), index=haps["id"].to_numpy(),
                          columns=["x", "y"])
    x, y = to_rd(lon, lat)
    candidates = pd.DataFrame({"id": facilities["id"].to_numpy(dtype=object), "pc4": pc4, "x": x, "y": y})
    candidates = candidates.merge(service[["hap_id", "pc4"]], on="pc4", how="left")
    post = hap_xy.reindex(candidates["hap_id"])
    candidates["afstand"] = np.hypot(candidates["x"] - post["x"].to_numpy(), candidates["y"] - post["y"].to_numpy())
    best = candidates.sort_values(["id", "afstand", "hap_id"], kind="stable").drop_duplicates("id")
    return best.set_index("id")["hap_id"]


def _collaborations(collaborations: pd.DataFrame, kind_of: pd.Series, own_hap: pd.Series, factor: int) -> pd.DataFrame:
    """Every collaboration once per copy, re-pointed to the copies of both parties; a HAP party becomes the
    post whose area holds the other party's copy. Other columns (soort, sinds, ...) are kept."""
    k = np.repeat(np.arange(factor), len(collaborations))
    ties = collaborations.iloc[np.tile(np.arange(len(collaborations)), factor)].reset_index(drop=True)
    moved = {}
    for side in ("van", "naar"):
        kinds = ties[side].astype(str).map(kind_of).to_numpy(dtype=object)
        moved[side] = np.where(np.isin(kinds, COPIED_TYPES), copy_ids(ties[side], k), ties[side].to_numpy(dtype=object))
    for side, other in (("van", "naar"), ("naar", "van")):
        is_hap = ties[side].astype(str).map(kind_of).eq("hap").to_numpy()
        post = own_hap.reindex(moved[other]).to_numpy(dtype=object)
        ties[side] = np.where(is_hap & pd.notna(post), post, moved[side])
    ties = ties[ties["van"] != ties["naar"]]
    return ties.drop_duplicates(["van", "naar", "soort"]).reset_index(drop=True)


def scale_registry(registry: Registry, geography: Geography, factor: int = 10, seed: int = SEED) -> Registry:
    """A registry `factor` times as large as `registry` (see the module docstring); deterministic per seed."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    rng = np.random.default_rng(seed)
    places = build_places(geography)  # PC4 areas with a point on surface (lon/lat, RD x/y), gemeente, plaats
    regions = geography.regions
    gemeente_rows = regions[(regions["niveau"] == "gemeente").to_numpy()]
    gemeenten = shapely.make_valid(np.asarray(gemeente_rows.geometry.values, dtype=object))

    facilities = registry.facilities.reset_index(drop=True)
    copies = _copies(facilities, gemeenten, factor, rng)
    new_haps = _new_haps(facilities, places, factor, rng)
    facilities = pd.concat([facilities, copies, new_haps], ignore_index=True)
    facilities = facilities.sort_values("id", kind="stable").reset_index(drop=True)  # as load_registry orders them
    facilities["clienten"] = pd.to_numeric(facilities["clienten"], errors="coerce").astype("Float64")

    demo_areas = registry.service_areas
    overlapping = (len(demo_areas) - demo_areas["pc4"].nunique()) * factor
    haps = facilities[(facilities["type"] == "hap").to_numpy()]
    service = _service_areas(haps, places, overlapping)
    kind_of = pd.Series(registry.facilities["type"].to_numpy(), index=registry.facilities["id"].astype(str).to_numpy())
    own_hap = _own_hap(facilities, service, places["geom"].to_numpy(), places["code"].to_numpy(dtype=object))
    collaborations = _collaborations(registry.collaborations, kind_of, own_hap, factor)
    return Registry(facilities, collaborations, service, registry.findings.copy(), registry.waves.copy(),
                    registry.actions.copy(), registry.is_demo)


def describe(registry: Registry) -> str:
    n = lambda value: f"{value:,}".replace(",", ".")  # noqa: E731 (Dutch thousands separator)
    kinds = registry.facilities["type"].value_counts()
    organisations = registry.facilities["organisatie_id"].dropna().nunique()
    waves = ", ".join(registry.waves.sort_values("volgorde")["code"].astype(str))
    return (f"{n(kinds.get('hap', 0))} HAP's, {n(kinds.get('avg_poli', 0))} AVG-poli's, "
            f"{n(organisations)} organisaties met {n(kinds.get('vg_locatie', 0))} VG-locaties, "
            f"{n(kinds.get('huisartsenpraktijk', 0))} huisartsenpraktijken, "
            f"{n(len(registry.collaborations))} samenwerkingen, "
            f"{n(len(registry.service_areas))} PC4-koppelingen in werkgebieden, "
            f"{n(len(registry.findings))} bevindingen, golven {waves}")


# -- database ------------------------------------------------------------------------------------------------

def load_demo_inputs(engine) -> tuple[Registry, Geography]:
    """Reference geography and demo into `engine` (the normal `python -m data demo` path), read back as frames."""
    from data.demo.scenario import load_demo
    from data.reference.loading import ensure_reference
    from data.registry import load_geography, load_registry

    ensure_reference(engine, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    return load_registry(engine), load_geography(engine)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Plain Python values that every database driver accepts: None for NA/NaT, datetime.date for dates."""
    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = [None if pd.isna(v) else v.date() for v in frame[column]]
    return frame.astype(object).where(frame.notna(), None)


def _stored_rows(engine, model) -> pd.DataFrame:
    """Every row of a demo table as stored (pilot commissions, awareness survey): kept as they are by the scaling."""
    from sqlalchemy import select

    columns = [c.name for c in model.__table__.columns if c.name != "id"]
    with engine.connect() as connection:
        rows = connection.execute(select(*(model.__table__.c[c] for c in columns))).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def write_registry(engine, registry: Registry, geography: Geography, note: str) -> None:
    """Replace the demo in `engine` by `registry`, with the demo's own writer (bulk inserts, one transaction).

    The demo's safety rules apply (data.demo._ensure_replaceable): only a demo database is overwritten.
    """
    from data import models as m
    from data.db import transaction
    from data.demo.scenario import DEMO_KEY, _clear_demo, _ensure_replaceable, _write, read_showcases
    from data.demo.geo import dissolve, fill_slivers
    from data.importing.findings import finding_key

    places = build_places(geography).set_index("code")
    service = registry.service_areas
    members = places["geom"].reindex(service["pc4"]).to_numpy()
    outlines = {hap: fill_slivers(shape) for hap, shape in dissolve(members, service["hap_id"].to_numpy()).items()}
    facilities = registry.facilities
    organisations = (facilities[["organisatie_id", "organisatie_naam"]].dropna(subset=["organisatie_id"])
                     .drop_duplicates("organisatie_id")
                     .rename(columns={"organisatie_id": "id", "organisatie_naam": "naam"}))
    findings = registry.findings.copy()
    findings["sleutel"] = [finding_key(row) for row in findings.to_dict("records")]
    facilities = facilities.assign(clienten=facilities["clienten"].round().astype("Int64"))
    showcases = read_showcases(engine)  # the original organisations are copy 0, so the showcases still hold
    kept = {name: _stored_rows(engine, model) for name, model in (("pilots", m.PilotCommission), ("awareness", m.Awareness))}
    frames = dict(organisations=organisations, facilities=_plain(facilities), service=service[["hap_id", "pc4"]],
                  outlines=outlines, collaborations=_plain(registry.collaborations), findings=_plain(findings),
                  actions=_plain(registry.actions), showcases=showcases, **kept)
    with transaction(engine) as session:
        if not _ensure_replaceable(session):
            raise SystemExit("De database is geen demo-database; er is niets geschreven.")
        _clear_demo(session)
        _write(session, frames)
        session.get(m.DatasetInfo, DEMO_KEY).waarde = note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output-url", help="SQLAlchemy-URL of a new or demo database to write the registry into")
    args = parser.parse_args()
    os.environ.setdefault("MGZ_REFERENCE_DIR", str(ROOT.parent / "shared" / "data" / "boundaries"))
    from data.db import make_engine
    from data.errors import UserError

    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch the user's ~/.mgz
        engine = make_engine(args.output_url or f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        started = time.perf_counter()
        try:
            registry, geography = load_demo_inputs(engine)
        except UserError as error:  # e.g. a database with real registry data, which the demo never overwrites
            raise SystemExit(str(error)) from None
        print(f"demo ({time.perf_counter() - started:.1f} s): {describe(registry)}")
        started = time.perf_counter()
        scaled = scale_registry(registry, geography, args.factor, args.seed)
        print(f"x{args.factor}, seed {args.seed} ({time.perf_counter() - started:.1f} s): {describe(scaled)}")
        if args.output_url:
            started = time.perf_counter()
            note = (f"fictief voorbeeld x{args.factor} (seed {args.seed}, aangemaakt door "
                    f"benchmarks/registry_10x.py uit python -m data demo)")
            write_registry(engine, scaled, geography, note)
            print(f"geschreven naar {args.output_url} ({time.perf_counter() - started:.1f} s)")
        engine.dispose()


if __name__ == "__main__":
    main()
