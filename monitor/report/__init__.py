"""The wave report (golfrapportage): a national document per measurement wave for the convenant's steering group,
as PDF and Word (see monitor.report.content). It uses the regiodossier's content model and writers."""
from __future__ import annotations

from monitor.report.content import ReportInputs, build_report
from monitor.report.model import WaveReport

FORMATS = ("pdf", "docx")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(report: WaveReport, fmt: str) -> bytes:
    """The report as a PDF or Word (.docx) file, written by the regiodossier's renderers."""
    if fmt == "pdf":
        from monitor.dossier.pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from monitor.dossier.docx import render_docx

        return render_docx(report)
    from data.errors import UserError

    raise UserError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


__all__ = ["FORMATS", "MIME", "ReportInputs", "WaveReport", "build_report", "render"]
