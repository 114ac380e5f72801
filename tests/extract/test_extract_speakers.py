"""Cue-based attribution around a quote."""

from stance.extract.speakers import (
    VERB_RE,
    according_to,
    attribute_left,
    attribute_right,
    subject_before,
    tokens,
)


def right(after: str) -> str | None:
    found = attribute_right(after, 0, len(after))
    return found.text if found else None


def left(before: str) -> str | None:
    found = attribute_left(before, 0, len(before))
    return found.text if found else None


def test_right_context_patterns():
    assert right(", he warned.") == "he"
    assert right(", said Kirby, who spoke first.") == "Kirby"
    assert right(" President Putin said.") == "President Putin"
    assert right(", the influential US daily wrote") == "the influential US daily"
    assert right(" which led to a crisis") is None


def test_left_context_patterns():
    assert left("Mark Rutte also warned such an agreement would create a ") == "Mark Rutte"
    assert left("In a speech on foreign affairs the prime minister said: ") == "the prime minister"
    assert left("In what was seen as a reference to Taiwan, he said that X ") == "he"


def test_coordinated_subjects_and_participles():
    text = "Sir Keir Starmer and the French leader Emmanuel Macron have already vowed"
    verb = VERB_RE.search(text)
    start, end = subject_before(tokens(text, 0, verb.start()))
    assert text[start:end] == "Sir Keir Starmer and the French leader Emmanuel Macron"
    found = attribute_left(", he said, adding ", 0, 18)
    assert found.method == "participle" and found.text == ""


def test_according_to_and_verb_forms():
    text = "The plan is dead, according to the minister."
    assert according_to(text, 0, len(text)).text == "the minister"
    assert VERB_RE.fullmatch("conceded") and VERB_RE.fullmatch("stressed")
    assert not VERB_RE.fullmatch("state") and not VERB_RE.fullmatch("not")


LABELLED = (
    "Leaders praised the deal.\n\n"
    "[**Secretary of Defense Pete\nHegseth**](https://x.com/PeteHegseth/status/1)**:**\n"
    "“Amen, Mr. President.”\n\n"
    "**Senator Jane Roe:** “We finally have a deal that works.”\n\n"
    "-   [**On\n    prices**](https://x.com/RapidResponse47/status/2)**:**\n"
    "    “Prices are down on groceries.”\n"
)


def test_markdown_label_line_names_the_speaker_v2_only():
    from stance.extract.extractor import extract_quotes

    v2 = {q.text: (q.speaker, q.method) for q in extract_quotes(LABELLED, version="v2")}
    assert v2["Amen, Mr. President."] == ("Pete Hegseth", "label")
    assert v2["We finally have a deal that works."] == ("Jane Roe", "label")
    assert v2.get("Prices are down on groceries.", (None, ""))[1] != "label"  # a topic label
    v1 = extract_quotes(LABELLED, version="v1", kind="article")
    assert all(q.method != "label" for q in v1)
