"""The gazetteer: speaker names normalised, persons told from organisations."""

from __future__ import annotations

import pytest

from stance.curation import gazetteer as g


@pytest.mark.parametrize(
    ("raw", "source", "expected"),
    [
        ("APNSA Jake Sullivan", "whitehouse", "Jake Sullivan"),
        ("Admiral John Kirby", "whitehouse", "John Kirby"),
        ("the President of Ukraine", "zelenskyy", "Volodymyr Zelenskyy"),
        ("the authors", "zelenskyy", ""),
        ("Large Rodion Miroshnik", "mfa", "Rodion Miroshnik"),
        ("Sergei Lavrov", "kremlin", "Sergey Lavrov"),
        ("Pedro Sanchez Perez-Castejon", "ungdc", "Pedro Sanchez Perez-Castejon"),
        (None, "kremlin", ""),
    ],
)
def test_normalise_speaker(raw, source, expected):
    assert g.normalise_speaker(raw, source) == expected


@pytest.mark.parametrize(
    "name", ["Fox News", "Cold War", "Administration Official", "Q", "Kirby", "START Treaty"]
)
def test_looks_like_person_rejects_organisations_and_fragments(name):
    assert not g.looks_like_person(name)


def test_speaker_names_complete_surnames():
    names = g.SpeakerNames([("whitehouse", "John Kirby"), ("whitehouse", "Admiral John Kirby")])
    assert names("Kirby", "whitehouse") == "John Kirby"
    assert names("Admiral John Kirby", "whitehouse") == "John Kirby"
    assert names("Kirby", "kremlin") == ""
