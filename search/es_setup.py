"""Bootstrap and inspect a cluster: analyzer detection, index templates, versioned indices behind aliases.

`setup_cluster` is what `govreports es setup` runs (idempotent: templates are re-put, existing indices are
left alone); `ensure_indices` is the cheap path every store takes on start. `cluster_status` reports the
analysis mode each live index was built with, so `status` can say when search runs without IK.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from elasticsearch import ApiError, Elasticsearch

from govreports.errors import ConfigError
from pipeline.vocabulary import tracked_phrases
from search.es_client import check_server
from search.es_mappings import (
    ANALYSIS_CJK,
    ANALYSIS_IK,
    ANALYSIS_SMARTCN,
    KINDS,
    PROBE_ANALYZERS,
    alias_name,
    index_name,
    index_pattern,
    index_template,
    template_name,
    version_of,
)

FALLBACK_WARNING = (
    "the analysis-ik plugin is not installed on this cluster: full-text search falls back to the pre-tokenised "
    "jieba field{extra}. Install analysis-ik matching the server version (docker/elasticsearch/Dockerfile does) "
    "and run `govreports es reindex --from current` to rebuild the text fields."
)


@dataclass
class SetupReport:
    server: dict[str, Any] = field(default_factory=dict)
    analysis: str = ANALYSIS_IK
    warnings: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    dictionary_active: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _has_analyzer(client: Elasticsearch, analyzer: str) -> bool:
    try:
        client.indices.analyze(analyzer=analyzer, text="政府工作报告")
    except ApiError as exc:
        if exc.status_code == 400:  # "failed to find global analyzer": the plugin is absent
            return False
        raise
    return True


def detect_analysis(client: Elasticsearch) -> str:
    """The best analysis mode this cluster supports: ik, else smartcn, else the built-in cjk."""
    for mode in (ANALYSIS_IK, ANALYSIS_SMARTCN):
        if _has_analyzer(client, PROBE_ANALYZERS[mode]):
            return mode
    return ANALYSIS_CJK


def fallback_warning(mode: str) -> str | None:
    if mode == ANALYSIS_IK:
        return None
    extra = " and smartcn" if mode == ANALYSIS_SMARTCN else " and CJK bigrams"
    return FALLBACK_WARNING.format(extra=extra)


def dictionary_active(client: Elasticsearch) -> bool:
    """Whether IK knows the domain vocabulary: a tracked phrase comes back from ik_smart as one token."""
    phrase = next(p for p in tracked_phrases() if len(p) >= 5)
    tokens = client.indices.analyze(analyzer="ik_smart", text=phrase).body.get("tokens", [])
    return any(token.get("token") == phrase for token in tokens)


def alias_targets(client: Elasticsearch, alias: str) -> list[str]:
    """Indices behind an alias ([] when the alias does not exist)."""
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except ApiError as exc:
        if exc.status_code == 404:
            return []
        raise


def versions(client: Elasticsearch, prefix: str, kind: str) -> list[int]:
    found = client.indices.get(index=index_pattern(prefix, kind), expand_wildcards="all").body
    return sorted(v for name in found if (v := version_of(name, prefix, kind)) is not None)


def put_templates(client: Elasticsearch, prefix: str, mode: str) -> list[str]:
    names = []
    for kind in KINDS:
        body = index_template(prefix, kind, mode)
        client.indices.put_index_template(name=template_name(prefix, kind), body=body)
        names.append(template_name(prefix, kind))
    return names


def create_version(client: Elasticsearch, prefix: str, kind: str, version: int, as_alias: bool) -> str:
    """Create `<prefix>-<kind>-v<version>` (mapping from the template); optionally behind the alias."""
    name = index_name(prefix, kind, version)
    aliases = {alias_name(prefix, kind): {"is_write_index": True}} if as_alias else None
    try:
        client.indices.create(index=name, aliases=aliases)
    except ApiError as exc:
        # Several workers start at once and race to create the first version: the loser is fine.
        if not (exc.status_code == 400 and "resource_already_exists" in str(exc.error)):
            raise
    return name


def ensure_indices(client: Elasticsearch, prefix: str, mode: str | None = None,
                   templates_ready: bool = False) -> list[str]:
    """Create the first version of every kind whose alias is missing; returns the indices created."""
    created: list[str] = []
    missing = [kind for kind in KINDS if not alias_targets(client, alias_name(prefix, kind))]
    if not missing:
        return created
    if client.indices.exists(index=[alias_name(prefix, kind) for kind in missing]).body:
        raise ConfigError(
            f"an index (not an alias) is named {', '.join(alias_name(prefix, k) for k in missing)}: it was probably "
            "auto-created by a write before `govreports es setup`; delete it and run setup again"
        )
    if not templates_ready:
        put_templates(client, prefix, mode or detect_analysis(client))
    for kind in missing:
        next_version = (versions(client, prefix, kind) or [0])[-1] + 1
        created.append(create_version(client, prefix, kind, next_version, as_alias=True))
    return created


def setup_cluster(client: Elasticsearch, prefix: str, mode: str | None = None) -> SetupReport:
    """Everything `govreports es setup` does; safe to run again at any time."""
    report = SetupReport(server=check_server(client))
    report.analysis = mode or detect_analysis(client)
    if warning := fallback_warning(report.analysis):
        report.warnings.append(warning)
    report.templates = put_templates(client, prefix, report.analysis)
    report.created = ensure_indices(client, prefix, report.analysis, templates_ready=True)
    report.aliases = {alias_name(prefix, k): alias_targets(client, alias_name(prefix, k)) for k in KINDS}
    if report.analysis == ANALYSIS_IK:
        report.dictionary_active = dictionary_active(client)
        if not report.dictionary_active:
            report.warnings.append(
                "IK does not know the domain vocabulary yet (新质生产力 is split): check remote_ext_dict in "
                "IKAnalyzer.cfg.xml and that `govreports dict serve` is reachable; IK polls it every minute"
            )
    for kind, built_with in index_modes(client, prefix).items():
        if built_with and built_with != report.analysis:
            report.warnings.append(
                f"{alias_name(prefix, kind)} was built with {built_with} analysis but the cluster now supports "
                f"{report.analysis}: run `govreports es reindex --from current` to rebuild it"
            )
    return report


def set_builtin_password(client: Elasticsearch, username: str, password: str) -> None:
    """Set a built-in user's password (docker-compose: `kibana_system`, which Kibana logs in as)."""
    client.security.change_password(username=username, password=password)


