"""The White House regex reference: spans, missed-span records, hand classes, speech recall."""

import pytest

from stance.errors import DataError
from stance.extract.documents import Document
from stance.extract.reference import read_classes, reference_spans, score, speech_recall

TEXT = (
    "Signs on the road read “no parking at all” and “Freedom for Ukraine Act” in red.\n\n"
    "Senator John Smith said, “We will fund the army this year.”\n"
)


def test_reference_spans_keep_spans_of_three_words_or_more():
    spans = [TEXT[s:e] for s, e in reference_spans(TEXT)]
    assert spans == [
        "no parking at all",
        "Freedom for Ukraine Act",
        "We will fund the army this year.",
    ]
    assert len(reference_spans("He said “yes” and “no way”.", 1)) == 2


def test_score_records_every_missed_span_with_its_context():
    scores, misses, found = score([Document("doc:1", TEXT)], "wrapped")
    assert scores["n_reference"] == 3 and scores["n_matched"] == len(found) == 1
    assert found[0]["text"] == "We will fund the army this year."
    assert [m["text"] for m in misses] == ["no parking at all", "Freedom for Ukraine Act"]
    miss = misses[0]
    assert miss["sample"] == "wrapped" and miss["doc_id"] == "doc:1"
    assert TEXT[miss["start"] : miss["end"]] == miss["text"]
    assert miss["before"] == "Signs on the road read “" and miss["after"].startswith(
        "” and “Freedom"
    )


