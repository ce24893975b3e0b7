"""Pure text pipeline: decode -> clean -> split -> segment -> extract -> document.

Imports no Redis, Celery, Scrapy or Elasticsearch; every step takes and returns plain values.
"""
