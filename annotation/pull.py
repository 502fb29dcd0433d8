"""``iqtibas pull``: what annotators verified, back in the output contract.

Three steps: fetch the project's export, predictions and users from Label Studio and keep
them in timestamped files before anything is converted; turn them into verified documents
(:mod:`annotation.convert`, no server involved); write the documents (to a ``.partial``
file renamed into place, :class:`builder.output.PendingFile`), if there is any: a project
with no fully annotated document leaves the output as it was.  The output is checked before
anything is fetched (not a device, not a FIFO).  Every problem of the conversion is logged
as a warning naming the task and the region; the summary says whether there was any (the
command's exit status).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotation.connection import Studio, StudioError
from annotation.convert import PullSummary, convert
from annotation.push import find_project
from builder.json_lines import writer
from builder.output import PendingFile

log = logging.getLogger(__name__)


@dataclass
class Fetched:
    """What a pull took from Label Studio, as plain data, and where it was kept."""

    tasks: list[dict[str, Any]]
    predictions: list[dict[str, Any]]
    users: dict[Any, str]
    raw_path: Path


def _plain(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    return item.model_dump(mode="json") if hasattr(item, "model_dump") else item.dict()


def fetch(studio: Studio, title: str, raw_dir: Path) -> Fetched:
    """The export of project ``title`` (kept in ``raw_dir/TITLE-TIMESTAMP.json``, its
    predictions beside it), and the e-mails of the server's users."""
    project = find_project(studio, title)
    if project is None:
        raise StudioError(f"no Label Studio project called {title!r} at {studio.settings.url}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    slug = re.sub(r"[^\w.-]+", "-", title).strip("-") or "project"
    raw_dir.mkdir(parents=True, exist_ok=True)
    raw_path = raw_dir / f"{slug}-{stamp}.json"
    raw = b"".join(studio.call("export the project", studio.client.projects.exports.download_sync,
                               project.id, export_type="JSON", download_all_tasks=True))
    raw_path.write_bytes(raw)
    predictions = [_plain(p) for p in studio.call("list predictions", studio.client.predictions.list,
                                                  project=project.id)]
    raw_path.with_suffix(".predictions.json").write_text(
        json.dumps(predictions, ensure_ascii=False, default=str), encoding="utf-8")
    try:
        users = {u.id: u.email for u in studio.call("list users", studio.client.users.list) if u.email}
    except StudioError as exc:  # a token that may not list users: annotators are given by id
        log.warning("%s; annotators are given by their user id", exc)
        users = {}
    try:
        tasks = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise StudioError(f"the export kept at {raw_path} is not JSON ({exc.msg})") from None
    return Fetched(tasks if isinstance(tasks, list) else [], predictions, users, raw_path)


def write_documents(documents: Iterable[dict[str, Any]], pending: PendingFile) -> None:
    """One JSON object per line, written beside the output and renamed into place."""
    with pending:
        writer(pending.file).write_all(documents)
        pending.commit()


def pull(studio: Studio, title: str, out_path: Path, raw_dir: Path) -> PullSummary:
    """Pull project ``title`` into ``out_path``, keeping the raw export in ``raw_dir``; with no
    document to write (``summary.documents`` is 0), ``out_path`` is left as it was."""
    pending = PendingFile(out_path)
    fetched = fetch(studio, title, raw_dir)
    documents, summary = convert(fetched.tasks, fetched.predictions, fetched.users, title)
    summary.raw_path = fetched.raw_path
    if documents:
        write_documents(documents, pending)
    for note in summary.notes:
        log.warning("%s", note)
    for problem in summary.problems:
        log.warning("not read (kept in %s): %s", fetched.raw_path.name, problem)
    return summary
