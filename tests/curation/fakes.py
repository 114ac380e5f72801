"""Small fake corpora and datasets for the dataset pipeline tests."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from stance.data.dataset import DATASET_COLUMNS, LABELS, TARGET

ARTICLE = (
    "NATO chief warns against a bad deal for Ukraine\n"
    "Your support helps us to tell the story. Your support makes all the difference.\n"
    "Mark Rutte said: \u201cPutin is not interested in peace. He is pressing on, trying to "
    "take more territory. We will all need to do more for Ukraine.\u201d\n"
    "\u201cThe stronger our military support to Ukraine is now, the stronger their hand "
    "will be at the negotiating table,\u201d Mr Rutte said.\n"
)

UNGDC = {
    ("AAA", "77", "2022"): (
        "Alpha Person",
        "We meet in difficult times. The war in Ukraine must end through negotiations "
        "and a ceasefire now. We call on both sides to sit down and talk. Our country "
        "grows rice and coffee for the world market.\nClimate change threatens our islands "
        "and our people every single year.",
    ),
    ("BBB", "78", "2023"): (
        "Beta Leader",
        "Russia's aggression against Ukraine must be defeated. We will keep sending weapons "
        "to Kyiv for as long as it takes. Ukraine must win this war.",
    ),
}

MFA = [
    {
        "message_id": "101",
        "date": "2026-01-05T10:00:00+00:00",
        "text": "Sergey Lavrov: The Kiev regime must accept the new realities on the "
        "ground. Western arms supplies only prolong the conflict in Ukraine. We are open "
        "to talks that address the root causes.",
    },
    {
        "message_id": "102",
        "date": "2026-01-06T10:00:00+00:00",
        "text": "Maria Zakharova: The weather in Moscow was fine today and the ballet "
        "season opens next week with a new programme for the public.",
    },
]


def fake_shared(root: Path) -> Path:
    """A shared-data folder with the seed article, a tiny UNGDC and a tiny MFA corpus."""
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "000_test.txt").write_text(ARTICLE, encoding="utf-8")
    ungdc = root / "corpora" / "ungdc_2022_2023"
    ungdc.mkdir(parents=True)
    speakers = [
        {"Year": year, "Session": session, "ISO Code": iso, "Country": f"Country {iso}",
         "Name of Person Speaking": name, "Post": "President"}
        for (iso, session, year), (name, _) in UNGDC.items()
    ]  # fmt: skip
    pd.DataFrame(speakers).to_csv(ungdc / "speakers.csv", index=False)
    for (iso, session, year), (_, text) in UNGDC.items():
        folder = ungdc / f"session{session}_{year}"
        folder.mkdir(exist_ok=True)
        (folder / f"{iso}_{session}_{year}.txt").write_text(text, encoding="utf-8")
    mfa = root / "corpora" / "russian_mfa_telegram_en"
    mfa.mkdir(parents=True)
    pd.DataFrame(MFA).assign(urls="", has_photo="False", views="1").to_csv(
        mfa / "mfa_telegram.csv", index=False
    )
    return root


_WORDS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
]  # fmt: skip


def fake_quotes(
    docs: int = 60, per_doc: int = 5, speakers: int = 30, seed: int = 0
) -> pd.DataFrame:
    """A valid quotes table: unique random texts; one speaker per document (a second
    one in every fifth document), each speaker in several documents."""
    rng = random.Random(seed)
    rows = []
    for d in range(docs):
        doc_id = f"ungdc:D{d:03d}"
        offset = 0
        for u in range(per_doc):
            text = " ".join(rng.choice(_WORDS) for _ in range(14)).capitalize() + "."
            speaker = f"Speaker {_WORDS[d % speakers % 26].title()} {d % speakers}"
            if d % 5 == 0 and u % 2:  # some documents have a second speaker
                speaker = f"Guest {_WORDS[d % 26].title()} {d}"
            rows.append(
                {
                    "id": f"{doc_id}#{offset}",
                    "text": text,
                    "speaker": speaker,
                    "source": "ungdc",
                    "date": "2022-09-20",
                    "target": TARGET,
                    "label": LABELS[(d + u) % 3],
                    "doc_id": doc_id,
                    "link": "",
                    "char_start": str(offset),
                    "char_end": str(offset + len(text)),
                    "speaker_country": "AAA",
                    "speaker_group": "other",
                    "found_by": "v1_pool",
                    "annotator": "ann1",
                    "second_label": "",
                    "adjudicated": "false",
                    "annotation_note": "",
                }
            )
            offset += len(text) + 1
    return pd.DataFrame(rows, columns=DATASET_COLUMNS)
