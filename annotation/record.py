"""The local server's record, ``.iqtibas/studio.json`` (owner-only), and its proof.

The record holds the login of the local data folder (user name, password, API token: the
folder's database knows them, so they outlive any one server) and, while a server runs, that
server: its address and port, its process id and the process's start time.  Before the
record is used, the server at that address must prove it is ours:

1. the process is alive and started when the record says (a reused process id is not ours);
2. that process listens on the recorded port (read from ``/proc`` on Linux);
3. the server accepts our API token as our user — asked only after 1 and 2, so that the
   token is never sent to a server we did not start.

A record that fails 1 or 2 is stale: its server part is removed (the login is kept) and a new
server is started.  A process of ours that refuses our token is an error, not a reason to start
a second server on the same database.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from annotation.connection import Settings, StudioError, home

log = logging.getLogger(__name__)

SERVER_FIELDS = ("url", "port", "pid", "started")
_SOCKET = re.compile(r"socket:\[(\d+)\]")
_LISTEN = "0A"
ANSWER_TIMEOUT = 10.0


def record_path() -> Path:
    return home() / "studio.json"


def start_lock_path() -> Path:
    """Held while the local server is checked, started or stopped."""
    return home() / "studio.lock"


def push_lock_path(data_dir: Path) -> Path:
    """Held by every push to the local server: beside its data folder."""
    return data_dir.with_name(data_dir.name + ".lock")


@dataclass(frozen=True)
class Local:
    url: str
    username: str
    password: str
    token: str
    data_dir: Path
    pid: int | None

    @property
    def settings(self) -> Settings:
        return Settings(self.url, self.token, str(record_path()), lock=push_lock_path(self.data_dir))


def read_record(path: Path | None = None) -> dict[str, Any] | None:
    path = path or record_path()
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise StudioError(f"{path} cannot be read ({exc}); remove it to start afresh") from None
    return record if isinstance(record, dict) else None


def write_record(values: dict[str, Any], path: Path | None = None) -> Path:
    """Write the record, readable and writable by its owner only (replaced whole)."""
    path = path or record_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(values, fh, indent=2)
    os.chmod(partial, 0o600)
    partial.replace(path)
    return path


def forget_server(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its server (the login of the data folder kept), written back."""
    login = {k: v for k, v in record.items() if k not in SERVER_FIELDS}
    write_record(login)
    return login


def local_of(record: dict[str, Any]) -> Local:
    return Local(record["url"], record["username"], record["password"], record["token"], Path(record["data_dir"]),
                 record.get("pid"))


def process_start(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot); None if it is gone; 0 if it is
    alive where ``/proc`` is missing (its start time unknown)."""
    if not Path("/proc/self/stat").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return 0
        return 0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in "ZX" else int(fields[19])  # a zombie is gone


def listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` listens on TCP ``port`` (always True where ``/proc`` is missing)."""
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return True
    try:
        sockets = {m.group(1) for fd in os.scandir(f"/proc/{pid}/fd")
                   if (m := _SOCKET.fullmatch(_readlink(fd.path)))}
    except OSError:
        return False
    for table in tables:
        for line in table.read_text().splitlines()[1:] if table.exists() else []:
            fields = line.split()
            if fields[3] == _LISTEN and fields[9] in sockets and int(fields[1].rsplit(":", 1)[1], 16) == port:
                return True
    return False


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def stale_because(record: dict[str, Any]) -> str | None:
    """Why the recorded server is not ours to use (steps 1 and 2 of the proof), else None."""
    pid, url = record.get("pid"), str(record.get("url", ""))
    port = record.get("port") or (int(url.rsplit(":", 1)[1]) if re.search(r":\d+$", url) else None)
    if not isinstance(pid, int) or not isinstance(port, int):
        return "it records no running server"
    started, recorded = process_start(pid), record.get("started")
    if started is None or (started and recorded is not None and recorded != started):
        return f"its process {pid} is gone"
    if not listens(pid, port):
        return f"its process {pid} does not listen on port {port}"
    return None


def refusal(record: dict[str, Any]) -> str | None:
    """Step 3: None if the server at the recorded address knows our token, as our user; else
    what it did instead."""
    try:
        answer = httpx.get(f"{record['url']}/api/current-user/whoami", timeout=ANSWER_TIMEOUT,
                           headers={"Authorization": f"Token {record['token']}"})
    except httpx.TimeoutException:
        return f"it gives no answer within {ANSWER_TIMEOUT:.0f}s"
    except httpx.HTTPError as exc:
        return f"it cannot be asked ({type(exc).__name__})"
    try:
        email = answer.json().get("email") if answer.status_code == 200 else None
    except ValueError:
        email = None
    if email != record["username"]:
        return f"it does not accept the token kept in {record_path()} (HTTP {answer.status_code})"
    return None
