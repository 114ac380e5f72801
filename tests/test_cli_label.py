"""`stance label`: pool -> suggest -> spreadsheet -> import, from the command line."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.curation.annotation import read_pass
from tests.curation.fakes import fake_shared

pytest.importorskip("small_text")
runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch, mlflow_store):
    root = tmp_path / "project"
    (root / "data" / "raw").mkdir(parents=True)
    monkeypatch.setenv("STANCE_PROJECT_DIR", str(root))
    monkeypatch.setenv("STANCE_SHARED_DIR", str(fake_shared(tmp_path / "shared")))
    return root


def test_pool_suggest_export_import(project, tmp_path):
    pool = project / "data" / "interim" / "label" / "pool.parquet"
    corpora = ["--corpora", "ungdc", "--corpora", "mfa", "--corpora", "article"]
    result = runner.invoke(app, ["label", "pool", *corpora])
    assert result.exit_code == 0, result.output
    assert pool.is_file() and '"units": 5' in result.stdout
    again = runner.invoke(app, ["label", "pool", *corpora])
    assert "from the cache" in again.output

    result = runner.invoke(app, ["label", "suggest", "--strategy", "random", "--n", "3"])
    assert result.exit_code == 0, result.output
    out = project / "data" / "interim" / "label" / "suggest"
    assert {p.name for p in out.iterdir()} == {"picks.parquet", "tasks.json", "tasks.csv"}

    sheet = pd.read_csv(out / "tasks.csv", dtype=str, keep_default_na=False)
    sheet["label"] = ["pro_aid", "neutral", "pro_concession"]
    sheet.to_csv(tmp_path / "done.csv", index=False)
    args = ["label", "import", str(tmp_path / "done.csv"), "--pass", "1", "--annotator", "A1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    labels = read_pass(project / "data" / "raw" / "annotations" / "pass1")
    assert sorted(labels["label"]) == ["neutral", "pro_aid", "pro_concession"]
    assert (project / "data" / "interim" / "candidates.parquet").is_file()

    # The same file again: refused in one line, nothing appended.
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "field 'annotator': annotator 'A1' already has pass 1 labels" in result.output
    assert len(list((project / "data" / "raw" / "annotations").rglob("*.csv"))) == 1

    # Picked units are not suggested again.
    result = runner.invoke(app, ["label", "suggest", "--strategy", "random", "--n", "5"])
    picks = pd.read_parquet(out / "picks.parquet")
    assert len(picks) == 2 and not set(picks["id"]) & set(labels["id"])


def test_label_errors_are_one_line(project):
    result = runner.invoke(app, ["label", "suggest", "--strategy", "margin", "--n", "3"])
    assert result.exit_code == 2 and "pool file not found" in result.output
    result = runner.invoke(app, ["label", "pool", "--corpora", "nope"])
    assert result.exit_code == 2 and "unknown corpus 'nope'" in result.output
