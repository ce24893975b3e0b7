"""Injected spam tokens: the seed 003 page, synthetic pages with invented tokens, and no false positives
on the clean seeds or on real repeated terms."""

from __future__ import annotations

import pytest

import pipeline.injected as injected
from pipeline.clean import clean_page
from pipeline.injected import detect_injected, remove_tokens
from pipeline.split import split_documents

AGG_2021 = "000_1942fa47ad5fe32d.txt"
BILISHAN = "001_bcbca230d9bf0c3f.txt"
AGG_2022 = "002_88e7c62cb5127eba.txt"
GAOPING = "003_0e148f91ba2d8798.txt"
YUBEI_PLAN = "004_ca4af411ed0e9611.txt"
# Words a spam injector breaks up in the synthetic pages (all occur in seeds 001 and 004).
BROKEN_WORDS = ("人民政府", "高质量发展", "营商环境", "乡村振兴", "成渝地区双城经济圈")


def _break_words(text: str, token: str, words: tuple[str, ...] = BROKEN_WORDS) -> str:
    """Insert `token` in the middle of every occurrence of `words`, as injectors do."""
    for word in words:
        middle = len(word) // 2
        text = text.replace(word, word[:middle] + token + word[middle:])
    return text


@pytest.fixture
def no_known_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(injected, "KNOWN_TOKENS", ())


@pytest.mark.parametrize("seed", [AGG_2021, BILISHAN, AGG_2022, YUBEI_PLAN])
def test_no_false_positives_on_clean_seeds(seed_texts: dict[str, str], seed: str, no_known_tokens: None) -> None:
    page = clean_page(seed_texts[seed], is_html=False)
    assert page.injected_tokens == []
    assert page.stats["injected_removed"] == 0
    for doc in split_documents(page):
        assert "injected_tokens" not in doc.quality["flags"]
        assert doc.quality["injected_tokens"] == []


def test_seed_003_token_found_without_the_seed_list(seed_texts: dict[str, str], no_known_tokens: None) -> None:
    raw = seed_texts[GAOPING]
    scan = detect_injected("", raw.splitlines())
    assert scan.tokens == ["亚洲通"]
    assert {"title_slot", "speaker_slot"} <= set(scan.signals["亚洲通"])
    docs = split_documents(clean_page(raw, is_html=False))
    assert len(docs) == 1
    assert docs[0].quality["injected_tokens"] == ["亚洲通"]
    assert "injected_tokens" in docs[0].quality["flags"]
    assert docs[0].quality["injected_removed"] == raw.count("亚洲通")
    assert "亚洲通" not in docs[0].text and "亚洲通" not in docs[0].title


def test_known_token_list_still_applies(seed_texts: dict[str, str]) -> None:
    scan = detect_injected("", seed_texts[GAOPING].splitlines())
    assert scan.tokens == ["亚洲通"]
    assert scan.signals["亚洲通"] == ["known"]


@pytest.mark.parametrize("seed", [BILISHAN, YUBEI_PLAN])
@pytest.mark.parametrize("token", ["鑫隆源", "博汇", "澳利金沙"])
def test_invented_tokens_breaking_words_are_found_and_removed(
    seed_texts: dict[str, str], seed: str, token: str, no_known_tokens: None
) -> None:
    original = seed_texts[seed]
    spammed = _break_words(original, token)
    assert spammed.count(token) >= 5
    page = clean_page(spammed, is_html=False)
    assert page.injected_tokens == [token]
    assert page.stats["injected_removed"] == spammed.count(token)
    text = "\n".join(page.lines)
    assert token not in text
    original_text = "\n".join(clean_page(original, is_html=False).lines)
    for word in BROKEN_WORDS:  # the broken words are whole again
        assert text.count(word) == original_text.count(word)
    docs = split_documents(page)
    assert docs and all(doc.quality["injected_tokens"] == [token] for doc in docs)


def test_invented_token_in_title_and_speaker_slots(seed_texts: dict[str, str], no_known_tokens: None) -> None:
    # The 003 pattern with another token: the region's name replaced in the title and the speaker line,
    # and the token sprinkled in place of other words (no word is broken).
    raw = seed_texts[BILISHAN]
    raw = raw.replace("重庆市璧山区政府工作报告(2024年)", "2024年汇金通工作报告", 1)
    raw = raw.replace("我代表区人民政府", "我代表汇金通,", 1)
    raw = raw.replace("更多", "汇金通")
    page = clean_page(raw, is_html=False)
    assert page.injected_tokens == ["汇金通"]
    assert "汇金通" not in "\n".join(page.lines)


