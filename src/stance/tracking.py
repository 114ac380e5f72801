"""MLflow: where runs go, the run lifecycle, and what every run logs.

Tracking URI: $MLFLOW_TRACKING_URI when set (a tracking server's http:// URL, say),
else a SQLite file in the project root. A run that raises is marked FAILED (KILLED
on Ctrl-C), never left RUNNING. Under several processes only the main one opens a
run and logs: the others get a stand-in run and every `log_*` here does nothing for them.

A process killed outright (SIGKILL, power loss) cannot close its run. Every run
records its process (host, pid, start time) as tags, and every command that opens
the store marks the RUNNING runs of dead processes on this host KILLED and their
PENDING models FAILED (`reap_stale_runs`; `stance runs clean` on demand).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import mlflow
import pandas as pd
from mlflow.entities import RunStatus
from mlflow.tracking import MlflowClient

import stance
from stance import paths, processes
from stance.config import Config, dump_yaml, flatten
from stance.data.schema import content_hash
from stance.distributed import is_main_process, on_main_process
from stance.errors import StanceError, first_line
from stance.models import pyfunc
from stance.secrets import mask

log = logging.getLogger(__name__)

# MLflow refuses param values past 6,000 characters and batches past 100 params.
MAX_PARAM_LENGTH = 500
PARAM_BATCH = 100
TRUNCATED = "...[truncated]"
# What a process other than the main one gets from `start_run`: it trains but logs nothing.
NO_RUN = SimpleNamespace(info=SimpleNamespace(run_id=None))
SERVER_TIMEOUT_S = 5
# The process that runs a run: a later command can tell whether it died without closing it.
HOST_TAG = "stance.process.host"
PID_TAG = "stance.process.pid"
START_TAG = "stance.process.start"
REAPED_TAG = "stance.process.reaped"
_reaped: set[str] = set()  # tracking URIs cleaned by this process


def tracking_uri() -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or paths.default_tracking_uri()


def configure(reap: bool = True) -> str:
    """Point MLflow at the tracking store and, once per process, close what dead
    processes left open there (`reap_stale_runs`)."""
    uri = tracking_uri()
    if uri.startswith(("http://", "https://")):
        check_server(uri)
    mlflow.set_tracking_uri(uri)
    if reap and uri not in _reaped and _store_exists(uri):
        _reaped.add(uri)
        try:
            reap_stale_runs()
        except Exception as exc:  # cleaning up must never stop the command
            log.debug("could not look for stale runs: %s", mask(str(exc)))
    return uri


def store_call(action, *args, reap: bool = True, **kwargs):
    """`action(*args, **kwargs)` on the tracking store, any failure as one masked line."""
    try:
        configure(reap=reap)
        return action(*args, **kwargs)
    except StanceError:
        raise
    except Exception as exc:
        raise StanceError(
            f"cannot use the tracking store {mask(tracking_uri())}: {mask(first_line(exc))}"
        ) from None


def _store_exists(uri: str) -> bool:
    """A SQLite store that does not exist yet has no stale runs: do not create it here."""
    if uri.startswith("sqlite:///"):
        return Path(uri.removeprefix("sqlite:///")).is_file()
    return True


def process_tags() -> dict[str, str]:
    """host, pid and start time of this process, as run tags."""
    process = processes.this_process()
    return {HOST_TAG: process["host"], PID_TAG: process["pid"], START_TAG: process["start"]}


def _all_pages(search, *args, **kwargs) -> list:
    found, token = [], None
    while True:
        page = search(*args, page_token=token, **kwargs)
        found.extend(page)
        token = page.token
        if not token:
            return found


def reap_stale_runs(client: MlflowClient | None = None) -> tuple[list[str], list[str]]:
    """Mark RUNNING runs whose process (on this host) is dead KILLED, and models that
    such runs, or any run that ended, left PENDING, FAILED. Returns (run ids, model ids)."""
    client = client or MlflowClient()
    experiments = [e.experiment_id for e in _all_pages(client.search_experiments)]
    if not experiments:
        return [], []
    host = processes.host().replace("'", "")
    running = _all_pages(
        client.search_runs,
        experiments,
        filter_string=f"attributes.status = 'RUNNING' and tags.`{HOST_TAG}` = '{host}'",
        max_results=1000,
    )
    killed = []
    for run in running:
        tags = run.data.tags
        try:
            pid = int(tags.get(PID_TAG, ""))
        except ValueError:
            continue
        if processes.is_alive(pid, tags.get(START_TAG) or None):
            continue
        client.set_tag(run.info.run_id, REAPED_TAG, f"process {pid} on {host} died")
        client.set_terminated(run.info.run_id, RunStatus.to_string(RunStatus.KILLED))
        killed.append(run.info.run_id)
        log.warning(
            "run %s was left RUNNING by process %s on %s, which died: marked KILLED",
            run.info.run_id, pid, host,
        )  # fmt: skip
    failed = []
    for model in _all_pages(client.search_logged_models, experiments):
        run_id = model.source_run_id
        # (the SQL store ignores a filter on status: filter here)
        if getattr(model.status, "value", model.status) != "PENDING" or not run_id:
            continue
        if run_id not in killed:
            run = client.get_run(run_id)
            if run.info.status == "RUNNING" or run.data.tags.get(HOST_TAG) is None:
                continue  # still logging, or not a stance run
        client.finalize_logged_model(model.model_id, "FAILED")
        failed.append(model.model_id)
        log.warning("model %s of run %s was left PENDING: marked FAILED", model.model_id, run_id)
    return killed, failed


@functools.lru_cache(maxsize=8)
def check_server(uri: str) -> None:
    """Fail in one line when a tracking server does not answer; MLflow would retry for minutes.

    Any HTTP answer counts, even 401 from a proxy that wants a login.
    """
    try:
        with urllib.request.urlopen(f"{uri.rstrip('/')}/health", timeout=SERVER_TIMEOUT_S):
            pass
    except urllib.error.HTTPError:
        pass
    except OSError as exc:
        reason = getattr(exc, "reason", exc)
        raise StanceError(
            f"the tracking server {mask(uri)} does not answer ({reason}); "
            "start it (`stance server`) or fix $MLFLOW_TRACKING_URI"
        ) from None


def local_artifact_root(uri: str) -> Path | None:
    """`mlartifacts/` beside a SQLite store; None for servers, which own their artifacts."""
    if uri.startswith("sqlite:///"):
        return Path(uri.removeprefix("sqlite:///")).parent / "mlartifacts"
    return None


def ensure_experiment(name: str) -> str:
    """The experiment id, creating the experiment (with a project-local artifact root)."""
    client = MlflowClient()
    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    location = None
    if (root := local_artifact_root(mlflow.get_tracking_uri())) is not None:
        location = (root / name).as_uri()
    return client.create_experiment(name, artifact_location=location)


def runs_table_urls(base_url: str, experiment: str | None = None) -> list[str]:
    """UI links to the runs table (the experiment landing page hides runs), best F_avg first."""
    client = MlflowClient()
    experiments = (
        [client.get_experiment_by_name(experiment)] if experiment else client.search_experiments()
    )
    order = "orderByKey=metrics.%60test_f_avg%60&orderByAsc=false"
    return [
        f"{base_url}/#/experiments/{found.experiment_id}/runs?{order}  ({found.name})"
        for found in experiments
        if found is not None
    ]


GIT_COMMIT_ENV = "STANCE_GIT_COMMIT"


def git_state() -> dict[str, str]:
    """Commit and dirty flag of the project checkout, when it is a git repository.

    A copy without `.git` (a container, a GPU machine given the files alone) names
    its commit in $STANCE_GIT_COMMIT; its dirty flag is then unknown.
    """

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=paths.project_root(), capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        if commit := os.environ.get(GIT_COMMIT_ENV):
            return {"mlflow.source.git.commit": commit, "stance.git_dirty": "unknown"}
        return {}
    return {"mlflow.source.git.commit": commit, "stance.git_dirty": str(dirty).lower()}


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM (kill, a scheduler's time limit) into SystemExit, so runs get closed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def start_run(
    name: str,
    tags: dict[str, str] | None = None,
    *,
    experiment: str | None = None,
    experiment_id: str | None = None,
    nested: bool = False,
) -> Iterator[Any]:
    """One MLflow run named `name`, for training or evaluation; FAILED on error, KILLED on
    Ctrl-C or SIGTERM, never left RUNNING.

    The run goes to `experiment` (by name, created when missing), else to
    `experiment_id`, else to MLflow's default. It is tagged with the stance version and
    the git state, then `tags`.
    """
    if not is_main_process():
        yield NO_RUN
        return
    configure()
    if experiment is not None:
        experiment_id = ensure_experiment(experiment)
    run = mlflow.start_run(
        experiment_id=experiment_id,
        run_name=name,
        tags={
            "stance.version": stance.__version__,
            **git_state(),
            **process_tags(),
            **(tags or {}),
        },
        nested=nested,
    )
    try:
        with _sigterm_as_exit():
            yield run
    except (KeyboardInterrupt, SystemExit):
        mlflow.end_run(RunStatus.to_string(RunStatus.KILLED))
        raise
    except BaseException:
        mlflow.end_run(RunStatus.to_string(RunStatus.FAILED))
        raise
    else:
        mlflow.end_run(RunStatus.to_string(RunStatus.FINISHED))


def safe_params(params: dict[str, Any]) -> dict[str, str]:
    """Stringify and truncate values so that no param can crash a run."""
    safe = {}
    for key, value in params.items():
        text = "" if value is None else str(value)
        if len(text) > MAX_PARAM_LENGTH:
            text = text[: MAX_PARAM_LENGTH - len(TRUNCATED)] + TRUNCATED
        safe[key[:250]] = text
    return safe


@on_main_process
def log_params(params: dict[str, Any]) -> None:
    items = list(safe_params(params).items())
    for start in range(0, len(items), PARAM_BATCH):
        mlflow.log_params(dict(items[start : start + PARAM_BATCH]))


@on_main_process
def log_metrics(metrics: dict[str, float], step: int | None = None) -> None:
    mlflow.log_metrics(metrics, step=step)


@on_main_process
def set_tag(key: str, value: str) -> None:
    mlflow.set_tag(key, value)


@on_main_process
def log_config(cfg: Config) -> None:
    """The flattened config as params, the full resolved config as `config.yaml`."""
    log_params(flatten(cfg.to_dict()))
    mlflow.log_text(dump_yaml(cfg), "config.yaml")


@on_main_process
def log_dataset(frame: pd.DataFrame, name: str, source: str, context: str) -> str:
    """Log a split as an MLflow dataset input, tagged with its content hash."""
    digest = content_hash(frame)
    with warnings.catch_warnings():
        # MLflow registers the local source class twice and warns that it is ambiguous.
        warnings.filterwarnings("ignore", message="The specified dataset source")
        dataset = mlflow.data.from_pandas(
            frame,
            source=Path(source).resolve().as_uri(),
            name=f"{name}:{context}",
            targets="label",
            digest=digest[:16],
        )
    mlflow.log_input(dataset, context=context)
    mlflow.set_tag(f"data.{context}.sha256", digest)
    mlflow.log_param(f"data.{context}.rows", len(frame))
    return digest


@on_main_process
def log_frame(frame: pd.DataFrame, artifact_file: str) -> None:
    """A DataFrame as a CSV artifact (readable later without MLflow-specific formats)."""
    mlflow.log_text(frame.to_csv(index=False), artifact_file)


def log_figure(fig, artifact_file: str) -> None:
    """Log a matplotlib figure (main process only), then close it on every process."""
    import matplotlib.pyplot as plt

    if is_main_process():
        mlflow.log_figure(fig, artifact_file)
    plt.close(fig)


@functools.cache
def module_owners() -> dict[str, list[str]]:
    """Top-level module -> the distributions that provide it, read once per process:
    reading every installed package's metadata takes about a second per logged model."""
    return metadata.packages_distributions()


