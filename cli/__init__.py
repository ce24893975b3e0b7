"""The `govreports` command line."""
