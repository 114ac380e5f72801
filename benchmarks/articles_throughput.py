"""Raw articles: quote extraction, then classification, in articles per second.

    python benchmarks/articles_throughput.py --model models:/quotes-tfidf/latest

Runs over the Zelensky/Kremlin corpus (1,796 press releases and addresses,
`corpora/zelenskyy_kremlin_2021_2022` in the shared folder). Reports extraction
alone, and extraction plus classification through `stance.predict.local.predict_articles`
(the code behind `stance predict --articles`), each the median of `--rounds`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import pandas as pd
from _common import Timer, print_machine

from stance import paths
from stance.extract.articles import quotes_table, read_documents
from stance.predict.local import load_model, predict_articles

CORPUS = "corpora/zelenskyy_kremlin_2021_2022"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models:/quotes-tfidf/latest", help="Model URI.")
    parser.add_argument("--rounds", type=int, default=3)
    return parser.parse_args()


def corpus_table(folder: Path) -> Path:
    """Both presidencies' files as one table with `id`, `link` and `text` columns."""
    frames = [
        pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).assign(source=name)
        for name in ("zelenskyy", "putin")
    ]
    corpus = pd.concat(frames, ignore_index=True)
    corpus["id"] = corpus["source"] + ":" + corpus.index.astype(str)
    path = Path(tempfile.mkdtemp(prefix="stance-articles-")) / "articles.parquet"
    corpus.rename(columns={"body": "text"})[["id", "link", "text"]].to_parquet(path)
    return path


def main() -> None:
    args = parse_args()
    print_machine()
    table = corpus_table(paths.shared_dir() / CORPUS)
    documents = read_documents(table)
    characters = sum(len(doc.text) for doc in documents)
    load_model(args.model)
    extract, full = [], []
    for _ in range(args.rounds):
        with Timer() as timer:
            quotes = quotes_table(documents)
        extract.append(timer.seconds)
        with Timer() as timer:
            rows = predict_articles(args.model, table, table.with_name("scored.csv"))
        full.append(timer.seconds)
    print(f"{len(documents)} articles, {characters / 2**20:.1f} M characters, "
          f"{len(quotes)} quotes ({rows} rows written); model {args.model}")  # fmt: skip
    print("\n| step | seconds | articles/s | quotes/s |\n|---|---|---|---|")
    for name, times in (("extraction", extract), ("extraction + classification", full)):
        seconds = statistics.median(times)
        print(f"| {name} | {seconds:.2f} | {len(documents) / seconds:,.0f} | "
              f"{len(quotes) / seconds:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
