"""The cue shapes the Attributor reads, on single phrases."""

import pytest

from stance.extract.cues import headings, modifier_phrase, names_person, owned_head, person_like


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("While Smith", "Smith"),
        ("a statement", None),
        ("Smith on Tuesday", None),
        ("After", None),
        ("which", None),
    ],
)
def test_person_like_drops_a_subordinator_and_rejects_media_times_and_clause_words(
    mention, expected
):
    assert person_like(mention) == expected


def test_modifier_phrase_finds_the_name_that_only_modifies_a_role():
    assert modifier_phrase("a Clinton campaign spokesman") == "Clinton"
    assert modifier_phrase("Donald Trump’s campaign manager") is None  # someone's role
    assert modifier_phrase("a spokesman") is None


def test_owned_head_is_someones_lower_case_role():
    assert owned_head("Google's chief executive")
    assert not owned_head("Google's Sundar Pichai")


def test_names_person_and_headings():
    assert names_person("Secretary of Defense Pete Hegseth")
    assert not names_person("On prices")
    text = "# Jane Roe on Sunday\n\n**Tom Hill on Monday**\n\ntext\n"
    assert [title for _, _, title in headings(text, bold=True)] == [
        "Jane Roe on Sunday",
        "Tom Hill on Monday",
    ]
