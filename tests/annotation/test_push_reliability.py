"""Push under retries and concurrency, against the real Label Studio of the test session:
an import that "times out" after the server took it (the client side is simulated — the
import really reaches the server, then the call raises the timeout httpx would raise), two
processes pushing at once, copies left by earlier runs; and the local server's files,
readable by their owner only."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from collections import Counter

import httpx
import pytest

from annotation.connection import Settings, Studio
from annotation.push import push
from annotation.reconcile import _delete_unworked
from annotation.server import _owner_only
from tests.annotation.test_studio import seed_records, tasks_of
from tests.conftest import ROOT

VERSION = "rules-test-1"
TAKEN = {
    "all": lambda tasks: tasks,
    "half": lambda tasks: tasks[:len(tasks) // 2],
    "without predictions": lambda tasks: [{**t, "predictions": []} for t in tasks],
}


class TimesOutAfterSending(Studio):
    """A client whose first import reaches the server — all of it, half of it, or its tasks
    without their predictions — and then fails as a read timeout."""

    def __init__(self, settings: Settings, taken: str) -> None:
        super().__init__(settings, delays=(0.1, 0.2))
        self.taken = taken
        self.imports: list[int] = []

    def send(self, method, path, params=None, body=None):
        if method == "POST" and path.endswith("/import"):
            self.imports.append(len(body))
            if len(self.imports) == 1:
                super().send(method, path, params, TAKEN[self.taken](list(body)))
                raise httpx.ReadTimeout("timed out")
        return super().send(method, path, params, body)


def state(studio: Studio, title: str) -> tuple[int, Counter, list[list[str]]]:
    """How many projects are called ``title``; its tasks per key; each task's prediction versions."""
    projects = [p for p in studio.client.projects.list() if p.title == title]
    tasks = tasks_of(studio, title)
    versions = [sorted(p.model_version for p in studio.client.predictions.list(task=t.id)) for t in tasks]
    return len(projects), Counter(t.data["key"] for t in tasks), versions


@pytest.mark.studio
@pytest.mark.parametrize("taken", list(TAKEN))
def test_an_import_that_timed_out_sends_again_only_what_the_server_did_not_take(studio_settings, taken):
    title = f"timeout-{taken.replace(' ', '-')}"
    client = TimesOutAfterSending(studio_settings, taken)
    summary = push(client, seed_records(), title, progress=False)
    assert summary.tasks_imported == 5 and summary.copies_removed == 0
    assert client.imports == {"all": [5], "half": [5, 3], "without predictions": [5]}[taken]
    projects, keys, versions = state(client, title)
    assert projects == 1 and len(keys) == 5 and set(keys.values()) == {1}
    assert versions == [[VERSION]] * 5


class LockedAfterServing(httpx.BaseTransport):
    """Forwards every request to the real server; the first POST to a path ending with
    ``ending`` is answered as a locked SQLite database is (HTTP 500) after the server took it."""

    def __init__(self, ending: str) -> None:
        self.inner, self.ending, self.posts = httpx.HTTPTransport(), ending, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path.endswith(self.ending):
            self.posts += 1
            if self.posts == 1:
                response.read()
                response.close()
                return httpx.Response(500, json={"detail": "database is locked", "status_code": 500}, request=request)
        return response


@pytest.mark.studio
@pytest.mark.parametrize("ending", ["/api/projects/", "/import"])
def test_a_creating_call_answered_database_is_locked_is_asked_about_never_sent_again_blindly(studio_settings,
                                                                                             ending):
    """Neither the SDK (its retries are off) nor iqtibas sends the project or the import
    again: iqtibas asks the server what it took, finds it there, and goes on."""
    title = f"locked-{ending.strip('/').replace('/', '-')}"
    client = Studio(studio_settings, delays=(0.1, 0.2))
    transport = LockedAfterServing(ending)
    client._http.httpx_client = httpx.Client(transport=transport, timeout=client.timeout)
    summary = push(client, seed_records(), title, progress=False)
    assert transport.posts == 1 and summary.tasks_imported == 5
    projects, keys, versions = state(client, title)
    assert projects == 1 and len(keys) == 5 and set(keys.values()) == {1}
    assert versions == [[VERSION]] * 5


def _push_at_once(settings: Settings, title: str, version: str, barrier, results) -> None:
    records = seed_records(version)
    studio = Studio(settings, delays=(0.2, 0.5, 1.0))
    barrier.wait(timeout=120)
    summary = push(studio, records, title, batch=1, progress=False)
    results.put((summary.project_created, summary.tasks_imported, summary.predictions_added, summary.copies_removed))


