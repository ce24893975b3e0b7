"""Celery application and thin tasks that run the pure pipeline and write to the store."""
