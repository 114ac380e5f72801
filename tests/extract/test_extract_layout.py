"""Hard-wrapped paragraphs and '' quote marks, repaired without moving any offset."""

from stance.extract.extractor import extract_quotes
from stance.extract.layout import double_singles, repair, unwrap, wrap_width

WRAPPED = (
    "The President met the Prime Minister on Monday to discuss the war in\n"
    "Ukraine and the support that both countries will keep giving to it.\n"
    "Afterwards, Press Secretary Jen Psaki told reporters that “the United\n"
    "States will stand with Ukraine for as long as it takes, whatever the\n"
    "cost,” and took no questions.\n"
    "A second paragraph starts here and it is also long enough to be wrapped\n"
    "at the same width as the first one.\n"
)


def test_wrap_width_and_unwrap_keep_paragraph_ends():
    assert wrap_width(WRAPPED) == max(len(line) for line in WRAPPED.split("\n"))
    joined = unwrap(WRAPPED)
    assert len(joined) == len(WRAPPED)
    lines = joined.split("\n")
    assert lines[0].endswith("took no questions.")
    assert lines[1].startswith("A second paragraph") and lines[1].endswith("first one.")
    assert wrap_width("One line.\nAnother short line.") is None


def test_quote_across_wrapped_lines_is_found_whole_with_exact_offsets():
    (quote,) = extract_quotes(WRAPPED)
    assert WRAPPED[quote.char_start : quote.char_end] == quote.text
    assert quote.text.startswith("the United\nStates") and quote.text.endswith("the\ncost")
    assert quote.speaker == "Jen Psaki"
    assert extract_quotes(WRAPPED, version="v1") == []  # v1 cut it at the line end


def test_doubled_single_marks_become_double_marks():
    text = "Mr. Sloan said, ''We are going to enact the changes,'' at the meeting."
    assert len(double_singles(text)) == len(text)
    (quote,) = extract_quotes(text)
    assert quote.text == "We are going to enact the changes" and quote.speaker == "Sloan"
    assert repair("It’s fine.") == "It’s fine."


WRAPPED_BRIEFING = (
    "MS. BERG:  It is a general routine dental procedure, as some of you have\n"
    "had done yourselves, and he is back at work this afternoon, as planned.\n"
    "Q    And can you tell us whether the President will travel to Ukraine\n"
    "this year, as the Prime Minister asked him to do in their last call?\n"
    "MS. BERG:  I have nothing on his schedule to share from here today, but\n"
    "we will keep you posted on the travel as soon as we have more to say.\n"
    "MR. HILL:  And on the aid package, we expect the Senate to vote soon.\n"
)


def test_a_wrapped_line_that_opens_with_a_label_starts_a_paragraph():
    assert wrap_width(WRAPPED_BRIEFING)
    lines = unwrap(WRAPPED_BRIEFING, labels=True).split("\n")
    assert [line[:4] for line in lines[:3]] == ["MS. ", "Q   ", "MS. "]
    assert "\nQ    And" not in unwrap(WRAPPED_BRIEFING)  # without: joined to the answer
    turns = [q for q in extract_quotes(WRAPPED_BRIEFING) if q.kind == "turn"]
    assert turns and not [q for q in turns if "travel to Ukraine" in q.text]
