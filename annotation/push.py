"""``iqtibas push``: candidates into a Label Studio project as pre-annotated tasks.

Idempotent: a task is keyed by ``doc_id:chunk``; pushing again imports only documents the
project does not have, and candidates from a newer rules version are added to existing
tasks as predictions with that ``model_version`` — annotations are never touched.  An
import that failed halfway is completed by the next push, without duplicates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from annotation.config import LABEL_CONFIG, instructions
from annotation.connection import Studio, StudioError
from annotation.tasks import DEFAULT_CHUNK_CHARS, Chunk, chunk_document, prediction_result, prediction_score

log = logging.getLogger(__name__)

DEFAULT_PROJECT = "iqtibas"
BATCH = 50
SAMPLING = "Uncertainty sampling"


@dataclass
class PushSummary:
    project_id: int
    project_created: bool
    tasks_imported: int = 0
    predictions_added: int = 0
    tasks_unchanged: int = 0

    def line(self) -> str:
        return (f"project {self.project_id}{' (created)' if self.project_created else ''}: "
                f"{self.tasks_imported} tasks imported, {self.predictions_added} predictions added to "
                f"existing tasks, {self.tasks_unchanged} tasks already up to date")


def find_project(studio: Studio, title: str) -> Any | None:
    projects = studio.call("list projects", lambda: list(studio.client.projects.list()))
    return next((p for p in projects if p.title == title), None)


def ensure_project(studio: Studio, title: str) -> tuple[Any, bool]:
    """The project called ``title``, created (config, instructions, sampling) if missing."""
    project = find_project(studio, title)
    if project is not None:
        return project, False
    project = studio.call(
        f"create project {title!r}", studio.client.projects.create,
        title=title, label_config=LABEL_CONFIG, expert_instruction=instructions(), show_instruction=True,
        sampling=SAMPLING, show_skip_button=True, enable_empty_annotation=True,
        description="Who said what: review the rules' candidate quotes, speakers and cues.")
    return project, True


def existing_tasks(studio: Studio, project_id: int) -> dict[str, tuple[int, set[str]]]:
    """``key -> (task id, model versions of its predictions)`` for the project's tasks."""
    tasks = studio.call("list tasks", lambda: list(studio.client.tasks.list(project=project_id, fields="all")))
    out: dict[str, tuple[int, set[str]]] = {}
    for task in tasks:
        key = (task.data or {}).get("key")
        if key:
            versions = {getattr(p, "model_version", None) or (p.get("model_version") if isinstance(p, dict) else None)
                        for p in (task.predictions or [])}
            out[key] = (task.id, {v for v in versions if v})
    return out


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


def push(studio: Studio, records: Iterable[dict[str, Any]], title: str = DEFAULT_PROJECT,
         max_chars: int = DEFAULT_CHUNK_CHARS, batch: int = BATCH, progress: bool = True) -> PushSummary:
    project, created = ensure_project(studio, title)
    summary = PushSummary(project.id, created)
    known = existing_tasks(studio, project.id)
    new: list[dict[str, Any]] = []
    version = None
    for record in records:
        version = record.get("meta", {}).get("rules_version", "unknown")
        chunks = chunk_document(record, max_chars)
        for chunk in chunks:
            payload = task_payload(record, chunk, len(chunks), version)
            if chunk.key not in known:
                new.append(payload)
                known[chunk.key] = (-1, {version})
                continue
            task_id, versions = known[chunk.key]
            if version in versions:
                summary.tasks_unchanged += 1
                continue
            prediction = payload["predictions"][0]
            studio.call(f"add a prediction to task {task_id}", studio.client.predictions.create,
                        task=task_id, result=prediction["result"], score=prediction["score"],
                        model_version=version)
            versions.add(version)
            summary.predictions_added += 1
    bar = tqdm(total=len(new), unit="task", desc="push", disable=None if progress else True)
    for start in range(0, len(new), batch):
        part = new[start:start + batch]
        studio.call(f"import tasks {start + 1}-{start + len(part)}", studio.client.projects.import_tasks,
                    id=project.id, request=part)
        summary.tasks_imported += len(part)
        bar.update(len(part))
    bar.close()
    if version and version != getattr(project, "model_version", None):
        try:
            studio.call("show the newest predictions", studio.client.projects.update, id=project.id,
                        model_version=version)
        except StudioError as exc:  # older servers may refuse; predictions are there all the same
            log.warning("%s", exc)
    return summary
