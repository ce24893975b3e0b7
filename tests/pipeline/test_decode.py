"""decode_page / looks_like_html on real seed text re-encoded the way portals serve it."""

from __future__ import annotations

import codecs

import pytest

from govreports.errors import StepError
from pipeline.decode import decode_page, looks_like_html

SEED_BILISHAN = "001_bcbca230d9bf0c3f.txt"


@pytest.fixture
def paragraph(seed_texts: dict[str, str]) -> str:
    # A real report paragraph: the one that opens the 2023 review in the 璧山 report.
    return next(line for line in seed_texts[SEED_BILISHAN].splitlines() if line.startswith("2023年是疫情防控"))


def _page(paragraph: str, head: str = "") -> str:
    return f"<html><head>{head}<title>璧山区政府工作报告</title></head><body><p>{paragraph}</p></body></html>"


def test_gb2312_meta_is_widened_to_gb18030(paragraph: str) -> None:
    body = _page(paragraph, '<meta charset="gb2312">').encode("gb18030")
    text = decode_page(body)
    assert paragraph in text


def test_http_equiv_meta_gbk(paragraph: str) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    body = _page(paragraph, head).encode("gb18030")
    assert paragraph in decode_page(body)


def test_http_header_charset_beats_missing_meta(paragraph: str) -> None:
    body = _page(paragraph).encode("gb18030")
    assert paragraph in decode_page(body, content_type="text/html; charset=gb2312")


def test_wrong_declaration_is_checked_against_the_bytes(paragraph: str) -> None:
    # Header claims UTF-8 but the bytes are GBK: the declaration must not win.
    body = _page(paragraph, '<meta charset="gbk">').encode("gb18030")
    assert paragraph in decode_page(body, content_type="text/html; charset=utf-8")


def test_undeclared_gbk_is_detected(paragraph: str) -> None:
    body = (paragraph * 3).encode("gb18030")
    assert paragraph in decode_page(body)


def test_utf8_bom_is_stripped(paragraph: str) -> None:
    text = decode_page(codecs.BOM_UTF8 + paragraph.encode("utf-8"))
    assert text == paragraph


def test_utf16_bom(paragraph: str) -> None:
    assert decode_page(paragraph.encode("utf-16")) == paragraph


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", ""),
        (b"   \n ", "text/html"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ""),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ""),
        (b"PK\x03\x04" + bytes(200), ""),
        (bytes(range(256)) * 20, ""),
        ("正文".encode("utf-8"), "application/pdf"),
    ],
)
def test_non_text_bodies_raise_decode_step_error(body: bytes, content_type: str) -> None:
    with pytest.raises(StepError) as raised:
        decode_page(body, content_type=content_type)
    assert raised.value.step == "decode"


def test_looks_like_html() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("anything", content_type="text/html; charset=utf-8")
    assert not looks_like_html("<html> in plain text", content_type="text/plain")


def test_seed_text_is_not_html(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        assert not looks_like_html(text), name
