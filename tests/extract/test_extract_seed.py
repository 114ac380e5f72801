"""The seed article: every direct quote with its speaker, written by hand."""

from stance.extract.extractor import extract_quotes

EXPECTED = [
    ("not interested in peace", "Mark Rutte"),
    ("dire security threat not only to Europe but also to the US.", "Mark Rutte"),
    (
        "We will all need to do more. The stronger our military support to Ukraine is now, "
        "the stronger their hand will be at the negotiating table",
        "Mark Rutte",
    ),
    (
        "Putin is not interested in peace. He is pressing on, trying to take more territory. "
        "Because he thinks he can break Ukraine’s resolve and ours, but he is wrong.",
        "Mark Rutte",
    ),
    ("find a solution", "Vladimir Putin"),
    (
        "As far as I can imagine, the newly elected president is an intelligent and already "
        "quite experienced person. I think he will find a solution",
        "Vladimir Putin",
    ),
    ("strongest possible position", "Keir Starmer and Emmanuel Macron"),
    ("hot phase of the war", "Ukrainian president"),
    (
        "might get thoughts about something else in the future if there is not a good deal "
        "[for Ukraine]",
        "Mark Rutte",
    ),
    (
        "We cannot have a situation where we have [North Korean leader] Kim Jong Un and the "
        "Russian leader and Xi Jinping and Iran high-fiving because we came to a deal which is "
        "not good for Ukraine, because long-term that will be a dire security threat not only "
        "to Europe but also to the US.",
        "Mark Rutte",
    ),
    (
        "There’s no question it’s right we support Ukraine. But we must also be clear that it "
        "is deeply in our self-interest. I would encourage everyone here to stop and think for "
        "a moment about what it would mean to us, to our continent, to the world, if Russia "
        "wins. What would it mean for our values – for democracy, commerce, and liberty?",
        "Keir Starmer",
    ),
]


def test_seed_article_quotes_and_speakers(seed_text):
    quotes = extract_quotes(seed_text, doc_id="article:000_07fa454dbad26224")
    assert [(q.text, q.speaker) for q in quotes] == EXPECTED
    for quote in quotes:
        assert seed_text[quote.char_start : quote.char_end] == quote.text


def test_seed_article_excludes_scare_quotes_and_furniture(seed_text):
    texts = [q.text for q in extract_quotes(seed_text)]
    assert "high-fiving" not in texts
    assert not any("A Word" in t or "Your support" in t or "commenting" in t for t in texts)
