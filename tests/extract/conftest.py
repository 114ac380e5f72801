"""Shared fixtures for extractor tests: the shared data folder beside the project, and the
extractor with one v2 rule switched off."""

from dataclasses import replace

import pytest

from stance.extract import extractor
from stance.extract.extractor import extract_quotes
from tests.conftest import shared_dir

SHARED = shared_dir()
SEED = SHARED / "articles" / "000_07fa454dbad26224.txt"
# One speaker's remarks that take questions (kind detection and its units)
REMARKS = (
    "THE PRESIDENT:  Good afternoon.  We will keep helping Ukraine defend itself.\n\n"
    "Q    Mr. President, will you send more air defence?\n\n"
    "THE PRESIDENT:  We are sending what they need, and we will keep at it.\n\n"
    "Q    When?\n\n"
    "THE PRESIDENT:  Soon.  Thank you all.\n"
)


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found: {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch):
    """extract_quotes with v2 less one rule, or a few (`without(rule, text, **options)`), and
    less the learned span filter, so a test sees what the rules do (`without((), ...)`: the
    rules alone)."""

    def run(rule: str | tuple[str, ...], text: str, **options: object) -> list[extractor.Quote]:
        rules = ((rule,) if isinstance(rule, str) else rule) + ("learned_spans",)
        less = replace(extractor.VERSIONS["v2"], **dict.fromkeys(rules, False))
        monkeypatch.setattr(extractor, "VERSIONS", {**extractor.VERSIONS, "less": less})
        return extract_quotes(text, version="less", **options)

    return run
