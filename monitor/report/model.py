"""The wave report's document: the regiodossier's content model (sections of blocks, monitor.dossier.model) with its
own title, running head and footer, so the dossier's PDF and Word renderers write it unchanged."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from monitor.dossier.model import Document, Section


@dataclass(frozen=True)
class WaveReport(Document):
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
