"""A fine-tuned transformer stance classifier with the same API as the baselines.

`fit` runs the Hugging Face Trainer: dynamic padding, per-epoch evaluation on
the validation split, early stopping, and the best checkpoint chosen by the
validation stance metric (F_avg). `predict_proba` tokenises in bulk, sorts by
length so batches carry little padding, and runs under `torch.inference_mode()`.
With `target_mode: label_description` the model is a multiple-choice head: each
text is paired with one description per label (NLI-style: premise, hypothesis),
each pair scored, and the scores softmaxed over the labels, so the encoder reads
what each class means. Nothing here touches MLflow: per-epoch metrics go to an
optional callback.
Under `torchrun`/`accelerate launch` the Trainer trains data-parallel (DDP: gloo on
CPU, NCCL on GPUs); checkpoints go to one folder that every process names.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from stance import distributed
from stance.config import TransformerConfig
from stance.errors import ModelError, first_line
from stance.evaluation.metrics import classification_metrics
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

# Few distinct batch shapes: CPU kernels are built per shape, and GPUs prefer multiples of 8.
PAD_TO = 8
PRECISIONS = ("auto", "fp32", "bf16", "int8")
DESCRIPTION_MODE = "label_description"


def native_bf16(device: torch.device) -> bool:
    """Whether bf16 matmuls run in hardware (AVX512-BF16/AMX on CPUs), not emulated."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    return bool(
        torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    )


def pick_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def model_class(target_mode: str):
    """One score per (text, label description) pair, or one output per label."""
    from transformers import AutoModelForMultipleChoice, AutoModelForSequenceClassification

    if target_mode == DESCRIPTION_MODE:
        return AutoModelForMultipleChoice
    return AutoModelForSequenceClassification


def _load_pretrained(source: str, labels: Sequence[str], target_mode: str):
    """Tokenizer and a classification head of len(labels) outputs, or one clear error."""
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
        model = model_class(target_mode).from_pretrained(
            source,
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)},
            ignore_mismatched_sizes=True,
            dtype=torch.float32,  # fp32 master weights; bf16 runs as autocast in the Trainer
        )
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load backbone {source!r}: {first_line(exc)}") from None
    return tokenizer, model


