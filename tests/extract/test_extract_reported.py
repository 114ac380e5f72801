"""Cues of words read back inside a clause (`stance.extract.reported`): each shape on a single
phrase, and each v2 rule on a small written briefing transcript, with the rule on and off."""

import pytest

from stance.extract import reported
from stance.extract.speakers import attribute_left
from tests.extract.test_extract_spoken import check_case


def _that(text: str):
    opener = text.index("“")
    return reported.that_subject(text, attribute_left(text, 0, opener), 0, opener)


def test_that_subject_reads_a_complement_subject_and_a_relative_noun():
    assert _that("I know that Senator Carl Dunn had described it as a “").text == (
        "Senator Carl Dunn"
    )
    assert _that("the anger from some Iraqi officials that called it a “").text == (
        "Iraqi officials"
    )
    assert _that("Hall said that Carl Dunn called it a “") is None  # the outer speaker's
    assert _that("It shows that Carl Dunn’s name was called a “") is None  # no name at its end
    assert _that("a series of letters that called him an “") is None  # no people


@pytest.mark.parametrize(
    ("shape", "text", "expected"),
    [("meant_words", "So, this is what I mean by, “", "I"),
     ("meant_words", "And can you explain what exactly he means by “", "he"),
     ("talked_about", "You’ve talked about\n“", "You"),
     ("talked_about", "They were talking about “", None),  # a topic
     ("referred_as", "And, obviously, the President referred to the incident as “",
      "the President"),
     ("referred_as", "She referred to the plan.  Then “", None)],
)  # fmt: skip
def test_cues_read_the_subject_right_before_the_quote(shape, text, expected):
    found = getattr(reported, shape)(text, 0, len(text) - 1)
    assert (found.text if found else None) == expected


def test_echoed_after_reads_a_source_or_a_relative_speaker_after_the_quote():
    text = "Back to the “months, not years” from President Dunn — or"
    assert reported.echoed_after(text, text.index("”")).text == "President Dunn"
    text = "was it “main character energy” that he said is lacking?"
    assert reported.echoed_after(text, text.index("”")).text == "he"
    text = "the “plan” from Ukraine and the rest"
    assert reported.echoed_after(text, text.index("”")) is None


def test_surnames_from_labels_and_titles():
    assert reported.label_surnames("MR. KIRBY:  Thanks.\n\nQ    Sir?\n\nMS. BERG:  Yes.\n") == {
        "Kirby",
        "Berg",
    }
    assert reported.titled_surname("President Zelenskyy") and reported.titled_surname(
        "Secretary Blinken"
    )
    assert not reported.titled_surname("Zelenskyy") and not reported.titled_surname(
        "President Joe Biden"
    )
    assert not reported.titled_surname("the President")


CASES = {
    "a name after 'that' following a verb that reports nothing": (
        "that_clauses",
        "Q    I know that Senator Carl Dunn had described the plan as a “modern day debtors’ "
        "prison.”\n",
        ("Carl Dunn", None),
    ),
    "the people a relative 'that' stands for": (
        "that_clauses",
        "Q    What is your response to the outrage from some Iraqi officials that called it "
        "a “clear-cut assassination operation”?\n",
        ("Iraqi officials", None),
    ),
    "what someone means by the words": (
        "meant_words",
        "Q    Senator Carl Dunn voted against the bill last week.  Can you "
        "explain what exactly he means by “military force in the region”?\n",
        ("Carl Dunn", None),
    ),
    "what someone referred to something as": (
        "referred_as",
        "Q    And, obviously, Senator Carl Dunn referred to the incident as “an act of "
        "terror.”  What is the significance?\n",
        ("Carl Dunn", None),
    ),
    "what the person asked has talked about": (
        "talked_about",
        "Q    You’ve talked about “this is Congress’s duty, we’re not a deadbeat nation,” all "
        "that kind of stuff.\n\nMS. BERG:  Yes.\n",
        ("Anna Berg", None),
    ),
    "a source named after the quote": (
        "echoed_after",
        "Q    Back to the “months, not years” from Senator Carl Dunn — or his request for "
        "support.\n",
        ("Carl Dunn", None),
    ),
    "a speaker labelled by surname, heard from": (
        "label_surnames",
        "MR. KIRBY:  We will help.\n\nQ    We heard from the — from Kirby a few minutes ago "
        "— he had the colorful line, “They need our help right now, not after the eggnog.”\n",
        ("Kirby", None),
    ),
    "a titled surname keeps a two-word quote": (
        "titled_surnames",
        "MS. BERG:  I know the city is under fierce assault.\n\nPresident Zelenskyy has "
        "described the fighting there as “extremely severe.”  We are helping.\n",
        ("Zelenskyy", None),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_in_a_transcript_and_without_it_another(case, without):
    check_case(CASES[case], without)
