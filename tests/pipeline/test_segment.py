"""jieba Segmenter with the domain vocabulary: terms stay whole, keywords, tracked phrase counts."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from pipeline.clean import clean_page
from pipeline.segment import Segmenter, get_segmenter
from pipeline.split import split_documents
from pipeline.vocabulary import keyword_stopwords, load_vocabulary, tracked_phrases

BILISHAN = "001_bcbca230d9bf0c3f.txt"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba-cache")


@pytest.fixture(scope="module")
def segmenter(cache_dir: Path) -> Segmenter:
    return Segmenter(cache_dir)


@pytest.fixture
def bilishan_text(seed_texts: dict[str, str]) -> str:
    return split_documents(clean_page(seed_texts[BILISHAN], is_html=False))[0].text


@pytest.mark.parametrize(
    "sentence",
    [
        "高质量共建成渝地区双城经济圈,与遂宁签署合作协议。",
        "因地制宜发展新质生产力,培育未来产业。",
        "一般公共预算收入完成53.2亿元,其中税收收入29.1亿元。",
        "规上工业增加值增长8.6%,固定资产投资增长14.7%。",
        "城镇调查失业率控制在5.5%以内。",
        "社会消费品零售总额增长8.8%。",
        "全体居民人均可支配收入达到44704元。",
        "单位地区生产总值能耗下降完成省下达目标。",
        "实施消费品以旧换新,推进大规模设备更新。",
        "用好超长期特别国债和地方政府专项债券。",
    ],
)
def test_key_terms_survive_segmentation_as_one_token(segmenter: Segmenter, sentence: str) -> None:
    tokens = segmenter.cut(sentence)
    terms = [term for term in load_vocabulary() if term in sentence]
    longest = [t for t in terms if not any(t != other and t in other for other in terms)]
    assert longest, sentence
    for term in longest:
        assert term in tokens, (term, tokens)


def test_every_vocabulary_term_is_one_token_between_punctuation(segmenter: Segmenter) -> None:
    split_terms = [term for term in load_vocabulary() if term not in segmenter.cut(f",{term}。")]
    assert split_terms == []


def test_cut_drops_punctuation_and_spaces(segmenter: Segmenter) -> None:
    assert segmenter.cut("各位代表: 现在,我代表区人民政府。") == ["各位代表", "现在", "我", "代表", "区人民政府"]


def test_keywords_of_a_seed_report(segmenter: Segmenter, bilishan_text: str) -> None:
    keywords = segmenter.keywords(bilishan_text, k=20)
    assert len(keywords) == 20
    assert "璧山" in keywords  # the report's own place, mentioned throughout
    assert {"数字经济", "新能源汽车", "产业园"} & set(keywords)
    assert not any(ch.isdigit() for word in keywords for ch in word)
    assert not set(keywords) & keyword_stopwords()
    assert segmenter.keywords(bilishan_text, k=20) == keywords  # deterministic order


def test_tracked_phrase_counts_on_a_seed_report(segmenter: Segmenter, bilishan_text: str) -> None:
    counts = segmenter.phrase_counts(bilishan_text)
    # These phrases never sit inside other words in this report: counts equal plain occurrences.
    for phrase in ("成渝地区双城经济圈", "新质生产力", "数字经济", "中国式现代化", "高质量发展"):
        assert counts.get(phrase, 0) == bilishan_text.count(phrase) > 0, phrase
    assert set(counts) <= set(tracked_phrases())
    assert all(n > 0 for n in counts.values())


def test_phrase_counted_only_where_it_is_a_word(segmenter: Segmenter) -> None:
    counts = segmenter.phrase_counts("稳妥推进化债工作,优化债务结构。实现碳达峰碳中和目标,力争碳达峰。")
    assert counts["化债"] == 1  # not the 化债 inside 优化|债务
    assert counts["碳达峰"] == 2  # one inside the longer term 碳达峰碳中和
    assert counts["碳中和"] == 1


def test_cache_goes_to_the_given_directory_and_no_parallel_pool(segmenter: Segmenter, cache_dir: Path) -> None:
    assert list(cache_dir.glob("jieba*.cache"))
    segmenter.cut("推进新型工业化")
    assert getattr(jieba, "pool", None) is None  # jieba.enable_parallel would have created a pool


def test_one_segmenter_per_process_and_cache_dir(cache_dir: Path) -> None:
    first = get_segmenter(cache_dir)
    assert get_segmenter(cache_dir) is first
