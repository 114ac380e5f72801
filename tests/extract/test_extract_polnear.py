"""PolNeAR loading, gold definition, matching and metrics on a tiny brat corpus."""

from collections import Counter

import pytest

from stance.extract.polnear import (
    Article,
    GoldQuote,
    _count_speaker,
    evaluate_polnear,
    gold_quotes,
    holds_name,
    load_polnear,
    match,
    parse_ann,
    quoted_segments,
    speaker_matches,
)

TEXT = (
    "Title line.\n\n"
    "“We will win this race,” Smith said. “No doubt about it.”\n\n"
    "Jones called it “a total disaster for everyone.”\n"
)


def ann_for(text: str) -> str:
    q1 = text.index("“We")
    q2 = text.index("“No")
    q3s = text.index("it “a") + 3
    s1 = text.index("Smith")
    s2 = text.index("Jones")
    return "\n".join([
        f"T1\tContent {q1} {q1 + 25}\t“We will win this race,”",
        f"T2\tSource {s1} {s1 + 5}\tSmith",
        "E1\tContent:T1 Source:T2",
        f"T3\tContent {q2} {q2 + 20}\t“No doubt about it.”",
        "E2\tContent:T3 Source:T2",
        f"T4\tContent {s2 + 6} {text.index('everyone.') + 10}\tcalled it",
        f"T5\tSource {s2} {s2 + 5}\tJones",
        "E3\tContent:T4 Source:T5",
    ]) + f"\nT9\tContent {q3s} {q3s}\t\n"  # fmt: skip


