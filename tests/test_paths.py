from pathlib import Path

from stance import paths


def test_project_root_is_found_from_a_subfolder(monkeypatch):
    monkeypatch.delenv(paths.PROJECT_DIR_ENV, raising=False)
    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root / "src" / "stance")
    assert paths.project_root() == root
    assert paths.configs_dir() == root / "configs"


def test_environment_overrides_project_and_shared_dirs(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.PROJECT_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(paths.SHARED_DIR_ENV, str(tmp_path / "elsewhere"))
    assert paths.project_root() == tmp_path
    assert paths.shared_dir("../shared") == tmp_path / "elsewhere"
    assert paths.default_tracking_uri() == f"sqlite:///{tmp_path / 'mlflow.db'}"


def test_placeholders_expand(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.PROJECT_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(paths.SHARED_DIR_ENV, raising=False)
    assert paths.resolve_data_path("{project}/data/x.csv") == tmp_path / "data" / "x.csv"
    assert paths.resolve_data_path("{shared}/b", "/opt/shared") == Path("/opt/shared/b")
    assert paths.resolve_data_path("rel/file.csv") == tmp_path / "rel" / "file.csv"
