"""Cues of quotes read out loud or read back (`stance.extract.spoken`): each shape on a single
phrase, and each v2 rule on a small written briefing transcript, with the rule on and off."""

import pytest

from stance.extract import spoken
from stance.extract.extractor import extract_quotes
from stance.extract.speakers import attribute_left
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
    its rule off."""
    rule, body, (right, wrong) = case
    text = HEAD + body
    words = body[body.rindex("“") + 1 :][:12]  # the last quote's opening words
    assert _speaker(extract_quotes(text), words) == right
    assert _speaker(without(rule, text), words) == wrong


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_in_a_transcript_and_without_it_another(case, without):
    check_case(CASES[case], without)


def _that(text: str):
    opener = text.index("“")
    return spoken.that_subject(text, attribute_left(text, 0, opener), 0, opener)


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
    found = getattr(spoken, shape)(text, 0, len(text) - 1)
    assert (found.text if found else None) == expected


def test_echoed_after_reads_a_source_or_a_relative_speaker_after_the_quote():
    text = "Back to the “months, not years” from President Dunn — or"
    assert spoken.echoed_after(text, text.index("”")).text == "President Dunn"
    text = "was it “main character energy” that he said is lacking?"
    assert spoken.echoed_after(text, text.index("”")).text == "he"
    text = "the “plan” from Ukraine and the rest"
    assert spoken.echoed_after(text, text.index("”")) is None


def test_surnames_from_labels_and_titles():
    assert spoken.label_surnames("MR. KIRBY:  Thanks.\n\nQ    Sir?\n\nMS. BERG:  Yes.\n") == {
        "Kirby",
        "Berg",
    }
    assert spoken.titled_surname("President Zelenskyy") and spoken.titled_surname(
        "Secretary Blinken"
    )
    assert not spoken.titled_surname("Zelenskyy") and not spoken.titled_surname(
        "President Joe Biden"
    )
    assert not spoken.titled_surname("the President")


READ_BACK_CASES = {
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


@pytest.mark.parametrize("case", READ_BACK_CASES)
def test_a_read_back_rule_names_the_speaker_and_without_it_another(case, without):
    check_case(READ_BACK_CASES[case], without)
