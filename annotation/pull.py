"""``iqtibas pull``: what annotators verified, back in the output contract.

Three steps: fetch the project's export (the tasks someone annotated or skipped; the others
are only counted) and the users from Label Studio, keeping the export in a timestamped file
before anything is converted; turn it into verified documents key by key, with the
predictions of each page of tasks fetched and kept beside the export
(:mod:`annotation.exported`; the conversion itself, :mod:`annotation.convert`, involves no
server); write the documents (to a ``.partial`` file renamed into place,
:class:`builder.output.PendingFile`), if there is any: a project with no fully annotated
document leaves the output as it was.  The output is checked before anything is fetched (not
a device, not a FIFO).  Every problem of the conversion is logged as a warning naming the
task and the region; the summary says whether there was any (the command's exit status).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from annotation.connection import Studio, StudioError
from annotation.convert import PullSummary, convert_groups
from annotation.exported import Export, download, groups, index
from annotation.project import find_project, totals
from builder.json_lines import writer
from builder.output import PendingFile

log = logging.getLogger(__name__)


@dataclass
class Fetched:
    """What a pull took from Label Studio and where it was kept."""

    export: Export  # the tasks someone annotated or skipped
    users: dict[Any, str]
    unannotated: int  # the project's other tasks

    @property
    def raw_path(self) -> Path:
        return self.export.path


def _users(studio: Studio) -> dict[Any, str]:
    try:
        found = studio.call("list users", studio.send, "GET", "api/users/")
    except StudioError as exc:  # a token that may not list users: annotators are given by id
        log.warning("%s; annotators are given by their user id", exc)
        return {}
    return {u["id"]: u["email"] for u in found or [] if isinstance(u, dict) and u.get("email")}


def fetch(studio: Studio, title: str, raw_dir: Path) -> Fetched:
    """The export of project ``title`` — the tasks someone annotated or skipped, kept in
    ``raw_dir/TITLE-TIMESTAMP.json`` (their predictions go beside it as they are read) — and
    the e-mails of the server's users.  The other tasks are only counted: nothing of them is
    needed."""
    project = find_project(studio, title)
    if project is None:
        raise StudioError(f"no Label Studio project called {title!r} at {studio.settings.url}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    slug = re.sub(r"[^\w.-]+", "-", title).strip("-") or "project"
    raw_dir.mkdir(parents=True, exist_ok=True)
    raw_path = raw_dir / f"{slug}-{stamp}.json"
    download(studio, project.id, raw_path)
    export = index(raw_path, project.id)
    total, _ = totals(studio, project.id)
    return Fetched(export, _users(studio), max(0, total - export.tasks))


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
    documents, summary = convert_groups(groups(studio, fetched.export), fetched.users, title, fetched.unannotated)
    summary.raw_path = fetched.raw_path
    first = next(documents, None)  # converted as they are written: memory holds a page
    if first is not None:
        write_documents(chain([first], documents), pending)
    for note in summary.notes:
        log.warning("%s", note)
    for problem in summary.problems:
        log.warning("not read (kept in %s): %s", fetched.raw_path.name, problem)
    return summary
