"""Shared fixtures for extractor tests: the shared data folder beside the project."""

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("STANCE_SHARED_DIR", Path(__file__).parents[2].parent / "shared"))
SEED = SHARED / "articles" / "000_07fa454dbad26224.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found: {SEED}")
    return SEED.read_text(encoding="utf-8")
