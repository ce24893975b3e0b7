"""Shared kernel of govreports: settings, data models and errors.

Imports nothing heavy (no Scrapy, Celery, jieba, Elasticsearch) so every process edge can use it.
"""

__version__ = "0.1.0"
