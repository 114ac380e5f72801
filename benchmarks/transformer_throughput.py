"""Transformer batch prediction: stance's path against `transformers.pipeline`, same process.

    python benchmarks/transformer_throughput.py --model models:/tweeteval-minilm/latest

The reference is `pipeline("text-classification", top_k=None)` on the same
fine-tuned model and the same real texts, at its best batch size (a sweep on a
subset picks it). Rounds alternate reference / fp32 / bf16 / int8, so machine
noise hits every variant alike; rates are medians over rounds. Agreement is the
share of texts whose top label equals the pipeline's. Quality is F_avg and
macro-F1 on the TweetEval test rows. The machine limit is a large matmul's
multiply-add rate; "share" is (quotes/s x FLOPs per quote) / that rate.
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np
import torch
from _common import Timer, print_machine, real_texts
from transformers import pipeline

from stance.evaluation.metrics import classification_metrics
from stance.models.transformer import native_bf16
from stance.predict.local import load_model

PRECISIONS = ("auto", "fp32", "bf16", "int8")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models:/tweeteval-minilm/latest", help="Model URI.")
    parser.add_argument("--texts", type=int, default=5000, help="Real texts to score.")
    parser.add_argument("--rounds", type=int, default=2, help="Alternating A/B rounds.")
    parser.add_argument("--batch-size", type=int, default=128, help="stance's batch size.")
    parser.add_argument(
        "--pipeline-batch-sizes", default="1,8,32,64", help="Pipeline sizes to sweep."
    )
    return parser.parse_args()


def matmul_flops(dtype: torch.dtype, size: int = 2048, repeats: int = 10) -> float:
    a, b = torch.randn(size, size, dtype=dtype), torch.randn(size, size, dtype=dtype)
    a @ b
    with Timer() as timer:
        for _ in range(repeats):
            a @ b
    return 2 * size**3 * repeats / timer.seconds


def flops_per_quote(model, tokens: np.ndarray) -> float:
    """2 x non-embedding parameters per token, plus attention's 4 x T^2 x hidden per layer."""
    config = model.config
    embedding = sum(p.numel() for n, p in model.named_parameters() if "embeddings" in n)
    dense = sum(p.numel() for p in model.parameters()) - embedding
    attention = 4 * config.num_hidden_layers * config.hidden_size * tokens.astype(float) ** 2
    return float(np.mean(2 * dense * tokens + attention))


class Variants:
    """The reference pipeline and stance's path in each precision, over the same rows."""

    def __init__(self, classifier, frame, batch_size: int):
        self.classifier, self.frame, self.batch_size = classifier, frame, batch_size
        self.pipe = pipeline(
            "text-classification", model=classifier.model, tokenizer=classifier.tokenizer,
            top_k=None, device="cpu",
        )  # fmt: skip
        pair = classifier.cfg.target_mode == "pair"
        default = classifier.targets[0] if len(classifier.targets) == 1 else ""
        self.inputs = [
            {"text": classifier.target_text.get(t or default, t or default), "text_pair": x}
            if pair
            else x
            for t, x in zip(frame["target"], frame["text"], strict=True)
        ]

    def reference(self, batch_size: int, rows: slice = slice(None)) -> list[str]:
        max_length = self.classifier.cfg.max_length
        out = self.pipe(
            self.inputs[rows], batch_size=batch_size, truncation=True, max_length=max_length
        )
        return [max(scores, key=lambda s: s["score"])["label"] for scores in out]

    def stance(self, precision: str) -> list[str]:
        self.classifier.inference_precision = precision
        proba = self.classifier.predict_proba(self.frame, batch_size=self.batch_size)
        return [self.classifier.labels[i] for i in proba.argmax(axis=1)]


def best_pipeline_batch(variants: Variants, sizes: list[int]) -> int:
    rates = {}
    for size in sizes:
        with Timer() as timer:
            variants.reference(size, slice(0, 400))
        rates[size] = 400 / timer.seconds
        print(f"  pipeline batch {size:>3}: {rates[size]:7.1f} quotes/s")
    return max(rates, key=rates.get)


def quality(frame, labels: list[str], classifier) -> dict[str, float]:
    test = frame["split"] == "tweeteval_test"
    gold, pred = frame.loc[test, "label"].tolist(), np.asarray(labels)[test.to_numpy()].tolist()
    scores = classification_metrics(gold, pred, classifier.labels, classifier.neutral_label)
    return {"f_avg": 100 * scores["f_avg"], "macro_f1": 100 * scores["macro_f1"]}


def main() -> None:
    args = parse_args()
    print_machine()
    torch.manual_seed(0)
    classifier = load_model(args.model).unwrap_python_model().classifier
    frame = real_texts(args.texts)
    print(f"model {args.model}: {classifier.cfg.backbone}, {len(frame)} real texts, "
          f"torch threads {torch.get_num_threads()}")  # fmt: skip
    variants = Variants(classifier, frame, args.batch_size)
    size = best_pipeline_batch(variants, [int(s) for s in args.pipeline_batch_sizes.split(",")])
    rates: dict[str, list[float]] = {name: [] for name in ("pipeline", *PRECISIONS)}
    labels: dict[str, list[str]] = {}
    for round_ in range(args.rounds):
        for name in rates:
            with Timer() as timer:
                labels[name] = (
                    variants.reference(size) if name == "pipeline" else variants.stance(name)
                )
            rates[name].append(len(frame) / timer.seconds)
            print(f"  round {round_ + 1} {name:>8}: {rates[name][-1]:7.1f} quotes/s")
    encoded = classifier._encode(frame[["text", "target"]])
    tokens = np.array([len(ids) for ids in encoded["input_ids"]])
    per_quote = flops_per_quote(classifier.model, tokens)
    peak = {"fp32": matmul_flops(torch.float32), "bf16": matmul_flops(torch.bfloat16)}
    limits = ", ".join(f"{name} {flops / 1e9:.0f} GFLOP/s" for name, flops in peak.items())
    print(f"\nmatmul limit: {limits}; {per_quote / 1e9:.2f} GFLOP per quote "
          f"({tokens.mean():.0f} tokens on average)")  # fmt: skip
    reference = statistics.median(rates["pipeline"])
    cpu = torch.device("cpu")
    print("\n| path | quotes/s | x pipeline | label agreement | share of limit | "
          "test F_avg | test macro-F1 |\n|---|---|---|---|---|---|---|")  # fmt: skip
    for name, values in rates.items():
        rate = statistics.median(values)
        agree = np.mean(np.asarray(labels[name]) == np.asarray(labels["pipeline"]))
        scores = quality(frame, labels[name], classifier)
        # No int8 matmul limit is measured: int8 kernels have their own ceiling.
        arithmetic = {"pipeline": "fp32", "auto": "bf16" if native_bf16(cpu) else "fp32"}
        limit = peak.get(arithmetic.get(name, name))
        share = f"{100 * rate * per_quote / limit:.1f}%" if limit else "n/a"
        print(f"| {name} | {rate:.1f} | {rate / reference:.2f} | {100 * agree:.2f}% | "
              f"{share} | {scores['f_avg']:.2f} | {scores['macro_f1']:.2f} |")  # fmt: skip
    print(f"\npipeline batch size {size}; stance batch size {args.batch_size}")


if __name__ == "__main__":
    main()
