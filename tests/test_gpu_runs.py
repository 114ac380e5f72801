"""scripts/gpu_runs.sh: its phases name real experiments, and a wrong phase is one line."""

import re
import subprocess

from tests.conftest import PROJECT

SCRIPT = PROJECT / "scripts" / "gpu_runs.sh"


def test_every_experiment_the_script_trains_exists():
    trained = set(re.findall(r"\b(?:quotes|tweeteval) train (\w+)", SCRIPT.read_text()))
    assert {"quotes_mpnet", "tweeteval_mpnet", "quotes_minilm_desc"} <= trained
    missing = {name for name in trained if not (PROJECT / "experiments" / f"{name}.yaml").is_file()}
    assert not missing


def test_an_unknown_phase_is_refused_in_one_line(tmp_path):
    result = subprocess.run(
        ["bash", str(SCRIPT), "nonsense"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "STANCE_GPU_RUNS": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"unknown phase: nonsense (see the header of {SCRIPT})"
    ]
