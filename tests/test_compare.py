import pandas as pd
import pytest

from stance.compare import compare, write_comparison
from stance.config import load_config
from stance.errors import StanceError
from stance.training import train
from tests.conftest import write_experiment


@pytest.mark.slow
def test_compare_runs_of_an_experiment(two_runs, tmp_path):
    result = compare(["tiny"], resamples=200)
    assert result.table["run"].tolist() == ["lr", "prior"]
    assert result.table["f_avg"].str.match(r"^\d+\.\d \[\d+\.\d, \d+\.\d\]$").all()
    [pair] = result.pairs.to_dict("records")
    assert (pair["A"], pair["B"]) == ("lr", "prior")
    assert (pair["A_run_id"], pair["B_run_id"]) == two_runs
    assert pair["p_f_avg"] < 0.05 and pair["significant"]  # a perfect model vs the prior
    files = write_comparison(result, tmp_path / "out")
    assert all(f.exists() for f in files)
    assert [f.name for f in files] == ["comparison.md", "comparison.csv", "pairs.csv", "f_avg.png"]
    markdown = (tmp_path / "out" / "comparison.md").read_text()
    assert "Paired tests" in markdown
    assert f"| lr | prior | {pair['Δf_avg']:+.1f} | {pair['p_f_avg']:.2g}* |" in markdown


@pytest.mark.slow
def test_pairs_csv_holds_numbers(two_runs, tmp_path):
    result = compare(list(two_runs), resamples=100)
    write_comparison(result, tmp_path)
    pairs = pd.read_csv(tmp_path / "pairs.csv")
    for column in ("Δf_avg", "p_f_avg", "Δmacro_f1", "p_macro_f1", "p_accuracy"):
        assert pairs[column].dtype == float, column
    assert pairs["significant"].dtype == bool
    assert pairs.loc[0, "Δf_avg"] == pytest.approx(result.pairs.loc[0, "Δf_avg"])
    assert 0 < pairs.loc[0, "Δf_avg"] <= 100  # percentage points, A minus B


@pytest.mark.slow
def test_runs_with_one_name_stay_apart(mlflow_store, tiny_experiment, tiny_dataset, tmp_path):
    good = train(load_config(str(tiny_experiment), ["tracking.run_name=same"]))
    majority = write_experiment(tmp_path / "majority.yaml", tiny_dataset, model="majority")
    floor = train(load_config(str(majority), ["tracking.run_name=same"]))
    ids = [good["run_id"], floor["run_id"]]
    result = compare(ids, resamples=50)
    assert list(result.intervals) == ids
    names = [f"same ({run_id[:8]})" for run_id in ids]
    assert list(result.labelled_intervals()) == names
    assert result.pairs.loc[0, ["A", "B"]].tolist() == names
    assert result.intervals[ids[0]].estimate > result.intervals[ids[1]].estimate
    assert len(compare([ids[0], ids[0], ids[1]], resamples=20).pairs) == 1  # counted once


def test_one_run_has_no_pairs_to_test(mlflow_store, tiny_experiment, tmp_path):
    run = train(load_config(str(tiny_experiment)))
    (tmp_path / "pairs.csv").write_text("an earlier comparison's\n", encoding="utf-8")
    result = compare([run["run_id"]], resamples=20)
    files = write_comparison(result, tmp_path)
    assert [f.name for f in files] == ["comparison.md", "comparison.csv", "f_avg.png"]
    assert not (tmp_path / "pairs.csv").exists()
    assert result.markdown().rstrip().endswith("one run: no pairs to test")


@pytest.mark.slow
def test_identical_runs_do_not_differ(mlflow_store, tiny_experiment):
    first = train(load_config(str(tiny_experiment), ["tracking.run_name=a"]))
    second = train(load_config(str(tiny_experiment), ["tracking.run_name=b"]))
    result = compare([first["run_id"], second["run_id"]], resamples=200)
    [pair] = result.pairs.to_dict("records")
    assert pair["p_f_avg"] == 1.0 and pair["p_accuracy"] == 1.0
    assert pair["Δf_avg"] == 0.0 and not pair["significant"]


@pytest.mark.slow
def test_runs_on_different_test_sets_are_refused(two_runs, tiny_experiment, tiny_dataset):
    test = pd.read_csv(tiny_dataset / "test.csv")
    test.loc[0, "label"] = "neutral" if test.loc[0, "label"] != "neutral" else "pro_aid"
    test.to_csv(tiny_dataset / "test.csv", index=False)
    other = train(load_config(str(tiny_experiment), ["tracking.run_name=other"]))
    with pytest.raises(StanceError, match="scored on different test sets"):
        compare([two_runs[0], other["run_id"]], resamples=50)


