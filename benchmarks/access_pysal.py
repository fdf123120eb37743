"""Benchmark: our E2SFCA (geo.access.e2sfca) against pysal `access` on identical inputs, at 1x and 10x supply points.

    .venv/bin/pip install -r benchmarks/requirements.txt     # pysal `access`, for this benchmark only
    .venv/bin/python benchmarks/access_pysal.py [--repeat 5] [--factor 10] [--database sqlite:///pad/demo.sqlite]

The inputs are exactly those the geo analysis hands to E2SFCA (PC4 demand points with their demand, AVG-poli's and
VG locations with AVG fte as supply), recorded while geo.analysis.analyse runs on the demo (1x) and on
benchmarks/registry_10x.py's registry `--factor` times as large (10x: ten times the supply points). pysal gets the
same pairs (our catchment_pairs: every demand/supply pair within the catchment, with its estimated minutes) as its
cost table, the same Gaussian weight (access.weights.gaussian with our sigma) and the same catchment as max_cost,
and runs its core, access.fca.two_stage_fca (E2SFCA when given a weight function). Our time includes finding the
pairs (KD-tree); pysal's does not. Prints medians, the ratio and the largest difference between the results.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 10.0  # ours at least ten times faster


def recorded_inputs(registry, geography) -> tuple:
    """(demand_xy, demand, supply_xy, capacity, settings) as geo.analysis passes them to e2sfca."""
    import geo.analysis
    from geo.access import e2sfca

    calls = []

    def record(*args, **kwargs):
        calls.append((args, kwargs))
        return e2sfca(*args, **kwargs)

    with mock.patch.object(geo.analysis, "e2sfca", record):
        geo.analysis.analyse(registry, geography, geometry=False)
    (demand_xy, demand, supply_xy, capacity, settings), _ = calls[-1]
    return demand_xy, demand, supply_xy, capacity, settings


def pysal_e2sfca(demand, capacity, i, j, t, settings):
    """pysal access' two-stage FCA with a Gaussian weight on our pairs: accessibility per demand index."""
    import pandas as pd
    from access import fca, weights

    demand_df = pd.DataFrame({"demand": demand}).rename_axis("geoid")
    supply_df = pd.DataFrame({"supply": capacity}).rename_axis("geoid")
    cost_df = pd.DataFrame({"origin": i, "dest": j, "cost": t})
    result = fca.two_stage_fca(
        demand_df, supply_df, cost_df, max_cost=settings.catchment_min, demand_index=True, demand_name="demand",
        supply_name="supply", cost_origin="origin", cost_dest="dest", cost_name="cost",
        weight_fn=weights.gaussian(settings.decay_sigma_min),
    )
    return result.reindex(range(len(demand))).fillna(0.0).to_numpy(dtype=float)


def _median(function, repeat: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def compare(inputs, repeat: int) -> dict:
    from geo.access import catchment_pairs, e2sfca

    demand_xy, demand, supply_xy, capacity, settings = inputs
    i, j, t = catchment_pairs(demand_xy, supply_xy, settings)
    ours_s, (ours, _) = _median(lambda: e2sfca(demand_xy, demand, supply_xy, capacity, settings), repeat)
    theirs_s, theirs = _median(lambda: pysal_e2sfca(demand, capacity, i, j, t, settings), repeat)
    finite = np.isfinite(theirs)
    scale = np.maximum(np.abs(ours), np.abs(np.where(finite, theirs, 0.0)))
    scale[scale == 0] = 1.0
    return {
        "vraagpunten": len(demand), "aanbodpunten": len(capacity), "paren": len(i),
        "ons_s": ours_s, "pysal_s": theirs_s, "verhouding": theirs_s / ours_s,
        "max_rel_verschil": float(np.max(np.abs(ours - theirs)[finite] / scale[finite], initial=0.0)),
        "niet_eindig_bij_pysal": int((~finite).sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--database", help="SQLAlchemy-URL of a database that already holds the demo")
    args = parser.parse_args()
    try:
        import access  # noqa: F401
    except ImportError:
        raise SystemExit("pysal access ontbreekt: .venv/bin/pip install -r benchmarks/requirements.txt") from None
    os.environ.setdefault("MGZ_REFERENCE_DIR", str(ROOT.parent / "shared" / "data" / "boundaries"))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGZ_HOME"] = folder  # never touch ~/.mgz
        from benchmarks.registry_10x import SEED, load_demo_inputs, scale_registry
        from data.db import make_engine
        from data.registry import load_geography, load_registry

        engine = make_engine(args.database or f"sqlite:///{Path(folder) / 'demo.sqlite'}")
        if args.database:
            registry, geography = load_registry(engine), load_geography(engine)
        else:
            registry, geography = load_demo_inputs(engine)
        engine.dispose()
        sizes = {"1x": registry, f"{args.factor}x": scale_registry(registry, geography, args.factor, SEED)}
        print(f"E2SFCA, medianen over {args.repeat} runs (ons: incl. paren zoeken; pysal: met onze paren als kostentabel)")
        print("| omvang | vraagpunten | aanbodpunten | paren | ons s | pysal access s | verhouding | grootste rel. verschil |")
        print("|---|---|---|---|---|---|---|---|")
        for name, reg in sizes.items():
            r = compare(recorded_inputs(reg, geography), args.repeat)
            print(f"| {name} | {r['vraagpunten']:,} | {r['aanbodpunten']:,} | {r['paren']:,} | {r['ons_s']:.4f} | "
                  f"{r['pysal_s']:.3f} | {r['verhouding']:.0f}x | {r['max_rel_verschil']:.1e} |")
            if r["niet_eindig_bij_pysal"]:
                print(f"  (pysal: {r['niet_eindig_bij_pysal']} vraagpunten niet eindig, buiten de vergelijking)")
            if r["verhouding"] < TARGET_RATIO:
                print(f"  doel niet gehaald: ons minder dan {TARGET_RATIO:.0f}x sneller")


if __name__ == "__main__":
    main()
