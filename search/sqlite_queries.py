"""SQL for the store's queries: filters, full-text match expressions and grouped aggregations.

Pure functions from query objects to (sql, parameters), so the SQL is tested without a database and
field names only ever come from the validated whitelists in `search.store` (never from user text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from search.store import AggQuery, validate_agg

Tokenizer = Callable[[str], Sequence[str]]


def where_clause(filters: dict[str, Any], table: str = "") -> tuple[str, list[Any]]:
    """`field = ?` per filter (a list or tuple means any of), ANDed; booleans stored as 0/1."""
    prefix = f"{table}." if table else ""
    parts: list[str] = []
    params: list[Any] = []
    for name, wanted in sorted(filters.items()):
        column = f'{prefix}"{name}"'
        values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
        values = [int(v) if isinstance(v, bool) else v for v in values]
        if any(v is None for v in values):
            rest = [v for v in values if v is not None]
            alternatives = [f"{column} IS NULL"] + ([f"{column} IN ({','.join('?' * len(rest))})"] if rest else [])
            parts.append("(" + " OR ".join(alternatives) + ")")
            params.extend(rest)
        elif values:
            parts.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    return (" AND ".join(parts) if parts else "1=1"), params


def match_expression(text: str, tokenize: Tokenizer) -> str:
    """FTS5 query: every whitespace-separated term must occur as a phrase of its jieba tokens."""
    phrases = []
    for term in text.split():
        tokens = [tok.replace('"', '""') for tok in tokenize(term) if tok.strip()]
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


def search_sql(match: str, filters: dict[str, Any], size: int) -> tuple[str, list[Any]]:
    where, params = where_clause(filters, "d")
    if match:
        sql = (
            "SELECT d.id, d.title, d.region, d.province, d.report_year, d.doc_type, -bm25(documents_fts) AS score "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.doc_id "
            f"WHERE documents_fts MATCH ? AND {where} ORDER BY bm25(documents_fts) LIMIT ?"
        )
        return sql, [match, *params, size]
    sql = (
        "SELECT d.id, d.title, d.region, d.province, d.report_year, d.doc_type, 0.0 AS score FROM documents d "
        f"WHERE {where} ORDER BY d.report_year DESC, d.province, d.region, d.id LIMIT ?"
    )
    return sql, [*params, size]


def aggregate_sql(query: AggQuery) -> tuple[str, list[Any]]:
    """GROUP BY over the indicator rows (metrics over `value_mid`) or the report rows.

    A `phrase` on a reports aggregation keeps the reports that mention it; metrics then run over the
    number of mentions per report.
    """
    validate_agg(query)
    groups = [f'"{name}"' for name in query.group_by]
    if query.target == "indicators":
        table, measure, params_head = "indicators", "value_mid", []
    elif query.phrase:
        table, measure, params_head = "phrases", "count", []
    else:
        table, measure, params_head = "documents", "NULL", []
    filters = dict(query.filters)
    where, params = where_clause(filters)
    if query.target == "reports" and query.phrase:
        where = f"phrase = ? AND count > 0 AND {where}"
        params_head = [query.phrase]
    select = ", ".join(groups + ["COUNT(*)", f"AVG({measure})", f"MIN({measure})", f"MAX({measure})"])
    group_sql = f" GROUP BY {', '.join(groups)} ORDER BY {', '.join(groups)}" if groups else ""
    return f"SELECT {select} FROM {table} WHERE {where}{group_sql}", [*params_head, *params]
