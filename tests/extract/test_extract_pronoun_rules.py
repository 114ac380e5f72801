"""Pronoun rules of issue 16's third round ('he' / 'she' resolved to the wrong person), each
on a small written document, checked with and without its `Rules` field (the rest of v2 on)."""

import pytest

from stance.extract.extractor import extract_quotes

CASES = {
    "a sentence's subject before a name in its leading phrase": (
        "subject_pronouns",
        "Soon after the murder of Jacques Hamel in Normandy, Anna Berg asserted that the town "
        "had changed: “Our town is no longer the town we knew,” she claimed.\n",
        ("Anna Berg", "Jacques Hamel"),
    ),
    "a surname whose full name stands before a possessive": (
        "word_particles",
        "Count former President Felipe Calderon among Donald Trump’s detractors.\n\n"
        "Trump has not yet responded to Calderon’s remarks.\n\n“We will build the wall "
        "and it will be beautiful,” he said.\n",
        ("Donald Trump", "Felipe Calderon"),
    ),
    "the subject of a transitive speech verb, not its object": (
        "inverting_verbs",
        "John Hale, who leads in delegates, mocked Tom Baker for “having a tough night.”\n\n"
        "And he said that the race was “far from over in every state.”\n",
        ("John Hale", "Tom Baker"),
    ),
    "a speaker described by a place, not the place": (
        "described_events",
        "Tom Baker, the Ohio governor, met Jane Hill at noon.\n\nThe Ohio governor said "
        "the state was ready.\n\n“We will win in November,” he said.\n",
        ("Tom Baker", "Ohio"),
    ),
    "an opening preposition, not part of a name": (
        "lead_words",
        "Ann Lee spoke to reporters on Monday.\n\nRegarding Hale’s speech, she had little to "
        "add. “It was a fine speech,” she said.\n",
        ("Ann Lee", "Regarding Hale"),
    ),
    "a given name that says the gender": (
        "more_given_names",
        "Megyn Hale introduced the speaker.\n\nNewt Baker took the stage.\n\n“We will win "
        "in November,” she said.\n",
        ("Megyn Hale", "Newt Baker"),
    ),
    "a name the text also uses as a place": (
        "place_antecedents",
        "Tom Baker has played golf at Boca West for years.\n\nBoca West opened in 1980 and "
        "now has a waiting list.\n\n“It is a home run,” he said.\n",
        ("Tom Baker", "Boca West"),
    ),
    "a name the text also uses after 'the'": (
        "place_antecedents",
        "Tom Baker leads the Pacific Command.\n\nPacific Command ships sailed on Monday.\n\n"
        "“It is good that my voice is low,” he said.\n",
        ("Tom Baker", "Pacific Command"),
    ),
    "a person named only in a leading 'To X,' phrase": (
        ("intro_phrases", "mentioned_antecedents"),  # the latter also finds her, later
        "Tom Baker met Jane Hill on Monday.\n\nTo political science professor Ann Lee, "
        "Baker’s stare seemed to reflect sadness.\n\n“It looked like heartbreak,” she said.\n",
        ("Ann Lee", None),
    ),
    "a cue-less quote in a sentence opening with 'For X,'": (
        "intro_phrases",
        "Jane Hill spoke on Monday.\n\nFor Ann Lee, Tom Baker is the “best man for the job.”\n",
        ("Ann Lee", "Tom Baker"),
    ),
    "a name inside a leading phrase, not the subject": (
        "parsed_subjects",
        "Ann Lee spoke at a rally on Monday.\n\nAsked about the race in which Jane Ross faces "
        "Tom Baker, who has insulted many voters, she replied: “I do not know yet.”\n\n"
        "“It will be a close race,” she said.\n",
        ("Ann Lee", "Jane Ross"),
    ),
    "a name that only modifies the subject's noun": (
        "parsed_subjects",
        "Tom Baker spoke at a rally on Monday.\n\nThe radio host has filled his speeches "
        "about John Hale with praise.\n\n“It will be a close race,” he said.\n",
        ("Tom Baker", "John Hale"),
    ),
    "the subject before a speech verb, not the subject of what was said": (
        "closed_inversions",
        "John Hale spoke at a rally on Monday.\n\nTom Baker, who represents a rural district, "
        "said Mr. Hale had insulted farmers.\n\n“I am deeply offended,” he said.\n",
        ("Tom Baker", "John Hale"),
    ),
    "a name that opens a sentence as a noun's modifier": (
        "modifier_subjects",
        "Tom Baker owns three newspapers.\n\nJohn Hale, a strategist, said the ads were fair. "
        "The Baker papers have been standing in the way, he said, by creating a “false "
        "reality bubble.”\n",
        ("John Hale", "Tom Baker"),
    ),
    "a named person, not a later speaker that names no one": (
        "named_antecedents",
        "Tom Baker spoke to voters on Monday.\n\nAt a forum, one questioner claimed that "
        "the “forces of political correctness” had won.\n\n“You are right, we have work "
        "to do,” he said.\n",
        ("Tom Baker", "one questioner"),
    ),
    "a pronoun subject after a leading phrase, not a name inside it": (
        "phrase_names",
        "Ann Lee spoke to voters on Monday.\n\nAt an interview with Jane Ross, she said "
        "the race was “far from over.”\n",
        ("Ann Lee", "Jane Ross"),
    ),
    "the name after a description that another name modifies": (
        "modified_antecedents",
        "John Hale spoke to voters on Monday.\n\nHale consultant Tom Baker, a pollster, "
        "picked up the thread at the time. “It is a close race,” he said.\n",
        ("Tom Baker", "John Hale"),
    ),
    "the subject of a clause joined by ', but'": (
        "joined_subjects",
        "Tom Baker spoke to voters on Monday.\n\nJane Ross avoids the race with her mother, "
        "but their neighbor John Hale, 83, knows what is needed. “It will take grit,” he "
        "said.\n",
        ("John Hale", "Tom Baker"),
    ),
    "a name with a generation numeral": (
        "numbered_names",
        "Tom Baker runs a small press in Ohio.\n\nHarry Lee III is eager to get the book "
        "out.\n\n“Time is short,” he said.\n",
        ("Harry Lee III", "Tom Baker"),
    ),
    "a given name after a title, not a place before it": (
        "titled_genders",
        "“We will win,” said Tom Baker.\n\nVirginia Gov. Terry Hale signed the order on "
        "Friday.\n\n“This is a day for "
        "celebration,” he said.\n",
        ("Virginia Gov. Terry Hale", "Tom Baker"),
    ),
    "a surname's full name from the body, not from a title-case headline": (
        "headline_names",
        "Tom Hale Blasts Critics on Tax Plan\n\nTom Hale spoke in Ohio.\n\n“We will win,” Hale "
        "said.\n",
        ("Tom Hale", "Tom Hale Blasts Critics"),
    ),
    "a person named only inside a clause, for a 'she' no subject resolves": (
        "mentioned_antecedents",
        "When Jane Okafor learned of the rally, she printed two signs.\n\nThe moment that "
        "Ms. Okafor held up her signs, the crowd tore them away, she said.\n\n“Did I enjoy "
        "that? No,” she said.\n",
        ("Jane Okafor", None),
    ),
    "an 'it' whose sentence before has a body for its subject": (
        "body_subjects",
        "Tom Baker met the board on Monday.\n\nThe Harbor Times reported that Baker would run "
        "again. It added, “The race is wide open.”\n",
        ("Harbor Times", None),
    ),
    "an 'it' whose own sentence has a body for its subject": (
        "body_subjects",
        "The Harbor Council on Friday condemned the plan as what it called “a threat to the "
        "town.”\n",
        ("Harbor Council", None),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_and_without_it_another(case, without):
    rule, text, (right, wrong) = CASES[case]
    assert extract_quotes(text)[-1].speaker == right
    assert without(rule, text)[-1].speaker == wrong


def test_a_leading_clause_with_a_number_still_reaches_the_subject(without):
    text = (
        "At Oak Hill, where it costs new members $70,000 to join, Tom Baker, the club's "
        "manager, blamed “the business of selling houses.”\n"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Tom Baker"]
    assert "Tom Baker" not in [q.speaker for q in without("number_commas", text)]
