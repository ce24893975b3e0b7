"""The raw-page archive: every fetched page's bytes, compressed and keyed by content hash.

Owns the on-disk layout under `<home>/archive/` so pages can be re-processed (`govreports reprocess`,
`retry-failed`) without re-crawling:

    bodies/ab/<sha256>.gz     the bytes, gzip, written once per distinct content
    bodies/ab/<sha256>.json   fetch metadata of the first page seen with those bytes (RawPage minus body)
    pages/cd/<page_id>.json   the latest fetch of each URL plus the history of its content hashes

Writes go to a temporary file and are renamed into place, so several crawler processes can share one
archive and a crash never leaves a half-written entry that a reader would take for a whole one.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from govreports.models import RawPage, page_id

# Keep the last N fetches per URL; enough to show a report being replaced by a corrected version.
HISTORY_LIMIT = 20


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _metadata(page: RawPage) -> dict[str, Any]:
    data = asdict(page)
    del data["body"]
    data["content_hash"] = page.content_hash
    return data


def _page_from(meta: dict[str, Any], body: bytes) -> RawPage:
    fields = {k: v for k, v in meta.items() if k in RawPage.__dataclass_fields__ and k != "body"}
    return RawPage(body=body, **fields)


class Archive:
    """Content-addressed store of raw pages on the local file system."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)

    def _body_path(self, digest: str) -> Path:
        return self.directory / "bodies" / digest[:2] / f"{digest}.gz"

    def _page_path(self, pid: str) -> Path:
        return self.directory / "pages" / pid[:2] / f"{pid}.json"

    def put(self, page: RawPage) -> str:
        """Archive one fetched page; returns its content hash. Re-putting the same bytes is cheap."""
        digest = page.content_hash
        body_path = self._body_path(digest)
        if not body_path.exists():
            # mtime=0 keeps the gzip bytes a pure function of the content.
            _write_atomic(body_path, gzip.compress(page.body, compresslevel=6, mtime=0))
            _write_atomic(body_path.with_suffix(".json"), json.dumps(_metadata(page), ensure_ascii=False).encode())
        self._record_fetch(page, digest)
        return digest

    def _record_fetch(self, page: RawPage, digest: str) -> None:
        path = self._page_path(page_id(page.canonical_url))
        history: list[dict[str, str]] = []
        if path.exists():
            try:
                history = json.loads(path.read_text(encoding="utf-8")).get("history", [])
            except (OSError, ValueError):
                history = []  # a damaged record only loses history; the body is safe in bodies/
        if not history or history[-1]["content_hash"] != digest:
            history.append({"content_hash": digest, "fetched_at": page.fetched_at})
        record = {**_metadata(page), "history": history[-HISTORY_LIMIT:]}
        _write_atomic(path, json.dumps(record, ensure_ascii=False).encode())

    def has(self, digest: str) -> bool:
        return self._body_path(digest).exists()

    def get(self, digest: str) -> RawPage:
        """The page with these bytes (metadata of its first fetch). KeyError when not archived."""
        body_path = self._body_path(digest)
        try:
            body = gzip.decompress(body_path.read_bytes())
            meta = json.loads(body_path.with_suffix(".json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyError(digest) from None
        return _page_from(meta, body)

    def history(self, url: str) -> list[dict[str, str]]:
        """Content hashes and fetch times of one URL, oldest first."""
        path = self._page_path(page_id(url))
        if not path.exists():
            return []
        return list(json.loads(path.read_text(encoding="utf-8")).get("history", []))

    def _page_records(self) -> Iterator[Path]:
        root = self.directory / "pages"
        if root.is_dir():
            yield from sorted(root.glob("*/*.json"))

    def __len__(self) -> int:
        """Number of distinct URLs archived."""
        return sum(1 for _ in self._page_records())

    def __iter__(self) -> Iterator[RawPage]:
        """The latest fetch of every archived URL, with its bytes."""
        for path in self._page_records():
            meta = json.loads(path.read_text(encoding="utf-8"))
            body = gzip.decompress(self._body_path(meta["content_hash"]).read_bytes())
            yield _page_from(meta, body)
