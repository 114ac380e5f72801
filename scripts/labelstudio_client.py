"""Drive a running Label Studio through its API (label-studio-sdk), from Label Studio's
own virtual environment (`.venv-label/bin/python scripts/labelstudio_client.py ...`).

    project  URL TOKEN CONFIG TASKS            create a project with the labelling
                                               config, import the tasks; prints
                                               {"project": ID, "tasks": [IDs]}
    annotate URL TOKEN PROJECT ANSWERS         submit one annotation per task: ANSWERS is
                                               JSON {unit_id: [label, note]}
    export   URL TOKEN PROJECT OUTPUT          Label Studio's JSON export to OUTPUT

Used by tests/curation/test_labelstudio_roundtrip.py and scripts/screenshot_labelstudio.py.
It needs only label-studio-sdk; nothing here imports the stance package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from label_studio_sdk.client import LabelStudio


def client(url: str, token: str) -> LabelStudio:
    return LabelStudio(base_url=url, api_key=token)


def create_project(ls: LabelStudio, config: Path, tasks: Path) -> dict:
    project = ls.projects.create(
        title="stance: quotes to label", label_config=config.read_text(encoding="utf-8")
    )
    ls.projects.import_tasks(
        id=project.id, request=json.loads(tasks.read_text(encoding="utf-8")), return_task_ids=True
    )
    ids = [task.id for task in ls.tasks.list(project=project.id, page_size=1000)]
    return {"project": project.id, "tasks": ids}


def annotate(ls: LabelStudio, project: int, answers: dict[str, list[str]]) -> int:
    done = 0
    for task in ls.tasks.list(project=project, page_size=1000):
        unit = task.data["unit_id"]
        if unit not in answers:
            continue
        label, note = answers[unit]
        result = [
            {"from_name": "label", "to_name": "quote", "type": "choices",
             "value": {"choices": [label]}},
        ]  # fmt: skip
        if note:
            result.append(
                {
                    "from_name": "note",
                    "to_name": "quote",
                    "type": "textarea",
                    "value": {"text": [note]},
                }
            )
        ls.annotations.create(id=task.id, result=result, was_cancelled=False)
        done += 1
    return done


def export(ls: LabelStudio, project: int, output: Path) -> int:
    data = b"".join(ls.projects.exports.download_sync(project, export_type="JSON"))
    output.write_bytes(data)
    return len(json.loads(data))


def main(argv: list[str]) -> None:
    command, url, token, *rest = argv
    ls = client(url, token)
    if command == "project":
        out = create_project(ls, Path(rest[0]), Path(rest[1]))
    elif command == "annotate":
        answers = json.loads(Path(rest[1]).read_text(encoding="utf-8"))
        out = {"annotated": annotate(ls, int(rest[0]), answers)}
    elif command == "export":
        out = {"exported": export(ls, int(rest[0]), Path(rest[1]))}
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
