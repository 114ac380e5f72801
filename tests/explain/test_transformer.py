"""Integrated-gradient attributions on a tiny random BERT: alignment and completeness."""

import pandas as pd
import pytest

from stance.config import TransformerConfig
from stance.explain.transformer import centred_logits, explain_row, explain_transformer
from stance.explain.words import word_spans
from tests.conftest import LABELS

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("captum")


def classifier_of(backbone, target_mode: str):
    """An untrained classifier on the tiny random backbone: attributions need no training."""
    from stance.models.transformer import TransformerStanceClassifier, _load_pretrained

    cfg = TransformerConfig.model_validate(
        {
            "kind": "transformer",
            "backbone": str(backbone),
            "max_length": 32,
            "target_mode": target_mode,
        }
    )
    classifier = TransformerStanceClassifier(
        cfg, LABELS, seed=0, target_text={"ukraine": "ukraine"}
    )
    classifier.tokenizer, classifier.model = _load_pretrained(str(backbone), LABELS, target_mode)
    classifier.targets = ["ukraine"]
    classifier.model.eval()
    return classifier


def score(classifier, text: str, target: str | None, k: int) -> float:
    args = (text,) if target is None else (target, text)
    encoded = classifier.tokenizer(*args, return_tensors="pt")
    forward = centred_logits(classifier.model)
    with torch.no_grad():
        return float(
            forward(encoded["input_ids"], encoded["attention_mask"], encoded.get("token_type_ids"))[
                0, k
            ]
        )


@pytest.mark.parametrize("target_mode", ["none", "pair"])
def test_attributions_sum_to_the_score_change_from_the_baseline(tiny_backbone, target_mode):
    classifier = classifier_of(tiny_backbone, target_mode)
    text = "We must send more weapons to Ukraine, now!"
    target = "ukraine" if target_mode == "pair" else None
    explanation, delta = explain_row(classifier, text, target, "pro_aid", steps=64)
    full = score(classifier, text, target, LABELS.index("pro_aid"))
    assert explanation.score == pytest.approx(full, abs=2e-2)  # base + words = f(quote)
    assert abs(delta) < 2e-2
    change = full - explanation.base
    assert sum(explanation.word_push) == pytest.approx(change, abs=2e-2)
    assert explanation.unplaced == pytest.approx(0.0, abs=1e-6)  # special tokens, target: unchanged


def test_word_pieces_are_merged_into_whitespace_words(tiny_backbone):
    classifier = classifier_of(tiny_backbone, "none")
    text = "We must send more weapons to Ukraine, now!"  # "Ukraine," and "now!" are two tokens each
    explanation, _ = explain_row(classifier, text, None, "neutral", steps=16)
    assert explanation.words == word_spans(text)
    assert len(explanation.word_push) == 8
    assert all(push != 0 for push in explanation.word_push)
    pieces = classifier.tokenizer.tokenize(text)
    assert len(pieces) > 8  # punctuation is its own token, yet every word has one push
    assert {t.text for t in explanation.terms} == {
        "we",
        "must",
        "send",
        "more",
        "weapons",
        "to",
        "ukraine",
        "now",
    }
    assert not explanation.truncated


def test_words_past_the_input_length_are_flagged(tiny_backbone):
    classifier = classifier_of(tiny_backbone, "none")
    text = " ".join(["weapons"] * 40)
    explanation, _ = explain_row(classifier, text, None, "pro_aid", steps=4)
    assert explanation.truncated
    assert explanation.word_push[-1] == 0.0 and explanation.word_push[0] != 0.0


def test_explains_each_row_for_its_label(tiny_backbone):
    classifier = classifier_of(tiny_backbone, "pair")
    frame = pd.DataFrame(
        {"text": ["Stop the weapons", "The weather delayed the convoy"], "target": ["ukraine", ""]}
    )
    explanations = explain_transformer(classifier, frame, ["pro_concession", "neutral"], steps=8)
    assert [e.label for e in explanations] == ["pro_concession", "neutral"]
    assert [len(e.word_push) for e in explanations] == [3, 5]
    assert all("completeness error" in e.notes[0] for e in explanations)
