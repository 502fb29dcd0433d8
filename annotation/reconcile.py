"""One task per key: the copies that pushes at once (or a server repeating a request by
itself) left in a project are removed, without losing work or predictions.

Of several tasks with one key, those carrying an annotation, a skip or a draft are all kept,
else the oldest (lowest id) — every push decides alike, so pushes that reconcile at once
agree.  Before a copy goes, the predictions of a version only it has are copied to the task
kept (after asking what that task holds now), so that a push whose own copy was removed
still finds its prediction; two pushes copying at once go through the keys in orders of their
own, so that they seldom copy one prediction at the same moment, and a prediction of one
version present twice on a task is kept once (the oldest).  The copies go in calls that the
server guards itself: it deletes only those that nobody has started on since they were
listed.  Predictions are read and added a batch of tasks at a time.
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from annotation.connection import Studio, StudioError
from annotation.held import Held, predictions_by_task, version_of

log = logging.getLogger(__name__)

BATCH = 100
# the data manager's filter that spares a task someone started on since it was listed: no
# annotation or skip by its counters nor among its annotations themselves (the counters can be
# stale, see :mod:`annotation.held`), and no draft
_UNWORKED = {"conjunction": "and", "items": [
    {"filter": "filter:tasks:total_annotations", "operator": "equal", "type": "Number", "value": 0},
    {"filter": "filter:tasks:cancelled_annotations", "operator": "equal", "type": "Number", "value": 0},
    {"filter": "filter:tasks:annotations_ids", "operator": "empty", "type": "String", "value": True},
    {"filter": "filter:tasks:draft_exists", "operator": "equal", "type": "Boolean", "value": False}]}


@dataclass
class Reconciled:
    kept: dict[str, Held] = field(default_factory=dict)  # key -> the task kept (the oldest, if several)
    removed: int = 0  # surplus copies deleted


def add_predictions(studio: Studio, project_id: int, predictions: list[dict[str, Any]]) -> None:
    """Add ``predictions`` (each with its ``task``) in one call; after a failure on the way,
    only those whose task does not hold their version yet."""
    left = list(predictions)

    def arrived() -> bool:
        held = predictions_by_task(studio, project_id, sorted({p["task"] for p in left}))
        left[:] = [p for p in left
                   if p["task"] in held and p["model_version"] not in {version_of(h) for h in held[p["task"]]}]
        return not left

    studio.call(f"add {len(left)} predictions", lambda: studio.send(
        "POST", f"api/projects/{project_id}/import/predictions", body=left), arrived=arrived)


def _unique(tasks: Iterable[Held]) -> list[Held]:
    """One entry per task id, oldest first (a listing may show a task twice)."""
    by_id: dict[int, Held] = {}
    for task in tasks:
        seen = by_id.setdefault(task.id, task)
        seen.versions |= task.versions
        seen.predictions = max(seen.predictions, task.predictions)
    return sorted(by_id.values(), key=lambda t: t.id)


def _split(same: list[Held]) -> tuple[list[Held], list[Held]]:
    """The copies of one key to keep (all that carry work, else the oldest) and the surplus."""
    keep = [t for t in same if t.worked] or same[:1]
    return keep, [t for t in same if t not in keep]


def _carry(studio: Studio, project_id: int, pairs: list[tuple[Held, list[Held]]]) -> list[Held]:
    """For each (task kept, its surplus copies): copy to the task kept the predictions of
    versions only a copy has.  Returns the tasks that got one."""
    carried: list[Held] = []
    for start in range(0, len(pairs), BATCH):
        part = pairs[start:start + BATCH]
        held = predictions_by_task(studio, project_id, [t.id for kept, extra in part for t in (kept, *extra)])
        new: list[dict[str, Any]] = []
        for kept, extra in part:
            kept.versions |= {version_of(p) for p in held.get(kept.id, [])}
            for prediction in (p for copy in extra for p in held.get(copy.id, [])):
                version = version_of(prediction)
                if version not in kept.versions:
                    new.append({"task": kept.id, "model_version": version, "score": prediction.get("score"),
                                "result": prediction.get("result") or []})
                    kept.versions.add(version)
                    carried.append(kept)
        if new:
            add_predictions(studio, project_id, new)
    return carried


def _delete_prediction(studio: Studio, prediction_id: int, task_id: int) -> None:
    try:
        studio.call(f"remove a second prediction of one version from task {task_id}", studio.send, "DELETE",
                    f"api/predictions/{prediction_id}/")
    except StudioError as exc:
        if exc.status != 404:  # another push removed it already
            raise


def _single_versions(studio: Studio, project_id: int, tasks: list[Held]) -> None:
    """Keep one prediction (the oldest) of each version on each of ``tasks``."""
    held = predictions_by_task(studio, project_id, sorted({t.id for t in tasks}))
    for task_id, predictions in held.items():
        by_version: dict[str, list[int]] = defaultdict(list)
        for prediction in predictions:
            by_version[version_of(prediction)].append(prediction["id"])
        for ids in by_version.values():
            for extra in sorted(ids)[1:]:
                _delete_prediction(studio, extra, task_id)


def _delete_unworked(studio: Studio, project_id: int, task_ids: list[int]) -> int:
    """Delete those of ``task_ids`` nobody has started on, :data:`BATCH` a call (each short
    enough to be answered in time); how many went."""
    removed = 0
    for start in range(0, len(task_ids), BATCH):
        part = task_ids[start:start + BATCH]
        done = studio.call(f"remove {len(part)} surplus copies", studio.send, "POST", "api/dm/actions",
                           params={"id": "delete_tasks", "project": project_id},
                           body={"selectedItems": {"all": False, "included": part}, "filters": _UNWORKED})
        removed += int((done or {}).get("processed_items", 0))
    return removed


def reconcile(studio: Studio, project_id: int, tasks: Iterable[Held]) -> Reconciled:
    """One task per key (see the module's docstring); the tasks kept, and how many went."""
    out = Reconciled()
    copies: dict[str, list[Held]] = defaultdict(list)
    for task in _unique(tasks):
        if task.key:
            copies[task.key].append(task)
    surplus: list[int] = []
    pairs: list[tuple[Held, list[Held]]] = []
    doubled: list[Held] = []
    for key, same in copies.items():
        keep, extra = _split(same)
        if len(keep) > 1:
            log.warning("%d tasks of %s carry annotations: all are kept (pull merges them)", len(keep), key)
        if any(not copy.versions <= keep[0].versions for copy in extra):
            pairs.append((keep[0], extra))
        surplus += [t.id for t in extra]
        doubled += [t for t in keep if t.doubled]
        out.kept[key] = keep[0]
    random.shuffle(pairs)
    doubled += _carry(studio, project_id, pairs)
    if doubled:
        _single_versions(studio, project_id, doubled)
    out.removed = _delete_unworked(studio, project_id, surplus)
    return out
