"""Local files into documents, for `govreports extract` and `govreports eval`.

The file's suffix (or a given Content-Type) says how to read it: HTML and text pages go to the pipeline
as they are; PDF and DOCX attachments become text first (`pipeline.attachments`). Directories are walked
for the supported suffixes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govreports.errors import StepError
from govreports.models import Document
from pipeline.attachments import attachment_text, kind_of
from pipeline.document import build_documents
from pipeline.segment import Segmenter

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly (whatever their suffix: an unsupported one becomes that file's error) and,
    under directories, every file with a supported suffix, sorted; each file once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in CONTENT_TYPES))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def documents_from_file(path: Path, segmenter: Segmenter, content_type: str = "") -> list[Document]:
    """Every document in one local file. Raises StepError (decode …) or OSError."""
    content_type = content_type or CONTENT_TYPES.get(path.suffix.lower(), "")
    if not content_type:
        supported = ", ".join(sorted(CONTENT_TYPES))
        raise StepError("decode", f"unsupported file type {path.suffix or '(none)'!r} (supported: {supported})")
    body = path.read_bytes()
    kind = kind_of(path.name, content_type)
    if kind is not None:
        body = attachment_text(body, kind).encode("utf-8")
        content_type = "text/plain; charset=utf-8"
    return build_documents(body, url=path.resolve().as_uri(), segmenter=segmenter, content_type=content_type)