class TransformerStanceClassifier(ArgmaxLabels):
    """Fine-tunes `cfg.backbone` for the labels; `fit`, `predict`, `predict_proba`, `id2label`."""

    pyfunc_modules = ("torch", "transformers", "tokenizers", "safetensors")

    def __init__(
        self,
        cfg: TransformerConfig,
        labels: Sequence[str],
        seed: int = 0,
        neutral_label: str | None = None,
        target_text: dict[str, str] | None = None,
        label_descriptions: dict[str, str] | None = None,
    ):
        self.cfg = cfg
        self.labels = list(labels)
        self.seed = seed
        self.neutral_label = neutral_label or self.labels[-1]
        self.target_text = dict(target_text or {})
        self.label_descriptions = dict(label_descriptions or {})
        missing = [label for label in self.labels if label not in self.label_descriptions]
        if cfg.target_mode == DESCRIPTION_MODE and missing:
            raise ModelError(f"target_mode {DESCRIPTION_MODE} needs descriptions of {missing}")
        self.targets: list[str] = []
        self.tokenizer = None
        self.model = None
        self.history: list[dict[str, float]] = []

    # ----------------------------------------------------------------- inputs

    def target_segments(self, frame: pd.DataFrame) -> list[str] | None:
        """The first text of each row's pair (the words of its target), or None when the
        model does not read the target as a pair."""
        return self._target_words(frame) if self.cfg.target_mode == "pair" else None

    def _target_words(self, frame: pd.DataFrame) -> list[str]:
        """The words read for each row's target; rows without a target read the training
        target when there was only one."""
        return target_words(frame, self.targets, self.target_text)

    def _encode(self, frame: pd.DataFrame, padding: bool = False) -> dict:
        texts = frame["text"].tolist()
        limits = {"truncation": True, "max_length": self.cfg.max_length, "padding": padding}
        if self.cfg.target_mode == "pair":
            return self.tokenizer(self._target_words(frame), texts, **limits)
        if self.cfg.target_mode == DESCRIPTION_MODE:
            return self._encode_descriptions(frame, limits)
        return self.tokenizer(texts, **limits)

    def _encode_descriptions(self, frame: pd.DataFrame, limits: dict) -> dict:
        """Per row, one (text, description) pair per label: each key holds a list of
        len(labels) sequences per row."""
        k = len(self.labels)
        premises, hypotheses = [], []
        for text, words in zip(frame["text"], self._target_words(frame), strict=True):
            premises.extend([text] * k)
            hypotheses.extend(
                self.label_descriptions[label].replace("{target}", words) for label in self.labels
            )
        flat = self.tokenizer(premises, hypotheses, **limits)
        return {
            key: [values[i : i + k] for i in range(0, len(values), k)]
            for key, values in flat.items()
        }

    def _dataset(self, inputs: TextInput, y: Sequence[str]):
        from datasets import Dataset

        frame = as_frame(inputs)
        label2id = {label: i for i, label in enumerate(self.labels)}
        unknown = sorted(set(map(str, y)) - set(label2id))
        if unknown:
            raise ValueError(f"labels {unknown} are not in the label set {self.labels}")
        encoded = dict(self._encode(frame))
        encoded["labels"] = [label2id[str(label)] for label in y]
        return Dataset.from_dict(encoded)

    # ---------------------------------------------------------------- training

    def _metrics(self, eval_pred) -> dict[str, float]:
        logits, label_ids = eval_pred
        gold = [self.labels[i] for i in label_ids]
        pred = [self.labels[i] for i in np.asarray(logits).argmax(axis=1)]
        scores = classification_metrics(gold, pred, self.labels, self.neutral_label)
        return {"f_avg": scores["f_avg"], "macro_f1": scores["macro_f1"]}

    def _class_weights(self, y: Sequence[str]) -> torch.Tensor:
        counts = pd.Series(list(y)).value_counts()
        weights = [len(y) / (len(self.labels) * counts.get(label, 1)) for label in self.labels]
        return torch.tensor(weights, dtype=torch.float32)

    def _weighted_loss(self, weights: torch.Tensor):
        def loss(outputs, labels, num_items_in_batch=None):
            logits = outputs["logits"]
            ce = torch.nn.functional.cross_entropy(
                logits.float(), labels, weight=weights.to(logits.device), reduction="sum"
            )
            return ce / (num_items_in_batch or labels.numel())

        return loss

    def _training_args(self, output_dir: str, has_eval: bool):
        from transformers import TrainingArguments

        cfg = self.cfg
        bf16 = cfg.precision == "bf16" or (
            cfg.precision == "auto" and torch.cuda.is_available() and torch.cuda.is_bf16_supported()
        )
        strategy = "epoch" if has_eval else "no"
        return TrainingArguments(
            output_dir=output_dir,
            learning_rate=cfg.learning_rate,
            lr_scheduler_type=cfg.lr_scheduler,
            warmup_steps=cfg.warmup_ratio,
            num_train_epochs=cfg.epochs,
            per_device_train_batch_size=cfg.batch_size,
            per_device_eval_batch_size=cfg.eval_batch_size,
            gradient_accumulation_steps=cfg.gradient_accumulation_steps,
            weight_decay=cfg.weight_decay,
            seed=self.seed,
            data_seed=self.seed,
            bf16=bf16,
            # Without it accelerate sees no GPU, treats each CPU process as alone and trains
            # N independent copies on all rows.
            use_cpu=distributed.on_cpu_processes(),
            eval_strategy=strategy,
            save_strategy=strategy,
            logging_strategy="epoch",
            load_best_model_at_end=has_eval,
            metric_for_best_model="f_avg",
            greater_is_better=True,
            save_total_limit=2,
            save_only_model=True,
            report_to="none",  # MLflow logging is ours: MLflowCallback crashes on long params
            average_tokens_across_devices=False,  # else the loss doubles under 2 processes
        )

    def _collator(self):
        from transformers import DataCollatorForMultipleChoice, DataCollatorWithPadding

        if self.cfg.target_mode == DESCRIPTION_MODE:
            return DataCollatorForMultipleChoice(self.tokenizer, pad_to_multiple_of=PAD_TO)
        return DataCollatorWithPadding(self.tokenizer, pad_to_multiple_of=PAD_TO)

    def fit(
        self,
        inputs: TextInput,
        y: Sequence[str],
        eval_set: tuple[TextInput, Sequence[str]] | None = None,
        epoch_logger: EpochLogger | None = None,
    ) -> TransformerStanceClassifier:
        from transformers import EarlyStoppingCallback, Trainer, set_seed

        set_seed(self.seed)
        self.targets = sorted(set(as_frame(inputs)["target"]) - {""})
        self.tokenizer, self.model = _load_pretrained(
            resolve_backbone(self.cfg.backbone), self.labels, self.cfg.target_mode
        )
        train_data = self._dataset(inputs, list(y))
        eval_data = self._dataset(*eval_set) if eval_set is not None else None
        callbacks = [_EpochMetrics(self.history, epoch_logger)]
        if eval_data is not None and self.cfg.early_stopping_patience:
            callbacks.append(EarlyStoppingCallback(self.cfg.early_stopping_patience))
        weighted = self.cfg.class_weight == "balanced"
        with distributed.shared_temp_dir("stance-checkpoints-") as output_dir:
            trainer = Trainer(
                model=self.model,
                args=self._training_args(output_dir, eval_data is not None),
                train_dataset=train_data,
                eval_dataset=eval_data,
                data_collator=self._collator(),
                processing_class=self.tokenizer,
                compute_metrics=self._metrics if eval_data is not None else None,
                compute_loss_func=self._weighted_loss(self._class_weights(y)) if weighted else None,
                callbacks=callbacks,
            )
            trainer.train()
            self.model = trainer.model
        self.model.eval()
        return self

    # --------------------------------------------------------------- inference

    @property
    def inference_precision(self) -> str:
        return self.__dict__.get("_precision") or self.cfg.inference_precision

    @inference_precision.setter
    def inference_precision(self, precision: str) -> None:
        """`fp32`, `bf16` (autocast) or `int8` (dynamic quantisation, CPU only)."""
        if precision not in PRECISIONS:
            raise ModelError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
        self._precision = precision
        self._quantized = None

    def _inference_model(self):
        if self.inference_precision != "int8":
            return self.model
        if next(self.model.parameters()).device.type != "cpu":
            raise ModelError("int8 inference runs on the CPU only; use bf16 on a GPU")
        if getattr(self, "_quantized", None) is None:
            with warnings.catch_warnings():  # torch deprecates quantized tensors, still works
                warnings.simplefilter("ignore", UserWarning)
                self._quantized = torch.ao.quantization.quantize_dynamic(
                    self.model, {torch.nn.Linear}, dtype=torch.qint8
                )
        return self._quantized

    def _autocast(self, device: torch.device):
        precision = self.inference_precision
        enabled = precision == "bf16" or (precision == "auto" and native_bf16(device))
        return torch.autocast(device.type, dtype=torch.bfloat16, enabled=enabled)

    def predict_proba(self, inputs: TextInput, batch_size: int | None = None) -> np.ndarray:
        if self.model is None:
            raise RuntimeError("the model is not fitted; call fit() or load() first")
        frame = as_frame(inputs)
        if frame.empty:
            return np.zeros((0, len(self.labels)))
        encoded = self._encode(frame)
        ids = encoded["input_ids"]
        order = np.argsort([_length(row) for row in ids], kind="stable")
        size = batch_size or self.cfg.eval_batch_size
        model = self._inference_model()
        device = next(self.model.parameters()).device
        proba = np.empty((len(ids), len(self.labels)), dtype=np.float32)
        keys = [key for key in encoded if key != "overflow_to_sample_mapping"]
        with torch.inference_mode(), self._autocast(device):
            for start in range(0, len(order), size):
                rows = order[start : start + size]
                batch = self._batch(encoded, keys, rows)
                logits = model(**{k: v.to(device) for k, v in batch.items()}).logits
                proba[rows] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
        return proba

    def _batch(self, encoded: dict, keys: list[str], rows: np.ndarray) -> dict:
        """Padded tensors of `rows`; (rows, labels, length) for label descriptions."""
        if self.cfg.target_mode == DESCRIPTION_MODE:
            examples = [{"labels": 0, **{key: encoded[key][i] for key in keys}} for i in rows]
            batch = self._collator()(examples)
            batch.pop("labels")
            return batch
        features = {key: [encoded[key][i] for i in rows] for key in keys}
        return self.tokenizer.pad(features, pad_to_multiple_of=PAD_TO, return_tensors="pt")

    # ------------------------------------------------------------- persistence

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(folder)
        self.tokenizer.save_pretrained(folder)
        write_meta(
            folder,
            self,
            neutral_label=self.neutral_label,
            label_descriptions=self.label_descriptions,
        )
        return folder

    @classmethod
    def load(cls, folder: str | Path, device: torch.device | None = None):
        from transformers import AutoTokenizer

        folder = Path(folder)
        meta = read_meta(folder)
        cfg = TransformerConfig.model_validate(meta["config"])
        classifier = cls(
            cfg,
            meta["labels"],
            meta["seed"],
            meta["neutral_label"],
            meta["target_text"],
            meta.get("label_descriptions", {}),
        )
        classifier.targets = meta.get("targets", [])
        classifier.tokenizer = AutoTokenizer.from_pretrained(folder)
        model = model_class(cfg.target_mode).from_pretrained(folder)
        classifier.model = model.to(device or pick_device()).eval()
        return classifier


def _length(row: list) -> int:
    """Tokens of a row: its longest sequence when it holds one per label."""
    return max(map(len, row)) if row and isinstance(row[0], list) else len(row)


class _EpochMetrics:
    """Collects loss and validation metrics per epoch and hands them to a logger."""

    def __new__(cls, history: list[dict[str, float]], logger: EpochLogger | None):
        from transformers import TrainerCallback

        class Callback(TrainerCallback):
            def on_log(self, args, state, control, logs=None, **kwargs):
                if not state.is_world_process_zero or not logs:
                    return
                epoch = round(state.epoch or 0)
                renamed = {
                    "train_loss" if key == "loss" else key.replace("eval_", "validation_"): value
                    for key, value in logs.items()
                    if key == "loss" or key in ("eval_loss", "eval_f_avg", "eval_macro_f1")
                }
                if renamed:
                    history.append({"epoch": epoch, **renamed})
                    if logger is not None:
                        logger({f"epoch_{k}": float(v) for k, v in renamed.items()}, epoch)

        return Callback()
