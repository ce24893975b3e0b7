"""Throwaway Elasticsearch stores on a real cluster, for the integration and contract tests.

Each store gets its own index prefix (`govreports-test-<random>`), writes with `refresh=wait_for` so a
test reads what it just wrote, and is deleted with its templates afterwards. Tests call
`require_elasticsearch()` first: it skips, saying why, when `ELASTICSEARCH_URL` is not set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from govreports.settings import Settings
from search.es_client import client_from_settings
from search.es_mappings import KINDS, template_name
from search.es_queries import Tokenizer
from search.es_store import ElasticsearchStore

SKIP_REASON = ("ELASTICSEARCH_URL is not set: Elasticsearch integration tests need a running Elasticsearch 8 "
               "(set ELASTICSEARCH_URL, and ELASTICSEARCH_USERNAME/PASSWORD when security is on)")


def live_settings() -> Settings | None:
    settings = Settings.from_env(os.environ)
    return settings if settings.uses_elasticsearch else None


def require_elasticsearch() -> Settings:
    import pytest

    settings = live_settings()
    if settings is None:
        pytest.skip(SKIP_REASON)
    return settings


@contextmanager
def temporary_store(settings: Settings, tokenizer: Tokenizer | None = None) -> Iterator[ElasticsearchStore]:
    prefix = f"govreports-test-{uuid.uuid4().hex[:10]}"
    store = ElasticsearchStore(client_from_settings(settings), prefix, query_tokenizer=tokenizer,
                               retries=settings.elasticsearch_max_retries, refresh="wait_for")
    try:
        store.setup()
        yield store
    finally:
        client = store.client
        # Listed, then deleted by name: Elasticsearch 8 refuses wildcard deletes by default.
        names = list(client.indices.get(index=f"{prefix}-*", expand_wildcards="all").body)
        if names:
            client.indices.delete(index=names)
        for kind in KINDS:
            client.options(ignore_status=404).indices.delete_index_template(name=template_name(prefix, kind))
        store.close()
