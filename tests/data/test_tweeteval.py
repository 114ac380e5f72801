import pytest

from stance.config import load_config
from stance.data.loaders import load_splits
from stance.data.tweeteval import iter_tweeteval_split, read_mapping
from stance.errors import DataError
from tests.conftest import requires_shared


def make_layout(root, labels="1\n0\n2\n"):
    (root / "climate").mkdir(parents=True)
    (root / "mapping.txt").write_text("0\tnone\n1\tagainst\n2\tfavor\n", encoding="utf-8")
    (root / "climate" / "train_text.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (root / "climate" / "train_labels.txt").write_text(labels, encoding="utf-8")


def test_reads_layout_and_mapping(tmp_path):
    make_layout(tmp_path)
    assert read_mapping(tmp_path) == {"0": "none", "1": "against", "2": "favor"}
    [(path, frame)] = list(iter_tweeteval_split(tmp_path, "train"))
    assert path.name == "train_labels.txt"
    assert frame["text"].tolist() == ["a", "b", "c"]
    assert frame["label"].tolist() == ["1", "0", "2"]
    assert set(frame["target"]) == {"climate"}


def test_label_count_mismatch_is_reported(tmp_path):
    make_layout(tmp_path, labels="1\n0\n")
    with pytest.raises(DataError, match="2 labels for 3 texts"):
        list(iter_tweeteval_split(tmp_path, "train"))


def test_unknown_label_id_names_the_file_and_row(tmp_path, monkeypatch):
    make_layout(tmp_path, labels="1\n7\n2\n")
    monkeypatch.setenv("STANCE_SHARED_DIR", str(tmp_path))
    cfg = load_config(
        None, ["data=tweeteval", "data.path='{shared}'", "data.splits={train: train}"]
    )
    with pytest.raises(DataError, match=r"climate/train_labels.txt, row 2, field 'label'"):
        load_splits(cfg.data)


def test_missing_shared_folder_says_how_to_point_at_a_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCE_SHARED_DIR", str(tmp_path / "nowhere"))
    cfg = load_config("tweeteval_tfidf")
    with pytest.raises(DataError, match=r"not found at .*nowhere.*set \$STANCE_SHARED_DIR"):
        load_splits(cfg.data)


@requires_shared()
def test_real_tweeteval_split_sizes():
    splits = load_splits(load_config("tweeteval_tfidf").data)
    assert {k: len(v) for k, v in splits.items()} == {
        "train": 2620,
        "validation": 294,
        "test": 1249,
    }
    assert set(splits["test"]["label"]) == {"against", "favor", "none"}
    assert splits["train"]["target"].nunique() == 5
