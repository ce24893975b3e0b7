"""Field parsers of the source registry: durations, regions (checked against the division table), CSS
selectors, and the error collector that gives every problem its place in the file."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from crawler.sources import KIND_PORTAL, SELECTOR_NAMES, Region

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400}
# Revisiting a list more often than this is not polite; less often than this misses a congress season.
MIN_REVISIT_S, MAX_REVISIT_S = 10 * 60, 90 * 86_400


class FieldErrors:
    """Collects `place: message` lines; `scoped(place)` gives a child collector sharing the same list
    whose errors also mark every ancestor as failed (a bad region fails its source entry)."""

    def __init__(self, prefix: str = "", lines: list[str] | None = None, parent: "FieldErrors | None" = None) -> None:
        self.prefix = prefix
        self.lines: list[str] = [] if lines is None else lines
        self.parent = parent
        self.count = 0

    def add(self, place: str, message: str) -> None:
        where = ".".join(p for p in (self.prefix, place) if p)
        self.lines.append(f"{where}: {message}" if where else message)
        node: FieldErrors | None = self
        while node is not None:
            node.count += 1
            node = node.parent

    def scoped(self, place: str) -> "FieldErrors":
        return FieldErrors(".".join(p for p in (self.prefix, place) if p), self.lines, parent=self)

    @property
    def failed(self) -> bool:
        return self.count > 0

    def unknown_keys(self, place: str, mapping: dict[str, Any], known: set[str]) -> None:
        for key in mapping:
            if key not in known:
                self.add(place, f"unknown key {key!r} (known: {', '.join(sorted(known))})")


def parse_duration(raw: Any, default: int, errors: FieldErrors) -> int:
    """`30m`, `6h`, `1d`, `2w` or a number of seconds → seconds."""
    if raw is None:
        return default
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        seconds = int(raw)
    else:
        match = _DURATION.match(str(raw))
        if not match:
            errors.add("", f"{raw!r} is not a duration (e.g. 30m, 6h, 1d, 2w)")
            return default
        seconds = int(float(match.group(1)) * _UNIT_S[match.group(2)])
    if not MIN_REVISIT_S <= seconds <= MAX_REVISIT_S:
        errors.add("", f"{raw!r} is outside {MIN_REVISIT_S // 60} minutes … {MAX_REVISIT_S // 86_400} days")
        return default
    return seconds


@lru_cache(maxsize=1)
def _divisions_by_code() -> dict[str, tuple[str, str]]:
    from pipeline.extract.divisions import all_divisions

    return {d.code: (d.name, d.region) for d in all_divisions()}


def parse_region(raw: Any, errors: FieldErrors) -> Region | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        errors.add("", "must be a mapping with a name (and a 6-digit division code), e.g. {name: 广东省, code: \"440000\"}")
        return None
    errors.unknown_keys("", raw, {"name", "code"})
    name, code = raw["name"].strip(), str(raw.get("code", "")).strip()
    if not re.fullmatch(r"\d{6}", code):
        errors.add("code", f"{code or '(missing)'!r} is not a 6-digit division code (quote it in YAML: \"440000\")")
        return None
    known = _divisions_by_code().get(code)
    if known is None:
        errors.add("code", f"{code} is not in pipeline/data/divisions.tsv")
        return None
    if name not in known:
        errors.add("name", f"{name!r} does not match division {code} ({known[1]})")
        return None
    return Region(name=known[1], code=code)


def parse_regions(entry: dict[str, Any], kind: str, errors: FieldErrors) -> tuple[Region | None, tuple[Region, ...]]:
    region = None
    if entry.get("region") is not None:
        region = parse_region(entry["region"], errors.scoped("region"))
    elif kind == KIND_PORTAL:
        errors.add("region", "an official portal needs the region it covers: {name: …, code: \"……\"}")
    covers_raw = entry.get("covers") or []
    if not isinstance(covers_raw, list):
        errors.add("covers", "must be a list of regions")
        covers_raw = []
    covers = [parse_region(item, errors.scoped(f"covers[{i}]")) for i, item in enumerate(covers_raw)]
    return region, tuple(c for c in covers if c is not None)


def parse_selectors(raw: Any, errors: FieldErrors) -> dict[str, str]:
    """CSS selectors by name; each must parse (cssselect) and name anchors or their containers."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.add("", f"must be a mapping of {', '.join(SELECTOR_NAMES)} to CSS selectors")
        return {}
    from cssselect import GenericTranslator, SelectorError

    selectors: dict[str, str] = {}
    for key, value in raw.items():
        if key not in SELECTOR_NAMES:
            errors.add(str(key), f"unknown selector (known: {', '.join(SELECTOR_NAMES)})")
            continue
        if not isinstance(value, str) or not value.strip():
            errors.add(key, "must be a CSS selector string")
            continue
        try:
            GenericTranslator().css_to_xpath(value)
        except SelectorError as exc:
            errors.add(key, f"{value!r} is not a valid CSS selector: {exc}")
            continue
        selectors[key] = value.strip()
    return selectors
