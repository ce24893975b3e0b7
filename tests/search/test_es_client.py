"""Client construction, error classification, backoff and the client/server major-version rule."""

from __future__ import annotations

import pytest
from elasticsearch import ConnectionError as ESConnectionError

from govreports.errors import ConfigError, StoreUnavailable
from govreports.settings import Settings
from search.es_client import backoff_delay, call_with_backoff, check_server, client_from_settings, is_retryable
from search.es_fake import FakeCluster, error_body


def _api_error(status: int) -> Exception:
    cluster = FakeCluster().on("GET", "/", error_body(status, "some_exception"))
    with pytest.raises(Exception) as info:
        cluster.client().info()
    return info.value


def test_retryable_statuses_and_connection_errors() -> None:
    assert is_retryable(_api_error(429)) and is_retryable(_api_error(503))
    assert not is_retryable(_api_error(400)) and not is_retryable(_api_error(404))
    assert is_retryable(ESConnectionError("refused"))


def test_backoff_is_bounded_and_grows() -> None:
    for attempt in range(12):
        assert 0 <= backoff_delay(attempt, base=0.5, cap=30) <= min(30, 0.5 * 2**attempt)


def test_call_with_backoff_retries_then_reports_unavailable() -> None:
    slept: list[float] = []
    calls = {"n": 0}

    def refused() -> None:
        calls["n"] += 1
        raise ESConnectionError("connection refused")

    with pytest.raises(StoreUnavailable, match="during search after 4 attempt"):
        call_with_backoff("search", refused, retries=3, sleep=slept.append)
    assert calls["n"] == 4 and len(slept) == 3


def test_call_with_backoff_recovers_and_does_not_retry_bad_requests() -> None:
    answers = [ESConnectionError("refused"), "ok"]

    def flaky() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert call_with_backoff("get", flaky, retries=2, sleep=lambda _: None) == "ok"
    bad = _api_error(400)
    calls: list[int] = []

    def rejected() -> None:
        calls.append(1)
        raise bad

    with pytest.raises(type(bad)):
        call_with_backoff("get", rejected, retries=5, sleep=lambda _: None)
    assert len(calls) == 1


def test_client_from_settings_uses_auth_timeout_and_several_nodes() -> None:
    settings = Settings.from_env({"ELASTICSEARCH_URL": "http://a.test:9200, http://b.test:9200",
                                  "ELASTICSEARCH_USERNAME": "elastic", "ELASTICSEARCH_PASSWORD": "pw",
                                  "ELASTICSEARCH_TIMEOUT": "7"})
    client = client_from_settings(settings)
    hosts = sorted(node.host for node in client.transport.node_pool.all())
    assert hosts == ["a.test", "b.test"]
    assert client._request_timeout == 7.0
    assert client._headers["authorization"].startswith("Basic ")
    with pytest.raises(ConfigError, match="ELASTICSEARCH_URL"):
        client_from_settings(Settings.from_env({}))


def test_server_major_must_equal_client_major() -> None:
    ok = FakeCluster().on("GET", "/", {"cluster_name": "c", "version": {"number": "8.19.6"}})
    assert check_server(ok.client())["server_version"] == "8.19.6"
    newer = FakeCluster().on("GET", "/", {"cluster_name": "c", "version": {"number": "9.1.0"}})
    with pytest.raises(ConfigError, match="same major version"):
        check_server(newer.client())
