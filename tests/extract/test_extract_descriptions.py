"""Definite descriptions and the names they title or are apposed to."""

from stance.extract.descriptions import (
    appositions,
    description_head,
    organisation_head,
    presidents,
    role_description,
)
from stance.extract.extractor import extract_quotes


def test_description_heads():
    assert description_head("the billionaire businessman") == "businessman"
    assert description_head("the 34-year-old mother of three") == "mother"
    assert description_head("the senator") is None  # a shared title: left to the role rule
    assert description_head("the group") is None  # not one person
    assert description_head("Anna Berg") is None


def test_titles_and_appositions_before_a_position():
    text = "Mayor Anna Berg spoke. Later Tom Baker, the billionaire businessman, arrived."
    assert appositions(text, "mayor", len(text)) == [(6, "Anna Berg")]
    assert appositions(text, "businessman", len(text)) == [(23, "Later Tom Baker")]
    assert appositions(text, "businessman", 20) == []


def test_presidents_of_a_nation_not_of_a_body_a_deputy_or_before():
    text = (
        "Tom Baker met World Bank President Jim Kim, Vice President Ann Lee, former President "
        "Carl Dunn and French President Paul Roux.\n\nPres. Tom Hill spoke. President Anna Berg"
    )
    assert presidents(text, len(text)) == [
        (116, "Paul Roux"),
        (134, "Tom Hill"),
        (160, "Anna Berg"),
    ]
    assert presidents(text, 130) == [(116, "Paul Roux")]


def test_description_speaker_resolves_to_a_name_in_v2_only():
    text = (
        "Later Tom Baker, the billionaire businessman, met Mayor Anna Berg on Monday.\n\n"
        "“We will build it,” the businessman said.\n\n"
        "“Not in my city,” the mayor said.\n"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Tom Baker", "Anna Berg"]
    assert [q.speaker for q in extract_quotes(text, version="v1")] == [
        "the businessman",
        "the mayor",
    ]


def test_the_woman_is_the_nearest_woman():
    text = "Jane Roe and Tom Baker met on Monday.\n\n“We agreed,” the woman said.\n"
    assert extract_quotes(text)[0].speaker == "Jane Roe"


def test_organisation_heads():
    assert organisation_head("the company") == "company"
    assert organisation_head("The social media company") == "company"
    assert organisation_head("the editorial board") == "board"
    assert organisation_head("the Clinton campaign") is None  # names its owner
    assert organisation_head("the companies") is None
    assert organisation_head("the mayor") is None
    assert organisation_head("company") is None


def test_role_descriptions_name_no_one():
    assert role_description("the presumptive Republican presidential nominee")
    assert role_description("the Russian leader")
    assert role_description("The Democratic front-runner")
    assert not role_description("the former vice president’s spokeswoman")  # someone else's
    assert not role_description("the New York leader")  # a place may name its own person
    assert not role_description("Democratic nominee")
    assert not role_description("the Swedish Justice Minister")  # a formal title