def _two_at_once(settings: Settings, title: str, version: str) -> list[tuple]:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_push_at_once, args=(settings, title, version, barrier, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
        assert worker.exitcode == 0
    return [results.get(timeout=5) for _ in workers]


@pytest.mark.studio
def test_two_pushes_at_once_leave_one_project_one_task_per_key_and_one_prediction_per_version(studio,
                                                                                              studio_settings):
    first = _two_at_once(studio_settings, "at-once", VERSION)
    projects, keys, versions = state(studio, "at-once")
    assert projects == 1 and len(keys) == 5 and set(keys.values()) == {1}
    assert versions == [[VERSION]] * 5
    # at most one says it made the project (a push whose create call failed on the way found
    # the project made and cannot tell whose it was)
    assert sum(created for created, *_ in first) <= 1
    print(f"\nat once, new project: (created, imported, predictions added, copies removed) = {first}")

    newer = _two_at_once(studio_settings, "at-once", "rules-test-2")
    projects, keys, versions = state(studio, "at-once")
    assert projects == 1 and len(keys) == 5 and set(keys.values()) == {1}
    assert versions == [[VERSION, "rules-test-2"]] * 5
    print(f"at once, newer rules: {newer}")


@pytest.mark.studio
def test_surplus_copies_are_removed_and_every_copy_with_an_annotation_is_kept(studio, caplog):
    title = "copies"
    push(studio, seed_records()[:2], title, progress=False)
    tasks = sorted(tasks_of(studio, title), key=lambda t: t.id)
    project = tasks[0].project
    # two earlier runs that went wrong: every document imported twice more
    for _ in range(2):
        studio.client.projects.import_tasks(id=project, request=[
            {"data": t.data, "predictions": [{"model_version": VERSION, "result": []}]} for t in tasks])
    copies = sorted(tasks_of(studio, title), key=lambda t: t.id)
    first_key, second_key = tasks[0].data["key"], tasks[1].data["key"]
    newest_of_first = max(t.id for t in copies if t.data["key"] == first_key)
    studio.client.annotations.create(id=newest_of_first, result=[])
    both_of_second = [t.id for t in copies if t.data["key"] == second_key][1:]
    for task_id in both_of_second:
        studio.client.annotations.create(id=task_id, result=[])

    summary = push(studio, seed_records()[:2], title, progress=False)
    assert summary.copies_removed == 3 and summary.tasks_imported == 0
    left = {t.id: t for t in tasks_of(studio, title)}
    assert sorted(left) == sorted([newest_of_first, *both_of_second])
    # the annotations themselves, not the tasks' counters: the session's server may no longer
    # keep those (see the next test)
    assert all(len(studio.client.annotations.list(id=task_id)) == 1 for task_id in left)
    assert "2 tasks of " + second_key + " carry annotations" in caplog.text


@pytest.mark.studio
def test_copies_with_work_are_kept_when_the_servers_counters_say_there_is_none(studio):
    """Label Studio counts a task's annotations in signal handlers that it switches off for
    the whole server while it deletes a project; two deletes at once (pushes at once, each
    removing an empty copy of the project) leave them off until it restarts, and from then on
    an annotated task counts none.  The counters are set here as such a server leaves them:
    the annotations themselves decide, in the listing and in the server's guard of the delete."""
    title = "stale-counters"
    push(studio, seed_records()[:1], title, progress=False)
    (task,) = tasks_of(studio, title)
    studio.client.projects.import_tasks(id=task.project, request=[
        {"data": task.data, "predictions": [{"model_version": VERSION, "result": []}]} for _ in range(3)])
    _, annotated, skipped, _ = sorted(t.id for t in tasks_of(studio, title))  # the first and last stay unworked
    studio.client.annotations.create(id=annotated, result=[])
    studio.client.annotations.create(id=skipped, result=[], was_cancelled=True)
    for task_id in (annotated, skipped):
        studio.send("PATCH", f"api/tasks/{task_id}/",
                    body={"total_annotations": 0, "cancelled_annotations": 0, "is_labeled": False})
    counted = {t.id: (t.total_annotations, t.cancelled_annotations) for t in tasks_of(studio, title)}
    assert counted[annotated] == counted[skipped] == (0, 0)

    # a delete of copies listed before anyone worked on them spares those worked on since
    assert _delete_unworked(studio, task.project, [annotated, skipped]) == 0
    summary = push(studio, seed_records()[:1], title, progress=False)
    assert summary.copies_removed == 2 and summary.tasks_imported == 0
    assert sorted(t.id for t in tasks_of(studio, title)) == [annotated, skipped]
    assert [[a["was_cancelled"] for a in studio.client.tasks.get(id=t).annotations] for t in (annotated, skipped)] == [
        [False], [True]]


def test_a_task_whose_counters_say_no_annotation_but_which_has_one_is_worked():
    from annotation.held import _held

    listed = {"id": 7, "data": {"key": "doc:0"}, "total_annotations": 0, "cancelled_annotations": 0,
              "draft_exists": False, "total_predictions": 1, "predictions_model_versions": "v1"}
    assert not _held({**listed, "annotations_ids": ""}).worked
    assert _held({**listed, "annotations_ids": "12,15"}).worked


def _cli(settings: Settings, *args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "LABEL_STUDIO_URL": settings.url, "LABEL_STUDIO_API_KEY": settings.api_key}
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


@pytest.mark.studio
def test_an_html_page_at_a_wrong_address_is_one_line_without_the_page(studio_settings, tmp_path):
    candidates = tmp_path / "c.jsonl"
    candidates.write_text(json.dumps(seed_records()[0], ensure_ascii=False) + "\n", encoding="utf-8")
    wrong = Settings(studio_settings.url + "/wrong/path", studio_settings.api_key, "tests")
    result = _cli(wrong, "push", str(candidates))
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert "HTTP 404" in line and "an HTML page" in line and f"{wrong.url} the address" in line
    assert "<" not in line and "Traceback" not in result.stderr and studio_settings.api_key not in result.stderr


@pytest.mark.studio
def test_export_keeps_its_verified_file_and_raw_exports_and_rebuilds_its_own_folder(studio, studio_settings,
                                                                                      tmp_path):
    push(studio, seed_records()[:2], "export-keeps", progress=False)
    for task in tasks_of(studio, "export-keeps"):
        (prediction,) = studio.client.predictions.list(task=task.id)
        studio.client.annotations.create(id=task.id, result=prediction.result)
    verified, dataset = tmp_path / "work" / "verified.jsonl", tmp_path / "dataset"
    args = ("export", "--project", "export-keeps", "-o", str(dataset), "--verified-output", str(verified))
    for run in (1, 2):
        result = _cli(studio_settings, *args)
        assert result.returncode == 0, result.stderr
        assert len(verified.read_text(encoding="utf-8").splitlines()) == 2
        assert len(list((tmp_path / "work" / "raw").glob("export-keeps-*.json"))) >= run
        assert (dataset / "README.md").exists() and (dataset / ".iqtibas-output.json").exists()


@pytest.mark.studio
def test_the_servers_data_folder_and_database_are_readable_by_their_owner_only(studio_server, tmp_path_factory):
    (database,) = tmp_path_factory.getbasetemp().glob("label-studio[0-9]*/data/label_studio.sqlite3")
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    for path in database.parent.rglob("*"):
        assert stat.S_IMODE(path.lstat().st_mode) & 0o077 == 0, path
    assert stat.S_IMODE((database.parent.parent / "server.log").stat().st_mode) == 0o600


def test_a_data_folder_left_open_by_an_older_version_is_closed(tmp_path):
    data = tmp_path / "label-studio"
    (data / "media").mkdir(parents=True)
    (data / "label_studio.sqlite3").write_bytes(b"")
    for path, mode in ((data, 0o755), (data / "media", 0o755), (data / "label_studio.sqlite3", 0o644)):
        path.chmod(mode)
    _owner_only(data)
    assert [stat.S_IMODE(p.stat().st_mode) for p in (data, data / "media", data / "label_studio.sqlite3")] == [
        0o700, 0o700, 0o600]


def test_a_task_listed_twice_is_one_task_not_a_copy_to_remove():
    """A listing paged while another push adds predictions can show one task twice, with
    different predictions: it is one task, and nothing is deleted."""
    from annotation.held import Held
    from annotation.reconcile import reconcile

    listed = [Held(7, "doc:0", False, {"v1"}, 1), Held(7, "doc:0", False, {"v1", "v2"}, 2)]
    done = reconcile(None, 1, listed)  # nothing to delete: the server is never called
    assert done.removed == 0 and done.kept["doc:0"].id == 7 and done.kept["doc:0"].versions == {"v1", "v2"}


@pytest.mark.studio
def test_a_bad_line_anywhere_stops_the_push_before_anything_is_sent(studio, studio_settings, tmp_path):
    candidates = tmp_path / "c.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in seed_records()]
    candidates.write_text("\n".join([*lines, '{"doc_id": "broken"'] ) + "\n", encoding="utf-8")
    result = _cli(studio_settings, "push", str(candidates), "--project", "bad-line")
    assert result.returncode == 2 and f"{candidates}:6: malformed JSON" in result.stderr
    assert not [p for p in studio.client.projects.list() if p.title == "bad-line"]
