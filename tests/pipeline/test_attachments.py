"""Attachments: PDF and DOCX bytes to text, and clear decode errors for files that cannot give text.

PDFs are written here byte by byte (a Type0 font with a ToUnicode map, as Chinese PDFs carry), so the
tests need no PDF library besides the one under test.
"""

from __future__ import annotations

import io

import docx
import pytest

from govreports.errors import StepError
from pipeline.attachments import DOCX, PDF, attachment_text, kind_of, reflow_pdf_text

OPENING = ["2024年重庆市璧山区政府工作报告", "各位代表：现在，我代表区人民政府向大会报告工作，请予审议。"]


def build_pdf(lines: list[str], encrypt: bool = False, image: bool = False) -> bytes:
    """A one-page PDF drawing `lines` (or only an image); `encrypt` adds a password the tests do not know."""
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    content = ["BT /F1 12 Tf 50 800 Td 14 TL"]
    for line in lines:
        content.append("<" + "".join(f"{cid[c]:04X}" for c in line) + "> Tj T*")
    content.append("ET")
    if image:
        content = ["q 200 0 0 200 50 500 cm /Im1 Do Q"]
    stream = "\n".join(content).encode()
    cmap_entries = "\n".join(f"<{cid[c]:04X}> <{ord(c):04X}>" for c in chars)
    cmap = (f"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
            f"/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange {len(chars)} beginbfchar\n"
            f"{cmap_entries}\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    img = b"\x80"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 8 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n" + img + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypt:
        trailer += (b" /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"AB" * 32 + b"> /U <" + b"CD" * 32
                    + b"> /P -4 >> /ID [<" + b"01" * 16 + b"> <" + b"01" * 16 + b">]")
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_text_layer_is_read() -> None:
    text = attachment_text(build_pdf(OPENING), PDF)
    assert text.splitlines() == OPENING


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(StepError, match="no text layer") as info:
        attachment_text(build_pdf(["x"], image=True), PDF)
    assert info.value.step == "decode"


def test_encrypted_pdf() -> None:
    with pytest.raises(StepError, match="encrypted PDF"):
        attachment_text(build_pdf(OPENING, encrypt=True), PDF)


@pytest.mark.parametrize("body", [
    build_pdf(OPENING)[:300],  # truncated download
    b"%PDF-1.4\n" + bytes(range(256)) * 20,  # header, then garbage
], ids=["truncated", "garbage"])
def test_corrupt_pdf(body: bytes) -> None:
    with pytest.raises(StepError, match="corrupt PDF"):
        attachment_text(body, PDF)


def test_not_a_pdf_at_all() -> None:
    with pytest.raises(StepError, match="not a PDF"):
        attachment_text("<html>政府工作报告</html>".encode(), PDF)


def test_pdf_lines_of_one_paragraph_are_rejoined() -> None:
    raw = ("一、2023年工作回顾\n\n2023年是全面贯彻党的二十大精神的开局之年，全区\n上下坚持以习近平新时代中国特色社会主义思想为\n"
           "指导，较好完成了目标任务。\n地区生产总值增长7.2%。\n")
    assert reflow_pdf_text(raw).splitlines() == [
        "一、2023年工作回顾",
        "2023年是全面贯彻党的二十大精神的开局之年，全区上下坚持以习近平新时代中国特色社会主义思想为指导，较好完成了目标任务。",
        "地区生产总值增长7.2%。",
    ]


def test_docx_paragraphs_and_tables() -> None:
    body = make_docx(OPENING, table=[["指标", "目标"], ["地区生产总值增长", "6%左右"]])
    lines = attachment_text(body, DOCX).splitlines()
    assert lines[:2] == OPENING
    assert "地区生产总值增长\t6%左右" in lines


@pytest.mark.parametrize(("body", "reason"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted Office file or legacy .doc"),
    (b"PK\x03\x04" + b"\0" * 100, "corrupt DOCX"),
    (b"just text", "not a DOCX"),
], ids=["ole-container", "broken-zip", "not-zip"])
def test_unreadable_docx(body: bytes, reason: str) -> None:
    with pytest.raises(StepError, match=reason):
        attachment_text(body, DOCX)


def test_empty_docx() -> None:
    with pytest.raises(StepError, match="no text"):
        attachment_text(make_docx([""]), DOCX)


def test_kind_of() -> None:
    assert kind_of("report.PDF") == PDF
    assert kind_of("", "application/vnd.openxmlformats-officedocument.wordprocessingml.document") == DOCX
    assert kind_of("page.html", "text/html") is None
    with pytest.raises(StepError, match="unsupported"):
        attachment_text(b"", "xls")
