"""Subjects read from the dependency parse (extract/clauses.py)."""

from stance.extract.clauses import main_subjects, outer_subject, own_subject


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
