"""The latest person named before a pronoun (`stance.extract.mentions`)."""

from stance.extract.mentions import body_subject, latest_mention, previous_paragraph
from stance.extract.names import WORD_RUN

TEXT = "Jane Okafor ran.\n\nTom Baker met Ann Lee, she said.\n\n“No,” she said.\n"


def test_the_paragraph_before_starts_after_the_blank_line_before_it():
    assert previous_paragraph(TEXT, TEXT.index("“No")) == TEXT.index("Tom")
    assert previous_paragraph(TEXT, TEXT.index("Tom")) == 0


def test_lines_part_paragraphs_where_no_line_is_blank():
    text = "A ran.\nB ran.\nC ran.\n"
    assert previous_paragraph(text, text.index("C")) == text.index("B")


def test_the_latest_run_that_fits_within_the_paragraph_before():
    women = {"Ann Lee", "Jane Okafor"}
    found = latest_mention(
        TEXT, TEXT.index("“No"), WORD_RUN, lambda run, _: run, lambda _, n, __: n in women
    )
    assert found == "Ann Lee"
    assert (
        latest_mention(TEXT, TEXT.index("“No"), WORD_RUN, lambda r, _: r, lambda *_: False) is None
    )
    jane_only = latest_mention(
        TEXT, TEXT.index("“No"), WORD_RUN, lambda r, _: r, lambda _, n, __: n == "Jane Okafor"
    )
    assert jane_only is None  # two paragraphs back


def test_an_it_takes_a_name_subject_of_its_sentence_else_of_the_one_before():
    subjects = {(10, 20): [], (0, 10): [("name", 2)]}
    found = body_subject(lambda s, e: subjects[(s, e)], [(10, 20), (0, 10)], lambda *a: a)
    assert found == (0, 10, 2)
    subjects[(10, 20)] = [("other", 12)]  # 'The group seeks ... what it calls': not the name
    assert body_subject(lambda s, e: subjects[(s, e)], [(10, 20), (0, 10)], lambda *a: a) is None
