"""The cue shapes the Attributor reads, on single phrases."""

import pytest

from stance.extract.cues import (
    CLOSING_VERB,
    closing_clause,
    closing_verb,
    headings,
    modifier_phrase,
    names_person,
    opening_verb,
    owned_head,
    person_like,
    surname_or_name,
)


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


@pytest.mark.parametrize(
    ("tail", "name"),
    [
        (" Trump answered. “We will", "Trump"),
        (" beamed Donald Hartley of Mad", None),
        (" the crowd booed.", None),
        (" he surmised.", "he"),
    ],
)
def test_closing_verb_reads_a_name_and_a_past_verb_that_close_the_clause(tail, name):
    found = CLOSING_VERB.match(tail)
    assert (found and (found.group("name") or found.group("after"))) == name


def test_surname_or_name_takes_one_word_but_no_month_or_lower_case():
    assert surname_or_name("Trump") and surname_or_name("Sen. Anna Berg")
    assert not surname_or_name("January") and not surname_or_name("the crowd")


def test_a_closing_verb_names_the_speaker_only_after_a_clause_ending_quote():
    text = "“I would say this,” Carl Dunn answered."
    found = closing_verb(text, text.index("”") + 1, len(text))
    assert (found.text, found.cue, found.method) == ("Carl Dunn", "answered", "subject-verb")
    text = "“It is done.” Carl Dunn answered."  # the quote ends its own sentence
    assert closing_verb(text, text.index("”") + 1, len(text)) is None


def test_an_opening_verb_needs_a_person_before_its_colon():
    text = "Carl Dunn gloated: “I told you so.”"
    found = opening_verb(text, 0, text.index("“"))
    assert (found.text, found.cue) == ("Carl Dunn", "gloated")
    text = "The crowd roared: “We want more.”"
    assert opening_verb(text, 0, text.index("“")) is None


@pytest.mark.parametrize(
    ("tail", "speaker"),
    [
        (" as donors waited to see how a “turbulent cycle” played out, he said.", "he"),
        (" just as Clinton did in 2008, Rendell added in an interview.", "Rendell"),
        (" as donors waited, the group said.", None),  # no name: left to other cues
        (", he said, but the plan went on.", None),  # the clause does not end the sentence
        (" as donors waited to see how it played out.", None),
    ],
)
def test_a_closing_clause_is_a_speech_verb_and_its_subject_that_end_the_sentence(tail, speaker):
    text = "Giving was “flat for a month”" + tail
    found = closing_clause(text, text.index("”") + 1, len(text))
    assert (found.text if found else None) == speaker
