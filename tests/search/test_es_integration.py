"""Against a real Elasticsearch (runs only with ELASTICSEARCH_URL set; skipped, saying why, otherwise).

Each test works in throwaway indices `govreports-test-<random>-*` that are deleted afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from govreports.models import PAGE_STORED, Document, Indicator, PageOutcome, document_id, page_id
from search.es_live import require_elasticsearch, temporary_store
from search.es_mappings import KINDS, alias_name
from search.es_reindex import reindex
from search.es_setup import alias_targets, cluster_status, setup_cluster
from search.es_store import ElasticsearchStore
from search.store import AggQuery

pytestmark = [pytest.mark.integration, pytest.mark.es]
QUERIES = sorted((Path(__file__).resolve().parents[2] / "search" / "queries").glob("*.json"))
URL = "http://portal.test/es-integration.html"


@pytest.fixture
def store() -> Iterator[ElasticsearchStore]:
    settings = require_elasticsearch()
    with temporary_store(settings, tokenizer=lambda text: text.split()) as backend:
        yield backend


def _page(store: ElasticsearchStore) -> list[Document]:
    target = Indicator(indicator="gdp_growth", kind="target", year=2025, value=None, low=6.0, high=6.5,
                       modifier="range", unit="%").to_dict()
    actual = Indicator(indicator="gdp_growth", kind="actual", year=2024, value=5.6, unit="%").to_dict()
    doc = Document(id=document_id(URL, 0), title="2025年某县政府工作报告", text="加快发展新质生产力。地区生产总值增长6%—6.5%。",
                   tokens="加快 发展 新质生产力 。 地区 生产总值 增长", doc_type="work_report", region="某县", province="四川省",
                   admin_level="county", division_code="510000", report_year=2025, indicators=[target, actual],
                   phrase_counts={"新质生产力": 1}, quality={"title_year_mismatch": True})
    store.save_page(PageOutcome(page_id=page_id(URL), url=URL, state=PAGE_STORED, document_ids=[doc.id],
                                processed_at="2025-03-01T00:00:00+00:00"), [doc])
    return [doc]


def test_setup_is_idempotent_and_reports_the_analysis_mode(store: ElasticsearchStore) -> None:
    report = setup_cluster(store.client, store.prefix)
    assert report.created == []  # the store's own setup created them already
    assert report.analysis in ("ik", "smartcn", "cjk")
    status = cluster_status(store.client, store.prefix)
    assert status["analysis"] == report.analysis
    for kind in KINDS:
        assert status["indices"][kind]["indices"] == [f"{store.prefix}-{kind}-v1"]


def test_installed_mapping_is_ours(store: ElasticsearchStore) -> None:
    mapping = store.client.indices.get_mapping(index=alias_name(store.prefix, "indicators")).body
    [index] = mapping.values()
    properties = index["mappings"]["properties"]
    assert properties["value_mid"]["type"] == "double" and properties["strive"]["type"] == "boolean"


def test_every_query_example_runs(store: ElasticsearchStore) -> None:
    _page(store)
    for path in QUERIES:
        kind = path.stem.split("_", 1)[0]
        response = store.client.search(index=alias_name(store.prefix, kind),
                                       body=json.loads(path.read_text(encoding="utf-8"))).body
        assert "hits" in response, path.name
    targets = store.client.search(index=alias_name(store.prefix, "indicators"), body=json.loads(
        (QUERIES[0].parent / "indicators_gdp_targets_by_province_year.json").read_text(encoding="utf-8"))).body
    assert targets["hits"]["total"]["value"] == 0  # the example filters provinces; our test report is a county


def test_reindex_from_current_swaps_aliases_and_keeps_every_document(store: ElasticsearchStore) -> None:
    _page(store)
    before = store.counts()
    report = reindex(store.client, store.prefix, "current", keep=0)
    for kind in KINDS:
        assert alias_targets(store.client, alias_name(store.prefix, kind)) == [f"{store.prefix}-{kind}-v2"]
    assert sorted(report.deleted) == sorted(f"{store.prefix}-{kind}-v1" for kind in KINDS)
    assert store.counts() == before
    rows = store.aggregate(AggQuery(group_by=("kind",), filters={"indicator": "gdp_growth"}))
    assert {r.key["kind"]: r.avg for r in rows} == {"actual": 5.6, "target": 6.25}
