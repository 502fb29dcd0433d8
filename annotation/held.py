"""What a project holds: its tasks as a push needs to know them, read in pages of the data
manager's task list (JSON read as it comes, no response models: ten thousand tasks in seconds).

The whole list is read in pages that follow task ids (``id > last``), not page numbers, so
that a push that deletes tasks while another push reads cannot make the reader skip any.

Whether a task carries work is read from its annotations themselves (their ids), not only from
the task's counters: Label Studio keeps those counters in signal handlers that it switches off
for the whole server while it deletes a project, and two deletes at once (pushes at once each
removing an empty copy of the project) leave them off until the server restarts — from then on
an annotated task counts 0 annotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotation.connection import Studio

PAGE_SIZE = 500
KEYS_ASKED = 100
_FIELDS = ("id,data,total_annotations,cancelled_annotations,draft_exists,annotations_ids,total_predictions,"
           "predictions_model_versions")
_VERSIONS_SHOWN = 500  # the data manager cuts the joined model versions after this many characters


@dataclass
class Held:
    """A task as the project holds it."""

    id: int
    key: str | None
    worked: bool  # carries an annotation, a skip or a draft (whatever its counters say): never deleted
    versions: set[str]  # the model versions of its predictions
    predictions: int = 0  # how many predictions it has: more than versions means one version twice

    @property
    def doubled(self) -> bool:
        return self.predictions > len(self.versions)


def _held(task: dict[str, Any]) -> Held:
    shown = task.get("predictions_model_versions") or ""
    versions = {v.strip() for v in shown.split(",") if v.strip()}
    worked = bool(task.get("total_annotations") or task.get("cancelled_annotations") or task.get("draft_exists")
                  or str(task.get("annotations_ids") or "").strip(" ,"))
    held = Held(task["id"], (task.get("data") or {}).get("key"), worked, versions, task.get("total_predictions") or 0)
    if len(shown) >= _VERSIONS_SHOWN:  # cut short: mark it doubled, so that its predictions are read one by one
        held.predictions = max(held.predictions, len(versions) + 1)
    return held


def _page(studio: Studio, project_id: int, what: str, query: dict[str, Any], page: int = 1) -> list[dict[str, Any]]:
    found = studio.call(what, studio.send, "GET", "api/tasks/", params={
        "project": project_id, "fields": "all", "include": _FIELDS, "page": page, "page_size": PAGE_SIZE,
        "query": json.dumps({**query, "ordering": ["tasks:id"]})})
    return (found or {}).get("tasks") or []


def list_tasks(studio: Studio, project_id: int) -> Iterator[Held]:
    """Every task of the project, oldest first."""
    after = 0
    while True:
        newer = {"conjunction": "and", "items": [
            {"filter": "filter:tasks:id", "operator": "greater", "type": "Number", "value": after}]}
        tasks = _page(studio, project_id, f"list the tasks of project {project_id} after task {after}",
                      {"filters": newer})
        yield from map(_held, tasks)
        if len(tasks) < PAGE_SIZE:
            return
        after = tasks[-1]["id"]


def tasks_with_keys(studio: Studio, project_id: int, keys: list[str]) -> Iterator[Held]:
    """The tasks of the project with one of ``keys``, oldest first (per group of keys)."""
    for start in range(0, len(keys), KEYS_ASKED):
        either = {"conjunction": "or", "items": [
            {"filter": "filter:tasks:data.key", "operator": "equal", "type": "String", "value": key}
            for key in keys[start:start + KEYS_ASKED]]}
        for page in range(1, len(keys) + 2):
            tasks = _page(studio, project_id, f"look up {len(either['items'])} tasks by key", {"filters": either},
                          page)
            yield from map(_held, tasks)
            if len(tasks) < PAGE_SIZE:
                break


def predictions_by_task(studio: Studio, project_id: int, task_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The predictions (id, model version, result ...) of the tasks ``task_ids`` that still
    exist, in one call per :data:`PAGE_SIZE` tasks."""
    found: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(task_ids), PAGE_SIZE):
        part = task_ids[start:start + PAGE_SIZE]
        page = studio.call(f"read the predictions of {len(part)} tasks", studio.send, "GET", "api/tasks/", params={
            "project": project_id, "fields": "all", "include": "id,predictions", "page": 1, "page_size": PAGE_SIZE,
            "query": json.dumps({"selectedItems": {"all": False, "included": part}})})
        for task in (page or {}).get("tasks") or []:
            found[task["id"]] = task.get("predictions") or []
    return found


def version_of(prediction: Any) -> str:
    found = prediction.get("model_version") if isinstance(prediction, dict) else getattr(prediction, "model_version",
                                                                                         None)
    return found or ""
