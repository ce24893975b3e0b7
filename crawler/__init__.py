"""Scrapy project: spiders that collect report pages, sharing frontier and dedup through Redis."""
