"""Shared fixtures: paths to the seed documents and an isolated settings object per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreports.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "runtime" / "sample_portal" / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in SEED_FILES}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"GOVREPORTS_HOME": str(tmp_path / "home")})
