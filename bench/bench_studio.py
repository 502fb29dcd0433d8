"""Label Studio benchmark (not a test): push and pull at scale, and pushes at once, against a
real local Label Studio this script starts (``iqtibas studio`` in a temporary folder), with
the commands a user runs — ``iqtibas push`` and ``iqtibas pull`` — each in a process of its
own, so that its peak memory is its own.  Figures are rates, all from one run.

Documents: the seeds' candidates again and again, each copy made distinct by a first line
with its number (``tests/annotation/many.py``), written as a candidates file.

* **push / pull** — for each ``--sizes`` N: ``iqtibas push`` of N documents into a new project
  (documents/s and the peak memory of the push), ``--annotated`` of them then annotated
  through the API (accepted as predicted; not timed), and ``iqtibas pull`` (tasks/s, annotated
  tasks/s, peak memory); against the targets: 10,000 pushed in under 60 s, pulled in under 30 s;
* **at once** — ``--at-once`` documents pushed by 2 and by 4 processes at the same moment to
  one project, on the local server's lock and, as from two machines, without it
  (``LABEL_STUDIO_URL``): the time until the last push ended, and what the project holds then
  (tasks per key, tasks without their prediction).

    python bench/bench_studio.py                                  # 2,000 and 10,000; at once 2,000
    python bench/bench_studio.py --sizes 1000 --annotated 0.2 --at-once 500
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"push_10k_s": 60.0, "pull_10k_s": 30.0}


def _iqtibas() -> list[str]:
    script = Path(sys.executable).with_name("iqtibas")
    return [str(script)] if script.exists() else [sys.executable, "-m", "builder.cli"]


def _run(args: list[str], home: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``iqtibas ARGS`` in ``home``; its wall time and peak resident memory (MB)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    began = time.perf_counter()
    process = subprocess.Popen([*_iqtibas(), "-q", *args], cwd=home, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True,
                               env={**environment, "IQTIBAS_HOME": str(home / ".iqtibas"), **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    errors = process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"iqtibas {' '.join(args)} failed: {errors.strip()}")
    return seconds, usage.ru_maxrss / 1024


def _candidates(folder: Path, n: int, version: str = "rules-bench-1") -> Path:
    from builder.run.encode import dumps
    from tests.annotation.many import numbered_records

    path = folder / f"candidates-{n}-{version}.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as fh:
            for record in numbered_records(n, version):
                fh.write(dumps(record) + "\n")
    return path


def _studio(home: Path):
    """A client for the local server of ``home`` (its record proves it ours)."""
    os.environ["IQTIBAS_HOME"] = str(home / ".iqtibas")
    from annotation.connection import Studio
    from annotation.server import running_local

    local = running_local()
    if local is None:
        raise SystemExit("the local Label Studio did not start")
    return Studio(local.settings), local


def _annotate(studio, title: str, share: float) -> int:
    """Accept the prediction of ``share`` of the tasks (every k-th), through the API."""
    from annotation.held import predictions_by_task
    from annotation.project import find_project

    project = find_project(studio, title)
    ids = sorted(t.id for t in studio.client.tasks.list(project=project.id, page_size=1000, fields="task_only"))
    chosen = ids[::max(1, round(1 / share))] if share > 0 else []
    held = predictions_by_task(studio, project.id, chosen)
    for task_id in chosen:
        studio.client.annotations.create(id=task_id, result=held[task_id][0]["result"])
    return len(chosen)


def _holds(studio, title: str) -> dict:
    """One project? Tasks per key, and tasks without a prediction."""
    from annotation.held import list_tasks
    from annotation.project import _projects

    projects = _projects(studio, title)
    tasks = list(list_tasks(studio, projects[0].id))
    keys = Counter(t.key for t in tasks)
    return {"projects": len(projects), "tasks": len(tasks), "keys": len(keys),
            "keys_twice": sum(1 for c in keys.values() if c > 1),
            "without_prediction": sum(not t.versions for t in tasks)}


def push_pull(home: Path, work: Path, sizes: list[int], share: float) -> None:
    studio, _ = _studio(home)
    print(f"\n{'documents':>10} {'push s':>8} {'docs/s':>8} {'push MB':>8} {'annotated':>10} {'pull s':>8} "
          f"{'tasks/s':>8} {'ann./s':>8} {'pull MB':>8}")
    for n in sizes:
        title = f"bench-{n}-{int(time.time())}"
        candidates = _candidates(work, n)
        push_s, push_mb = _run(["push", str(candidates), "--project", title], home)
        annotated = _annotate(studio, title, share)
        pull_s, pull_mb = _run(["pull", "--project", title, "-o", str(work / f"verified-{n}.jsonl")], home)
        print(f"{n:>10} {push_s:>8.1f} {n / push_s:>8.0f} {push_mb:>8.0f} {annotated:>10} {pull_s:>8.1f} "
              f"{n / pull_s:>8.0f} {annotated / pull_s:>8.0f} {pull_mb:>8.0f}")
        if n == 10_000:
            push_target, pull_target = TARGETS["push_10k_s"], TARGETS["pull_10k_s"]
            print(f"{'':>10} target: push < {push_target:.0f} s ({n / push_target:.0f} docs/s) "
                  f"{'met' if push_s < push_target else 'MISSED'}; pull < {pull_target:.0f} s "
                  f"({n / pull_target:.0f} tasks/s) {'met' if pull_s < pull_target else 'MISSED'}")


def at_once(home: Path, work: Path, n: int) -> None:
    studio, local = _studio(home)
    candidates = _candidates(work, n)
    print(f"\n{'pushes at once':>22} {'last ended s':>12} {'docs/s':>8} {'tasks':>6} {'keys':>6} {'twice':>6} "
          f"{'no pred.':>8}")
    for processes in (2, 4):
        for lock in ("lock", "no lock"):
            title = f"at-once-{processes}-{lock.replace(' ', '-')}-{int(time.time())}"
            env = {} if lock == "lock" else {"LABEL_STUDIO_URL": local.url, "LABEL_STUDIO_API_KEY": local.token}
            environment = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
            began = time.perf_counter()
            running = [subprocess.Popen([*_iqtibas(), "-q", "push", str(candidates), "--project", title], cwd=home,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                        env={**environment, "IQTIBAS_HOME": str(home / ".iqtibas"), **env})
                       for _ in range(processes)]
            failed = [p.communicate()[1] for p in running if p.wait() != 0]
            seconds = time.perf_counter() - began
            held = _holds(studio, title)
            print(f"{processes:>3} x {n} {lock:>10} {seconds:>14.1f} {processes * n / seconds:>8.0f} "
                  f"{held['tasks']:>6} {held['keys']:>6} {held['keys_twice']:>6} {held['without_prediction']:>8}"
                  f"{'  FAILED: ' + failed[0].strip()[-200:] if failed else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--annotated", type=float, default=0.1, help="share of the tasks annotated before the pull")
    parser.add_argument("--at-once", type=int, default=2_000, help="documents each push at once brings (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-studio-") as tmp:
        home, work = Path(tmp), Path(tmp) / "work"
        work.mkdir()
        began = time.perf_counter()
        _run(["studio"], home)
        print(f"local Label Studio started in {time.perf_counter() - began:.0f} s; "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        try:
            push_pull(home, work, args.sizes, args.annotated)
            if args.at_once:
                at_once(home, work, args.at_once)
        finally:
            _run(["studio", "--stop"], home)
        print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
