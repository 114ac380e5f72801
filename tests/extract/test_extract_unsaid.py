"""Frames that make quoted words nobody's said words (`stance.extract.unsaid`): each frame
on a single phrase, and each v2 rule on a small written briefing transcript, with the rule
on (the quote is dropped) and off (it is kept); articles are left alone."""

import pytest

from stance.extract import unsaid
from stance.extract.extractor import extract_quotes

HEAD = (
    "Press Briefing by Press Secretary Anna Berg\n\n"
    "MS. BERG:  Good afternoon, everyone.  I have one thing at the top.\n\n"
    "Q    Thanks, Anna.  A question on the budget.\n\n"
)


@pytest.mark.parametrize(
    ("pattern", "before", "found"),
    [("MODAL", "Number one, President Carl Dunn might have said, ", True),
     ("MODAL", "Q — seeing that, she would probably say, ", True),
     ("MODAL", "Why would he say, ", True),
     ("MODAL", "it’s not always the case that you would say, ", True),
     ("MODAL", "a world in which Iran would pick up the phone\nand say, ", True),
     ("MODAL", "He would not comment and said, ", False),  # past tense: a clause of its own
     ("MODAL", "And will you say to him, ", False),  # 'will' is no hypothetical
     ("MODAL", "I would note that he said, ", False),  # his words, after a clause of its own
     ("MODAL", "The President said in a statement that he will act, ", False),
     ("NEGATED", "But the President didn’t say ", True),
     ("NEGATED", "What I will say is we’ve never said that ", True),
     ("NEGATED", "why couldn’t Chancellor Dunn say the words ", True),
     ("NEGATED", "He did not answer and said, ", False),
     ("NEGATED", "He not only said, ", False),
     ("THOUGHT", "Does he look at the protests and think, ", True),
     ("THOUGHT", "the people who feel like, ", True),
     ("THOUGHT", "He thinks the plan is good and said, ", False),
     ("APPROXIMATE_BEFORE", "And he answered in words to this effect: ", True),
     ("TERM", "I believe the term is\n", True),
     ("TERM", "What is the definition of a ", True),
     ("TERM", "avoiding those specific terms: ", True),
     ("TERM", "We continue to adhere to our basic principle of ", True),
     ("TERM", "the administration kept the position of ", True),
     ("TERM", "He used these words in his speech: he said, ", False),
     ("RESTATED", "And I was asked, ", True),
     ("RESTATED", "This goes into the question that I was asked, ", True),
     ("RESTATED", "step back and ask the question, you know, ", True),
     ("RESTATED", "He was asked, ", False),  # an interview's question, read out
     ("RESTATED", "He was asked a question: ", False),
     ("ASKED_SAYING", "Q    Has the President said, ", True),
     ("ASKED_SAYING", "Q    And will the president be saying to Prime Minister Dunn, ", True),
     ("ASKED_SAYING", "Q    The President said today, ", False),
     ("GROUND_RULES", "As a reminder, this call is on background, attributable to a ", True),
     ("GROUND_RULES", "this call is on background to a ", True),
     ("GROUND_RULES", "our speaker, hereinafter referred to as\na ", True),
     ("GROUND_RULES", "The remark attributed to the President, ", False)],
)  # fmt: skip
def test_frames_read_the_words_before_the_quote(pattern, before, found):
    assert (getattr(unsaid, pattern).search(before) is not None) is found


@pytest.mark.parametrize(
    ("after", "found"),
    [("” or something like that.", True),
     ("” and “what is that” and things of that\nnature.", True),
     ("” or anything like that, but", True),
     ("” and he said more like that.", False),
     ("” or “over the weekend.”  Then", False)],
)  # fmt: skip
def test_approximate_wording_reads_the_words_after_the_quote_and_its_list(after, found):
    assert (unsaid.APPROXIMATE_AFTER.match(after, 1) is not None) is found


def _has(quotes, words):
    return any(words in q.text for q in quotes if q.kind == "quote")


def _pairs(quotes):
    return [(q.text, q.speaker) for q in quotes if q.kind == "quote"]


def test_a_saying_after_as_is_no_modal_voice(without):
    text = HEAD + "MS. BERG:  And, as my mother would say, “Measure twice and cut once.”\n"
    assert _has(without((), text, kind="transcript"), "Measure twice")


CASES = {
    "words a modal puts in a mouth": (
        "modal_voices",
        "MS. BERG:  Look, President Carl Dunn might have said, “These people are not serious "
        "about the talks.”  That could have happened.\n",
    ),
    "words a negation says were not said": (
        "negated_voices",
        "Q    But Senator Carl Dunn didn’t say “the supply chain was being disrupted.”  Why not?\n",
    ),
    "a thought": (
        "thought_voices",
        "Q    Does Senator Carl Dunn look at these protests and think, “It is nice to see the "
        "young so involved”?\n",
    ),
    "wording given as approximate": (
        "approximate_wording",
        "Q    Senator Carl Dunn keeps saying, you know, “We do not know the answer yet” or "
        "anything like that.\n",
    ),
    "words quoted as a term": (
        "term_nouns",
        "Q    Senator Carl Dunn said the plan is late.  What is the definition of a “top "
        "national security official”?\n",
    ),
    "a question restated by the one asked": (
        "restated_questions",
        "MS. BERG:  Senator Carl Dunn was here.  And I was asked, “Is that something the "
        "President still wants to do?”  And I said yes.\n",
    ),
    "a question whether someone said words": (
        "question_sayings",
        "Q    Has Senator Carl Dunn said, “Let us get to the bottom of what happened here” "
        "with the report?\n",
    ),
    "the label of a background call's speakers": (
        "ground_rules",
        "MS. BERG:  Senator Carl Dunn said, “We will take questions now.”  As a reminder, this "
        "call is on background, attributable to a “senior administration official in the "
        "room.”\n",
    ),
    "a quote listed after a dropped one": (
        "listed_frames",
        "Q    Senator Carl Dunn has used those phrases — “threat to the nation,” “danger to "
        "the nation” — in his speeches.\n",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_rule_drops_the_quote_and_without_it_the_quote_is_kept(case, without):
    rules, body = CASES[case]
    text = HEAD + body
    words = body[body.rindex("“") + 1 :][:12]  # the last quote's opening words
    assert not _has(without((), text, kind="transcript"), words)
    assert _has(without(rules, text, kind="transcript"), words)


def test_frames_drop_nothing_outside_a_transcript():
    text = "Senator Carl Dunn said he never said “the plan was dead.”  He said it was late."
    assert _has(extract_quotes(text, kind="article"), "the plan")


def test_a_dropped_quote_leaves_the_quotes_after_it_as_they_were(without):
    text = HEAD + (
        "Q    But Senator Carl Dunn didn’t say “the supply chain was being disrupted.”  He "
        "said “inflation was skyrocketing in every state.”\n"
    )
    kept = _pairs(extract_quotes(text, kind="transcript"))
    assert kept == _pairs(without("negated_voices", text, kind="transcript"))[1:]
