"""Speaker rules of extractor v2 on small written documents (v1 kept as it was)."""

from stance.extract.extractor import extract_quotes

OPENING = "“We will win this race easily,” said Tom Baker.\n\n"


def speakers(text: str, version: str = "v2") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, version=version)]


def test_quote_inside_a_sentence_takes_its_subject_not_the_previous_speaker():
    text = OPENING + (
        "Anna Berg, the city's mayor, compared the plan to a house that is "
        "“built on sand and bound to fall.”\n"
    )
    assert speakers(text)[1] == ("built on sand and bound to fall.", "Anna Berg")
    assert speakers(text, "v1")[1][1] == "Tom Baker"  # v1 carried the previous speaker


def test_subject_after_a_leading_clause_and_a_pronoun_subject():
    clause = OPENING + "In recent weeks, Anna Berg has branded the plan “a house built on sand.”\n"
    assert speakers(clause)[1] == ("a house built on sand.", "Anna Berg")
    pronoun = OPENING + (
        "Anna Berg spoke next. She compared the plan to “a house built on sand.”\n"
    )
    assert speakers(pronoun)[1][1] == "Anna Berg"


def test_no_person_subject_leaves_the_quote_to_earlier_rules():
    text = OPENING + "A Times article hailed the plan as “a house built on rock.”\n"
    quote = extract_quotes(text)[1]
    assert (quote.speaker, quote.method) == ("Tom Baker", "continuation")


def test_pronoun_antecedent_is_the_subject_not_the_first_name_in_the_sentence():
    text = (
        "In an interview with Rusty Humphries, Norman Ham made it clear that he had doubts.\n\n"
        "“It was demoralizing to work there,” he told the host.\n"
    )
    assert speakers(text) == [("It was demoralizing to work there", "Norman Ham")]
    assert speakers(text, "v1")[0][1] == "Rusty Humphries"


def test_a_verb_first_clause_without_a_quote_names_the_next_pronoun_speaker():
    text = (
        "“Debates rarely matter,” said Sean Spicer.\n\n"
        "They happen late in the campaign, noted Dante Chinni.\n\n"
        "“By then most voters have decided,” he wrote.\n"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Sean Spicer", "Dante Chinni"]
    assert extract_quotes(text, version="v1")[1].speaker == "Sean Spicer"


def test_a_name_after_a_verb_and_a_lower_case_description_is_the_speaker():
    text = (
        "Tom Baker spoke first.\n\n“They are all wrong about it,” said 9/11 widow Terry Strada.\n"
    )
    assert speakers(text) == [("They are all wrong about it", "Terry Strada")]
    assert speakers(text, "v1") == []  # v1 read no speaker there


def test_a_clause_word_is_not_taken_for_the_speaker():
    text = OPENING + "After saying it was “so bad that nobody could read it,” the crowd left.\n"
    assert speakers(text)[1] == ("so bad that nobody could read it", "Tom Baker")
    assert speakers(text, "v1")[1][1] == "After"  # v1 took the clause word


def test_speaker_after_the_quote_past_a_long_apposition():
    text = (
        "“It has the important virtue of being fiscally responsible,” Leonard E. Burman, "
        "director of the centrist Tax Policy Center and a professor at the Maxwell School of "
        "Syracuse University, said of the plan.\n"
    )
    assert speakers(text)[0][1] == "Leonard E. Burman"
    assert speakers(text, "v1") == []


def test_a_surname_finds_the_name_after_a_run_of_titles():
    text = OPENING + (
        "Senate Minority Leader Harry Reid spoke on Monday.\n\n"
        "In recent weeks, Reid has gone after the plan as “a leech that will bleed the country.”\n"
    )
    assert speakers(text)[1] == ("a leech that will bleed the country.", "Harry Reid")


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


PLEDGE = (
    "Q    Can I ask you about the “foreign influence law” in that country?\n\n"
    "MS. BERG:  We will see.\n\n"
    "Q    Senator Tom Hall made a pledge last night to pass, quote, “no new taxes this year.”"
    "  Will the President sign that?\n\n"
    "MS. BERG:  He will.\n"
)


def test_a_question_label_is_skipped_to_the_sentence_subject():
    quotes = [q for q in extract_quotes(PLEDGE, kind="transcript") if q.kind == "quote"]
    assert [(q.text, q.speaker) for q in quotes] == [("no new taxes this year.", "Tom Hall")]
    v1 = extract_quotes(PLEDGE, kind="transcript", version="v1")
    assert [q for q in v1 if q.kind == "quote"] == []


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
