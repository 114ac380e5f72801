"""TF-IDF batch prediction: `stance predict` on large CSVs of real texts, speed and memory.

    python benchmarks/tfidf_throughput.py --model models:/quotes-tfidf/latest --rows 250000 1000000

1. In one process, on the same real texts: scikit-learn's own pipeline against
   stance's compiled TF-IDF path (ratio, and label agreement, which must be 100%).
2. For each size, a CSV made by repeating the real texts (TweetEval test and
   validation, then the quote dataset; unique ids), scored by the `stance predict`
   command under `/usr/bin/time -v`: rows per second end to end (start-up, model
   load, reading, writing included) and peak resident memory.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _common import Timer, print_machine, real_texts

from stance.predict.local import load_model


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models:/quotes-tfidf/latest", help="Model URI.")
    parser.add_argument("--rows", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--compare-rows", type=int, default=20_000, help="Rows for step 1.")
    parser.add_argument("--workdir", type=Path, default=None, help="Keep the files here.")
    parser.add_argument(
        "--texts", choices=["all", "tweeteval", "quotes"], default="all",
        help="all: TweetEval test+validation then the quote dataset; or one of them.",
    )  # fmt: skip
    return parser.parse_args()


def repeated_csv(texts: pd.DataFrame, rows: int, path: Path) -> Path:
    picks = np.arange(rows) % len(texts)
    frame = texts.iloc[picks][["target", "text"]].reset_index(drop=True)
    frame.insert(0, "id", [f"q{i}" for i in range(rows)])
    frame.to_csv(path, index=False)
    return path


def compare_in_process(model_uri: str, texts: list[str]) -> None:
    classifier = load_model(model_uri).unwrap_python_model().classifier
    classifier.predict_proba(texts[:100])  # compile the kernels and the vocabulary once
    results = {}
    for compiled in (False, True, False, True):
        classifier.compiled_features = compiled
        with Timer() as timer:
            proba = classifier.predict_proba(texts)
        results.setdefault(compiled, []).append((len(texts) / timer.seconds, proba))
    plain, fast = results[False], results[True]
    rate_plain = np.median([r for r, _ in plain])
    rate_fast = np.median([r for r, _ in fast])
    agree = np.mean(plain[0][1].argmax(axis=1) == fast[0][1].argmax(axis=1))
    gap = np.abs(plain[0][1] - fast[0][1]).max()
    print(f"in process, {len(texts)} texts: scikit-learn {rate_plain:,.0f}/s, "
          f"stance compiled {rate_fast:,.0f}/s ({rate_fast / rate_plain:.1f}x); "
          f"label agreement {100 * agree:.2f}%, largest probability gap {gap:.1e}")  # fmt: skip


def timed_predict(model_uri: str, source: Path, target: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (GiB) of one `stance predict` command."""
    stance = Path(sys.executable).with_name("stance")
    command = ["/usr/bin/time", "-v", str(stance), "predict", "--model", model_uri,
               "--input", str(source), "--output", str(target)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall[1].split(":"))))
    return seconds, int(rss[1]) / 2**20


def main() -> None:
    args = parse_args()
    print_machine()
    texts = real_texts()
    tweets = texts["split"].str.startswith("tweeteval")
    texts = {"all": texts, "tweeteval": texts[tweets], "quotes": texts[~tweets]}[args.texts]
    print(f"{len(texts)} real texts, {texts['text'].str.len().mean():.0f} characters on average")
    sample = texts["text"].tolist() * (args.compare_rows // len(texts) + 1)
    compare_in_process(args.model, sample[: args.compare_rows])
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stance-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print("\n| rows | CSV size | wall s | rows/s | peak RSS |\n|---|---|---|---|---|")
    try:
        for rows in args.rows:
            source = repeated_csv(texts, rows, workdir / f"quotes_{rows}.csv")
            target = workdir / f"scored_{rows}.csv"
            seconds, rss = timed_predict(args.model, source, target)
            scored = len(pd.read_csv(target, usecols=["id"], dtype=str))
            assert scored == rows, f"{target} has {scored} rows, expected {rows}"
            print(f"| {rows:,} | {source.stat().st_size / 2**20:.0f} MiB | {seconds:.1f} | "
                  f"{rows / seconds:,.0f} | {rss:.2f} GiB |")  # fmt: skip
            target.unlink()
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
