"""bevindingen: coded findings (system failure '-' or good practice '+') per region and wave.

A finding may carry one code of the codebook (data/codeboek.toml; empty = uncoded). The code is not part of the
content key: re-importing the same finding with a code adds or changes its code instead of storing it twice, and
re-importing it without a code keeps the code it has.

Findings corrected or withdrawn by hand (data.finding_edits) keep the `sleutel` of their imported content, and an
import never changes them: re-importing the same file leaves a withdrawn finding withdrawn and a correction in
place (a code in the file does not replace a corrected or withdrawn finding's code), and a row that holds the
corrected content itself (the source file was corrected too) is recognised as that finding, not added again.
"""
from __future__ import annotations

import hashlib
import re

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import models as m
from data.codebook import SHOW_COMMAND, default as codebook, normalise_code
from data.importing.base import KindSpec, aliases_for, records, upsert
from data.importing.context import ImportContext
from data.importing.rules import (
    RowErrors,
    choices,
    column,
    enum_lookup,
    normalise_region_codes,
    parse_enum,
    parse_integer,
)
from data.importing.waves import MAX_CODE, ensure_waves
from data.readers import Table

COLUMNS = ("regio", "golf", "stakeholder", "voorwaarde", "richting", "gewicht", "bron", "tekst", "code")
ALIASES = aliases_for(
    COLUMNS,
    {
        "regio": ("regiocode", "regio_code", "gebied", "gebiedscode"),
        "golf": ("meetgolf", "wave", "meting"),
        "stakeholder": ("stakeholdergroep", "groep", "actorgroep"),
        "voorwaarde": ("conditie", "systeemvoorwaarde", "systeemconditie"),
        "richting": ("teken", "plus_min", "effect"),
        "gewicht": ("weging", "gewicht_1_3", "belang"),
        "bron": ("source", "document"),
        "tekst": ("omschrijving", "beschrijving", "bevinding", "text"),
        "code": ("codeboek", "itemcode", "codeboekcode", "code_codeboek", "item"),
    },
)
STAKEHOLDERS = enum_lookup(
    m.STAKEHOLDERS,
    {
        "aanbieder": "aanbieders",
        "gebruiker": "gebruikers",
        "intermediair": "intermediairs",
        "voorwaardenscheppende partijen": "voorwaardenscheppend",
        "voorwaarden scheppend": "voorwaardenscheppend",
        "voorwaardenscheppers": "voorwaardenscheppend",
    },
)
CONDITIONS = enum_lookup(
    m.CONDITIONS,
    {
        "infra": "infrastructuur",
        "harde institutie": "harde_instituties",
        "zachte institutie": "zachte_instituties",
        "interactie netwerk te sterk": "netwerk_te_sterk",
        "interactie netwerk te zwak": "netwerk_te_zwak",
        "te sterk netwerk": "netwerk_te_sterk",
        "te zwak netwerk": "netwerk_te_zwak",
        "interactie goed netwerk": "goed_netwerk",
        "competentie": "competenties",
    },
)
# Any dash (hyphen, minus sign, en/em dash) or a word; '+' and '-' are what the export writes.
_MINUS = {"-", "\u2212", "\u2013", "\u2014", "-1", "min", "minus", "negatief", "falen", "systeemfalen", "faalfactor"}
_PLUS = {"+", "+1", "1", "plus", "positief", "goed", "good practice", "goede praktijk"}
DIRECTION_HELP = "gebruik - (systeemfalen) of + (goede praktijk)"


