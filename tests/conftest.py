"""Shared fixtures: a tiny labelled dataset and an MLflow store in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

PROJECT = Path(__file__).resolve().parents[1]
LABELS = ["pro_aid", "pro_concession", "neutral"]

_PHRASES = {
    "pro_aid": [
        "We must send more weapons to Ukraine now",
        "Keep up military aid so Kyiv negotiates from strength",
        "Russia must not be rewarded for its aggression",
        "Support for Ukraine must continue as long as it takes",
        "More air defence for Ukraine, and faster",
    ],
    "pro_concession": [
        "Ukraine should cede territory for a deal",
        "Stop the weapons deliveries and force talks",
        "A ceasefire on the current lines is the only realistic way",
        "Kyiv has to accept the new realities on the ground",
        "Western arms only prolong this war",
    ],
    "neutral": [
        "The delegation arrived in Geneva on Tuesday",
        "Humanitarian corridors opened for civilians this morning",
        "The minister met his counterpart to discuss trade",
        "Talks will take place next week, officials said",
        "The weather delayed the convoy",
    ],
}


def tiny_frame(copies: int = 2, prefix: str = "q") -> pd.DataFrame:
    """A small, learnable dataset in the canonical schema."""
    rows = []
    for copy in range(copies):
        for label, phrases in _PHRASES.items():
            for i, phrase in enumerate(phrases):
                rows.append(
                    {
                        "id": f"{prefix}{copy}-{label}-{i}",
                        "text": f"{phrase} (variant {copy})",
                        "speaker": f"Speaker {i}",
                        "source": "test",
                        "date": "2024-11-26",
                        "target": "war_end" if i % 2 else "ukraine",
                        "label": label,
                    }
                )
    return pd.DataFrame(rows)


@pytest.fixture
def tiny_dataset(tmp_path: Path) -> Path:
    """train/val/test CSV files of the tiny dataset; returns their folder."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    tiny_frame(3, "tr").to_csv(folder / "train.csv", index=False)
    tiny_frame(1, "va").to_csv(folder / "val.csv", index=False)
    tiny_frame(1, "te").to_csv(folder / "test.csv", index=False)
    return folder


@pytest.fixture(scope="session")
def tiny_backbone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT with random weights and a word-level vocabulary of the tiny data."""
    pytest.importorskip("transformers")
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    words = sorted({w for t in tiny_frame(3)["text"] for w in t.lower().replace("(", " ").split()})
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = [*special, "ukraine", "war_end", *words]
    tokenizer = BertTokenizerFast(vocab={token: i for i, token in enumerate(dict.fromkeys(vocab))})
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def tiny_transformer_overrides(backbone: Path, epochs: int = 3) -> list[str]:
    """Config overrides that train the tiny backbone in seconds."""
    return [
        f"model.backbone={backbone}",
        f"model.epochs={epochs}",
        "model.batch_size=8",
        "model.max_length=32",
    ]


def write_experiment(path: Path, dataset: Path, model: str = "tfidf_lr", delta: str = "") -> Path:
    """An experiment file training `model` on the tiny dataset in `dataset`."""
    path.write_text(
        f"""
defaults:
  data: tweeteval  # a group option whose splits are exactly train/validation/test
  model: {model}
data:
  name: tiny_quotes
  format: table
  path: {dataset}
  splits: {{train: train.csv, validation: val.csv, test: test.csv}}
  labels: [pro_aid, pro_concession, neutral]
  neutral_label: neutral
tracking:
  experiment_name: tiny
  registered_model_name: tiny-model
{delta}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def tiny_experiment(tmp_path: Path, tiny_dataset: Path) -> Path:
    """An experiment file that trains TF-IDF + LR on the tiny dataset."""
    return write_experiment(
        tmp_path / "tiny_experiment.yaml", tiny_dataset, delta="model: {C: 10.0}"
    )


@pytest.fixture(scope="session")
def migrated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty MLflow SQLite store, made once: MLflow's schema migrations take seconds
    per new database, and most tests need a fresh one."""
    from mlflow import MlflowClient

    path = tmp_path_factory.mktemp("mlflow-template") / "mlflow.db"
    MlflowClient(tracking_uri=f"sqlite:///{path}").search_experiments()
    return path


def fresh_store(migrated_store: Path, path: Path) -> str:
    """A new empty MLflow store at `path`, copied from the migrated one; its URI."""
    shutil.copyfile(migrated_store, path)
    return f"sqlite:///{path}"


@pytest.fixture
def mlflow_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_store: Path) -> str:
    """Point MLflow at a SQLite store in a temporary folder for one test."""
    import mlflow

    uri = fresh_store(migrated_store, tmp_path / "mlflow.db")
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    mlflow.set_tracking_uri(uri)
    yield uri
    while mlflow.active_run():
        mlflow.end_run()


def shared_dir() -> Path:
    return Path(os.environ.get("STANCE_SHARED_DIR", PROJECT.parent / "shared"))


def requires_shared(part: str = "benchmarks/tweeteval_stance"):
    """Mark a test `shared` and skip it when `part` of the shared folder is missing."""
    missing = pytest.mark.skipif(
        not (shared_dir() / part).exists(),
        reason=f"shared data not found ({part}); set STANCE_SHARED_DIR",
    )

    def mark(test):
        return pytest.mark.shared(missing(test))

    return mark


SHARED_FIXTURES = {"seed_text"}  # fixtures that read ../shared


def pytest_collection_modifyitems(items) -> None:
    """Every test that reads ../shared carries the `shared` marker (-m 'not shared')."""
    for item in items:
        if SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)


@pytest.fixture
def two_runs(mlflow_store, tiny_experiment, tiny_dataset, tmp_path):
    """A TF-IDF run and a majority-class run of the tiny experiment (run names lr, prior),
    each registered as a tiny-model version: (their run ids)."""
    from stance.config import load_config
    from stance.training import train

    good = train(load_config(str(tiny_experiment), ["tracking.run_name=lr"]))
    majority = write_experiment(tmp_path / "majority.yaml", tiny_dataset, model="majority")
    floor = train(load_config(str(majority), ["tracking.run_name=prior"]))
    return good["run_id"], floor["run_id"]
