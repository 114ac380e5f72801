"""Speakers from the sentence around a quote with no cue of its own (v2; v1 kept as it was)."""

from stance.extract.extractor import extract_quotes

OPENING = "“We will win this race easily,” said Tom Baker.\n\n"


def speakers(text: str, version: str = "v2") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, version=version)]


def test_quote_inside_a_sentence_takes_its_subject_not_the_previous_speaker():
    text = OPENING + (
        "Anna Berg, the city's mayor, compared the plan to a house that is "
        "“built on sand and bound to fall.”\n"
    )
    assert speakers(text)[1] == ("built on sand and bound to fall.", "Anna Berg")
    assert speakers(text, "v1")[1][1] == "Tom Baker"  # v1 carried the previous speaker


def test_subject_after_a_leading_clause_and_a_pronoun_subject():
    clause = OPENING + "In recent weeks, Anna Berg has branded the plan “a house built on sand.”\n"
    assert speakers(clause)[1] == ("a house built on sand.", "Anna Berg")
    pronoun = OPENING + (
        "Anna Berg spoke next. She compared the plan to “a house built on sand.”\n"
    )
    assert speakers(pronoun)[1][1] == "Anna Berg"


def test_no_person_subject_leaves_the_quote_to_earlier_rules():
    text = OPENING + "A Times article hailed the plan as “a house built on rock.”\n"
    quote = extract_quotes(text)[1]
    assert (quote.speaker, quote.method) == ("Tom Baker", "continuation")


PLEDGE = (
    "Q    Can I ask you about the “foreign influence law” in that country?\n\n"
    "MS. BERG:  We will see.\n\n"
    "Q    Senator Tom Hall made a pledge last night to pass, quote, “no new taxes this year.”"
    "  Will the President sign that?\n\n"
    "MS. BERG:  He will.\n"
)


def test_a_question_label_is_skipped_to_the_sentence_subject():
    quotes = [q for q in extract_quotes(PLEDGE, kind="transcript") if q.kind == "quote"]
    assert [(q.text, q.speaker) for q in quotes] == [("no new taxes this year.", "Tom Hall")]
    v1 = extract_quotes(PLEDGE, kind="transcript", version="v1")
    assert [q for q in v1 if q.kind == "quote"] == []
