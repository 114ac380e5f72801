"""Which extraction rules apply: one frozen set of them per extractor version.

Its own module so that the attribution and name-resolution classes can take a `Rules`
instead of one keyword argument per rule (the extractor imports them; they cannot import it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from stance.extract.shapes import QUESTION_ANY_RE, QUESTION_RE


@dataclass(frozen=True)
class Rules:
    """Which extraction rules apply; each extractor version is one frozen set of them."""

    layout: bool = field(
        metadata={"help": "Join hard-wrapped lines into paragraphs and read '' quote marks."}
    )
    nested: bool = field(
        metadata={"help": "Return single-quoted quotes inside double-quoted ones, with parent."}
    )
    turn_quotes: bool = field(
        metadata={"help": "In transcripts, return the direct quotations inside speaker turns."}
    )
    speaker_fixes: bool = field(
        metadata={"help": "Reject non-person speakers; a cue-less quote takes the speaker of "
                  "the sentence before it."}
    )  # fmt: skip
    short_quotes: bool = field(
        metadata={"help": "Keep 1-2 word quotes that have a named speaker and a speech verb."}
    )
    pronoun_gender: bool = field(
        metadata={"help": "'he' / 'she' resolve to the nearest person whose gender agrees."}
    )
    sentence_subject: bool = field(
        metadata={"help": "A quote inside a sentence with no cue of its own takes the first "
                  "person of that sentence (name or he/she) before any earlier speaker."}
    )  # fmt: skip
    subject_antecedents: bool = field(
        metadata={"help": "A sentence offers its subject-position person as the antecedent of "
                  "later pronouns, before the first person named anywhere in it."}
    )  # fmt: skip
    description_antecedents: bool = field(
        metadata={"help": "'the mayor' / 'the businessman' resolve to the nearest earlier name "
                  "they title or are apposed to; 'the woman' to the nearest woman."}
    )  # fmt: skip
    inverted_events: bool = field(
        metadata={"help": "A verb-first speech clause after a comma or quote ('..., noted "
                  "Kirby.') records its subject as a speaker for later pronouns."}
    )  # fmt: skip
    described_after: bool = field(
        metadata={"help": "'..., said 9/11 widow Terry Strada.': a name after a verb-first "
                  "cue and a few lower-case words of description is the speaker."}
    )  # fmt: skip
    right_subject: bool = field(
        metadata={"help": "'“...” of the plan, Mr. Holtz-Eakin said.': the person subject of a "
                  "speech verb after the quote, past a leading phrase or an apposition."}
    )  # fmt: skip
    titled_names: bool = field(
        metadata={"help": "The name index also reads the name after the last title word of "
                  "a capitalised run ('Senate Minority Leader Harry Reid' -> 'Harry Reid')."}
    )  # fmt: skip
    quote_verb: bool = field(
        metadata={"help": "'I'll quote the President: “...”': the object of 'quote' right "
                  "before the quote mark is its speaker."}
    )  # fmt: skip
    linked_labels: bool = field(
        metadata={"help": "'[**Name**](link): “...”': a linked bold name with a plain colon "
                  "before the quote is its speaker, like one with a bold colon."}
    )  # fmt: skip
    heading_speakers: bool = field(
        metadata={"help": "A quote that opens a list item (or follows its '[On topic](link):') "
                  "belongs to the person the nearest heading above names ('### Secretary "
                  "Rubio on Meet the Press')."}
    )  # fmt: skip
    colon_sources: bool = field(
        metadata={"help": "'So, Citigroup: “...”': a capitalised name (person or organisation) "
                  "and a colon right before the quote, at a sentence or clause start, is "
                  "its speaker."}
    )  # fmt: skip
    hypothetical_voices: bool = field(
        metadata={"help": "Drop words put in a hypothetical or generic mouth ('why not say, "
                  "“...”', 'critics who say “...”', 'when a diplomat says, “...”')."}
    )  # fmt: skip
    name_shapes: bool = field(
        metadata={"help": "No speaker is a transcript question label ('Q "
                  "Earlier'), a pronoun form ('I’m', 'What I’m' -> I, 'he’d' -> he)."}
    )  # fmt: skip
    curly_quotes: bool = field(
        metadata={"help": "A curly “ left open runs on over paragraphs up to the next curly ” "
                  "when no other mark comes first; a second curly “ in an open one starts a "
                  "new quote."}
    )  # fmt: skip
    lead_speakers: bool = field(
        metadata={"help": "A quote after a list item's topic label ('-   [**On prices**](link)"
                  "**:** “...”') with no person heading above belongs to the person subject "
                  "of the list's lead paragraph."}
    )  # fmt: skip
    label_starts: bool = field(
        metadata={"help": "A sentence that opens with a transcript question label ('Q    Roe "
                  "made a pledge to, quote, “...”') is read for its subject past the label."}
    )  # fmt: skip
    heard_from: bool = field(
        metadata={"help": "'you heard from the President directly that, “...”': the person "
                  "heard from, before the quote in its sentence, is its speaker."}
    )  # fmt: skip
    bold_headings: bool = field(
        metadata={"help": "For `heading_speakers`, a bold run that fills its lines ('**Secretary "
                  "Jane Roe on Face the Nation**') is a heading as well as a '#' line."}
)  # fmt: skip
    apposed_subjects: bool = field(
        metadata={"help": "'the director, James B. Comey, said “...”' / 'Mr. Regalado, 69, "
                  "said': the subject walk before a speech verb passes an apposition's "
                  "closing comma or an age."}
    )  # fmt: skip
    verb_subjects: bool = field(
        metadata={"help": "A quote after a subject-less speech verb of its own sentence "
                  "('..., Mrs. Clinton echoed it, saying Mr. Trump “...”') takes the first "
                  "person named before that verb in the sentence, before the previous quote's "
                  "speaker."}
    )  # fmt: skip
    latest_described: bool = field(
        metadata={"help": "A person's description that titles or is apposed to no name ('the "
                  "businessman replied') is the latest person who spoke or opened a sentence, "
                  "like a pronoun."}
    )  # fmt: skip
    named_appositions: bool = field(
        metadata={"help": "'the assailant, John McGraw, told ...': a lower-case speaker "
                  "mention followed by a person's name between commas stands for that name."}
    )  # fmt: skip
    modifier_names: bool = field(
        metadata={"help": "'the Clinton campaign said', 'Clinton supporters chanted': a name "
                  "that modifies a lower-case head noun leaves the phrase as the speaker, "
                  "not the name's bearer."}
    )  # fmt: skip
    turn_stops: bool = field(
        metadata={"help": "A quote left open ends before the next speaker label that opens a "
                  "line ('MS. PSAKI:', 'Q'): an unpaired mark never swallows later turns."}
    )  # fmt: skip
    title_spans: bool = field(
        metadata={"help": "Drop quoted words shaped as a name, of two words or more, each "
                  "capitalised ('its new “Official Security Assistance” framework')."}
    )  # fmt: skip
    modal_voices: bool = field(
        metadata={"help": "Drop words a modal puts in a mouth: 'President Putin might have "
                  "said, “…”', 'she would probably say, “…”', 'Why would he say, “…”' (not 'as "
                  "my mother would say', a saying)."}
    )  # fmt: skip
    negated_voices: bool = field(
        metadata={"help": "Drop words a negation says were not said: 'But the President "
                  "didn’t say “…”', 'we’ve never said that “…”'."}
    )  # fmt: skip
    thought_voices: bool = field(
        metadata={"help": "Drop a thought quoted right after 'think', 'wonder' or 'feel like' "
                  "('look at these protests and think, “…”')."}
    )  # fmt: skip
    approximate_wording: bool = field(
        metadata={"help": "Drop wording given as approximate: '“…” or something like that', "
                  "'“…” and “…” and things of that nature' (with the quotes listed before), "
                  "'in words to this effect: “…”'."}
    )  # fmt: skip
    term_nouns: bool = field(
        metadata={"help": "Drop words quoted as a term after a noun that names them: 'the "
                  "term is “…”', 'the definition of a “…”', 'those specific terms: “…”', 'our "
                  "basic principle of “…”'."}
    )  # fmt: skip
    restated_questions: bool = field(
        metadata={"help": "Drop a question restated by the one asked or asking: 'I was "
                  "asked, “…”', 'the question that I was asked, “…”', 'ask the question, "
                  "“…”' (not 'He was asked, “…”', an interview's question read out)."}
    )  # fmt: skip
    question_sayings: bool = field(
        metadata={"help": "Drop words a question asks whether someone said or will say: 'Q "
                  "Has the President said, “…”', 'will the president be saying to him, “…”'."}
    )  # fmt: skip
    ground_rules: bool = field(
        metadata={"help": "Drop the label a background call's speakers go by: 'this call is "
                  "on background, attributable to a “senior administration official”'."}
    )  # fmt: skip
    listed_frames: bool = field(
        metadata={"help": "A quote listed right after one a frame rule dropped ('those "
                  "phrases — “…,” “…”') is dropped too."}
    )  # fmt: skip
    organisation_descriptions: bool = field(
        metadata={"help": "'Twitter acknowledged ... “...” the company said': a description of "
                  "one organisation in lower-case words ('the company', 'the newspaper', 'the "
                  "editorial board') is the latest earlier speaker that is no person."}
    )  # fmt: skip
    role_descriptions: bool = field(
        metadata={"help": "'the presumptive Republican presidential nominee said', 'the Russian "
                  "leader said': a role that names no one is the latest person who spoke or "
                  "opened a sentence, like a pronoun."}
    )  # fmt: skip
    place_roles: bool = field(
        metadata={"help": "'the Florida senator said', 'the New York businessman said': a "
                  "person's role after a US state or city is the person it titles or is "
                  "apposed to, else the latest person who spoke or opened a sentence, not the "
                  "phrase itself."}
    )  # fmt: skip
    nationality_roles: bool = field(
        metadata={"help": "'the Russian leader said': a nationality before a role head is no "
                  "name whose bearer owns the role (`modifier_names`), so the role resolves as "
                  "`role_descriptions` says."}
    )  # fmt: skip
    preposition_objects: bool = field(
        metadata={"help": "'yelling at voters on their way into the polls saying “...”', 'who "
                  "has in the past described': a lower-case phrase or a year right after a "
                  "preposition is that preposition's object, not the speech verb's subject; the "
                  "sentence's person subject is read instead."}
    )  # fmt: skip
    person_descriptions: bool = field(
        metadata={"help": "'the retired neurosurgeon said', 'the Republican said', 'the Gawker "
                  "employee wrote', 'the 46-year-old said': a definite description of one person "
                  "that `latest_described` does not read (a head without an agent suffix, a "
                  "party, an age, a modifier that names no person) is the latest person who "
                  "spoke or opened a sentence; an age first looks for the name it was given to "
                  "('Anna Berg, 46,')."}
    )  # fmt: skip
    person_antecedents: bool = field(
        metadata={"help": "'he' / 'she' pass over an earlier speaker or subject whose name "
                  "holds a day, month or organisation word ('Tax Foundation', 'Friday')."}
    )  # fmt: skip
    clean_antecedents: bool = field(
        metadata={"help": "A later 'he' / 'she' never refers to a run that cannot be a person: "
                  "a pronoun form or question word ('What I', 'Would President Biden' -> "
                  "'President Biden'), a law, body or place ('Inflation Reduction Act', "
                  "'Capitol Hill'), the tail of an abbreviation ('S. Navy'), a transcript "
                  "question label or the name it addresses ('Q    Karine, ...')."}
    )  # fmt: skip
    role_antecedents: bool = field(
        metadata={"help": "An office of the document's roles ('the President', by the "
                  "document's date in the White House corpus) is a person a later 'he' / "
                  "'she' can refer to, like a name."}
    )  # fmt: skip
    addressed_you: bool = field(
        metadata={"help": "In a transcript question turn ('Q    When you said “...”'), a "
                  "quote whose speaker is 'you' belongs to the person asked: the speaker of "
                  "the next named turn, else of the one before."}
    )  # fmt: skip
    subject_pronouns: bool = field(
        metadata={"help": "A 'he' / 'she' whose own sentence names its subject before it "
                  "('After the murder of Father Hamel, Trump asserted: “...,” he claimed') "
                  "refers to that subject, not to the first person named in the sentence."}
    )  # fmt: skip
    word_particles: bool = field(
        metadata={"help": "The name index reads 'bin', 'al', 'de', 'van', 'von', 'da' in a "
                  "name only as whole words, so 'Donald Trump’s detractors' gives 'Donald "
                  "Trump' (not 'Donald Trump’s' from 'Trump’s de...')."}
    )  # fmt: skip
    resolver_particles: bool = field(
        metadata={"help": "As `word_particles`, for the capitalised runs the resolver reads "
                  "(a sentence's subject, a pronoun's antecedent): 'Anna Berg also said' gives "
                  "'Anna Berg', not 'Anna Berg al'."}
    )  # fmt: skip
    inverting_verbs: bool = field(
        metadata={"help": "For `inverted_events`, only a verb that can come before its subject "
                  "makes an event: not a participle or a verb of a person object ('Trump, who "
                  "leads, mocked Marco Rubio', '..., telling Reuters', 'called Obama a ...')."}
    )  # fmt: skip
    described_events: bool = field(
        metadata={"help": "A speech verb whose subject describes someone by a name ('The Ohio "
                  "governor said', 'many Carrier workers say', 'The senator from Vermont "
                  "said') records the person the description stands for, or no one, as the "
                  "speaker a later 'he' / 'she' can refer to; not the name ('Ohio')."}
    )  # fmt: skip
    lead_words: bool = field(
        metadata={"help": "A capitalised adverb or preposition that opens a sentence "
                  "('Outside Carrier’s plant', 'Perhaps Mr. Comey’s', 'Regarding Trump’s') is "
                  "no part of the name after it, in the name index and for antecedents."}
    )  # fmt: skip
    more_given_names: bool = field(
        metadata={"help": "'he' / 'she' also read the gender of a name from a longer list of "
                  "given names ('Megyn Kelly', 'Newt Gingrich'), before a surname only "
                  "(`gender.MORE_MALE_FIRST`, `MORE_FEMALE_FIRST`)."}
    )  # fmt: skip
    place_antecedents: bool = field(
        metadata={"help": "A 'he' / 'she' passes over a name of no known gender that the "
                  "document also uses as a place or a thing ('At Boca West, ...', 'at the "
                  "Iowa State Fair', 'the Pacific Command'), as an earlier antecedent."}
    )  # fmt: skip
    described_before: bool = field(
        metadata={"help": "'“...,” former presidential candidate Herman Cain said.': a name "
                  "after a few words of description, right before the speech verb that "
                  "follows the quote, is the speaker."}
    )  # fmt: skip
    modified_subjects: bool = field(
        metadata={"help": "'Former Obama spokesman Robert Gibbs derided “...”': a sentence "
                  "subject that only modifies a description of a person ('spokesman', "
                  "'chairman', 'son') gives way to the name that follows it."}
    )  # fmt: skip
    narrative_before: bool = field(
        metadata={"help": "'Clinton touted her record. “We need ...”': a quote that opens its "
                  "sentence with no cue takes the person subject of the sentence before, when "
                  "that holds no speech verb, before the previous quote's speaker."}
    )  # fmt: skip
    owned_heads: bool = field(
        metadata={"help": "For `named_appositions`, a mention that opens with a possessive and "
                  "ends in a lower-case role ('Ms. Merkel's spokesman, Steffen Seibert, said') "
                  "stands for the name apposed to it too."}
    )  # fmt: skip
    party_tags: bool = field(
        metadata={"help": "'Rep. Steve Israel (D-N.Y.) said “...”': the subject walk back from "
                  "a speech verb passes a party and state tag."}
    )  # fmt: skip
    colon_names: bool = field(
        metadata={"help": "'... doesn’t surprise Republican pollster Daron Shaw: “...”': a "
                  "person's name with a colon right before the quote, after a lower-case role or "
                  "a dash, is its speaker."}
    )  # fmt: skip
    modifier_phrases: bool = field(
        metadata={"help": "Like `modifier_names` for two or more lower-case words after the "
                  "name ('a Clinton campaign spokesman', 'one Trump campaign source'): the "
                  "phrase, not the name's bearer, is the speaker."}
    )  # fmt: skip

    intro_phrases: bool = field(
        metadata={"help": "'To professor Brigid Harrison, Christie's stare seemed ...': a person "
                  "named only in a leading 'To X,' / 'For X,' / 'According to X,' phrase is "
                  "the sentence's subject, for a later 'he' / 'she' and a cue-less quote."}
    )  # fmt: skip
    parsed_subjects: bool = field(
        metadata={"help": "A sentence whose subject the word walk cannot find offers a later "
                  "'he' / 'she' the person spaCy parses as a main clause's subject, not the "
                  "first person named in it ('Asked about the event that Clinton faces Trump, "
                  "she replied' offers no one; 'The radio talker filled his speeches for "
                  "Cruz' no one); not in a question or a sentence of I / you / we."}
    )  # fmt: skip
    closed_inversions: bool = field(
        metadata={"help": "For `inverted_events`, the name after a verb-first speech verb is its "
                  "subject only where it closes the clause (a comma, a stop, a preposition "
                  "or a description and a name follow): not in 'Mr. Coffman, who ..., said Mr. "
                  "Trump had ...', 'said Obama failed to', 'said Clinton’s response'."}
    )  # fmt: skip
    number_commas: bool = field(
        metadata={"help": "The subject walk past a sentence's leading clauses passes the comma "
                  "of a number ('With $70,000 in debt, Ann Lee ...'): only a comma between "
                  "words ends a clause."}
    )  # fmt: skip
    modifier_subjects: bool = field(
        metadata={"help": "A sentence that opens with a name after 'The' / 'A' and before a "
                  "lower-case word ('The Murdoch outlets have ...', 'The Sanders campaign "
                  "said') offers a later 'he' / 'she' the subject spaCy parses (as "
                  "`parsed_subjects`), not the name: it may only modify a noun."}
    )  # fmt: skip
    named_antecedents: bool = field(
        metadata={"help": "A 'he' / 'she' passes over an earlier speaker or subject with no "
                  "capitalised word ('people', 'the authors', 'the security team'), to the "
                  "nearest one that names someone."}
    )  # fmt: skip
    clause_subjects: bool = field(
        metadata={"help": "'Band member Flea shared the news, writing “...”': a speech verb "
                  "with no subject of its own (a participle, a coordinated verb) takes the "
                  "subject of the clause it hangs from in the sentence's dependency parse."}
    )  # fmt: skip
    parsed_verb_subjects: bool = field(
        metadata={"help": "'He criticized Clinton's record, said she “...”': the subject of "
                  "the speech verb before the quote, where the sentence's dependency parse "
                  "names one that the word walk back from the verb did not find."}
    )  # fmt: skip
    outer_speakers: bool = field(
        metadata={"help": "'Cruz said he is certain Rubio will continue to be “...”': a quote "
                  "in a clause that an outer speech verb governs belongs to that verb's "
                  "subject, read from the sentence's dependency parse."}
    )  # fmt: skip
    phrase_names: bool = field(
        metadata={"help": "A 'he' / 'she' that is its sentence's subject after a leading "
                  "prepositional or participle phrase ('At an interview with Bloomberg "
                  "Politics, he said', 'Asked about Clinton, she replied') passes over the "
                  "names in that phrase to earlier sentences."}
    )  # fmt: skip
    modified_antecedents: bool = field(
        metadata={"help": "As `modified_subjects`, for the antecedent a sentence offers a later "
                  "'he' / 'she': 'Obama consultant Cornell Belcher, ..., picked up the thread' "
                  "offers Cornell Belcher, not Obama."}
    )  # fmt: skip
    aged_subjects: bool = field(
        metadata={"help": "The subject walk passes an age that opens the subject ('At a "
                  "campaign event in Ohio, 62-year-old Brenda Johnson also railed ...')."}
    )  # fmt: skip
    joined_subjects: bool = field(
        metadata={"help": "A clause joined by ', but' / ', and' / ', while' offers its person "
                  "subject to a later 'he' / 'she' as well ('Ms. Hughes avoids it, but their "
                  "neighbor Benjamin Green, 83, knows ...'), after the sentence's first."}
    )  # fmt: skip

    closing_verbs: bool = field(
        metadata={"help": "'“...,” Trump answered.' / '“...!” beamed Donald Hartley.': a name "
                  "(or he / she) and a past-tense verb that close the clause right after a "
                  "quote ending in ',', '?' or '!' are its cue, whether or not the speech-verb "
                  "list holds the verb ('barked', 'gloated', 'fumed')."}
    )  # fmt: skip

    coordinated_roles: bool = field(
        metadata={"help": "'the Florida senator and Republican presidential candidate said': a "
                  "mention of two roles joined by 'and' whose first is a place role stands for "
                  "that role, which `place_roles` resolves, not for the place ('Florida')."}
    )  # fmt: skip

    opening_verbs: bool = field(
        metadata={"help": "'And Mr. Christie gloated: “...”', 'Hannity interjected: “...”': a "
                  "name (or he / she) and a past-tense verb with a colon right before the quote "
                  "are its cue, whether or not the speech-verb list holds the verb."}
    )  # fmt: skip

    named_after: bool = field(
        metadata={"help": "'“...” That’s Eric Holder.': a person's name that fills the "
                  "sentence right after the quote ('That’s / That was NAME.', after a "
                  "description and a comma at most) is its speaker."}
    )  # fmt: skip
    statement_lines: bool = field(
        metadata={"help": "'His statement reads: “...”', 'And the last line is, “...”': a "
                  "statement (or a line of one) read out after a colon or comma belongs to its "
                  "owner, else to the person it came from in the words before ('a statement "
                  "from Richard Sauber', 'he put out the statement')."}
    )  # fmt: skip
    as_said: bool = field(
        metadata={"help": "'“...,” as Karine said in her opening statement', '“...,” as Israeli "
                  "officials put it': the subject of a speech verb in an 'as' clause right after "
                  "the quote is its speaker."}
    )  # fmt: skip
    timed_subjects: bool = field(
        metadata={"help": "'USAID Administrator Power today said that “...”': time words that "
                  "close a capitalised subject ('today', 'on Tuesday') are dropped from the "
                  "mention, not the reason to reject it."}
    )  # fmt: skip

    numbered_names: bool = field(
        metadata={"help": "'Harry Hurt III is eager to ...': a name of a known gender followed "
                  "by a generation numeral is a person's, for a later 'he' / 'she' (the "
                  "numeral is no upper-case word of a heading, as in 'MIDWAY ATOLL')."}
    )  # fmt: skip
    institution_roles: bool = field(
        metadata={"help": "'the Senate minority leader said': a role that a chamber of Congress "
                  "modifies ('Senate', 'House') names no one; it is the latest person who spoke "
                  "or opened a sentence, as `role_descriptions` says, not the chamber's name."}
    )  # fmt: skip
    titled_bearers: bool = field(
        metadata={"help": "'the president said': the nearest earlier name 'President' titles "
                  "('President Barack Obama', 'French President Francois Hollande'; not after "
                  "'former', 'Vice' or a body's name: 'World Bank President Jim Kim'), before "
                  "the latest sentence subject."}
    )  # fmt: skip

    closing_clauses: bool = field(
        metadata={"help": "'Fundraising was “stagnant” as donors waited to see how a “turbulent "
                  "cycle” played out, he said.': a name (or he / she) and a speech verb after a "
                  "comma that end the sentence are the cue of a quote in it with none of its "
                  "own."}
    )  # fmt: skip

    place_titles: bool = field(
        metadata={"help": "For `place_roles`, a name the role titles or is apposed to stands "
                  "for 'the Florida senator' only where 'Florida' stands by it, not 'Vermont "
                  "Senator Bernie Sanders'."}
    )  # fmt: skip

    titled_subjects: bool = field(
        metadata={"help": "'Secretary Blinken addressed this, where he said that “...”': a "
                  "sentence subject that a person's title opens ('Secretary', 'Leader', "
                  "'Senator') is a person, for the quote and a later 'he' / 'she', though the "
                  "name index knows no such name."}
    )  # fmt: skip

    label_mentions: bool = field(
        metadata={"help": "'Q    And Mitch McConnell said today, “...”': a speaker mention "
                  "that a transcript question label opens (with a name it addresses, 'Q    "
                  "Karine,') is read past the label and a leading 'And'."}
    )  # fmt: skip

    that_clauses: bool = field(
        metadata={"help": "'I know that Joe Biden had described it as a “...”': the subject of "
                  "a 'that' clause after no speech verb is the speaker, not a reason to reject "
                  "the mention; 'officials that called it a “...”': a relative 'that' / 'who' "
                  "stands for the noun phrase right before it."}
    )  # fmt: skip

    meant_words: bool = field(
        metadata={"help": "'this is what I mean by, “...”', 'what exactly he means by “...”': "
                  "the subject of 'mean(s) by' right before the quote is its speaker."}
    )  # fmt: skip
    referred_as: bool = field(
        metadata={"help": "'the President referred to the incident as “...”': the subject of "
                  "'referred to X as' right before the quote is its speaker."}
    )  # fmt: skip

    label_surnames: bool = field(
        metadata={"help": "For `heard_from`, a one-word name that a transcript's speaker label "
                  "carries ('MR. KIRBY:' -> 'Kirby') is a person's, as a full name is."}
    )  # fmt: skip
    titled_surnames: bool = field(
        metadata={"help": "For `short_quotes`, a speaker mention of title words and one name "
                  "('President Zelenskyy said “severe”') names a person, as a full name does."}
    )  # fmt: skip

    echoed_after: bool = field(
        metadata={"help": "'the “months, not years” from President Zelenskyy', 'was it “main "
                  "character energy” that he said is lacking?': a person named after 'from', or "
                  "the subject of 'that NAME said', right after the quote is its speaker."}
    )  # fmt: skip

    talked_about: bool = field(
        metadata={"help": "'You’ve talked about “...”', 'And you talk about “...”': the "
                  "subject of 'talk(ed) about' right before the quote is its speaker."}
    )  # fmt: skip

    object_mentions: bool = field(
        metadata={"help": "'He criticized Clinton’s track record said she “...”', 'incurred a "
                  "wave of boos upon saying, “...”': a mention before a speech verb that the "
                  "sentence's parse ends in an object or a preposition is no subject; the subject "
                  "of the clause the verb hangs from is the speaker, when it names a person."}
    )  # fmt: skip

    titled_genders: bool = field(
        metadata={"help": "A 'he' / 'she' reads a name's gender from the given names after its "
                  "last title word: 'Virginia Gov. Terry McAuliffe' is no woman for 'Virginia'."}
    )  # fmt: skip

    headline_names: bool = field(
        metadata={"help": "The name index reads from a title-case first line (a headline) "
                  "only names the body also holds: its capitalised runs join names to the "
                  "words after them ('Glenn Beck Says Trump', 'Trump Supporter Screams')."}
    )  # fmt: skip

    said_after: bool = field(
        metadata={"help": "'“...” That is what he said.', '“...” Is that what he said?', '“...” "
                  "— that’s something that the president said —': the subject of a sentence "
                  "right after the quote that says it was what someone said is its speaker."}
    )  # fmt: skip
    issued_statements: bool = field(
        metadata={"help": "'the NAACP put out a statement saying: “...”', 'The group X issued a "
                  "statement saying that the order is “...”': the subject that put out, issued "
                  "or released a statement, report or letter saying the words is the speaker."}
    )  # fmt: skip
    timed_roles: bool = field(
        metadata={"help": "As `timed_subjects`, for a subject of 'the' and capitalised words: "
                  "'the President today called it a “...”' -> 'the President'."}
    )  # fmt: skip

    short_leads: bool = field(
        metadata={"help": "'They called it “anything but” a win and “knowingly ...”': a quote "
                  "with no cue of its own takes the cue of a quote too short to keep right "
                  "before it in the same sentence."}
    )  # fmt: skip
    mentioned_antecedents: bool = field(
        metadata={"help": "A 'he' / 'she' that no speaker or sentence subject resolves takes "
                  "the latest person named before it outside quotes whose known gender agrees "
                  "('The moment that Ms. Nwanguma ... held up her signs, ..., she said')."}
    )  # fmt: skip
    body_subjects: bool = field(
        metadata={"help": "An 'it' that speaks is the proper name, of no person, that is the "
                  "main subject of its sentence before it, or of the sentence before where "
                  "its own has none: 'The Post reported that ... . It added, “...”'."}
    )  # fmt: skip

    comma_closes: bool = field(
        metadata={"help": "A quote that closes on a comma after a full stop ('... in the "
                  "U.S.,” Zucker said.') runs on into the cue after it: no new sentence there."}
    )  # fmt: skip

    quoted_asides: bool = field(
        metadata={"help": "The cue after a quote is read to the end of its sentence past "
                  "later quoted phrases that hold no speech verb ('“...,” Bill Eastland, "
                  "wearing “Ted Cruz” pins, said'), not only up to the first of them."}
    )  # fmt: skip

    clause_surnames: bool = field(
        metadata={"help": "For `clause_subjects`, a one-word name the parse reads as the "
                  "subject of the clause a subject-less speech verb hangs from ('At the debate, "
                  "Sanders compared himself to Clinton, saying, “...”') is the speaker, as a "
                  "full name is, not the person named last before the verb."}
    )  # fmt: skip

    verb_mentions: bool = field(
        metadata={"help": "A mention the walk back from a speech verb took that holds a finite "
                  "verb of its own by the sentence's parse ('The Vermont senator emailed "
                  "supporters saying: “...”') stands for that verb's subject in it."}
    )  # fmt: skip

    elided_years: bool = field(
        metadata={"help": "A ‘ before two digits is an elided year ('fiscal year ‘24'), not an "
                  "opening single quote mark that would swallow the double-quoted quotes after it."}
    )  # fmt: skip

    learned_spans: bool = field(
        metadata={"help": "In transcripts and texts with question labels, a learned model "
                  "(`span_filter`) decides which quoted spans of 3+ words are said words: the "
                  "rules' quotes below its threshold are dropped, spans they missed above it "
                  "are added (method `span-filter`)."}
    )  # fmt: skip

    questioned_speeches: bool = field(
        metadata={"help": "`kind='auto'` reads a text as a transcript also when one speaker's "
                  "line-start turns ('THE PRESIDENT:') cover most of it and reporters' "
                  "question turns ('Q') come between them (remarks that take questions), so "
                  "the speaker's own words are units; before, two named speakers were needed."}
    )  # fmt: skip

    labelled_first_person: bool = field(
        metadata={"help": "'I said “...”' inside a turn whose capitalised label opens its line "
                  "('THE PRESIDENT:') is that turn's speaker in any text, not only in a "
                  "transcript (a speech with one speaker's label is read as an article)."}
    )  # fmt: skip

    added_speakers: bool = field(
        metadata={"help": "A span the span filter adds whose marks no cue attributes takes "
                  "the first person named before it in its sentence, outside quotes ('Today, "
                  "with the President’s comment that “...”'), as `person_before` finds it."}
    )  # fmt: skip

    single_space_questions: bool = field(
        metadata={"help": "A line-start 'Q' with one space before the question ('Q When the "
                  "president was in Italy ...', as later briefings write it) is a question "
                  "label, as 'Q    ...' is. Before, such a question ran on in the answer "
                  "before it (a turn unit gave it to the press secretary), and without two "
                  "named speakers the briefing was read as an article."}
    )  # fmt: skip

    asked_cover: bool = field(
        metadata={"help": "With `questioned_speeches`, the question turns ('Q') count towards "
                  "the share of the text that turns cover, so a gaggle of long questions and "
                  "short answers ('before Marine One departure') is a transcript whose answers "
                  "are turn units; before, the answers alone had to cover half of it."}
    )  # fmt: skip

    not_self: bool = field(
        metadata={"help": "In a transcript, 'he' / 'she' inside a named turn is not the turn's "
                  "own speaker ('MR. SAMS: ... in the report, he says, “...”' is not Sams), and "
                  "inside a question not the person asked ('Thanks, John. ... he said' is not "
                  "John Kirby, who answers): the pronoun looks further back."}
    )  # fmt: skip

    label_lines: bool = field(
        metadata={"help": "In hard-wrapped text, a line that opens with a speaker label ('Q    "
                  "And can you ...', 'MS. BERG: ...') starts a new paragraph, though the "
                  "label would not have fitted on the line before (it was joined to the "
                  "answer before it, and the question ran on in that turn)."}
    )  # fmt: skip

    @property
    def questions(self) -> re.Pattern[str]:
        """The question labels these rules read ('Q    ...'; with `single_space_questions`
        also 'Q When ...')."""
        return QUESTION_ANY_RE if self.single_space_questions else QUESTION_RE


def _every_rule(on: bool) -> Rules:
    return Rules(**{rule.name: on for rule in fields(Rules)})


# v1 is the extractor that built the v1 candidate pool of the quote dataset
# (`stance dataset candidates`): none of the rules, and it stays reproducible. v2 adds every
# rule of issue 16; a new rule is a `Rules` field and so joins v2 alone.
VERSIONS = {"v1": _every_rule(False), "v2": _every_rule(True)}
CURRENT = "v2"
