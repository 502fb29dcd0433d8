"""``iqtibas push``: candidates into a Label Studio project as pre-annotated tasks.

Idempotent: a task is keyed by ``doc_id:chunk``; pushing again imports only documents the
project does not have, and candidates from a newer rules version are added to existing
tasks as predictions with that ``model_version`` — annotations are never touched.  Inputs of
one push with the same text are one task that keeps every input's source and metadata.  The
candidates are read as they come and sent in batches: memory does not grow with the input.

Under retries and concurrency:

* nothing that creates (an import, a prediction, the project) is sent twice blindly: after
  a failure on the way — a timeout while the server was working, a locked database — the
  server is asked what it took, and only the rest is sent again;
* two pushes to the local server take turns: each holds the lock file beside its data folder;
* two pushes at once without a shared lock (two machines, or a server named by
  ``LABEL_STUDIO_URL``) agree all the same: of several projects with one title the oldest is the
  project, and after importing every push reconciles the project (:mod:`annotation.reconcile`):
  one task per key, one prediction per version, and a push whose own copy of a task was removed
  finds its prediction on the copy kept.  The push that finishes last sees every copy, so none is
  left once all are done; a copy that a stalled server takes after a push has ended is removed
  by the next push.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from annotation.connection import Studio, StudioError
from annotation.held import Held, list_tasks, tasks_with_keys
from annotation.lock import holding
from annotation.project import ensure_project, remove_empty_copies, show_version, totals
from annotation.reconcile import add_predictions, reconcile
from annotation.tasks import DEFAULT_CHUNK_CHARS, add_same_text, task_payloads

log = logging.getLogger(__name__)

DEFAULT_PROJECT = "iqtibas"
BATCH = 100
WAITING = "another push to this Label Studio is running: waiting for it to finish"


@dataclass
class PushSummary:
    project_id: int
    project_created: bool
    tasks_imported: int = 0
    predictions_added: int = 0
    tasks_unchanged: int = 0
    copies_removed: int = 0
    same_text: int = 0

    def line(self) -> str:
        removed = f"; {self.copies_removed} surplus copies removed" if self.copies_removed else ""
        same = (f"; {self.same_text} inputs with the text of another kept as its sources (same_text)"
                if self.same_text else "")
        return (f"project {self.project_id}{' (created)' if self.project_created else ''}: "
                f"{self.tasks_imported} tasks imported, {self.predictions_added} predictions added to "
                f"existing tasks, {self.tasks_unchanged} tasks already up to date{removed}{same}")


def model_version(meta: dict[str, Any]) -> str:
    """The predictions' version: the rules', and the calibration of their confidences if any
    (so that calibrated confidences reach the tasks already there as new predictions)."""
    version = meta.get("rules_version", "unknown")
    return f"{version}+{meta['calibration']}" if meta.get("calibration") else version


class _Importer:
    """New tasks sent in batches.  After a failure on the way, the server is asked which keys
    of the batch it holds: only the others are sent again, and the task a held key is kept in
    (the oldest) gets this push's prediction if it lacks it."""

    def __init__(self, studio: Studio, project_id: int, batch: int, bar: tqdm) -> None:
        self.studio, self.project_id, self.batch, self.bar = studio, project_id, batch, bar
        self.pending: dict[str, dict[str, Any]] = {}  # key -> task, in input order
        self.ids: dict[str, int] = {}  # key -> the task made for it
        self.imported: Counter[str] = Counter()  # model version -> tasks imported with it
        self.uncertain = False  # a batch failed on the way: what the server took was looked up

    def add(self, payload: dict[str, Any]) -> None:
        self.pending[payload["data"]["key"]] = payload
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        part, self.pending = list(self.pending.values()), {}
        if not part:
            return
        left = list(part)
        answer = self.studio.call(f"import {len(part)} tasks", lambda: self.studio.send(
            "POST", f"api/projects/{self.project_id}/import", params={"return_task_ids": "true"}, body=left),
            arrived=lambda: self._arrived(left))
        if answer is not None:
            self.ids.update(zip((p["data"]["key"] for p in left), answer.get("task_ids") or [], strict=False))
            if int(answer.get("prediction_count") or 0) < len(left):
                # Label Studio repeats an import that met a locked SQLite database, without the
                # predictions the first attempt had taken out of the request: look and add them.
                self._arrived(left)
        self.imported.update(p["predictions"][0]["model_version"] for p in part)
        self.bar.update(len(part))

    def _arrived(self, left: list[dict[str, Any]]) -> bool:
        """Which keys of ``left`` the project holds: their oldest task gets this push's
        prediction if it lacks it, and ``left`` keeps the others."""
        self.uncertain = True
        wanted = {p["data"]["key"]: p for p in left}
        oldest: dict[str, Held] = {}
        for task in tasks_with_keys(self.studio, self.project_id, list(wanted)):
            if task.key:
                oldest.setdefault(task.key, task)
        lacking = []
        for key, task in oldest.items():
            prediction = wanted.pop(key)["predictions"][0]
            self.ids[key] = task.id
            if prediction["model_version"] not in task.versions:
                lacking.append({**prediction, "task": task.id})
        if lacking:
            log.info("%d tasks were taken without this push's prediction (first task %d): adding it", len(lacking),
                     lacking[0]["task"])
            add_predictions(self.studio, self.project_id, lacking)
        left[:] = list(wanted.values())
        return not left


