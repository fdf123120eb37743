"""The convenant's action lines (data/actielijnen.toml): reference data the `acties` import validates against.

Each line has a stable key, a name (what is stored), aliases the import accepts, its national lead parties, the
level it works on, and the systeemvoorwaarden and codebook codes (data/codeboek.toml) it addresses; the monitor
links the bottlenecks it finds to the lines through those (monitor.action_links). The regional facilitation line
is carried in a region by that region's zorgkantoor, never by a national body. The file also names the codebook
codes that record awareness of the convenant (`[bekendheid]`).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from data import codebook as codebook_module
from data.errors import UserError
from data.models import CONDITIONS
from data.readers import normalise_name

ACTION_LINES_PATH = Path(__file__).with_name("actielijnen.toml")
LEVELS = ("landelijk", "regionaal", "beide")
SHOW_COMMAND = "python -m data actielijnen"
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ActionLine:
    sleutel: str
    naam: str
    aliassen: tuple[str, ...]
    thema: str
    partijen: tuple[str, ...]  # national lead parties
    niveau: str  # landelijk | regionaal | beide
    regionaal_door: str  # 'zorgkantoor' when the zorgkantoor of the region carries it there; '' otherwise
    voorwaarden: tuple[str, ...]
    codes: tuple[str, ...]
    bron: str
    omschrijving: str

    @property
    def by_care_office(self) -> bool:
        return self.regionaal_door == "zorgkantoor"

    def addresses(self, soort: str, sleutel: str) -> bool:
        """Whether the line addresses a bottleneck: a condition (soort 'voorwaarde') or a codebook code."""
        if soort == "voorwaarde":
            return sleutel in self.voorwaarden
        if soort == "code":
            return sleutel in self.codes
        return False


@dataclass(frozen=True)
class ActionLines:
    lines: tuple[ActionLine, ...]
    national_parties: tuple[str, ...]
    care_office_party: str  # how the regional zorgkantoor is written as a party ('Zorgkantoor')
    aware_codes: tuple[str, ...]  # codebook codes of findings saying the convenant is known
    unaware_codes: tuple[str, ...]  # ... and that it is not

    def __post_init__(self) -> None:
        lookup = {}
        for line in self.lines:
            for spelling in (line.sleutel, line.naam, *line.aliassen):
                lookup[normalise_name(spelling)] = line
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_by_key", {line.sleutel: line for line in self.lines})
        parties = {normalise_name(p): p for p in self.national_parties}
        parties[normalise_name(self.care_office_party)] = self.care_office_party
        object.__setattr__(self, "_parties", parties)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self):
        return iter(self.lines)

    def find(self, text) -> ActionLine | None:
        """The line named by a key, name or alias (any case, accents, spaces or dashes); None when unknown."""
        return self._lookup.get(normalise_name(text or ""))

    def line(self, sleutel: str) -> ActionLine:
        try:
            return self._by_key[sleutel]
        except KeyError:
            raise UserError(f"Onbekende actielijn '{sleutel}'; {SHOW_COMMAND} toont de bekende.") from None

    def keys(self) -> tuple[str, ...]:
        return tuple(line.sleutel for line in self.lines)

    def known_list(self) -> str:
        """The known lines by key, for error messages."""
        return ", ".join(self.keys())

    def party(self, text: str) -> str:
        """A known party in its own spelling ('vgn' -> 'VGN', 'zorgkantoor' -> 'Zorgkantoor'); others as written."""
        return self._parties.get(normalise_name(text), text)

    def is_national_party(self, text: str) -> bool:
        return normalise_name(text) in {normalise_name(p) for p in self.national_parties}

    def is_care_office(self, text: str, care_office_names=()) -> bool:
        """A zorgkantoor as party: the word zorgkantoor in it, or the name of an imported zorgkantoor."""
        name = normalise_name(text)
        return "zorgkantoor" in name or name in {normalise_name(n) for n in care_office_names}

    def party_group(self, text: str) -> str:
        """The party a row counts for in overviews: every zorgkantoor counts as the zorgkantoor."""
        return self.care_office_party if self.is_care_office(text) and not self.is_national_party(text) else self.party(text)

    def covering(self, soort: str, sleutel: str) -> tuple[ActionLine, ...]:
        """The lines that address a bottleneck (condition or codebook code)."""
        return tuple(line for line in self.lines if line.addresses(soort, sleutel))


def _strings(raw: dict, field: str, where: str, required: bool = True) -> tuple[str, ...]:
    values = raw.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise UserError(f"Actielijnen: '{field}' bij {where} moet een lijst met teksten zijn.")
    if required and not values:
        raise UserError(f"Actielijnen: '{field}' ontbreekt bij {where}.")
    return tuple(v.strip() for v in values)


def _line(raw: dict, position: int, parties: set[str], book: codebook_module.Codebook) -> ActionLine:
    where = f"actielijn {position} ({raw.get('sleutel', '?')})"
    for field in ("sleutel", "naam", "thema", "niveau", "bron", "omschrijving"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise UserError(f"Actielijnen: veld '{field}' ontbreekt bij {where}.")
    key = raw["sleutel"].strip()
    if not _KEY.match(key):
        raise UserError(f"Actielijnen: sleutel '{key}' bij {where} bestaat uit kleine letters, cijfers en streepjes.")
    if raw["niveau"] not in LEVELS:
        raise UserError(f"Actielijnen: niveau '{raw['niveau']}' bij {where}; kies uit {', '.join(LEVELS)}.")
    by = str(raw.get("regionaal_door", "") or "")
    if by not in ("", "zorgkantoor"):
        raise UserError(f"Actielijnen: regionaal_door bij {where} is 'zorgkantoor' of leeg, niet '{by}'.")
    if by and raw["niveau"] == "landelijk":
        raise UserError(f"Actielijnen: {where} wordt regionaal door het zorgkantoor getrokken, maar het niveau is landelijk.")
    partijen = _strings(raw, "partijen", where)
    unknown = [p for p in partijen if p not in parties]
    if unknown:
        raise UserError(f"Actielijnen: onbekende partij(en) {', '.join(unknown)} bij {where}; "
                        f"kies uit [partijen] landelijk ({', '.join(sorted(parties))}).")
    voorwaarden = _strings(raw, "voorwaarden", where)
    wrong = [v for v in voorwaarden if v not in CONDITIONS]
    if wrong:
        raise UserError(f"Actielijnen: onbekende voorwaarde(n) {', '.join(wrong)} bij {where}; "
                        f"kies uit {', '.join(CONDITIONS)}.")
    codes = _strings(raw, "codes", where, required=False)
    for code in codes:
        if code not in book:
            raise UserError(f"Actielijnen: code '{code}' bij {where} staat niet in het codeboek "
                            f"({codebook_module.SHOW_COMMAND}).")
        if book.item(code).richting > 0:
            raise UserError(f"Actielijnen: code '{code}' bij {where} is een goede praktijk; een actielijn pakt "
                            "belemmeringen aan.")
    return ActionLine(key, raw["naam"].strip(), _strings(raw, "aliassen", where, required=False), raw["thema"].strip(),
                      partijen, raw["niveau"], by, voorwaarden, codes, raw["bron"].strip(), raw["omschrijving"].strip())


def parse(raw: dict, book: codebook_module.Codebook | None = None) -> ActionLines:
    """Build and validate the action lines from parsed TOML; a Dutch UserError names the faulty line."""
    book = book or codebook_module.default()
    party_table = raw.get("partijen") or {}
    national = _strings(party_table, "landelijk", "[partijen]")
    care_office = str(party_table.get("zorgkantoor") or "Zorgkantoor").strip()
    lines = tuple(_line(entry, i, set(national), book) for i, entry in enumerate(raw.get("actielijn", []), start=1))
    if not lines:
        raise UserError("Actielijnen: er staan geen actielijnen in.")
    seen: dict[str, str] = {}
    for line in lines:
        for spelling in (line.sleutel, line.naam, *line.aliassen):
            key = normalise_name(spelling)
            if key in seen and seen[key] != line.sleutel:
                raise UserError(f"Actielijnen: '{spelling}' hoort bij twee actielijnen ({seen[key]} en {line.sleutel}).")
            seen[key] = line.sleutel
    keys = [line.sleutel for line in lines]
    if len(set(keys)) != len(keys):
        raise UserError(f"Actielijnen: sleutel(s) dubbel: {', '.join(sorted({k for k in keys if keys.count(k) > 1}))}.")
    awareness = raw.get("bekendheid") or {}
    aware = _strings(awareness, "bekend", "[bekendheid]", required=False)
    unaware = _strings(awareness, "onbekend", "[bekendheid]", required=False)
    for code in (*aware, *unaware):
        if code not in book:
            raise UserError(f"Actielijnen: bekendheidscode '{code}' staat niet in het codeboek.")
    for code in aware:
        if book.item(code).richting < 0:
            raise UserError(f"Actielijnen: bekendheidscode '{code}' onder 'bekend' is een belemmering.")
    for code in unaware:
        if book.item(code).richting > 0:
            raise UserError(f"Actielijnen: bekendheidscode '{code}' onder 'onbekend' is een goede praktijk.")
    return ActionLines(lines, national, care_office, aware, unaware)


def load(path: Path | str | None = None) -> ActionLines:
    path = Path(path or ACTION_LINES_PATH)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Actielijnen niet gevonden: {path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Actielijnen {path} is geen geldige TOML: {error}.") from None
    return parse(raw)


@lru_cache(maxsize=1)
def default() -> ActionLines:
    """The shipped action lines, read once per process."""
    return load()


def as_text(lines: ActionLines | None = None) -> str:
    """One block per line, for `python -m data actielijnen`."""
    lines = lines or default()
    out = []
    for line in lines:
        parties = ", ".join(line.partijen)
        if line.by_care_office:
            parties += f"; in de regio: het zorgkantoor van de regio ({lines.care_office_party})"
        out.append(f"{line.sleutel}  {line.naam}")
        out.append(f"    thema: {line.thema}; niveau: {line.niveau}; partijen: {parties}")
        out.append(f"    voorwaarden: {', '.join(line.voorwaarden)}; codes: {', '.join(line.codes) or '-'}")
        if line.aliassen:
            out.append(f"    ook: {'; '.join(line.aliassen)}")
    return "\n".join(out)


__all__ = ["ACTION_LINES_PATH", "ActionLine", "ActionLines", "SHOW_COMMAND", "as_text", "default", "load", "parse"]
