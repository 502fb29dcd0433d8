"""A local Label Studio server: SQLite in a data folder of its own, a generated login and
API token kept in the owner-only record (:mod:`annotation.record`), started in the
background and checked healthy before use — and used only once it has proved it is ours.

The data folder, its database (which holds the API token) and the server's log are readable
by their owner only: the folders are made mode 700, and the server runs with umask 077 so
that everything it creates is too.  Its SQLite database runs in write-ahead-log mode, so that
reading (an annotator's browser, a pull) does not lock out writing.

Checking, starting and stopping hold one lock (``.iqtibas/studio.lock``): two ``iqtibas
studio`` at once end with one server, recorded.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from annotation.connection import StudioError, home, reachable
from annotation.lock import holding
from annotation.record import (
    Local,
    forget_server,
    local_of,
    process_start,
    read_record,
    refusal,
    stale_because,
    start_lock_path,
    write_record,
)

log = logging.getLogger(__name__)

DEFAULT_PORT = 8080
START_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0
USERNAME = "annotator@iqtibas.local"
WAITING = "another iqtibas is starting or checking the local Label Studio: waiting for it"


def label_studio_executable() -> str:
    """The ``label-studio`` command next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / "label-studio"
    found = str(beside) if beside.exists() else shutil.which("label-studio")
    if not found:
        raise StudioError("the label-studio server is not installed; install it with: pip install 'iqtibas[studio]'")
    return found


def free_port(preferred: int = DEFAULT_PORT) -> int:
    """``preferred`` if it is free on 127.0.0.1, else any free port (0: any)."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise StudioError("no free port on 127.0.0.1")


def _owner_only(data_dir: Path) -> None:
    """Make ``data_dir`` and what an earlier server left in it readable by the owner only."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o700, follow_symlinks=False)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode & 0o700)


def start(data_dir: Path, port: int, username: str, password: str, token: str, log_file: Path) -> subprocess.Popen:
    """Start ``label-studio`` on 127.0.0.1 in the background (its output goes to ``log_file``),
    everything it writes readable by the owner only."""
    _owner_only(data_dir)
    # The login and token go through the environment, not the command line, so that they
    # do not show in the process list.
    env = {**os.environ, "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true", "DJANGO_DB": "sqlite",
           "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir), "SENTRY_DSN": "", "FRONTEND_SENTRY_DSN": "",
           "COLLECT_ANALYTICS": "false", "LABEL_STUDIO_USERNAME": username, "LABEL_STUDIO_PASSWORD": password,
           "LABEL_STUDIO_USER_TOKEN": token,
           "LABEL_STUDIO_AZURE_MOUNT_FIX": "true"}  # Label Studio's switch for SQLite's write-ahead log
    command = [label_studio_executable(), "start", "--no-browser", "--data-dir", str(data_dir),
               "--internal-host", "127.0.0.1", "-p", str(port), "--enable-legacy-api-token"]
    with os.fdopen(os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab") as out:
        os.chmod(log_file, 0o600)
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True, umask=0o077)


def wait_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = START_TIMEOUT,
                 log_file: Path | None = None) -> float:
    """Seconds until ``url/health`` answers; fails clearly if the process dies or time runs out."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if reachable(url, timeout=2.0):
            return time.monotonic() - began
        if process is not None and process.poll() is not None:
            raise StudioError(f"label-studio exited with status {process.returncode} while starting; see {log_file}")
        time.sleep(1.0)
    raise StudioError(f"label-studio did not become healthy at {url} within {timeout:.0f}s; see {log_file}")


def _port_for(port: int | None) -> int:
    """The port a new server takes: ``port`` as asked (refused if taken), else the default
    one or, if it is taken, a free one."""
    if port is None:
        return free_port(DEFAULT_PORT)
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise StudioError(f"port {port} on 127.0.0.1 is taken; choose another with --port") from None
    return port


def _live(record: dict[str, Any] | None) -> Local | None:
    """The recorded server if it proves it is ours; a stale record loses its server part."""
    if not record or "url" not in record:
        return None
    why = stale_because(record)
    if why is not None:
        log.warning("the record of a local Label Studio at %s is stale (%s): removed", record["url"], why)
        forget_server(record)
        return None
    refused = refusal(record)
    if refused is not None:
        raise StudioError(f"the local Label Studio at {record['url']} (process {record['pid']}) is ours, but "
                          f"{refused}; stop it with `iqtibas studio --stop` and start it again")
    return local_of(record)


def running_local() -> Local | None:
    """The local server if one runs and proves it is ours, else None (a stale record removed)."""
    with holding(start_lock_path(), WAITING):
        return _live(read_record())


def ensure_local(port: int | None = None) -> tuple[Local, bool]:
    """The local server if one runs and proves it is ours, else a new one started now (on
    ``port``, else the default port or a free one).  Returns it and whether it was started."""
    with holding(start_lock_path(), WAITING):
        record = read_record()
        live = _live(record)
        if live is not None:
            if port is not None and not live.url.endswith(f":{port}"):
                log.warning("the local Label Studio already runs at %s: --port %d is used only when starting one "
                            "(stop this one first: iqtibas studio --stop)", live.url, port)
            return live, False
        return _start_recorded(record, _port_for(port)), True


def _start_recorded(record: dict[str, Any] | None, port: int) -> Local:
    data_dir = home() / "label-studio"
    if record and record.get("token"):  # the data folder's user keeps its login and token
        username, password, token = record["username"], record["password"], record["token"]
    else:
        username, password, token = USERNAME, secrets.token_urlsafe(18), secrets.token_hex(20)
    url = f"http://127.0.0.1:{port}"
    log_file = home() / "label-studio.log"
    log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    process = start(data_dir, port, username, password, token, log_file)
    values = {"url": url, "port": port, "pid": process.pid, "started": process_start(process.pid),
              "username": username, "password": password, "token": token, "data_dir": str(data_dir)}
    write_record(values)
    try:
        seconds = wait_healthy(url, process, log_file=log_file)
    except StudioError:  # a server that did not come up is not left running
        forget_server(values)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        raise
    log.info("Label Studio healthy at %s after %.0fs", url, seconds)
    return local_of(values)


def stop_local() -> bool:
    """Stop the local server if one of ours runs (its process started when recorded and
    listening on the recorded port); False if none was running.  Its record loses the server."""
    with holding(start_lock_path(), WAITING):
        record = read_record()
        if not record or "url" not in record:
            return False
        why = stale_because(record)
        forget_server(record)
        if why is not None:
            log.info("the recorded Label Studio at %s was not running (%s)", record["url"], why)
            return False
        os.killpg(record["pid"], signal.SIGTERM)
        _wait_gone(record["pid"])
        return True


def _wait_gone(pid: int) -> None:
    began = time.monotonic()
    while process_start(pid) is not None and time.monotonic() - began < STOP_TIMEOUT:
        time.sleep(0.2)
    if process_start(pid) is not None:
        os.killpg(pid, signal.SIGKILL)