class _Push:
    def __init__(self, studio: Studio, title: str, max_chars: int, batch: int, progress: bool) -> None:
        self.studio, self.title, self.max_chars, self.batch = studio, title, max_chars, batch
        self.bar = tqdm(unit="task", desc="push", disable=None if progress else True)
        self.version: str | None = None
        self.pushed: dict[str, str] = {}  # every key this push brings -> the version of its prediction
        self.later: dict[str, list[dict[str, Any]]] = {}  # key -> inputs with its text, for a task already sent
        self.added: Counter[str] = Counter()  # model version -> predictions added to tasks held
        self.adding: list[dict[str, Any]] = []  # predictions for tasks held, sent a batch at a time

    def run(self, records: Iterable[dict[str, Any]]) -> PushSummary:
        project, created = ensure_project(self.studio, self.title)
        self.summary = PushSummary(project.id, created)
        start = reconcile(self.studio, project.id, list_tasks(self.studio, project.id))
        self.summary.copies_removed = start.removed
        self.held = start.kept
        self.before = totals(self.studio, project.id) if self.studio.settings.lock else None
        self.importer = _Importer(self.studio, project.id, self.batch, self.bar)
        for record in records:
            self.version = model_version(record.get("meta", {}))
            for payload in task_payloads(record, self.max_chars, self.version):
                self.task(payload)
        self.importer.flush()
        self.add_predictions()
        self.bar.close()
        self.summary.tasks_imported = self.importer.imported.total()
        if self.summary.tasks_imported or self.summary.predictions_added or self.later:
            self.settle(project.id)
            remove_empty_copies(self.studio, self.title)
        if self.version:
            show_version(self.studio, project, self.version)
        return self.summary

    def task(self, payload: dict[str, Any]) -> None:
        key = payload["data"]["key"]
        if key in self.pushed:
            self.same_text(key, payload["data"])
            return
        version = self.pushed[key] = payload["predictions"][0]["model_version"]
        task = self.held.get(key)
        if task is None:
            self.importer.add(payload)
        elif version in task.versions:
            self.summary.tasks_unchanged += 1
        else:
            self.adding.append({**payload["predictions"][0], "task": task.id})
            task.versions.add(version)
            self.added[version] += 1
            self.summary.predictions_added += 1
            if len(self.adding) >= self.batch:
                self.add_predictions()

    def add_predictions(self) -> None:
        if self.adding:
            add_predictions(self.studio, self.summary.project_id, self.adding)
            self.adding = []

    def same_text(self, key: str, data: dict[str, Any]) -> None:
        """Another input with the text of one already read: its source and metadata are kept."""
        waiting = self.importer.pending.get(key)
        if waiting is not None:
            self.summary.same_text += add_same_text(waiting["data"], data)
        else:
            self.later.setdefault(key, []).append({"source": data["source"], "meta": data["meta"]})

    def settle(self, project_id: int) -> None:
        """After importing: one task per key, each with this push's prediction, and the inputs
        with the text of a task sent earlier recorded on it."""
        kept = self.kept_as_counted(project_id)
        if kept is None:
            kept = {key: task.id for key, task in self.reconciled(project_id).items()}
        self.record_same_text(kept)

    def kept_as_counted(self, project_id: int) -> dict[str, int] | None:
        """Under the lock, when nothing failed on the way and the project holds exactly the
        tasks and predictions it held before plus those this push made: the task of each key,
        without listing the project again.  Else None."""
        if self.before is None or self.importer.uncertain:
            return None
        tasks, versions = totals(self.studio, project_id)
        expected = self.before[1] + self.importer.imported + self.added
        if tasks != self.before[0] + self.summary.tasks_imported or any(versions[v] != expected[v] for v in expected):
            log.info("the project holds other tasks than this push made: reconciling it")
            return None
        return {**{key: task.id for key, task in self.held.items()}, **self.importer.ids}

    def reconciled(self, project_id: int) -> dict[str, Held]:
        """One task per key (see :mod:`annotation.reconcile`), each with this push's prediction.
        A task seen without it is looked at once more (another push may have been moving it
        between copies) before the push fails."""
        for _ in range(2):
            end = reconcile(self.studio, project_id, list_tasks(self.studio, project_id))
            self.summary.copies_removed += end.removed
            missing = sorted(self.pushed.keys() - end.kept.keys())
            lacking = sorted(k for k, version in self.pushed.items()
                             if k in end.kept and version not in end.kept[k].versions)
            if not (missing or lacking):
                return end.kept
            log.info("%d tasks of this push not seen with its prediction: looking again", len(missing) + len(lacking))
        if missing:
            raise StudioError(f"Label Studio does not list {len(missing)} of the tasks just imported (first "
                              f"{missing[0]}); push again to complete the project")
        raise StudioError(f"{len(lacking)} tasks lack this push's prediction (first {lacking[0]}): another push "
                          "removed it at the same time; push again to add it")

    def record_same_text(self, kept: dict[str, int]) -> None:
        for key, inputs in self.later.items():
            task_id = kept[key]
            data = self.studio.call(f"read task {task_id}", self.studio.send, "GET", f"api/tasks/{task_id}/")["data"]
            added = sum(add_same_text(data, other) for other in inputs)
            if added:
                self.studio.call(f"record the inputs of task {task_id}", self.studio.send, "PATCH",
                                 f"api/tasks/{task_id}/", body={"data": data})
            self.summary.same_text += added


def push(studio: Studio, records: Iterable[dict[str, Any]], title: str = DEFAULT_PROJECT,
         max_chars: int = DEFAULT_CHUNK_CHARS, batch: int = BATCH, progress: bool = True) -> PushSummary:
    """Push candidate ``records`` into project ``title`` (see the module's docstring)."""
    with holding(studio.settings.lock, WAITING):
        return _Push(studio, title, max_chars, batch, progress).run(records)

