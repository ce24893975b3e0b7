"""The source registry: a YAML file of portals to crawl, checked entry by entry with clear errors.

Adding a portal is adding an entry (no code per site). `load_registry` reads and validates the file and
returns `Source`s; every problem is reported at once, each with its place (`sources[3] (gd-province).
region.code: …`), so `govreports sources check` can list them all. Nothing here touches the network.

File layout (see `crawler/data/sources.yaml`, the bundled starting set):

    version: 1
    defaults: {revisit: 1d, revisit_in_season: 6h}      # optional
    sources:
      - name: gd-province                                 # [a-z0-9][a-z0-9._-]*, unique
        kind: gov_portal                                  # gov_portal | aggregator
        region: {name: 广东省, code: "440000"}             # required for gov_portal; code from divisions.tsv
        start_urls: [https://www.gd.gov.cn/zwgk/gzbg/]    # list pages of the report/plan columns
        # optional: covers, doc_types, selectors, revisit, revisit_in_season, authority, max_list_pages,
        #           group, allow_private, verified, enabled, note

A start URL may begin with `{sample_portal}`: the bundled sample portal, which `govreports crawl`
serves on loopback itself and substitutes (`with_base_url`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from crawler.registry_fields import FieldErrors, parse_duration, parse_regions, parse_selectors
from crawler.sources import (
    DEFAULT_AUTHORITY,
    DEFAULT_REVISIT_IN_SEASON_S,
    DEFAULT_REVISIT_S,
    KIND_PORTAL,
    KINDS,
    MAX_LIST_PAGES,
    Source,
    normalise_start_url,
)
from govreports.errors import ConfigError

BUNDLED_REGISTRY = Path(__file__).resolve().parent / "data" / "sources.yaml"
SAMPLE_PORTAL = "{sample_portal}"
# Stand-in base used to validate `{sample_portal}` URLs before a portal is served.
_SAMPLE_CHECK_BASE = "http://127.0.0.1:8765"
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_DOC_TYPES = ("work_report", "dev_plan", "plan_outline", "stat_bulletin", "other")
_TOP_KEYS = {"version", "defaults", "sources"}
_DEFAULT_KEYS = {"revisit", "revisit_in_season", "max_list_pages"}
_SOURCE_KEYS = {"name", "kind", "region", "covers", "start_urls", "doc_types", "selectors", "revisit",
                "revisit_in_season", "authority", "max_list_pages", "group", "allow_private", "verified", "enabled",
                "note"}


def load_registry(path: Path | str | None = None) -> list[Source]:
    """All sources of the registry file (the bundled one when `path` is None); ConfigError lists every problem."""
    file = Path(path) if path else BUNDLED_REGISTRY
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"source registry {file}: cannot read it ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"source registry {file}: not valid YAML: {exc}") from None
    sources, errors = parse_registry(data)
    if errors:
        listing = "\n".join(f"  {line}" for line in errors)
        raise ConfigError(f"source registry {file}: {len(errors)} problem(s):\n{listing}")
    return sources


def parse_registry(data: Any) -> tuple[list[Source], list[str]]:
    """Sources and the list of problems (empty when the registry is valid)."""
    errors = FieldErrors()
    if not isinstance(data, dict):
        return [], ["the file must be a mapping with a `sources:` list"]
    errors.unknown_keys("", data, _TOP_KEYS)
    if data.get("version", 1) != 1:
        errors.add("version", f"unsupported version {data.get('version')!r} (this govreports reads version 1)")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        errors.add("defaults", "must be a mapping")
        defaults = {}
    errors.unknown_keys("defaults", defaults, _DEFAULT_KEYS)
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        errors.add("sources", "must be a non-empty list of source entries")
        return [], errors.lines
    sources: list[Source] = []
    for index, entry in enumerate(entries):
        label = f"sources[{index}]" + (f" ({entry.get('name')})" if isinstance(entry, dict) and entry.get("name") else "")
        source = _parse_source(entry, defaults, errors.scoped(label))
        if source is not None:
            sources.append(source)
    _check_unique(sources, errors)
    return sources, errors.lines


def _parse_source(entry: Any, defaults: dict[str, Any], errors: FieldErrors) -> Source | None:
    if not isinstance(entry, dict):
        errors.add("", "each source must be a mapping")
        return None
    errors.unknown_keys("", entry, _SOURCE_KEYS)
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        errors.add("name", f"{name!r} is not a valid name (lower-case letters, digits, . _ -; at most 64)")
    kind = entry.get("kind", KIND_PORTAL)
    if kind not in KINDS:
        errors.add("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        kind = KIND_PORTAL
    region, covers = parse_regions(entry, kind, errors)
    start_urls = _parse_urls(entry.get("start_urls"), errors)
    doc_types = entry.get("doc_types", ["work_report"])
    if not isinstance(doc_types, list) or not doc_types or any(t not in _DOC_TYPES for t in doc_types):
        errors.add("doc_types", f"must be a list of {', '.join(_DOC_TYPES)}")
        doc_types = ["work_report"]
    revisit = parse_duration(entry.get("revisit", defaults.get("revisit")), DEFAULT_REVISIT_S, errors.scoped("revisit"))
    in_season = parse_duration(entry.get("revisit_in_season", defaults.get("revisit_in_season")),
                               min(revisit, DEFAULT_REVISIT_IN_SEASON_S), errors.scoped("revisit_in_season"))
    if in_season > revisit:
        errors.add("revisit_in_season", "must not be longer than revisit (the congress season is the busy time)")
    authority = entry.get("authority", DEFAULT_AUTHORITY[kind])
    if not isinstance(authority, int) or isinstance(authority, bool) or not 0 <= authority <= 1000:
        errors.add("authority", f"{authority!r} must be an integer from 0 to 1000 (official portals 100, aggregators 10)")
        authority = DEFAULT_AUTHORITY[kind]
    max_pages = entry.get("max_list_pages", defaults.get("max_list_pages", MAX_LIST_PAGES))
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or not 1 <= max_pages <= 10_000:
        errors.add("max_list_pages", f"{max_pages!r} must be an integer from 1 to 10000")
        max_pages = MAX_LIST_PAGES
    flags = {}
    for flag, default in (("allow_private", False), ("verified", True), ("enabled", True)):
        flags[flag] = entry.get(flag, default)
        if not isinstance(flags[flag], bool):
            errors.add(flag, f"must be true or false, got {flags[flag]!r}")
            flags[flag] = default
    group = entry.get("group", "")
    if group and (not isinstance(group, str) or not _NAME.match(group)):
        errors.add("group", f"{group!r} is not a valid group name")
        group = ""
    if any(url.startswith(SAMPLE_PORTAL) for url in start_urls) and not flags["allow_private"]:
        errors.add("allow_private", f"a {SAMPLE_PORTAL} source is served on loopback: set allow_private: true")
    if errors.failed or not isinstance(name, str):
        return None
    return Source(name=name, start_urls=tuple(start_urls), max_list_pages=max_pages,
                  selectors=parse_selectors(entry.get("selectors"), errors.scoped("selectors")), kind=kind,
                  region=region, covers=covers, doc_types=tuple(doc_types), revisit_s=revisit,
                  revisit_in_season_s=in_season, authority=authority, group=group, **flags)


def _parse_urls(raw: Any, errors: FieldErrors) -> list[str]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        errors.add("start_urls", "give at least one start URL (the list page of a report column)")
        return []
    urls: list[str] = []
    for index, url in enumerate(raw):
        if not isinstance(url, str):
            errors.add(f"start_urls[{index}]", f"{url!r} is not a URL")
            continue
        try:
            if url.startswith(SAMPLE_PORTAL):
                normalise_start_url(_SAMPLE_CHECK_BASE + url[len(SAMPLE_PORTAL):])
                urls.append(url.strip())
            else:
                urls.append(normalise_start_url(url))
        except ConfigError as exc:
            errors.add(f"start_urls[{index}]", str(exc).removeprefix("start URL "))
    return urls


def _check_unique(sources: list[Source], errors: FieldErrors) -> None:
    owners: dict[str, str] = {}
    names: set[str] = set()
    for source in sources:
        if source.name in names:
            errors.add("sources", f"name {source.name!r} is used twice")
        names.add(source.name)
        for url in source.start_urls:
            if url in owners and owners[url] != source.name:
                errors.add("sources", f"start URL {url} belongs to both {owners[url]!r} and {source.name!r}")
            owners.setdefault(url, source.name)
    groups = {s.group for s in sources if s.group}
    for clash in sorted(groups & names):
        errors.add("sources", f"{clash!r} is both a source name and a group name")


def select(sources: Iterable[Source], names: Iterable[str]) -> list[Source]:
    """The sources named (by name or group, in registry order); ConfigError for a name that matches none."""
    sources = list(sources)
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if not any(n in (s.name, s.group) for s in sources)]
    if unknown:
        known = ", ".join(sorted({s.name for s in sources} | {s.group for s in sources if s.group}))
        raise ConfigError(f"unknown source(s) {', '.join(unknown)}; known: {known}")
    return [s for s in sources if s.name in wanted or (s.group and s.group in wanted)]


def needs_sample_portal(sources: Iterable[Source]) -> bool:
    return any(url.startswith(SAMPLE_PORTAL) for s in sources for url in s.start_urls)


def with_base_url(source: Source, base_url: str) -> Source:
    """The source with `{sample_portal}` replaced by the served portal's base URL."""
    urls = tuple(base_url.rstrip("/") + url[len(SAMPLE_PORTAL):] if url.startswith(SAMPLE_PORTAL) else url
                 for url in source.start_urls)
    return replace(source, start_urls=urls)
