"""Bytes → text: find the page's real encoding (BOM, HTTP header, <meta>, then detection).

Chinese portals declare gb2312 while serving GBK/GB18030 characters, or declare nothing at all, so
the declared GB family is widened to gb18030 (a strict superset) and any declaration is checked against
the bytes before it is trusted.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from govreports.errors import StepError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")
# Share of replacement/control characters above which a decoding is rejected as wrong.
_MAX_BAD_RATIO = 0.02
# NUL bytes never occur in 8-bit or UTF-8 text; a body with more than a trace of them is binary.
_MAX_NUL_RATIO = 0.01
_BINARY_TYPES = ("pdf", "image/", "audio/", "video/", "octet-stream", "msword", "officedocument", "zip",
                 "excel", "powerpoint")


def _normalise(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bad_ratio(text: str) -> float:
    if not text:
        return 1.0
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t\f"))
    return bad / len(text)


def _try(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # Pages often carry a few broken bytes (truncated multi-byte chars); accept if they are rare.
        text = body.decode(encoding, errors="replace")
    return text if _bad_ratio(text) <= _MAX_BAD_RATIO else None


def decode_page(body: bytes, content_type: str = "", declared_encoding: str = "") -> str:
    """The page as text. Raises `StepError("decode", ...)` for empty or binary bodies."""
    if not body or not body.strip():
        raise StepError("decode", "empty body")
    if body.startswith(_BINARY_SIGNATURES) or any(kind in content_type.lower() for kind in _BINARY_TYPES):
        raise StepError("decode", f"binary content ({content_type or 'signature'}), not a text page")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    if body.count(b"\x00") > _MAX_NUL_RATIO * len(body):
        raise StepError("decode", "binary content (NUL bytes), not a text page")
    candidates: list[str | None] = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        candidates.append(_normalise(header.group(1)))
    if declared_encoding:
        candidates.append(_normalise(declared_encoding))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(_normalise(meta.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")  # most common undeclared encoding today, and cheap to verify
    for encoding in candidates:
        text = _try(body, encoding)
        if text is not None:
            return text
    best = from_bytes(body[:200_000]).best()
    text = _try(body, _normalise(best.encoding) if best else None)
    if text is None:
        text = _try(body, "gb18030")  # last resort for undeclared Chinese legacy pages
    if text is None:
        raise StepError("decode", "could not find a text encoding for the bytes")
    return text


def looks_like_html(text: str, content_type: str = "") -> bool:
    """True when the text should be parsed as markup; the header wins, else sniff the opening."""
    if "html" in content_type.lower() or "xml" in content_type.lower():
        return True
    if content_type.lower().startswith("text/plain"):
        return False
    head = text[:2048].lower()
    return "<html" in head or "<!doctype" in head or "<body" in head or "<div" in head or "<p>" in head
