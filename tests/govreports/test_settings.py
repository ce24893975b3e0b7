from pathlib import Path

import pytest

from govreports.defaults import DEFAULTS, ENVIRONMENT
from govreports.errors import ConfigError
from govreports.settings import Settings


def test_defaults_give_embedded_services(tmp_path: Path) -> None:
    s = Settings.from_env({"GOVREPORTS_HOME": str(tmp_path)})
    assert s.uses_embedded_redis and not s.uses_elasticsearch
    assert s.home == tmp_path.resolve()
    assert s.worker_concurrency == int(DEFAULTS["WORKER_CONCURRENCY"])
    assert s.sqlite_path.is_relative_to(s.home)


def test_every_setting_is_documented_once() -> None:
    names = [name for name, _, _ in ENVIRONMENT]
    assert len(names) == len(set(names))
    assert all(desc for _, _, desc in ENVIRONMENT)


@pytest.mark.parametrize(
    "env, message",
    [
        ({"WORKER_CONCURRENCY": "two"}, "WORKER_CONCURRENCY must be an integer"),
        ({"WORKER_CONCURRENCY": "0"}, "must be >= 1"),
        ({"CRAWL_AUTOTHROTTLE": "maybe"}, "CRAWL_AUTOTHROTTLE must be 0/1"),
        ({"TASK_SOFT_TIME_LIMIT": "100", "TASK_TIME_LIMIT": "50"}, "must be greater"),
        ({"CRAWL_DOWNLOAD_DELAY": "-1"}, "must be >= 0"),
    ],
)
def test_bad_values_are_rejected_with_the_variable_name(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_password_is_not_in_repr() -> None:
    s = Settings.from_env({"ELASTICSEARCH_PASSWORD": "hunter2"})
    assert "hunter2" not in repr(s)


def test_private_hosts_are_parsed() -> None:
    s = Settings.from_env({"CRAWL_ALLOWED_PRIVATE_HOSTS": "127.0.0.1, Localhost"})
    assert s.crawl_allowed_private_hosts == ("127.0.0.1", "localhost")
