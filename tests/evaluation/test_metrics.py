import pandas as pd
import pytest

from stance.evaluation import classification_metrics, confusion
from stance.evaluation.metrics import target_metrics
from stance.evaluation.plots import confusion_matrix_figure, per_class_f1_figure

LABELS = ["against", "favor", "none"]
GOLD = ["against", "against", "favor", "favor", "none", "none"]
PRED = ["against", "favor", "favor", "none", "none", "none"]


def test_f_avg_is_the_mean_f1_of_the_stance_classes():
    metrics = classification_metrics(GOLD, PRED, LABELS, "none")
    # against: P=1, R=.5 -> F1=2/3; favor: P=.5, R=.5 -> .5; none: P=2/3, R=1 -> .8
    assert metrics["f1_against"] == pytest.approx(2 / 3)
    assert metrics["f1_favor"] == pytest.approx(0.5)
    assert metrics["f1_none"] == pytest.approx(0.8)
    assert metrics["f_avg"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0.8) / 3)
    assert metrics["accuracy"] == pytest.approx(4 / 6)
    assert metrics["support_none"] == 2


def test_absent_class_scores_zero_without_warning():
    metrics = classification_metrics(["none"], ["none"], LABELS, "none")
    assert metrics["f_avg"] == 0.0


def test_confusion_rows_are_gold():
    matrix = confusion(GOLD, PRED, LABELS)
    assert matrix.tolist() == [[1, 1, 0], [0, 1, 1], [0, 0, 2]]


def test_figures_render(tmp_path):
    metrics = classification_metrics(GOLD, PRED, LABELS, "none")
    for fig in (
        confusion_matrix_figure(confusion(GOLD, PRED, LABELS), LABELS, "t"),
        per_class_f1_figure(metrics, LABELS, "t"),
    ):
        fig.savefig(tmp_path / "f.png")
        assert (tmp_path / "f.png").stat().st_size > 1000


QUOTE_LABELS = ["pro_aid", "pro_concession", "neutral"]


def _predictions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "target": ["x", "x", "y", "y", "y"],
            "gold": ["pro_aid", "neutral", "pro_concession", "neutral", "pro_aid"],
            "pred": ["pro_aid", "pro_aid", "neutral", "neutral", "pro_concession"],
            "p_pro_aid": [0.8, 0.6, 0.1, 0.2, 0.3],
            "p_pro_concession": [0.1, 0.1, 0.2, 0.1, 0.5],
            "p_neutral": [0.1, 0.3, 0.7, 0.7, 0.2],
        }
    )


def test_scores_by_scores_each_value_and_all():
    from stance.evaluation.metrics import scores_by

    table = scores_by(_predictions(), "target", QUOTE_LABELS, "neutral")
    assert table.index.tolist() == ["x", "y", "all"]
    assert table["n"].tolist() == [2, 3, 5]
    assert table.loc["x", "accuracy"] == 0.5 and table.loc["y", "accuracy"] == pytest.approx(1 / 3)
    assert table.loc["x", "f1_pro_aid"] == pytest.approx(2 / 3)  # precision 1/2, recall 1
    whole = classification_metrics(
        _predictions()["gold"], _predictions()["pred"], QUOTE_LABELS, "neutral"
    )
    assert table.loc["all", "f_avg"] == pytest.approx(whole["f_avg"])
    assert not [c for c in table.columns if c.startswith("support")]


def test_confident_errors_are_the_misclassified_rows_surest_first():
    from stance.evaluation.metrics import confident_errors

    errors = confident_errors(_predictions(), QUOTE_LABELS)
    assert errors["id"].tolist() == ["c", "b", "e"]  # p_pred 0.7, 0.6, 0.5
    assert errors["p_pred"].tolist() == [0.7, 0.6, 0.5]
    assert errors["p_gold"].tolist() == [0.2, 0.3, 0.3]


def test_epoch_curves_put_losses_left_and_scores_right():
    from stance.evaluation.plots import close, epoch_curves_figure

    history = pd.DataFrame(
        {
            "epoch": [2, 1, 1, 2, 1, 2],
            "metric": ["epoch_train_loss"] * 2 + ["epoch_validation_loss"] * 2
            + ["epoch_validation_f_avg"] * 2,
            "value": [0.6, 0.9, 0.8, 0.7, 0.4, 0.5],
        }
    )  # fmt: skip
    fig = epoch_curves_figure(history, "run")
    losses, scores = fig.axes[:2]
    assert [line.get_label() for line in losses.lines] == ["train_loss", "validation_loss"]
    assert [line.get_label() for line in scores.lines] == ["validation_f_avg"]
    assert list(losses.lines[0].get_xdata()) == [1, 2]  # sorted by epoch
    assert list(losses.lines[0].get_ydata()) == [0.9, 0.6]
    close(fig)


def test_target_metrics_score_each_target_and_nothing_for_one():
    gold = ["favor", "against", "none", "favor", "against", "none"]
    pred = ["favor", "against", "none", "against", "against", "favor"]
    targets = ["abortion"] * 3 + ["climate"] * 3
    labels = ["against", "favor", "none"]
    scores = target_metrics(gold, pred, targets, labels, "none")
    assert scores["target_abortion_f_avg"] == 1.0
    assert scores["target_climate_f1_favor"] == 0.0
    assert scores["target_climate_f1_against"] == pytest.approx(2 / 3)
    assert scores["target_climate_f_avg"] == pytest.approx(1 / 3)
    assert set(scores) == {
        f"target_{t}_{k}"
        for t in ("abortion", "climate")
        for k in ("f_avg", "macro_f1", "f1_against", "f1_favor", "f1_none")
    }
    assert target_metrics(gold, pred, ["abortion"] * 6, labels, "none") == {}
