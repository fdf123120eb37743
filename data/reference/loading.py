"""Load the CBS reference geography (gemeenten, zorgkantoorregio's, provincies, PC4) into the database.

Source order: an explicit folder, MGZ_REFERENCE_DIR, the local cache, a download from PDOK/CBS.
Membership (gemeente -> zorgkantoorregio/provincie, pc4 -> gemeente) comes from an optional table in the folder,
otherwise from the largest area overlap in RD (EPSG:28992).
"""
from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Engine, delete, insert, select, update

from data import config
from data import models as m
from data.db import transaction
from data.access import Gebruiker, require
from data.audit import record
from data.errors import UserError
from data.reference.files import (
    LEVEL_LABELS,
    Layer,
    discover,
    membership_table_path,
    read_layer,
    read_membership_table,
    write_cache,
)
from data.reference.geometry import largest_overlap, to_rd, web_copy

Progress = Callable[[str], None]
REQUIRED_LEVELS = ("gemeente", "zorgkantoorregio", "provincie")
INFO_KEY = "referentie"
HINT = (
    "zet MGZ_REFERENCE_DIR op een map met de CBS-grensbestanden (gemeente*, zorgkantoorregio*, provincie*, pc4*) "
    "of voer met internet `python -m data reference --download` uit."
)


def _dutch_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class ReferenceSummary:
    """What a load stored; `str()` gives a short Dutch summary."""

    source: str
    counts: dict[str, int]
    years: dict[str, int | None]
    membership: str
    seconds: float
    notes: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        parts = [f"{_dutch_int(self.counts.get(level, 0))} {LEVEL_LABELS[level]}" for level in m.REGION_LEVELS]
        years = ", ".join(f"{level} {year}" for level, year in self.years.items() if year)
        text = f"Referentiegeografie geladen uit {self.source}: {', '.join(parts)}"
        text += f" (jaar: {years})." if years else "."
        seconds = f"{self.seconds:.1f}".replace(".", ",")  # Dutch notation: 'klaar in 4,9 s'
        text += f" Lidmaatschap {self.membership}; klaar in {seconds} s."
        return "\n".join([text, *self.notes])


@dataclass
class _Source:
    folder: Path
    kind: str  # map | cache | download
    label: str


def load_reference(
    engine: Engine, source_dir: Path | str | None = None, download: bool = False, progress: Progress = print,
    user: Gebruiker | None = None,
) -> ReferenceSummary:
    """Read boundary files, derive memberships and store everything in one transaction (idempotent).

    `user` (None: the local single user) needs the permission `referentie_laden`; the load is audited.
    """
    from data.users import acting_user

    actor = acting_user(user)
    require(actor, "referentie_laden")
    return _load_reference(engine, source_dir, download, progress, actor, automatic=False)


def _load_reference(
    engine: Engine, source_dir: Path | str | None, download: bool, progress: Progress, actor: Gebruiker,
    automatic: bool,
) -> ReferenceSummary:
    started = time.perf_counter()
    audit = (actor, automatic)
    if source_dir is not None:
        folder = Path(source_dir).expanduser()
        _require_complete(folder, discover(folder))
        kind = "cache" if folder.resolve() == config.cache_dir().resolve() else "map"  # never rewrite the source
        return _load(engine, _Source(folder, kind, str(folder)), progress, started, audit)
    if not download:
        for source in _offline_sources():
            if all(level in discover(source.folder) for level in REQUIRED_LEVELS):
                return _load(engine, source, progress, started, audit)
            if source.kind == "map" and discover(source.folder):
                _require_complete(source.folder, discover(source.folder))  # a half-filled MGZ_REFERENCE_DIR is an error
        progress("Geen referentiegeografie gevonden op deze computer; downloaden van PDOK/CBS…")
    from data.reference.download import DownloadError, download_reference

    with tempfile.TemporaryDirectory(prefix="mgz-download-") as tmp:
        try:
            download_reference(Path(tmp), progress=progress)
        except DownloadError as error:
            what = "Downloaden van de referentiegeografie" if download else (
                "Er is geen referentiegeografie op deze computer gevonden en downloaden"
            )
            raise UserError(f"{what} lukte niet ({error}); {HINT}") from error
        return _load(engine, _Source(Path(tmp), "download", "PDOK/CBS (download)"), progress, started, audit)


def ensure_reference(engine: Engine, progress: Progress = print, user: Gebruiker | None = None) -> bool:
    """Load the reference geography when the regio table is empty; returns whether it loaded.

    This automatic first-use load needs no role (any data function may need the geography), but it is audited
    for `user` (None: the local single user), marked "automatisch".
    """
    from data.users import acting_user

    with engine.connect() as connection:
        if connection.execute(select(m.Region.id).limit(1)).first() is not None:
            return False
    progress(str(_load_reference(engine, None, False, progress, acting_user(user), automatic=True)))
    return True


