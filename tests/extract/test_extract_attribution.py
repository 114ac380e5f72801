"""Speaker rules of extractor v2 on small written documents (v1 kept as it was)."""

from stance.extract.extractor import extract_quotes

OPENING = "“We will win this race easily,” said Tom Baker.\n\n"


def speakers(text: str, version: str = "v2") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(text, version=version)]


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
