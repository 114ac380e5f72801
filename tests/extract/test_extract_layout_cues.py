"""Speaker cues from a document's layout (labels, colons, headings, list leads; v2)."""

from stance.extract.extractor import extract_quotes


def speakers(text: str, version: str = "v2") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, version=version)]


SUNDAY_SHOWS = (
    "Officials were on the Sunday shows this morning.\n\n"
    "### **Secretary of State Jane Roe on Meet the Press**\n\n"
    "-   “We have agreed on the best way to end this conflict.”\n"
    "    ([Watch](https://x.com/example/status/1))\n"
    "-   [On\n    tariffs](https://x.com/example/status/2): “Tariffs will bring the\n"
    "    factories home.”\n\n"
    "### **Secretary Roe on Face the Nation**\n\n"
    "-   \\[The plan\\] “keeps the talks going for another month.”\n\n"
    "### **Background on the talks**\n\n"
    "-   “This line has no person in its heading.”\n"
)


def test_a_list_item_quote_takes_the_person_its_heading_names():
    assert speakers(SUNDAY_SHOWS) == [
        ("We have agreed on the best way to end this conflict.", "Jane Roe"),
        ("Tariffs will bring the\n    factories home.", "Jane Roe"),
        ("keeps the talks going for another month.", "Jane Roe"),
    ]
    assert speakers(SUNDAY_SHOWS, "v1") == []


LINKED = (
    "Leaders praised the deal.\n\n"
    "[**Senator Jane\nRoe**](https://x.com/example/status/1): “We finally have a deal.”\n\n"
    "[**Representative Tom Hall**](https://x.com/example/status/2):\n“A good day for us.”\n"
)


def test_a_linked_bold_name_with_a_plain_colon_is_the_speaker():
    assert speakers(LINKED) == [
        ("We finally have a deal.", "Jane Roe"),
        ("A good day for us.", "Tom Hall"),
    ]
    assert speakers(LINKED, "v1") == []


SOURCES = (
    "MS. BERG:  Let me just highlight what economists said.\n\n"
    "So, Globex Bank: “Little of the data tells me the economy is slowing.”\n\n"
    "And in this case, Acme Research, for example: “Job numbers are strong this month.”\n\n"
    "Quote: “this line names no source at all.”\n"
)


def test_a_capitalised_source_and_a_colon_before_the_quote_is_its_speaker():
    quotes = [q for q in extract_quotes(SOURCES, kind="article") if q.kind == "quote"]
    assert [(q.text[:20], q.speaker, q.method) for q in quotes[:2]] == [
        ("Little of the data t", "Globex Bank", "label"),
        ("Job numbers are stro", "Acme Research", "label"),
    ]
    assert quotes[2].method == "continuation"  # 'Quote:' names no source
    assert extract_quotes(SOURCES, kind="article", version="v1") == []


VOICES = (
    "Tom Hall said, “We will pass the bill this week.”\n\n"
    "Q    Why not just say, “Let’s split the two bills and move on”?\n\n"
    "Q    How do you answer critics who say “this plan costs far too much”?\n\n"
    "I know that when a diplomat says, “Hmm, that is interesting,” it means no.\n\n"
    "The world should say to them today, “It is time to stop this war.”\n\n"
    "Anna Berg said, “We will vote against it every time.”\n"
)


def test_hypothetical_and_generic_voices_are_not_quotes():
    assert speakers(VOICES) == [
        ("We will pass the bill this week.", "Tom Hall"),
        ("We will vote against it every time.", "Anna Berg"),
    ]
    assert len(speakers(VOICES, "v1")) == 6  # v1 returned all of them


TOP_MOMENTS = (
    "Governor Jane Roe, in an interview on Sunday, set out her plans for the coming year.\n"
    "She spoke about the budget and the schools.\n\n"
    "**Here are the moments you missed:**\n\n"
    "-   [**On the\n    budget**](https://x.com/example/status/1)**:**\n"
    "    “We balanced the budget without raising a single tax.”\n"
    "-   [**On schools**](https://x.com/example/status/2)**:** “Every school gets a nurse.”\n\n"
    "### **Background**\n\n"
    "-   [**On roads**](https://x.com/example/status/3)**:** “This line follows a heading.”\n"
)


def test_a_topic_labelled_list_item_quote_takes_the_person_of_the_lead():
    assert speakers(TOP_MOMENTS) == [
        ("We balanced the budget without raising a single tax.", "Jane Roe"),
        ("Every school gets a nurse.", "Jane Roe"),
    ]
    assert speakers(TOP_MOMENTS, "v1") == []


HEARD = (
    "Governor Jane Roe spoke in Albany last night.\n\n"
    "Today the bill goes to the floor.  And you heard from Governor Jane Roe directly that,"
    " “We will not sign a budget that cuts the schools.”\n\n"
    "The clerk read the notice.  And you heard this from Tom Hall — “The vote is at noon"
    " sharp.”\n"
)


def test_the_person_heard_from_is_the_speaker():
    found = speakers(HEARD)
    assert found[:1] == [("We will not sign a budget that cuts the schools.", "Jane Roe")]
    assert ("The vote is at noon sharp.", "Tom Hall") not in found  # he passed the words on
    assert speakers(HEARD, "v1") == []


BOLD_SHOWS = (
    "Officials took to the networks this morning.\n\n"
    "**Here’s what you missed:  \n  \nGovernor Jane Roe on Full Measure**\n\n"
    "-   [On the\n    budget](https://x.com/example/status/1): “We balanced the budget.”\n\n"
    "**Senator Tom Hall on Face the Nation**\n\n"
    "-   [On roads](https://x.com/example/status/2):\n    “Every road gets fixed this year.”\n"
)


def test_a_bold_line_is_a_heading_that_names_the_speaker():
    assert speakers(BOLD_SHOWS) == [
        ("We balanced the budget.", "Jane Roe"),
        ("Every road gets fixed this year.", "Tom Hall"),
    ]
    assert speakers(BOLD_SHOWS, "v1") == []
