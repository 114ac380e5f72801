"""Quote span finding, paragraphs and sentences."""

from stance.extract.quotes import (
    chunk,
    find_spans,
    inner_spans,
    paragraph_bounds,
    sentence_bounds,
    word_count,
)


def texts(text: str, **kwargs) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, **kwargs)]


def test_curly_and_straight_quotes_and_mixed_pairs():
    text = 'He said “one two three.” Then "four five six," and "seven eight nine.”'
    assert texts(text) == ["one two three.", "four five six", "seven eight nine."]


def test_single_quotes_and_apostrophes_inside_double_quotes_do_not_break_the_span():
    text = "“She told me ‘never again’ and it’s true,” he said."
    assert texts(text) == ["She told me ‘never again’ and it’s true"]


def test_top_level_curly_single_quotes_optional():
    text = "Russia is ‘not interested in peace’, he warned. Trump’s plan."
    assert texts(text) == ["not interested in peace"]
    assert texts(text, singles=False) == []


def test_quote_continues_into_next_paragraph_that_opens_with_a_quote():
    text = "“First part of it.\n\n“Second part,” she said.\n\nNo quote here."
    spans = find_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "First part of it.\n\n“Second part"
    assert [text[a:b] for a, b in spans[0].pieces] == ["First part of it.", "Second part"]


def test_unclosed_quote_without_continuation_ends_at_paragraph():
    text = "“Opening at the start and never closed\n\nNext paragraph."
    assert texts(text) == ["Opening at the start and never closed"]


def test_curly_quote_runs_on_over_paragraphs_up_to_its_closing_mark():
    text = (
        "As the President said:\n\n“We welcome the ceasefire.\n\nThe United States worked "
        "with officials.\n\nWe support an inquiry.”\n\nShe left."
    )
    assert texts(text) == ["We welcome the ceasefire."]  # v1: the first paragraph only
    spans = find_spans(text, curly=True)
    assert len(spans) == 1
    assert [text[a:b] for a, b in spans[0].pieces] == [
        "We welcome the ceasefire.",
        "The United States worked with officials.",
        "We support an inquiry.",
    ]


def test_curly_quote_does_not_run_on_when_another_quote_opens_first():
    text = "“Opening and never closed\n\nThen “a real quote” here.\n\nEnd.”"
    assert texts(text, curly=True) == ["Opening and never closed", "a real quote"]
    straight = '"Opening and never closed\n\nNo marks here.\n\nEnd."'
    assert texts(straight, curly=True) == ["Opening and never closed"]


def test_second_curly_opener_starts_a_new_quote():
    text = "He said: “We have people… “If I had Washington, Schumer would block him.”  Done."
    assert texts(text) == ["We have people…"]
    assert texts(text, curly=True) == [
        "We have people…",
        "If I had Washington, Schumer would block him.",
    ]


def test_paragraphs_by_blank_lines_or_lines():
    assert paragraph_bounds("a\nb\n\nc") == [(0, 3), (5, 6)]
    assert paragraph_bounds("a\nb") == [(0, 1), (2, 3)]


def test_sentences_respect_abbreviations_and_glued_sentences():
    text = "Mr. Smith met Dr. Jones in the U.S. yesterday. It rained.Then it stopped."
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "Mr. Smith met Dr. Jones in the U.S. yesterday.",
        "It rained.",
        "Then it stopped.",
    ]


def test_chunk_groups_at_most_three_sentences():
    bounds = [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert chunk(bounds) == [(0, 5), (6, 7)]
    assert word_count("It’s a well-known fact.") == 4


def test_inner_spans_skip_apostrophes():
    text = "“He told me ‘never again’ and it’s true, 'we are done' now,” she said."
    (outer,) = find_spans(text)
    assert [text[s.start : s.end] for s in inner_spans(text, outer)] == [
        "never again",
        "we are done",
    ]
