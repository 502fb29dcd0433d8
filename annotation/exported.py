"""A project's export, kept on disk, read back key by key: the tasks of each key (one chunk;
several tasks if pushes made copies) with their predictions, fetched a page of tasks at a time
and kept beside the export.  Memory holds a page, not the project.

The export is read twice: first to count the tasks of each key, then to hand out each key's
tasks as soon as all of them have been read (copies of a key are seldom far apart).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from annotation.connection import Studio, StudioError
from annotation.convert import task_key
from annotation.held import predictions_by_task
from annotation.jsonstream import array_elements

PAGE = 200  # tasks whose predictions are fetched in one call
IDS_ASKED = 500  # task ids one export call asks for
Group = tuple[str, list[dict[str, Any]], list[dict[str, Any]]]  # key, its tasks, their predictions


@dataclass(frozen=True)
class Export:
    """An export kept at ``path``: how many tasks each key has in it."""

    path: Path
    project_id: int
    copies: Counter[str]

    @property
    def tasks(self) -> int:
        return self.copies.total()

    @property
    def predictions_path(self) -> Path:
        return self.path.with_suffix(".predictions.json")


def _tasks(path: Path) -> Iterator[dict[str, Any]]:
    try:
        yield from (task for task in array_elements(path) if isinstance(task, dict))
    except ValueError as exc:
        raise StudioError(f"the export kept at {path} is not a JSON array of tasks ({exc})") from None


def _end_task(studio: Studio, project_id: int, after: int | None = None) -> int | None:
    """The id of the project's first task after ``after``, or of its last task (``after``
    None); None if there is none."""
    query: dict[str, Any] = {"ordering": ["-tasks:id" if after is None else "tasks:id"]}
    if after is not None:
        query["filters"] = {"conjunction": "and", "items": [
            {"filter": "filter:tasks:id", "operator": "greater", "type": "Number", "value": after}]}
    page = studio.call(f"find a task of project {project_id}", studio.send, "GET", "api/tasks/", params={
        "project": project_id, "include": "id", "page": 1, "page_size": 1, "query": json.dumps(query)})
    tasks = (page or {}).get("tasks") or []
    return tasks[0]["id"] if tasks else None


def download(studio: Studio, project_id: int, path: Path) -> None:
    """The export of the tasks someone annotated or skipped, written to ``path`` as one JSON
    array: asked for :data:`IDS_ASKED` task ids at a time, from the project's first task to
    its last (past ids of none of its tasks after an empty answer), so that every call is
    answered in seconds however large the project."""
    last, low = _end_task(studio, project_id), _end_task(studio, project_id, after=0)
    with path.open("wb") as fh:
        fh.write(b"[")
        written = False
        while low is not None and last is not None and low <= last:
            high = min(low + IDS_ASKED, last + 1)
            page = studio.call(f"export tasks {low}-{high - 1} of project {project_id}", studio.get_bytes,
                               f"api/projects/{project_id}/export",
                               params={"exportType": "JSON", "download_all_tasks": "false",
                                       "ids[]": list(range(low, high))})
            inner = (page or b"").strip().removeprefix(b"[").removesuffix(b"]").strip()
            if inner:
                fh.write((b",\n" if written else b"") + inner)
                written = True
            low = high if inner else _end_task(studio, project_id, after=high - 1)
        fh.write(b"]\n")


def index(path: Path, project_id: int) -> Export:
    return Export(path, project_id, Counter(task_key(task) for task in _tasks(path)))


class _ArrayWriter:
    """A JSON array written an element at a time."""

    def __init__(self, fh: TextIO) -> None:
        self.fh, self.first = fh, True
        fh.write("[")

    def write(self, value: Any) -> None:
        self.fh.write(("" if self.first else ",\n") + json.dumps(value, ensure_ascii=False, default=str))
        self.first = False

    def close(self) -> None:
        self.fh.write("]\n")


def _with_predictions(studio: Studio, export: Export, page: list[tuple[str, list[dict]]],
                      kept: _ArrayWriter) -> Iterator[Group]:
    ids = [t["id"] for _, tasks in page for t in tasks if isinstance(t.get("id"), int)]
    held = predictions_by_task(studio, export.project_id, ids)
    for predictions in held.values():
        for prediction in predictions:
            kept.write(prediction)
    for key, tasks in page:
        yield key, tasks, [p for t in tasks for p in held.get(t.get("id"), [])]


def groups(studio: Studio, export: Export) -> Iterator[Group]:
    """Each key's tasks with their predictions; the predictions are written beside the export."""
    waiting: dict[str, list[dict[str, Any]]] = {}
    page: list[tuple[str, list[dict]]] = []
    with export.predictions_path.open("w", encoding="utf-8") as fh:
        kept = _ArrayWriter(fh)
        for task in _tasks(export.path):
            key = task_key(task)
            waiting.setdefault(key, []).append(task)
            if len(waiting[key]) == export.copies[key]:
                page.append((key, waiting.pop(key)))
                if sum(len(tasks) for _, tasks in page) >= PAGE:
                    yield from _with_predictions(studio, export, page, kept)
                    page = []
        yield from _with_predictions(studio, export, page, kept)
        kept.close()
