"""The codebook (data/codeboek.toml): the items of Table 1 and 2 of the study, plus the chain links of par. 4.1.

A finding may carry one code of this codebook. It lives in the data layer because the import validates codes
against it; the monitor reads it from here (the layers point one way). The file header explains the code scheme.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from data.errors import UserError
from data.models import CONDITIONS, STAKEHOLDERS

CODEBOOK_PATH = Path(__file__).with_name("codeboek.toml")
PREFIXES = {
    "IN": "infrastructuur",
    "HI": "harde_instituties",
    "ZI": "zachte_instituties",
    "TS": "netwerk_te_sterk",
    "ZW": "netwerk_te_zwak",
    "GN": "goed_netwerk",
    "CO": "competenties",
}
CODE_PATTERN = re.compile(r"^([A-Z]{2})(\d{2})$")
SHOW_COMMAND = "python -m data codeboek"


@dataclass(frozen=True)
class CodebookItem:
    code: str
    voorwaarde: str
    stakeholder: str  # '' when the item spans every stakeholder group
    richting: int  # -1 system failure, +1 good practice
    omschrijving: str
    bron: str


@dataclass(frozen=True)
class Codebook:
    items: tuple[CodebookItem, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {item.code: item for item in self.items})

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self.items)

    def item(self, code: str) -> CodebookItem:
        try:
            return self._by_code[code]
        except KeyError:
            raise UserError(f"Code '{code}' staat niet in het codeboek; {SHOW_COMMAND} toont de bekende codes.") from None

    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)


def normalise_code(value) -> str:
    """' zw01 ' -> 'ZW01': codes are written upper case without spaces; anything else stays as written."""
    return re.sub(r"\s+", "", str(value or "")).upper()


def _item(raw: dict, position: int) -> CodebookItem:
    where = f"item {position} ({raw.get('code', '?')})"
    for field in ("code", "voorwaarde", "richting", "omschrijving", "bron"):
        if raw.get(field) in (None, ""):
            raise UserError(f"Codeboek: veld '{field}' ontbreekt bij {where}.")
    code = str(raw["code"])
    match = CODE_PATTERN.match(code)
    if not match or match.group(1) not in PREFIXES:
        raise UserError(f"Codeboek: code '{code}' volgt het schema niet (twee letters uit {', '.join(PREFIXES)} en twee cijfers).")
    voorwaarde = raw["voorwaarde"]
    if voorwaarde not in CONDITIONS:
        raise UserError(f"Codeboek: onbekende voorwaarde '{voorwaarde}' bij {where}; kies uit {', '.join(CONDITIONS)}.")
    if PREFIXES[match.group(1)] != voorwaarde:
        raise UserError(f"Codeboek: code '{code}' begint met {match.group(1)}, maar de voorwaarde is {voorwaarde}.")
    stakeholder = raw.get("stakeholder", "") or ""
    if stakeholder and stakeholder not in STAKEHOLDERS:
        raise UserError(f"Codeboek: onbekende stakeholder '{stakeholder}' bij {where}; kies uit {', '.join(STAKEHOLDERS)} of laat leeg.")
    richting = raw["richting"]
    if richting not in (-1, 1) or isinstance(richting, bool):
        raise UserError(f"Codeboek: richting bij {where} moet -1 (belemmering) of 1 (goede praktijk) zijn.")
    if (int(match.group(2)) > 50) != (richting == 1) or int(match.group(2)) in (0, 50):
        raise UserError(f"Codeboek: code '{code}' past niet bij richting {richting} (01-49 belemmering, 51-99 goede praktijk).")
    return CodebookItem(code, voorwaarde, stakeholder, int(richting), str(raw["omschrijving"]).strip(), str(raw["bron"]).strip())


def parse(raw: dict) -> Codebook:
    """Build and validate a codebook from parsed TOML; a Dutch UserError names the faulty item."""
    items = tuple(_item(entry, position) for position, entry in enumerate(raw.get("item", []), start=1))
    if not items:
        raise UserError("Codeboek: er staan geen items in.")
    codes = [item.code for item in items]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise UserError(f"Codeboek: code(s) dubbel: {', '.join(duplicates)}.")
    return Codebook(items)


def load(path: Path | str | None = None) -> Codebook:
    path = Path(path or CODEBOOK_PATH)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise UserError(f"Codeboek niet gevonden: {path}.") from error
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Codeboek {path} is geen geldige TOML: {error}.") from error
    return parse(raw)


@lru_cache(maxsize=1)
def default() -> Codebook:
    """The shipped codebook, read once per process."""
    return load()


def known_codes() -> frozenset[str]:
    return frozenset(default().codes())


def as_text(codebook: Codebook | None = None) -> str:
    """One line per item, for `python -m data codeboek`."""
    book = codebook or default()
    lines = []
    for item in book.items:
        sign = "-" if item.richting < 0 else "+"
        group = item.stakeholder or "alle groepen"
        lines.append(f"{item.code}  {sign}  {item.voorwaarde:<19} {group:<20} {item.omschrijving} ({item.bron})")
    return "\n".join(lines)


__all__ = [
    "CODEBOOK_PATH", "SHOW_COMMAND", "Codebook", "CodebookItem", "as_text", "default", "known_codes", "load",
    "normalise_code", "parse",
]
