"""JSON serializer for the Redis request queue (scrapy-redis `SCHEDULER_SERIALIZER`).

scrapy-redis pickles queued requests by default, so anyone who can write to the shared Redis could make
every crawler process run code. Requests are plain data (`Request.to_dict`: URL, callback *name*, headers
as bytes, meta), so JSON with two tags is enough: bytes as `{"$b": base64}` and dicts with non-string
keys (headers) as `{"$d": [[key, value], ...]}`. Anything else in `meta` that JSON cannot carry is an
error at enqueue time rather than a silent loss.
"""

from __future__ import annotations

import base64
import json
from typing import Any

_BYTES = "$b"
_DICT = "$d"


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value) and not ({_BYTES, _DICT} & value.keys()):
            return {key: _encode(item) for key, item in value.items()}
        return {_DICT: [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot queue a request carrying {type(value).__name__} ({value!r:.80})")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if set(value) == {_BYTES}:
            return base64.b64decode(value[_BYTES])
        if set(value) == {_DICT}:
            return {_hashable(_decode(key)): _decode(item) for key, item in value[_DICT]}
        return {key: _decode(item) for key, item in value.items()}
    return value


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def dumps(obj: dict[str, Any]) -> bytes:
    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> dict[str, Any]:
    return _decode(json.loads(data))