def pip_requirements(model) -> list[str]:
    """The logged model's requirements: the distributions of the modules its pyfunc
    imports (`pyfunc.PYFUNC_MODULES` and the model class's `pyfunc_modules`), pinned to
    the versions installed here.

    A local version label is dropped (`torch==2.13.0`, not `2.13.0+cpu`): pip cannot
    fetch `+cpu` from PyPI. On Linux, PyPI's `torch==2.13.0` is the CUDA build; for the
    CPU wheel, install torch first from https://download.pytorch.org/whl/cpu.
    """
    if not hasattr(model, "pyfunc_modules"):  # a new model kind must say what it imports
        raise StanceError(f"{type(model).__name__} declares no pyfunc_modules")
    modules = (*pyfunc.PYFUNC_MODULES, *model.pyfunc_modules)
    owners = module_owners()
    pins = {}
    for module in modules:
        for name in owners.get(module, [module]):
            try:
                pins[name.lower()] = f"{name}=={metadata.version(name).split('+')[0]}"
            except metadata.PackageNotFoundError:
                raise StanceError(
                    f"the model imports {module}, but no installed package provides it"
                ) from None
    return sorted(pins.values(), key=str.lower)


@on_main_process
def log_model(model, cfg: Config, example: pd.DataFrame):
    """Log a fitted stance classifier as the stance pyfunc; register it if configured.

    The model is logged from code (`models/pyfunc_entry.py`) and the `stance`
    package source travels with it (code_paths), so it loads wherever MLflow
    does, without installing this project. Checkpoints are never uploaded: only
    the final model's files.
    """
    with tempfile.TemporaryDirectory() as tmp:
        artifacts = pyfunc.model_artifacts(model, cfg.model.kind, Path(tmp))
        return mlflow.pyfunc.log_model(
            name="model",
            python_model=str(pyfunc.ENTRY_FILE),
            artifacts=artifacts,
            code_paths=[str(Path(stance.__file__).parent)],
            signature=pyfunc.signature(model.labels),
            input_example=example,
            pip_requirements=pip_requirements(model),
            registered_model_name=cfg.tracking.registered_model_name,
            metadata={
                "labels": list(model.labels),
                "neutral_label": cfg.data.neutral_label,
                "kind": cfg.model.kind,
                "dataset": cfg.data.name,
            },
        )
