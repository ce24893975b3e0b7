"""Kibana saved objects as code: data views, saved searches, visualizations and the govreports dashboard.

`kibana/govreports.ndjson` is generated from this module (`python -m search.es_kibana_objects >
kibana/govreports.ndjson`; a test keeps the two equal) and imported by `govreports kibana import`.
Objects use the Kibana 7.17 export format (agg-based visualizations, references by name), which Kibana 8
migrates on import. Every field they name exists in `search.es_mappings` (tested).
"""

from __future__ import annotations

import json
from typing import Any

MIGRATION = {"index-pattern": "7.11.0", "search": "7.9.3", "visualization": "7.17.0", "dashboard": "7.17.0"}
CORE_VERSION = "7.17.0"
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
DATA_VIEWS = {"reports": None, "indicators": None, "pages": "processed_at"}  # kind -> time field
GDP_TARGETS = 'indicator : "gdp_growth" and kind : "target"'


def data_view_id(kind: str) -> str:
    return f"govreports-{kind}"


def _object(kind: str, obj_id: str, attributes: dict[str, Any], references: list[dict[str, str]]) -> dict[str, Any]:
    return {"type": kind, "id": obj_id, "attributes": attributes, "references": references,
            "migrationVersion": {kind: MIGRATION[kind]}, "coreMigrationVersion": CORE_VERSION}


def _search_source(query: str) -> dict[str, Any]:
    source = {"query": {"query": query, "language": "kuery"}, "filter": [], "indexRefName": INDEX_REF}
    return {"searchSourceJSON": json.dumps(source, ensure_ascii=False)}


def _index_ref(kind: str) -> list[dict[str, str]]:
    return [{"name": INDEX_REF, "type": "index-pattern", "id": data_view_id(kind)}]