def parse_direction(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = values.astype(object).fillna("").map(lambda v: re.sub(r"\s+", " ", str(v).strip().lower()))
    result = pd.Series([None] * len(text), index=text.index, dtype=object)
    result[text.isin(_MINUS)] = -1
    result[text.isin(_PLUS)] = 1
    return result, text.ne("") & result.isna()


def finding_key(row: dict) -> str:
    """sha256 of the normalised content: the same finding imported twice is stored once.

    The codebook code is left out on purpose: coding a finding later must update it, not add a second one.
    """
    parts = [row["regio"], row["golf"], row["stakeholder"], row["voorwaarde"], str(row["richting"]), str(row["gewicht"])]
    parts += [re.sub(r"\s+", " ", row.get(name) or "").strip() for name in ("bron", "tekst")]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def validate(table: Table, ctx: ImportContext, errors: RowErrors, warnings: list[str]) -> pd.DataFrame:
    f = table.frame
    out = pd.DataFrame(index=f.index)
    out["regio"] = normalise_region_codes(column(f, "regio"))
    errors.add_mask(out, out["regio"].eq(""), "regio", "regio ontbreekt (CBS-code, bv. GM0363, ZK05, PV27 of 1011)")
    filled = out["regio"].ne("")
    if filled.any():
        unknown = filled & ~out["regio"].isin(ctx.region_codes)
        errors.add_mask(out, unknown, "regio", lambda v: f"regiocode '{v}' bestaat niet")
    out["golf"] = column(f, "golf")
    errors.add_mask(out, out["golf"].eq(""), "golf", "golf ontbreekt (bv. 2021 of 2024-najaar)")
    errors.add_mask(out, out["golf"].str.len() > MAX_CODE, "golf", f"golf is langer dan {MAX_CODE} tekens")
    for name, lookup, allowed in (
        ("stakeholder", STAKEHOLDERS, m.STAKEHOLDERS),
        ("voorwaarde", CONDITIONS, m.CONDITIONS),
    ):
        raw = column(f, name)
        out[name], bad = parse_enum(raw, lookup)
        errors.add_mask(out, raw.eq(""), name, f"{name} ontbreekt; kies uit {choices(allowed)}")
        errors.add(f.index[bad], name, [f"onbekende {name} '{v}'; kies uit {choices(allowed)}" for v in raw[bad]])
    validate_direction(f, out, errors)
    validate_weight(f, out, errors)
    out["bron"] = column(f, "bron")
    errors.add_mask(out, out["bron"].str.len() > 200, "bron", "bron is langer dan 200 tekens")
    out["tekst"] = column(f, "tekst")
    out["code"] = column(f, "code").map(normalise_code)
    check_codes(out, errors)
    complete = out.notna().all(axis=1)
    out["sleutel"] = [finding_key(row) if ok else "" for row, ok in zip(out.to_dict("records"), complete)]
    repeated = out["sleutel"].ne("") & out["sleutel"].duplicated(keep="first")
    if repeated.any():
        rows = ", ".join(str(r) for r in out.index[repeated])
        warnings.append(f"rij(en) {rows} herhalen een eerdere bevinding en tellen één keer")
        _merge_repeated_codes(out, errors)
    _warn_edited(out, ctx, warnings)
    return out


def validate_direction(f: pd.DataFrame, out: pd.DataFrame, errors: RowErrors) -> None:
    """out['richting'] = -1/+1 from the cells of f['richting']; empty or unknown directions are row errors."""
    raw = column(f, "richting")
    out["richting"], bad = parse_direction(raw)
    errors.add_mask(out, raw.eq(""), "richting", f"richting ontbreekt; {DIRECTION_HELP}")
    errors.add(f.index[bad.to_numpy()], "richting", [f"onbekende richting '{v}'; {DIRECTION_HELP}" for v in raw[bad]])


def validate_weight(f: pd.DataFrame, out: pd.DataFrame, errors: RowErrors) -> None:
    """out['gewicht'] = 1, 2 or 3 from the cells of f['gewicht'] (empty: 1); anything else is a row error."""
    raw = column(f, "gewicht")
    weight, bad = parse_integer(raw)
    bad = bad | ((weight < 1) | (weight > 3)).fillna(False).to_numpy()
    errors.add(f.index[bad], "gewicht", [f"gewicht '{v}' moet 1, 2 of 3 zijn" for v in raw[bad]])
    out["gewicht"] = weight.fillna(1)  # empty weight means the default 1


def edited_findings(connection) -> tuple[set[str], dict[str, str]]:
    """Keys of the withdrawn findings, and for every corrected finding the key of its current content -> its
    `sleutel` (the key of the content it was imported with)."""
    b = m.Finding
    rows = connection.execute(
        select(b.sleutel, b.ingetrokken, b.regio, b.golf, b.stakeholder, b.voorwaarde, b.richting, b.gewicht, b.bron,
               b.tekst).where(b.ingetrokken.is_(True) | b.gewijzigd.is_not(None))
    ).all()
    withdrawn = {row.sleutel for row in rows if row.ingetrokken}
    corrected = {finding_key(row._asdict()): row.sleutel for row in rows if not row.ingetrokken}
    return withdrawn, corrected


def _warn_edited(out: pd.DataFrame, ctx: ImportContext, warnings: list[str]) -> None:
    """Say which rows belong to findings withdrawn or corrected by hand: the import leaves those as they are."""
    with ctx.engine.connect() as connection:
        withdrawn, corrected = edited_findings(connection)
    if not withdrawn and not corrected:
        return
    keys = out["sleutel"]
    for mask, text in (
        (keys.isin(withdrawn), "horen bij een ingetrokken bevinding; die blijft ingetrokken"),
        (keys.isin(set(corrected) | set(corrected.values())) & ~keys.isin(withdrawn),
         "horen bij een met de hand gecorrigeerde bevinding; de correctie blijft staan"),
    ):
        if mask.any():
            warnings.append(f"rij(en) {', '.join(str(r) for r in out.index[mask])} {text}")


def check_codes(out: pd.DataFrame, errors: RowErrors) -> None:
    """An unknown code, or one whose voorwaarde or richting differs from the row's, rejects the row."""
    book = codebook()
    for row, code, voorwaarde, richting in zip(out.index, out["code"], out["voorwaarde"], out["richting"]):
        if not code:
            continue
        if code not in book:
            errors.add([row], "code", f"code '{code}' staat niet in het codeboek; {SHOW_COMMAND} toont de bekende "
                                      f"codes (data/codeboek.toml), of laat de code leeg")
            continue
        item = book.item(code)
        if voorwaarde is not None and voorwaarde != item.voorwaarde:
            errors.add([row], "code", f"code '{code}' hoort bij voorwaarde {item.voorwaarde}, niet bij {voorwaarde}")
        if richting is not None and int(richting) != item.richting:
            errors.add([row], "code", f"code '{code}' is een {_direction_word(item.richting)}, maar de richting "
                                      f"van de rij is {'+' if int(richting) > 0 else '-'}")


def _direction_word(richting: int) -> str:
    return "goede praktijk (+)" if richting > 0 else "belemmering (-)"


def _merge_repeated_codes(out: pd.DataFrame, errors: RowErrors) -> None:
    """Rows repeating a finding share its code: the first one given; a different second code is an error."""
    first: dict[str, tuple[int, str]] = {}
    for row, key, code in zip(out.index, out["sleutel"], out["code"]):
        if not key or not code:
            continue
        if key not in first:
            first[key] = (row, code)
        elif first[key][1] != code:
            errors.add([row], "code", f"rij {row} herhaalt de bevinding van rij {first[key][0]} met een andere code "
                                      f"('{code}' naast '{first[key][1]}')")
    if first:
        keys = out["sleutel"]
        out["code"] = [first[k][1] if k in first else c for k, c in zip(keys, out["code"])]


def write(session: Session, rows: pd.DataFrame, ctx: ImportContext) -> None:
    ensure_waves(session, rows["golf"], ctx)
    frame = rows.drop_duplicates("sleutel").copy()
    for name in ("bron", "tekst", "code"):
        frame[name] = frame[name].where(frame[name].ne(""), None)
    # A row holding the current content of a finding corrected by hand is that finding: nothing to add.
    _, corrected = edited_findings(session)
    frame = frame[~frame["sleutel"].isin(list(corrected))]
    coded = frame["code"].notna()
    # A code in the file sets the stored one; a row without a code leaves a stored code alone. Findings corrected
    # or withdrawn by hand keep what they have.
    table = m.Finding.__table__
    untouched = table.c.gewijzigd.is_(None) & table.c.ingetrokken.is_(False)
    upsert(session, m.Finding, records(frame[coded], ["sleutel", *COLUMNS]), keys=["sleutel"], update=["code"],
           where=untouched)
    upsert(session, m.Finding, records(frame[~coded], ["sleutel", *COLUMNS]), keys=["sleutel"])


SPEC = KindSpec(
    name="bevindingen",
    columns=COLUMNS,
    required=("regio", "golf", "stakeholder", "voorwaarde", "richting"),
    aliases=ALIASES,
    validate=validate,
    write=write,
)
