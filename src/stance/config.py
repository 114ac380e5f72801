"""Typed configuration: defaults per group, experiment deltas and `key=value` overrides.

A run's config is composed in four layers, each overriding the one before:

1. `configs/defaults.yaml` names one option per group (`data`, `model`, `training`,
   `tracking`), e.g. `model: tfidf_lr` means `configs/model/tfidf_lr.yaml`;
2. an experiment file may pick other options in its own `defaults:` block;
3. the rest of the experiment file holds only what differs from those options;
   `extends: <experiment>` first applies that experiment (its choices and keys), so a
   variant holds only what differs from the experiment it varies;
4. command-line overrides: `model=tfidf_svm` picks an option, `model.C=0.5` sets a key.

Mappings merge key by key: a later layer changes the keys it names and keeps the
others. To drop an inherited entry of a name-to-value mapping (`data.splits`,
`data.label_map`, `data.target_text`, `tracking.tags`), set it to null, e.g.
`data: {splits: {test: null}}`.

The result is validated into :class:`Config`. Every error names the key and the
file (or the command line) that set it, in one line. YAML files must be UTF-8,
without duplicate keys.
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from stance import paths
from stance.errors import ConfigError

GROUPS = ("data", "model", "training", "tracking")
COMMAND_LINE = "the command line"
# Mappings whose entries a null removes (their values are never null).
REMOVABLE = (
    "data.splits",
    "data.label_map",
    "data.target_text",
    "data.label_descriptions",
    "tracking.tags",
)
MAX_VALUES = 100_000  # values in one config file once aliases are expanded
MAX_SHOWN = 200  # characters of a bad value quoted in an error


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MajorityConfig(StrictModel):
    kind: Literal["majority"] = Field(description="Always predicts the training prior.")


class TfidfConfig(StrictModel):
    kind: Literal["tfidf_lr", "tfidf_svm"] = Field(
        description="TF-IDF word + char n-grams with LogisticRegression or a calibrated LinearSVC."
    )
    word_ngrams: tuple[int, int] = Field(default=(1, 2), description="Word n-gram range.")
    char_ngrams: tuple[int, int] | None = Field(
        default=(2, 5), description="Character n-gram range; None turns char features off."
    )
    char_analyzer: Literal["char", "char_wb"] = Field(
        default="char_wb", description="`char_wb` keeps n-grams inside word boundaries."
    )
    min_df: int = Field(default=1, ge=1, description="Drop n-grams seen in fewer documents.")
    max_features: int | None = Field(
        default=None, ge=1, description="Keep only the most frequent n-grams per analyser."
    )
    sublinear_tf: bool = Field(default=True, description="Use 1 + log(tf).")
    lowercase: bool = Field(default=True, description="Lowercase before extracting n-grams.")
    C: float = Field(default=1.0, gt=0, description="Inverse regularisation strength.")
    class_weight: Literal["balanced"] | None = Field(
        default=None, description="`balanced` reweights classes by inverse frequency."
    )
    target_mode: Literal["none", "per_target", "feature"] = Field(
        default="none",
        description="`per_target`: one model per target (SemEval style); `feature`: the "
        "target is one-hot encoded beside the text features; `none`: ignore targets.",
    )
    max_iter: int = Field(default=5000, ge=1, description="Solver iteration limit.")
    calibration_folds: int = Field(
        default=3, ge=2, description="Cross-validation folds that calibrate LinearSVC."
    )


class TransformerConfig(StrictModel):
    kind: Literal["transformer"] = Field(description="A fine-tuned Hugging Face encoder.")
    backbone: str = Field(
        default="minilm-l6",
        description="Short name (minilm-l6, mpnet-base), a local folder, or a hub id.",
    )
    max_length: int = Field(default=128, ge=8, description="Tokens kept per input.")
    target_mode: Literal["none", "pair", "label_description"] = Field(
        default="pair",
        description="`pair`: encode (target, text) as a text pair so one model serves "
        "several targets; `none`: the text alone; `label_description`: score one "
        "(text, description of the label) pair per label, NLI-style, and softmax the "
        "scores (descriptions from data.label_descriptions).",
    )
    learning_rate: float = Field(default=5e-5, gt=0, description="Peak learning rate.")
    lr_scheduler: Literal["linear", "cosine", "constant_with_warmup"] = Field(
        default="linear", description="Learning-rate schedule after warm-up."
    )
    warmup_ratio: float = Field(default=0.1, ge=0, lt=1, description="Share of steps warming up.")
    epochs: float = Field(default=5, gt=0, description="Maximum training epochs.")
    batch_size: int = Field(default=32, ge=1, description="Training batch size per device.")
    eval_batch_size: int = Field(default=128, ge=1, description="Batch size for prediction.")
    gradient_accumulation_steps: int = Field(default=1, ge=1, description="Steps per update.")
    weight_decay: float = Field(default=0.01, ge=0, description="AdamW weight decay.")
    class_weight: Literal["balanced"] | None = Field(
        default=None, description="`balanced`: weight the loss by inverse class frequency."
    )
    early_stopping_patience: int | None = Field(
        default=2,
        ge=1,
        description="Stop after this many epochs without a better validation "
        "metric; None trains every epoch.",
    )
    precision: Literal["auto", "fp32", "bf16"] = Field(
        default="auto", description="`auto`: bf16 on a GPU that supports it, fp32 elsewhere."
    )
    inference_precision: Literal["auto", "fp32", "bf16", "int8"] = Field(
        default="auto",
        description="Arithmetic of the logged model at predict time: `auto` (bf16 where "
        "the CPU or GPU computes bf16 natively, else fp32); `fp32`; `bf16` (autocast); "
        "`int8` (dynamic quantisation of the linear layers, CPU only). "
        "`stance predict --precision` overrides it.",
    )


class EnsembleConfig(StrictModel):
    kind: Literal["ensemble"] = Field(
        description="A weighted mean of the probabilities of logged models, weights "
        "picked on the validation split."
    )
    members: list[str] = Field(
        min_length=2,
        description="Logged models to combine: runs:/<run id>/model, models:/<name>/<version "
        "or @alias> or a model folder; all must predict the dataset's label set.",
    )
    weight_step: float = Field(
        default=0.1,
        gt=0,
        le=0.5,
        description="Step of the grid of member weights (on the simplex: weights >= 0, "
        "summing to 1) searched for the best validation `metric`.",
    )
    metric: Literal["macro_f1", "f_avg", "accuracy"] = Field(
        default="macro_f1",
        description="Validation metric the weights maximise (f_avg: the mean F1 of the "
        "stance labels, neutral left out, as TweetEval reports).",
    )


class SetFitConfig(StrictModel):
    kind: Literal["setfit"] = Field(
        description="SetFit: contrastive fine-tuning of a sentence encoder on pairs of "
        "training texts (same class or not), then a classifier head on its embeddings. "
        "Built for few labelled examples per class."
    )
    backbone: str = Field(
        default="minilm-l6",
        description="Sentence encoder: short name (minilm-l6, mpnet-base), a local folder "
        "(a sentence-transformers model, or a plain encoder that gets mean pooling), or a hub id.",
    )
    max_length: int = Field(default=128, ge=8, description="Tokens kept per input.")
    target_mode: Literal["none", "pair"] = Field(
        default="pair",
        description="`pair`: read '<target words>: <text>' as one string, so one model "
        "serves several targets; `none`: the text alone.",
    )
    max_steps: int = Field(
        default=120,
        ge=1,
        description="Contrastive steps of the encoder, each on batch_size pairs: the run "
        "reads at most max_steps × batch_size pairs. It sets the time: MiniLM takes about "
        "5 s a step at batch 16 on 2 CPU cores, so the default keeps a quotes run to about "
        "12 min (README, Compute); MPNet is about 8 times slower.",
    )
    num_iterations: int | None = Field(
        default=None,
        ge=1,
        description="SetFit's pairs per sample: 2 × num_iterations × training rows pairs "
        "(a positive and a negative per iteration), still cut at max_steps; None: "
        "draw pairs by sampling_strategy until max_steps.",
    )
    sampling_strategy: Literal["oversampling", "undersampling", "unique"] = Field(
        default="oversampling",
        description="How pairs are drawn without num_iterations: `oversampling` as many "
        "positive as negative pairs, `undersampling` the fewer kind, `unique` each once.",
    )
    body_epochs: int = Field(
        default=1, ge=1, description="Passes over the drawn pairs (max_steps still stops early)."
    )
    batch_size: int = Field(default=16, ge=2, description="Pairs per contrastive step.")
    body_learning_rate: float = Field(
        default=2e-5, gt=0, description="Learning rate of the encoder in the contrastive phase."
    )
    warmup_ratio: float = Field(
        default=0.1, ge=0, lt=1, description="Share of contrastive steps warming up."
    )
    head: Literal["logistic", "differentiable"] = Field(
        default="logistic",
        description="`logistic`: scikit-learn LogisticRegression on the frozen embeddings "
        "(seconds on a CPU, SetFit's default); `differentiable`: a torch linear head "
        "trained by gradient descent on the frozen encoder.",
    )
    head_C: float = Field(
        default=1.0, gt=0, description="Inverse regularisation of the logistic head."
    )
    class_weight: Literal["balanced"] | None = Field(
        default=None,
        description="`balanced`: the logistic head weights classes by inverse frequency "
        "(the rare class counts as much as the others).",
    )
    head_epochs: int = Field(
        default=16, ge=1, description="Epochs of the differentiable head (ignored by logistic)."
    )
    head_learning_rate: float = Field(
        default=1e-2, gt=0, description="Learning rate of the differentiable head."
    )
    head_batch_size: int = Field(
        default=16, ge=1, description="Batch size of the differentiable head."
    )
    eval_batch_size: int = Field(default=64, ge=1, description="Batch size for prediction.")

    @model_validator(mode="after")
    def _check_head(self) -> SetFitConfig:
        if self.class_weight and self.head != "logistic":
            raise ValueError("class_weight needs head: logistic (the differentiable head has none)")
        return self


ModelConfig = MajorityConfig | TfidfConfig | TransformerConfig | SetFitConfig | EnsembleConfig
MODEL_KINDS = ("majority", "tfidf_lr", "tfidf_svm", "transformer", "setfit", "ensemble")


class DataConfig(StrictModel):
    name: str = Field(description="Dataset name, logged with every run.")
    format: Literal["tweeteval", "table"] = Field(
        description="`tweeteval`: the TweetEval stance layout (one folder per target); "
        "`table`: one CSV/JSONL/Parquet file per split in the canonical schema."
    )
    path: str = Field(
        description="Dataset folder. `{shared}` expands to the shared data folder, "
        "`{project}` to the project root; relative paths start at the project root."
    )
    splits: dict[str, str] = Field(
        description="Split role (train, validation, test, ...) to file name or prefix."
    )
    labels: list[str] = Field(description="The label set, in the order models report it.")
    neutral_label: str = Field(description="The label that takes no stance; F_avg leaves it out.")
    label_map: dict[str, str] = Field(
        default_factory=dict, description="Raw label value in the files to label name."
    )
    targets: list[str] | None = Field(
        default=None, description="Targets to load (TweetEval folders); None loads all."
    )
    target_text: dict[str, str] = Field(
        default_factory=dict,
        description="Target id to the words a transformer reads for it (e.g. hillary: "
        "Hillary Clinton); unlisted targets are read as they are.",
    )
    label_descriptions: dict[str, str] = Field(
        default_factory=dict,
        description="Label to a short statement of what it means, read by transformers "
        "with target_mode label_description as the second text of an NLI-style pair; "
        "`{target}` in it is replaced by the target's words (data.target_text).",
    )
    encoding: str = Field(default="utf-8", description="Text encoding of the data files.")
    version: str = Field(
        default="",
        description="Dataset version (e.g. v2): part of the MLflow dataset name of every run.",
    )
    group_by: str | None = Field(
        default=None,
        description="A column of the split files (e.g. speaker_group) to score every "
        "evaluation by, with the 'who speaks' baseline that predicts from it alone.",
    )
    shared_dir: str = Field(
        default="../shared",
        description="Shared data folder, overridden by $STANCE_SHARED_DIR.",
    )

    @model_validator(mode="after")
    def _check_labels(self) -> DataConfig:
        if len(set(self.labels)) != len(self.labels) or len(self.labels) < 2:
            raise ValueError(f"labels must be at least two distinct names, got {self.labels}")
        if self.neutral_label not in self.labels:
            raise ValueError(f"neutral_label {self.neutral_label!r} is not in labels {self.labels}")
        unknown = sorted(set(self.label_map.values()) - set(self.labels))
        if unknown:
            raise ValueError(f"label_map maps to unknown labels {unknown}")
        if "train" not in self.splits:
            raise ValueError("splits must name a 'train' split")
        unknown = sorted(set(self.label_descriptions) - set(self.labels))
        if unknown:
            raise ValueError(f"label_descriptions names unknown labels {unknown}")
        return self

    @property
    def stance_labels(self) -> list[str]:
        """The non-neutral labels, over which F_avg is averaged."""
        return [label for label in self.labels if label != self.neutral_label]


class TrainingConfig(StrictModel):
    seed: int = Field(default=13, description="Seed for every random generator in the run.")
    search: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="Model keys to candidate values; every combination is scored on the "
        "validation split and the best is kept (empty: no search).",
    )
    selection_metric: Literal["f_avg", "macro_f1", "accuracy"] = Field(
        default="f_avg", description="Validation metric that picks the search winner."
    )
    refit_on_validation: bool = Field(
        default=False,
        description="After the search, refit the winner on train + validation.",
    )
    decision: Literal["argmax", "tuned"] = Field(
        default="argmax",
        description="`tuned`: after fitting, search per-class log-probability offsets "
        "(prior correction) for macro-F1 on validation and keep them only if they beat "
        "argmax in cross-validation on the validation rows; the logged model applies them.",
    )
    eval_splits: list[str] = Field(
        default_factory=lambda: ["validation", "test"],
        description="Splits scored and logged after training (those the dataset has).",
    )
    bootstrap_resamples: int = Field(
        default=1000, ge=0, description="Resamples for the confidence intervals (0: none)."
    )
    bootstrap_seed: int = Field(default=0, description="Seed of the bootstrap resampling.")
    confidence_level: float = Field(
        default=0.95, gt=0, lt=1, description="Level of the bootstrap confidence intervals."
    )


class TrackingConfig(StrictModel):
    experiment_name: str = Field(default="stance", description="MLflow experiment of the run.")
    run_name: str | None = Field(default=None, description="MLflow run name; None: experiment.")
    registered_model_name: str | None = Field(
        default=None, description="Register the logged model under this name; None: don't."
    )
    log_model: bool = Field(default=True, description="Log the trained model as a pyfunc.")
    tags: dict[str, str] = Field(default_factory=dict, description="Extra tags for the run.")


class Config(StrictModel):
    name: str = Field(default="default", description="Experiment name (file stem).")
    data: DataConfig
    model: Annotated[ModelConfig, Field(discriminator="kind")]
    training: TrainingConfig = Field(default_factory=TrainingConfig)
    tracking: TrackingConfig = Field(default_factory=TrackingConfig)
    seeds: list[int] | None = Field(
        default=None,
        description="Train once per seed, each a child run of one parent run that logs "
        "the mean and standard deviation of every metric; None trains once with training.seed.",
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# ---------------------------------------------------------------- composition


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: PyYAML reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


def _count_values(node: Any, budget: int) -> int:
    """Values in `node` with aliases expanded, stopping once past `budget`."""
    stack, count = [node], 0
    while stack and count <= budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}, line {line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    try:
        content = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level")
    if _count_values(content, MAX_VALUES) > MAX_VALUES:
        raise ConfigError(
            f"{path}: more than {MAX_VALUES:,} values once its aliases are expanded "
            "(an alias bomb?)"
        )
    return content


def _merge(base: dict, delta: dict, source: str, origin: dict[str, str], prefix: str = "") -> None:
    """Deep-merge `delta` into `base`, recording which source set each leaf key."""
    for key, value in delta.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value and isinstance(base.get(key, {}), dict):
            _merge(base.setdefault(key, {}), value, source, origin, dotted + ".")
        else:
            base[key] = copy.deepcopy(value)
            origin[dotted] = source


def find_experiment(experiment: str | Path) -> Path:
    """An experiment is a file path or a name under `experiments/`."""
    candidates = [Path(experiment)]
    if Path(experiment).suffix not in (".yaml", ".yml"):
        candidates.append(paths.experiments_dir() / f"{experiment}.yaml")
    candidates.append(paths.experiments_dir() / Path(experiment).name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    looked = ", ".join(str(c) for c in candidates)
    raise ConfigError(
        f"experiment {str(experiment)!r} not found (looked for {looked}); "
        f"experiments: {', '.join(closest_experiments(str(experiment))) or 'none'}"
    )


def closest_experiments(name: str) -> list[str]:
    """The experiments under `experiments/`, the closest to `name` first."""
    names = sorted(p.stem for p in paths.experiments_dir().glob("*.yaml"))
    stem = Path(name).stem
    return difflib.get_close_matches(stem, names, n=len(names), cutoff=0.0)


def _group_file(group: str, option: str, source: str) -> Path:
    path = paths.configs_dir() / group / f"{option}.yaml"
    if not path.is_file():
        choices = sorted(p.stem for p in (paths.configs_dir() / group).glob("*.yaml"))
        raise ConfigError(
            f"{source}: no option {option!r} for group {group!r} "
            f"(looked for {path}; choices: {', '.join(choices) or 'none'})"
        )
    return path


def parse_overrides(overrides: list[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """Split `group=option` choices from dotted `key=value` overrides."""
    choices: dict[str, str] = {}
    values: dict[str, Any] = {}
    for item in overrides:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ConfigError(f"{COMMAND_LINE}: override {item!r} is not of the form key=value")
        try:
            value = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError:
            value = raw
        if key in GROUPS:
            choices[key] = str(value)
        else:
            values[key] = value
    return choices, values


def _nest(dotted: dict[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for key, value in dotted.items():
        node = nested
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(
                    f"{COMMAND_LINE}: {key!r} goes inside a value that is not a group"
                )
        node[leaf] = value
    return nested


def _experiment_layers(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Path, dict, dict]]:
    """(file, group choices, delta) of an experiment and the ones it `extends`, base first."""
    if path.resolve() in seen:
        chain = " -> ".join(p.stem for p in (*seen, path.resolve()))
        raise ConfigError(f"{path}: 'extends' makes a cycle ({chain})")
    delta = _read_yaml(path)
    choices = delta.pop("defaults", {}) or {}
    if not isinstance(choices, dict):
        raise ConfigError(f"{path}: 'defaults' must map groups to options")
    base = delta.pop("extends", None)
    if base is None:
        return [(path, choices, delta)]
    if not isinstance(base, str):
        raise ConfigError(f"{path}: 'extends' must name one experiment (got {base!r})")
    base_path = find_experiment(base)
    return [*_experiment_layers(base_path, (*seen, path.resolve())), (path, choices, delta)]


def compose(experiment: str | Path | None, overrides: list[str] | None = None):
    """Compose the raw config dict and the origin (file) of each key."""
    defaults_path = paths.configs_dir() / "defaults.yaml"
    if not defaults_path.is_file():
        raise ConfigError(f"defaults file not found: {defaults_path} (is this a stance project?)")
    choices = dict(_read_yaml(defaults_path).get("defaults", {}))
    experiment_path = find_experiment(experiment) if experiment else None
    layers = _experiment_layers(experiment_path) if experiment_path else []
    chosen_by = dict.fromkeys(choices, str(defaults_path))
    cli_choices, cli_values = parse_overrides(overrides or [])
    picks = [(str(path), exp_choices) for path, exp_choices, _ in layers]
    for source, picked in (*picks, (COMMAND_LINE, cli_choices)):
        for group, option in picked.items():
            if group not in GROUPS:
                raise ConfigError(f"{source}: unknown config group {group!r} (groups: {GROUPS})")
            choices[group] = option
            chosen_by[group] = source

    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for group in GROUPS:
        if group in choices:
            path = _group_file(group, str(choices[group]), chosen_by[group])
            _merge(raw, {group: _read_yaml(path)}, str(path), origin)
    name = experiment_path.stem if experiment_path else "default"
    _merge(raw, {"name": name}, str(experiment_path or defaults_path), origin)
    for path, _, delta in layers:
        _merge(raw, delta, str(path), origin)
    _merge(raw, _nest(cli_values), COMMAND_LINE, origin)
    for dotted in REMOVABLE:
        group, key = dotted.split(".")
        mapping = raw.get(group, {}).get(key) if isinstance(raw.get(group), dict) else None
        if isinstance(mapping, dict):
            for name in [n for n, value in mapping.items() if value is None]:
                del mapping[name]
    return raw, origin


def _source_of(key: str, origin: dict[str, str]) -> str:
    """The file (or command line) that set `key`; for a group, the last layer that touched it."""
    parts = key.split(".")
    for cut in range(len(parts), 0, -1):
        if (prefix := ".".join(parts[:cut])) in origin:
            return origin[prefix]
    inner = [src for k, src in origin.items() if k.startswith(key + ".")]
    for layer in (COMMAND_LINE, *reversed(inner)):
        if layer in inner:
            return layer
    return "the composed config"


def _explain(exc: ValidationError, origin: dict[str, str]) -> str:
    error = exc.errors()[0]
    loc = [str(part) for part in error["loc"]]
    # A discriminated union puts the tag in the path (model.tfidf_lr.C): drop it.
    if len(loc) > 1 and loc[0] == "model" and loc[1] in MODEL_KINDS:
        loc.pop(1)
    key = ".".join(loc) or "<root>"
    source = _source_of(key, origin)
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    if error["type"] == "extra_forbidden":
        return f"{source}: unknown key {key!r}{more}"
    if error["type"] == "missing":
        return f"{source}: missing key {key!r}{more}"
    value = error.get("input")
    shown = f" (got {_short(repr(value))})" if not isinstance(value, dict) else ""
    return f"{source}: bad value for {key!r}: {error['msg']}{shown}{more}"


def _short(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text):,} characters)"


def load_config(experiment: str | Path | None = None, overrides: list[str] | None = None) -> Config:
    """Compose and validate a config; raise ConfigError with one line on any problem."""
    raw, origin = compose(experiment, overrides)
    try:
        cfg = Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_explain(exc, origin)) from None
    check_cross_group(cfg, origin)
    missing = [split for split in cfg.training.eval_splits if split not in cfg.data.splits]
    if missing:
        raise ConfigError(
            f"{_source_of('training.eval_splits', origin)}: training.eval_splits names "
            f"{', '.join(map(repr, missing))}, which data.splits "
            f"({', '.join(cfg.data.splits)}) does not have: add the split or set eval_splits"
        )
    return cfg


def check_cross_group(cfg: Config, origin: dict[str, str]) -> None:
    """Settings of one group that need something of another, each refused in one line."""
    if getattr(cfg.model, "target_mode", None) == "label_description":
        missing = [label for label in cfg.data.labels if label not in cfg.data.label_descriptions]
        if missing:
            raise ConfigError(
                f"{_source_of('model.target_mode', origin)}: model.target_mode "
                f"label_description needs data.label_descriptions for {', '.join(missing)}"
            )
    if cfg.model.kind == "ensemble" and "validation" not in cfg.data.splits:
        raise ConfigError(
            f"{_source_of('model.kind', origin)}: model.kind ensemble picks its weights on a "
            "'validation' split, which data.splits does not have"
        )
    if cfg.training.decision == "tuned":
        where = _source_of("training.decision", origin)
        if "validation" not in cfg.data.splits:
            raise ConfigError(
                f"{where}: training.decision tuned picks offsets on a 'validation' split, "
                "which data.splits does not have"
            )
        if cfg.training.refit_on_validation:
            raise ConfigError(
                f"{where}: training.decision tuned picks offsets on validation, which "
                "training.refit_on_validation trains on: use one or the other"
            )


def flatten(mapping: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts into dotted keys (lists stay values)."""
    flat: dict[str, Any] = {}
    for key, value in mapping.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def dump_yaml(config: Config) -> str:
    return yaml.safe_dump(config.to_dict(), sort_keys=False, allow_unicode=True)
