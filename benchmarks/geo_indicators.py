"""Benchmark: every geo indicator for every level on a national scenario; prints medians (not a test).

    .venv/bin/python benchmarks/geo_indicators.py [--bron demo|synthetisch|beide] [--herhalingen 15]

`demo` builds a temporary database with the real reference geography and data.demo.load_demo (the national
demo scenario). `synthetisch` needs no database: it reads the CBS boundary files directly and generates a
seeded scenario of the same size (105 HAPs, 40 AVG-poli's, 150 organisations with 1,500 VG locations,
800 GP practices). Boundaries come from MGZ_REFERENCE_DIR or ../shared/data/boundaries.
The timed call is geo.analysis.analyse(..., geometry=False): dissolving service-area outlines is separate
(memoised, done once for the map) and is timed on its own below.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.registry import Geography, Registry, collaboration_frame  # noqa: E402
from geo.analysis import analyse  # noqa: E402
from geo.rd import to_rd, to_wgs84  # noqa: E402
from geo.scenario import run_scenario  # noqa: E402


def boundaries_dir() -> Path:
    return Path(os.environ.get("MGZ_REFERENCE_DIR") or ROOT.parent / "shared" / "data" / "boundaries")


def _layer(folder: Path, prefix: str) -> gpd.GeoDataFrame:
    return gpd.read_file(next(folder.glob(f"{prefix}*.geojson")))


def synthetic_geography(folder: Path) -> Geography:
    """Regions straight from the boundary files; membership by interior point (good enough for timing)."""
    frames, membership = [], []
    gemeenten = _layer(folder, "gemeente")
    for level, prefix in (("gemeente", "gemeente"), ("zorgkantoorregio", "zorgkantoorregio"), ("provincie", "provincie")):
        layer = gemeenten if level == "gemeente" else _layer(folder, prefix)
        layer = layer.assign(geometry=shapely.make_valid(layer.geometry.values))
        frames.append(pd.DataFrame({"niveau": level, "code": layer["statcode"], "naam": layer["statnaam"],
                                    "inwoners": np.nan, "geometry": layer.geometry.values}))
        if level != "gemeente":
            inside = gpd.sjoin(gemeenten.assign(geometry=gemeenten.representative_point()), layer, predicate="within")
            membership.append(pd.DataFrame({"kind_code": inside["statcode_left"], "ouder_niveau": level,
                                            "ouder_code": inside["statcode_right"], "overlap": 1.0}))
    pc4 = _layer(folder, "pc4")
    pc4 = pc4[~(pc4.geometry.isna() | pc4.geometry.is_empty)]
    frames.append(pd.DataFrame({"niveau": "pc4", "code": pc4["postcode"].astype(int).astype(str).str.zfill(4),
                                "naam": pc4["postcode"].astype(str), "inwoners": pc4["inwoners"].astype(float),
                                "geometry": pc4.geometry.values}))
    inside = gpd.sjoin(pc4.assign(geometry=pc4.representative_point()), gemeenten, predicate="within")
    membership.append(pd.DataFrame({"kind_code": inside["postcode"].astype(int).astype(str).str.zfill(4),
                                    "ouder_niveau": "gemeente", "ouder_code": inside["statcode"], "overlap": 1.0}))
    regions = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    return Geography(regions, pd.concat(membership, ignore_index=True).drop_duplicates(["kind_code", "ouder_niveau"]))


def synthetic_registry(geography: Geography, seed: int = 2020) -> Registry:
    """Seeded national scenario: facilities at populous PC4s, organisations clustered, ties of every kind."""
    rng = np.random.default_rng(seed)
    pc4 = geography.regions[geography.regions["niveau"] == "pc4"]
    points = shapely.point_on_surface(pc4.geometry.values)
    x, y = to_rd(shapely.get_x(points), shapely.get_y(points))
    weight = np.nan_to_num(pc4["inwoners"].to_numpy(dtype=float)) + 1.0
    weight /= weight.sum()

    def at(count: int, spread_m: float, around: tuple[np.ndarray, np.ndarray] | None = None):
        if around is None:
            pick = rng.choice(len(x), size=count, p=weight)
            cx, cy = x[pick], y[pick]
        else:
            cx, cy = around
        return to_wgs84(cx + rng.normal(0, spread_m, count), cy + rng.normal(0, spread_m, count))

    rows = []

    def add(prefix: str, kind: str, count: int, **extra):
        lon, lat = extra.pop("where")
        for n in range(count):
            values = {key: (value[n] if isinstance(value, np.ndarray) else value) for key, value in extra.items()}
            rows.append({"id": f"{prefix}{n + 1:04d}", "type": kind, "naam": f"{kind} {n + 1}", "lat": lat[n], "lon": lon[n],
                         "locatie_bij_benadering": False, **values})

    add("HAP", "hap", 105, where=at(105, 500))
    add("POLI", "avg_poli", 40, where=at(40, 500), avg_fte=np.round(rng.uniform(0.5, 4.0, 40), 1))
    add("HA", "huisartsenpraktijk", 800, where=at(800, 500))
    centres = rng.choice(len(x), size=150, p=weight)
    sizes = rng.multinomial(1500 - 150, np.ones(150) / 150) + 1
    org = np.repeat(np.arange(150), sizes)
    spread = np.repeat(rng.choice([3_000, 8_000, 25_000], size=150), sizes)
    lon, lat = to_wgs84(x[centres][org] + rng.normal(0, 1, len(org)) * spread, y[centres][org] + rng.normal(0, 1, len(org)) * spread)
    for n in range(len(org)):
        rows.append({"id": f"ORG{org[n] + 1:03d}-L{n + 1:04d}", "type": "vg_locatie", "naam": f"Locatie {n + 1}",
                     "organisatie_id": f"ORG{org[n] + 1:03d}", "organisatie_naam": f"Stichting {org[n] + 1}",
                     "lat": lat[n], "lon": lon[n], "locatie_bij_benadering": False,
                     "clienten": int(rng.integers(5, 60)) if rng.random() > 0.1 else None,
                     "avg_fte": float(np.round(rng.uniform(0.2, 2.0), 1)) if rng.random() < 0.1 else None})
    facilities = pd.DataFrame(rows).reindex(columns=[
        "id", "type", "naam", "organisatie_id", "organisatie_naam", "adres", "postcode", "plaats", "lat", "lon",
        "locatie_bij_benadering", "avg_fte", "clienten", "anw_open"])
    facilities["avg_fte"] = facilities["avg_fte"].astype(float)
    facilities["clienten"] = pd.to_numeric(facilities["clienten"]).astype("Float64")
    locations = facilities.loc[facilities["type"] == "vg_locatie", "id"].to_numpy()
    practices = facilities.loc[facilities["type"] == "huisartsenpraktijk", "id"].to_numpy()
    haps = facilities.loc[facilities["type"] == "hap", "id"].to_numpy()
    kinds = ["gezamenlijke_medische_dienst", "contract", "schriftelijke_afspraak", "mondelinge_afspraak", "casuistiek"]
    linked = rng.choice(locations, size=2200)
    collaborations = pd.DataFrame({
        "van": np.concatenate([linked, rng.choice(locations, 400)]),
        "naar": np.concatenate([rng.choice(practices, 2200), rng.choice(haps, 400)]),
        "soort": rng.choice(kinds, 2600),
    }).drop_duplicates(["van", "naar", "soort"]).pipe(collaboration_frame)
    empty = pd.DataFrame({"hap_id": pd.Series(dtype=object), "pc4": pd.Series(dtype=object), "bron": pd.Series(dtype=object)})
    return Registry(facilities, collaborations, empty, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), False)


def demo_inputs(workdir: Path):
    from data.db import make_engine
    from data.demo.scenario import load_demo
    from data.reference.loading import load_reference
    from data.registry import load_geography, load_registry

    os.environ["MGZ_HOME"] = str(workdir / "home")  # never touch the user's ~/.mgz
    engine = make_engine(f"sqlite:///{workdir / 'demo.sqlite'}")
    load_reference(engine, source_dir=boundaries_dir(), download=False, progress=lambda *_: None)
    load_demo(engine, progress=lambda *_: None)
    inputs = load_registry(engine), load_geography(engine)
    engine.dispose()
    return inputs


def timed(call, repeats: int, cpu: list | None = None) -> list[float]:
    """Wall-clock seconds per call; CPU seconds of this process are appended to `cpu` (less sensitive to a busy machine)."""
    seconds = []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        seconds.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - started_cpu)
    return seconds


def report(label: str, registry: Registry, geography: Geography, repeats: int) -> None:
    kinds = registry.facilities["type"].value_counts().to_dict()
    n_pc4 = int((geography.regions["niveau"] == "pc4").sum())
    print(f"\n== {label}: {n_pc4} PC4, " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))
    first = timed(lambda: analyse(registry, geography, geometry=False), 1)[0]
    cpu: list[float] = []
    runs = timed(lambda: analyse(registry, geography, geometry=False), repeats, cpu)
    print(f"analyse (alle indicatoren, alle niveaus): mediaan {statistics.median(runs):.3f} s over {repeats} runs "
          f"(min {min(runs):.3f}, max {max(runs):.3f}; CPU-tijd mediaan {statistics.median(cpu):.3f} s; "
          f"eerste aanroep met voorbereiding geografie {first:.3f} s)")
    result = analyse(registry, geography, geometry=False)
    print("   records: " + ", ".join(f"{k} {len(v)}" for k, v in result.indicators.items()) + f"; bevindingen {len(result.gaps)}")
    outline = timed(lambda: analyse(registry, geography, geometry=True), 2)
    print(f"analyse met werkgebied-omtrekken: eerste {outline[0]:.3f} s, daarna (onthouden) {outline[1]:.3f} s")
    target = registry.facilities.loc[registry.facilities["type"] == "avg_poli", "id"].iloc[0]
    scenario = timed(lambda: run_scenario(registry, geography, [target], niveau="zorgkantoorregio"), max(3, repeats // 3))
    print(f"run_scenario (sluit {target}): mediaan {statistics.median(scenario):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de rekentijd van alle geo-indicatoren (mediaan).")
    parser.add_argument("--bron", choices=["demo", "synthetisch", "beide"], default="beide")
    parser.add_argument("--herhalingen", type=int, default=15)
    args = parser.parse_args()
    if args.bron in ("synthetisch", "beide"):
        geography = synthetic_geography(boundaries_dir())
        report("synthetisch (seed 2020)", synthetic_registry(geography), geography, args.herhalingen)
    if args.bron in ("demo", "beide"):
        with tempfile.TemporaryDirectory() as folder:
            try:
                registry, geography = demo_inputs(Path(folder))
            except ImportError as error:
                print(f"\n== demo overgeslagen: {error}")
                return
            report("demo (data.demo.load_demo)", registry, geography, args.herhalingen)


if __name__ == "__main__":
    main()
