"""Cues of quotes a briefing reads back (`stance.extract.readback`): each shape on a single
phrase, and each v2 rule on a small written briefing transcript, with the rule on and off."""

import pytest

from stance.extract import readback
from stance.extract.quotes import Span
from stance.extract.speakers import Mention, attribute_left
from tests.extract.test_extract_spoken import check_case


@pytest.mark.parametrize(
    ("after", "expected"),
    [("”  \n  \nThat is what he said.  And", "he"),
     ("”  Is that what he said?  I think so.", "he"),
     ("” — that’s something that the president said last night — “", "the president"),
     ("”  That is what we want.", None),  # says what, not whose words
     ("”  He said that is what it is.", None)],
)  # fmt: skip
def test_said_after_reads_whose_words_the_sentence_after_the_quote_says_they_were(after, expected):
    text = "“We will build it." + after
    found = readback.said_after(text, text.index("”"))
    assert (found.text if found else None) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [("I’d also note that the NAACP put out a statement saying: “", "the NAACP"),
     ("The group Bring Our Families Home issued a statement saying that the order is the "
      "White House “", "The group Bring Our Families Home"),
     ("Out of the gate, Fraternal Order of Police issued a statement saying, “",
      "Fraternal Order of Police"),
     ("the Road Center, an independent observer, just earlier this morning released a report "
      "stating that, quote, “", "the Road Center"),
     ("Rep. Anna Berg put out a statement saying, essentially, “", None),  # a gist
     ("The union issued a statement.  Then “", None),  # another sentence
     ("The union said the statement was fine, “", None)],
)  # fmt: skip
def test_issued_statement_reads_who_put_out_the_words(before, expected):
    found = readback.issued_statement(before, 0, len(before) - 1)
    assert (found.text if found else None) == expected


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("the President today", "the President"), ("the Senator on Tuesday", "the Senator"),
     ("the council today", "the council today"), ("President Dunn today", "President Dunn today")],
)  # fmt: skip
def test_untimed_role_drops_time_words_after_a_capitalised_role(mention, expected):
    assert readback.untimed_role(mention) == expected


CASES = {
    "a sentence after the quote says whose words they were": (
        "said_after",
        "MS. BERG:  Senator Carl Dunn spoke last night about unity.\n\n“We will build the "
        "plan in every state this year.”\n\nThat is what Senator Dunn said.  And we agree.\n",
        ("Carl Dunn", None),
    ),
    "a statement put out saying the words": (
        "issued_statements",
        "Q    And the Road Builders Union put out a statement saying: “This plan will put "
        "thousands of our members to work.”  Your reaction?\n",
        ("Road Builders Union", None),
    ),
    "a role subject before a time word": (
        "timed_roles",
        "Q    Senator Carl Dunn spoke about the deal.  But the Senator today called it a “win "
        "for the whole country.”  Will he sign it?\n",
        ("Carl Dunn", None),
    ),
    "a cue-less quote after a short one of its sentence": (
        "short_leads",
        "Q    You have said it’s “common,” “there’s nothing new in the plan,” but things "
        "have changed.  Why?\n\nMS. BERG:  Well, it is common.\n",
        ("Anna Berg", None),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_in_a_transcript_and_without_it_another(case, without):
    check_case(CASES[case], without)


def _lead(text: str, kept_first: bool = False):
    first = text.index("“"), text.index("”")
    second = text.index("“", first[1]), text.index("”", first[1] + 1)
    lead = Span(first[0] + 1, first[1], ((first[0] + 1, first[1]),), first[1])
    span = Span(second[0] + 1, second[1], ((second[0] + 1, second[1]),), second[1])
    mention = Mention("They", 0, "called", "verb-subject")
    seen = (lead, attribute_left(text, 0, first[0]) if "They" not in text else mention)
    return readback.short_lead(text, span, seen, lead if kept_first else None)


def test_short_lead_passes_on_the_cue_of_a_short_quote_in_the_same_sentence_only():
    assert _lead("Carl Dunn called it “a dud” and a threat to “all of the jobs”").text == (
        "Carl Dunn"
    )
    assert _lead("Carl Dunn called it “a dud”.  Then “all of the jobs”") is None
    assert _lead("Carl Dunn called it “a dud” and “all of the jobs”", kept_first=True) is None
    assert _lead("They called it “a dud” and “all of the jobs”") is None  # names no one
