"""The sentence-subject walks (`SubjectWalk`, a mixin of the `Resolver`), each read on one
written sentence with v2 and with v2 less the rule that changes it."""

from dataclasses import replace

import pytest

from stance.extract.names import NameIndex
from stance.extract.quotes import sentence_bounds
from stance.extract.resolver import Resolver
from stance.extract.rules import VERSIONS


def walk(text: str, less: str | None = None) -> Resolver:
    rules = replace(VERSIONS["v2"], **{less: False}) if less else VERSIONS["v2"]
    return Resolver(text, sentence_bounds(text), NameIndex(text), rules=rules)


@pytest.mark.parametrize(
    ("text", "rule", "subject"),
    [
        (  # an age opens the subject
            "At a campaign event in Ohio, 62-year-old Ann Lee also railed against the plan.\n",
            "aged_subjects",
            "Ann Lee",
        ),
        (  # a comma inside a number ends no clause
            "At Oak Hill, where it costs new members $70,000 to join, Tom Baker blamed them.\n",
            "number_commas",
            "Tom Baker",
        ),
        (  # a person named only in a leading 'To X,' phrase
            "To political science professor Ann Lee, the plan seemed doomed from the start.\n",
            "intro_phrases",
            "Ann Lee",
        ),
    ],
)
def test_the_walk_reaches_the_subject_only_with_its_rule(text, rule, subject):
    found = walk(text).sentence_subject(0, len(text))
    assert found is not None and found[2] == subject
    without = walk(text, rule).sentence_subject(0, len(text))
    assert without is None or without[2] != subject


def test_a_name_that_modifies_a_description_yields_to_the_name_after_it():
    text = "Barack Obama spoke on Monday. Obama consultant Cornell Belcher picked up the thread.\n"
    assert walk(text).subject(len(text)) == "Cornell Belcher"
    assert walk(text, "modified_antecedents").subject(len(text)) == "Barack Obama"


def test_a_joined_clause_offers_its_named_subject():
    text = "Ms. Hughes avoids the topic, but their neighbor Ben Green, 83, knows it well.\n"
    assert [name for _, name in walk(text)._joined_subjects(0, len(text))] == ["Ben Green"]


@pytest.mark.parametrize(
    ("text", "closes"),
    [("said Tom Cole of Oklahoma.", True), ("said Tom Cole had left.", False)],
)
def test_an_inverted_subject_must_close_its_clause(text, closes):
    assert walk(text)._closes_clause(text.index("Tom"), len(text)) is closes
