"""Cluster bootstrap: analyzer detection and fallback warnings, templates, first versions behind aliases."""

from __future__ import annotations

import pytest

from govreports.errors import ConfigError
from search.es_fake import FakeCluster, Request, error_body
from search.es_mappings import ANALYSIS_CJK, ANALYSIS_IK, ANALYSIS_SMARTCN
from search.es_setup import cluster_status, detect_analysis, ensure_indices, setup_cluster

INFO = {"cluster_name": "c", "version": {"number": "8.19.6"}}
NO_ANALYZER = error_body(400, "illegal_argument_exception", "failed to find global analyzer")


def _analyze(available: set[str], vocabulary: bool = True):  # type: ignore[no-untyped-def]
    def answer(request: Request):  # type: ignore[no-untyped-def]
        analyzer = request.body["analyzer"]
        if analyzer not in available:
            return NO_ANALYZER
        text = request.body["text"]
        tokens = [text] if vocabulary else [text[:2], text[2:]]
        return {"tokens": [{"token": t} for t in tokens]}
    return answer


def _empty_cluster(available: set[str], vocabulary: bool = True) -> FakeCluster:
    created: set[str] = set()

    def create(request: Request):  # type: ignore[no-untyped-def]
        created.add(request.path.strip("/"))
        return {"acknowledged": True}

    def alias(request: Request):  # type: ignore[no-untyped-def]
        name = request.path.split("/")[-1]
        hits = {index: {"aliases": {name: {}}} for index in created if index.startswith(name + "-v")}
        return hits or error_body(404, "aliases_not_found_exception")

    def mapping(request: Request):  # type: ignore[no-untyped-def]
        return {f"{request.path.split('/')[1]}-v1": {"mappings": {"_meta": {"analysis": "ik"}}}}

    return (FakeCluster()
            .on("GET", "/", INFO)
            .on("POST", "/_analyze", _analyze(available, vocabulary))
            .on("PUT", r"/_index_template/.+", {"acknowledged": True})
            .on("GET", r"/_alias/.+", alias)
            .on("HEAD", r"/[^/]+", error_body(404, "index_not_found_exception"))
            .on("GET", r"/gr-\w+-v\*", {})
            .on("PUT", r"/gr-\w+-v\d+", create)
            .on("GET", r"/[^/]+/_mapping", mapping))


def test_detection_prefers_ik_then_smartcn_then_cjk() -> None:
    assert detect_analysis(_empty_cluster({"ik_smart", "smartcn"}).client()) == ANALYSIS_IK
    assert detect_analysis(_empty_cluster({"smartcn"}).client()) == ANALYSIS_SMARTCN
    assert detect_analysis(_empty_cluster(set()).client()) == ANALYSIS_CJK


def test_setup_creates_templates_and_first_versions_behind_write_aliases() -> None:
    cluster = _empty_cluster({"ik_smart"})
    report = setup_cluster(cluster.client(), "gr")
    assert report.analysis == ANALYSIS_IK and report.warnings == [] and report.dictionary_active is True
    assert sorted(r.path for r in cluster.sent("PUT", r"/_index_template/.+")) == [
        "/_index_template/gr-indicators", "/_index_template/gr-pages", "/_index_template/gr-reports"]
    creates = cluster.sent("PUT", r"/gr-\w+-v\d+")
    assert sorted(r.path for r in creates) == ["/gr-indicators-v1", "/gr-pages-v1", "/gr-reports-v1"]
    reports = next(r for r in creates if r.path == "/gr-reports-v1")
    assert reports.body == {"aliases": {"gr-reports": {"is_write_index": True}}}
    template = next(r for r in cluster.sent("PUT", r"/_index_template/.+") if r.path.endswith("gr-reports"))
    assert template.body["template"]["mappings"]["properties"]["text"]["analyzer"] == "ik_max_word"
    assert report.aliases["gr-reports"] == ["gr-reports-v1"]


def test_setup_without_ik_falls_back_and_says_so() -> None:
    cluster = _empty_cluster(set())
    report = setup_cluster(cluster.client(), "gr")
    assert report.analysis == ANALYSIS_CJK and report.dictionary_active is None
    assert any("analysis-ik plugin is not installed" in w for w in report.warnings)
    assert any("built with ik analysis" in w for w in report.warnings)  # the fake's old indices say ik
    template = next(r for r in cluster.sent("PUT", r"/_index_template/.+") if r.path.endswith("gr-reports"))
    assert "ik_" not in str(template.body)


def test_setup_warns_when_ik_lacks_the_domain_vocabulary() -> None:
    report = setup_cluster(_empty_cluster({"ik_smart"}, vocabulary=False).client(), "gr")
    assert report.dictionary_active is False
    assert any("remote_ext_dict" in w for w in report.warnings)


def test_losing_the_creation_race_is_fine() -> None:
    cluster = _empty_cluster({"ik_smart"}).on(
        "PUT", r"/gr-\w+-v\d+", error_body(400, "resource_already_exists_exception", "index already exists"))
    assert len(ensure_indices(cluster.client(), "gr", ANALYSIS_IK)) == 3


def test_an_auto_created_index_in_place_of_an_alias_is_a_clear_error() -> None:
    cluster = _empty_cluster({"ik_smart"}).on("HEAD", r"/[^/]+", {})
    with pytest.raises(ConfigError, match="not an alias"):
        ensure_indices(cluster.client(), "gr", ANALYSIS_IK)


def test_next_version_follows_existing_ones() -> None:
    cluster = _empty_cluster({"ik_smart"}).on("GET", r"/gr-\w+-v\*", lambda r: {
        r.path.strip("/").replace("*", "3"): {}, r.path.strip("/").replace("*", "12"): {}})
    created = ensure_indices(cluster.client(), "gr", ANALYSIS_IK)
    assert sorted(created) == ["gr-indicators-v13", "gr-pages-v13", "gr-reports-v13"]


def test_status_reports_analysis_and_counts() -> None:
    cluster = (FakeCluster().on("GET", "/", INFO)
               .on("GET", r"/_alias/.+", lambda r: {r.path.split("/")[-1] + "-v2": {}})
               .on("GET", r"/[^/]+/_mapping", lambda r: {"x": {"mappings": {"_meta": {"analysis": "cjk"}}}})
               .on("POST", r"/[^/]+/_count", {"count": 4}))
    status = cluster_status(cluster.client(), "gr")
    assert status["analysis"] == "cjk" and "not installed" in status["warning"]
    assert status["indices"]["reports"] == {"alias": "gr-reports", "indices": ["gr-reports-v2"], "documents": 4,
                                            "analysis": "cjk"}


def test_kibana_system_password_is_set_through_the_security_api() -> None:
    from search.es_setup import set_builtin_password

    cluster = FakeCluster().on("PUT", "/_security/user/kibana_system/_password", {})
    set_builtin_password(cluster.client(), "kibana_system", "s3cret-from-env")
    [request] = cluster.requests
    assert request.body == {"password": "s3cret-from-env"}
