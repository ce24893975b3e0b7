"""Statistical bulletins: a 2022 bulletin's figures are actuals for 2022, and `govreports eval` scores them so.

report_year of a bulletin is the year it reports on (metadata); `build_documents` asks the indicator
step for that year's actuals; `pipeline.evaluate.realised_year` scores the previous-year GDP checks
against the bulletin's own year.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.document import build_documents
from pipeline.evaluate import Label, realised_year, score_report
from pipeline.segment import Segmenter, get_segmenter

BULLETIN = (
    "绍兴市2022年国民经济和社会发展统计公报\n"
    "绍兴市统计局 国家统计局绍兴调查队\n"
    "一、综合\n"
    "初步核算，全年全市生产总值7351.0亿元，按可比价格计算，比上年增长4.3%。"
    "全市常住人口人均生产总值136519元，增长3.9%。\n"
    "全年居民消费价格比上年上涨2.2%。全年城镇新增就业10.3万人。\n"
    "二、农业\n全年粮食总产量63.2万吨，比上年增长1.1%。\n"
    "三、工业和建筑业\n全年规模以上工业增加值比上年增长5.6%。\n"
    "四、固定资产投资\n全年固定资产投资比上年增长10.2%。\n"
    "五、国内贸易\n全年社会消费品零售总额2550.6亿元，比上年增长4.8%。\n"
    "六、财政\n全年一般公共预算收入647.6亿元，同口径增长3.1%。\n"
    "七、人民生活\n全体居民人均可支配收入70129元，比上年增长4.5%。"
    "按常住地分，城镇居民人均可支配收入80021元，增长3.5%；农村居民人均可支配收入45963元，增长5.8%。\n"
    "八、科学技术和教育\n全年研究与试验发展经费支出占全市生产总值的比重为3.2%。年末全市共有普通高校12所，"
    "在校学生13.6万人。全市共有各级各类学校、幼儿园和教学点若干所，学前教育和义务教育均衡发展。\n"
    "九、卫生和社会保障\n年末全市共有医疗卫生机构若干个，卫生技术人员进一步增加，基本医疗保险参保人数稳定，"
    "城乡居民基本养老保险覆盖面继续扩大，社会救助体系不断完善。\n"
    "十、资源和环境\n全年空气质量优良天数比例稳步提高，主要河流水质持续改善，生态环境保护取得新成效。\n"
    "注：本公报中部分数据为初步统计数，各项统计数据均未包括港澳台地区，部分数据因四舍五入的原因存在总计与分项合计不等的情况。"
)


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return get_segmenter(cache_dir=tmp_path_factory.mktemp("jieba"))


def test_bulletin_figures_are_actuals_of_the_bulletins_year(segmenter: Segmenter) -> None:
    (doc,) = build_documents(BULLETIN.encode("utf-8"), "file://bulletin", segmenter,
                             content_type="text/plain; charset=utf-8")
    assert (doc.doc_type, doc.report_year) == ("stat_bulletin", 2022)
    found = {(r["indicator"], r["kind"], r["year"]): r["value"] for r in doc.indicators}
    assert {kind for _, kind, _ in found} == {"actual"} and {year for _, _, year in found} == {2022}
    assert found[("gdp", "actual", 2022)] == 7351.0
    assert found[("gdp_growth", "actual", 2022)] == 4.3
    assert found[("general_budget_revenue_growth", "actual", 2022)] == 3.1
    assert found[("cpi_growth", "actual", 2022)] == 2.2
    assert found[("rd_spending_ratio", "actual", 2022)] == 3.2
    income = {r["scope"]: r["value"] for r in doc.indicators if r["indicator"] == "disposable_income_growth"}
    assert income == {"all": 4.5, "urban": 3.5, "rural": 5.8}


def _record(indicator: str, value: float, year: int, unit: str = "%") -> dict[str, Any]:
    return {"indicator": indicator, "kind": "actual", "year": year, "value": value, "low": None, "high": None,
            "unit": unit, "modifier": "point", "strive": False, "scope": ""}


@pytest.mark.parametrize(("doc_type", "report_year", "expected"), [
    ("stat_bulletin", 2022, 2022), ("work_report", 2023, 2022), ("dev_plan", 2023, 2022),
    ("stat_bulletin", None, None),
])
def test_realised_year(doc_type: str, report_year: int | None, expected: int | None) -> None:
    assert realised_year({"doc_type": doc_type, "report_year": report_year}) == expected


def test_bulletin_gdp_is_scored_against_its_own_year() -> None:
    labelled = [_record("gdp", 7351.0, 2022, "亿元"), _record("gdp_growth", 4.3, 2022)]
    label = Label(source="b.txt", position=0, title="绍兴市2022年国民经济和社会发展统计公报",
                  metadata={"doc_type": "stat_bulletin", "report_year": 2022}, indicators=labelled)
    right = {name: ok for name, ok, _, _ in score_report(label, {"indicators": labelled}).checks}
    assert right["prev_gdp_level"] and right["prev_gdp_growth"] and right["gdp_target"]
    wrong_value = [_record("gdp", 7000.0, 2022, "亿元"), _record("gdp_growth", 4.3, 2022)]
    right = {name: ok for name, ok, _, _ in score_report(label, {"indicators": wrong_value}).checks}
    assert not right["prev_gdp_level"] and right["prev_gdp_growth"]
