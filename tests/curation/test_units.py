"""Candidate units: sentence groups with exact offsets, the war filter, context windows."""

from __future__ import annotations

from stance.curation import units as cu
from stance.extract.documents import Document


def test_split_units_keeps_offsets_and_at_most_three_sentences():
    text = "Intro. One here. Two here. Three here. Four here. Five here.  "
    units = cu.split_units(text, 7, len(text))
    assert [text[s:e] for s, e in units] == [
        "One here. Two here. Three here.",
        "Four here. Five here.",
    ]


def test_split_units_drops_unbalanced_quote_mark():
    text = "\u201cWe want peace. We want it now."
    ((start, end),) = cu.split_units(text, 0, len(text))
    assert text[start:end] == "We want peace. We want it now."


def test_concerns_war_is_source_aware():
    assert cu.concerns_war("Ukraine must win.", "")
    assert not cu.concerns_war("Russia's economy grew by two percent.", "", "kremlin")
    assert cu.concerns_war("Russia's troops must leave.", "", "ungdc")
    assert cu.concerns_war("The talks resume today.", "about Kyiv and Moscow", "whitehouse")
    assert not cu.concerns_war("The talks resume today.", "about trade", "whitehouse")


def test_is_clean():
    assert cu.is_clean("We will keep supporting Ukraine for as long as it takes.")
    assert not cu.is_clean("too short here")
    assert not cu.is_clean("and then the talks went on for hours and hours")
    assert not cu.is_clean("See https://example.org for the full text of the statement.")


def test_context_window_marks_the_unit():
    text = "x " * 500 + "THE UNIT IS HERE." + " y" * 300
    start = text.index("THE")
    context = cu.context_window(text, start, start + len("THE UNIT IS HERE."))
    assert "[[THE UNIT IS HERE.]]" in context
    assert context.startswith("…") and context.endswith("…")
    assert len(context) < 1000


def test_document_units_of_a_transcript():
    text = "Vladimir Putin: Good afternoon. We are ready for talks on Ukraine. Thank you.\n"
    doc = Document("kremlin:1", text, source="kremlin", kind="transcript")
    units = cu.document_units(doc)
    assert [(u.speaker, u.text) for u in units] == [
        ("Vladimir Putin", "Good afternoon. We are ready for talks on Ukraine. Thank you.")
    ]
