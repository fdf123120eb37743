"""Region lookup: PC4 demand points, region tables per level, and which region contains a facility."""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from data.errors import UserError
from data.registry import Geography
from geo.lookup import positions, take
from geo.rd import to_rd

GEOGRAPHIC_LEVELS = ("gemeente", "zorgkantoorregio", "provincie")
MAX_LOCATED = 500_000  # points remembered per geography (about 100 MB at most)


@dataclass(frozen=True)
class PreparedGeography:
    """What the hot path needs from a Geography, computed once per Geography object."""

    tables: dict[str, pd.DataFrame]  # niveau -> code, naam, inwoners (all regions of the level, sorted by code)
    pc4: pd.DataFrame  # pc4, gemeente, zorgkantoorregio, provincie, inwoners, x, y (RD of an interior point)
    parents: pd.DataFrame  # index gemeente code -> zorgkantoorregio, provincie
    _gemeente_geoms: np.ndarray
    _gemeente_codes: np.ndarray
    _gemeente_tree: shapely.STRtree | None
    _pc4_geoms: np.ndarray
    _pc4_codes: np.ndarray
    _pc4_tree: shapely.STRtree | None
    # What locate found before, as arrays per point (key "memo"): a scenario re-analyses the same facilities.
    _located: dict = field(default_factory=dict)

    def locate(self, lon: np.ndarray, lat: np.ndarray) -> pd.DataFrame:
        """PC4, gemeente, zorgkantoorregio and provincie of each point (WGS84), by point in polygon, and its RD
        coordinates x, y.

        A point outside every polygon (on the coast, in a border gap) gets the nearest polygon instead.
        Points located before are looked up instead of located again (same answer, a fraction of the time).
        """
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        points = np.empty(len(lon), dtype=complex)
        points.real, points.imag = lon, lat  # one exact, hashable key per point
        memo = self._located.get("memo")
        if memo is None or len(memo["points"]) > MAX_LOCATED:
            memo = {"points": pd.Index(np.zeros(0, dtype=complex)), "pc4": np.zeros(0, dtype=object),
                    "gemeente": np.zeros(0, dtype=object), "x": np.zeros(0), "y": np.zeros(0)}
        found = memo["points"].get_indexer(points)
        if (found < 0).any():
            _, first = np.unique(points[found < 0], return_index=True)
            todo = np.flatnonzero(found < 0)[np.sort(first)]  # every new point once
            before, new = memo, self._locate_anew(lon[todo], lat[todo])
            memo = {key: np.concatenate([before[key], values]) for key, values in new.items()}
            memo["points"] = pd.Index(np.concatenate([before["points"].to_numpy(), points[todo]]))
            self._located["memo"] = memo  # one assignment: a concurrent reader sees the old or the new memo
            found = memo["points"].get_indexer(points)
        frame = pd.DataFrame({"pc4": memo["pc4"][found], "gemeente": memo["gemeente"][found]})
        parent = positions(frame["gemeente"], self.parents.index)
        frame["zorgkantoorregio"] = take(self.parents["zorgkantoorregio"].to_numpy(dtype=object), parent)
        frame["provincie"] = take(self.parents["provincie"].to_numpy(dtype=object), parent)
        frame["x"], frame["y"] = memo["x"][found], memo["y"][found]
        return frame

    def _locate_anew(self, lon: np.ndarray, lat: np.ndarray) -> dict[str, np.ndarray]:
        points = shapely.points(lon, lat)
        pc4 = _containing(points, self._pc4_tree, self._pc4_codes)
        if self._gemeente_tree is not None:
            gemeente = _containing(points, self._gemeente_tree, self._gemeente_codes)
        else:  # no gemeente outlines: fall back on the PC4 membership
            gemeente = self.pc4.set_index("pc4")["gemeente"].reindex(pc4).to_numpy(dtype=object)
        x, y = to_rd(lon, lat)
        return {"pc4": pc4, "gemeente": gemeente, "x": x, "y": y}


def _containing(points: np.ndarray, tree: shapely.STRtree | None, codes: np.ndarray) -> np.ndarray:
    result = np.full(len(points), None, dtype=object)
    if tree is None or len(points) == 0:
        return result
    point_index, geom_index = tree.query(points, predicate="within")
    # A point on a shared border matches twice; keep the first match per point (stable order).
    first = pd.Series(geom_index).groupby(point_index, sort=False).first()
    result[first.index.to_numpy()] = codes[first.to_numpy()]
    missing = np.flatnonzero(pd.isna(result))
    if len(missing):
        point_index, geom_index = tree.query_nearest(points[missing], all_matches=False)
        result[missing[point_index]] = codes[geom_index]
    return result


def _usable(geoms: np.ndarray) -> np.ndarray:
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))


