"""What a dossier is about: the facilities, gemeenten and zorgkantoorregio's of one region, organisation or HAP
service area (level 'hap', code the HAP's facility id, as in geo)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely

from data.errors import UserError
from data.registry import Geography
from monitor.dossier.wording import LEVEL_LABELS

LEVELS = tuple(LEVEL_LABELS)


@dataclass(frozen=True)
class Scope:
    niveau: str
    code: str
    naam: str
    facilities: pd.DataFrame  # GeoResult.facilities rows of the subject (in the region, or of the organisation)
    gemeenten: tuple[str, ...]  # codes of the gemeenten the subject covers (sorted by name)
    zorgkantoorregios: tuple[str, ...]  # codes of the zorgkantoorregio's it lies in
    outline: object  # shapely geometry in WGS84 of the area (region, or the gemeenten of the organisation)
    names: dict  # region code -> name, every level

    @property
    def vg(self) -> pd.DataFrame:
        """The VG locations of the subject that belong to an organisation."""
        f = self.facilities
        return f[(f["type"] == "vg_locatie").to_numpy() & f["organisatie_id"].notna().to_numpy()]

    def of_type(self, kind: str) -> pd.DataFrame:
        return self.facilities[(self.facilities["type"] == kind).to_numpy()]


def region_names(geography: Geography) -> dict[str, str]:
    regions = geography.regions
    return dict(zip(regions["code"].astype(str), regions["naam"].astype(str)))


def scope_of(niveau: str, code: str, naam: str, geo_result, geography: Geography) -> Scope:
    """The scope of one region (gemeente, zorgkantoorregio, provincie), organisation (its id) or HAP area (the HAP id)."""
    if niveau not in LEVELS:
        raise UserError(f"Onbekend niveau '{niveau}'; kies uit {', '.join(LEVELS)}.")
    if niveau == "hap":
        return hap_scope(code, naam, geo_result, geography)
    facilities = geo_result.facilities
    membership = geography.membership
    names = region_names(geography)
    if niveau == "organisatie":
        own = facilities[(facilities["organisatie_id"].astype(str) == code).to_numpy()]
        gemeenten = set(own["gemeente"].dropna().astype(str))
    else:
        own = facilities[(facilities[niveau] == code).to_numpy()] if niveau in facilities.columns else facilities.iloc[0:0]
        if niveau == "gemeente":
            gemeenten = {code}
        else:
            rows = membership[(membership["ouder_niveau"] == niveau).to_numpy() & (membership["ouder_code"] == code).to_numpy()]
            gemeenten = set(rows["kind_code"].astype(str))
    parent = membership[(membership["ouder_niveau"] == "zorgkantoorregio").to_numpy()]
    zk_of = dict(zip(parent["kind_code"].astype(str), parent["ouder_code"].astype(str)))
    zorgkantoorregios = {code} if niveau == "zorgkantoorregio" else {zk_of[g] for g in gemeenten if g in zk_of}
    regions = geography.regions
    if niveau == "organisatie":
        shapes = regions[(regions["niveau"] == "gemeente").to_numpy() & regions["code"].isin(gemeenten).to_numpy()]
        outline = shapely.union_all(shapes.geometry.to_numpy()) if len(shapes) else None
    else:
        match = regions[(regions["niveau"] == niveau).to_numpy() & (regions["code"] == code).to_numpy()]
        outline = match.geometry.iloc[0] if len(match) else None
    ordered = tuple(sorted(gemeenten, key=lambda g: (names.get(g, g).lower(), g)))
    return Scope(niveau, code, naam, own, ordered, tuple(sorted(zorgkantoorregios)), outline, names)


def hap_scope(code: str, naam: str, geo_result, geography: Geography) -> Scope:
    """A HAP service area as geo defines it: its PC4 areas (imported, or derived by nearest HAP) give the outline,
    the gemeenten and zorgkantoorregio's it overlaps; the facilities are those whose own HAP area it is
    (GeoResult.facilities.hap_gebied, as the geo indicators of level 'hap' count them) and the HAP itself."""
    from geo.service_areas import dissolve

    facilities = geo_result.facilities
    mine = (facilities["hap_gebied"].astype(object) == code).to_numpy() | (facilities["id"].astype(str) == code).to_numpy()
    pairs = geo_result.service_area_pc4
    pairs = pairs[(pairs["hap_id"].astype(str) == code).to_numpy()]
    pc4 = geo_result.pc4
    rows = pc4[pc4["pc4"].isin(set(pairs["pc4"])).to_numpy()]
    gemeenten = set(rows["gemeente"].dropna().astype(str))
    zorgkantoorregios = set(rows["zorgkantoorregio"].dropna().astype(str))
    outline = dissolve(pairs[["hap_id", "pc4"]], geography).geometry.iloc[0] if len(pairs) else None
    names = region_names(geography)
    ordered = tuple(sorted(gemeenten, key=lambda g: (names.get(g, g).lower(), g)))
    return Scope("hap", code, naam, facilities[mine], ordered, tuple(sorted(zorgkantoorregios)), outline, names)
