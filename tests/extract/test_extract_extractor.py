"""End-to-end extraction on small texts of each kind."""

from stance.extract.extractor import Quote, extract_quotes


def check_offsets(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.char_start : quote.char_end] == quote.text


def test_article_quotes_with_speakers_and_offsets():
    text = (
        "Jane Doe, the minister, spoke on Monday.\n"
        "“We will not give up on this,” Ms Doe said. “Never, not ever.”\n"
        "John Roe told reporters the plan was “a dangerous fantasy”.\n"
    )
    quotes = extract_quotes(text, doc_id="d1", link="http://x")
    check_offsets(text, quotes)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not give up on this", "Jane Doe"),
        ("Never, not ever.", "Jane Doe"),
        ("a dangerous fantasy", "John Roe"),
    ]
    assert quotes[1].method == "continuation"
    assert {q.doc_id for q in quotes} == {"d1"} and quotes[0].link == "http://x"


def test_scare_quotes_and_unattributed_quotes_are_dropped():
    text = "The so-called “deal” was a “bad idea” for all.\nThe film “Gone With the Wind” aired."
    assert extract_quotes(text) == []
    kept = extract_quotes(text, keep_unattributed=True)
    assert [q.text for q in kept] == ["Gone With the Wind"]
    assert [q.text for q in extract_quotes(text, min_words=1, keep_unattributed=True)] == [
        "deal",
        "bad idea",
        "Gone With the Wind",
    ]


def test_furniture_is_not_quoted():
    text = "Your support helps us.\n“Donate now and help us keep going,” we ask.\n" + (
        "Your support makes all the difference.“Real quote here today,” Ann Lee said."
    )
    assert [q.text for q in extract_quotes(text)] == ["Real quote here today"]


def test_transcript_turns_become_units_of_three_sentences():
    text = (
        "Intro line. Vladimir Putin: One. Two. Three. Four. Question: Why? Dmitry Peskov: Because."
    )
    quotes = extract_quotes(text, kind="transcript")
    check_offsets(text, quotes)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Vladimir Putin", "One. Two. Three."),
        ("Vladimir Putin", "Four."),
        ("Dmitry Peskov", "Because."),
    ]


def test_white_house_roles_resolve_the_president():
    text = "THE PRESIDENT:  We stand with Ukraine.\n\nQ    And Russia?\n\nMR. KIRBY:  Yes."
    quotes = extract_quotes(
        text, kind="transcript", roles={"president": "Joe Biden"}, names_text="John Kirby"
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Joe Biden", "We stand with Ukraine."),
        ("John Kirby", "Yes."),
    ]


def test_address_whole_body_is_default_speaker():
    text = "Good evening. We fight. We win. Glory to Ukraine!"
    quotes = extract_quotes(text, kind="address", default_speaker="Volodymyr Zelenskyy")
    check_offsets(text, quotes)
    assert [q.text for q in quotes] == ["Good evening. We fight. We win.", "Glory to Ukraine!"]
    assert {q.speaker for q in quotes} == {"Volodymyr Zelenskyy"}


def test_post_with_label_and_inline_quote():
    text = (
        "Sergey Lavrov said the talks were “not going anywhere at all”.\n \n"
        "💬 Maria Zakharova: The West is lying. Again."
    )
    quotes = extract_quotes(text, kind="post")
    check_offsets(text, quotes)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Sergey Lavrov", "not going anywhere at all"),
        ("Maria Zakharova", "The West is lying. Again."),
    ]
