"""End-to-end extraction on small texts of each kind."""

from stance.extract.extractor import Quote, extract_quotes
from tests.extract.conftest import REMARKS


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
    kept = extract_quotes(text, keep_unattributed=True, version="v1")
    assert [q.text for q in kept] == ["Gone With the Wind"]  # v2 `title_spans` drops it
    assert extract_quotes(text, keep_unattributed=True) == []
    kept = extract_quotes(text, min_words=1, keep_unattributed=True, version="v1")
    assert [q.text for q in kept] == ["deal", "bad idea", "Gone With the Wind"]
    kept = extract_quotes(text, min_words=1, keep_unattributed=True)
    assert [q.text for q in kept] == ["deal", "bad idea"]


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


def test_nested_quote_is_its_own_quote_with_speaker_and_parent():
    text = (
        "“The President told me, ‘We will not back down from this fight,’ and he meant it,” "
        "Jen Psaki said on Monday."
    )
    quotes = extract_quotes(text, roles={"president": "Joe Biden"})
    check_offsets(text, quotes)
    outer, inner = quotes
    assert outer.speaker == "Jen Psaki" and outer.parent is None
    assert inner.text == "We will not back down from this fight"
    assert inner.speaker == "Joe Biden" and inner.parent == outer.char_start
    assert [q.text for q in extract_quotes(text, version="v1")] == [outer.text]


def test_transcript_turns_and_the_quotes_inside_them():
    text = (
        "MS. PSAKI:  Good afternoon. I spoke with the President today.\n\n"
        "Q    Did he say anything about Kyiv?\n\n"
        "MS. PSAKI:  He did. Volodymyr Zelenskyy told him, “We need air defense right now,” and "
        "the President agreed.\n\n"
        "MR. KIRBY:  Yes. We are sending more.\n"
    )
    quotes = extract_quotes(text, names_text="Jen Psaki and John Kirby")
    check_offsets(text, quotes)
    inner = [q for q in quotes if q.kind == "quote"]
    assert [(q.text, q.speaker) for q in inner] == [
        ("We need air defense right now", "Volodymyr Zelenskyy")
    ]
    turns = [q for q in quotes if q.kind == "turn"]
    assert {q.speaker for q in turns} == {"Jen Psaki", "John Kirby"}
    assert not [q for q in extract_quotes(text, version="v1") if q.kind == "quote"]


def test_cueless_quote_takes_the_speaker_of_the_sentence_before():
    text = (
        "“We have done everything we could for them,” Anna Berg said.\n"
        "Her rival, Tom Hall, said the plan would fail. “It is a waste of time and money.”\n"
        "“And it will cost jobs,” said Carl Rossi. “Nobody wants that outcome here.”\n"
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.method) for q in quotes] == [
        ("Anna Berg", "subject-verb"),
        ("Tom Hall", "previous-sentence"),
        ("Carl Rossi", "after-verb"),
        ("Carl Rossi", "continuation"),
    ]
    assert extract_quotes(text, version="v1")[1].speaker == "Anna Berg"  # the old error


