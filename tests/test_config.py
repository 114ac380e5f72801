from pathlib import Path

import pytest

from stance.config import Config, TfidfConfig, flatten, load_config, parse_overrides
from stance.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_compose_into_typed_config():
    cfg = load_config()
    assert isinstance(cfg, Config)
    assert cfg.data.name == "quotes"
    assert cfg.model.kind == "tfidf_lr"
    assert cfg.data.stance_labels == ["pro_aid", "pro_concession"]


def test_experiment_by_name_holds_only_the_delta():
    cfg = load_config("tweeteval_tfidf")
    assert cfg.name == "tweeteval_tfidf"
    assert cfg.model.kind == "tfidf_svm"
    assert cfg.model.target_mode == "per_target"
    assert cfg.model.char_ngrams == (2, 5)  # untouched default from configs/model
    assert cfg.tracking.experiment_name == "tweeteval"


def test_experiment_by_path_and_overrides(tiny_experiment):
    cfg = load_config(str(tiny_experiment), ["model.C=0.5", "training.seed=7", "model=tfidf_svm"])
    assert isinstance(cfg.model, TfidfConfig)
    assert cfg.model.kind == "tfidf_svm"
    assert cfg.model.C == 0.5
    assert cfg.training.seed == 7
    assert cfg.data.name == "tiny_quotes"


def test_override_values_are_parsed_as_yaml():
    choices, values = parse_overrides(["model=majority", "training.search.C=[1, 2]", "a.b=null"])
    assert choices == {"model": "majority"}
    assert values == {"training.search.C": [1, 2], "a.b": None}


def test_unknown_key_names_key_and_file(tmp_path):
    path = write(tmp_path / "exp.yaml", "model:\n  kind: tfidf_lr\n  Cee: 2\n")
    with pytest.raises(ConfigError) as error:
        load_config(str(path))
    assert str(error.value) == f"{path}: unknown key 'model.Cee'"


def test_unknown_key_on_command_line():
    with pytest.raises(ConfigError, match=r"^the command line: unknown key 'training.sed'$"):
        load_config("tweeteval_tfidf", ["training.sed=1"])


def test_wrong_type_names_key_and_file(tmp_path):
    path = write(tmp_path / "exp.yaml", "training:\n  seed: twelve\n")
    with pytest.raises(ConfigError, match=r"exp.yaml: bad value for 'training.seed'.*twelve"):
        load_config(str(path))


def test_wrong_type_inside_model_union_drops_the_tag():
    with pytest.raises(ConfigError, match=r"bad value for 'model.C'"):
        load_config("tweeteval_tfidf", ["model.C=abc"])


def test_missing_experiment_file():
    with pytest.raises(ConfigError, match="experiment 'no_such_experiment' not found"):
        load_config("no_such_experiment")


def test_unknown_group_option_lists_choices():
    with pytest.raises(ConfigError, match=r"no option 'nope' for group 'model'.*tfidf_lr"):
        load_config(None, ["model=nope"])


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path / "broken.yaml", "model:\n  C: [1, 2\n")
    with pytest.raises(ConfigError, match=r"broken.yaml, line \d+: invalid YAML"):
        load_config(str(path))


def test_label_set_must_hold_the_neutral_label():
    with pytest.raises(ConfigError, match=r"the command line: bad value for 'data'.*neutral_label"):
        load_config(None, ["data.labels=[pro, contra]"])


def test_flatten_keeps_lists_as_values():
    assert flatten({"a": {"b": 1, "c": [1, 2]}, "d": {}}) == {"a.b": 1, "a.c": [1, 2], "d": {}}


EXPERIMENTS = sorted((Path(__file__).resolve().parents[1] / "experiments").glob("*.yaml"))


@pytest.mark.parametrize("path", EXPERIMENTS, ids=[p.stem for p in EXPERIMENTS])
def test_every_experiment_composes(path):
    by_name = load_config(path.stem)
    assert isinstance(by_name, Config)
    assert by_name.name == path.stem
    assert by_name == load_config(str(path))
    assert by_name.data.neutral_label in by_name.data.labels


