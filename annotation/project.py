"""The Label Studio project a push fills and a pull reads, found by its title.

Of several projects with one title the oldest (lowest id) is the project.  Pushes that made
one each at once keep the oldest; the newer ones are removed while they are empty — by every
push after it made its project and after it imported (a server that repeats a request by
itself after a locked database may make one late).
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from annotation.config import LABEL_CONFIG, instructions
from annotation.connection import Studio, StudioError

log = logging.getLogger(__name__)

SAMPLING = "Uncertainty sampling"


def _projects(studio: Studio, title: str) -> list[Any]:
    projects = studio.call("list projects", lambda: list(studio.client.projects.list()))
    return sorted((p for p in projects if p.title == title), key=lambda p: p.id)


def find_project(studio: Studio, title: str) -> Any | None:
    """The project called ``title``; of several, the oldest — the one every push and pull uses."""
    return next(iter(_projects(studio, title)), None)


def ensure_project(studio: Studio, title: str) -> tuple[Any, bool]:
    """The project called ``title``, created (config, instructions, sampling) if missing, and
    whether this call created it."""
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
    remove_empty_copies(studio, title)
    return oldest, mine is not None and mine.id == oldest.id


def remove_empty_copies(studio: Studio, title: str) -> None:
    """Remove the projects called ``title`` newer than the oldest that hold no task."""
    for copy in _projects(studio, title)[1:]:
        if not getattr(copy, "task_number", None):
            log.info("another push created project %r at the same time: removing the empty copy %d", title, copy.id)
            try:
                studio.call(f"remove the empty copy {copy.id} of project {title!r}", studio.client.projects.delete,
                            id=copy.id)
            except StudioError as exc:
                if exc.status != 404:  # another push removed it already
                    raise


def show_version(studio: Studio, project: Any, version: str) -> None:
    """Make ``version`` the predictions the labeling screen shows."""
    if version == getattr(project, "model_version", None):
        return
    try:
        studio.call("show the newest predictions", studio.client.projects.update, id=project.id, model_version=version)
    except StudioError as exc:  # older servers may refuse; predictions are there all the same
        log.warning("%s", exc)


def totals(studio: Studio, project_id: int) -> tuple[int, Counter[str]]:
    """How many tasks the project has, and how many predictions of each model version."""
    project = studio.call(f"look at project {project_id}", studio.send, "GET", f"api/projects/{project_id}/")
    versions = studio.call(f"count the predictions of project {project_id}", studio.send, "GET",
                           f"api/projects/{project_id}/model-versions/", params={"extended": "true"})
    counts: Counter[str] = Counter()
    for entry in (versions or {}).get("static") or []:
        counts[entry.get("model_version") or ""] += int(entry.get("count") or 0)
    return int(project.get("task_number") or 0), counts
