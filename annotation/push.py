"""``iqtibas push``: candidates into a Label Studio project as pre-annotated tasks.

Idempotent: a task is keyed by ``doc_id:chunk``; pushing again imports only documents the
project does not have, and candidates from a newer rules version are added to existing
tasks as predictions with that ``model_version`` — annotations are never touched.

Under retries and concurrency:

* nothing that creates (an import, a prediction, the project) is sent twice blindly: after
  a failure on the way — a timeout while the server was working — the server is asked what
  it took, and only the rest is sent again;
* two pushes at once to one project (two processes, two machines) agree without a lock:
  of several projects with one title the oldest (lowest id) is the project, the newer one a
  push has just made is removed; after importing, every push reconciles the project — of
  several tasks with one key, those carrying an annotation, a skip or a draft are all kept,
  else the oldest, and the surplus copies are deleted; a prediction of one rules version
  present twice on a task is kept once; a task the server took without its prediction gets
  it.  The push that finishes last sees every copy, so none is left once both are done.
  A copy that a stalled server takes after the push has ended is removed by the next push.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from annotation.config import LABEL_CONFIG, instructions
from annotation.connection import Studio, StudioError
from annotation.tasks import DEFAULT_CHUNK_CHARS, Chunk, chunk_document, prediction_result, prediction_score

log = logging.getLogger(__name__)

DEFAULT_PROJECT = "iqtibas"
BATCH = 50
SAMPLING = "Uncertainty sampling"
TASK_FIELDS = "id,data,total_annotations,cancelled_annotations,draft_exists,predictions"
PAGE_SIZE = 500


@dataclass
class PushSummary:
    project_id: int
    project_created: bool
    tasks_imported: int = 0
    predictions_added: int = 0
    tasks_unchanged: int = 0
    copies_removed: int = 0

    def line(self) -> str:
        removed = f"; {self.copies_removed} surplus copies removed" if self.copies_removed else ""
        return (f"project {self.project_id}{' (created)' if self.project_created else ''}: "
                f"{self.tasks_imported} tasks imported, {self.predictions_added} predictions added to "
                f"existing tasks, {self.tasks_unchanged} tasks already up to date{removed}")


@dataclass
class Held:
    """A task as the project holds it."""

    id: int
    key: str | None
    worked: bool  # carries an annotation, a skip or a draft: never deleted
    predictions: dict[str, list[int]] = field(default_factory=dict)  # model version -> prediction ids


def _projects(studio: Studio, title: str) -> list[Any]:
    projects = studio.call("list projects", lambda: list(studio.client.projects.list()))
    return sorted((p for p in projects if p.title == title), key=lambda p: p.id)


def find_project(studio: Studio, title: str) -> Any | None:
    """The project called ``title``; of several, the oldest — the one every push and pull uses."""
    return next(iter(_projects(studio, title)), None)


def ensure_project(studio: Studio, title: str) -> tuple[Any, bool]:
    """The project called ``title``, created (config, instructions, sampling) if missing.
    A push that made one while another push made one too keeps the oldest and removes its own."""
    project = find_project(studio, title)
    if project is not None:
        return project, False
    mine = studio.call(f"create project {title!r}", studio.client.projects.create,
                       title=title, label_config=LABEL_CONFIG, expert_instruction=instructions(),
                       show_instruction=True, sampling=SAMPLING, show_skip_button=True, enable_empty_annotation=True,
                       description="Who said what: review the rules' candidate quotes, speakers and cues.",
                       arrived=lambda: find_project(studio, title) is not None)
    oldest = find_project(studio, title)
    if oldest is None:
        raise StudioError(f"Label Studio created project {title!r} but does not list it")
    if mine is not None and mine.id != oldest.id:
        tasks = studio.call("look at the project just made", studio.client.projects.get, id=mine.id).task_number
        if not tasks:
            log.info("another push created project %r at the same time: using it (%d)", title, oldest.id)
            _delete(studio, f"remove the duplicate project {mine.id}", studio.client.projects.delete, mine.id)
    return oldest, mine is not None and mine.id == oldest.id


def _version(prediction: Any) -> str | None:
    return getattr(prediction, "model_version", None) or (
        prediction.get("model_version") if isinstance(prediction, dict) else None)


def _id(item: Any) -> int:
    return item["id"] if isinstance(item, dict) else item.id


def list_tasks(studio: Studio, project_id: int) -> list[Held]:
    """Every task of the project: id, key, whether anyone worked on it, its predictions."""
    tasks = studio.call("list tasks", lambda: list(studio.client.tasks.list(
        project=project_id, fields="all", include=TASK_FIELDS, page_size=PAGE_SIZE)))
    held = []
    for task in tasks:
        predictions: dict[str, list[int]] = defaultdict(list)
        for p in task.predictions or []:
            predictions[_version(p) or ""].append(_id(p))
        worked = bool(task.total_annotations or task.cancelled_annotations or task.draft_exists)
        held.append(Held(task.id, (task.data or {}).get("key"), worked, dict(predictions)))
    return held


def _delete(studio: Studio, what: str, fn: Any, item_id: int | str) -> bool:
    """Delete one object; False if it was gone already (another push removed it)."""
    try:
        studio.call(what, fn, id=item_id)
    except StudioError as exc:
        if exc.status == 404:
            return False
        raise
    return True


def _still_unworked(studio: Studio, task_id: int) -> bool:
    """Asked just before deleting a copy: nobody has started on it since the listing."""
    try:
        task = studio.call(f"look at task {task_id}", studio.client.tasks.get, id=str(task_id))
    except StudioError as exc:
        if exc.status == 404:
            return False
        raise
    return not (task.total_annotations or task.cancelled_annotations or task.draft_exists)


def reconcile(studio: Studio, project_id: int, tasks: list[Held]) -> tuple[dict[str, Held], int]:  # noqa: C901 (to be split)
    """One task per key: of several copies those someone worked on are all kept, else the
    oldest; surplus copies are deleted, and so are second predictions of one version.
    Returns the task kept for each key (the oldest kept) and how many copies were removed."""
    by_id: dict[int, Held] = {}
    for task in tasks:  # a listing paged while another push writes may show a task twice
        seen = by_id.setdefault(task.id, task)
        for version, ids in task.predictions.items():
            seen.predictions[version] = sorted(set(seen.predictions.get(version, [])) | set(ids))
    copies: dict[str, list[Held]] = defaultdict(list)
    for task in sorted(by_id.values(), key=lambda t: t.id):
        if task.key:
            copies[task.key].append(task)
    kept: dict[str, Held] = {}
    removed = 0
    for key, same in copies.items():
        keep = [t for t in same if t.worked] or same[:1]
        for task in same:
            if task in keep:
                continue
            if _still_unworked(studio, task.id):
                removed += _delete(studio, f"remove the surplus copy {task.id} of {key}", studio.client.tasks.delete,
                                   str(task.id))
            else:
                keep.append(task)
        if len(keep) > 1:
            log.warning("%d tasks of %s carry annotations: all are kept (pull merges them)", len(keep), key)
        for task in keep:
            for version, ids in task.predictions.items():
                for extra in sorted(ids)[1:]:
                    _delete(studio, f"remove a second {version} prediction of task {task.id}",
                            studio.client.predictions.delete, extra)
                task.predictions[version] = sorted(ids)[:1]
        kept[key] = min(keep, key=lambda t: t.id)
    return kept, removed


def model_version(meta: dict[str, Any]) -> str:
    """The predictions' version: the rules', and the calibration of their confidences if any
    (so that calibrated confidences reach the tasks already there as new predictions)."""
    version = meta.get("rules_version", "unknown")
    return f"{version}+{meta['calibration']}" if meta.get("calibration") else version


def task_payload(record: dict[str, Any], chunk: Chunk, chunks: int, version: str) -> dict[str, Any]:
    attributions = [a for a in record["attributions"]
                    if chunk.offset <= a["content"][0]["start"] < chunk.offset + len(chunk.text)]
    meta = dict(record.get("meta", {}))
    return {
        "data": {"text": chunk.text, "key": chunk.key, "doc_id": record["doc_id"], "source": record["source"],
                 "chunk": chunk.index, "chunks": chunks, "chunk_offset": chunk.offset, "meta": meta},
        "predictions": [{"model_version": version, "score": prediction_score(attributions),
                         "result": prediction_result(attributions, chunk)}],
    }


def _add_prediction(studio: Studio, task_id: int, prediction: dict[str, Any]) -> None:
    version = prediction["model_version"]

    def arrived() -> bool:
        found = studio.call(f"list the predictions of task {task_id}", studio.client.predictions.list, task=task_id)
        return any(_version(p) == version for p in found)

    studio.call(f"add a prediction to task {task_id}", studio.client.predictions.create, task=task_id,
                result=prediction["result"], score=prediction["score"], model_version=version, arrived=arrived)


def _import(studio: Studio, project_id: int, part: list[dict[str, Any]], what: str) -> None:
    """Import ``part``; after a failure on the way, only the tasks the server did not take
    are sent again (those it took without their prediction get it in the reconciliation)."""
    pending = list(part)

    def arrived() -> bool:
        held = {t.key for t in list_tasks(studio, project_id)}
        pending[:] = [p for p in pending if p["data"]["key"] not in held]
        return not pending

    studio.call(what, lambda: studio.client.projects.import_tasks(id=project_id, request=pending), arrived=arrived)


def push(studio: Studio, records: Iterable[dict[str, Any]], title: str = DEFAULT_PROJECT,
         max_chars: int = DEFAULT_CHUNK_CHARS, batch: int = BATCH, progress: bool = True) -> PushSummary:
    project, created = ensure_project(studio, title)
    summary = PushSummary(project.id, created)
    held, summary.copies_removed = reconcile(studio, project.id, list_tasks(studio, project.id))
    new: list[dict[str, Any]] = []
    wanted: dict[str, dict[str, Any]] = {}  # key -> the prediction this push brings
    version = None
    for record in records:
        version = model_version(record.get("meta", {}))
        chunks = chunk_document(record, max_chars)
        for chunk in chunks:
            payload = task_payload(record, chunk, len(chunks), version)
            prediction = payload["predictions"][0]
            task = held.get(chunk.key)
            if chunk.key in wanted or (task is not None and version in task.predictions):
                summary.tasks_unchanged += 1
            elif task is None:
                new.append(payload)
            else:
                _add_prediction(studio, task.id, prediction)
                task.predictions[version] = []
                summary.predictions_added += 1
            wanted.setdefault(chunk.key, prediction)
    bar = tqdm(total=len(new), unit="task", desc="push", disable=None if progress else True)
    for start in range(0, len(new), batch):
        part = new[start:start + batch]
        _import(studio, project.id, part, f"import tasks {start + 1}-{start + len(part)}")
        summary.tasks_imported += len(part)
        bar.update(len(part))
    bar.close()
    if new or summary.predictions_added:
        _settle(studio, project.id, wanted, summary)
    if version and version != getattr(project, "model_version", None):
        try:
            studio.call("show the newest predictions", studio.client.projects.update, id=project.id,
                        model_version=version)
        except StudioError as exc:  # older servers may refuse; predictions are there all the same
            log.warning("%s", exc)
    return summary


def _settle(studio: Studio, project_id: int, wanted: dict[str, dict[str, Any]], summary: PushSummary) -> None:
    """After importing: one task per key (see :func:`reconcile`), each with this push's prediction."""
    held, removed = reconcile(studio, project_id, list_tasks(studio, project_id))
    summary.copies_removed += removed
    missing = [key for key in wanted if key not in held]
    if missing:
        raise StudioError(f"Label Studio does not list {len(missing)} of the tasks just imported (first {missing[0]}); "
                          f"push again to complete the project")
    for key, prediction in wanted.items():
        task = held[key]
        if prediction["model_version"] not in task.predictions:
            log.info("task %d (%s) was taken without its prediction: adding it", task.id, key)
            _add_prediction(studio, task.id, prediction)
