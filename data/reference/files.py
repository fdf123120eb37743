"""Find and read CBS boundary files (GeoJSON, TopoJSON, GeoPackage; WGS84 or RD) into clean WGS84 layers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from data.errors import UserError

WGS84 = CRS.from_epsg(4326)
RD_NEW = CRS.from_epsg(28992)

# A file belongs to a level when its lower-cased name starts with one of these prefixes.
LEVEL_PREFIXES = {
    "gemeente": ("gemeente",),
    "zorgkantoorregio": ("zorgkantoorregio",),
    "provincie": ("provincie",),
    "pc4": ("pc4", "cbs_pc4"),  # cbs_pc4_2023_v1.gpkg is the name inside the CBS download
}
GEO_SUFFIXES = (".geojson", ".json", ".topojson", ".gpkg")
LEVEL_LABELS = {"gemeente": "gemeenten", "zorgkantoorregio": "zorgkantoorregio's", "provincie": "provincies", "pc4": "PC4-gebieden"}

# Accepted property names per field (compared case-insensitively, first match wins).
CODE_COLUMNS = {
    "gemeente": ("statcode", "gemeentecode", "gm_code", "gmcode", "code"),
    "zorgkantoorregio": ("statcode", "zorgkantoorregiocode", "zk_code", "zkcode", "code"),
    "provincie": ("statcode", "provinciecode", "pv_code", "pvcode", "code"),
    "pc4": ("postcode", "pc4", "postcode4", "pc4_code", "pc4code", "statcode", "code"),
}
NAME_COLUMNS = {
    "gemeente": ("statnaam", "gemeentenaam", "naam", "name"),
    "zorgkantoorregio": ("statnaam", "zorgkantoorregionaam", "naam", "name"),
    "provincie": ("statnaam", "provincienaam", "naam", "name"),
    "pc4": ("statnaam", "naam", "name"),
}
POPULATION_COLUMNS = ("inwoners", "aantal_inwoners", "aantalinwoners", "inw", "bevolking", "population")
CODE_PATTERNS = {"gemeente": ("GM", 4), "zorgkantoorregio": ("ZK", 2), "provincie": ("PV", 2)}
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class SourceFile:
    level: str
    path: Path
    year: int | None


@dataclass(frozen=True)
class Layer:
    """One level, ready to store: `frame` has code, naam, inwoners and a valid polygonal WGS84 geometry (or None)."""

    level: str
    year: int | None
    source: str
    frame: gpd.GeoDataFrame


def year_from_name(name: str) -> int | None:
    """The last plausible year in a file name: 'gemeente_2025' -> 2025, '2024-cbs_pc4_2023_v1' -> 2023."""
    found = YEAR.findall(Path(name).stem)
    return int(found[-1]) if found else None


def level_of(path: Path) -> str | None:
    name = path.name.lower()
    if path.suffix.lower() not in GEO_SUFFIXES:
        return None
    for level, prefixes in LEVEL_PREFIXES.items():
        if name.startswith(prefixes):
            return level
    return None


def discover(folder: Path) -> dict[str, SourceFile]:
    """The boundary file per level in `folder` (not recursive); with several, the newest year wins."""
    found: dict[str, SourceFile] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        level = level_of(path)
        if level is None or not path.is_file():
            continue
        candidate = SourceFile(level, path, year_from_name(path.name))
        current = found.get(level)
        if current is None or (candidate.year or 0) > (current.year or 0):
            found[level] = candidate
    return found


def membership_table_path(folder: Path) -> Path | None:
    """An optional table gemeente -> zorgkantoorregio/provincie, e.g. gemeente_zorgkantoorregio_provincie_2025.csv."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.iterdir()):
        name = path.name.lower()
        if path.suffix.lower() == ".csv" and "zorgkantoorregio" in name and "provincie" in name:
            return path
    return None


def read_layer(source: SourceFile) -> Layer:
    raw = _read_frame(source)
    crs = resolve_crs(raw, source.path.name)
    frame = normalise_properties(raw, source.level, source.path.name)
    geometry = gpd.GeoSeries(shapely.force_2d(np.asarray(raw.geometry.array)), crs=crs)
    if not crs.equals(WGS84):
        geometry = geometry.to_crs(WGS84)
    frame = gpd.GeoDataFrame(frame, geometry=repair(np.asarray(geometry.array)), crs=WGS84)
    missing = frame.geometry.isna()
    if missing.any() and source.level != "pc4":
        codes = ", ".join(frame.loc[missing, "code"].head(5))
        raise UserError(f"{source.path.name}: {codes} heeft geen (geldige) geometrie; een {source.level} moet een vlak zijn.")
    return Layer(source.level, source.year, source.path.name, frame)


def _read_frame(source: SourceFile) -> gpd.GeoDataFrame:
    path = source.path
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
        layer = _pick_layer(layers, source.level)
        return pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as error:
        raise UserError(f"{path.name} kan niet worden gelezen als GeoJSON, TopoJSON of GeoPackage ({error}).") from error