def test_speech_recall_counts_only_misses_classed_speech(tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text(
        "# made by hand\ndoc_id,start,end,class,reason\nd,0,5,title,a law\nd,9,20,speech,said\n",
        encoding="utf-8",
    )
    classes = read_classes(path)
    misses = [{"doc_id": "d", "start": 0, "end": 5}, {"doc_id": "d", "start": 9, "end": 20},
              {"doc_id": "d", "start": 30, "end": 40}]  # fmt: skip
    result = speech_recall({"n_matched": 3}, misses, classes)
    assert result == {
        "missed_by_class": {"speech": 1, "title": 1, "unclassified": 1},
        "speech_recall": 0.75,
    }


def test_read_classes_names_the_row_of_a_bad_class(tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text("doc_id,start,end,class\nd,0,5,quote\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"classes.csv: row 2: class 'quote'"):
        read_classes(path)


def test_samples_of_different_seeds_are_disjoint(monkeypatch):
    import stance.extract.reference as reference

    docs = [Document(f"wh:press-briefings/{i}", "x") for i in range(10)]
    monkeypatch.setattr(reference, "load_corpus", lambda name, shared: iter(docs))
    first, second = reference.sample(4, 0), reference.sample(4, 1)
    assert len(first["transcript"]) == len(second["transcript"]) == 4
    ids = [{d.doc_id for d in s["transcript"]} for s in (first, second)]
    assert not ids[0] & ids[1]
    assert reference.sample(4, 0) == first  # seed 0 does not move


def test_an_empty_sample_scores_null_not_zero():
    scores, misses, _ = score([], "wrapped")
    assert scores["n_docs"] == 0 and scores["precision"] is None and scores["recall"] is None
    assert speech_recall(scores, misses, {})["speech_recall"] is None


def test_several_seeds_pool_their_disjoint_samples(monkeypatch):
    import stance.extract.reference as reference

    docs = [Document(f"wh:press-briefings/{i}", "x") for i in range(10)]
    monkeypatch.setattr(reference, "load_corpus", lambda name, shared: iter(docs))
    pooled = reference.pooled_sample(3, [1, 2])["transcript"]
    one, two = reference.sample(3, 1)["transcript"], reference.sample(3, 2)["transcript"]
    assert pooled == one + two and len({d.doc_id for d in pooled}) == 6
    assert reference._parser().parse_args(["--seed", "3", "4"]).seed == [3, 4]


def test_found_precision_counts_speech_among_read_quotes_and_right_speakers():
    from stance.extract.reference import found_precision

    reading = {
        ("d", 0, 5): {"class": "speech", "true_speaker": "Jane Roe"},
        ("d", 9, 20): {"class": "speech", "true_speaker": "Tom Hall"},
        ("d", 30, 40): {"class": "term", "true_speaker": ""},
    }
    found = [
        {"doc_id": "d", "start": 0, "end": 5, "speaker": "Roe"},
        {"doc_id": "d", "start": 9, "end": 20, "speaker": "the senator"},
        {"doc_id": "d", "start": 30, "end": 40, "speaker": None},
        {"doc_id": "d", "start": 50, "end": 60, "speaker": None},
    ]
    result = found_precision(found, reading)
    assert result["found_by_class"] == {"speech": 2, "term": 1, "unread": 1}
    assert result["speech_precision"] == 0.667
    assert (result["speaker_right"], result["n_speaker_read"]) == (0.5, 2)


def test_speech_recall_read_leaves_out_matched_spans_read_as_non_speech():
    from stance.extract.reference import speech_recall_read

    reading = {
        ("d", 0, 10): {"class": "speech"},
        ("d", 20, 30): {"class": "other"},
        ("d", 40, 50): {"class": "speech"},
    }
    found = [
        {"doc_id": "d", "start": 0, "end": 10, "matched": True},
        {"doc_id": "d", "start": 20, "end": 30, "matched": True},
        {"doc_id": "d", "start": 60, "end": 70, "matched": True},  # unread: counted
    ]
    misses = [
        {"doc_id": "d", "start": 41, "end": 50},  # a dropped quote read as speech
        {"doc_id": "d", "start": 80, "end": 90},  # classed in the misses reading
        {"doc_id": "d", "start": 95, "end": 99},  # in neither reading
    ]
    classes = {("d", 80, 90): "speech"}
    assert speech_recall_read(found, misses, classes, reading) == {"speech_recall_read": 0.5}


def test_span_reading_scores_every_read_span_whatever_the_found_offsets():
    from stance.extract.reference import span_reading_scores

    rows = {
        ("d", 0, 10): {"class": "speech", "true_speaker": "Jane Roe"},
        ("d", 20, 30): {"class": "other", "true_speaker": ""},
        ("d", 40, 50): {"class": "speech", "true_speaker": "Tom Hall"},
        ("d", 60, 70): {"class": "speech", "true_speaker": ""},
        ("e", 0, 10): {"class": "speech", "true_speaker": "Ann Lee"},  # not in the sample
    }
    found = [
        {"doc_id": "d", "start": 1, "end": 10, "speaker": "Roe"},  # trimmed: still that span
        {"doc_id": "d", "start": 20, "end": 30, "speaker": "Roe"},
        {"doc_id": "d", "start": 40, "end": 50, "speaker": "Roe"},
        {"doc_id": "d", "start": 80, "end": 82, "speaker": None},  # short: no read span
    ]
    misses = [{"doc_id": "d", "start": 60, "end": 70}]
    result = span_reading_scores(found, misses, rows, {"d"})
    assert (result["n_speech_spans"], result["speech_recall"]) == (3, 0.667)
    assert result["found_by_class"] == {"other": 1, "speech": 2, "unread": 1}
    assert result["speech_precision"] == 0.667
    assert result["speech_recall_ci"] == result["speech_precision_ci"] == [0.208, 0.939]  # 2/3
    assert (result["speaker_right"], result["n_speaker_read"]) == (0.5, 2)


def test_several_span_readings_are_read_as_one_and_may_not_overlap(tmp_path):
    from stance.extract.reference import _parser, read_readings

    header = "sample,seed,doc_id,start,end,class,true_speaker\n"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(header + "transcript,9,d,0,10,speech,Jane Roe\n", encoding="utf-8")
    second.write_text(header + "transcript,18,e,5,9,term,\n", encoding="utf-8")
    rows = read_readings([first, second])
    assert {key: row["class"] for key, row in rows.items()} == {
        ("d", 0, 10): "speech",
        ("e", 5, 9): "term",
    }
    second.write_text(header + "transcript,18,d,0,10,other,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"b\.csv: span \('d', 0, 10\) is read in an earlier"):
        read_readings([first, second])
    args = _parser().parse_args(["--span-reading", str(first), str(second)])
    assert args.span_reading == [first, second]


def test_reading_agreement_compares_classes_and_names_on_the_spans_both_read():
    from stance.extract.reference import reading_agreement

    first = {
        ("d", 0, 5): {"class": "speech", "true_speaker": "Jane Roe"},
        ("d", 9, 20): {"class": "speech", "true_speaker": "Tom Hall"},
        ("d", 30, 40): {"class": "term", "true_speaker": ""},
        ("d", 50, 60): {"class": "other", "true_speaker": ""},  # not read twice
    }
    second = {
        ("d", 0, 5): {"class": "speech", "true_speaker": "Roe"},
        ("d", 9, 20): {"class": "speech", "true_speaker": "Ann Lee"},
        ("d", 30, 40): {"class": "other", "true_speaker": ""},
    }
    result = reading_agreement(first, second)
    assert (result["n_both"], result["class_agreement"]) == (3, 0.667)
    assert (result["n_both_named"], result["speaker_agreement"]) == (2, 0.5)
    assert result["class_kappa"] is not None and result["class_kappa"] < 1


def test_remarks_are_drawn_only_when_asked_and_leave_the_default_samples_as_they_were(
    monkeypatch,
):
    import stance.extract.reference as reference

    briefings = [Document(f"wh:press-briefings/{i}", "x") for i in range(6)]
    remarks = [Document(f"wh:speeches-remarks/{i}", "Q    Sir, will you?\n") for i in range(6)]
    speech = [Document("wh:speeches-remarks/no-questions", "Thank you all.\n")]
    docs = briefings + remarks + speech
    monkeypatch.setattr(reference, "load_corpus", lambda name, shared: iter(docs))
    default = reference.sample(3, 1)
    assert set(default) == {"wrapped", "transcript"}
    both = reference.sample(3, 1, ("remarks", "transcript", "wrapped"))
    assert both["transcript"] == default["transcript"]
    assert {d.doc_id for d in both["remarks"]} <= {d.doc_id for d in remarks}
    assert len(reference.pooled_sample(3, [0, 1], ["remarks"])["remarks"]) == 6
    with pytest.raises(ValueError, match="unknown sample group"):
        reference.sample(3, 0, ["speeches"])
    assert reference._parser().parse_args(["--groups", "remarks"]).groups == ["remarks"]


def test_without_filter_scores_the_rules_alone(monkeypatch):
    import stance.extract.reference as reference
    from stance.extract import extractor
    from stance.extract.span_filter import SpanFilter

    text = (
        "MS. BERG:  Good afternoon.\n\n"
        "Q    Is that in “The Big Roads Act”?  The Senator said, “We will not pass it.”\n\n"
        "MS. BERG:  Thanks.\n"
    )
    doc = Document("wh:press-briefings/x", text)
    monkeypatch.setattr(reference, "pooled_sample", lambda n, seeds, groups: {"transcript": [doc]})
    monkeypatch.setattr(reference, "corpus_sha256", lambda: "")
    monkeypatch.setattr(
        extractor, "shipped_filter", lambda threshold=None: SpanFilter({}, 20.0, threshold or 0.5)
    )
    kept_all = reference.main(2, [0])["transcript"]["v2_auto"]["n_found"]
    strict = reference.main(2, [0], speech_threshold=1.0)["transcript"]["v2_auto"]["n_found"]
    assert strict == 0  # no span is certain
    assert reference._parser().parse_args(["--speech-threshold", "0.7"]).speech_threshold == 0.7
    rules = reference.main(2, [0], without_filter=True)["transcript"]["v2_auto"]["n_found"]
    assert (kept_all, rules) == (2, 1)  # the filter adds the title the rules leave out
    assert reference._parser().parse_args(["--without-filter"]).without_filter
    off = reference.main(2, [0], without=["learned_spans"])["transcript"]["v2_auto"]["n_found"]
    assert off == rules
    assert reference._parser().parse_args(["--without", "nested"]).without == ["nested"]
    with pytest.raises(SystemExit):
        reference._parser().parse_args(["--without", "no_such_rule"])


def test_turn_units_are_counted_and_any_rule_can_be_switched_off(monkeypatch):
    import stance.extract.reference as reference
    from tests.extract.conftest import REMARKS

    doc = Document("wh:speeches-remarks/x", REMARKS, roles={"president": "Joe Biden"})
    monkeypatch.setattr(reference, "pooled_sample", lambda n, seeds, groups: {"remarks": [doc]})
    monkeypatch.setattr(reference, "corpus_sha256", lambda: "")
    turns = reference.main(1, [0], groups=["remarks"])["remarks"]["v2_auto"]["n_turns"]
    off = reference.main(1, [0], groups=["remarks"], without=["questioned_speeches"])
    assert turns > 0 and off["remarks"]["v2_auto"]["n_turns"] == 0


def test_turn_units_that_hold_a_question_are_counted(monkeypatch):
    import stance.extract.reference as reference

    text = (  # one space after "Q", as later briefings write it
        "MS. BERG: Good afternoon.\n\nQ When will the aid arrive?\n\n"
        "MS. BERG: Soon.\n\nMR. HILL: And in full.\n"
    )
    doc = Document("wh:press-briefings/x", text)
    monkeypatch.setattr(reference, "pooled_sample", lambda n, seeds, groups: {"transcript": [doc]})
    monkeypatch.setattr(reference, "corpus_sha256", lambda: "")

    def asking(*rules: str) -> int:
        return reference.main(1, [0], without=list(rules))["transcript"]["v2_auto"][
            "n_turns_asking"
        ]

    assert asking() == 0
    assert asking("single_space_questions") == 1  # the question ran on in Ms. Berg's turn
