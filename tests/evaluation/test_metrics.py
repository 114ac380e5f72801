import pytest

from stance.evaluation import classification_metrics, confusion
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
