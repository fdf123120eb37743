"""The regiodossier: a briefing pack for a regional round table, as PDF and Word (see monitor.dossier.content)."""
from __future__ import annotations

from monitor.dossier.content import DossierInputs, build_dossier
from monitor.dossier.model import Dossier

FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(dossier: Dossier, fmt: str) -> bytes:
    """The dossier as a PDF or Word (.docx) file."""
    if fmt == "pdf":
        from monitor.dossier.pdf import render_pdf

        return render_pdf(dossier)
    if fmt == "docx":
        from monitor.dossier.docx import render_docx

        return render_docx(dossier)
    from data.errors import UserError

    raise UserError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


__all__ = ["FORMATS", "MIME", "Dossier", "DossierInputs", "build_dossier", "render"]
