"""Render a dossier (monitor.dossier.model) as an A4 PDF with ReportLab.

Every page has a running head (region, 'vertrouwelijk' for the full version, 'fictief voorbeeld' for demo data)
and a footer with date, catalogue version, wave and 'pagina X van Y'. Text is set in DejaVu Sans, the font that
ships with matplotlib, embedded as a subset so every Dutch character and the minus sign print. Imported names are
escaped, never read as markup.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from monitor.dossier.model import Bullets, Dossier, Figure, Heading, Paragraph, Section, Table

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
MARGIN_CM = 2.0
GREY = "#555555"
HEADER_FILL = "#e8e8e8"


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name in (FONT, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, ITALIC)
    addMapping(FONT, 1, 1, BOLD)


@lru_cache(maxsize=1)
def _styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    _register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=20, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, textColor=colors.HexColor(GREY),
                                   spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4,
                             keepWithNext=1),
        "body": body,
        "lead": ParagraphStyle("lead", parent=body, fontSize=10.5, leading=14.5, spaceAfter=8),
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=11.5, textColor=colors.HexColor(GREY)),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0),
        "caption": ParagraphStyle("caption", parent=body, fontSize=7.5, leading=10, textColor=colors.HexColor(GREY),
                                  spaceBefore=2, spaceAfter=8),
    }


def _text(text: str) -> str:
    return escape(str(text))


def _table(block: Table, width: float, styles: dict) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T
    from reportlab.platypus import TableStyle

    weights = block.widths or tuple(1.0 for _ in block.columns)
    widths = [width * w / sum(weights) for w in weights]
    data = [[P(_text(c), styles["head"]) for c in block.columns]]
    data += [[P(_text(cell), styles["cell"]) for cell in row] for row in block.rows]
    empty = bool(block.rows) and all(not any(cell for cell in row[1:]) for row in block.rows)
    table = T(data, colWidths=widths, repeatRows=1, hAlign="LEFT",
              rowHeights=[None] + [0.9 * 28.35 if empty else None] * len(block.rows))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(HEADER_FILL)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    flow = [table]
    if block.caption:
        flow.append(P(_text(block.caption), styles["caption"]))
    else:
        from reportlab.platypus import Spacer

        flow.append(Spacer(1, 6))
    return flow


def _figure(block: Figure, width: float, styles: dict) -> list:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image
    from reportlab.platypus import Paragraph as P

    reader = ImageReader(io.BytesIO(block.png))
    w, h = reader.getSize()
    draw_w = min(width, block.width_cm * 28.35)
    draw_h = draw_w * h / w
    max_h = 21.5 * 28.35
    if draw_h > max_h:
        draw_w, draw_h = draw_w * max_h / draw_h, max_h
    return [Image(io.BytesIO(block.png), width=draw_w, height=draw_h), P(_text(block.caption), styles["caption"])]


def _section(section: Section, width: float, styles: dict) -> list:
    from reportlab.platypus import ListFlowable, ListItem
    from reportlab.platypus import Paragraph as P

    flow = [P(_text(section.title), styles["h1"])]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            flow.append(P(_text(block.text), styles.get(block.style, styles["body"])))
        elif isinstance(block, Heading):
            flow.append(P(_text(block.text), styles["h2"]))
        elif isinstance(block, Bullets):
            items = [ListItem(P(_text(item), styles["bullet"]), leftIndent=12) for item in block.items]
            flow.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT))
        elif isinstance(block, Table):
            flow += _table(block, width, styles)
        elif isinstance(block, Figure):
            flow += _figure(block, width, styles)
    return flow


def _numbered_canvas(dossier: Dossier):
    """A canvas that knows the page count when it finishes, so each footer can say 'pagina X van Y'."""
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            self.line(MARGIN_CM * cm, height - 1.45 * cm, width - MARGIN_CM * cm, height - 1.45 * cm)
            self.line(MARGIN_CM * cm, 1.45 * cm, width - MARGIN_CM * cm, 1.45 * cm)
            self.setFont(BOLD if dossier.vertrouwelijk else FONT, 8)
            self.setFillColor(colors.HexColor("#222222"))
            self.drawString(MARGIN_CM * cm, height - 1.25 * cm, dossier.header)
            if dossier.vertrouwelijk:
                self.drawRightString(width - MARGIN_CM * cm, height - 1.25 * cm, "VERTROUWELIJK")
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor(GREY))
            self.drawString(MARGIN_CM * cm, 1.05 * cm, dossier.footer)
            self.drawRightString(width - MARGIN_CM * cm, 1.05 * cm, f"pagina {self._pageNumber} van {total}")
            self.restoreState()

    return NumberedCanvas


def render_pdf(dossier: Dossier) -> bytes:
    """The dossier as PDF bytes (A4, portrait)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, SimpleDocTemplate
    from reportlab.platypus import Paragraph as P

    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_CM * cm, rightMargin=MARGIN_CM * cm, topMargin=2.0 * cm,
        bottomMargin=2.0 * cm, title=dossier.titel, author="MGZ-monitor", subject=dossier.ondertitel,
        creator="MGZ-monitor (python -m monitor dossier)",
    )
    width = A4[0] - 2 * MARGIN_CM * cm
    flow = [P(_text(dossier.titel), styles["title"]), P(_text(dossier.ondertitel), styles["subtitle"])]
    for i, section in enumerate(dossier.sections):
        if i and section.new_page:
            flow.append(PageBreak())
        flow += _section(section, width, styles)
    document.build(flow, canvasmaker=_numbered_canvas(dossier))
    return buffer.getvalue()
