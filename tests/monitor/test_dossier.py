"""The regiodossier on the national demo: `python -m monitor dossier` as PDF and Word, with and without findings."""
from __future__ import annotations

import io
import shutil
from types import SimpleNamespace

import docx
import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from data.db import make_engine
from data.imports import import_file
from data.registry import load_geography, load_registry
from geo.analysis import analyse
from monitor.__main__ import main
from monitor.analysis import analyse_level

REGION, REGION_NAME = "ZK08", "Friesland"
CARE_OFFICE = "Zorgkantoor Noordelijk Voorbeeld (fictief)"
MAX_PDF_BYTES = 3 * 1024 * 1024


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> tuple[str, list[str]]:
    pages = [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]
    return " ".join(pages), pages


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return flat(" ".join(parts))


def not_blank(png: bytes) -> bool:
    """An image with real content: many colours, and far from all white."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    dark = (image.sum(axis=2) < 600).mean()
    return len(np.unique(image.reshape(-1, 3), axis=0)) > 20 and dark > 0.01


@pytest.fixture(scope="module")
def dossiers(_demo_template, tmp_path_factory):
    """The demo with an imported zorgkantoor for ZK08, and the CLI's four dossiers of Friesland."""
    folder = tmp_path_factory.mktemp("dossier")
    path = folder / "demo.sqlite"
    shutil.copy(_demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    offices = folder / "zorgkantoren.csv"
    offices.write_text(f"zorgkantoorregio;zorgkantoor\nZK08;{CARE_OFFICE}\n", encoding="utf-8")
    assert import_file(engine, "zorgkantoren", offices).ok
    registry, geography = load_registry(engine), load_geography(engine)
    engine.dispose()
    files = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
        for fmt in ("pdf", "docx"):
            for without in (False, True):
                target = folder / f"friesland_{int(without)}.{fmt}"
                args = ["dossier", "--niveau", "zorgkantoorregio", "--code", REGION, "--format", fmt, "--output",
                        str(target)] + (["--zonder-bevindingen"] if without else [])
                assert main(args) == 0
                files[(fmt, without)] = target.read_bytes()
    geo_result = analyse(registry, geography, geometry=False)
    result = analyse_level(geo_result, registry, geography, "zorgkantoorregio", "2024")
    return SimpleNamespace(files=files, registry=registry, geography=geography, geo=geo_result, result=result,
                           db=path)


def organisations_in_region(ns) -> list[str]:
    facilities = ns.geo.facilities
    vg = facilities[(facilities["type"] == "vg_locatie") & (facilities["zorgkantoorregio"] == REGION)]
    return sorted(vg["organisatie_naam"].dropna().unique())


def haps_of_region(ns) -> list[str]:
    facilities = ns.geo.facilities
    vg = facilities[(facilities["type"] == "vg_locatie") & (facilities["zorgkantoorregio"] == REGION)]
    ids = set(vg["hap_gebied"].dropna())
    return sorted(facilities[facilities["id"].isin(ids)]["naam"])


def finding_texts(ns) -> list[str]:
    evidence = ns.result.evidence
    rows = evidence[(evidence["code"] == REGION) & (evidence["soort"] == "bevinding")]
    texts = [flat(t.split("): ", 1)[1]) for t in rows["omschrijving"]]
    findings = ns.registry.findings
    texts += [flat(t) for t in findings.loc[findings["regio"].isin([REGION]), "tekst"].dropna()]
    return sorted({t.rstrip(".") for t in texts if len(t) > 15})


def bottleneck_facts(ns) -> list[str]:
    evidence = ns.result.evidence
    rows = evidence[(evidence["code"] == REGION) & (evidence["soort"] == "indicator") & (evidence["deelscore"] < -0.5)]
    return [flat(t).rstrip(".") for t in rows["omschrijving"]]


def test_pdf_holds_region_organisations_haps_care_office_bottlenecks_examples_and_agenda(dossiers):
    data = dossiers.files[("pdf", False)]
    assert data.startswith(b"%PDF") and len(data) < MAX_PDF_BYTES
    text, pages = pdf_text(data)
    assert f"Regiodossier {REGION_NAME}" in text
    organisations = organisations_in_region(dossiers)
    assert len(organisations) >= 3
    for name in organisations:
        assert name in text, name
    for name in haps_of_region(dossiers):
        assert name in text, name
    assert text.count(CARE_OFFICE) >= 1
    facts = bottleneck_facts(dossiers)
    assert facts and all(fact in text for fact in facts)
    assert "bron: register" in text and "stakeholdergroep" in text
    assert "Goede voorbeelden elders" in text and "Het meest vergelijkbaar:" in text
    assert "Concept-agenda" in text and "Afsprakenlijst" in text and "Wanneer" in text
    assert "Ketens van belemmeringen" in text and "Bijlage" in text and "Landelijke mediaan" in text
    # Every page: the running head says confidential and fictional, the footer counts the pages.
    for number, page in enumerate(pages, start=1):
        assert "vertrouwelijk" in page and "fictief voorbeeld" in page
        assert f"pagina {number} van {len(pages)}" in page


def test_the_full_version_shows_finding_texts_and_the_short_one_none(dossiers):
    texts = finding_texts(dossiers)
    assert texts, "the demo region should have findings"
    full, _ = pdf_text(dossiers.files[("pdf", False)])
    assert any(t in full for t in texts)
    for fmt, reader in (("pdf", lambda d: pdf_text(d)[0]), ("docx", docx_text)):
        short = reader(dossiers.files[(fmt, True)])
        leaked = [t for t in texts if t in short]
        assert leaked == [], f"{fmt}: finding texts in the version without findings: {leaked}"
        assert "vertrouwelijk" not in short.lower().replace("vertrouwelijke versie", "")
        assert "versie zonder bevindingen" in short
        assert "bevindingen: " in short  # counts per condition instead


def test_the_map_is_an_image_that_is_not_blank(dossiers):
    reader = PdfReader(io.BytesIO(dossiers.files[("pdf", False)]))
    page = next(p for p in reader.pages if "Kaart" in (p.extract_text() or "")[:200])
    images = list(page.images)
    assert images, "no image on the map page"
    assert not_blank(images[0].data)
    # Rendered as a reader sees it, the map page is far from empty.
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(dossiers.files[("pdf", False)])
    index = reader.pages.index(page) if hasattr(reader.pages, "index") else [p for p in reader.pages].index(page)
    bitmap = document[index].render(scale=0.6).to_pil()
    buffer = io.BytesIO()
    bitmap.save(buffer, format="PNG")
    assert not_blank(buffer.getvalue())


def test_docx_holds_the_same_content_and_the_map(dossiers):
    data = dossiers.files[("docx", False)]
    text = docx_text(data)
    assert f"Regiodossier {REGION_NAME}" in text and CARE_OFFICE in text
    for name in organisations_in_region(dossiers) + haps_of_region(dossiers):
        assert name in text, name
    assert all(fact in text for fact in bottleneck_facts(dossiers))
    assert "Concept-agenda" in text and "Goede voorbeelden elders" in text
    assert "vertrouwelijk" in text and "fictief voorbeeld" in text
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    blobs = [part.blob for part in document.part.package.parts if part.content_type == "image/png"]
    assert blobs and not_blank(blobs[0])
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


@pytest.mark.parametrize(
    "args, message",
    [
        (["--niveau", "regio", "--code", "ZK08"], "Onbekend niveau 'regio'"),
        (["--niveau", "zorgkantoorregio", "--code", "ZK99"], "Regio 'ZK99' bestaat niet op niveau zorgkantoorregio"),
        (["--niveau", "organisatie", "--code", "geen-org"], "Organisatie 'geen-org' bestaat niet"),
        (["--niveau", "zorgkantoorregio", "--code", "ZK08", "--golf", "1999"], "Onbekende meetgolf '1999'"),
        (["--niveau", "hap", "--code", "HAP999"], "HAP-werkgebied 'HAP999' bestaat niet"),
        (["--niveau", "hap-werkgebied", "--code", "ZK08"], "HAP-werkgebied 'ZK08' bestaat niet"),
    ],
)
def test_bad_level_code_or_wave_is_a_dutch_error_with_exit_1(dossiers, monkeypatch, capsys, tmp_path, args, message):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{dossiers.db}")
    target = tmp_path / "x.pdf"
    assert main(["dossier", *args, "--format", "pdf", "--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and message in err and "Traceback" not in err
    assert not target.exists()


def test_missing_output_folder_is_a_dutch_error(dossiers, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{dossiers.db}")
    target = tmp_path / "weg" / "x.pdf"
    assert main(["dossier", "--niveau", "gemeente", "--code", "GM0363", "--format", "pdf", "--output", str(target)]) == 1
    err = capsys.readouterr().err
    # The README's words, the same for every command that writes a file.
    assert f"Fout: De map {target.parent} bestaat niet; er is niets geschreven." in err and "Traceback" not in err
    assert not target.parent.exists()


# -- A HAP service area (level 'hap', code the HAP id): no score, the overlapping region's signal -----------------

HAP = "HAP050"  # the demo's Huisartsenpost Breda, in zorgkantoorregio West-Brabant


@pytest.fixture(scope="module")
def hap_dossiers(dossiers, tmp_path_factory):
    """The CLI's HAP-area dossiers (PDF and Word, with and without findings) on the same demo database."""
    folder = tmp_path_factory.mktemp("hap_dossier")
    files = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MGZ_DATABASE_URL", f"sqlite:///{dossiers.db}")
        for fmt in ("pdf", "docx"):
            for without in (False, True):
                target = folder / f"hap_{int(without)}.{fmt}"
                args = ["dossier", "--niveau", "hap", "--code", HAP, "--format", fmt, "--output", str(target)]
                assert main(args + (["--zonder-bevindingen"] if without else [])) == 0
                files[(fmt, without)] = target.read_bytes()
    facilities = dossiers.geo.facilities
    vg = facilities[(facilities["type"] == "vg_locatie") & (facilities["hap_gebied"] == HAP)]
    pc4 = dossiers.geo.pc4
    pairs = dossiers.geo.service_area_pc4
    rows = pc4[pc4["pc4"].isin(set(pairs.loc[pairs["hap_id"] == HAP, "pc4"]))]
    zk = rows.groupby("zorgkantoorregio")["inwoners"].sum().idxmax()
    names = dict(zip(dossiers.geography.regions["code"], dossiers.geography.regions["naam"]))
    evidence = dossiers.result.evidence
    found = evidence[(evidence["code"] == zk) & (evidence["soort"] == "bevinding")]
    return SimpleNamespace(
        files=files, hap_name=facilities.loc[facilities["id"] == HAP, "naam"].iloc[0],
        organisations=sorted(vg["organisatie_naam"].dropna().unique()), zk=zk, zk_name=names[zk],
        findings=sorted({flat(t.split("): ", 1)[1]).rstrip(".") for t in found["omschrijving"]}))


def test_hap_area_pdf_names_the_hap_its_organisations_and_the_region_whose_signal_it_carries(hap_dossiers):
    data = hap_dossiers.files[("pdf", False)]
    assert data.startswith(b"%PDF") and len(data) < MAX_PDF_BYTES
    text, pages = pdf_text(data)
    assert hap_dossiers.hap_name in text and f"Regiodossier HAP-werkgebied {hap_dossiers.hap_name}" in text
    assert len(hap_dossiers.organisations) >= 2
    for name in hap_dossiers.organisations:
        assert name in text, name
    assert f"zorgkantoorregio {hap_dossiers.zk_name} ({hap_dossiers.zk})" in text
    assert "geen eigen score of signaal" in text  # the signal is said to be the region's
    assert "schriftelijke afspraak met deze HAP" in text or "Schriftelijke afspraken met deze HAP" in text
    for title in ("Kaart", "Wie aan tafel", "Knelpunten per systeemvoorwaarde", "Goede voorbeelden elders",
                  "Convenantacties", "Concept-agenda", "Afsprakenlijst", "Bijlage"):
        assert title in text, title
    assert "Vergelijkbare HAP-werkgebieden" in text and "Het meest vergelijkbaar:" in text
    for number, page in enumerate(pages, start=1):
        assert "vertrouwelijk" in page and "fictief voorbeeld" in page and f"pagina {number} van {len(pages)}" in page


def test_hap_area_map_is_an_image_that_is_not_blank(hap_dossiers):
    reader = PdfReader(io.BytesIO(hap_dossiers.files[("pdf", False)]))
    page = next(p for p in reader.pages if "Kaart" in (p.extract_text() or "")[:200])
    images = list(page.images)
    assert images and not_blank(images[0].data)


def test_hap_area_docx_holds_the_same(hap_dossiers):
    data = hap_dossiers.files[("docx", False)]
    text = docx_text(data)
    assert hap_dossiers.hap_name in text and f"zorgkantoorregio {hap_dossiers.zk_name} ({hap_dossiers.zk})" in text
    for name in hap_dossiers.organisations:
        assert name in text, name
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    blobs = [part.blob for part in document.part.package.parts if part.content_type == "image/png"]
    assert blobs and not_blank(blobs[0])


def test_hap_area_without_findings_leaves_out_the_region_finding_texts(hap_dossiers):
    texts = [t for t in hap_dossiers.findings if len(t) > 15]
    assert texts, "the demo region should have findings"
    full = pdf_text(hap_dossiers.files[("pdf", False)])[0]
    assert any(t in full for t in texts)
    for fmt, reader in (("pdf", lambda d: pdf_text(d)[0]), ("docx", docx_text)):
        short = reader(hap_dossiers.files[(fmt, True)])
        leaked = [t for t in texts if t in short]
        assert leaked == [], f"{fmt}: finding texts in the version without findings: {leaked}"
        assert "versie zonder bevindingen" in short and "bevindingen over de regio: " in short