def test_non_person_speakers_are_rejected():
    text = (
        "Maria Lopez spoke first.\n"
        "“We will keep the border open for all trade,” a statement said on Tuesday.\n"
        "While Lopez said little more, “the talks are over for this year,” she added.\n"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Maria Lopez"]  # no person for one
    assert [q.speaker for q in extract_quotes(text, version="v1")] == [
        "a statement",
        "Maria Lopez",
    ]


def test_short_quotes_need_a_named_speaker_and_a_verb():
    text = (
        "Senator Ann Reed called the deal “shameful” on Monday.\n"
        "The so-called “reform” passed anyway.\n"
        "Officials said it was “fine”.\n"
    )
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [("shameful", "Ann Reed")]
    assert extract_quotes(text, version="v1") == []


def test_v2_reads_a_statement_quoted_over_paragraphs_without_reopening_marks():
    text = (
        "Press secretary Anna Berg spoke to reporters.\n\nSo, as the President said:\n\n"
        "“We welcome the announcement of a ceasefire.\n\nThe United States worked with "
        "officials from the region.\n\nWe support a thorough investigation.”\n\nNext question."
    )
    quotes = [
        q for q in extract_quotes(text, roles={"president": "Joe Biden"}) if q.kind == "quote"
    ]
    assert len(quotes) == 1 and quotes[0].speaker == "Joe Biden"
    assert quotes[0].text.endswith("We support a thorough investigation.")
    assert len(quotes[0].pieces) == 3
    old = extract_quotes(text, roles={"president": "Joe Biden"}, version="v1")
    assert [q.text for q in old] == ["We welcome the announcement of a ceasefire."]


def test_v2_takes_the_object_of_quote_as_the_speaker():
    text = (
        "MS. BERG:  I have nothing more on that.\n\n"
        "And I’ll quote the President: “He and I have trust. We have a great relationship.”\n\n"
        "To quote Senator Jane Doe, “we must act now on this.”"
    )
    roles = {"president": "Joe Biden"}
    quotes = [q for q in extract_quotes(text, roles=roles, kind="article") if q.kind == "quote"]
    assert [(q.speaker, q.cue) for q in quotes] == [("Joe Biden", "quote"), ("Jane Doe", "quote")]
    assert extract_quotes(text, roles=roles, kind="article", version="v1") == []


UNPAIRED = (  # lines of non-breaking spaces part its turns: one paragraph
    "Press Briefing by Press Secretary Anna Berg\n\n"
    "MS. BERG:  And why would the Speaker — “threaten default?  Why would he do this?\n \xa0 \n"
    "Q    And a follow-up on the budget.  When does the money run out?\n \xa0 \n"
    "MS. BERG:  Senator Tom Hall said they would “cut the programs that families need,” and "
    "we disagree.\n"
)


def test_v2_an_unpaired_quote_mark_ends_at_the_next_speaker_label():
    quotes = [q for q in extract_quotes(UNPAIRED, keep_unattributed=True) if q.kind == "quote"]
    check_offsets(UNPAIRED, quotes)
    assert [q.text for q in quotes] == [
        "threaten default?  Why would he do this?",
        "cut the programs that families need",
    ]
    old = extract_quotes(UNPAIRED, keep_unattributed=True, version="v1")
    assert "Q    And a follow-up" in old[0].text  # v1 ran on over the turns


NAMED_PLANS = [
    "Senator Tom Hall told “Face the Nation” on Sunday that the plan is sound.",
    "Japan joins through its new “Official Security Assistance” framework, Tom Hall said.",
    "Tom Hall said, “We will fund the plan this year.”  Asked again, he said, “Watch.”",
]


def test_v2_quoted_names_of_plans_and_shows_are_not_quotes():
    text = "\n\n".join(NAMED_PLANS)
    assert [q.text for q in extract_quotes(text)] == ["We will fund the plan this year.", "Watch."]
    assert len(extract_quotes(text, version="v1")) == 3  # v1 kept both names


def test_i_said_in_a_labelled_speech_is_the_labels_speaker(without):
    speech = (
        "THE PRESIDENT:  Thank you.  I met the Prime Minister last week.  I said, “We will "
        "stand with you as long as it takes.”  And we will.\n\n"
        "Q    Mr. President, will you call him?\n"
    )
    roles = {"president": "Joe Biden"}
    (quote,) = [q for q in extract_quotes(speech, roles=roles) if q.kind == "quote"]
    assert quote.speaker == "Joe Biden"
    bare = [q for q in without("labelled_first_person", speech, roles=roles) if q.kind == "quote"]
    assert [q.speaker for q in bare] == [None]
    headline = "Ukraine: the latest\n\nI said, “We will stand with you as long as it takes.”\n"
    assert [q.speaker for q in extract_quotes(headline) if q.kind == "quote"] == [None]


def test_remarks_that_take_questions_give_the_speakers_turns_as_units(without):
    roles = {"president": "Joe Biden"}
    turns = [q for q in extract_quotes(REMARKS, roles=roles) if q.kind == "turn"]
    assert turns and {q.speaker for q in turns} == {"Joe Biden"}
    assert "keep helping Ukraine" in turns[0].text
    assert not [q for q in without("questioned_speeches", REMARKS, roles=roles) if q.kind == "turn"]


BRIEFING_2024 = (  # one space after "Q", as later briefings write it
    "MS. JEAN-PIERRE: Good afternoon, everyone.\n\n"
    "Q When the president was in Italy, he skipped a dinner, and you said, “We should not "
    "read too much into that one dinner.” Do you stand by that?\n\n"
    "MS. JEAN-PIERRE: I do. He was working with his team that evening.\n\n"
    "Q Thanks, Karine.\n\n"
    "MS. JEAN-PIERRE: Thank you all.\n"
)


def test_a_question_label_with_one_space_opens_a_question_turn(without):
    units = extract_quotes(BRIEFING_2024)
    turns = [q for q in units if q.kind == "turn"]
    assert turns and not [q for q in turns if "skipped a dinner" in q.text]
    (quote,) = [q for q in units if q.kind == "quote"]
    assert quote.speaker == "Jean-Pierre"  # 'you' in a question: the one who answers
    bare = without("single_space_questions", BRIEFING_2024)
    assert [q.speaker for q in bare if q.kind == "quote"] == [None]
    # without it: one named speaker and no question turn, so an article with no turn units
    assert not [q for q in bare if q.kind == "turn"]
    # and with a second speaker, the question ran on in the answer before it, as hers
    two = BRIEFING_2024.replace("Q Thanks", "MR. KIRBY: Thanks, Karine.\n\nQ Thanks")
    asked = [q.text for q in without("single_space_questions", two) if q.kind == "turn"]
    assert any("skipped a dinner" in text for text in asked)


GAGGLE = (
    "THE PRESIDENT: Hello, everybody.\n\n"
    "Q Mr. President, the Senate leader said this morning that the aid package for Ukraine "
    "would not pass this year without changes at the border. Will you make those changes?\n\n"
    "THE PRESIDENT: No.\n\n"
    "Q Sir, some of your own party say that you should have called the Speaker before the "
    "vote last week. Will you call him today, or will you wait?\n\n"
    "THE PRESIDENT: I will call him.\n\n"
    "Q And on the border, sir?\n\n"
    "THE PRESIDENT: Later.\n"
)


def test_a_gaggle_of_long_questions_and_short_answers_is_a_transcript(without):
    roles = {"president": "Joe Biden"}
    turns = [q for q in extract_quotes(GAGGLE, roles=roles) if q.kind == "turn"]
    assert [q.text for q in turns] == ["Hello, everybody.", "No.", "I will call him.", "Later."]
    assert {q.speaker for q in turns} == {"Joe Biden"}
    assert not [q for q in without("asked_cover", GAGGLE, roles=roles) if q.kind == "turn"]


def test_he_in_a_turn_is_not_its_own_speaker(without):
    text = (
        "MS. JEAN-PIERRE: Ian Sams, our spokesman, is here to take your questions.\n\n"
        "Q Robert Hur wrote a long report about the documents.\n\n"
        "MR. SAMS: Thanks. I said, “Read all of it, every page.” Later in the report, he "
        "says, “We expect the evidence to be compelling.”\n\n"
        "Q Okay.\n\n"
        "MR. SAMS: I saw that.\n"
    )
    assert [q.speaker for q in extract_quotes(text) if q.kind == "quote"] == [
        "Ian Sams",
        "Robert Hur",
    ]
    bare = [q.speaker for q in without("not_self", text) if q.kind == "quote"]
    assert bare == ["Ian Sams", "Ian Sams"]  # a speaker is no 'he' to himself


def test_he_in_a_question_is_not_the_one_asked(without):
    text = (
        "MS. JEAN-PIERRE: Ian Sams, our spokesman, is here to take your questions.\n\n"
        "MR. SAMS: Thanks. The special counsel, Robert Hur, wrote a long report. I said, “Read "
        "all of it, every page.” Later in the report, he says, “We expect the evidence to be "
        "compelling.”\n\n"
        "Q Benjamin Netanyahu spoke this morning about Iran.\n\n"
        "MR. SAMS: I said, “Not today, not on that.”\n\n"
        "Q Yeah, well, he said, “When Israel fights Hamas, we are fighting Iran.”\n\n"
        "MR. SAMS: I saw that.\n"
    )
    speakers = [q.speaker for q in extract_quotes(text) if q.kind == "quote"]
    assert speakers == ["Ian Sams", "Robert Hur", "Ian Sams", "Benjamin Netanyahu"]
    bare = [q.speaker for q in without("not_self", text) if q.kind == "quote"]
    assert bare[3] == "Ian Sams"  # the one asked, who answers next: he would be 'you'


def test_a_negated_verb_is_no_name():
    from stance.extract.shapes import clean_name

    assert clean_name("Isn’t U.") is None and clean_name("Didn't Smith") is None
    assert clean_name("Conan O’Brien") == "Conan O’Brien"
