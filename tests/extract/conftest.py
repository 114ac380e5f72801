"""Shared fixtures for extractor tests: the shared data folder beside the project."""

import pytest

from tests.conftest import shared_dir

SHARED = shared_dir()
SEED = SHARED / "articles" / "000_07fa454dbad26224.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found: {SEED}")
    return SEED.read_text(encoding="utf-8")
