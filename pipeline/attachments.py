"""Report attachments (PDF, DOCX) as plain text: bytes in, text out, nothing else.

Portals often publish the report itself as an attachment. A file that cannot give text raises
`StepError("decode", reason)` with a reason a person can act on: a scanned PDF without a text layer
(needs OCR), an encrypted file, a corrupt or truncated file, or bytes that are not the claimed format
(a legacy .doc or an encrypted Office file is an OLE container, not a DOCX zip).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from govreports.errors import StepError

PDF, DOCX = "pdf", "docx"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A text layer yields at least this many word characters; scanned pages yield none (or stray marks).
_MIN_TEXT_CHARS = 20
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_SENTENCE_END = re.compile(r"[。！？；：!?;:]$")
_CJK_EDGE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_FULL_LINE = 0.8  # a line at least this share of the box's longest line runs on

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # per-object warnings on damaged files drown logs


def kind_of(name: str = "", content_type: str = "") -> str | None:
    """"pdf", "docx" or None from a file name or a Content-Type."""
    lowered = (name or "").lower()
    ctype = (content_type or "").lower()
    if lowered.endswith(".pdf") or "application/pdf" in ctype:
        return PDF
    if lowered.endswith(".docx") or "wordprocessingml" in ctype:
        return DOCX
    return None


def attachment_text(body: bytes, kind: str) -> str:
    """The text of a PDF or DOCX attachment, paragraphs on their own lines."""
    if kind == PDF:
        return pdf_text(body)
    if kind == DOCX:
        return docx_text(body)
    raise StepError("decode", f"unsupported attachment type {kind!r} (expected pdf or docx)")


def pdf_text(body: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException, PSException

    if b"%PDF-" not in body[:1024]:
        raise StepError("decode", "not a PDF file (no %PDF header)")
    try:
        text = extract_text(io.BytesIO(body))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise StepError("decode", f"encrypted PDF: cannot read without its password ({type(exc).__name__})") from None
    except (PDFException, PSException, ValueError, KeyError, TypeError, IndexError, AssertionError) as exc:
        # pdfminer signals damage with many exception types; all mean the same to the caller.
        raise StepError("decode", f"corrupt PDF: {type(exc).__name__}: {exc}"[:300]) from None
    if len(_WORDLIKE.findall(text)) < _MIN_TEXT_CHARS:
        raise StepError("decode", "PDF has no text layer (scanned images need OCR)")
    return reflow_pdf_text(text)


def docx_text(body: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if body[:8] == _OLE_MAGIC:
        raise StepError("decode", "encrypted Office file or legacy .doc (OLE container), not a DOCX")
    if body[:2] != b"PK":
        raise StepError("decode", "not a DOCX file (no zip header)")
    try:
        document = docx.Document(io.BytesIO(body))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as exc:
        raise StepError("decode", f"corrupt DOCX: {type(exc).__name__}: {exc}"[:300]) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:  # target tables in plans are tables, not paragraphs
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells]
            lines.append("\t".join(dict.fromkeys(c for c in cells if c)))  # merged cells repeat
    text = _tidy("\n".join(lines))
    if not _WORDLIKE.search(text):
        raise StepError("decode", "DOCX has no text")
    return text


def reflow_pdf_text(text: str) -> str:
    """PDF text is one line per printed line; rejoin the lines of a paragraph.

    pdfminer separates text boxes by a blank line. Inside a box, a full-width line that does not end a
    sentence continues on the next line; a short line (a heading, a paragraph's last line) ends there.
    """
    paragraphs: list[str] = []
    for box in re.split(r"\n\s*\n|\f", text):
        lines = [line.strip() for line in box.splitlines() if line.strip()]
        if not lines:
            continue
        full = max(len(line) for line in lines) * _FULL_LINE
        current = lines[0]
        for previous, line in zip(lines, lines[1:]):
            if len(previous) >= full and not _SENTENCE_END.search(previous):
                current += ("" if _CJK_EDGE.search(current[-1] + line[0]) else " ") + line
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return "\n".join(paragraphs)


def _tidy(text: str) -> str:
    """Form feeds and blank-line runs from page breaks removed; one paragraph per line."""
    text = text.replace("\f", "\n")
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line.strip())
