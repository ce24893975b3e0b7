"""Bodies that are not clean UTF-8: a few broken bytes, or UTF-8 and a legacy encoding on one page.

CMS templates are often UTF-8 while the article pasted into them (or an include) is GBK; decoding the
whole page either way garbles half of it. Lines are the unit of mixing in practice (template blocks,
included files), and a newline byte never occurs inside a GBK/Big5 character, so each line is decoded
on its own: valid UTF-8 stays UTF-8 (legacy text is practically never valid UTF-8), a line that is UTF-8
except for a broken byte or two keeps UTF-8 with a replacement mark, anything else is the legacy encoding.
"""

from __future__ import annotations

_REPLACEMENT = "\ufffd"
_ASCII = bytes(range(128))
# A UTF-8 page "with a few broken bytes" (truncated at a character, a stray Latin-1 byte) has at most
# this many errors and enough real UTF-8 text that the errors are noise.
_MAX_STRAY_ERRORS = 3
_MIN_VALID_CHARS = 50
# Per line: valid UTF-8 characters per error above which the line is UTF-8 with damage, not legacy.
_VALID_PER_ERROR = 4


def _utf8_counts(data: bytes) -> tuple[str, int, int]:
    """(utf-8 decoding with replacements, error count, valid non-ASCII characters)."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count(_REPLACEMENT) - data.count(b"\xef\xbf\xbd")  # literal U+FFFD is not an error
    non_ascii_bytes = len(data.translate(None, _ASCII))
    ascii_chars = len(data) - non_ascii_bytes
    return text, errors, len(text) - ascii_chars - errors


def mostly_utf8(body: bytes) -> bool:
    """True for a UTF-8 body whose only damage is a truncated character or a stray byte or two."""
    _, errors, valid = _utf8_counts(body)
    return 0 < errors <= _MAX_STRAY_ERRORS and valid >= _MIN_VALID_CHARS


def decode_line(line: bytes, legacy: str) -> str:
    if line.isascii():
        return line.decode("ascii")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, errors, valid = _utf8_counts(line)
    if valid >= _VALID_PER_ERROR * errors:
        return text
    return line.decode(legacy, errors="replace")


def decode_lines(body: bytes, legacy: str) -> str:
    """The body decoded line by line: UTF-8 where the bytes are UTF-8, else `legacy`."""
    return "\n".join(decode_line(line, legacy) for line in body.split(b"\n"))
