"""Subjects read from the dependency parse (extract/clauses.py)."""

from stance.extract.clauses import ends_in_object, main_subjects, outer_subject, own_subject


def _never(position: int) -> bool:
    return False


def test_a_participle_takes_the_subject_of_the_clause_it_hangs_from():
    text = "Band member Anna Berg shared the news, writing “It feels great.”"
    start, end = own_subject(text, (0, len(text)), text.index("writing"), _never)
    assert text[start:end] == "Band member Anna Berg"


def test_an_outer_speech_verb_gives_its_subject_and_none_governs_a_main_verb():
    text = "Anna Berg said Carl Dunn called on members to be “closely coordinated.”"
    start, end = outer_subject(text, (0, len(text)), text.index("called"), _never)
    assert text[start:end] == "Anna Berg"
    assert outer_subject(text, (0, len(text)), text.index("said"), _never) is None


def test_a_direct_subject_must_be_the_verbs_own_name():
    text = "Anna Berg, the editor of The Daily Ledger, said every mayor was “political.”"
    start, end = own_subject(text, (0, len(text)), text.index("said"), _never, True)
    assert text[start:end] == "Anna Berg"


def test_main_subjects_pass_over_names_in_subordinate_clauses():
    text = "Asked about the race in which Jane Hill faces Tom Baker, she replied at once."
    assert main_subjects(text, 0, len(text)) == [("personal", text.index("she"))]
    text = "The moderators were ready to move on, but Christie was not having it."
    kinds = [kind for kind, _ in main_subjects(text, 0, len(text))]
    assert kinds == ["other", "name"]


def _no_subject(text: str, mention: str, verb: str) -> bool:
    start = text.index(mention)
    return ends_in_object(text, (0, len(text)), (start, start + len(mention)), text.index(verb))


def test_a_mention_ending_in_an_object_or_a_preposition_is_no_subject():
    text = "He criticized Clinton’s track record said she “isn’t going to straight it out.”"
    assert _no_subject(text, "Clinton’s track record", "said")
    text = "Silverman incurred a wave of boos upon saying, “Hillary heard the people.”"
    assert _no_subject(text, "a wave of boos upon", "saying")
    assert not _no_subject("The Ohio governor said “we will win.”", "The Ohio governor", "said")
    text = "What does he think about young people in America saying things like “We won”?"
    assert not _no_subject(text, "young people in America", "saying")


def test_hung_gives_no_subject_where_the_verb_has_its_own():
    text = "You saw the chief economist of the IMF said that the outlook had “darkened.”"
    assert _no_subject(text, "the IMF", "said")  # a preposition's object, but ...
    assert own_subject(text, (0, len(text)), text.index("said"), _never, hung=True) is None
    text = "He criticized Clinton’s track record said she “isn’t going to straight it out.”"
    assert own_subject(text, (0, len(text)), text.index("said"), _never, hung=True) == (0, 2)
