"""voorzieningen: HAPs, AVG-poli's, VG locations and GP practices, located by lat/lon or PC4 centroid."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from data import locate
from data import models as m
from data.errors import UserError
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import (
    RowErrors,
    choices,
    column,
    duplicates,
    enum_lookup,
    integer_reason,
    normalise_postcodes,
    parse_bool,
    parse_decimal,
    parse_enum,
    parse_integer,
    slug,
)
from data.readers import Table, normalise_name

COLUMNS = (
    "id", "type", "naam", "organisatie", "adres", "postcode", "plaats", "lat", "lon", "avg_fte", "clienten", "anw_open",
    "behandeling",
)
ALIASES = aliases_for(
    COLUMNS,
    {
        "id": ("voorziening_id", "locatie_id", "code"),
        "type": ("soort", "type_voorziening", "soort_voorziening"),
        "naam": ("name", "locatienaam", "naam_voorziening", "naam_locatie"),
        "organisatie": ("naam_organisatie", "organisatie_naam", "organisatienaam", "organisation", "zorgaanbieder"),
        "adres": ("address", "straat", "straat_en_huisnummer"),
        "postcode": ("pc", "pc4", "postal_code", "zip"),
        "plaats": ("woonplaats", "stad", "city", "vestigingsplaats"),
        "lat": ("latitude", "breedtegraad", "breedte", "y_wgs84"),
        "lon": ("longitude", "lengtegraad", "lengte", "lng", "long", "x_wgs84"),
        "avg_fte": ("fte_avg", "avg fte", "fte", "aantal_fte_avg", "fte_avg_totaal"),
        "clienten": ("aantal_clienten", "clienten_aantal", "aantal clienten", "clients"),
        "anw_open": ("anw", "open_anw", "anw_geopend", "open_in_anw", "avond_nacht_weekend"),
        "behandeling": ("wlz_behandeling", "behandeling_wlz", "met_behandeling", "met_of_zonder_behandeling",
                        "zorgprofiel_behandeling", "leveringsvorm_behandeling"),
    },
)
# Wlz met/zonder behandeling: a location 'met' has its own physician (AVG or specialist), so a missing GP is no gap.
TREATMENTS = ("met", "zonder")
TREATMENT_VALUES = enum_lookup(
    TREATMENTS,
    {
        "met behandeling": "met", "wlz met behandeling": "met", "inclusief behandeling": "met",
        "incl behandeling": "met", "ja": "met", "j": "met",
        "zonder behandeling": "zonder", "wlz zonder behandeling": "zonder", "exclusief behandeling": "zonder",
        "excl behandeling": "zonder", "nee": "zonder", "n": "zonder",
    },
)
UNKNOWN_TREATMENT = {"onbekend", "unknown", "nb", "n_b"}  # written out 'unknown': stored empty
TYPES = enum_lookup(
    m.FACILITY_TYPES,
    {
        "huisartsenpost": "hap",
        "avg poli": "avg_poli",
        "avg polikliniek": "avg_poli",
        "polikliniek avg": "avg_poli",
        "avg": "avg_poli",
        "vg locatie": "vg_locatie",
        "vg-instelling": "vg_locatie",
        "woonlocatie": "vg_locatie",
        "huisarts": "huisartsenpraktijk",
        "huisartspraktijk": "huisartsenpraktijk",
        "praktijk": "huisartsenpraktijk",
    },
)
LIMITS = {"id": 100, "naam": 300, "organisatie": 300, "adres": 300, "plaats": 100}


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    if not ({"lat", "lon"} <= set(f.columns) or "postcode" in f.columns):
        raise UserError("Kolommen voor de locatie ontbreken: geef lat en lon, of postcode.")
    out = pd.DataFrame(index=f.index)
    for name in ("id", "naam", "organisatie", "adres", "plaats"):
        out[name] = column(f, name)
        too_long = out[name].str.len() > LIMITS[name]
        errors.add_mask(out, too_long, name, f"tekst is langer dan {LIMITS[name]} tekens")
    errors.add_mask(out, out["id"].eq(""), "id", "id ontbreekt")
    errors.add_mask(out, out["naam"].eq(""), "naam", "naam ontbreekt")
    first = duplicates(out["id"])
    errors.add(first.index, "id", [f"id '{out.at[r, 'id']}' komt ook voor in rij {n}" for r, n in first.items()])

    raw_type = column(f, "type")
    out["type"], bad = parse_enum(raw_type, TYPES)
    errors.add_mask(out, raw_type.eq(""), "type", f"type ontbreekt; kies uit {choices(m.FACILITY_TYPES)}")
    errors.add(f.index[bad], "type", [f"onbekend type '{v}'; kies uit {choices(m.FACILITY_TYPES)}" for v in raw_type[bad]])

    out["organisatie_id"] = out["organisatie"].map(lambda name: slug(name) if name else None)
    out["postcode"], pc4, bad = normalise_postcodes(column(f, "postcode"))
    errors.add(f.index[bad], "postcode", [f"'{v}' is geen postcode (verwacht bv. 1011 AB of 1011)" for v in column(f, "postcode")[bad]])

    _locate(f, out, pc4, ctx, errors, warnings)

    out["avg_fte"], bad = parse_decimal(column(f, "avg_fte"))
    errors.add(f.index[bad], "avg_fte", [f"'{v}' is geen getal" for v in column(f, "avg_fte")[bad]])
    errors.add_mask(out, out["avg_fte"] < 0, "avg_fte", "avg_fte mag niet negatief zijn")
    out["clienten"], bad = parse_integer(column(f, "clienten"))
    errors.add(f.index[bad], "clienten", [integer_reason(v) for v in column(f, "clienten")[bad]])
    errors.add_mask(out, (out["clienten"] < 0).fillna(False), "clienten", "aantal cliënten mag niet negatief zijn")
    out["anw_open"], bad = parse_bool(column(f, "anw_open"))
    errors.add(f.index[bad], "anw_open", [f"'{v}' is geen ja of nee" for v in column(f, "anw_open")[bad]])
    _treatment(f, out, errors)
    return out


def _treatment(f: pd.DataFrame, out: pd.DataFrame, errors: RowErrors) -> None:
    """behandeling: met or zonder (Wlz met/zonder behandeling); empty or 'onbekend' = unknown (None)."""
    raw = column(f, "behandeling")
    unknown = raw.map(normalise_name).isin(UNKNOWN_TREATMENT)
    out["behandeling"], bad = parse_enum(raw.where(~unknown, ""), TREATMENT_VALUES)
    errors.add(f.index[bad], "behandeling",
               [f"'{v}' is geen behandeling; kies met of zonder (Wlz met/zonder behandeling), of laat leeg"
                for v in raw[bad]])


def _locate(
    f: pd.DataFrame, out: pd.DataFrame, pc4: pd.Series, ctx: ImportContext, errors: RowErrors, warnings: list[str]
) -> None:
    """lat/lon from the file (checked against the Netherlands box), else the centroid of the PC4 area."""
    lat, bad_lat = parse_decimal(column(f, "lat"))
    lon, bad_lon = parse_decimal(column(f, "lon"))
    errors.add(f.index[bad_lat], "lat", [f"'{v}' is geen getal" for v in column(f, "lat")[bad_lat]])
    errors.add(f.index[bad_lon], "lon", [f"'{v}' is geen getal" for v in column(f, "lon")[bad_lon]])
    has_lat, has_lon = lat.notna().to_numpy(), lon.notna().to_numpy()
    errors.add_mask(out, has_lat & ~has_lon & ~bad_lon, "lon", "lat is ingevuld maar lon niet")
    errors.add_mask(out, has_lon & ~has_lat & ~bad_lat, "lat", "lon is ingevuld maar lat niet")
    both = has_lat & has_lon
    lat, lon = _from_rd(lat, lon, both, warnings)
    swapped = both & locate.looks_swapped(lat, lon)
    outside = both & ~locate.in_netherlands(lat, lon) & ~swapped
    errors.add_mask(out, swapped, "lat", "lat en lon lijken verwisseld")
    errors.add(
        f.index[outside], "lat",
        [f"coördinaat ({a}, {o}) ligt buiten Nederland" for a, o in zip(lat[outside], lon[outside])],
    )
    needs_pc4 = ~has_lat & ~has_lon & ~bad_lat & ~bad_lon
    no_location = needs_pc4 & pc4.isna().to_numpy() & column(f, "postcode").eq("").to_numpy()
    errors.add_mask(out, no_location, "postcode", "geen locatie: vul lat en lon of een postcode in")
    lookup = needs_pc4 & pc4.notna().to_numpy()
    approximate = np.zeros(len(f), dtype=bool)
    if lookup.any():
        centroids = ctx.pc4_centroids(pc4[lookup].unique())
        found = lookup & pc4.isin(centroids.index).to_numpy()
        missing = lookup & ~found
        errors.add(
            f.index[missing], "postcode",
            [f"postcode {p} niet gevonden: geen PC4-gebied {p} in de referentie; vul lat en lon in" for p in pc4[missing]],
        )
        lat = lat.copy()
        lon = lon.copy()
        lat[found] = centroids["lat"].reindex(pc4[found]).to_numpy()
        lon[found] = centroids["lon"].reindex(pc4[found]).to_numpy()
        approximate = found
    out["lat"], out["lon"] = lat, lon
    out["locatie_bij_benadering"] = approximate


def _from_rd(lat: pd.Series, lon: pd.Series, both: np.ndarray, warnings: list[str]) -> tuple[pd.Series, pd.Series]:
    """Metres in the Dutch RD New grid (EPSG:28992) instead of degrees are converted, with a warning."""
    rd = both & (lat.abs() > 1000).to_numpy() & (lon.abs() > 1000).to_numpy()
    if not rd.any():
        return lat, lon
    from pyproj import Transformer

    # RD y (northing, 300-625 km) is larger than x (easting, 0-300 km) on the Dutch mainland.
    north = np.maximum(lat[rd], lon[rd]).to_numpy()
    east = np.minimum(lat[rd], lon[rd]).to_numpy()
    new_lon, new_lat = Transformer.from_crs(28992, 4326, always_xy=True).transform(east, north)
    lat, lon = lat.copy(), lon.copy()
    lat[rd], lon[rd] = new_lat, new_lon
    warnings.append(f"{int(rd.sum())} rij(en) met RD-coördinaten (EPSG:28992, meters) omgerekend naar graden (WGS84)")
    return lat, lon


FACILITY_COLUMNS = [
    "id", "type", "naam", "organisatie_id", "adres", "postcode", "plaats", "lat", "lon",
    "locatie_bij_benadering", "avg_fte", "clienten", "anw_open", "behandeling",
]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    organisations = rows.loc[rows["organisatie"].ne(""), ["organisatie_id", "organisatie"]]
    organisations = organisations.drop_duplicates("organisatie_id", keep="last")
    upsert(
        session, m.Organisation,
        [{"id": i, "naam": n} for i, n in organisations.itertuples(index=False, name=None)],
        keys=["id"], update=["naam"],
    )
    frame = rows.copy()
    for name in ("adres", "plaats"):
        frame[name] = frame[name].where(frame[name].ne(""), None)
    upsert(session, m.Facility, records(frame, FACILITY_COLUMNS), keys=["id"], update=FACILITY_COLUMNS[1:])


SPEC = KindSpec(
    name="voorzieningen",
    columns=COLUMNS,
    required=("id", "type", "naam"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
