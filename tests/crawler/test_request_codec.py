"""The JSON request serializer of the Redis queue: lossless for Scrapy requests, no pickle."""

from __future__ import annotations

import pytest
import scrapy
from scrapy.utils.request import request_from_dict

from crawler import request_codec


class _Spider(scrapy.Spider):
    name = "t"

    def parse_detail(self, response: object) -> None: ...

    def on_error(self, failure: object) -> None: ...


def test_request_round_trip() -> None:
    spider = _Spider()
    request = scrapy.Request(
        "http://portal.example.cn/zwgk/t20240227_1.html", callback=spider.parse_detail, errback=spider.on_error,
        headers={"Referer": "http://portal.example.cn/zwgk/", "Accept-Language": "zh-CN"}, priority=1,
        meta={"role": "detail", "source": "portal.example.cn/zwgk", "redirect_urls": ["http://a/b"], "retry_times": 2},
        body=b"\x00\xffbinary",
    )
    encoded = request_codec.dumps(request.to_dict(spider=spider))
    assert isinstance(encoded, bytes) and encoded.startswith(b"{")
    restored = request_from_dict(request_codec.loads(encoded), spider=spider)
    assert restored.url == request.url and restored.body == request.body and restored.priority == 1
    assert restored.headers.getlist("Referer") == [b"http://portal.example.cn/zwgk/"]
    assert restored.meta == request.meta
    assert restored.callback == spider.parse_detail and restored.errback == spider.on_error


def test_tagged_look_alike_dicts_survive() -> None:
    value = {"meta": {"$b": "not really bytes", "k": [1, 2.5, None, True]}}
    assert request_codec.loads(request_codec.dumps(value)) == value


def test_unserialisable_meta_is_an_error_not_a_loss() -> None:
    with pytest.raises(TypeError, match="object"):
        request_codec.dumps({"meta": {"thing": object()}})
