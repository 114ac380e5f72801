"""The model registry: the version a run registered, and aliases on it.

Users load a promoted model as `models:/<name>@<alias>` (`models:/quotes-tfidf@champion`)
and move the alias when a better run comes; `stance promote` and `stance compare
--promote` set it. A multi-seed parent registers one version, its best seed's, and
names that child in the tag `stance.registered_run`, so the parent promotes too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import mlflow
from mlflow.entities.model_registry import ModelVersion
from mlflow.tracking import MlflowClient

from stance import tracking
from stance.distributed import on_main_process
from stance.errors import StanceError

log = logging.getLogger(__name__)
REGISTERED_RUN_TAG = "stance.registered_run"


@on_main_process
def register_run_model(run_id: str, name: str) -> ModelVersion:
    """Register the model a run logged (`runs:/<id>/model`) as a new version of `name`."""
    return mlflow.register_model(f"runs:/{run_id}/model", name)


def run_version(run_id: str, client: MlflowClient | None = None) -> ModelVersion | None:
    """The newest registered version of the model `run_id` logged (for a multi-seed parent,
    its registered seed's); None when it has none."""
    client = client or MlflowClient()
    registered = client.get_run(run_id).data.tags.get(REGISTERED_RUN_TAG)
    versions = client.search_model_versions(f"run_id = '{registered or run_id}'")
    return max(versions, key=lambda v: int(v.creation_timestamp), default=None)


@dataclass
class Promotion:
    alias: str
    name: str
    version: str
    run_id: str

    def message(self, why: str = "") -> str:
        return (
            f"{self.alias} -> {self.name} version {self.version} (run {self.run_id}{why}): "
            f"load it as models:/{self.name}@{self.alias}"
        )


def _promote(run_id: str, alias: str) -> Promotion:
    client = MlflowClient()
    version = run_version(run_id, client)
    if version is None:
        raise StanceError(
            f"run {run_id} has no registered model version: train it with "
            "tracking.registered_model_name set"
        )
    client.set_registered_model_alias(version.name, alias, version.version)
    return Promotion(alias, version.name, str(version.version), version.run_id)


def promote(run_id: str, alias: str) -> Promotion:
    """Point `alias` of the run's registered model at the run's version."""
    return tracking.store_call(_promote, run_id, alias)


def promote_best(scores: dict[str, float], alias: str, metric: str) -> tuple[Promotion, str]:
    """Promote the best-scoring of the runs (run id -> score) that registered a version;
    returns the promotion and why that run, in words."""
    client = MlflowClient()
    ranked = sorted(scores, key=lambda run_id: -scores[run_id])  # stable: ties keep order
    for place, run_id in enumerate(ranked):
        if tracking.store_call(run_version, run_id, client) is None:
            continue
        why = f", best {metric} {100 * scores[run_id]:.1f}"
        if place:
            why += f"; {place} better-scoring runs have no registered version"
        return promote(run_id, alias), why
    raise StanceError(f"none of the {len(scores)} compared runs has a registered model version")
