from stance.extract.extractor import extract_quotes
from stance.extract.shapes import clean_name, pronoun_form

TRANSCRIPT = (
    "MS. JEAN-PIERRE:  Go ahead.\n\n"
    "Q    Earlier this week, the speaker was on the radio.  He said, “They don’t let me talk "
    "to the president very often.”\n\n"
    "MS. JEAN-PIERRE:  I would not read into that.\n"
)


def test_pronoun_forms_and_question_labels_are_no_names():
    assert pronoun_form("I’m") == "I" and pronoun_form("What I’m") == "I"
    assert pronoun_form("he’d") == "he" and pronoun_form("Kirby") is None
    assert clean_name("Q Earlier") is None and clean_name("What I") is None
    assert clean_name("Mike Johnson") == "Mike Johnson"


def test_question_label_is_not_the_speaker_in_v2_only():
    v2 = [q for q in extract_quotes(TRANSCRIPT) if q.kind == "quote"]
    v1 = extract_quotes(TRANSCRIPT, version="v1", kind="article")
    assert [q.speaker for q in v2] == [None]
    assert [q.speaker for q in v1] == ["Q Earlier"]