def _pick_layer(layers: list[str], level: str) -> str | None:
    """A GeoPackage or TopoJSON may hold several layers: prefer one named after the level."""
    if len(layers) <= 1:
        return layers[0] if layers else None
    for name in layers:
        if name.lower().startswith(LEVEL_PREFIXES[level]):
            return name
    return layers[0]


def resolve_crs(frame: gpd.GeoDataFrame, name: str) -> CRS:
    """The declared CRS, unless missing or a GeoJSON default (WGS84) that contradicts the coordinates."""
    present = frame.geometry[~frame.geometry.isna() & ~frame.geometry.is_empty]
    if present.empty:
        raise UserError(f"{name} bevat geen geometrieën.")
    minx, miny, maxx, maxy = present.total_bounds
    geographic = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    declared = CRS.from_user_input(frame.crs) if frame.crs is not None else None
    if declared is not None and (declared.is_projected or geographic):
        return declared
    if geographic:
        return WGS84
    if -10_000 <= minx and maxx <= 320_000 and 250_000 <= miny and maxy <= 680_000:
        return RD_NEW
    raise UserError(
        f"Het coördinatenstelsel van {name} is niet te bepalen (bereik {minx:.0f},{miny:.0f} – {maxx:.0f},{maxy:.0f}); "
        "gebruik WGS84 (EPSG:4326) of RD (EPSG:28992)."
    )


def repair(geometries: np.ndarray) -> np.ndarray:
    """Valid polygonal geometries: make_valid, keep only the polygon parts; empty or missing becomes None."""
    fixed = shapely.make_valid(geometries, method="structure", keep_collapsed=False)
    out = np.array(fixed, dtype=object)
    out[shapely.is_missing(out) | shapely.is_empty(out)] = None
    polygonal = np.isin(shapely.get_type_id(out), [3, 6])  # Polygon, MultiPolygon
    for i in np.flatnonzero(~polygonal & ~shapely.is_missing(out)):  # collections, lines, points
        parts = [p for p in shapely.get_parts(out[i]) if p.geom_type in ("Polygon", "MultiPolygon")]
        out[i] = shapely.make_valid(shapely.union_all(parts)) if parts else None
    return out


def _column(frame: pd.DataFrame, candidates: tuple[str, ...]) -> str | None:
    lower = {str(c).lower(): c for c in frame.columns if c != frame.geometry.name}
    for candidate in candidates:
        if candidate in lower:
            return lower[candidate]
    return None


def normalise_properties(raw: gpd.GeoDataFrame, level: str, name: str) -> pd.DataFrame:
    """code, naam, inwoners from whichever accepted property names the file uses."""
    code_col = _column(raw, CODE_COLUMNS[level])
    if code_col is None:
        raise UserError(f"{name}: geen kolom met de {level}code gevonden (verwacht een van {', '.join(CODE_COLUMNS[level])}).")
    codes = [normalise_code(value, level, name, row + 1, code_col) for row, value in enumerate(raw[code_col])]
    name_col = _column(raw, NAME_COLUMNS[level])
    if name_col is None and level != "pc4":
        raise UserError(f"{name}: geen kolom met de naam gevonden (verwacht een van {', '.join(NAME_COLUMNS[level])}).")
    names = codes if name_col is None else [str(v).strip() if _present(v) else c for v, c in zip(raw[name_col], codes)]
    pop_col = _column(raw, POPULATION_COLUMNS)
    population = [None] * len(raw) if pop_col is None else [_population(v) for v in raw[pop_col]]
    frame = pd.DataFrame({"code": codes, "naam": names, "inwoners": pd.array(population, dtype="Int64")})
    duplicated = frame["code"][frame["code"].duplicated()]
    if not duplicated.empty:
        raise UserError(f"{name}: code {duplicated.iloc[0]} komt meer dan eens voor (kolom {code_col}).")
    return frame


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value)) and str(value).strip() != ""


def normalise_code(value, level: str, name: str, row: int, column: str) -> str:
    """'GM0014', 'ZK09', 'PV20' or a 4-digit PC4 string; jrstatcode ('2025GM0014') and bare numbers are accepted."""
    if not _present(value):
        raise UserError(f"{name}, rij {row}, kolom {column}: de code ontbreekt.")
    text = str(value).strip().upper()
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if level == "pc4":
        if re.fullmatch(r"\d{4}", text) and text[0] != "0":
            return text
        raise UserError(f"{name}, rij {row}, kolom {column}: '{value}' is geen postcode van vier cijfers.")
    prefix, width = CODE_PATTERNS[level]
    text = re.sub(r"^(19|20)\d\d(?=[A-Z])", "", text)  # jrstatcode
    if text.isdigit():
        text = f"{prefix}{int(text):0{width}d}"
    if re.fullmatch(rf"{prefix}\d{{{width}}}", text):
        return text
    raise UserError(f"{name}, rij {row}, kolom {column}: '{value}' is geen geldige {level}code (zoals {prefix}{'0' * (width - 1)}1).")


