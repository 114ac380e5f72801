"""The Makefile's install recipe, read with `make -n` (nothing runs)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def torch_install(tmp_path: Path, *variables: str) -> str:
    venv = tmp_path / "venv"
    command = ["make", "-n", "-B", "-C", str(ROOT), f"VENV={venv}", f"{venv}/bin/stance"]
    recipe = subprocess.run([*command, *variables], capture_output=True, text=True, check=True)
    [line] = [line for line in recipe.stdout.splitlines() if '"torch==' in line]
    return line


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_torch_index_is_passed_to_the_torch_install_only_when_set(tmp_path):
    assert "--index-url" not in torch_install(tmp_path)
    line = torch_install(tmp_path, "TORCH_INDEX=file:///wheels/cpu")
    assert re.search(r'"torch==[^"]+" --index-url file:///wheels/cpu$', line.rstrip())