def data_view(kind: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {"title": data_view_id(kind), "name": f"govreports {kind}"}
    if DATA_VIEWS[kind]:
        attributes["timeFieldName"] = DATA_VIEWS[kind]
    return _object("index-pattern", data_view_id(kind), attributes, [])


def saved_search(obj_id: str, title: str, kind: str, query: str, columns: list[str],
                 sort: list[list[str]]) -> dict[str, Any]:
    attributes = {"title": title, "description": "", "columns": columns, "sort": sort,
                  "kibanaSavedObjectMeta": _search_source(query)}
    return _object("search", obj_id, attributes, _index_ref(kind))


def _agg(agg_id: str, agg_type: str, schema: str, **params: Any) -> dict[str, Any]:
    return {"id": agg_id, "enabled": True, "type": agg_type, "schema": schema, "params": params}


def _terms(agg_id: str, schema: str, field: str, size: int, order_by: str = "_key") -> dict[str, Any]:
    order = "asc" if order_by == "_key" else "desc"
    return _agg(agg_id, "terms", schema, field=field, size=size, order=order, orderBy=order_by,
                otherBucket=False, missingBucket=False)


def _year_axis(agg_id: str, field: str, schema: str = "segment") -> dict[str, Any]:
    return _agg(agg_id, "histogram", schema, field=field, interval=1, min_doc_count=False, extended_bounds={})


def _xy_params(chart: str, value_title: str, metric_id: str = "1") -> dict[str, Any]:
    return {
        "type": chart,
        "grid": {"categoryLines": False},
        "categoryAxes": [{"id": "CategoryAxis-1", "type": "category", "position": "bottom", "show": True,
                          "scale": {"type": "linear"}, "labels": {"show": True, "filter": True, "truncate": 100},
                          "title": {}}],
        "valueAxes": [{"id": "ValueAxis-1", "name": "LeftAxis-1", "type": "value", "position": "left", "show": True,
                       "scale": {"type": "linear", "mode": "normal"},
                       "labels": {"show": True, "rotate": 0, "filter": False, "truncate": 100},
                       "title": {"text": value_title}}],
        "seriesParams": [{"show": True, "type": "line" if chart == "line" else "histogram", "mode": "normal",
                          "data": {"id": metric_id, "label": value_title}, "valueAxis": "ValueAxis-1",
                          "drawLinesBetweenPoints": True, "showCircles": True, "lineWidth": 2}],
        "addTooltip": True, "addLegend": True, "legendPosition": "right", "times": [], "addTimeMarker": False,
    }


_PARAMS: dict[str, dict[str, Any]] = {
    "table": {"perPage": 20, "showPartialRows": False, "showMetricsAtAllLevels": False, "showTotal": False,
              "totalFunc": "sum", "percentageCol": ""},
    "pie": {"type": "pie", "addTooltip": True, "addLegend": True, "legendPosition": "right", "isDonut": True,
            "labels": {"show": True, "values": True, "last_level": True, "truncate": 100}},
    "heatmap": {"type": "heatmap", "addTooltip": True, "addLegend": True, "enableHover": False,
                "legendPosition": "right", "times": [], "colorsNumber": 5, "colorSchema": "Blues",
                "setColorRange": False, "colorsRange": [], "invertColors": False, "percentageMode": False,
                "valueAxes": [{"show": False, "id": "ValueAxis-1", "type": "value",
                               "scale": {"type": "linear", "defaultYExtents": False},
                               "labels": {"show": False, "rotate": 0, "overwriteColor": False, "color": "#555"}}]},
}


def visualization(obj_id: str, title: str, kind: str, vis_type: str, aggs: list[dict[str, Any]], query: str = "",
                  params: dict[str, Any] | None = None) -> dict[str, Any]:
    state = {"title": title, "type": vis_type, "params": params or _PARAMS[vis_type], "aggs": aggs}
    attributes = {"title": title, "description": "", "uiStateJSON": "{}", "version": 1,
                  "visState": json.dumps(state, ensure_ascii=False), "kibanaSavedObjectMeta": _search_source(query)}
    return _object("visualization", obj_id, attributes, _index_ref(kind))


def visualizations() -> list[dict[str, Any]]:
    value_metrics = [_agg("1", "avg", "metric", field="value_mid", customLabel="avg"),
                     _agg("2", "min", "metric", field="value_mid", customLabel="min"),
                     _agg("3", "max", "metric", field="value_mid", customLabel="max"),
                     _agg("4", "count", "metric", customLabel="indicators")]
    return [
        visualization("govreports-vis-gdp-targets", "GDP growth targets by province and year (%)", "indicators",
                      "table", value_metrics + [_terms("5", "bucket", "province", 40),
                                                _terms("6", "bucket", "report_year", 30)], GDP_TARGETS),
        visualization("govreports-vis-target-vs-actual", "GDP growth: target vs realised, by year (%)", "indicators",
                      "line", [_agg("1", "avg", "metric", field="value_mid"), _year_axis("2", "year"),
                               _terms("3", "group", "kind", 2)], 'indicator : "gdp_growth"',
                      _xy_params("line", "average GDP growth (%)")),
        visualization("govreports-vis-modifier-mix", "Target modifiers (左右 / 以上 / 区间 …)", "indicators", "pie",
                      [_agg("1", "count", "metric"), _terms("2", "segment", "modifier", 10, "1")], 'kind : "target"'),
        visualization("govreports-vis-phrase-trends", "Reports mentioning tracked phrases, by year", "reports", "line",
                      [_agg("1", "count", "metric"), _year_axis("2", "report_year"),
                       _terms("3", "group", "phrases", 10, "1")], "", _xy_params("line", "reports")),
        visualization("govreports-vis-coverage", "Coverage: reports by province × year", "reports", "heatmap",
                      [_agg("1", "count", "metric"), _terms("2", "segment", "report_year", 30),
                       _terms("3", "group", "province", 40)]),
        visualization("govreports-vis-coverage-level", "Coverage: reports by level and year", "reports", "table",
                      [_agg("1", "count", "metric"), _terms("2", "bucket", "admin_level", 5),
                       _terms("3", "bucket", "report_year", 30)]),
        visualization("govreports-vis-crawl-states", "Crawl health: pages processed by state", "pages", "histogram",
                      [_agg("1", "count", "metric"),
                       _agg("2", "date_histogram", "segment", field="processed_at", interval="auto",
                            min_doc_count=1, extended_bounds={}),
                       _terms("3", "group", "state", 3, "1")], "", _xy_params("histogram", "pages")),
        visualization("govreports-vis-crawl-failures", "Crawl health: failures by step and reason", "pages", "table",
                      [_agg("1", "count", "metric"), _terms("2", "bucket", "step", 20, "1"),
                       _terms("3", "bucket", "reason", 50, "1"), _terms("4", "bucket", "host", 50, "1")],
                      'state : "failed"'),
    ]


def saved_searches() -> list[dict[str, Any]]:
    return [
        saved_search("govreports-search-reports", "govreports: reports", "reports", "",
                     ["title", "region", "admin_level", "report_year", "doc_type", "phrases"], [["report_year", "desc"]]),
        saved_search("govreports-search-gdp-targets", "govreports: GDP growth targets", "indicators", GDP_TARGETS,
                     ["region", "report_year", "value", "low", "high", "modifier", "strive", "text"],
                     [["report_year", "desc"]]),
        saved_search("govreports-search-failed-pages", "govreports: failed pages", "pages", 'state : "failed"',
                     ["url", "step", "reason", "processed_at"], [["processed_at", "desc"]]),
    ]


def _layout(widths: list[int], height: int = 15) -> list[dict[str, int]]:
    """Pack panels left to right on Kibana's 48-column grid, starting a new row when one does not fit."""
    cells, x, y = [], 0, 0
    for width in widths:
        if x + width > 48:
            x, y = 0, y + height
        cells.append({"x": x, "y": y, "w": width, "h": height})
        x += width
    return cells


def dashboard(panels: list[dict[str, Any]]) -> dict[str, Any]:
    # Tables and saved searches need the full width; charts share a row two by two.
    widths = [48 if obj["type"] == "search" or '"type": "table"' in obj["attributes"].get("visState", "") else 24
              for obj in panels]
    entries, references = [], []
    for i, (obj, cell) in enumerate(zip(panels, _layout(widths))):
        entries.append({"version": CORE_VERSION, "type": obj["type"], "panelIndex": str(i + 1),
                        "gridData": {**cell, "i": str(i + 1)}, "embeddableConfig": {}, "panelRefName": f"panel_{i}"})
        references.append({"name": f"panel_{i}", "type": obj["type"], "id": obj["id"]})
    attributes = {
        "title": "govreports: targets, phrases, coverage and crawl health", "description": "", "version": 1,
        "panelsJSON": json.dumps(entries, ensure_ascii=False), "timeRestore": False,
        "optionsJSON": json.dumps({"useMargins": True, "hidePanelTitles": False}),
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"},
                                                                   "filter": []})},
    }
    return _object("dashboard", "govreports-dashboard", attributes, references)


def saved_objects() -> list[dict[str, Any]]:
    """Everything, dependencies first (Kibana resolves references within one import)."""
    views = [data_view(kind) for kind in DATA_VIEWS]
    searches = saved_searches()
    charts = visualizations()
    return views + searches + charts + [dashboard(charts + searches[-1:])]


def to_ndjson(objects: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in objects)


if __name__ == "__main__":
    print(to_ndjson(saved_objects()), end="")