def test_real_repeated_terms_are_not_spam(no_known_tokens: None) -> None:
    # A modifier inside one compound every time, a town missing from the division list, a company name
    # in lists, a person's name: all repeat, none breaks different words.
    paragraphs = [
        "坚持绿色低碳循环发展,推动绿色低碳循环发展取得新成效,绿色低碳循环发展水平持续提升。",
        "青杠街道、来凤街道、丁家街道加快发展,青杠街道新建安置房,青杠街道完成老旧小区改造。",
        "彩虹光电、隆基光伏、法士特带动作用明显,彩虹光电扩能项目投产,隆基光伏新增产能,法士特产值增长。",
        "江志斌同志出席会议,江志斌强调,江志斌要求各部门狠抓落实。",
    ]
    page = clean_page("\n".join(["2024年璧山区政府工作报告", *paragraphs * 2]), is_html=False)
    assert page.injected_tokens == []


def test_remove_tokens_longest_first() -> None:
    assert remove_tokens("人民金沙通政府金沙", ["金沙", "金沙通"]) == ("人民政府", 2)


# --- copying sites' domains and promotion lines (pipeline/site_spam.py) -----------------------------------

_REPORT_LINES = ["各位代表:", "现在,我代表市人民政府,向大会报告工作,请予审议。",
                 "全年地区生产总值增长6.5%,一般公共预算收入增长8.2%,城乡居民收入稳步增长。" * 30]


@pytest.mark.parametrize(("spam", "token"), [
    ("WwW.FaNwEnKu.CoM", "www.fanwenku.com"),
    ("ｗｗｗ．ｚｕｏｗｅｎ８８．ｎｅｔ", "www.zuowen88.net"),
    ("w w w . d i y i f a n w e n . c o m", "www.diyifanwen.com"),
    ("http://www.Wenmi114.com/gzbg/", "www.wenmi114.com"),
    ("WWW。GUIHUA。CC", "www.guihua.cc"),
])
def test_disguised_domains_are_removed_counted_and_flagged(spam: str, token: str) -> None:
    lines = list(_REPORT_LINES)
    lines[1] = lines[1].replace("向大会", spam + "向大会")
    page = clean_page("\n".join(lines), is_html=False)
    assert page.lines[1] == "现在,我代表市人民政府,向大会报告工作,请予审议。"
    assert page.injected_tokens == [token] and page.stats["injected_removed"] == 1
    assert "injected_tokens" in split_documents(page)[0].quality["flags"]


def test_repeated_chinese_brand_before_a_web_address_goes_with_it() -> None:
    lines = ["深化改革开放公文网www.GongWen.com,持续优化营商环境。", "坚持创新驱动公文网 WWW.GONGWEN.COM发展。",
             "全面推进乡村振兴,www.gongwen.com加快农业现代化。", *_REPORT_LINES]
    page = clean_page("\n".join(lines), is_html=False)
    assert page.lines[:3] == ["深化改革开放,持续优化营商环境。", "坚持创新驱动发展。", "全面推进乡村振兴,加快农业现代化。"]
    assert page.stats["injected_removed"] == 3


def test_single_word_before_a_web_address_is_kept() -> None:
    page = clean_page("\n".join(["全面推进乡村振兴www.gongwen.com,加快农业现代化。", *_REPORT_LINES]), is_html=False)
    assert page.lines[0] == "全面推进乡村振兴,加快农业现代化。"


def test_chinese_brand_before_a_domain_is_cut_at_the_shared_ending() -> None:
    lines = ["(范文先生网.com)坚持稳中求进。", "深化改革开放范文先生网.com,持续优化营商环境。",
             "坚持创新驱动范文先生网.com发展。", *_REPORT_LINES]
    page = clean_page("\n".join(lines), is_html=False)
    assert page.lines[:3] == ["坚持稳中求进。", "深化改革开放,持续优化营商环境。", "坚持创新驱动发展。"]
    assert page.injected_tokens == ["范文先生网.com"] and page.stats["injected_removed"] == 3


@pytest.mark.parametrize("promo", [
    "本文来自第一范文网,转载请注明出处。",
    "更多精彩内容请访问本站。",
    "更多相关范文请关注公文写作网",
    "欢迎访问文秘知音网",
    "微信搜索公文素材公众号",
])
def test_promotion_lines_are_removed(promo: str) -> None:
    page = clean_page("\n".join([*_REPORT_LINES[:2], promo, _REPORT_LINES[2]]), is_html=False)
    assert page.lines == [*_REPORT_LINES[:2], _REPORT_LINES[2]]
    assert page.stats["injected_removed"] >= 1 and page.injected_tokens


@pytest.mark.parametrize("line", [
    "市长公开电话和门户网站www.cq.gov.cn全年办理群众诉求3.2万件。",
    "政务邮箱fgw@163.com全年受理建议1200条。",
    "人均地区生产总值达到6.5万元,No.1的位置更加巩固。",
    "资金来源于市级财政和社会资本,更多相关项目将陆续开工。",
    "欢迎各位代表提出意见,本文件来自市政府办公室。",
    "建设内容由市政务服务平台统一发布,文章来源可追溯。",
])
def test_report_text_with_addresses_or_similar_words_is_untouched(line: str) -> None:
    page = clean_page("\n".join([*_REPORT_LINES[:2], line, _REPORT_LINES[2]]), is_html=False)
    assert line in page.lines
    assert page.stats["injected_removed"] == 0 and page.injected_tokens == []