@pytest.fixture
def corpus(tmp_path):
    for split in ("dev",):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir(parents=True)
        (tmp_path / split / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
        ann = tmp_path / split / "attributions" / "a1_ef2d.ann"
        ann.write_text(ann_for(TEXT), encoding="utf-8")
        (tmp_path / split / "attributions" / "a1_ffff.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_gold_segments_strip_marks_and_keep_speakers(corpus):
    (article,) = load_polnear(corpus, "dev")
    gold = [(TEXT[g.start : g.end], g.source) for g in gold_quotes(article)]
    assert gold == [
        ("We will win this race", "Smith"),
        ("No doubt about it.", "Smith"),
        ("a total disaster for everyone.", "Jones"),
    ]


def test_quoted_segments_widen_to_adjacent_marks():
    text = "He said “inside the marks here” today."
    start, end = text.index("inside"), text.index("” today")
    assert [text[a:b] for a, b in quoted_segments(text, start, end)] == ["inside the marks here"]
    assert [text[a:b] for a, b in quoted_segments(text, start, start + 10)] == ["inside the"]


def test_speaker_matching_rule():
    assert speaker_matches("Josh Earnest", "Press Secretary Josh Earnest")
    assert speaker_matches("Charles Barkley", "Barkley")
    assert not speaker_matches("Donald Trump", "Hillary Clinton")
    assert not speaker_matches(None, "Smith")


def test_speaker_matching_reads_the_name_before_an_apposition():
    assert speaker_matches("Erin Murphy", "Murphy, now a consultant on Burma in the private sector")
    assert speaker_matches("Jim Clyburn", "Rep. Jim Clyburn (D-S.C.), the assistant leader")
    assert speaker_matches("Bernie Sanders", "Sanders, whose candidacy was founded on the rich")
    assert not speaker_matches("Hillary Clinton", "a spokesman for Clinton, Brian Fallon")


def test_one_to_one_overlap_matching():
    assert match([(0, 10), (0, 9)], [(0, 10)], 0.5) == [(0, 0)]
    assert match([(0, 4)], [(0, 10)], 0.5) == []


def test_evaluation_scores(corpus):
    report = evaluate_polnear(corpus, "dev")
    assert report["n_gold"] == 3 and report["n_pred"] == 3
    assert report["exact"]["f1"] == pytest.approx(1.0)
    assert report["speaker_accuracy"] == pytest.approx(1.0)
    with pytest.raises(FileNotFoundError, match="test"):
        evaluate_polnear(corpus, "test")


def test_gold_reads_doubled_single_marks():
    text = "Mr. Sloan said, ''We are going to enact the changes,'' at the meeting."
    start, end = text.index("''We"), text.index(" at the")
    assert [text[a:b] for a, b in quoted_segments(text, start, end)] == [
        "We are going to enact the changes"
    ]


def test_names_only_accuracy_never_credits_a_bare_pronoun():
    gold = GoldQuote(0, 10, "she", "Jane Roe", "Jane Roe")
    for predicted, old, names_only in (("she", 1, 0), ("Jane Roe", 1, 1), ("John Doe", 0, 0)):
        counts = Counter()
        _count_speaker(counts, predicted, gold)
        assert (counts["speaker_ok"], counts["names_ok"]) == (old, names_only)
    counts = Counter()
    _count_speaker(counts, "Jane Roe", GoldQuote(0, 10, "she", "she", ""))  # no name to match
    assert counts["names_ok"] == 0


@pytest.mark.parametrize(
    ("mention", "named"),
    [
        ("Hillary Clinton", True),
        ("Mr. King", True),
        ("Rep. King", True),
        ("King", True),
        ("Russia", True),
        ("the Kremlin", True),
        ("FBI", True),
        ("the Russian leader", False),
        ("Obama’s former campaign strategist", False),
        ("The radioman", False),
        ("one senior Democrat", False),
        ("The President", False),
        ("President", False),
        ("The Republican nominee", False),
        ("one senior Democrat", False),
        ("He", False),
        ("the Vermont senator", False),
        ("A top Donald Trump adviser", False),
        ("a spokesman for Clinton", False),
        ("a Twitter spokesman", False),
        ("an interview with The New York Times at the time", False),
        ("a member who supports Trump", False),
        ("a spokesman for Clinton, Brian Fallon", True),
        ("the F.B.I. director, James B. Comey,", True),
        ("The Washington Post columnist Ruth Marcus", True),
        ("The Holocaust Memorial Museum in Washington", True),
        ("the Bank of England", True),
    ],
)
def test_holds_name_tells_names_from_descriptions(mention, named):
    assert holds_name(mention) is named


def test_names_only_credits_the_name_a_description_stands_for_not_the_description():
    described = GoldQuote(0, 10, "the Russian leader", "the Russian leader", "Vladimir Putin")
    for predicted, credited in (("the Russian leader", False), ("Vladimir Putin", True)):
        counts = Counter()
        _count_speaker(counts, predicted, described)
        assert counts["names_ok"] == credited


def _article(text: str, attributions: list[tuple[str, str]]) -> Article:
    """An article whose i-th attribution is (content, source): the first occurrence of each,
    a source written as 'X said' ending before ' said'."""
    ann = []
    for n, (content, source) in enumerate(attributions):
        start, src = text.index(content), text.index(source)
        end = src + len(source.removesuffix(" said"))
        ann += [
            f"T{2 * n + 1}\tContent {start} {start + len(content)}\t{content}",
            f"T{2 * n + 2}\tSource {src} {end}\t{text[src:end]}",
            f"E{n + 1}\tContent:T{2 * n + 1} Source:T{2 * n + 2}",
        ]
    return Article("a", text, parse_ann(text, "\n".join(ann) + "\n"))


def test_gold_name_of_a_description_is_the_nearest_earlier_source_holding_a_name():
    text = (
        "Jane Roe spoke first. “We will act,” Jane Roe said.\n\n"
        "The Republican nominee spoke. “We will win,” the Republican nominee said.\n"
    )
    article = _article(
        text, [("“We will act,”", "Jane Roe said"), ("“We will win,”", "the Republican nominee")]
    )
    golds = gold_quotes(article)
    assert [g.named_source for g in golds] == ["Jane Roe", "Jane Roe"]
    assert golds[1].antecedent == "the Republican nominee"  # the old rule, for speaker_accuracy


def test_gold_name_of_he_or_she_agrees_in_gender_and_skips_bodies():
    text = (
        "“We act,” Sandra Lee said. “We wait,” Tom Hill said. “We vote,” the FBI said.\n\n"
        "Later she said “we win” and he said “we lose”.\n"
    )
    article = _article(
        text,
        [
            ("“We act,”", "Sandra Lee said"),
            ("“We wait,”", "Tom Hill said"),
            ("“We vote,”", "the FBI said"),
            ("“we win”", "she said"),
            ("“we lose”", "he said"),
        ],
    )
    names = {g.source: g.named_source for g in gold_quotes(article)}
    assert (names["she"], names["he"]) == ("Sandra Lee", "Tom Hill")


def test_an_indefinite_description_has_no_gold_name():
    text = "“We act,” Jane Roe said. “We wait,” a Roe adviser said.\n"
    article = _article(text, [("“We act,”", "Jane Roe said"), ("“We wait,”", "a Roe adviser said")])
    assert [g.named_source for g in gold_quotes(article)] == ["Jane Roe", ""]


def test_speaker_match_ignores_a_generational_suffix():
    assert speaker_matches("Admiral Harris", "Harry B. Harris Jr.")


def test_report_has_both_speaker_accuracies(corpus):
    report = evaluate_polnear(corpus, "dev")
    assert report["speaker_accuracy_names_only"] == pytest.approx(1.0)
    assert "speaker_accuracy" in report
