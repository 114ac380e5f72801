"""Could a learned filter tell speech from titles, terms and generic voices in transcripts?

A study for issue 16, not part of the extractor. Every hand-read transcript span of the White
House seeds 0-8 (docs/extract/: the misses and found readings of seeds 0-5 and the blind reading
of every span of seeds 6-8; the held-out seeds 9-11 are not read here) becomes one example,
`speech` against the rest. A logistic regression over the words around the quote marks (the
8 words before, the 4 after, the span's first and last words, its length and capitalisation;
optionally a sentence embedding of the context) is scored by 5-fold cross-validation grouped
by document; `--fine-tune BACKBONE` instead fine-tunes that backbone on the context with the
span marked, fold by fold. It prints JSON: ROC AUC, and for each threshold how many non-speech
spans a filter would drop and how many speech spans it would lose.

    python scripts/span_filter_study.py [--embeddings minilm-l6] [--c 0.3]
    python scripts/span_filter_study.py --fine-tune minilm-l6 [--epochs 4]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold, cross_val_predict

from stance import paths
from stance.extract.documents import load_corpus
from stance.extract.reference import read_rows

READINGS = Path(__file__).resolve().parents[1] / "docs" / "extract"
FILES = (
    "wh_reference_misses.csv",
    "wh_found_reading.csv",
    "wh_reference_found_check.csv",
    "wh_span_reading.csv",
)
WORD = re.compile(r"[A-Za-z’']+|[?!.,:;—–-]")
THRESHOLDS = (0.05, 0.1, 0.2, 0.3)


def read_spans() -> dict[tuple[str, int, int], bool]:
    """Every read transcript span of seeds 0-8: True where read `speech`."""
    spans = {}
    for name in FILES:  # later files win: the blind reading of seeds 6-8 is read last
        for key, row in read_rows(READINGS / name).items():
            if row["sample"] == "transcript" and int(row["seed"]) <= 8:
                spans[key] = row["class"] == "speech"
    return spans


def context_words(text: str, start: int, end: int) -> str:
    """The words around a span, each tagged with where it stands."""
    before = WORD.findall(text[max(0, start - 120) : start])[-8:]
    after = WORD.findall(text[end : end + 60])[:4]
    span = [w for w in WORD.findall(text[start:end]) if w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in span) * 4 // max(len(span), 1)
    words = [f"b{i}_{w}" for i, w in enumerate(reversed(before[-3:]))]
    words += [f"B_{w}" for w in before] + [f"A_{w}" for w in after]
    words += [f"a{i}_{w}" for i, w in enumerate(after[:2])]
    words += [f"S_{w}" for w in span[:3]] + [f"E_{w}" for w in span[-2:]]
    words += [f"len_{min(len(span), 30) // 3}", f"cap_{capitalised}", f"end_{text[end - 1]}"]
    return " ".join(word.lower() for word in words)


def embeddings(contexts: list[str], backbone: str) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    from stance.models.backbones import resolve_backbone

    model = SentenceTransformer(resolve_backbone(backbone), device="cpu")
    return model.encode(contexts, batch_size=32, normalize_embeddings=True)


def marked_context(text: str, start: int, end: int) -> str:
    return f"{text[max(0, start - 250) : start]} «{text[start:end]}» {text[end : end + 80]}"


def fine_tuned_scores(contexts: list[str], y: np.ndarray, folds, backbone: str, epochs: int):
    """Out-of-fold speech probabilities of a backbone fine-tuned on each training fold."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from stance.models.backbones import resolve_backbone

    path = resolve_backbone(backbone)
    tokenizer = AutoTokenizer.from_pretrained(path)

    def encode(batch: np.ndarray):
        texts = [contexts[i] for i in batch]
        return tokenizer(texts, truncation=True, max_length=160, padding=True, return_tensors="pt")

    p = np.zeros(len(y))
    for fold, (train, held) in enumerate(folds):
        torch.manual_seed(fold)
        model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2)
        optimiser = torch.optim.AdamW(model.parameters(), lr=5e-5)
        rng = np.random.default_rng(fold)
        for _ in range(epochs):
            model.train()
            for batch in np.array_split(rng.permutation(train), max(1, len(train) // 16)):
                inputs = encode(batch)
                loss = model(**inputs, labels=torch.tensor(y[batch].astype(int))).loss
                loss.backward()
                optimiser.step()
                optimiser.zero_grad()
        model.eval()
        with torch.no_grad():
            for batch in np.array_split(held, max(1, len(held) // 64)):
                inputs = encode(batch)
                p[batch] = model(**inputs).logits.softmax(-1)[:, 1].numpy()
        print(f"fold {fold + 1}/{len(folds)} done", file=sys.stderr, flush=True)
    return p


def study(c: float, backbone: str | None, fine_tune: str | None = None, epochs: int = 4) -> dict:
    texts = {doc.doc_id: doc.text for doc in load_corpus("whitehouse", paths.shared_dir())}
    spans = read_spans()
    keys = sorted(spans)
    y = np.array([spans[key] for key in keys])
    groups = [doc for doc, _, _ in keys]
    cv = GroupKFold(n_splits=5)
    if fine_tune:
        contexts = [marked_context(texts[d], s, e) for d, s, e in keys]
        folds = list(cv.split(contexts, y, groups))
        p = fine_tuned_scores(contexts, y, folds, fine_tune, epochs)
    else:
        words = [context_words(texts[doc], start, end) for doc, start, end in keys]
        vectorizer = CountVectorizer(token_pattern=r"\S+", binary=True, min_df=2)
        features = vectorizer.fit_transform(words)
        if backbone:
            contexts = [texts[d][max(0, s - 250) : e + 80] for d, s, e in keys]
            features = hstack([features, csr_matrix(embeddings(contexts, backbone))]).tocsr()
        model = LogisticRegression(C=c, max_iter=3000)
        p = cross_val_predict(model, features, y, groups=groups, cv=cv, method="predict_proba")
        p = p[:, 1]
    return {
        "n_spans": len(keys),
        "n_speech": int(y.sum()),
        "c": None if fine_tune else c,
        "embeddings": backbone,
        "fine_tune": fine_tune,
        "epochs": epochs if fine_tune else None,
        "roc_auc": round(float(roc_auc_score(y, p)), 3),
        "thresholds": [
            {
                "threshold": t,
                "non_speech_dropped": int(((p < t) & ~y).sum()),
                "speech_lost": int(((p < t) & y).sum()),
            }
            for t in THRESHOLDS
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument(
        "--embeddings", default=None, help="add a sentence embedding of the context (a backbone)"
    )
    parser.add_argument(
        "--fine-tune", default=None, help="fine-tune this backbone on the marked context instead"
    )
    parser.add_argument("--epochs", type=int, default=4, help="epochs of --fine-tune per fold")
    args = parser.parse_args()
    print(json.dumps(study(args.c, args.embeddings, args.fine_tune, args.epochs), indent=2))


if __name__ == "__main__":
    main()
