"""The HTML report: self-contained, every quote with its shading, probabilities and gold."""

import re

from stance.explain.report import QuoteView, highlighted, render_report
from stance.explain.words import Explanation, Term, top_terms_by_class, word_spans


def explanation(text: str, pushes: list[float], label: str = "pro_aid") -> Explanation:
    terms = [Term("word", text[s:e], p) for (s, e), p in zip(word_spans(text), pushes, strict=True)]
    return Explanation(text, label, word_spans(text), pushes, terms)


def test_words_are_shaded_by_their_push_and_the_text_is_kept_exactly():
    text = "Send  <more> arms & now"
    html = highlighted(explanation(text, [1.0, 0.5, -0.25, 0.0, 0.0]))
    assert re.sub(r"<[^>]+>", "", html) == "Send  &lt;more&gt; arms &amp; now"
    spans = re.findall(r'<span style="([^"]*)" title="([^"]*)">', html)
    assert spans[0] == ("background: rgba(26, 133, 60, 0.850)", "+1.0000")
    assert spans[1][0] == "background: rgba(26, 133, 60, 0.425)"  # half the strongest push
    assert spans[2][0] == "background: rgba(200, 40, 40, 0.212)"  # away: red
    assert spans[3][0] == ""


def test_report_holds_each_quote_its_probabilities_and_gold_label():
    views = [
        QuoteView(
            3,
            explanation("Send arms now", [1.0, 2.0, 0.1]),
            {"pro_aid": 0.8125, "neutral": 0.1875},
            "pro_aid",
            "q-3",
        ),
        QuoteView(
            7,
            explanation("Talks resume", [0.3, 0.2], "neutral"),
            {"pro_aid": 0.4, "neutral": 0.6},
            "pro_aid",
        ),
    ]
    ex = [v.explanation for v in views]
    html = render_report(
        views,
        ["pro_aid", "neutral"],
        {"model": "runs:/x/model"},
        "method line",
        [("Per class", top_terms_by_class(ex))],
    )
    text = re.sub(r"<[^>]+>", "", html)
    for quote in ("Send arms now", "Talks resume"):
        assert quote in text
    assert "0.812" in text and "0.188" in text and "0.600" in text
    assert "row 3 · id q-3" in text and "row 7" in text
    assert "gold pro_aid ✓" in text and "predicted neutral · gold pro_aid ✗" in text
    assert "arms +2.000" in text  # the strongest term toward the class
    # self-contained: nothing fetched, nothing run
    assert not re.search(r"<script|<link|<img|@import|url\(|https?://", html)


def test_top_terms_by_class_sums_over_quotes_of_that_class():
    a = explanation("arms now", [1.0, -0.5])
    b = explanation("more arms", [0.25, 1.0])
    c = explanation("arms talks", [2.0, 1.0], "neutral")
    top = top_terms_by_class([a, b, c])
    assert [(t.text, t.push) for t in top["pro_aid"]] == [("arms", 2.0), ("more", 0.25)]
    assert [t.text for t in top["neutral"]] == ["arms", "talks"]
