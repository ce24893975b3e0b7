"""extract_metadata on composed report openings: provinces, cities, counties, 2000s–2020s, many header forms.

Each case is a title plus the first lines of a report as portals and aggregators print them; only the
fields a case is about are asserted, so one failure names one rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.extract.metadata import METADATA_FIELDS, extract_metadata

BODY = "现在，我代表人民政府，向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。\n一、过去一年工作回顾\n"

CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("province, Arabic date, speaker line with spaces",
     "2008年山东省政府工作报告",
     "2008年1月18日在山东省第十一届人民代表大会第一次会议上\n山东省省长  姜大明\n各位代表：\n",
     {"doc_type": "work_report", "region": "山东省", "province": "山东省", "admin_level": "province",
      "division_code": "370000", "report_year": 2008, "meeting_date": "2008-01-18",
      "meeting_name": "第十一届人民代表大会第一次会议", "speaker": "姜大明", "speaker_title": "省长"}),
    ("autonomous region chairman",
     "2013年广西壮族自治区政府工作报告",
     "——2013年1月27日在广西壮族自治区第十二届人民代表大会第一次会议上\n广西壮族自治区人民政府主席 马飚\n各位代表：\n",
     {"region": "广西壮族自治区", "admin_level": "province", "division_code": "450000",
      "speaker": "马飚", "speaker_title": "自治区主席", "meeting_date": "2013-01-27"}),
    ("acting chairman with a dotted Uyghur name",
     "新疆维吾尔自治区政府工作报告",
     "2015年1月23日在新疆维吾尔自治区第十二届人民代表大会第三次会议上\n新疆维吾尔自治区人民政府代主席 雪克来提·扎克尔\n各位代表：\n",
     {"region": "新疆维吾尔自治区", "speaker": "雪克来提·扎克尔", "speaker_title": "自治区代主席",
      "report_year": 2015}),
    ("municipality, Chinese-numeral date in brackets",
     "北京市政府工作报告",
     "（二〇一〇年一月二十六日在北京市第十三届人民代表大会第三次会议上）\n北京市市长 郭金龙\n各位代表：\n",
     {"region": "北京市", "admin_level": "province", "division_code": "110000", "meeting_date": "2010-01-26",
      "report_year": 2010, "speaker": "郭金龙", "speaker_title": "市长"}),
    ("district of a municipality, parent named",
     "2019年朝阳区政府工作报告",
     "2019年1月8日在北京市朝阳区第十五届人民代表大会第四次会议上\n北京市朝阳区人民政府区长 王灏\n各位代表：\n",
     {"region": "北京市朝阳区", "province": "北京市", "admin_level": "county", "division_code": "110105"}),
    ("repeated district name, the body names the city",
     "朝阳区政府工作报告",
     "2018年1月10日在朝阳区第十六届人民代表大会第三次会议上\n区长 张三\n各位代表：\n"
     "过去一年，在长春市委、市政府的坚强领导下，朝阳区积极融入长春现代化都市圈建设，吉林省重点项目顺利推进。\n",
     {"region": "长春市朝阳区", "province": "吉林省", "division_code": "220104"}),
    ("repeated district name and nothing to choose by: null, not a guess",
     "朝阳区政府工作报告",
     "2018年1月10日在朝阳区第十六届人民代表大会第三次会议上\n区长 张三\n各位代表：\n",
     {"region": None, "division_code": None, "province": None, "admin_level": "county"}),
    ("same-named districts inside one province: province known, region not",
     "桥西区政府工作报告",
     "2017年1月5日在桥西区第十五届人民代表大会第一次会议上\n区长 李四\n各位代表：\n",
     {"region": None, "division_code": None, "province": "河北省", "admin_level": "county"}),
    ("same-named district, the speaker line names the city",
     "鼓楼区政府工作报告",
     "2016年1月12日在鼓楼区第十七届人民代表大会第五次会议上\n徐州市鼓楼区人民政府区长 王五\n各位代表：\n",
     {"region": "徐州市鼓楼区", "province": "江苏省", "division_code": "320302"}),
    ("county-level city of a prefecture",
     "2012年昆山市政府工作报告",
     "2012年1月9日在昆山市第十五届人民代表大会第一次会议上\n昆山市人民政府市长 管爱国\n各位代表：\n",
     {"region": "苏州市昆山市", "province": "江苏省", "admin_level": "county", "division_code": "320583"}),
    ("county-level city directly under the province",
     "天门市政府工作报告",
     "2021年12月16日在天门市第九届人民代表大会第一次会议上\n市人民政府市长杨兴铭\n各位代表：\n",
     {"region": "天门市", "province": "湖北省", "admin_level": "county", "division_code": "429006",
      "report_year": 2022, "meeting_date": "2021-12-16", "speaker": "杨兴铭", "speaker_title": "市长"}),
    ("Hainan county-level city",
     "文昌市政府工作报告",
     "2020年1月6日在文昌市第十六届人民代表大会第五次会议上\n文昌市人民政府市长 钟鸣明\n各位代表：\n",
     {"region": "文昌市", "province": "海南省", "admin_level": "county", "division_code": "469005"}),
    ("autonomous prefecture written short, head of prefecture",
     "恩施州政府工作报告",
     "2016年1月10日在恩施州第八届人民代表大会第一次会议上\n州长 刘芳震\n各位代表：\n",
     {"region": "恩施土家族苗族自治州", "province": "湖北省", "admin_level": "city", "division_code": "422800",
      "speaker_title": "州长"}),
    ("banner and its head",
     "鄂托克前旗政府工作报告",
     "2019年1月15日在鄂托克前旗第十七届人民代表大会第三次会议上\n旗长 赵六\n各位代表：\n",
     {"region": "鄂尔多斯市鄂托克前旗", "province": "内蒙古自治区", "admin_level": "county",
      "speaker_title": "旗长", "speaker": "赵六"}),
    ("acting county head, semicolon noise",
     "2021年巫山县政府工作报告",
     "2021年3月26日在巫山县第十七届人民代表大会第五次会议上巫山县人民政府代县长;曹邦兴各位代表:现在,我代表县人民政府",
     {"region": "重庆市巫山县", "speaker": "曹邦兴", "speaker_title": "代县长"}),
    ("acting district head glued to the name",
     "2022年蓟州区政府工作报告",
     "2021年12月12日在天津市蓟州区第二届人民代表大会第一次会议上代区长张建宇各位代表:现在",
     {"region": "天津市蓟州区", "speaker": "张建宇", "speaker_title": "代区长", "report_year": 2022}),
    ("name alone before the greeting",
     "2022年郴州市政府工作报告",
     "2021年12月30日在郴州市第六届人民代表大会第一次会议上吴巨培各位代表:现在,我代表市人民政府",
     {"speaker": "吴巨培", "speaker_title": None, "region": "郴州市", "report_year": 2022}),
    ("meeting line without the place: the title names it",
     "2019年厦门市政府工作报告",
     "——2019年1月9日在市第十五届人民代表大会第三次会议上\n市长 庄稼汉\n各位代表：\n",
     {"region": "厦门市", "province": "福建省", "admin_level": "city", "speaker": "庄稼汉"}),
    ("the header beats a wrong title",
     "2022年厦门市政府工作报告",
     "2022年1月6日在福州市第十六届人民代表大会第一次会议上\n福州市人民政府市长 吴贤德\n各位代表：\n",
     {"region": "福州市", "province": "福建省"}),
    ("title polluted by an injected token: the meeting line decides",
     "2025年亚洲通工作报告",
     "2025年2月19日在高坪区第七届人民代表大会第五次会议上\n各位代表:\n现在,我代表区人民政府,向大会报告工作",
     {"doc_type": "work_report", "region": "南充市高坪区", "province": "四川省", "division_code": "511303",
      "speaker": None, "report_year": 2025}),
    ("suffixless place in the title, unambiguous",
     "渝北2021年政府工作报告",
     "2021年,全区经济运行稳中向好。\n一、2020年工作回顾\n",
     {"region": "重庆市渝北区", "report_year": 2021}),
    ("district renamed after the table was made: written name, no code",
     "梁平区政府工作报告",
     "2019年1月10日在重庆市梁平区第十七届人民代表大会第四次会议上\n区长 何七\n各位代表：\n",
     {"region": "重庆市梁平区", "province": "重庆市", "admin_level": "county", "division_code": None}),
    ("abolished district: written name under its municipality",
     "崇文区政府工作报告",
     "2005年1月12日在北京市崇文区第十三届人民代表大会第三次会议上\n区长 陈八\n各位代表：\n",
     {"region": "北京市崇文区", "province": "北京市", "admin_level": "county", "division_code": None}),
    ("full-width digits",
     "成都市政府工作报告",
     "２０２３年１月１２日在成都市第十七届人民代表大会第五次会议上\n成都市人民政府市长　王凤朝\n各位代表：\n",
     {"meeting_date": "2023-01-12", "report_year": 2023, "region": "成都市", "speaker": "王凤朝"}),
    ("date with lost digits: no meeting date; headings give the year",
     "重庆市璧山区政府工作报告(2024年)",
     "——202423日在重庆市璧山区第十八届人民代表大会第四次会议上\n重庆市璧山区人民政府区长 江志斌\n各位代表:\n"
     "一、2023年工作回顾\n2023年是全面贯彻党的二十大精神的开局之年。\n二、2024年工作安排\n",
     {"meeting_date": None, "report_year": 2024, "speaker": "江志斌", "region": "重庆市璧山区"}),
    ("blank day of a draft: year and month only",
     "2024年某县政府工作报告",
     "——2024年1月 日在忠县第十八届人民代表大会第四次会议上\n县长 黄九\n各位代表：\n",
     {"meeting_date": None, "report_year": 2024, "region": "重庆市忠县"}),
    ("December session sets next year's targets",
     "东丽区政府工作报告",
     "2021年12月12日在东丽区第十八届人民代表大会第一次会议上\n区长 贾堤\n各位代表:\n",
     {"report_year": 2022, "meeting_date": "2021-12-12", "region": "天津市东丽区"}),
    ("title year disagrees with the dated text",
     "2022年厦门市政府工作报告",
     "二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上厦门市人民政府市长庄稼汉各位代表:现在",
     {"report_year": 2019, "meeting_date": "2019-01-09"}),
    ("date after the speaker, 2000s county",
     "2005年政府工作报告",
     "在南充市高坪区第十四届人民代表大会第三次会议上\n区长 李十\n（2005年2月25日）\n各位代表：\n",
     {"meeting_date": "2005-02-25", "speaker": "李十", "region": "南充市高坪区", "report_year": 2005}),
    ("abbreviated meeting name",
     "郫县政府工作报告",
     "2014年1月8日在郫县十七届人大三次会议上\n县长 杨一\n各位代表：\n",
     {"meeting_name": "第十七届人民代表大会第三次会议", "region": "成都市郫县", "speaker_title": "县长"}),
    ("annual plan report, speaker is the planning commission head",
     "关于成都市2019年国民经济和社会发展计划执行情况与2020年计划草案的报告",
     "——2020年4月28日在成都市第十七届人民代表大会第三次会议上\n成都市发展和改革委员会主任 何一\n各位代表：\n"
     "受市人民政府委托，现将成都市2019年国民经济和社会发展计划执行情况与2020年计划草案提请市十七届人大三次会议审议。\n",
     {"doc_type": "dev_plan", "report_year": 2020, "region": "成都市", "speaker_title": "发展和改革委员会主任",
      "speaker": "何一"}),
    ("plan without header: the title year",
     "渝北区2020年经济社会发展计划",
     "2020年，是全面建成小康社会和“十三五”规划收官之年。\n一、总体思路\n",
     {"doc_type": "dev_plan", "report_year": 2020, "region": "重庆市渝北区", "meeting_date": None, "speaker": None}),
    ("five-year outline report",
     "关于南充市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）的报告",
     "2021年1月25日在南充市第七届人民代表大会第五次会议上\n各位代表：\n",
     {"doc_type": "plan_outline", "report_year": 2021, "region": "南充市"}),
    ("statistical bulletin: the year it reports on",
     "南充市2023年国民经济和社会发展统计公报",
     "南充市统计局 国家统计局南充调查队\n2024年3月20日\n2023年，全市地区生产总值增长6.1%。\n",
     {"doc_type": "stat_bulletin", "report_year": 2023, "region": "南充市"}),
    ("procuratorate report is another body's",
     "2020年南充市人民检察院工作报告",
     "2020年1月8日在南充市第七届人民代表大会第四次会议上\n南充市人民检察院检察长 周二\n各位代表：\n",
     {"doc_type": "other", "region": "南充市"}),
    ("people's congress standing committee opening",
     "工作报告",
     "2020年1月8日在南充市第七届人民代表大会第四次会议上\n各位代表：\n我代表南充市人大常委会，向大会报告工作。\n",
     {"doc_type": "other"}),
    ("work report known only by its opening",
     "",
     "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n一、2016年工作回顾\n",
     {"doc_type": "work_report", "report_year": 2017}),
    ("政协 in the closing sentence of the opening is not another body's report",
     "2022年襄阳市政府工作报告",
     "2022年1月6日在襄阳市第十八届人民代表大会第一次会议上襄阳市人民政府市长王太晖各位代表:"
     "现在,我代表市政府向大会报告工作,请予审议,并请市政协各位委员和列席人员提出意见。",
     {"doc_type": "work_report", "region": "襄阳市", "speaker": "王太晖"}),
    ("headings only: review year + 1, planned year",
     "政府工作报告",
     "各位代表：\n现在，我代表区人民政府，向大会报告工作。\n一、2018年工作回顾\n二、2019年工作安排\n",
     {"report_year": 2019, "meeting_date": None}),
    ("five-character Mongolian name without a dot, full-width space",
     "2012年内蒙古自治区政府工作报告",
     "——2012年1月12日在内蒙古自治区第十一届人民代表大会第五次会议上\n内蒙古自治区主席　巴特尔朝鲁\n各位代表：\n",
     {"speaker": "巴特尔朝鲁", "speaker_title": "自治区主席", "meeting_date": "2012-01-12"}),
    ("league head, Chinese-numeral date, six-character name",
     "锡林郭勒盟2014年政府工作报告",
     "——二〇一四年一月八日在锡林郭勒盟人大工委二届三次全体会议上\n锡林郭勒盟盟长 乌力吉巴雅尔\n各位代表：\n",
     {"speaker": "乌力吉巴雅尔", "speaker_title": "盟长", "meeting_date": "2014-01-08"}),
    ("plan delivered by a bureau head",
     "关于安吉县2004年国民经济和社会发展计划执行情况及2005年计划草案的报告",
     "——2005年2月22日在安吉县第十三届人民代表大会第三次会议上\n安吉县发展计划局局长 沈国平\n各位代表：\n",
     {"doc_type": "dev_plan", "speaker": "沈国平", "speaker_title": "局长",
      "meeting_name": "第十三届人民代表大会第三次会议"}),
]


@pytest.mark.parametrize(("title", "text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_opening(title: str, text: str, expected: dict[str, Any]) -> None:
    meta = extract_metadata(title, text + BODY)
    got = {key: meta[key] for key in expected}
    assert got == expected


def test_untitled_plan_opened_on_behalf_of_the_government_is_a_dev_plan() -> None:
    text = ("——2020年1月9日在遂宁市第七届人民代表大会第五次会议上\n遂宁市发展和改革委员会\n各位代表：\n"
            "受市人民政府委托，现将遂宁市2019年国民经济和社会发展计划执行情况及2020年计划草案提请大会审议。\n")
    meta = extract_metadata("", text + "一、2019年计划执行情况\n全市地区生产总值增长7.6%。\n")
    assert meta["doc_type"] == "dev_plan"


def test_verb_after_a_session_mentioned_in_the_opening_is_no_speaker() -> None:
    # A copy that starts inside the wrapped opening sentence: the session it names is followed by 审议.
    text = "计划执行情况及2020年计划草案提请市七届人大五次会议审议,并请市政协委员和其他列席人员提出意见。\n"
    assert extract_metadata("", text + "一、2019年计划执行情况\n全市地区生产总值增长7.6%。\n")["speaker"] is None


def test_every_field_and_quality_present() -> None:
    meta = extract_metadata("", "")
    assert set(METADATA_FIELDS) <= set(meta)
    assert meta["quality"]["flags"] == []
    assert all(meta[key] is None for key in METADATA_FIELDS if key != "doc_type")
    assert meta["doc_type"] == "other"


def test_title_year_mismatch_flag() -> None:
    text = "二〇一九年一月九日在厦门市第十五届人民代表大会第三次会议上\n市长 张三\n各位代表：\n" + BODY
    assert "title_year_mismatch" in extract_metadata("2022年厦门市政府工作报告", text)["quality"]["flags"]
    assert extract_metadata("2019年厦门市政府工作报告", text)["quality"]["flags"] == []


def test_december_session_titled_with_the_next_year_is_no_mismatch() -> None:
    text = "2021年12月12日在东丽区第十八届人民代表大会第一次会议上\n区长 贾堤\n各位代表：\n" + BODY
    assert extract_metadata("2022年东丽区政府工作报告", text)["quality"]["flags"] == []


def test_five_year_outline_title_years_are_not_a_mismatch() -> None:
    text = "2021年1月25日在南充市第七届人民代表大会第五次会议上\n各位代表：\n" + BODY
    meta = extract_metadata("南充市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", text)
    assert meta["quality"]["flags"] == []


def test_posting_date_only_as_a_last_resort() -> None:
    text = "各位代表：\n现在，我代表市人民政府，向大会报告工作。\n"
    assert extract_metadata("政府工作报告", text, published_date="2023-02-10")["report_year"] == 2023
    # Posted long after any session (an aggregator's date): not evidence of the year.
    assert extract_metadata("政府工作报告", text, published_date="2025-07-08")["report_year"] is None
    dated = "2021年3月10日在重庆市渝北区第十八届人民代表大会第五次会议上\n各位代表：\n"
    assert extract_metadata("政府工作报告", dated, published_date="2025-02-01")["report_year"] == 2021


def test_greeting_deep_in_the_body_is_not_the_header() -> None:
    # A plan without a header: a date in the first paragraph is not a meeting date.
    text = "2020年3月1日起，全区全面复工复产。" + "经济运行总体平稳。" * 60 + "各位代表：\n"
    meta = extract_metadata("渝北区2020年经济社会发展计划", text)
    assert meta["meeting_date"] is None and meta["speaker"] is None


def test_header_without_greeting_glued_to_the_body() -> None:
    text = ("2021年3月10日在重庆市渝北区第十八届人民代表大会第五次会议上重庆市渝北区人民政府区长 谭 庆"
            "现在,我代表区人民政府,向大会报告工作,请予审议。" + "一年来经济运行平稳。" * 60)
    meta = extract_metadata("2021年渝北区政府工作报告", text)
    assert (meta["speaker"], meta["speaker_title"], meta["meeting_date"]) == ("谭庆", "区长", "2021-03-10")


def test_header_after_a_long_preamble() -> None:
    preamble = "\n".join(["本文件已经区人民代表大会审议通过，现予公开。" * 3] * 5)
    text = preamble + "\n——2020年1月8日在南岸区第十八届人民代表大会第四次会议上\n区长 郑向东\n（此件公开发布）\n" + BODY
    meta = extract_metadata("政府工作报告", text)
    assert (meta["region"], meta["speaker"], meta["meeting_date"]) == ("重庆市南岸区", "郑向东", "2020-01-08")


def test_plan_published_in_a_notice() -> None:
    notice = ("重庆市渝北区人民政府办公室关于印发渝北区2020年经济社会发展计划的通知\n各镇人民政府，区政府各部门：\n"
              "《渝北区2020年经济社会发展计划》已经区十八届人民代表大会第四次会议审议通过，现印发你们，请认真组织实施。\n")
    text = "2020年，是全面建成小康社会和“十三五”规划收官之年。\n一、总体思路\n"
    meta = extract_metadata("2020年经济社会发展计划", text, context=notice)
    assert meta["meeting_name"] == "第十八届人民代表大会第四次会议"
    assert meta["meeting_date"] is None
    assert (meta["region"], meta["doc_type"], meta["report_year"]) == ("重庆市渝北区", "dev_plan", 2020)
    # Without the notice the page gives neither the session nor the place.
    bare = extract_metadata("2020年经济社会发展计划", text)
    assert bare["meeting_name"] is None and bare["region"] is None


def test_a_session_quoted_deep_in_a_report_is_not_its_meeting() -> None:
    text = "各位代表：\n" + "经济运行平稳。" * 80 + "经市十五届人大三次会议审议通过的规划纲要顺利实施。\n"
    assert extract_metadata("政府工作报告", text)["meeting_name"] is None


SUB_UNIT_CASES = [
    ("township congress inside a county: no division, province kept",
     "2020年政府工作报告",
     "2020年1月6日在巫溪县宁厂镇第十八届人民代表大会第四次会议上\n镇长 王一\n各位代表：\n",
     {"region": None, "division_code": None, "province": "重庆市"}),
    ("development zone committee is not the city",
     "2021年南充经济技术开发区管委会工作报告",
     "各位代表：\n现在，我代表管委会报告工作。\n一、2020年工作回顾\n",
     {"region": None, "division_code": None, "province": "四川省"}),
    ("district newer than the table, parent from the body",
     "2022年郫都区政府工作报告",
     "2022年1月10日在郫都区第二届人民代表大会第一次会议上\n区长 李二\n各位代表：\n"
     "过去一年，我们全面融入成都市发展大局，在成都市委、成都市政府坚强领导下，成都平原经济区协同发展取得新进展，"
     "成都市委交办的重点任务全面完成，主动服务成都市“三个做优做强”。\n",
     {"region": "成都市郫都区", "province": "四川省", "admin_level": "county", "division_code": None}),
    ("district newer than the table, body names no parent: the name as written, nothing guessed",
     "2022年郫都区政府工作报告",
     "2022年1月10日在郫都区第二届人民代表大会第一次会议上\n区长 李二\n各位代表：\n",
     {"region": "郫都区", "province": None, "admin_level": "county", "division_code": None}),
    ("abolished district whose name another province's district still has",
     "双桥区政府工作报告",
     "2010年1月12日在重庆市双桥区第五届人民代表大会第五次会议上\n区长 刘五\n各位代表：\n",
     {"region": "重庆市双桥区", "province": "重庆市", "admin_level": "county", "division_code": None}),
    ("former prefecture city now a district of another city",
     "莱芜区政府工作报告",
     "2020年1月9日在济南市莱芜区第十八届人民代表大会第五次会议上\n区长 陈六\n各位代表：\n",
     {"region": "济南市莱芜区", "province": "山东省", "admin_level": "county", "division_code": None}),
    ("prefecture commissioner (地区行署专员)",
     "阿克苏地区政府工作报告",
     "2008年1月20日在阿克苏地区第二次人民代表大会上\n阿克苏地区行政公署专员 张四\n各位代表：\n",
     {"speaker": "张四", "speaker_title": "行署专员", "region": "阿克苏地区", "admin_level": "city"}),
    ("planning office named where a speaker could be",
     "关于2019年计划执行情况与2020年计划草案的报告",
     "——2020年1月9日在南岸区第十八届人民代表大会第四次会议上\n区发改委\n各位代表：\n",
     {"speaker": None, "doc_type": "dev_plan", "report_year": 2020}),
]


@pytest.mark.parametrize(("title", "text", "expected"), [c[1:] for c in SUB_UNIT_CASES], ids=[c[0] for c in SUB_UNIT_CASES])
def test_places_outside_the_table(title: str, text: str, expected: dict[str, Any]) -> None:
    meta = extract_metadata(title, text + BODY)
    assert {key: meta[key] for key in expected} == expected


def test_meeting_line_wrapped_mid_word() -> None:
    text = "2021年3月10日在重庆市渝北区第十八届人民\n代表大会第五次会议上\n区长 谭 庆\n各位代表：\n" + BODY
    meta = extract_metadata("政府工作报告", text)
    assert (meta["meeting_name"], meta["region"], meta["speaker"]) == ("第十八届人民代表大会第五次会议", "重庆市渝北区", "谭庆")


def test_posting_date_in_the_header_is_not_the_meeting_date() -> None:
    text = "发布时间：2021年3月15日\n在南岸区第十八届人民代表大会第六次会议上\n区长 陈一清\n各位代表：\n" + BODY
    meta = extract_metadata("2021年南岸区政府工作报告", text)
    assert meta["meeting_date"] is None and meta["report_year"] == 2021


def test_bare_chairman_of_an_autonomous_region() -> None:
    text = "2021年1月26日在宁夏回族自治区第十二届人民代表大会第四次会议上\n代主席 张三\n各位代表：\n" + BODY
    meta = extract_metadata("政府工作报告", text)
    assert (meta["region"], meta["speaker_title"]) == ("宁夏回族自治区", "自治区代主席")
    cppcc = extract_metadata("政协宁夏回族自治区委员会常务委员会工作报告", text.replace("代主席", "主席"))
    assert cppcc["doc_type"] == "other" and cppcc["speaker_title"] == "主席"


@pytest.mark.parametrize(("title", "region"), [
    ("2023年政府工作报告_咸阳市人民政府", "咸阳市"),
    ("政府工作报告 - 天门市人民政府门户网站", "天门市"),
    ("2023年忠县政府工作报告 | 重庆市人民政府", "重庆市忠县"),
    ("【政府工作报告】2023年南岸区政府工作报告", "重庆市南岸区"),
])
def test_region_from_a_page_title_with_the_site_name(title: str, region: str) -> None:
    text = "各位代表：\n现在，我代表政府，向大会报告工作。\n一、2022年工作回顾\n"
    assert extract_metadata(title, text)["region"] == region


def test_government_title_wins_over_a_loose_opening() -> None:
    text = "各位代表：\n我代表全市人民向政协委员表示感谢。现在，我代表市人民政府，向大会报告工作。\n" + BODY
    assert extract_metadata("2020年南充市政府工作报告", text)["doc_type"] == "work_report"
    assert extract_metadata("工作报告", "各位代表：\n我代表市政协常委会，向大会报告工作。\n")["doc_type"] == "other"


# The speaker_title convention (docs/extraction.md): the byline's office minus the region's name and the
# government's organ name; a department heading a plan report and the 行署 of a 地区 are kept.
@pytest.mark.parametrize(("byline", "title"), [
    ("黑龙江省大兴安岭地区行政公署专员 刘七", "行署专员"),
    ("喀什地区行署专员 艾买提·吐尔逊", "行署专员"),
    ("喀什地区行署代专员 周八", "行署代专员"),
    ("专员 周八", "行署专员"),
    ("江苏省发展和改革委员会主任 钱九", "发展和改革委员会主任"),
    ("省发展改革委主任 钱九", "发展改革委主任"),
    ("南京市发展计划委员会主任 孙十", "发展计划委员会主任"),
    ("呼伦贝尔市人民政府代市长 吴一", "代市长"),
    ("兴安盟盟长 郑二", "盟长"),
    ("黔东南苗族侗族自治州人民政府州长 王三", "州长"),
    ("西藏自治区人民政府主席 洛桑", "自治区主席"),
])
def test_speaker_title_as_the_byline_writes_it(byline: str, title: str) -> None:
    text = f"2016年1月20日在某地第三届人民代表大会第五次会议上\n{byline}\n各位代表：\n" + BODY
    assert extract_metadata("政府工作报告", text)["speaker_title"] == title
    # Aggregators glue the byline to the meeting line ("…会议上江苏省发展和改革委员会主任 钱九").
    glued = text.replace("会议上\n", "会议上")
    assert extract_metadata("政府工作报告", glued)["speaker_title"] == title


def test_byline_of_shanghai_glued_to_a_meeting_line_without_its_closing() -> None:
    text = "2016年1月20日在上海市第十四届人民代表大会第四次会议上海市发展和改革委员会主任 钱九\n各位代表：\n" + BODY
    meta = extract_metadata("关于上海市2015年计划执行情况与2016年计划草案的报告", text)
    assert (meta["speaker_title"], meta["region"]) == ("发展和改革委员会主任", "上海市")


# --- region when the title is empty, chrome or fused with the opening -----------------------------------

@pytest.mark.parametrize(("title", "text", "region", "level"), [
    # The meeting and byline name only the level ("在地区…", "地区行署专员"): the glued title names the unit.
    ("", "2016年塔城地区行政公署工作报告——2016年1月6日在地区八届人大一次会议上 地区行署专员 孙八 各位代表:",
     "塔城地区", "city"),
    ("", "兴安盟2013年政府工作报告 2013年1月9日在盟第六届人民代表大会第四次会议上 盟长 周九 各位代表:",
     "兴安盟", "city"),
    # Page chrome instead of a title; the first line is the report's title.
    ("首页 > 政务公开 > 规划计划", "2020年凉山彝族自治州人民政府工作报告\n——在州十届人大五次会议上\n州长 吴十\n各位代表:",
     "凉山彝族自治州", "city"),
    ("【字体:大 中 小】", "关于衢州市2018年国民经济和社会发展计划执行情况与2019年计划草案的报告\n市发展和改革委员会主任 郑一\n"
     "各位代表:", "衢州市", "city"),
])
def test_region_from_the_opening_line(title: str, text: str, region: str, level: str) -> None:
    meta = extract_metadata(title, text + BODY)
    assert (meta["region"], meta["admin_level"]) == (region, level)


@pytest.mark.parametrize("place", ["地区", "市", "全县", "本区", "城区"])
def test_a_bare_level_word_is_no_region(place: str) -> None:
    text = f"2019年1月8日在{place}第五届人民代表大会第三次会议上\n各位代表:\n" + BODY
    assert extract_metadata("政府工作报告", text)["region"] is None


def test_prefecture_commissioner_opening_is_a_work_report() -> None:
    text = "各位代表:\n现在,我代表地区行政公署,向大会报告工作,请予审议。\n"
    assert extract_metadata("", text + BODY)["doc_type"] == "work_report"
    assert extract_metadata("", text.replace("行政公署", "行署") + BODY)["doc_type"] == "work_report"


# --- news pages about a report ----------------------------------------------------------------------------

_STORY = ("{lead}1月15日上午,县第十八届人民代表大会第三次会议在县会议中心隆重开幕。{office}{name}代表县人民政府向大会"
          "作政府工作报告。报告指出,过去一年全县地区生产总值增长6.2%。今年全县经济社会发展的主要预期目标是:地区生产总值"
          "增长6.5%左右,城乡居民收入增长与经济增长同步。\n{closing}")


@pytest.mark.parametrize(("title", "lead", "closing"), [
    ("县十八届人大三次会议开幕", "", ""),
    ("周建华作政府工作报告", "", ""),
    ("", "本报讯(记者 陈小敏 通讯员 刘强)", ""),
    ("", "", "(编辑:王丽 审核:赵刚)"),
    ("一图读懂2024年政府工作报告", "", ""),
])
def test_news_about_a_report_is_other(title: str, lead: str, closing: str) -> None:
    story = _STORY.format(lead=lead, office="代县长", name="周建华", closing=closing)
    meta = extract_metadata(title, story)
    assert meta["doc_type"] == "other"
    assert (meta["speaker"], meta["speaker_title"]) == ("周建华", "代县长")


def test_news_speaker_after_the_office_and_place() -> None:
    story = "2月3日上午,泸州市第九届人民代表大会第二次会议开幕。市长王明作政府工作报告,回顾了过去一年的工作。"
    meta = extract_metadata("市九届人大二次会议开幕", story)
    assert (meta["doc_type"], meta["speaker"], meta["speaker_title"], meta["region"]) == ("other", "王明", "市长", "泸州市")


def test_reports_that_mention_reporters_stay_reports() -> None:
    report = ("2019年1月8日在眉山市第四届人民代表大会第四次会议上\n眉山市市长 刘十\n各位代表:\n现在,我代表市人民政府,向大会报告"
              "工作。我们支持新闻记者依法采访,保障记者权益。市长热线全年办理群众诉求3万件。\n一、2018年工作回顾\n")
    meta = extract_metadata("2019年眉山市政府工作报告", report + BODY)
    assert (meta["doc_type"], meta["speaker"]) == ("work_report", "刘十")
    # A news site printing the full text after its lead carries the report itself.
    lead = "本报讯(记者 李四)市长刘十昨天作政府工作报告,以下为报告全文。\n"
    assert extract_metadata("刘十作政府工作报告(全文)", lead + report + BODY)["doc_type"] == "work_report"


@pytest.mark.parametrize(("context", "region"), [
    ("宁陕县第十八届人民代表大会第三次会议文件\n(1)", "安康市宁陕县"),
    ("黔东南州十四届人大三次会议文件之一", "黔东南苗族侗族自治州"),
    ("首页 > 规划计划\n【字体:大 中 小】", None),
])
def test_region_from_the_session_document_header_above_the_title(context: str, region: str | None) -> None:
    text = "——2019年1月10日在县第十八届人民代表大会第三次会议上\n县长 王五\n各位代表:\n" + BODY
    assert extract_metadata("政府工作报告", text, context=context)["region"] == region


def test_a_short_statistical_bulletin_with_its_sources_is_no_news() -> None:
    text = ("榆林市统计局 国家统计局榆林调查队\n2020年3月18日\n2019年,全市地区生产总值增长7.4%。\n"
            "注:本公报数据为初步统计数。\n资料来源:市统计局、市财政局、市人社局。")
    meta = extract_metadata("榆林市2019年国民经济和社会发展统计公报", text)
    assert meta["doc_type"] == "stat_bulletin"
