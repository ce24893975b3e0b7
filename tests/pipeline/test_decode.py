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


# --- UTF-16/32, wrong or missing declarations, mixed and damaged bodies -------------------------------


def _html(paragraph: str, head: str = "") -> str:
    return f"<!DOCTYPE html>\n<html>\n<head>{head}</head>\n<body>\n<p>{paragraph}</p>\n</body>\n</html>\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(paragraph: str, codec: str) -> None:
    markup = _html(paragraph, '<meta charset="utf-16">')
    assert decode_page(markup.encode(codec)) == markup
    # Plain text with no declaration at all: newlines, digits and ASCII punctuation carry the NULs.
    assert decode_page(paragraph.encode(codec)) == paragraph


@pytest.mark.parametrize("bom_codec", ["utf-16", "utf-32"])
def test_bom_decides(paragraph: str, bom_codec: str) -> None:
    big_endian = codecs.BOM_UTF16_BE if bom_codec == "utf-16" else codecs.BOM_UTF32_BE
    codec_be = "utf-16-be" if bom_codec == "utf-16" else "utf-32-be"
    assert decode_page(paragraph.encode(bom_codec)) == paragraph
    assert decode_page(big_endian + paragraph.encode(codec_be)) == paragraph


def test_gbk_characters_outside_gb2312_survive_a_gb2312_declaration() -> None:
    # 镕 堃 喆 瑄 are GBK-only: a strict gb2312 decoder would fail on them.
    line = "朱镕基同志、李堃、王喆、张瑄出席会议,地区生产总值增长6.5%。"
    for name in ("镕", "堃", "喆", "瑄"):
        with pytest.raises(UnicodeEncodeError):
            name.encode("gb2312")
    body = _html(line, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")
    assert line in decode_page(body)


def test_utf8_bytes_win_over_a_gbk_declaration(paragraph: str) -> None:
    # Decoding UTF-8 as GB18030 raises no error (it gives mojibake), so the bytes must be checked first.
    body = _html(paragraph, '<meta charset="gb2312">').encode("utf-8")
    assert paragraph in decode_page(body, content_type="text/html; charset=GBK", declared_encoding="gbk")


def test_wrong_legacy_declaration_falls_through_to_gb18030(paragraph: str) -> None:
    body = _html(paragraph, '<meta charset="big5">').encode("gb18030")
    assert paragraph in decode_page(body)


def test_xml_declaration_encoding_is_read(paragraph: str) -> None:
    body = ('<?xml version="1.0" encoding="gb2312"?>' + _html(paragraph)).encode("gb18030")
    assert paragraph in decode_page(body)


def test_mixed_page_utf8_template_with_gbk_article(paragraph: str) -> None:
    template_head = "<html><head><title>重庆市璧山区人民政府</title></head><body><div>首页 > 政务公开</div>\n"
    template_foot = "\n<div>版权所有:重庆市璧山区人民政府办公室</div></body></html>"
    body = template_head.encode("utf-8") + f"<p>{paragraph}</p>".encode("gbk") + template_foot.encode("utf-8")
    text = decode_page(body)
    assert "重庆市璧山区人民政府" in text and "版权所有:重庆市璧山区人民政府办公室" in text
    assert paragraph in text


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_truncated_multibyte_character_at_the_end(paragraph: str, codec: str) -> None:
    body = paragraph.encode(codec)
    cut = body[:-1]  # the last character loses its final byte
    text = decode_page(cut)
    assert text.startswith(paragraph[:-1])
    assert len(text) <= len(paragraph) + 1


def test_stray_broken_bytes_inside_utf8_are_marked_not_fatal(paragraph: str) -> None:
    data = paragraph.encode("utf-8")
    middle = len(data) // 2
    while data[middle] & 0xC0 == 0x80:  # move to a character boundary
        middle += 1
    body = data[:middle] + b"\xff" + data[middle:]
    text = decode_page(body)
    assert text.replace("\ufffd", "") == paragraph


def test_zero_width_and_control_characters_do_not_make_a_page_binary(paragraph: str) -> None:
    # Sparse junk characters are text damage for clean to repair, not a reason to drop the page.
    damaged = "".join(ch + ("\u200b" if i % 7 == 0 else "") + ("\x07" if i % 97 == 0 else "")
                      for i, ch in enumerate(paragraph))
    assert decode_page(damaged.encode("utf-8")) == damaged
    assert decode_page(damaged.encode("gb18030"), content_type="text/plain; charset=gbk") == damaged


def test_random_bytes_served_as_html_are_binary() -> None:
    import random

    noise = random.Random(7).randbytes(50_000)
    with pytest.raises(StepError) as raised:
        decode_page(noise, content_type="text/html; charset=utf-8")
    assert raised.value.step == "decode"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_mostly_chinese_utf16_without_bom(paragraph: str, codec: str) -> None:
    # Full-width punctuation and digits: almost no ASCII, so few NULs, some of them from CJK characters
    # like U+4E00 on the "wrong" side. The decoding still reads as Chinese text.
    wide = paragraph.translate({ord(","): "，", ord(";"): "；", ord("%"): "％",
                                **{ord(d): chr(0xFF10 + int(d)) for d in "0123456789"}}) + "一丈丐"
    body = wide.encode(codec)
    assert body.count(0) < 0.02 * len(body)
    assert decode_page(body) == wide


def test_random_bytes_with_nuls_are_not_utf16() -> None:
    import random

    noise = random.Random(11).randbytes(20_000)
    with pytest.raises(StepError):
        decode_page(noise)
