"""Speaker turns in transcripts."""

from stance.extract.turns import find_turns, label_name

KREMLIN = (
    "Speech at the meeting President of Russia Vladimir Putin: Colleagues, friends. "
    "We agree. Question: What next? Vladimir Putin: We will see."
)
WH = "MS. PSAKI:  Hi everyone.\n\nQ    Thanks, Jen.\n\nMS. PSAKI:  Sure."


def test_kremlin_inline_turns():
    turns = find_turns(KREMLIN)
    assert [t.label for t in turns] == [
        "President of Russia Vladimir Putin",
        "Question",
        "Vladimir Putin",
    ]
    assert [t.named for t in turns] == [True, False, True]
    assert KREMLIN[turns[0].start : turns[0].end].strip() == "Colleagues, friends. We agree."


def test_white_house_turns_and_questions():
    turns = find_turns(WH)
    assert [(t.label, t.named) for t in turns] == [
        ("MS. PSAKI", True),
        ("Q", False),
        ("MS. PSAKI", True),
    ]


def test_label_names():
    assert label_name("President of Russia Vladimir Putin") == "Vladimir Putin"
    assert label_name("President of the Republic of Belarus Alexander Lukashenko") == (
        "Alexander Lukashenko"
    )
    assert label_name("MR. KIRBY") == "Kirby"
    assert label_name("Emmanuel Macron Macron EmmanuelPresident of France") == "Emmanuel Macron"