def _tree(geoms: np.ndarray) -> shapely.STRtree | None:
    return shapely.STRtree(geoms) if len(geoms) else None


def prepare_geography(geography: Geography) -> PreparedGeography:
    """Region tables, PC4 interior points in RD and spatial indexes (pure; see `prepared` for the cached one)."""
    regions = geography.regions
    if regions.crs is None or not regions.crs.equals("EPSG:4326"):
        raise ValueError(f"Geography regions must be in EPSG:4326, got {regions.crs}")
    membership = geography.membership
    tables = {}
    for level in (*GEOGRAPHIC_LEVELS, "pc4"):
        rows = regions[regions["niveau"] == level]
        table = pd.DataFrame(
            {
                "code": rows["code"].astype(str).to_numpy(),
                "naam": rows["naam"].astype(object).to_numpy(),
                "inwoners": pd.to_numeric(rows["inwoners"], errors="coerce").to_numpy(dtype=float),
            }
        )
        tables[level] = table.sort_values("code", kind="stable").reset_index(drop=True)

    def parent_of(level: str) -> pd.Series:
        rows = membership[membership["ouder_niveau"] == level]
        return rows.drop_duplicates("kind_code").set_index("kind_code")["ouder_code"]

    gemeente_codes = tables["gemeente"]["code"]
    parents = pd.DataFrame(
        {
            "zorgkantoorregio": parent_of("zorgkantoorregio").reindex(gemeente_codes).to_numpy(dtype=object),
            "provincie": parent_of("provincie").reindex(gemeente_codes).to_numpy(dtype=object),
        },
        index=pd.Index(gemeente_codes.to_numpy(dtype=object), name="gemeente"),
    )

    pc4_rows = regions[regions["niveau"] == "pc4"].sort_values("code", kind="stable")
    pc4_geoms_all = np.asarray(pc4_rows.geometry.values, dtype=object)
    usable = _usable(pc4_geoms_all)
    x = np.full(len(pc4_rows), np.nan)
    y = np.full(len(pc4_rows), np.nan)
    if usable.any():
        interior = shapely.point_on_surface(pc4_geoms_all[usable])
        x[usable], y[usable] = to_rd(shapely.get_x(interior), shapely.get_y(interior))
    pc4_codes = pc4_rows["code"].astype(str).to_numpy(dtype=object)
    pc4_gemeente = parent_of("gemeente").reindex(pc4_codes).to_numpy(dtype=object)
    pc4 = pd.DataFrame(
        {
            "pc4": pc4_codes,
            "gemeente": pc4_gemeente,
            "inwoners": pd.to_numeric(pc4_rows["inwoners"], errors="coerce").to_numpy(dtype=float),
            "x": x,
            "y": y,
        }
    )
    pc4_parents = parents.reindex(pc4["gemeente"])
    pc4.insert(2, "zorgkantoorregio", pc4_parents["zorgkantoorregio"].to_numpy(dtype=object))
    pc4.insert(3, "provincie", pc4_parents["provincie"].to_numpy(dtype=object))

    gm_rows = regions[regions["niveau"] == "gemeente"]
    gm_geoms = np.asarray(gm_rows.geometry.values, dtype=object)
    gm_ok = _usable(gm_geoms)
    return PreparedGeography(
        tables=tables,
        pc4=pc4,
        parents=parents,
        _gemeente_geoms=gm_geoms[gm_ok],
        _gemeente_codes=gm_rows["code"].astype(str).to_numpy(dtype=object)[gm_ok],
        _gemeente_tree=_tree(gm_geoms[gm_ok]),
        _pc4_geoms=pc4_geoms_all[usable],
        _pc4_codes=pc4_codes[usable],
        _pc4_tree=_tree(pc4_geoms_all[usable]),
    )


_CACHE: dict[int, PreparedGeography] = {}


def prepared(geography: Geography) -> PreparedGeography:
    """`prepare_geography`, memoised per Geography object (Geography frames are treated as immutable)."""
    key = id(geography)
    if key not in _CACHE:
        result = prepare_geography(geography)
        if not len(result.pc4):
            raise UserError("Er is geen PC4-indeling geladen; laad eerst de referentiegeografie (python -m data reference).")
        _CACHE[key] = result
        weakref.finalize(geography, _CACHE.pop, key, None)  # the id cannot be reused while the entry exists
    return _CACHE[key]


def pc4_geometries(geography: Geography) -> gpd.GeoSeries:
    """PC4 outlines indexed by code (used only to dissolve service areas, outside the hot path)."""
    rows = geography.regions[geography.regions["niveau"] == "pc4"]
    return gpd.GeoSeries(rows.geometry.values, index=rows["code"].astype(str).to_numpy(), crs=geography.regions.crs)
