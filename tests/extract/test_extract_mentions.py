"""The latest person named before a pronoun (`stance.extract.mentions`)."""

from stance.extract.mentions import latest_mention, previous_paragraph
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
