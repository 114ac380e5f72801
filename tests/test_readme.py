"""README.md's commands run as written, so that none can rot.

Every command in a fenced ```bash or ```python block of README.md is either in RUN (run
here, in README order, in a copy of the project with a tracking store of its own) or in
NOT_RUN (with the reason it cannot run in a test). A README command in neither fails
`test_every_readme_command_is_run_or_listed`: add it to one of them.

Both are keyed by a command or its start (up to a space): the longest key that matches a
command decides. A command that appears twice runs once, where it first appears.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT, shared_dir

README = PROJECT / "README.md"
SHARED = "../shared"  # a RUN value: the command reads the shared data folder

# Commands run in README order; the value is what they need beyond the repository.
RUN: dict[str, str | None] = {
    "make train": None,  # with .venv present: `stance train quotes_tfidf`
    "stance train experiments/tweeteval_tfidf.yaml model.C=0.5 training.search={}": SHARED,
    "stance config": None,
    "from stance.config import load_config": SHARED,  # the Python example
    "stance evaluate --model models:/quotes-tfidf/latest": None,
    "stance train quotes_tfidf model.class_weight=null": None,
    "stance compare quotes": None,
    "stance predict --model models:/quotes-tfidf/latest --articles": SHARED,
    "make format": None,
    "stance evaluate --model models:/quotes-tfidf@champion": None,
    "stance extract ../shared/articles/000_07fa454dbad26224.txt": SHARED,
    "python -m stance.extract.speaker_errors --reading": SHARED,  # about 10 s
    "python -m stance.extract.reference 20 --seed 0 1 2": SHARED,  # about 25 s
    "python -m stance.extract.reference 20 --seed 3 4 5": SHARED,  # about 20 s
    "python -m stance.extract.reference 20 --seed 6 7 8": SHARED,  # about 30 s
    "python -m stance.extract.reference 20 --seed 9 10 11": SHARED,  # about 30 s
    "python -m stance.extract.reference 20 --seed 18 19 20 21": SHARED,  # about 40 s
    "python -m stance.extract.reference 20 --seed 9 10 11 18 19 20 21": SHARED,  # 70 s, twice
    "python -m stance.extract.reference 50 --seed 2 --groups remarks": SHARED,  # 10 s, twice
    "python -m stance.extract.reference 50 --seed 0 1 2 --groups remarks": SHARED,  # about 20 s
    "python -m stance.extract.span_filter_fit --report-only": SHARED,  # about 90 s
    "stance explain --model models:/quotes-tfidf/1": None,
    "stance explain --model models:/quotes-tfidf/latest": None,
}

# Commands that cannot run in a test, and why (one line each).
NOT_RUN: dict[str, str] = {
    "make test": "the test suite itself",
    "make test-fast": "the test suite itself",
    "make train TORCH_INDEX=": "picks where torch comes from when .venv is created "
    "(tests/test_makefile.py reads the recipe)",
    "make bench": "minutes; needs trained transformer models",
    "python -m stance.extract.span_filter_fit --learning-curve": "about 2 minutes of 16 fits "
    "(tests/extract/test_extract_span_filter.py runs it on a small sample)",
    "stance train tweeteval_tfidf": "over a minute (a validation search on TweetEval)",
    "stance train tweeteval_tfidf model=tfidf_lr": "over a minute (a validation search)",
    "stance predict --model models:/tweeteval-tfidf/1 --input tweets.csv": "a synopsis: "
    "[optional flags]; tests/predict/ run every flag",
    "torchrun": "4 GPUs; tests/test_distributed.py trains on 2 CPU processes",
    "accelerate launch": "4 GPUs; tests/test_distributed.py trains on 2 CPU processes",
    "stance predict --engine spark": "a synopsis with placeholders; needs Java "
    "(tests/predict/test_spark.py)",
    "stance server": "needs PostgreSQL on db.example.org (tests/test_server.py)",
    "export MLFLOW_TRACKING_URI=": "points clients at that server",
    "stance label pool": "a synopsis; the full pool takes 5 minutes (tests/curation/test_pool.py)",
    "stance label suggest": "needs the pool of `stance label pool` (5 minutes)",
    ".venv-label/bin/label-studio start": "an interactive web UI "
    "(tests/curation/test_labelstudio_roundtrip.py)",
    "stance label import export.json": "needs an export from Label Studio",
    "stance dataset agreement && stance dataset build": "needs data/interim/candidates.parquet"
    " (`stance dataset candidates`, minutes, from ../shared)",
    "stance label simulate": "over 4 minutes (tests/curation/test_simulate.py)",
    "stance train quotes_setfit_minilm": "SetFit on MiniLM: about 15 minutes on 2 cores "
    "(tests/models/test_setfit_classifier.py trains a tiny one)",
    "stance train tweeteval_setfit_mpnet": "SetFit on MPNet, 3 seeds: hours on a CPU",
    "stance train quotes_tfidf_tuned": "over a minute (the C search, then the offsets' "
    "cross-validation); tests/models/test_decision.py",
    "stance train quotes_tfidf && stance train quotes_minilm": "MiniLM fine-tuning: "
    "25 minutes or more on 2 cores",
    "stance train quotes_ensemble": "needs the MiniLM quote model (25 minutes or more); "
    "tests/models/test_ensemble.py",
    "stance train quotes_minilm": "MiniLM fine-tuning: 25 minutes or more on 2 cores",
    "stance train quotes_minilm_plain": "MiniLM fine-tuning: 25 minutes or more on 2 cores",
    "stance train quotes_minilm_desc": "MiniLM on (quote, description) pairs, one per label: "
    "three times quotes_minilm's compute",
    "stance compare <plain run>": "placeholders for the run ids of the three runs above",
    "stance extract docs/ --kind transcript": "a synopsis: docs/ stands for a folder of "
    "your transcripts (tests/extract/test_extract_kinds.py)",
    "stance extract briefing.txt --speech-threshold": "a synopsis: briefing.txt stands for "
    "a transcript of your own; tests/test_cli.py runs the option on one",
    "stance extract --evaluate-polnear": "scores all of PolNeAR dev: minutes "
    "(tests/extract/test_extract_polnear.py)",
    "stance explain --model runs:/RUN_ID/model": "a synopsis: RUN_ID and quotes.parquet "
    "stand for yours (tests/explain/test_job.py)",
    "scripts/gpu_runs.sh": "3 seeds of five transformer experiments: minutes on a GPU, "
    "many hours on 2 cores (the phases are stance train/compare commands tested elsewhere)",
    "make notebooks": "executes the three notebooks against the real store: minutes "
    "(tests/test_notebooks.py runs them on an empty one)",
}

COMMAND_BLOCKS = ("bash", "sh", "shell", "console")
TIMEOUT_S = 600  # a command this slow belongs in NOT_RUN; the margin is for busy machines


@dataclass(frozen=True)
class Command:
    text: str
    language: str  # "bash" or "python"
    line: int  # where its block starts in README.md


def readme_commands(text: str) -> list[Command]:
    """Each logical command of the ```bash blocks (continuations joined, comments dropped),
    and each ```python block whole."""
    commands = []
    for block in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
        language, body = block.group(1), block.group(2)
        line = text.count("\n", 0, block.start()) + 1
        if language == "python":
            commands.append(Command(body.strip(), "python", line))
        elif language in COMMAND_BLOCKS:
            for logical in body.replace("\\\n", " ").splitlines():
                command = " ".join(re.sub(r"(^|\s)#.*$", "", logical).split())
                if command:
                    commands.append(Command(command, "bash", line))
    return commands


def matches(command: str, key: str) -> bool:
    if command == key:
        return True
    return command.startswith(key) and (key[-1] in " =\n" or command[len(key)] in " \n")


def entry(command: Command) -> str | None:
    """The longest RUN or NOT_RUN key that matches the command."""
    keys = [key for key in (*RUN, *NOT_RUN) if matches(command.text, key)]
    return max(keys, key=len) if keys else None


COMMANDS = readme_commands(README.read_text(encoding="utf-8"))


def test_the_lists_do_not_overlap():
    assert not set(RUN) & set(NOT_RUN)


def test_every_readme_command_is_run_or_listed():
    unlisted = [f"README.md:{c.line}: {c.text.splitlines()[0]}" for c in COMMANDS if not entry(c)]
    assert not unlisted, "add these to RUN or NOT_RUN in tests/test_readme.py:\n" + "\n".join(
        unlisted
    )


def test_every_listed_command_is_in_the_readme():
    used = {entry(c) for c in COMMANDS}
    assert not [key for key in (*RUN, *NOT_RUN) if key not in used], "stale entries"


def test_commands_are_parsed_as_a_reader_types_them():
    text = "```bash\nstance a \\\n    --b c   # note\n# a comment\nmake x\n```\n"
    assert [c.text for c in readme_commands(text)] == ["stance a --b c", "make x"]
    assert matches("stance config x", "stance config")
    assert not matches("stance configure", "stance config")


def project_copy(root: Path) -> Path:
    """The files a clone would hold (tracked and new, not ignored), with a .venv whose
    `stance`, `python` and `ruff` are this interpreter's, newer than pyproject.toml, so the
    make targets run their commands without installing anything; ../shared beside it."""
    copy = root / "stance"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    bin_dir = copy / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    tools = {
        "python": f'exec "{sys.executable}" "$@"',
        "stance": f'exec "{sys.executable}" -m stance.cli "$@"',
        "ruff": f'exec "{Path(sys.executable).parent / "ruff"}" "$@"',
    }
    for name, line in tools.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    if shared_dir().exists():
        (root / "shared").symlink_to(shared_dir(), target_is_directory=True)
    return copy


def run(command: Command, copy: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "STANCE_PROJECT_DIR"}
    env.update(
        PATH=f"{copy / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(copy / "src"),
        MLFLOW_TRACKING_URI=f"sqlite:///{copy / 'mlflow.db'}",
        STANCE_SHARED_DIR=str(copy.parent / "shared"),
        HF_HUB_OFFLINE="1",
        MPLBACKEND="Agg",
    )
    argv = ["bash", "-c", command.text]
    if command.language == "python":
        argv = [sys.executable, "-c", command.text]
    started = time.monotonic()
    try:
        done = subprocess.run(
            argv, cwd=copy, env=env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"README.md:{command.line}: over {TIMEOUT_S} s, move it to NOT_RUN: {argv}")
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"README.md:{command.line}: {command.text}\n{output[-3000:]}"
    return time.monotonic() - started, output


@pytest.mark.slow
@pytest.mark.shared
def test_readme_commands_run_as_written(tmp_path):
    copy = project_copy(tmp_path)
    have_shared = (tmp_path / "shared").exists()
    done, missing = set(), []
    for command in COMMANDS:
        key = entry(command)
        if key not in RUN or command.text in done:
            continue
        if RUN[key] == SHARED and not have_shared:
            missing.append(command.text)
            continue
        seconds, _ = run(command, copy)
        done.add(command.text)
        print(f"{seconds:6.1f} s  {command.text.splitlines()[0]}")
    if missing:
        pytest.skip(f"ran {len(done)} README commands; {len(missing)} need ../shared")
