"""One-word names as clause subjects (`subject_names.single_subject`)."""

import pytest

from stance.extract.speakers import Mention
from stance.extract.subject_names import single_subject, verb_subject_within


def _check(sentence: str, word: str, inside: bool = True) -> bool:
    return single_subject(
        sentence, (0, len(sentence)), word, sentence.index(word), lambda _: inside
    )


def test_a_proper_noun_subject_is_a_name():
    assert _check("At the debate, Vantrel compared himself to Anna Berg, saying, “No.”", "Vantrel")


def test_a_name_apposed_to_the_subject_is_a_name():
    sentence = "Schilling's son, Grant, posted on Twitter, writing that the man “was wrong.”"
    assert _check(sentence, "Grant")


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Boston welcomed the plan, saying it was “a good deal.”", "Boston"),
        ("MANCHESTER welcomed the plan, saying it was “a good deal.”", "MANCHESTER"),
        ("He welcomed the plan, saying it was “a good deal.”", "He"),
        ("Anna Berg welcomed Vantrel, saying he was “a good man.”", "Vantrel"),
    ],
)
def test_a_place_capitals_a_pronoun_or_an_object_is_not(sentence, word):
    assert not _check(sentence, word)


def test_a_word_the_text_capitalises_only_opening_a_sentence_is_not():
    sentence = "Attorneys opposed the effort, saying the account “was private.”"
    assert not _check(sentence, "Attorneys", inside=False)


def _within(sentence: str, mention: str) -> str | None:
    found = Mention(mention, sentence.index(mention), "saying", "verb-subject")
    offsets = verb_subject_within(sentence, (0, len(sentence)), found)
    return sentence[offsets[0] : offsets[1]] if offsets else None


def test_the_subject_of_a_verb_inside_the_mention_is_read_from_the_parse():
    sentence = "The Vermont senator emailed supporters saying: “The struggle continues.”"
    assert _within(sentence, "The Vermont senator emailed supporters") == "The Vermont senator"


def test_a_mention_without_a_finite_verb_has_none():
    sentence = "The Vermont senator said: “The struggle continues.”"
    assert _within(sentence, "The Vermont senator") is None
