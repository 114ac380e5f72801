"""The numbered notebooks run top to bottom on a fresh clone (so they cannot rot), and each
has a rendered copy in docs/notebooks/ (`make notebooks`) that the README links."""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
RENDERED = ROOT / "docs" / "notebooks"
IDS = [p.stem for p in NOTEBOOKS]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_on_an_empty_store_and_is_stored_without_outputs(path, monkeypatch, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    for name in [n for n in os.environ if n.startswith("STANCE_NOTEBOOK_")]:
        monkeypatch.delenv(name)
    # As on a fresh clone: no runs, so the model notebook trains its quick stand-ins.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path}/mlflow.db")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_a_rendered_copy_with_its_figures_linked_from_the_readme(path):
    rendered = RENDERED / f"{path.stem}.md"
    assert rendered.is_file(), f"no {rendered.relative_to(ROOT)}: run `make notebooks`"
    text = rendered.read_text(encoding="utf-8")
    title = next(c.source.splitlines()[0] for c in nbformat.read(path, 4).cells)
    assert text.startswith(title), f"{rendered.name} is not a rendering of {path.name}"
    figures = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    assert all((RENDERED / figure).is_file() for figure in figures)
    assert "Traceback" not in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"(docs/notebooks/{path.stem}.md)" in readme


def test_every_rendered_copy_has_its_notebook():
    stale = {p.stem for p in RENDERED.glob("*.md")} - {p.stem for p in NOTEBOOKS}
    assert not stale, f"rendered copies of removed notebooks: {sorted(stale)}"
