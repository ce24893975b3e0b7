"""build_documents chaining: quality flags of every step kept, notice context, other bodies, bulletins."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import _indicator_year, build_documents, merge_quality, preamble
from pipeline.segment import Segmenter, get_segmenter

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"
FILLER = "过去一年，我们坚持稳中求进工作总基调，统筹推进经济社会发展，经济运行总体平稳，民生持续改善。" * 12


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return get_segmenter(cache_dir=tmp_path_factory.mktemp("jieba"))


def test_flags_of_split_and_metadata_are_merged_not_overwritten() -> None:
    merged = merge_quality({"chars": 10, "flags": ["aggregator_entry", "glossary"]},
                           {"flags": ["title_year_mismatch"], "report_year_source": "header"})
    assert merged["flags"] == ["aggregator_entry", "glossary", "title_year_mismatch"]
    assert merged["chars"] == 10 and merged["report_year_source"] == "header"


def test_merge_adds_injected_tokens_once() -> None:
    merged = merge_quality({"injected_removed": 3, "flags": ["injected_tokens"]}, {"flags": []})
    assert merged["flags"] == ["injected_tokens"]
    assert "injected_tokens" not in merge_quality({"injected_removed": 0, "flags": []}, {"flags": []})["flags"]


def test_seed_with_injected_spam_and_glossary(segmenter: Segmenter) -> None:
    body = (SEEDS / "003_0e148f91ba2d8798.txt").read_bytes()
    (doc,) = build_documents(body, "file://003", segmenter, content_type="text/plain; charset=utf-8")
    assert {"glossary", "injected_tokens"} <= set(doc.quality["flags"])
    assert doc.region == "南充市高坪区"


def test_seed_with_wrong_title_year(segmenter: Segmenter) -> None:
    body = (SEEDS / "002_88e7c62cb5127eba.txt").read_bytes()
    docs = build_documents(body, "file://002", segmenter, content_type="text/plain; charset=utf-8")
    xiamen = next(d for d in docs if "厦门" in d.title)
    assert xiamen.report_year == 2019
    assert {"aggregator_entry", "title_year_mismatch"} <= set(xiamen.quality["flags"])


def test_plan_in_a_notice_gets_the_notice_as_context(segmenter: Segmenter) -> None:
    body = (SEEDS / "004_ca4af411ed0e9611.txt").read_bytes()
    (doc,) = build_documents(body, "file://004", segmenter, content_type="text/plain; charset=utf-8")
    assert doc.meeting_name == "第十八届人民代表大会第四次会议" and doc.meeting_date is None


def test_other_body_report_is_other(segmenter: Segmenter) -> None:
    page = ("2021年南充市人民检察院工作报告\n2021年1月8日在南充市第七届人民代表大会第五次会议上\n"
            "南充市人民检察院检察长 周二\n各位代表：\n" + FILLER).encode("utf-8")
    (doc,) = build_documents(page, "file://x", segmenter, content_type="text/plain; charset=utf-8")
    assert doc.doc_type == "other" and doc.region == "南充市"


def test_preamble_is_the_text_before_the_document() -> None:
    lines = ["关于印发计划的通知", "已经区十八届人民代表大会第四次会议审议通过", "渝北区2020年经济社会发展计划", "2020年，是收官之年。"]
    assert preamble(lines, "2020年，是收官之年。\n一、总体思路") == "\n".join(lines[:3])
    assert preamble(lines, "不在页面上的文字") == ""


def test_bulletin_figures_are_actuals_of_its_year() -> None:
    assert _indicator_year({"doc_type": "stat_bulletin", "report_year": 2023}) == 2024
    assert _indicator_year({"doc_type": "work_report", "report_year": 2023}) == 2023
    assert _indicator_year({"doc_type": "stat_bulletin", "report_year": None}) is None


def test_news_story_about_a_report_carries_no_indicators(segmenter: Segmenter) -> None:
    story = ("县十七届人大三次会议隆重开幕 张明作政府工作报告\n"
             "本报讯（记者 王芳）1月8日上午，县第十七届人民代表大会第三次会议在县会议中心隆重开幕。县长张明作政府工作报告。\n"
             "报告提出，今年全县经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5%，"
             "城镇新增就业5000人以上。\n" + FILLER + "\n（责任编辑：李华）").encode("utf-8")
    (doc,) = build_documents(story, "file://news", segmenter, content_type="text/plain; charset=utf-8")
    assert doc.doc_type == "other"
    assert doc.indicators == []