def test_a_config_that_is_not_utf8_names_file_and_line(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("model:\n  C: 1.0\ntracking:\n  run_name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin.yaml, line 4: not UTF-8 \(byte 0xe9\)"):
        load_config(str(path))


def test_duplicate_keys_are_an_error_not_the_last_one(tmp_path):
    path = write(tmp_path / "dup.yaml", "model:\n  C: 1.0\n  C: 100.0\n")
    with pytest.raises(ConfigError, match=r"dup.yaml, line 3: invalid YAML \(duplicate key 'C'\)"):
        load_config(str(path))


def test_an_alias_bomb_is_one_short_line(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    path = write(tmp_path / "bomb.yaml", "tracking:\n  tags:\n" + "".join(
        f"    {line}\n" for line in lines
    ))  # fmt: skip
    with pytest.raises(ConfigError, match=r"bomb.yaml: more than 100,000 values") as caught:
        load_config(str(path))
    assert len(str(caught.value)) < 300


def test_a_long_bad_value_is_cut_in_the_error(tmp_path):
    path = write(tmp_path / "long.yaml", "model:\n  C: [" + ", ".join(["1"] * 1000) + "]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(str(path))
    assert len(str(caught.value)) < 500 and "characters)" in str(caught.value)


def test_eval_splits_the_data_does_not_have_are_an_error(tmp_path):
    path = write(tmp_path / "nosplit.yaml", "data:\n  splits: {test: null}\n")
    with pytest.raises(ConfigError, match=r"names 'test', which data.splits \(train, validation"):
        load_config(str(path))


def test_a_null_removes_an_inherited_split(tmp_path):
    path = write(
        tmp_path / "two.yaml",
        "data:\n  splits: {test: null}\ntraining:\n  eval_splits: [validation]\n",
    )
    cfg = load_config(str(path))
    assert "test" not in cfg.data.splits and "train" in cfg.data.splits
    assert cfg.model.char_ngrams is not None
    assert load_config(str(path), ["model.char_ngrams=null"]).model.char_ngrams is None


def test_misspelled_experiment_lists_experiments_closest_first():
    with pytest.raises(ConfigError) as error:
        load_config("quotes_tfidff")
    message = str(error.value)
    assert "\n" not in message
    listed = message.split("experiments: ", 1)[1].split(", ")
    assert listed[0] == "quotes_tfidf"
    assert sorted(listed) == sorted(p.stem for p in EXPERIMENTS)


def test_an_experiment_extends_another_and_holds_only_the_difference(tmp_path):
    base = write(tmp_path / "base.yaml", "defaults:\n  model: tfidf_svm\nmodel:\n  C: 0.5\n")
    variant = write(
        tmp_path / "variant.yaml", f"extends: {base}\nmodel:\n  min_df: 3\ntraining:\n  seed: 9\n"
    )
    cfg = load_config(str(variant), ["training.seed=4"])
    assert cfg.name == "variant"
    assert cfg.model.kind == "tfidf_svm"  # the base's group choice
    assert (cfg.model.C, cfg.model.min_df, cfg.training.seed) == (0.5, 3, 4)


def test_the_label_description_variant_differs_from_quotes_minilm_only_in_its_input():
    base, variant = load_config("quotes_minilm"), load_config("quotes_minilm_desc")
    assert variant.model.target_mode == "label_description"
    assert variant.model.model_copy(update={"target_mode": "pair"}) == base.model
    assert variant.data == base.data and variant.training == base.training


def test_an_extends_cycle_and_a_bad_key_in_the_base_name_their_file(tmp_path):
    write(tmp_path / "a.yaml", f"extends: {tmp_path / 'b.yaml'}\n")
    write(tmp_path / "b.yaml", f"extends: {tmp_path / 'a.yaml'}\n")
    with pytest.raises(ConfigError, match=r"'extends' makes a cycle \(a -> b -> a\)"):
        load_config(str(tmp_path / "a.yaml"))
    write(tmp_path / "base.yaml", "model:\n  Cee: 1\n")
    write(tmp_path / "child.yaml", f"extends: {tmp_path / 'base.yaml'}\n")
    with pytest.raises(ConfigError, match=r"base.yaml: unknown key 'model.Cee'"):
        load_config(str(tmp_path / "child.yaml"))
