"""Site advertisements that copying sites write into a report's text: domains and "read more here" lines.

Aggregators and essay sites stamp their name into the articles they copy, often disguised so that
filters miss it: mixed case ("wWw.ExAmPle.CoM"), spaces ("w w w . e x a m p l e . c o m"), full-width
letters (NFKC has made them ASCII by now), a Chinese brand before the top-level domain ("范文网.com"),
and phrases such as "本文来自XX网", "更多精彩请访问…", "转载请注明出处". Reports themselves practically
never carry a web address; those that do name a government site, so *.gov.cn / *.gov addresses and
e-mail addresses are left alone. Everything removed is returned so cleaning can count it and flag the
page (`injected_tokens`).

A Chinese brand glued in front of ".com" or a web address has no visible boundary with the sentence
before it; it is taken as the longest ending such occurrences on the page share ("…推进范文网.com" and
"…目标范文网.com" share "范文网"), or the whole run when it is short and glued to ".com" or repeated
before addresses. A single short run before a "www" address is left: it may be the sentence's own word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_TLD = r"(?:[Cc]\s?[Oo]\s?[Mm]|[Nn]\s?[Ee]\s?[Tt]|[Cc]\s?[Nn]|[Oo]\s?[Rr]\s?[Gg]|[Cc]\s?[Cc]|[Tt]\s?[Oo]\s?[Pp]|[Vv]\s?[Ii]\s?[Pp]" \
       r"|[Ii]\s?[Nn]\s?[Ff]\s?[Oo]|[Xx]\s?[Yy]\s?[Zz])"
_DOT = r"\s?[.。·]\s?"
_LABEL = r"[A-Za-z0-9](?:\s?[A-Za-z0-9\-]){0,30}"
# Cheap per-line gate: a dot before something like a top-level domain.
_GATE = re.compile(_DOT + _TLD + r"(?![A-Za-z])")
_HTTP = r"(?:[Hh]\s?[Tt]\s?[Tt]\s?[Pp]\s?[Ss]?\s?:\s?/\s?/\s?)?"
_WWW = r"[Ww]\s?[Ww]\s?[Ww]"
_CN = rf"(?:{_DOT}[Cc]\s?[Nn])?"
# Three forms: a Chinese brand glued to the top-level domain ("范文网.com"); a web address, perhaps right
# after a Chinese brand ("范文网www.fanwen.com"); any other address.
_DOMAIN = re.compile(
    rf"(?<![@A-Za-z0-9])(?:(?P<brand>[\u4e00-\u9fff]{{1,12}})(?P<host>{_DOT}{_TLD}{_CN})"
    rf"|(?P<wbrand>[\u4e00-\u9fff]{{1,12}})?\s?(?P<whost>{_HTTP}{_WWW}{_DOT}(?:{_LABEL}{_DOT})+{_TLD}{_CN})"
    rf"|(?P<phost>{_HTTP}(?:{_LABEL}{_DOT})+{_TLD}{_CN}))"
    r"(?![A-Za-z0-9])(?:/[A-Za-z0-9_./?=&%#-]{0,60})?"
)
_OFFICIAL = re.compile(r"gov(?:\.cn)?$|edu\.cn$")
# "本文来自XX网", "更多精彩请访问(本站)", "转载请注明出处", "欢迎访问XX网", "微信搜索XX公众号".
_PROMO = re.compile(
    r"(?:本文|本篇(?:文章)?|此文|文章)(?:来自|来源于|来源|转载自|摘自)[:：]?\s?[\u4e00-\u9fffA-Za-z0-9]{1,12}?(?:网站?|平台|公众号)"
    r"(?:(?:整理|收集|提供|原创|发布)(?:发布)?)?"
    r"|更多(?:精彩|相关|优质|内容|资讯|范文|资料|文章|信息)[^。，,；;!！?？\n]{0,8}?(?:请|敬请|欢迎)?(?:访问|关注|登录|登陆|点击|进入|搜索|查看)"
    r"(?:[:：]?\s?(?:本站|我站|本网|官网|[\u4e00-\u9fff]{2,6}网站?))?"
    r"|(?:转载|转发)请注明(?:出处|来源)(?:[:：]?\s?[\u4e00-\u9fff]{1,8}网站?)?"
    r"|欢迎(?:访问|登录|光临)[\u4e00-\u9fff]{2,8}网站?"
    r"|(?:微信)?搜索[\u4e00-\u9fff]{1,10}公众号"
)
_PROMO_GATE = re.compile(r"来自|来源|转载|摘自|更多|欢迎|公众号|注明")
_EMPTY_BRACKETS = re.compile(r"[(（【\[]\s*[)）】\]]")
_SINGLE_BRAND_MAX = 5
_MIN_BRAND = 2
_MAX_RUNS = 200  # distinct runs compared pairwise; a page has a handful
_HAS_TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass
class SiteSpam:
    """What was removed: distinct strings (spaces dropped, domains lower-cased) and the count."""

    tokens: list[str] = field(default_factory=list)
    removed: int = 0

    def add(self, token: str) -> None:
        self.removed += 1
        if token not in self.tokens:
            self.tokens.append(token)


def _shared_ending(run: str, other: str) -> int:
    length = 0
    while length < min(len(run), len(other)) and run[-1 - length] == other[-1 - length]:
        length += 1
    return length


def _brands(lines: list[str]) -> dict[tuple[str, str], str]:
    """(form, Chinese run before an address) → the brand to remove from the run (see the module
    docstring): the longest ending it shares with another run of its form. A run sharing none is a brand
    when it is glued to ".com" and short, or when it stands before web addresses more than once."""
    runs: Counter[tuple[str, str]] = Counter()
    for line in lines:
        if _GATE.search(line):
            for found in _DOMAIN.finditer(line):
                if found.group("brand"):
                    runs["brand", found.group("brand")] += 1
                elif found.group("wbrand"):
                    runs["wbrand", found.group("wbrand")] += 1
    distinct = list(runs)[:_MAX_RUNS]
    brands: dict[tuple[str, str], str] = {}
    for form, run in distinct:
        shared = max((_shared_ending(run, other) for other_form, other in distinct
                      if other_form == form and other != run), default=0)
        if shared >= _MIN_BRAND:
            brands[form, run] = run[-shared:]
        elif form == "brand" and len(run) <= _SINGLE_BRAND_MAX:
            brands[form, run] = run
        elif form == "wbrand" and runs[form, run] >= 2 and len(run) <= _SINGLE_BRAND_MAX:
            brands[form, run] = run
        else:
            brands[form, run] = ""
    return brands


def _host_key(host: str) -> str:
    key = re.sub(r"\s", "", host).replace("。", ".").replace("·", ".").lower()
    return re.sub(r"^https?://", "", key)


def remove_site_spam(title: str, lines: list[str]) -> tuple[str, list[str], SiteSpam]:
    """Title and lines without injected domains and promotion phrases; what was removed."""
    spam = SiteSpam()
    page = "\n".join([title, *lines])
    # One C-level pass over the page usually shows there is nothing to remove.
    has_domains, has_promos = bool(_GATE.search(page)), bool(_PROMO_GATE.search(page))
    if not (has_domains or has_promos):
        return title, lines, spam
    brands = _brands([title, *lines]) if has_domains else {}

    def strip_domain(found: re.Match[str]) -> str:
        form = "brand" if found.group("brand") else "wbrand"
        host = _host_key(found.group("host") or found.group("whost") or found.group("phost"))
        if _OFFICIAL.search(host):
            return found.group()
        run = found.group(form) or ""
        brand = brands.get((form, run), "")
        spam.add(brand + host)
        return run[: len(run) - len(brand)]

    def strip_promo(found: re.Match[str]) -> str:
        spam.add(re.sub(r"\s", "", found.group()))
        return ""

    def clean(line: str) -> str:
        before = spam.removed
        if has_domains and _GATE.search(line):
            line = _DOMAIN.sub(strip_domain, line)
        if has_promos and _PROMO_GATE.search(line):
            line = _PROMO.sub(strip_promo, line)
        if spam.removed != before:
            line = _EMPTY_BRACKETS.sub("", line).strip()
            if not _HAS_TEXT.search(line):
                return ""  # only the advertisement's punctuation was left
        return line

    return clean(title), [clean(line) for line in lines], spam
