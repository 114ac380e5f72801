"""Descriptive tables of the quote dataset, in Markdown, for the data card and notebooks."""

from __future__ import annotations

import pandas as pd

from stance.data.dataset import LABELS


def markdown_table(frame: pd.DataFrame, index_name: str = "") -> str:
    """A GitHub Markdown table of a small DataFrame (index first)."""
    header = [index_name or (frame.index.name or ""), *map(str, frame.columns)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, row in frame.iterrows():
        lines.append("| " + " | ".join([str(key), *map(str, row.tolist())]) + " |")
    return "\n".join(lines)


def label_table(quotes: pd.DataFrame, by: str) -> pd.DataFrame:
    """Counts per label for each value of `by`, with a total column, largest first."""
    table = pd.crosstab(quotes[by].replace("", "(unknown)"), quotes["label"])
    table = table.reindex(columns=list(LABELS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False)


def group_by_source(quotes: pd.DataFrame) -> pd.DataFrame:
    """Label counts for each speaker group and source: `pro_aid/pro_concession/neutral`."""
    rows = {}
    for (group, source), part in quotes.groupby(["speaker_group", "source"], sort=True):
        counts = part["label"].value_counts()
        rows[f"{group} · {source}"] = {
            "pro_aid": int(counts.get("pro_aid", 0)),
            "pro_concession": int(counts.get("pro_concession", 0)),
            "neutral": int(counts.get("neutral", 0)),
            "total": len(part),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def signal_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Counts per label for each signal in `found_by` (a unit found by several signals,
    joined with ';', counts for each), with the share of `pro_concession`."""
    signals = quotes.assign(signal=quotes["found_by"].str.split(";")).explode("signal")
    table = label_table(signals, "signal")
    table["% pro_concession"] = (100 * table["pro_concession"] / table["total"]).round(0)
    return table.astype({"% pro_concession": int})


def dataset_report(quotes: pd.DataFrame, top: int = 15) -> str:
    """Markdown: label counts per source, year, speaker and country, and the size."""
    frame = quotes.assign(year=quotes["date"].str[:4])
    neutral = frame[frame["label"] == "neutral"]
    neutral_per_doc = int(neutral["doc_id"].value_counts().max()) if len(neutral) else 0
    parts = [
        f"{len(frame)} units, {frame['doc_id'].nunique()} documents, "
        f"{frame['speaker'].nunique()} speakers, "
        f"{frame['speaker_country'].replace('', pd.NA).nunique()} speaker countries, "
        f"{frame['date'].min()} to {frame['date'].max()}; "
        f"at most {frame['doc_id'].value_counts().max()} units from one document "
        f"(neutral: {neutral_per_doc}).",
        "### By speaker group\n\n"
        + markdown_table(label_table(frame, "speaker_group"), "speaker group"),
        "### By speaker group and source\n\n" + markdown_table(group_by_source(frame), "group"),
        "### By source\n\n" + markdown_table(label_table(frame, "source"), "source"),
        "### How the units were found (each signal of `found_by`)\n\n"
        + markdown_table(signal_table(frame), "signal"),
        "### By year\n\n" + markdown_table(label_table(frame, "year").sort_index(), "year"),
        f"### Top {top} speakers\n\n"
        + markdown_table(label_table(frame, "speaker").head(top), "speaker"),
        f"### Top {top} speaker countries\n\n"
        + markdown_table(label_table(frame, "speaker_country").head(top), "country"),
    ]
    return "\n\n".join(parts) + "\n"
