"""Bytes → text: find the page's real encoding (BOM, UTF-16 byte pattern, UTF-8 validity, declarations).

Chinese portals declare gb2312 while serving GBK/GB18030 characters, declare nothing, declare the wrong
thing, or paste a GBK article into a UTF-8 template. So:

* a BOM decides (UTF-8, UTF-32, UTF-16);
* UTF-16 without a BOM is recognised by its NUL pattern (every ASCII character carries a NUL byte on
  the same side) before NUL bytes are taken as a sign of binary data;
* UTF-8 validity is decisive: legacy Chinese text is practically never valid UTF-8, while a UTF-8 page
  decoded as GB18030 gives mojibake without a single error, so the bytes win over any declaration;
* otherwise the declared legacy encoding (the GB family widened to gb18030, a strict superset) is tried,
  then detection, then gb18030; lines that are valid UTF-8 keep UTF-8 (mixed pages, see `mixed.py`).

A result with more than a trace of undecodable or control characters is rejected as binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes

from govreports.errors import StepError
from pipeline.mixed import decode_lines, mostly_utf8

_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]{1,40})", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "x-euc-cn"}
_UNICODE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
_BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
                      b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"\x7fELF", b"MZ\x90\x00")
_BINARY_TYPES = ("pdf", "image/", "audio/", "video/", "octet-stream", "msword", "officedocument", "zip",
                 "excel", "powerpoint")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Share of replacement/control characters above which a decoding is rejected as wrong.
_MAX_BAD_RATIO = 0.02
# NUL bytes never occur in 8-bit or UTF-8 text; a body with more than a trace of them is binary.
_MAX_NUL_RATIO = 0.01
# UTF-16 sniffing by NUL pattern: NULs at least this share of the code units, nearly all on one side.
_UTF16_MIN_NUL_SHARE = 0.02
_UTF16_MAX_OTHER_SIDE = 0.05
_SNIFF_BYTES = 1 << 16
_UTF16_MIN_PLAUSIBLE = 0.9
# Characters a Chinese page is made of: CJK ideographs and punctuation, full-width forms, ASCII, spaces.
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\x20-\x7e\t\r\n]+")
_BAD_CHARS = "\ufffd" + "".join(chr(c) for c in range(32) if chr(c) not in "\r\n\t\f")


def _normalise(name: str) -> str | None:
    name = name.strip().lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bad_count(text: str) -> int:
    # str.count per character is C speed; a Python loop over a 50 MB page would take seconds.
    return sum(text.count(ch) for ch in _BAD_CHARS)


def _bad_ratio(text: str) -> float:
    return _bad_count(text) / len(text) if text else 1.0


def _try(body: bytes, encoding: str) -> str | None:
    """The body in `encoding` if that gives (nearly) clean text; truncated characters are tolerated."""
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:
        return None
    return text if _bad_ratio(text) <= _MAX_BAD_RATIO else None


def _plausible_share(text: str) -> float:
    return 1 - len(_PLAUSIBLE.sub("", text)) / max(len(text), 1)


def sniff_utf16(body: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 without a BOM, else None. The NUL bytes of ASCII characters
    sit on one side of the code units; a mostly-Chinese text has few of them (and CJK characters such as
    U+4E00 put NULs on the other side), so a decoding that reads as Chinese text also counts. Random
    bytes read as UTF-16 give characters from every block and fail both tests."""
    sample = body[: min(len(body), _SNIFF_BYTES) & ~1]
    units = len(sample) // 2
    if units < 2 or b"\x00" not in sample:
        return None
    nul_even, nul_odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(nul_even, nul_odd), min(nul_even, nul_odd)
    if high >= _UTF16_MIN_NUL_SHARE * units and low <= _UTF16_MAX_OTHER_SIDE * high:
        # ASCII 'A' is 41 00 in little-endian: the NUL is the odd byte.
        return "utf-16-le" if nul_odd > nul_even else "utf-16-be"
    for codec in ("utf-16-le", "utf-16-be"):
        if _plausible_share(sample.decode(codec, errors="replace")) >= _UTF16_MIN_PLAUSIBLE:
            return codec
    return None


def _declared(body: bytes, content_type: str, declared_encoding: str) -> list[str]:
    names: list[str] = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        names.append(header.group(1))
    if declared_encoding:
        names.append(declared_encoding)
    head = body[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        found = pattern.search(head)
        if found:
            names.append(found.group(1).decode("ascii", "ignore"))
    encodings = [_normalise(name) for name in names]
    return list(dict.fromkeys(enc for enc in encodings if enc))


def _legacy_candidates(body: bytes, declared: list[str]) -> Iterator[str]:
    """Non-Unicode encodings to try for the bytes that are not UTF-8, most trusted first (lazily: detection
    costs more than the decode it replaces)."""
    tried: set[str] = set()
    for encoding in declared:
        if encoding.replace("_", "-") not in _UNICODE:
            tried.add(encoding)
            yield encoding
    best = from_bytes(body[:200_000]).best()
    detected = _normalise(best.encoding) if best else None
    if detected and detected.replace("_", "-") not in _UNICODE and detected not in tried:
        tried.add(detected)
        yield detected
    if "gb18030" not in tried:
        yield "gb18030"  # last resort for undeclared Chinese legacy pages


def _checked(text: str) -> str:
    if _bad_ratio(text) > _MAX_BAD_RATIO:
        raise StepError("decode", "binary content (undecodable or control bytes), not a text page")
    return text


def decode_page(body: bytes, content_type: str = "", declared_encoding: str = "") -> str:
    """The page as text. Raises `StepError("decode", ...)` for empty or binary bodies."""
    if not body or body.isspace():
        raise StepError("decode", "empty body")
    if body.startswith(_BINARY_SIGNATURES) or any(kind in content_type.lower() for kind in _BINARY_TYPES):
        raise StepError("decode", f"binary content ({content_type or 'signature'}), not a text page")
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    declared = _declared(body, content_type, declared_encoding)
    wide = sniff_utf16(body)
    if wide:
        text = _try(body, wide)
        if text is not None:
            return text
    if body.count(b"\x00") > _MAX_NUL_RATIO * len(body):
        raise StepError("decode", "binary content (NUL bytes), not a text page")
    if body.isascii():
        return body.decode("ascii")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(body):
        # A UTF-8 page with a truncated tail or a stray broken byte: keep UTF-8; clean counts the marks.
        return _checked(body.decode("utf-8", errors="replace"))
    for legacy in _legacy_candidates(body, declared):
        # Line by line, so a UTF-8 template around a GBK article decodes right on both sides.
        text = decode_lines(body, legacy)
        if _bad_ratio(text) <= _MAX_BAD_RATIO:
            return text
    raise StepError("decode", "could not find a text encoding for the bytes")


def looks_like_html(text: str, content_type: str = "") -> bool:
    """True when the text should be parsed as markup; the header wins, else sniff the opening."""
    if "html" in content_type.lower() or "xml" in content_type.lower():
        return True
    if content_type.lower().startswith("text/plain"):
        return False
    head = text[:2048].lower()
    return "<html" in head or "<!doctype" in head or "<body" in head or "<div" in head or "<p>" in head
