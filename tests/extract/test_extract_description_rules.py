"""Description rules of issue 16 (a description or a non-person taken for the speaker), each
on a small written document, checked with and without its `Rules` field (the rest of v2 on)."""

import pytest

from stance.extract.extractor import extract_quotes

OPENING = "“We will win this race easily,” said Tom Baker.\n\n"

CASES = {
    "a role after a nationality, resolved like a role": (
        "nationality_roles",
        "Anna Berg spoke in Moscow on Monday.\n\n“We will win,” the Russian leader said.\n",
        ("Anna Berg", "the Russian leader"),
    ),
    "a preposition's object before a participle is no subject": (
        "preposition_objects",
        "Anna Berg spent the day yelling at voters on their way into the polls saying “Vote "
        "for me.”\n",
        ("Anna Berg", "the polls"),
    ),
    "a preposition's object in the sentence before is no subject": (
        "preposition_objects",
        "Anna Berg also commented on the news business, remarking on cable. “There is not "
        "enough room for three.”\n",
        ("Anna Berg", "the news business"),
    ),
    "a person's description with no agent suffix": (
        "person_descriptions",
        "Anna Berg spoke in Ohio on Monday.\n\n“We will win,” the retired neurosurgeon said.\n",
        ("Anna Berg", "the retired neurosurgeon"),
    ),
    "an age, given to a name before": (
        "person_descriptions",
        "Anna Berg, 46, took the stage. Carl Dunn spoke next.\n\n“We will win,” said the "
        "46-year-old.\n",
        ("Anna Berg", "the 46-year-old"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_and_without_it_another(case, without):
    rule, text, (right, wrong) = CASES[case]
    assert extract_quotes(OPENING + text)[1].speaker == right
    assert without(rule, OPENING + text)[1].speaker == wrong
