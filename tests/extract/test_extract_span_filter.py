"""The learned span filter (`stance.extract.span_filter`) and its fitting
(`span_filter_fit`): features, the linear model, the decision over a document's marked
spans, and that it only reads transcripts and texts with question labels."""

import math
from dataclasses import replace

import pytest

from stance.extract import extractor
from stance.extract.extractor import Quote, extract_quotes
from stance.extract.rules import VERSIONS
from stance.extract.span_filter import (
    RuleView,
    SpanFilter,
    filter_quotes,
    marked_spans,
    shipped_filter,
    span_features,
)
from stance.extract.span_filter_fit import FULL, HELD_OUT, READINGS, main, read_labels

TRANSCRIPT = (
    "MS. BERG:  Good afternoon.\n\n"
    "Q    Thanks, Anna.  The Senator said, “We will not pass this budget.”  And you call it "
    "a “historic investment in roads”?\n\n"
    "MS. BERG:  I do.  As the President said, “It is the best plan we have.”\n\n"
    "Q    Okay.  Is that in “The Big Roads Act”?\n\n"
    "MS. BERG:  Thanks, everyone.\n"
)


def test_marked_spans_keep_spans_of_three_words_or_more():
    text = 'He said “yes” and then “no way at all”, and "not on my watch".'
    assert [text[s:e] for s, e in marked_spans(text)] == ["no way at all", "not on my watch"]
    assert len(marked_spans(text, 1)) == 3


def test_features_read_the_words_around_the_span_and_the_rules_view():
    start = TRANSCRIPT.index("We will")
    end = TRANSCRIPT.index("budget.”") + len("budget.")
    found = span_features(TRANSCRIPT, start, end, RuleView(True, "after-verb", True))
    missed = span_features(TRANSCRIPT, start, end, RuleView(False))
    assert {"b0_,", "b1_said", "s_we", "turn_q", "found_true", "method_after-verb"} <= set(found)
    assert {"found_false", "method_none", "spk_false"} <= set(missed)
    assert found == sorted(found)  # each feature once, in a fixed order


def test_fit_save_and_load_give_the_same_probabilities(tmp_path):
    speech = [["b0_said", "w_we"], ["b0_said", "w_i"], ["b0_said", "w_we"]]
    terms = [["b0_the", "w_plan"], ["b0_the", "w_roads"], ["b0_the", "w_plan"]]
    model = SpanFilter.fit(speech + terms, [True] * 3 + [False] * 3, c=10.0, threshold=0.5)
    assert model.predict_proba(["b0_said", "w_we"]) > 0.5 > model.predict_proba(["b0_the"])
    path = tmp_path / "model.json"
    model.save(path)
    loaded = SpanFilter.load(path)
    assert loaded.predict_proba(["b0_said"]) == pytest.approx(model.predict_proba(["b0_said"]))
    assert (loaded.weights, loaded.intercept, loaded.threshold) == (
        model.weights,
        model.intercept,
        model.threshold,
    )
    assert list(tmp_path.iterdir()) == [path]  # written whole, no temporary left


def _quote(text: str, words: str, kind: str = "quote", parent: int | None = None) -> Quote:
    start = text.index(words)
    return Quote(words, "X", start, start + len(words), kind=kind, parent=parent, method="m")


def test_filter_drops_below_the_threshold_and_adds_above_it():
    text = "A said “we will win this” and the “so called plan of theirs” was “a b c d” ok."
    kept = _quote(text, "we will win this")
    scare = _quote(text, "so called plan of theirs")
    at = scare.char_start
    inner = Quote("called", None, at + 3, at + 9, parent=at)
    turn = Quote("A said", "A", 0, 6, kind="turn", method="turn")
    model = SpanFilter({"w_we": 5.0, "w_called": -5.0, "w_c": 5.0}, 0.0, 0.5)
    added = []

    def add(start: int, end: int) -> Quote:
        added.append(text[start:end])
        return Quote(text[start:end], None, start, end, method="span-filter")

    out = filter_quotes(text, [kept, scare, inner, turn], model, add)
    assert added == ["a b c d"]
    assert [q.text for q in out] == ["we will win this", "a b c d", "A said"]  # turns last
    # what the model said of each quote it decided; nothing on the turn
    sigmoid_5 = round(1 / (1 + math.exp(-5.0)), 4)
    assert [q.speech_probability for q in out] == [sigmoid_5, sigmoid_5, None]


