"""Traditional → simplified folding of the characters the indicator rules read, one character for one.

Big5 mirrors and Hong Kong / Taiwan reposts of mainland reports print 地區生產總值增長6%左右. Folding only
the characters that appear in indicator names, verbs, modifiers and section words (not a full converter)
keeps the text the same length, so offsets into the cleaned text stay valid, and leaves every other
character alone.
"""

from __future__ import annotations

# Pairs written traditional then simplified; characters identical in both scripts are not listed.
_PAIRS = (
    "區区國国內内產产總总長长預预標标業业資资額额費费價价漲涨鎮镇調调農农純纯財财進进貿贸規规單单糧粮萬万億亿"
    "爭争確确會会經经濟济發发計计劃划實实現现與与際际後后來来過过時时個个點点兩两負负減减穩稳為为達达級级縣县"
    "鄉乡稅税務务對对貨货電电項项術术漁渔築筑遊游數数戰战興兴營营團团體体態态統统園园開开試试驗验轉转勞劳動动"
    "崗岗員员設设類类場场質质機机構构職职創创強强學学這这應应將将獲获執执況况報报議议審审屆届網网當当壓压"
    "繼继續续變变優优勢势環环綠绿節节約约護护權权邁迈階阶關关噸吨戶户較较擬拟遠远紀纪葉叶奮奋鬥斗衝冲證证結结"
    "處处復复於于適适據据彙汇匯汇險险屬属幣币員员廣广東东蘇苏陝陕遼辽寧宁龍龙雲云貴贵閩闽贛赣藝艺車车鐵铁輸输"
    "額额購购銷销費费貸贷儲储備备檢检測测勵励獎奖補补據据歸归隊队雙双島岛灣湾氣气熱热電电綫线線线"
    "億亿動动產产幾几麼么會会們们傳传嚴严頭头濟济舉举盡尽達达氣气別别間间臺台範范佔占貢贡獻献徑径記记綜综製制畝亩"
)
FOLD = str.maketrans({_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2)})


def fold_traditional(text: str) -> str:
    """The same text with the listed traditional characters in their simplified form (same length)."""
    return text.translate(FOLD)