def _population(value) -> int | None:
    """Inhabitants; CBS uses negative numbers (e.g. -99997) for secret or unknown values."""
    if not _present(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number < 0 or np.isnan(number) else int(round(number))


MEMBERSHIP_COLUMNS = {
    "gemeente": ("gemeentecode", "gemeente_code", "gm_code", "gemeente"),
    "zorgkantoorregio": ("zorgkantoorregiocode", "zorgkantoorregio_code", "zk_code", "zorgkantoorregio"),
    "provincie": ("provinciecode", "provincie_code", "pv_code", "provincie"),
}
OVERLAP_COLUMNS = {"zorgkantoorregio": ("zk_overlap", "zorgkantoorregio_overlap"), "provincie": ("pv_overlap", "provincie_overlap")}


def read_membership_table(path: Path, layers: dict[str, Layer]) -> pd.DataFrame:
    """Rows kind_code, ouder_niveau, ouder_code, overlap from a CSV with gemeentecode, zorgkantoorregiocode, provinciecode."""
    try:
        table = pd.read_csv(path, dtype=str, sep=None, engine="python", encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise UserError(f"{path.name} kan niet worden gelezen als CSV ({error}).") from error
    lower = {c.strip().lower(): c for c in table.columns}

    def column(level: str, names: tuple[str, ...], required: bool = True) -> str | None:
        for name in names:
            if name in lower:
                return lower[name]
        if required:
            raise UserError(f"{path.name}: kolom {names[0]} ontbreekt.")
        return None

    gm_col = column("gemeente", MEMBERSHIP_COLUMNS["gemeente"])
    known = {level: set(layer.frame["code"]) for level, layer in layers.items()}
    rows = []
    for parent in ("zorgkantoorregio", "provincie"):
        parent_col = column(parent, MEMBERSHIP_COLUMNS[parent])
        overlap_col = column(parent, OVERLAP_COLUMNS[parent], required=False)
        for i, record in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
            kind = normalise_code(record[gm_col], "gemeente", path.name, i, gm_col)
            code = normalise_code(record[parent_col], parent, path.name, i, parent_col)
            if kind not in known["gemeente"]:
                raise UserError(f"{path.name}, rij {i}, kolom {gm_col}: gemeente {kind} staat niet in het gemeentebestand.")
            if code not in known[parent]:
                raise UserError(f"{path.name}, rij {i}, kolom {parent_col}: {code} staat niet in het {parent}bestand.")
            overlap = pd.to_numeric(record.get(overlap_col), errors="coerce") if overlap_col else np.nan
            rows.append((kind, parent, code, None if pd.isna(overlap) else float(overlap)))
    frame = pd.DataFrame(rows, columns=["kind_code", "ouder_niveau", "ouder_code", "overlap"])
    twice = frame[frame.duplicated(["kind_code", "ouder_niveau"])]
    if not twice.empty:
        raise UserError(f"{path.name}: gemeente {twice.iloc[0]['kind_code']} staat meer dan eens in de tabel.")
    return frame


CACHE_CODE_COLUMN = {"gemeente": "statcode", "zorgkantoorregio": "statcode", "provincie": "statcode", "pc4": "postcode"}
CACHE_MEMBERSHIP_FILE = "gemeente_zorgkantoorregio_provincie.csv"


def write_cache(folder: Path, layers: dict[str, Layer], memberships: pd.DataFrame, info: dict) -> None:
    """Write the repaired layers as GeoPackages (plus the membership table when one was given) and swap them in whole."""
    import json
    import shutil

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(folder.name + ".nieuw")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for level, layer in layers.items():
        frame = layer.frame.rename(columns={"code": CACHE_CODE_COLUMN[level], "naam": "statnaam"})
        frame["inwoners"] = frame["inwoners"].astype("float64")
        name = f"{level}_{layer.year}.gpkg" if layer.year else f"{level}.gpkg"
        pyogrio.write_dataframe(frame, staging / name, layer=level, driver="GPKG", promote_to_multi=True)
    if info.get("lidmaatschap", "").startswith("uit"):
        table = memberships[memberships["ouder_niveau"].isin(["zorgkantoorregio", "provincie"])]
        wide = table.pivot(index="kind_code", columns="ouder_niveau", values="ouder_code")
        wide = wide.rename(columns={"zorgkantoorregio": "zorgkantoorregiocode", "provincie": "provinciecode"})
        wide.rename_axis("gemeentecode").reset_index().to_csv(staging / CACHE_MEMBERSHIP_FILE, index=False)
    (staging / "herkomst.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    old = folder.with_name(folder.name + ".oud")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
