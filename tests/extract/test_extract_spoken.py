"""Cues of quotes read out loud (`stance.extract.spoken`): each shape on a single phrase, and
each v2 rule on a small written briefing transcript, with the rule on and off."""

import pytest

from stance.extract.extractor import extract_quotes
from stance.extract.spoken import as_said, named_after, statement_owner, untimed

HEAD = (
    "Press Briefing by Press Secretary Anna Berg\n\n"
    "MS. BERG:  Good afternoon, everyone.  I have one thing at the top.\n\n"
    "Q    Thanks, Anna.  A question on the budget.\n\n"
)


def test_named_after_reads_a_name_that_fills_the_sentence_after_the_quote():
    text = "“We will win.” That’s state senator for Ohio, Carl Dunn.  He said it."
    found = named_after(text, text.index("”"))
    assert (found.text, found.start) == ("Carl Dunn", text.index("Carl"))
    text = "“We will win.” That’s the whole point of the plan."
    assert named_after(text, text.index("”")) is None


def test_statement_owner_takes_the_owner_else_the_source_named_before():
    text = "It’s a statement from Carl Dunn.\n\nHis statement reads:\n\n“"
    assert statement_owner(text, 0, len(text) - 1).text == "Carl Dunn"
    text = "I read it.  Her statement says: “"
    assert statement_owner(text, 0, len(text) - 1).text == "she"
    text = "That’s why he put out the statement.  And the last line is, “"
    assert statement_owner(text, 0, len(text) - 1).text == "he"
    text = "The plan is out.  And the last line is, “"
    assert statement_owner(text, 0, len(text) - 1) is None


def test_as_said_reads_the_subject_of_an_as_clause_but_not_a_saying():
    text = "carrying out “hate and terror,” as Karine said in her statement."
    assert as_said(text, text.index("”")).text == "Karine"
    text = "it was “a bridge too far,” as they say."
    assert as_said(text, text.index("”")) is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("USAID Administrator Power today", "USAID Administrator Power"),
     ("Tom Hall on Tuesday", "Tom Hall"), ("the council today", "the council today")],
)  # fmt: skip
def test_untimed_drops_time_words_that_close_a_capitalised_subject(mention, expected):
    assert untimed(mention) == expected


CASES = {
    "a name said right after the quote": (
        "named_after",
        "MS. BERG:  Again, “If the plan had come from anyone else, it would have passed.”  "
        "That’s Carl Dunn.  I read it to you.\n",
        ("Carl Dunn", "Anna Berg"),
    ),
    "a statement read out after its source was named": (
        "statement_lines",
        "MS. BERG:  It’s a statement from Carl Dunn.\n\nHis statement reads:\n\n"
        "“We have cooperated with the review from the first day.”\n\nQ    Thanks, Anna.\n",
        ("Carl Dunn", None),
    ),
    "a subject before a time word": (
        "timed_subjects",
        "Q    Thanks.  And two, USAID Administrator Hall today said that “the plan will fail "
        "within a year.”  Your reaction?\n",
        ("USAID Administrator Hall", None),
    ),
    "the subject of an as clause after the quote": (
        "as_said",
        "Q    Is Hamas trying to exploit the pressure and, you know, “play a trick,” as "
        "Israeli officials put it?\n",
        ("Israeli officials", None),
    ),
    "a subject past a question label that opens the sentence": (
        "label_mentions",
        "MS. BERG:  We will see.\n\nQ    And Carl Dunn said today, given the numbers, “It is "
        "time for the program to wind down.”  Do you agree?\n",
        ("Carl Dunn", None),
    ),
}


def _speaker(quotes, words):
    return next((q.speaker for q in quotes if q.kind == "quote" and words in q.text), None)


def check_case(case, without):
    """The last quote of a case's transcript has the right speaker, and the wrong one with
    its rule off (shared with `test_extract_reported`)."""
    rule, body, (right, wrong) = case
    text = HEAD + body
    words = body[body.rindex("“") + 1 :][:12]  # the last quote's opening words
    assert _speaker(extract_quotes(text), words) == right
    assert _speaker(without(rule, text), words) == wrong


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_in_a_transcript_and_without_it_another(case, without):
    check_case(CASES[case], without)
