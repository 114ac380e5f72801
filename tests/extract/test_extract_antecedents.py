"""Antecedents of 'he' / 'she' in transcripts (v2 rules `clean_antecedents` and
`role_antecedents`), each on a small written document, with and without its rule."""

from stance.extract.antecedents import (
    antecedent_name,
    mid_abbreviation,
    past_question_label,
    role_pattern,
    titled_person,
)
from stance.extract.extractor import extract_quotes

ROLES = {"president": "Joe Biden", "vice president": "Kamala Harris"}


def _quote_speakers(text: str, rule: str, without) -> tuple[str | None, str | None]:
    """The speaker of the first quote (not a turn) with v2 and with v2 less `rule`."""
    first = [next(q for q in quotes if q.kind == "quote") for quotes in
             (extract_quotes(text), without(rule, text))]  # fmt: skip
    return first[0].speaker, first[1].speaker


def test_a_law_is_no_antecedent(without):
    text = (
        "Tom Baker spoke to the workers in the morning. Inflation Reduction Act funds were on "
        "the agenda. He said, “We will pass this bill before the summer.”\n"
    )
    assert extract_quotes(text)[0].speaker == "Tom Baker"
    assert without("clean_antecedents", text)[0].speaker == "Inflation Reduction Act"


def test_a_name_addressed_after_a_question_label_is_no_antecedent(without):
    text = (
        "MS. JEAN-PIERRE:  Go ahead.\n\n"
        "Q    Peter, on the talks, Senator Tom Baker spoke this morning.  He said, “We are "
        "not going to vote for this deal.”\n"
    )
    # without it 'Q Peter', then no name (`name_shapes`)
    assert _quote_speakers(text, "clean_antecedents", without) == ("Tom Baker", None)


def test_the_president_is_the_person_the_roles_give(without):
    text = (
        "On trade, the President met the workers in Ohio today.  He said, “We will win this "
        "fight together.”\n"
    )
    assert extract_quotes(text, roles=ROLES)[0].speaker == "Joe Biden"
    assert without("role_antecedents", text, roles=ROLES)[0].speaker is None


def test_antecedent_names():
    assert antecedent_name("Under President Biden") == "President Biden"
    assert antecedent_name("What I") is None
    assert antecedent_name("Capitol Hill") is None
    assert antecedent_name("Tom Baker") == "Tom Baker"
    assert titled_person("Leader McCarthy") and not titled_person("Leader Act")
    assert mid_abbreviation("the U.S. Navy", 6) and not mid_abbreviation("Mr. Tom Baker", 4)
    text = "Q    Karine, on the talks, he spoke."
    assert text[past_question_label(text, 0, len(text)) :] == " on the talks, he spoke."


def test_an_office_before_a_name_or_of_is_someone_else():
    pattern = role_pattern(ROLES)
    assert pattern.search("the President’s remarks").group("role") == "President"
    assert pattern.search("the Vice President said").group("role") == "Vice President"
    assert pattern.search("the President of France") is None
    assert pattern.search("the President Putin said") is None
    assert role_pattern({}) is None


def test_you_in_a_question_turn_is_the_person_asked(without):
    text = (
        "MS. BERG:  Go ahead.\n\n"
        "Q    Yesterday you said, “We will not send more troops to the region.”  Is that "
        "still true?\n\n"
        "MS. BERG:  It is.\n"
    )
    assert _quote_speakers(text, "addressed_you", without) == ("Berg", None)
