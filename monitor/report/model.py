"""The wave report's document: the regiodossier's content model (sections of blocks, monitor.dossier.model) with its
own title, running head and footer, so the dossier's PDF and Word renderers write it unchanged."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from monitor.dossier.model import Bullets, Figure, Heading, Paragraph, Section, Table


@dataclass(frozen=True)
class WaveReport:
    """A national report on one measurement wave for the convenant's steering group."""

    golf: str
    vorige_golf: str | None
    datum: date
    catalogus_versie: str
    is_demo: bool
    titel: str
    ondertitel: str
    sections: tuple[Section, ...]
    bronnen: tuple[str, ...] = field(default_factory=tuple)

    vertrouwelijk = False  # counts and names of action lines only: no finding texts about named organisations

    @property
    def header(self) -> str:
        parts = [f"Golfrapportage convenant MGZ · meetgolf {self.golf}"]
        if self.is_demo:
            parts.append("fictief voorbeeld")
        return " · ".join(parts)

    @property
    def footer(self) -> str:
        text = (f"{self.datum.day}-{self.datum.month}-{self.datum.year} · catalogus {self.catalogus_versie} · "
                f"meetgolf {self.golf}" + (f" (vorige golf {self.vorige_golf})" if self.vorige_golf else ""))
        return text + (" · fictief voorbeeld" if self.is_demo else "")

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def texts(self) -> list[str]:
        """Every string of the document in reading order (for tests and previews)."""
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
