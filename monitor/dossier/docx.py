"""Render a dossier (monitor.dossier.model) as a Word file (.docx, A4) with python-docx.

The same running head and footer as the PDF: region, 'vertrouwelijk' for the full version, 'fictief voorbeeld' for
demo data; date, catalogue version, wave and 'pagina X van Y' (Word fields, filled in when the file is opened).
"""
from __future__ import annotations

import io

from monitor.dossier.model import Bullets, Dossier, Figure, Heading, Paragraph, Section, Table

GREY = (0x55, 0x55, 0x55)


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _header_footer(document, dossier: Dossier) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    section = document.sections[0]
    head = section.header.paragraphs[0]
    head.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    run = head.add_run(dossier.header)
    run.font.size = Pt(8)
    run.bold = dossier.vertrouwelijk
    if dossier.vertrouwelijk:
        tail = head.add_run("\tVERTROUWELIJK")
        tail.font.size, tail.bold = Pt(8), True
    foot = section.footer.paragraphs[0]
    foot.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    for text in (dossier.footer, "\tpagina "):
        run = foot.add_run(text)
        run.font.size, run.font.color.rgb = Pt(7.5), RGBColor(*GREY)
    _field(foot, "PAGE")
    run = foot.add_run(" van ")
    run.font.size = Pt(7.5)
    _field(foot, "NUMPAGES")


def _table(document, block: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    weights = block.widths or tuple(1.0 for _ in block.columns)
    widths = [Cm(17 * w / sum(weights)) for w in weights]
    for r, values in enumerate([block.columns, *block.rows]):
        row = table.rows[r]
        if r == 0:  # repeat the header row on every page
            properties = row._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(str(value))
            run.font.size = Pt(8)
            run.bold = r == 0
            if r == 0:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), "E8E8E8")
                cell._tc.get_or_add_tcPr().append(shading)
    if block.caption:
        _note(document, block.caption, 7.5)


def _note(document, text: str, size: float = 8.5) -> None:
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(*GREY)


def _section(document, section: Section) -> None:
    from docx.shared import Cm, Pt

    document.add_heading(section.title, level=1)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            if block.style == "note":
                _note(document, block.text)
            else:
                paragraph = document.add_paragraph()
                run = paragraph.add_run(block.text)
                run.font.size = Pt(10.5 if block.style == "lead" else 10)
        elif isinstance(block, Heading):
            document.add_heading(block.text, level=2)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            document.add_picture(io.BytesIO(block.png), width=Cm(min(block.width_cm, 16.5)))
            _note(document, block.caption, 7.5)


def render_docx(dossier: Dossier) -> bytes:
    """The dossier as .docx bytes."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    document = Document()
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(2.0))
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title, properties.subject, properties.author = dossier.titel, dossier.ondertitel, "MGZ-monitor"
    properties.language = "nl-NL"
    _header_footer(document, dossier)
    document.add_heading(dossier.titel, level=0)
    _note(document, dossier.ondertitel, 11)
    for i, section in enumerate(dossier.sections):
        if i and section.new_page:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