def test_the_speech_threshold_replaces_the_fitted_one():
    quotes = [q for q in extract_quotes(TRANSCRIPT) if q.kind == "quote"]
    spans = marked_spans(TRANSCRIPT)
    every = [q for q in extract_quotes(TRANSCRIPT, speech_threshold=0.0) if q.kind == "quote"]
    none = [q for q in extract_quotes(TRANSCRIPT, speech_threshold=1.0) if q.kind == "quote"]
    assert [q.text for q in every] == [TRANSCRIPT[s:e] for s, e in spans]  # each with its score
    assert all(0.0 < q.speech_probability < 1.0 for q in every)
    assert none == [] and len(quotes) < len(every)
    fitted = shipped_filter().threshold
    assert {q.text for q in quotes} == {q.text for q in every if q.speech_probability >= fitted}
    article = TRANSCRIPT.replace("Q    ", "").replace("MS. BERG:  ", "")  # no question turns
    assert {q.speech_probability for q in extract_quotes(article)} == {None}
    for text in (TRANSCRIPT, article):  # refused before any text is read
        with pytest.raises(ValueError, match="speech threshold must lie in"):
            extract_quotes(text, speech_threshold=1.5)


@pytest.mark.parametrize(("intercept", "kept"), [(-20.0, False), (20.0, True)])
def test_the_filter_decides_in_transcripts_only(monkeypatch, intercept, kept):
    article = TRANSCRIPT.replace("Q    ", "").replace("MS. BERG:  ", "")
    before = extract_quotes(article, kind="article")
    rules_only = replace(VERSIONS["v2"], learned_spans=False)
    by_rules = {q.text for q in extract_quotes(TRANSCRIPT, rules=rules_only) if q.kind == "quote"}
    monkeypatch.setattr(
        extractor, "shipped_filter", lambda threshold=None: SpanFilter({}, intercept, 0.5)
    )
    assert extract_quotes(article, kind="article") == before
    quotes = [q for q in extract_quotes(TRANSCRIPT) if q.kind == "quote"]
    if not kept:
        assert quotes == []
        return
    assert [q.text for q in quotes] == [TRANSCRIPT[s:e] for s, e in marked_spans(TRANSCRIPT)]
    added = [q.text for q in quotes if q.method == "span-filter"]
    assert added == ["The Big Roads Act"]  # a title: the rules leave it out
    assert added[0] not in by_rules


def test_an_explicit_rule_set_is_the_version_it_copies():
    assert extract_quotes(TRANSCRIPT, rules=VERSIONS["v1"]) == extract_quotes(
        TRANSCRIPT, version="v1"
    )


def test_the_shipped_model_never_read_the_held_out_seeds():
    model = shipped_filter()
    assert 0.0 < model.threshold < 1.0 and model.weights
    held_out = {name: sorted(seeds) for name, seeds in HELD_OUT.items()}
    assert model.meta["held_out_seeds"] == held_out
    assert set(model.meta["seeds"]) == {"transcript", "remarks"}
    for name, seeds in model.meta["seeds"].items():
        assert not set(seeds) & HELD_OUT[name]


def test_labels_leave_out_the_held_out_seeds():
    labels, full = read_labels()
    sources = {source for _, source in labels.values()}
    assert labels and not {(n, s) for n, seeds in HELD_OUT.items() for s in seeds} & sources
    assert {("transcript", s) for s in (6, 7, 8, 12, 17)} | {("remarks", 0)} <= full
    assert ("remarks", 2) not in sources and {n for n, _ in sources} == {"transcript", "remarks"}


