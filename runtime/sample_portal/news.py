"""The sample portal's non-report pages: short news items and notices written for the portal.

Real report columns mix reports with items *about* reports (an infographic, a call for suggestions, a
drafting-group visit) and plain notices; these pages must end as *skipped* (no report found), some of
them carrying report words in the title as decoys. They are invented text, not taken from the seeds;
persons are not named.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewsItem:
    title: str
    date: str
    paragraphs: tuple[str, ...]
    image: str = ""  # infographic pages carry little text besides an image


BISHAN_CALL_FOR_SUGGESTIONS = NewsItem(
    "关于公开征集2025年区政府工作报告意见建议的公告", "2024-12-02",
    ("为进一步提高政府决策科学化、民主化水平，充分听取社会各界意见建议，区政府办公室即日起面向社会公开征集"
     "2025年区政府工作报告意见建议。现将有关事项公告如下：",
     "一、征集时间：2024年12月2日至2024年12月20日。",
     "二、征集内容：围绕全区经济社会发展、产业转型升级、城乡融合发展、民生保障改善、政府自身建设等方面提出意见建议。",
     "三、征集方式：社会各界可通过电子邮件或信函提交意见建议，请注明“政府工作报告意见建议”字样。",
     "感谢您的关心和支持！",
     "重庆市璧山区人民政府办公室",
     "2024年12月2日"),
)
BISHAN_INFOGRAPHIC = NewsItem(
    "图解：2024年璧山区政府工作报告", "2024-02-28",
    ("一图读懂2024年璧山区政府工作报告。", "来源：璧山区融媒体中心"),
    image="/bishan/images/tujie2024.png",
)
BISHAN_EXECUTIVE_MEETING = NewsItem(
    "区政府召开第四十五次常务会议", "2023-11-15",
    ("11月14日，区政府召开第四十五次常务会议，传达学习近期中央、市委重要会议精神，研究部署冬季安全生产、"
     "森林防火等工作。",
     "会议强调，要压紧压实安全生产责任，深入开展重点行业领域隐患排查整治，坚决防范遏制重特大事故发生。",
     "会议还研究了其他事项。"),
)
BISHAN_DRAFTING_VISIT = NewsItem(
    "璧山区政府工作报告起草组赴镇街开展专题调研", "2023-12-08",
    ("12月7日，区政府工作报告起草组深入璧城街道、青杠街道等地开展专题调研，听取基层干部群众对政府工作的意见建议。",
     "调研组一行先后走访了企业、社区和农业园区，详细了解项目建设、产业发展和民生保障等情况。",
     "起草组表示，将认真梳理调研中收集的意见建议，使政府工作报告更好体现群众期盼。"),
)
YUBEI_FLOOD_NOTICE = NewsItem(
    "重庆市渝北区人民政府办公室关于做好2020年防汛抗旱工作的通知", "2020-05-20",
    ("各镇人民政府，区政府各部门，各街道办事处，有关单位：",
     "我区已进入主汛期，为切实做好今年防汛抗旱工作，确保人民群众生命财产安全，现就有关事项通知如下：",
     "一、压实防汛责任。各镇街、各部门主要负责人是本地区本部门防汛抗旱第一责任人，要层层落实责任。",
     "二、加强隐患排查。对河道、水库、地质灾害隐患点等重点部位开展拉网式排查，发现问题立即整改。",
     "三、严格值班值守。汛期实行24小时值班和领导带班制度，确保信息报送及时准确。",
     "重庆市渝北区人民政府办公室",
     "2020年5月20日"),
)
YUBEI_SAFETY_MONTH = NewsItem(
    "关于开展2020年“安全生产月”活动的通知", "2020-06-01",
    ("各镇人民政府，区政府各部门，各街道办事处：",
     "今年6月是全国第19个“安全生产月”，主题为“消除事故隐患，筑牢安全防线”。请各单位结合实际制定活动方案，"
     "组织开展安全宣传咨询日、应急演练和隐患排查治理等活动，并于7月5日前将活动总结报区安委办。",
     "重庆市渝北区安全生产委员会办公室",
     "2020年6月1日"),
)
GAOPING_QUARTER_MEETING = NewsItem(
    "高坪区召开2025年一季度经济运行分析会", "2025-04-18",
    ("4月17日，高坪区召开2025年一季度经济运行分析会，通报一季度主要经济指标完成情况，分析存在的困难和问题，"
     "安排部署下一阶段重点工作。",
     "会议指出，一季度全区经济运行总体平稳，工业生产、项目投资保持增长，消费市场持续回暖。",
     "会议要求，各部门要锚定全年目标任务，抓项目、稳工业、促消费，确保实现“双过半”。"),
)
GAOPING_PROJECT_CALL = NewsItem(
    "2025年高坪区民生实事项目征集公告", "2024-11-20",
    ("为办好群众最关心最直接最现实的利益问题，现面向社会公开征集2025年区级民生实事项目建议。",
     "征集范围包括教育、医疗、养老、就业、交通、环境整治等领域，建议应具体明确、切实可行。",
     "征集时间为2024年11月20日至12月10日，可通过区政府网站“互动交流”栏目或信函提交。",
     "高坪区人民政府办公室"),
)
AGGREGATOR_LAND_POLICY = NewsItem(
    "重庆市工业用地招商政策汇编(2025版)", "2025-07-05",
    ("本文汇总了重庆市部分区县工业用地招商的主要政策，包括用地价格、供地方式、税收奖励和设备补助等内容，"
     "供有意向在渝投资的企业参考。",
     "具体政策以各区县最新发布文件为准，详情请致电投资咨询热线。"),
)
AGGREGATOR_PLANT_LISTINGS = NewsItem(
    "园区厂房租售信息汇总", "2025-06-30",
    ("本期汇总了成渝地区部分产业园区标准厂房的租售信息，面积从1000平方米到20000平方米不等，可按需定制。",
     "如需了解详细信息，请联系招商中心。"),
)
# Linked from the aggregator's list but under a path robots.txt disallows: an obedient crawler never asks.
AGGREGATOR_MEMBERS_ONLY = NewsItem(
    "会员专享：全国百强区县政府工作报告合集下载", "2025-06-28",
    ("本内容仅限注册会员查看，请登录后继续。",),
)