def reference_info(engine: Engine) -> dict | None:
    """What was loaded last (source, kind, years, membership), or None before the first load."""
    with engine.connect() as connection:
        value = connection.execute(select(m.DatasetInfo.waarde).where(m.DatasetInfo.sleutel == INFO_KEY)).scalar()
    return json.loads(value) if value else None


def _offline_sources() -> list[_Source]:
    sources = []
    env = config.reference_dir()
    if env is not None:
        sources.append(_Source(env, "map", f"{env} (MGZ_REFERENCE_DIR)"))
    sources.append(_Source(config.cache_dir(), "cache", "de lokale cache"))
    return sources


def _require_complete(folder: Path, files: dict) -> None:
    if not folder.is_dir():
        raise UserError(f"De map {folder} bestaat niet; {HINT}")
    missing = [level for level in REQUIRED_LEVELS if level not in files]
    if not files:
        raise UserError(f"Geen CBS-grensbestanden gevonden in {folder}; {HINT}")
    if missing:
        raise UserError(
            f"In {folder} ontbreken grensbestanden voor {', '.join(missing)} (namen beginnend met "
            f"{', '.join(level + '*' for level in missing)}); {HINT}"
        )


def _load(engine: Engine, source: _Source, progress: Progress, started: float,
          audit: tuple[Gebruiker, bool]) -> ReferenceSummary:
    files = discover(source.folder)
    layers: dict[str, Layer] = {}
    notes: list[str] = []
    for level in m.REGION_LEVELS:
        if level not in files:
            notes.append("Geen pc4*-bestand gevonden: PC4-gebieden en werkgebieden per postcode ontbreken.")
            continue
        layers[level] = read_layer(files[level])
        progress(f"Gelezen: {files[level].path.name} ({_dutch_int(len(layers[level].frame))} {LEVEL_LABELS[level]})")
    if "pc4" in layers:
        empty = layers["pc4"].frame.loc[layers["pc4"].frame.geometry.isna(), "code"].tolist()
        if empty:
            notes.append(f"PC4 zonder vlak (opgeslagen zonder geometrie en zonder gemeente): {', '.join(empty)}.")
    rd = {level: to_rd(np.asarray(layer.frame.geometry.array)) for level, layer in layers.items()}
    memberships, membership_text = _memberships(layers, rd, source.folder, progress)
    estimated = _fill_population(layers, memberships, notes)
    rows = _region_rows(layers, rd)
    info = {
        "bron": source.label,
        "soort": source.kind,
        "jaar": layers["gemeente"].year,
        "jaren": {level: layer.year for level, layer in layers.items()},
        "bestanden": {level: layer.source for level, layer in layers.items()},
        "lidmaatschap": membership_text,
        "inwoners": "benaderd uit PC4-inwoners" if estimated else "uit de bestanden",
    }
    if source.kind == "cache":
        origin = _cache_origin()
        if origin:
            info["bron"] = f"de lokale cache (oorspronkelijk {origin})"
    progress("Opslaan in de database…")
    _store(engine, rows, memberships, info, audit)
    if source.kind != "cache":
        _write_cache(layers, memberships, info, progress)
    counts = {level: len(layer.frame) for level, layer in layers.items()}
    years = {level: layer.year for level, layer in layers.items()}
    return ReferenceSummary(info["bron"], counts, years, membership_text, time.perf_counter() - started, tuple(notes))


def _memberships(layers: dict[str, Layer], rd: dict, folder: Path, progress: Progress) -> tuple[pd.DataFrame, str]:
    """Rows kind_code, ouder_niveau, ouder_code, overlap; from a table when present, else by largest overlap."""
    gemeenten = layers["gemeente"].frame["code"].to_numpy()
    frames = []
    table_path = membership_table_path(folder)
    table = read_membership_table(table_path, layers) if table_path else None
    for parent in ("zorgkantoorregio", "provincie"):
        derived = largest_overlap(rd["gemeente"], rd[parent])
        frame = pd.DataFrame(
            {
                "kind_code": gemeenten[derived.index.to_numpy()],
                "ouder_niveau": parent,
                "ouder_code": layers[parent].frame["code"].to_numpy()[derived["parent"].to_numpy()],
                "overlap": derived["overlap"].to_numpy(),
            }
        )
        if table is not None:
            given = table[table["ouder_niveau"] == parent].set_index("kind_code")
            known = frame["kind_code"].isin(given.index)
            frame.loc[known, "ouder_code"] = given.loc[frame.loc[known, "kind_code"], "ouder_code"].to_numpy()
            overlap = pd.to_numeric(given.loc[frame.loc[known, "kind_code"], "overlap"], errors="coerce")
            frame.loc[known, "overlap"] = overlap.to_numpy(dtype=float)
        frames.append(frame)
    if "pc4" in layers:
        derived = largest_overlap(rd["pc4"], rd["gemeente"])
        frames.append(
            pd.DataFrame(
                {
                    "kind_code": layers["pc4"].frame["code"].to_numpy()[derived.index.to_numpy()],
                    "ouder_niveau": "gemeente",
                    "ouder_code": gemeenten[derived["parent"].to_numpy()],
                    "overlap": derived["overlap"].to_numpy(),
                }
            )
        )
    text = f"uit {table_path.name}" if table is not None else "afgeleid uit de grootste overlap"
    progress(f"Lidmaatschap {text}.")
    result = pd.concat(frames, ignore_index=True)
    result["overlap"] = result["overlap"].astype(float).round(4)
    return result, text


