"""werkgebieden: the service area of each HAP, from GeoJSON outlines, PC4 lists or gemeente lists.

A re-imported HAP's area replaces its previous area; other HAPs are untouched. Covered PC4 areas are
those whose point-on-surface lies in the outline; outlines of PC4/gemeente lists are unions of those areas.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from data import locate
from data import models as m
from data.errors import UserError
from data.importing.base import KindSpec, aliases_for
from data.importing.context import ImportContext
from data.importing.rules import RowErrors, column, normalise_gemeente_codes, normalise_postcodes
from data.readers import Table, finite_coordinates, looks_like_geojson, normalise_name, read_geojson, read_table

COLUMNS = ("hap_id", "pc4", "gemeentecode")
ALIASES = aliases_for(
    COLUMNS,
    {
        "hap_id": ("hap", "hap_code", "huisartsenpost", "huisartsenpost_id", "id"),
        "pc4": ("postcode", "postcode4", "pc_4"),
        "gemeentecode": ("gemeente", "gemeente_code", "gm_code", "gmcode", "statcode", "cbs_code"),
    },
)


def read(raw: bytes, filename: str, spec: KindSpec) -> Table:
    """GeoJSON features become rows (rij = feature number, 1-based) with a geometry; CSV/XLSX as usual."""
    if not looks_like_geojson(raw, filename):
        return read_table(raw, filename, spec.aliases)
    rows, numbers = [], []
    for number, feature in enumerate(read_geojson(raw), start=1):
        properties = {ALIASES.get(normalise_name(k)): v for k, v in feature.get("properties", {}).items()}
        hap_id = properties.get("hap_id")
        geometry = feature.get("geometry") or None
        if "_fout" in feature:
            geometry = feature["_fout"]
        elif geometry and not finite_coordinates(geometry):
            geometry = "coördinaten zijn geen eindige getallen (NaN, Infinity of tekst)"
        elif geometry:
            try:
                geometry = shape(geometry)
            except Exception:  # shapely raises several kinds for malformed coordinates
                geometry = "geometrie is onleesbaar"
        rows.append({"hap_id": "" if hap_id is None else str(hap_id).strip(), "_geometry": geometry})
        numbers.append(number)
    frame = pd.DataFrame(rows, index=pd.Index(numbers, name="rij"), dtype=object)
    return Table(frame=frame, source="geojson")


def _check_outline(geometry, warnings_seen: set) -> tuple[object, str | None]:
    """A valid (multi)polygon in WGS84, or a reason why not. RD New coordinates are converted."""
    try:
        return _checked_outline(geometry, warnings_seen)
    except Exception:  # GEOS and pyproj refuse some absurd geometries (e.g. coordinates near 1e308)
        return None, "geometrie is onleesbaar"


def _checked_outline(geometry, warnings_seen: set) -> tuple[object, str | None]:
    if geometry is None:
        return None, "geometrie ontbreekt"
    if isinstance(geometry, str):  # the reader's reason why the feature has no usable geometry
        return None, geometry
    if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
        return None, f"geometrie is een {geometry.geom_type}, geen vlak (Polygon of MultiPolygon)"
    minx, miny, maxx, maxy = geometry.bounds
    if maxx > 180 or maxy > 90:  # metres: the Dutch RD New grid (EPSG:28992)
        from pyproj import Transformer

        transformer = Transformer.from_crs(28992, 4326, always_xy=True)
        geometry = shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
        warnings_seen.add("coördinaten in RD (EPSG:28992) zijn omgerekend naar WGS84")
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
        polygons = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type in ("Polygon", "MultiPolygon")]
        geometry = shapely.union_all(polygons)
    point = geometry.point_on_surface()
    if not locate.in_netherlands(point.y, point.x):
        if locate.in_netherlands(point.x, point.y):
            return None, "lat en lon lijken verwisseld in de geometrie (GeoJSON is lon, lat)"
        return None, "werkgebied ligt buiten Nederland"
    return geometry, None


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    out["hap_id"] = column(f, "hap_id")
    errors.add_mask(out, out["hap_id"].eq(""), "hap_id", "hap_id ontbreekt")
    types = ctx.facility_types
    unknown = out["hap_id"].ne("") & ~out["hap_id"].isin(types.keys())
    errors.add_mask(out, unknown, "hap_id", lambda v: f"voorziening '{v}' bestaat niet; importeer eerst de voorzieningen")
    wrong = out["hap_id"].isin(types.keys()) & out["hap_id"].map(types).ne("hap")
    errors.add_mask(out, wrong, "hap_id", lambda v: f"voorziening '{v}' is geen hap maar {types.get(v)}")
    ctx.require_geography()
    if table.source == "geojson":
        _areas_from_outlines(f, out, ctx, errors, warnings)
    else:
        _areas_from_lists(f, out, ctx, errors)
    _reject_incomplete_haps(out, errors)
    return out


def _areas_from_outlines(f, out, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> None:
    notes: set[str] = set()
    checked = [_check_outline(g, notes) for g in f["_geometry"]]
    warnings.extend(sorted(notes))
    out["bron"] = "geojson"
    out["_geometry"] = [g for g, _ in checked]
    bad = [reason is not None for _, reason in checked]
    errors.add(out.index[bad], "geometry", [reason for _, reason in checked if reason is not None])
    points = locate.pc4_surface_points(ctx.engine)
    covered = []
    for rij, geometry in out["_geometry"].items():
        pc4s = locate.pc4_points_in(ctx.engine, geometry, points) if geometry is not None else []
        if geometry is not None and not pc4s:
            errors.add([rij], "geometry", "geen enkel PC4-gebied valt binnen dit werkgebied")
        covered.append(pc4s)
    out["_pc4s"] = covered
    out["aantal_pc4"] = [len(c) for c in covered]


def _areas_from_lists(f, out, ctx: ImportContext, errors: RowErrors) -> None:
    if "pc4" not in f.columns and "gemeentecode" not in f.columns:
        raise UserError("Kolom pc4 of gemeentecode ontbreekt (of lever een GeoJSON met de eigenschap hap_id).")
    raw_pc4, raw_gm = column(f, "pc4"), column(f, "gemeentecode")
    _, pc4, bad_pc4 = normalise_postcodes(raw_pc4)
    gemeente = normalise_gemeente_codes(raw_gm)
    both = raw_pc4.ne("") & raw_gm.ne("")
    neither = raw_pc4.eq("") & raw_gm.eq("")
    errors.add_mask(out, both, "pc4", "vul pc4 óf gemeentecode in, niet allebei")
    errors.add_mask(out, neither, "pc4" if "pc4" in f.columns else "gemeentecode", "pc4 of gemeentecode ontbreekt")
    errors.add(f.index[bad_pc4], "pc4", [f"'{v}' is geen PC4-code (vier cijfers)" for v in raw_pc4[bad_pc4]])
    pc4 = pc4.fillna("")
    unknown_pc4 = pc4.ne("") & ~pc4.isin(ctx.region_codes_of("pc4"))
    errors.add_mask(out, unknown_pc4, "pc4", lambda _: "PC4-gebied bestaat niet in de referentie")
    out["pc4"] = pc4
    unknown_gm = gemeente.ne("") & ~gemeente.isin(ctx.region_codes_of("gemeente"))
    errors.add(f.index[unknown_gm], "gemeentecode", [f"gemeentecode '{v}' bestaat niet" for v in raw_gm[unknown_gm]])
    out["gemeentecode"] = gemeente
    members = ctx.pc4_by_gemeente(gemeente[gemeente.ne("") & ~unknown_gm])
    by_gemeente = members.groupby("gemeente")["pc4"].apply(sorted).to_dict()
    empty = gemeente.ne("") & ~unknown_gm & ~gemeente.isin(by_gemeente.keys())
    errors.add_mask(out, empty, "gemeentecode", "geen PC4-gebieden bekend in deze gemeente")
    out["_pc4s"] = [[p] if p else by_gemeente.get(g, []) for p, g in zip(pc4, gemeente)]
    out["bron"] = np.where(pc4.ne(""), "pc4", "gemeente")
    out["aantal_pc4"] = out["_pc4s"].map(len)
    pc4_shapes = locate.region_geometries(ctx.engine, "pc4", pc4[pc4.ne("")])
    gm_shapes = locate.region_geometries(ctx.engine, "gemeente", gemeente[gemeente.ne("")])
    out["_geometry"] = [pc4_shapes.get(p) if p else gm_shapes.get(g) for p, g in zip(pc4, gemeente)]


def _reject_incomplete_haps(out: pd.DataFrame, errors: RowErrors) -> None:
    """A HAP's area is replaced as a whole, so one bad row holds back all rows of that HAP."""
    bad = errors.bad_rows()
    for hap_id, rows in out.groupby("hap_id").groups.items():
        failed = sorted(r for r in rows if r in bad)
        if hap_id and failed:
            rest = [r for r in rows if r not in bad]
            errors.add(rest, "hap_id", f"werkgebied van {hap_id} wordt niet geïmporteerd omdat rij {failed[0]} fout is")


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    haps = sorted(rows["hap_id"].unique())
    session.execute(delete(m.ServiceAreaPostcode).where(m.ServiceAreaPostcode.hap_id.in_(haps)))
    session.execute(delete(m.ServiceArea).where(m.ServiceArea.hap_id.in_(haps)))
    areas, postcodes = [], []
    for hap_id, group in rows.groupby("hap_id", sort=True):
        sources = set(group["bron"])
        bron = "geojson" if "geojson" in sources else ("pc4" if "pc4" in sources else "gemeente")
        shapes = [g for g in group["_geometry"] if g is not None]
        outline = shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)
        areas.append({"hap_id": hap_id, "bron": bron, "geometrie": shapely.to_wkb(outline) if shapes else None})
        covered = sorted({p for pc4s in group["_pc4s"] for p in pc4s})
        postcodes += [{"hap_id": hap_id, "pc4": p} for p in covered]
    session.execute(insert(m.ServiceArea.__table__), areas)
    if postcodes:
        session.execute(insert(m.ServiceAreaPostcode.__table__), postcodes)


SPEC = KindSpec(
    name="werkgebieden",
    columns=COLUMNS,
    required=("hap_id",),
    aliases=ALIASES,
    validate=validate,
    write=write,
    read=read,
)
