"""Explaining a fine-tuned transformer: integrated gradients on its word embeddings (captum).

Why integrated gradients: their attributions add up to the change of the score
between a blank baseline and the quote (completeness), so a word's push is a
share of the score, as with TF-IDF's coefficient × value; they need only
gradients, and are deterministic, unlike sampling methods (LIME, SHAP) that need
many more forward passes on a CPU. `captum.attr.LayerIntegratedGradients`
integrates on the output of the word-embedding layer, so token ids stay
integers; positions and segment ids are the quote's own in the baseline too.

The explained score is the class's logit minus the mean logit (softmax ignores a
shift shared by the classes), the same score as for TF-IDF logistic regression.
The baseline replaces the quote's tokens by [PAD] and keeps the special tokens
and the target text the model reads beside the quote. Word pieces are summed
into the whitespace-separated words they fall in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pandas as pd
import torch

from stance.errors import SetupError
from stance.explain.words import Explanation, Term, strongest, word_spans
from stance.models.base import as_frame

DEFAULT_STEPS = 32  # Riemann steps of the path integral: CPU-sized, completeness within ~1e-2


def _captum():
    try:
        from captum.attr import LayerIntegratedGradients
    except ImportError:
        raise SetupError(
            "explaining a transformer needs captum: pip install 'stance[explain]'"
        ) from None
    return LayerIntegratedGradients


def centred_logits(model):
    """The forward function explained: each class's logit minus the mean logit."""

    def forward(input_ids, attention_mask, token_type_ids=None):
        extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
        logits = model(input_ids=input_ids, attention_mask=attention_mask, **extra).logits
        return logits - logits.mean(dim=-1, keepdim=True)

    return forward


def _word_of_tokens(offsets, sequence_ids, text_sequence: int, spans) -> list[int | None]:
    """The index of the word each token of the quote falls in (None: special or target)."""
    owners: list[int | None] = []
    for (start, end), sequence in zip(offsets, sequence_ids, strict=True):
        if sequence != text_sequence or end <= start:
            owners.append(None)
            continue
        owners.append(next((i for i, (s, e) in enumerate(spans) if s <= start < e), None))
    return owners


def explain_row(
    classifier, text: str, target_text: str | None, label: str, steps: int = DEFAULT_STEPS
) -> tuple[Explanation, float]:
    """The explanation of one quote and the convergence delta of the integral (the
    completeness error: attributions' sum minus the score's change from the baseline)."""
    tokenizer, model = classifier.tokenizer, classifier.model
    args = (text,) if target_text is None else (target_text, text)
    encoded = tokenizer(
        *args,
        truncation=True,
        max_length=classifier.cfg.max_length,
        return_offsets_mapping=True,
        return_tensors="pt",
    )
    offsets = encoded.pop("offset_mapping")[0].tolist()
    sequence_ids = encoded.sequence_ids(0)
    text_sequence = 0 if target_text is None else 1
    device = next(model.parameters()).device
    input_ids = encoded["input_ids"].to(device)
    quote_tokens = torch.tensor([s == text_sequence for s in sequence_ids], device=device)
    baseline = input_ids.clone()
    baseline[0, quote_tokens] = tokenizer.pad_token_id or 0
    extra = [encoded["attention_mask"].to(device)]
    if "token_type_ids" in encoded:
        extra.append(encoded["token_type_ids"].to(device))
    k = classifier.labels.index(label)
    forward = centred_logits(model)
    integrated = _captum()(forward, model.get_input_embeddings())
    with torch.autocast(device.type, enabled=False):  # gradients in fp32, whatever the setting
        attributions, delta = integrated.attribute(
            input_ids,
            baselines=baseline,
            target=k,
            additional_forward_args=tuple(extra),
            n_steps=steps,
            internal_batch_size=steps,
            return_convergence_delta=True,
        )
        with torch.no_grad():
            base = float(forward(baseline, *extra)[0, k])
    token_push = attributions.sum(dim=-1)[0].detach().float().cpu().tolist()
    spans = word_spans(text)
    owners = _word_of_tokens(offsets, sequence_ids, text_sequence, spans)
    word_push = [0.0] * len(spans)
    unplaced = 0.0
    for owner, push in zip(owners, token_push, strict=True):
        if owner is None:
            unplaced += push  # special tokens keep their ids: their push is ~0
        else:
            word_push[owner] += push
    read = {owner for owner in owners if owner is not None}
    by_word: dict[str, float] = defaultdict(float)
    for i in read:
        start, end = spans[i]
        by_word[text[start:end].strip(".,;:!?\"'()[]“”‘’«»").lower() or text[start:end]] += (
            word_push[i]
        )
    terms = strongest(Term("word", word, push) for word, push in by_word.items())
    explanation = Explanation(
        text, label, spans, word_push, terms, base, unplaced, truncated=len(read) < len(spans)
    )
    return explanation, float(delta.abs().max())


def explain_transformer(
    classifier, frame: pd.DataFrame, labels_to_explain: Sequence[str], steps: int = DEFAULT_STEPS
) -> list[Explanation]:
    """One `Explanation` per row of `frame`, for the class in `labels_to_explain`."""
    frame = as_frame(frame)
    targets = classifier.target_segments(frame)
    classifier.model.eval()
    explanations = []
    for i, text in enumerate(frame["text"]):
        target = None if targets is None else targets[i]
        explanation, delta = explain_row(classifier, text, target, labels_to_explain[i], steps)
        explanation.notes.append(f"integral's completeness error {delta:.2g}")
        explanations.append(explanation)
    return explanations
