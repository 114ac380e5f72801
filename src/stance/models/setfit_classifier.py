"""SetFit: a sentence encoder tuned on pairs of training texts, then a classifier head.

`fit` runs the `setfit` package's two phases: contrastive fine-tuning of the
encoder on (text, text, same class?) pairs with a cosine-similarity loss, then
a head on the tuned embeddings (scikit-learn LogisticRegression by default, or
SetFit's differentiable torch head). The number of pairs, not of texts, sets the
cost: `max_steps` × `batch_size` pairs at most, so the time stays bounded on a CPU.
Nothing here touches MLflow: the contrastive loss goes to an optional callback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from stance.config import SetFitConfig
from stance.errors import ModelError, first_line
from stance.models.backbones import resolve_backbone
from stance.models.base import (
    ArgmaxLabels,
    EpochLogger,
    TextInput,
    as_frame,
    read_meta,
    target_words,
    write_meta,
)

LOG_POINTS = 20  # contrastive-loss values logged per run


class SetFitStanceClassifier(ArgmaxLabels):
    """SetFit on `cfg.backbone` for the labels; `fit`, `predict`, `predict_proba`, `id2label`."""

    pyfunc_modules = (
        "torch",
        "transformers",
        "tokenizers",
        "safetensors",
        "sentence_transformers",
        "setfit",
    )

    def __init__(
        self,
        cfg: SetFitConfig,
        labels: Sequence[str],
        seed: int = 0,
        target_text: dict[str, str] | None = None,
    ):
        self.cfg = cfg
        self.labels = list(labels)
        self.seed = seed
        self.target_text = dict(target_text or {})
        self.targets: list[str] = []
        self.model = None
        self.history: list[dict[str, float]] = []

    def _texts(self, frame: pd.DataFrame) -> list[str]:
        """The strings the encoder reads: '<target words>: <text>' in pair mode, else the text."""
        texts = frame["text"].tolist()
        if self.cfg.target_mode == "none":
            return texts
        words = target_words(frame, self.targets, self.target_text)
        pairs = zip(words, texts, strict=True)
        return [f"{target}: {text}" if target else text for target, text in pairs]

    def _load(self, source: str):
        from setfit import SetFitModel

        cfg = self.cfg
        if cfg.head == "logistic":
            # lbfgs is deterministic; random_state only matters for solvers that shuffle.
            head = {"C": cfg.head_C, "class_weight": cfg.class_weight, "max_iter": 5000}
            head["random_state"] = self.seed
            options = {"use_differentiable_head": False}
        else:
            head = {"out_features": len(self.labels)}
            options = {"use_differentiable_head": True}
        try:
            model = SetFitModel.from_pretrained(source, head_params=head, **options)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load backbone {source!r}: {first_line(exc)}") from None
        model.model_body.max_seq_length = cfg.max_length
        return model

    def _training_args(self, output_dir: str):
        from setfit import TrainingArguments

        cfg = self.cfg
        return TrainingArguments(
            output_dir=output_dir,
            batch_size=(cfg.batch_size, cfg.head_batch_size),
            num_epochs=(cfg.body_epochs, cfg.head_epochs),
            max_steps=cfg.max_steps,
            num_iterations=cfg.num_iterations,
            sampling_strategy=cfg.sampling_strategy,
            body_learning_rate=(cfg.body_learning_rate, cfg.body_learning_rate),
            head_learning_rate=cfg.head_learning_rate,
            warmup_proportion=cfg.warmup_ratio,
            max_length=cfg.max_length,
            seed=self.seed,
            report_to="none",  # MLflow logging is ours
            save_strategy="no",  # the encoder of the last step is kept: no checkpoints
            logging_strategy="steps",
            logging_steps=max(1, cfg.max_steps // LOG_POINTS),
            show_progress_bar=False,
        )

    def fit(
        self,
        inputs: TextInput,
        y: Sequence[str],
        eval_set: tuple[TextInput, Sequence[str]] | None = None,
        epoch_logger: EpochLogger | None = None,
    ) -> SetFitStanceClassifier:
        """Train on `inputs`; `eval_set` is unused (a fixed step budget, no early stopping)."""
        from datasets import Dataset
        from setfit import Trainer
        from transformers import set_seed

        label2id = {label: i for i, label in enumerate(self.labels)}
        unknown = sorted(set(map(str, y)) - set(label2id))
        if unknown:
            raise ValueError(f"labels {unknown} are not in the label set {self.labels}")
        frame = as_frame(inputs)
        self.targets = sorted(set(frame["target"]) - {""})
        texts = self._texts(frame)
        ids = [label2id[str(label)] for label in y]
        # SetFit draws its pairs in one fixed order (seed 42) over the rows as given:
        # shuffling the rows with our seed makes the pairs, too, depend on the seed.
        order = np.random.default_rng(self.seed).permutation(len(texts))
        train = Dataset.from_dict(
            {"text": [texts[i] for i in order], "label": [ids[i] for i in order]}
        )
        set_seed(self.seed)  # before the differentiable head is initialised
        self.model = self._load(resolve_backbone(self.cfg.backbone))
        with tempfile.TemporaryDirectory(prefix="stance-setfit-") as output_dir:
            trainer = Trainer(
                model=self.model,
                args=self._training_args(output_dir),
                train_dataset=train,
                callbacks=[_LossLogger(self.history, epoch_logger)],
            )
            trainer.train()
        self.model.model_body.eval()
        return self

    # --------------------------------------------------------------- inference

    def predict_proba(self, inputs: TextInput, batch_size: int | None = None) -> np.ndarray:
        if self.model is None:
            raise RuntimeError("the model is not fitted; call fit() or load() first")
        frame = as_frame(inputs)
        if frame.empty:
            return np.zeros((0, len(self.labels)))
        raw = self.model.predict_proba(
            self._texts(frame),
            batch_size=batch_size or self.cfg.eval_batch_size,
            as_numpy=True,
            show_progress_bar=False,
        )
        return self._label_columns(np.asarray(raw, dtype=np.float64))

    def _label_columns(self, raw: np.ndarray) -> np.ndarray:
        """One column per label: a logistic head has columns only for the classes it saw."""
        classes = getattr(self.model.model_head, "classes_", None)
        if classes is None or len(classes) == len(self.labels):
            return raw
        proba = np.zeros((len(raw), len(self.labels)))
        proba[:, np.asarray(classes, dtype=int)] = raw
        return proba

    # ------------------------------------------------------------- persistence

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(str(folder))
        write_meta(folder, self)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> SetFitStanceClassifier:
        from setfit import SetFitModel

        folder = Path(folder)
        meta = read_meta(folder)
        cfg = SetFitConfig.model_validate(meta["config"])
        classifier = cls(cfg, meta["labels"], meta["seed"], meta["target_text"])
        classifier.targets = meta.get("targets", [])
        classifier.model = SetFitModel.from_pretrained(str(folder), local_files_only=True)
        classifier.model.model_body.max_seq_length = cfg.max_length
        classifier.model.model_body.eval()
        return classifier


class _LossLogger:
    """Hands the contrastive loss, every few steps, to a logger as `setfit_body_loss`."""

    def __new__(cls, history: list[dict[str, float]], logger: EpochLogger | None):
        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            def on_log(self, args, state, control, logs=None, **kwargs):
                if not logs or "embedding_loss" not in logs:
                    return
                step = int(state.global_step)
                history.append({"step": step, "setfit_body_loss": logs["embedding_loss"]})
                if logger is not None:
                    logger({"setfit_body_loss": float(logs["embedding_loss"])}, step)

        return Callback()
