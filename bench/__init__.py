"""The benchmark (`python -m bench`, `make bench`): seven figures, each against a baseline measured in the
same run. See docs/performance.md for what each figure measures and how to read it."""