def _fill_population(layers: dict[str, Layer], memberships: pd.DataFrame, notes: list[str]) -> bool:
    """Without inhabitants per gemeente, sum the PC4 inhabitants (approximate: a PC4 counts for one gemeente)."""
    if "pc4" not in layers or layers["gemeente"].frame["inwoners"].notna().any():
        return False
    pc4 = layers["pc4"].frame.set_index("code")["inwoners"].dropna()
    if pc4.empty:
        return False
    links = memberships[memberships["ouder_niveau"] == "gemeente"]
    per_gemeente = pc4.reindex(links["kind_code"]).groupby(links["ouder_code"].to_numpy()).sum(min_count=1)
    gemeente = layers["gemeente"].frame
    gemeente["inwoners"] = pd.array(gemeente["code"].map(per_gemeente), dtype="Int64")
    for parent in ("zorgkantoorregio", "provincie"):
        links = memberships[memberships["ouder_niveau"] == parent]
        totals = per_gemeente.reindex(links["kind_code"]).groupby(links["ouder_code"].to_numpy()).sum(min_count=1)
        frame = layers[parent].frame
        if frame["inwoners"].isna().all():
            frame["inwoners"] = pd.array(frame["code"].map(totals), dtype="Int64")
    notes.append("Inwoners per gemeente, zorgkantoorregio en provincie benaderd als som van de PC4-inwoners.")
    return True


def _region_rows(layers: dict[str, Layer], rd: dict) -> list[dict]:
    rows = []
    for level, layer in layers.items():
        frame = layer.frame
        full = shapely.to_wkb(np.asarray(frame.geometry.array))
        web = shapely.to_wkb(web_copy(rd[level], level))
        population = frame["inwoners"].astype(object).where(frame["inwoners"].notna(), None)
        for code, naam, inwoners, geometry, geometry_web in zip(frame["code"], frame["naam"], population, full, web):
            rows.append(
                {
                    "niveau": level,
                    "code": code,
                    "naam": naam,
                    "jaar": layer.year,
                    "inwoners": None if inwoners is None else int(inwoners),
                    "geometrie": geometry,
                    "geometrie_web": geometry_web,
                }
            )
    return rows


def _store(engine: Engine, rows: list[dict], memberships: pd.DataFrame, info: dict,
           audit: tuple[Gebruiker, bool]) -> None:
    """Replace the reference rows in one transaction, with the audit row; rows keep their id when their
    (niveau, code) stays."""
    link_rows = [
        {"kind_code": k, "ouder_niveau": n, "ouder_code": c, "overlap": None if pd.isna(o) else float(o)}
        for k, n, c, o in memberships[["kind_code", "ouder_niveau", "ouder_code", "overlap"]].itertuples(index=False)
    ]
    with transaction(engine) as session:
        existing = {(n, c): i for n, c, i in session.execute(select(m.Region.niveau, m.Region.code, m.Region.id))}
        wanted = {(row["niveau"], row["code"]) for row in rows}
        stale = [i for key, i in existing.items() if key not in wanted]
        for start in range(0, len(stale), 500):
            session.execute(delete(m.Region).where(m.Region.id.in_(stale[start : start + 500])))
        updates = [{**row, "id": existing[(row["niveau"], row["code"])]} for row in rows if (row["niveau"], row["code"]) in existing]
        inserts = [row for row in rows if (row["niveau"], row["code"]) not in existing]
        if updates:
            session.execute(update(m.Region), updates)
        if inserts:
            session.execute(insert(m.Region), inserts)
        session.execute(delete(m.RegionMembership))
        if link_rows:
            session.execute(insert(m.RegionMembership), link_rows)
        session.merge(m.DatasetInfo(sleutel=INFO_KEY, waarde=json.dumps(info, ensure_ascii=False, sort_keys=True)))
        actor, automatic = audit
        session.flush()
        record(session, actor, "referentie_geladen", info["bron"], {
            "soort": info["soort"], "jaren": info["jaren"], "gebieden": len(rows), "automatisch": automatic,
        })


def _cache_origin() -> str | None:
    path = config.cache_dir() / "herkomst.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("bron")
    except (OSError, ValueError):
        return None


def _write_cache(layers: dict[str, Layer], memberships: pd.DataFrame, info: dict, progress: Progress) -> None:
    try:
        write_cache(config.cache_dir(), layers, memberships, info)
        progress(f"Kopie bewaard in {config.cache_dir()} voor gebruik zonder internet.")
    except OSError as error:  # the load itself succeeded; a missing cache only costs a later download
        progress(f"Let op: de lokale cache kon niet worden geschreven ({error}).")
