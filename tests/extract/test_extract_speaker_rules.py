"""Speaker rules of issue 16 (from its second round on; descriptions and non-persons taken
for the speaker among them), each on a small written document, checked with and without its
`Rules` field (the rest of v2 on)."""

import pytest

from stance.extract.extractor import extract_quotes

OPENING = "“We will win this race easily,” said Tom Baker.\n\n"


CASES = {
    "a name closing an apposition before the verb": (
        "apposed_subjects",
        "On Wednesday, after meeting Anna Berg, the director of the agency, James B. Comey, "
        "said that the messages involved “direct, private messages.”\n",
        ("James B. Comey", "Anna Berg"),
    ),
    "a name before an age, for the next quote": (
        "apposed_subjects",
        "Carlos Regalado, 69, said he had been flooded with angry email. “Sometimes they "
        "tell us to go back to our country.”\n",
        ("Carlos Regalado", "69"),
    ),
    "the person named before a subject-less speech verb": (
        "verb_subjects",
        "It was a potent punch, as Anna Berg echoed the criticism, saying the plan would "
        "“fall apart within a year.”\n",
        ("Anna Berg", "Tom Baker"),
    ),
    "the latest person for a description that names nobody": (
        "latest_described",
        "Donald Trump spoke to reporters in Iowa.\n\n“There should be a lot of systems,” "
        "the businessman replied.\n",
        ("Donald Trump", "the businessman"),
    ),
    "a name apposed to a description of the speaker": (
        "named_appositions",
        "“He deserved it,” his old friend, John McGraw, told a television program.\n",
        ("John McGraw", "his old friend"),
    ),
    "a phrase that a name modifies": (
        "modifier_names",
        "Hillary Clinton spoke in Iowa.\n\n“It is a desperate move,” the Clinton campaign said.\n",
        ("the Clinton campaign", "Hillary Clinton"),
    ),
    "the organisation that spoke before a description of it": (
        "organisation_descriptions",
        "Acme Widgets confirmed the recall on Friday. “We regret the trouble caused,” "
        "the company said.\n",
        ("Acme Widgets", "the company"),
    ),
    "an organisation opening the sentence before, not a person after it": (
        "organisation_descriptions",
        "The Harbor Trust declined to comment, telling Anna Berg that the work goes on.\n\n"
        "“We will rebuild the pier,” the group said.\n",
        ("Harbor Trust", "the group"),
    ),
    "the latest person for a role that names no one": (
        "role_descriptions",
        "Anna Berg spoke in Ohio on Monday.\n\n“We will win,” the presumptive Democratic "
        "presidential nominee said.\n",
        ("Anna Berg", "the presumptive Democratic presidential nominee"),
    ),
    "the person a role after a state stands for": (
        "place_roles",
        "Anna Berg spoke in Ohio on Monday.\n\n“We will win,” the Ohio senator said.\n",
        ("Anna Berg", "the Ohio senator"),
    ),
    "the person a role after a state titles, not the latest one": (
        "place_roles",
        "Texas Senator Tom Hill spoke first.\n\nAnna Berg spoke in Ohio on Monday.\n\n“We "
        "will win,” the Texas senator said.\n",
        ("Tom Hill", "the Texas senator"),
    ),
    "a role after a state titles a name only where that state stands by it": (
        "place_titles",
        "Vermont Senator Tom Hill spoke first.\n\nAnna Berg spoke in Ohio on Monday.\n\n“We "
        "will win,” the Texas senator said.\n",
        ("Anna Berg", "Tom Hill"),
    ),
    "the latest person for a role a chamber modifies, not the chamber": (
        "institution_roles",
        "Anna Berg spoke in Ohio on Monday.\n\n“We will win,” the Senate minority leader said.\n",
        ("Anna Berg", "Senate"),
    ),
    "the nearest name 'President' titles, not a body's president": (
        "titled_bearers",
        "Anna Berg met World Bank President Jim Kim and President Tom Hill on Monday.\n\n“We will "
        "win,” the president said.\n",
        ("Tom Hill", "Anna Berg"),
    ),
    "a speech clause that ends the sentence after the quote": (
        "closing_clauses",
        "Anna Berg spoke in Ohio.\n\nCarl Dunn said the boycott calls were small. Giving was "
        "“flat for a month” as donors waited, he said.\n",
        ("Carl Dunn", "the boycott"),
    ),
    "a pronoun passing over an organisation and a day": (
        "person_antecedents",
        "Anna Berg spoke in Ohio.\n\nThe Tax Foundation said the plan was costly. Friday said "
        "it all.\n\nShe said the plan would “work out well in the end.”\n",
        ("Anna Berg", "Friday"),
    ),
    "a name after description words before the verb that follows the quote": (
        "described_before",
        "“We will cut the tax,” former state senator Anna Berg said.\n",
        ("Anna Berg", "Tom Baker"),
    ),
    "the name after a description that the subject only modifies": (
        "modified_subjects",
        "Former Baker spokesman Carl Dunn derided the plan as “a total waste of money.”\n",
        ("Carl Dunn", "Tom Baker"),
    ),
    "the subject of the sentence before, which holds no speech verb": (
        "narrative_before",
        "Anna Berg toured the bus depot on Monday. “We need more buses on the road.”\n",
        ("Anna Berg", "Tom Baker"),
    ),
    "a name apposed to someone's role": (
        "owned_heads",
        "“We will hold the state,” Baker’s campaign manager, Carl Dunn, told reporters.\n",
        ("Carl Dunn", "Baker’s campaign manager"),
    ),
    "the subject before a party and state tag": (
        ("party_tags", "clause_subjects"),  # the parse finds the subject too
        "Asked about an ad by Tom Baker with a dog, a cat and a horse, Sen. Anna Berg (D-Ohio) "
        "said the plan was “a total waste of money.”\n",
        ("Anna Berg", "Tom Baker"),
    ),
    "a name and a colon after a role, right before the quote": (
        "colon_names",
        "The result did not surprise Ohio pollster Anna Berg: “We saw it coming for months.”\n",
        ("Anna Berg", "Tom Baker"),
    ),
    "a phrase that a name modifies, with two lower-case words": (
        "modifier_phrases",
        "“We will not comment on the poll,” a Baker campaign spokesman said.\n",
        ("a Baker campaign spokesman", "Tom Baker"),
    ),
    "the subject of the clause a participle hangs from": (
        ("clause_subjects", "parsed_subjects"),  # the pronoun rule finds the subject too
        "Anna Berg offered the crowd an emotional evaluation as she ended her bid.\n\nThe Ohio "
        "senator sought to calm her supporters, and took a heckler in stride, saying the "
        "person would “not get beat up” at her rally, a swipe at Carl Dunn.\n",
        ("Anna Berg", "Carl Dunn."),
    ),
    "the subject of the outer speech verb": (
        "outer_speakers",
        "At one point, Anna Berg said Acme executives were calling “every 15 minutes.”\n",
        ("Anna Berg", "Acme executives"),
    ),
    "the subject of the outer speech verb, not of the clause it governs": (
        "outer_speakers",
        "Rep. Anna Berg said Carl Dunn called on members to be “closely coordinated.”\n",
        ("Anna Berg", "Carl Dunn"),
    ),
    "the parsed subject of the speech verb past an apposition holding a name": (
        "parsed_verb_subjects",
        "Anna Berg, the editor in chief of the city's official newspaper, The Daily Ledger, "
        "said every mayor was “both religious and political.”\n",
        ("Anna Berg", "Daily Ledger"),
    ),
    "a name and an unlisted verb that close the clause after the quote": (
        "closing_verbs",
        "Anna Berg asked about the polls. “I would say this,” Carl Dunn answered.\n",
        ("Carl Dunn", "Anna Berg"),
    ),
    "the first of two coordinated roles, a place role": (
        "coordinated_roles",
        "Sen. Anna Berg spoke on Tuesday. “We must act now,” the Florida senator and "
        "Republican presidential candidate said.\n",
        ("Anna Berg", "Florida"),
    ),
    "a name and an unlisted verb with a colon before the quote": (
        "opening_verbs",
        "Anna Berg spoke first. And Carl Dunn gloated: “I told you so.”\n",
        ("Carl Dunn", "Tom Baker"),
    ),
    "a role after a nationality, resolved like a role": (
        "nationality_roles",
        "Anna Berg spoke in Moscow on Monday.\n\n“We will win,” the Russian leader said.\n",
        ("Anna Berg", "the Russian leader"),
    ),
    "a preposition's object before a participle is no subject": (
        ("preposition_objects", "object_mentions"),  # either reads the subject
        "Anna Berg spent the day yelling at voters on their way into the polls saying “Vote "
        "for me.”\n",
        ("Anna Berg", "the polls"),
    ),
    "a preposition's object in the sentence before is no subject": (
        "preposition_objects",
        "Anna Berg also commented on the news business, remarking on cable. “There is not "
        "enough room for three.”\n",
        ("Anna Berg", "the news business"),
    ),
    "a person's description with no agent suffix": (
        "person_descriptions",
        "Anna Berg spoke in Ohio on Monday.\n\n“We will win,” the retired neurosurgeon said.\n",
        ("Anna Berg", "the retired neurosurgeon"),
    ),
    "an age, given to a name before": (
        "person_descriptions",
        "Anna Berg, 46, took the stage. Carl Dunn spoke next.\n\n“We will win,” said the "
        "46-year-old.\n",
        ("Anna Berg", "the 46-year-old"),
    ),
    "a titled subject of a name the index does not know, for a later he": (
        "titled_subjects",
        "Secretary Vantrel addressed this last year, where he said that, “The valley is "
        "important to our security.”\n",
        ("Vantrel", "Tom Baker"),
    ),
    "the clause's subject, not a preposition's object before a gerund": (
        "object_mentions",
        "Anna Berg incurred a wave of boos upon saying, “the plan will fall apart within a "
        "year.”\n",
        ("Anna Berg", "a wave of boos upon"),
    ),
    "the clause's subject, not the object of the verb before a coordinated one": (
        "object_mentions",
        "Carl Dunn spoke in Ohio.\n\nHe criticized Clinton’s track record said she “isn’t "
        "going to straight it out” over the next four years if elected president.\n",
        ("Carl Dunn", "Clinton’s track record"),
    ),
    "a cue after a quote that closes on a comma after an abbreviation's full stop": (
        "comma_closes",
        "Anna Berg said the networks were doing fine.\n\n“We don’t think there is room for "
        "four networks in the U.S.,” Carl Dunn said.\n",
        ("Carl Dunn", "Anna Berg"),
    ),
    "a cue read past a quoted phrase in an apposition": (
        "quoted_asides",
        "“We have had better conventions than this one,” Texas delegate Carl Dunn, wearing "
        "“Vote Berg” pins, said as confetti fell.\n",
        ("Texas delegate Carl Dunn", "Tom Baker"),
    ),
    "a one-word name subject of the clause a participle hangs from": (
        "clause_surnames",
        "At the debate on Sunday, Vantrel compared himself to Anna Berg, saying, “I don’t take "
        "fees from banks.” Vantrel spoke for an hour.\n",
        ("Vantrel", "Anna Berg"),
    ),
    "the subject of a finite verb the walk back from a participle took in": (
        "verb_mentions",
        "Carl Dunn, the Vermont senator, spoke in Ohio on Monday.\n\nThe Vermont senator "
        "emailed supporters saying: “The struggle continues for all of us.”\n",
        ("Carl Dunn", "Vermont"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_names_the_speaker_and_without_it_another(case, without):
    rule, text, (right, wrong) = CASES[case]
    assert extract_quotes(OPENING + text)[1].speaker == right
    assert without(rule, OPENING + text)[1].speaker == wrong


def test_a_name_particle_is_a_whole_word_in_the_resolved_mention(without):
    text = OPENING + "Anna Berg also backed the plan -- “a fair deal for the whole town.”\n"
    assert extract_quotes(text)[1].mention == "Anna Berg"
    assert without("resolver_particles", text)[1].mention == "Anna Berg al"


def test_a_short_quote_with_a_speech_verb_of_a_named_group_is_kept(without):
    text = OPENING + "The Clinton campaign called it “desperate” on Monday.\n"
    assert extract_quotes(text)[1].text == "desperate"
    assert len(without("modifier_names", text)) == 1