def test_the_by_sample_figures_count_only_that_sample():
    import numpy as np

    from stance.extract.span_filter_fit import Examples, scores

    speech = np.array([True, False, True, True])
    data = Examples([], speech, speech.copy(), np.ones(4, bool), [], [0] * 4,
                    ["transcript", "transcript", "remarks", "remarks"])  # fmt: skip
    decided = np.array([True, True, False, True])
    assert scores(decided, data, "transcript")["precision"] == 0.5
    assert scores(decided, data, "remarks")["recall"] == 0.5
    assert scores(decided, data)["speech"] == 3


def test_fitting_refuses_to_overwrite_a_reading():
    with pytest.raises(SystemExit):
        main(["--output", str(READINGS / FULL[0]), "--report-only"])


def test_the_learning_curve_gives_one_row_a_share():
    import numpy as np

    from stance.extract.span_filter_fit import CURVE_SHARES, Examples, learning_curve

    speech = np.array([i % 2 == 0 for i in range(60)])
    features = [
        ["w_said", f"g{i % 7}"] if s else ["w_term", f"g{i % 7}"] for i, s in enumerate(speech)
    ]
    data = Examples(
        features, speech, speech, np.ones(60, bool), [f"d{i // 3}" for i in range(60)], [], []
    )
    curve = learning_curve(data, c=1.0, threshold=0.5)
    assert [row["share"] for row in curve] == list(CURVE_SHARES)
    assert curve[-1]["f1"] == 1.0 and all(0.0 <= row["precision"] <= 1.0 for row in curve)


def test_the_study_plot_is_written_whole(tmp_path):
    import numpy as np

    from stance.extract.span_filter_fit import Examples, plot_study

    speech = np.array([i % 3 != 0 for i in range(30)])
    data = Examples([], speech, speech.copy(), np.ones(30, bool), [], [], [])
    p = np.linspace(0, 1, 30)
    path = tmp_path / "curve.png"
    plot_study(data, p, {"recall": 0.9, "precision": 0.8, "threshold": 0.5}, path)
    assert path.read_bytes()[:4] == b"\x89PNG" and list(tmp_path.iterdir()) == [path]


def test_an_added_span_with_no_cue_takes_the_person_named_before_it(monkeypatch):
    text = (
        "MS. BERG:  Good afternoon.\n\n"
        "Q    Today, with Senator Maria Lopez’s comment that “no budget will pass this year,” "
        "do you expect a shutdown?\n\n"
        "MS. BERG:  No.\n"
    )
    monkeypatch.setattr(
        extractor, "shipped_filter", lambda threshold=None: SpanFilter({}, 20.0, 0.5)
    )
    rules_only = replace(VERSIONS["v2"], learned_spans=False)
    assert not [q for q in extract_quotes(text, rules=rules_only) if q.kind == "quote"]
    (added,) = [q for q in extract_quotes(text) if q.kind == "quote"]
    assert added.method == "span-filter" and added.speaker == "Maria Lopez"
    unnamed = replace(VERSIONS["v2"], added_speakers=False)
    (bare,) = [q for q in extract_quotes(text, rules=unnamed) if q.kind == "quote"]
    assert bare.text == added.text and bare.speaker is None


def test_the_turn_feature_reads_the_last_label_before_the_span():
    from stance.extract.span_filter import _asked_at

    text = "MS. BERG:  Hi.\nQ    Did he say “no more”?\nMS. BERG:  He said “not now at all.”\n"
    asked, answered = text.index("no more"), text.index("not now")
    assert _asked_at(text, asked) and not _asked_at(text, answered)
    assert not _asked_at(text, 0) and not _asked_at(text, text.index("Q") + 1)  # 'Q' + its space
    assert _asked_at(text, text.index("Q") + 2)
