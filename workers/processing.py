"""Turn one RawPage into a PageOutcome plus its Documents, never raising.

This is the worker's decision table, kept free of Celery and storage so it is tested directly:
a page is *stored* when it yields documents, *skipped* when it is fine but carries no report, and
*failed* (with step and reason) when a step raises — a bad page never crashes a worker.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

from govreports.errors import StepError
from govreports.models import (
    PAGE_FAILED,
    PAGE_SKIPPED,
    PAGE_STORED,
    Document,
    PageOutcome,
    RawPage,
    page_id,
)
from pipeline.attachments import PDF, attachment_text, kind_of
from pipeline.document import build_documents
from pipeline.segment import Segmenter


def readable_body(page: RawPage) -> tuple[bytes, str]:
    """A PDF/DOCX attachment (by Content-Type, file name or %PDF header) as its text; other pages as
    they are. An attachment without readable text raises StepError("decode", why)."""
    kind = kind_of(urlsplit(page.canonical_url).path, page.content_type) or (PDF if page.body[:5] == b"%PDF-" else None)
    if kind is None:
        return page.body, page.content_type
    return attachment_text(page.body, kind).encode("utf-8"), "text/plain; charset=utf-8"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def process_raw_page(
    page: RawPage, segmenter: Segmenter, timeout_errors: tuple[type[BaseException], ...] = ()
) -> tuple[PageOutcome, list[Document]]:
    """`timeout_errors`: exceptions that mean "interrupted by the task's soft time limit" (Celery's,
    passed in by the task so this module stays free of Celery)."""
    outcome = PageOutcome(
        page_id=page_id(page.canonical_url),
        url=page.canonical_url,
        state=PAGE_STORED,
        content_hash=page.content_hash,
        fetched_at=page.fetched_at,
        source=page.source,
    )
    documents: list[Document] = []
    if page.status >= 400:
        outcome.state, outcome.step, outcome.reason = PAGE_FAILED, "fetch", f"HTTP {page.status}"
    else:
        try:
            body, content_type = readable_body(page)
            documents = build_documents(
                body,
                page.canonical_url,
                segmenter,
                content_type=content_type,
                declared_encoding=page.declared_encoding,
            )
        except StepError as exc:
            outcome.state, outcome.step, outcome.reason = PAGE_FAILED, exc.step, exc.reason
        except timeout_errors:
            outcome.state, outcome.step = PAGE_FAILED, "timeout"
            outcome.reason = "processing exceeded the soft time limit"
        except Exception as exc:  # noqa: BLE001 - any pipeline bug becomes a recorded failure, not a crash
            outcome.state, outcome.step = PAGE_FAILED, "pipeline"
            outcome.reason = "unexpected error"
            outcome.error = f"{type(exc).__name__}: {exc}"[:2000]
        else:
            if not documents:
                outcome.state, outcome.reason = PAGE_SKIPPED, "no report found in page"
    outcome.document_ids = [doc.id for doc in documents]
    outcome.processed_at = _now()
    return outcome, documents
