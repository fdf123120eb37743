"""The content model of a regiodossier: a plain tree of sections and blocks that every output reads.

monitor.dossier.content builds it once; monitor.dossier.pdf and monitor.dossier.docx render it, and the dashboard
shows the same blocks, so each text exists in one place. Blocks hold plain strings (never markup): renderers
escape them for their own format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | lead (emphasised opening) | note (small print: sources, method)


@dataclass(frozen=True)
class Heading:
    """A subheading inside a section."""

    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; empty = equal
    caption: str = ""
    blank_rows: int = 0  # extra empty rows to fill in by hand (the afsprakenlijst)


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str
    width_cm: float = 17.0


Block = Paragraph | Heading | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    key: str  # samenvatting, kaart, tafel, knelpunten, voorbeelden, acties, agenda, bijlage
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = True


class Document:
    """What the dossier and the wave report share: sections of blocks, read back as plain texts."""

    titel: str
    ondertitel: str
    sections: tuple[Section, ...]
    bronnen: tuple[str, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def texts(self) -> list[str]:
        """Every string of the document in reading order (for tests and plain-text previews)."""
        out = [self.titel, self.ondertitel, self.header, self.footer]
        for section in self.sections:
            out.append(section.title)
            for block in section.blocks:
                if isinstance(block, (Paragraph, Heading)):
                    out.append(block.text)
                elif isinstance(block, Bullets):
                    out.extend(block.items)
                elif isinstance(block, Table):
                    out.extend(block.columns)
                    out.extend(cell for row in block.rows for cell in row)
                    out.append(block.caption)
                elif isinstance(block, Figure):
                    out.append(block.caption)
        out.extend(self.bronnen)
        return [t for t in out if t]


@dataclass(frozen=True)
class Dossier(Document):
    """A briefing pack for a regional round table about one region (or organisation)."""

    niveau: str
    code: str
    naam: str
    golf: str | None
    datum: date
    catalogus_versie: str
    is_demo: bool
    zonder_bevindingen: bool
    titel: str
    ondertitel: str
    sections: tuple[Section, ...]
    bronnen: tuple[str, ...] = field(default_factory=tuple)

    @property
    def vertrouwelijk(self) -> bool:
        """The full version judges named organisations through coded findings: it is confidential."""
        return not self.zonder_bevindingen

    @property
    def header(self) -> str:
        """The running head of every page."""
        parts = [f"Regiodossier {self.naam}"]
        if self.vertrouwelijk:
            parts.append("vertrouwelijk")
        else:
            parts.append("versie zonder bevindingen")
        if self.is_demo:
            parts.append("fictief voorbeeld")
        return " · ".join(parts)

    @property
    def footer(self) -> str:
        """The left part of every page footer (the renderer adds 'pagina X van Y')."""
        wave = f"meetgolf {self.golf}" if self.golf else "alle meetgolven"
        text = f"{self.datum.day}-{self.datum.month}-{self.datum.year} · catalogus {self.catalogus_versie} · {wave}"
        return text + (" · fictief voorbeeld" if self.is_demo else "")