@pytest.mark.slow
def test_a_parent_run_adds_a_mean_and_sd_row(mlflow_store, tiny_experiment):
    train(load_config(str(tiny_experiment), ["seeds=[1, 2]", "tracking.run_name=multi"]))
    result = compare(["tiny"], resamples=100)
    runs = result.table["run"].tolist()
    assert runs == ["multi-seed1", "multi-seed2", "multi"]
    assert result.table.loc[2, "f_avg"].count("±") == 1
    assert result.table.loc[2, "training.seed"] == "2 seeds"
    assert len(result.pairs) == 1  # the parent is summarised, its children are tested


def _grouped(dataset) -> None:
    """Give the tiny dataset a speaker_group column: pro_concession said by two groups."""
    for name in ("train.csv", "val.csv", "test.csv"):
        frame = pd.read_csv(dataset / name)
        group = frame["label"].map({"pro_aid": "ukraine", "neutral": "us"})
        rare = frame["label"] == "pro_concession"
        group[rare] = ["russia_belarus" if i % 2 else "us" for i in range(int(rare.sum()))]
        frame = frame.assign(speaker_group=group)
        if name == "test.csv":  # pro_concession the rarest stance class, as in the quotes
            frame = frame.drop(index=frame.index[frame["label"] == "pro_concession"][0])
        frame.to_csv(dataset / name, index=False)


@pytest.mark.slow
def test_grouped_runs_show_group_scores_and_the_who_speaks_row(
    mlflow_store, tiny_dataset, tmp_path
):
    _grouped(tiny_dataset)
    path = write_experiment(tmp_path / "grouped.yaml", tiny_dataset)
    overrides = ["tracking.run_name=grouped", "data.group_by=speaker_group"]
    metrics = train(load_config(str(path), overrides))
    assert "test_group_us_macro_f1" in metrics
    assert "test_group_not_russia_belarus_f1_pro_concession" in metrics
    assert 0.0 <= metrics["test_who_speaks_macro_f1"] <= 1.0
    result = compare([metrics["run_id"]], resamples=50)
    table = result.table.set_index("run")
    assert list(table.index) == ["grouped", "who speaks (baseline)"]
    for column in ("F1 pro_concession", "macro_f1 · us", "F1 pro_concession · russia_belarus",
                   "F1 pro_concession · not russia_belarus"):  # fmt: skip
        assert column in table.columns
    expected = 100 * metrics["test_group_not_russia_belarus_f1_pro_concession"]
    assert table.loc["grouped", "F1 pro_concession · not russia_belarus"] == f"{expected:.1f}"
    baseline = 100 * metrics["test_who_speaks_macro_f1"]
    assert table.loc["who speaks (baseline)", "macro_f1"] == f"{baseline:.1f}"


def test_a_missing_group_column_is_one_line(mlflow_store, tiny_dataset, tmp_path):
    path = write_experiment(tmp_path / "grouped.yaml", tiny_dataset)
    with pytest.raises(StanceError, match=r"train.csv: missing column 'speaker_group'"):
        train(load_config(str(path), ["data.group_by=speaker_group"]))


@pytest.mark.slow
def test_latest_runs_keeps_the_newest_run_of_each_name(mlflow_store, tiny_experiment):
    from stance.compare import epoch_history, latest_runs

    assert latest_runs("tiny") == {}  # no such experiment yet
    train(load_config(str(tiny_experiment), ["tracking.run_name=lr"]))
    newer = train(load_config(str(tiny_experiment), ["tracking.run_name=lr"]))
    seeds = train(load_config(str(tiny_experiment), ["seeds=[1, 2]", "tracking.run_name=multi"]))
    latest = latest_runs("tiny")
    assert sorted(latest) == ["lr", "multi"]
    assert latest["lr"].info.run_id == newer["run_id"]
    # a run of several seeds counts by its last child, which holds the predictions
    assert latest["multi"].data.tags["mlflow.parentRunId"] == seeds["run_id"]
    assert latest["multi"].data.tags["mlflow.runName"] == "multi-seed2"
    assert epoch_history(newer["run_id"]).empty  # TF-IDF fits in one step


def test_epoch_history_is_one_row_per_metric_and_epoch(mlflow_store):
    import mlflow

    from stance.compare import epoch_history

    with mlflow.start_run() as run:
        for epoch, (loss, f_avg) in enumerate([(0.9, 0.4), (0.6, 0.5)], start=1):
            mlflow.log_metrics({"epoch_train_loss": loss, "epoch_validation_f_avg": f_avg}, epoch)
        mlflow.log_metric("test_f_avg", 0.5)
    history = epoch_history(run.info.run_id)
    assert history.to_dict("records") == [
        {"epoch": 1, "metric": "epoch_train_loss", "value": 0.9},
        {"epoch": 2, "metric": "epoch_train_loss", "value": 0.6},
        {"epoch": 1, "metric": "epoch_validation_f_avg", "value": 0.4},
        {"epoch": 2, "metric": "epoch_validation_f_avg", "value": 0.5},
    ]