def index_modes(client: Elasticsearch, prefix: str) -> dict[str, str | None]:
    """The analysis mode recorded in the mapping `_meta` of each alias's current index."""
    modes: dict[str, str | None] = {}
    for kind in KINDS:
        alias = alias_name(prefix, kind)
        if not alias_targets(client, alias):
            modes[kind] = None
            continue
        body = client.indices.get_mapping(index=alias).body
        metas = [m.get("mappings", {}).get("_meta", {}) for m in body.values()]
        modes[kind] = next((meta.get("analysis") for meta in metas if meta.get("analysis")), None)
    return modes


def cluster_status(client: Elasticsearch, prefix: str) -> dict[str, Any]:
    """Server, analysis modes and the index behind each alias with its document count."""
    indices: dict[str, Any] = {}
    modes = index_modes(client, prefix)
    for kind in KINDS:
        alias = alias_name(prefix, kind)
        targets = alias_targets(client, alias)
        count = int(client.count(index=alias).body["count"]) if targets else None
        indices[kind] = {"alias": alias, "indices": targets, "documents": count, "analysis": modes[kind]}
    live = {mode for mode in modes.values() if mode}
    analysis = live.pop() if len(live) == 1 else ("mixed" if live else None)
    return {"server": check_server(client), "analysis": analysis,
            "warning": fallback_warning(analysis) if analysis in (ANALYSIS_SMARTCN, ANALYSIS_CJK) else None,
            "indices": indices}
