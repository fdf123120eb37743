"""The regiodossier: a briefing pack for a regional round table, as PDF and Word (see monitor.dossier.content).

Imports are lazy, so `python -m monitor` stays quick for the other commands: the content builder pulls in
matplotlib and the renderers ReportLab and python-docx only when a dossier is made.
"""
from __future__ import annotations

FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(dossier, fmt: str) -> bytes:
    """The dossier (monitor.dossier.model.Dossier) as a PDF or Word (.docx) file."""
    if fmt == "pdf":
        from monitor.dossier.pdf import render_pdf

        return render_pdf(dossier)
    if fmt == "docx":
        from monitor.dossier.docx import render_docx

        return render_docx(dossier)
    from data.errors import UserError

    raise UserError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


def __getattr__(name: str):
    if name in ("DossierInputs", "build_dossier"):
        from monitor.dossier import content

        return getattr(content, name)
    if name == "Dossier":
        from monitor.dossier.model import Dossier

        return Dossier
    raise AttributeError(f"module 'monitor.dossier' has no attribute {name!r}")


__all__ = ["FORMATS", "MIME", "Dossier", "DossierInputs", "build_dossier", "render"]
