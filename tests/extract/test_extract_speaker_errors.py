"""Speaker-error categories on a tiny PolNeAR-style corpus."""

from stance.extract.extractor import Quote
from stance.extract.polnear import GoldQuote, gold_quotes, load_polnear
from stance.extract.speaker_errors import categorize, reading_agreement, speaker_errors


def quote(speaker: str | None, mention: str = "", method: str = "verb-subject") -> Quote:
    return Quote("x", speaker, 0, 1, mention=mention, method=method)


def test_categories_in_order():
    gold = GoldQuote(0, 1, "he", "Tom Baker", "Tom Baker")
    described = GoldQuote(0, 1, "He", "The Republican nominee", "")
    assert categorize(quote("Donald Trump", "he"), described) == "gold-description"
    assert categorize(quote("the mayor", "the mayor"), gold) == "description-as-speaker"
    assert categorize(quote(None, "she"), gold) == "pronoun-unresolved"
    assert categorize(quote("Anna Berg", "she"), gold) == "pronoun-wrong"
    assert categorize(quote("Anna Berg", "Berg", "continuation"), gold) == "continuation-wrong"
    assert categorize(quote("Anna Berg", "Anna Berg"), gold) == "other"


TEXT = "“We will win this race easily,” Tom Baker said.\n\n“We lost it,” Anna Berg said.\n"


def _corpus(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    lines = []
    for n, (content, source) in enumerate(
        [("“We will win this race easily,”", "Tom Baker"), ("“We lost it,”", "Tom Baker")]
    ):  # the gold gives the second quote to Tom Baker too: one error
        start, src = TEXT.index(content), TEXT.index(source)
        lines += [
            f"T{2 * n + 1}\tContent {start} {start + len(content)}\t{content}",
            f"T{2 * n + 2}\tSource {src} {src + len(source)}\t{TEXT[src : src + len(source)]}",
            f"E{n + 1}\tContent:T{2 * n + 1} Source:T{2 * n + 2}",
        ]
    ann = tmp_path / "dev" / "attributions" / "a1_x.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_errors_are_the_names_only_failures(tmp_path):
    (error,) = speaker_errors(_corpus(tmp_path), "dev")
    assert (error.category, error.quote.speaker, error.gold.source) == (
        "other",
        "Anna Berg",
        "Tom Baker",
    )


def test_reading_agreement_compares_the_credit_with_a_blind_reading(tmp_path):
    root = _corpus(tmp_path)
    reading = tmp_path / "reading.csv"
    first, second = gold_quotes(load_polnear(root, "dev")[0])
    reading.write_text(
        "# read blind\nsplit,article,start,end,reader_speaker,note\n"
        f"dev,a1,{first.start},{first.end},Tom Baker,said\n"
        f"dev,a1,{second.start},{second.end},Anna Berg,the gold is wrong here\n",
        encoding="utf-8",
    )
    result = reading_agreement(root, reading)
    assert (result["n"], result["reader_credits"], result["scorer_credits"]) == (2, 2, 1)
    assert (result["agree"], result["reader_only"], result["gold_name_is_reader_name"]) == (1, 1, 1)
    assert (result["scorer_accuracy"], result["reader_accuracy"]) == (0.5, 1.0)
    low, high = result["reader_accuracy_ci95"]
    assert 0.3 < low < 0.5 and high == 1.0  # Wilson: wide for two rows, capped at 1
