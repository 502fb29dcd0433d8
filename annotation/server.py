"""A local Label Studio server: SQLite in a data folder of its own, a generated login and
API token kept in the owner-only config file, started in the background and checked
healthy before use.

The data folder, its database (which holds the API token) and the server's log are readable
by their owner only: the folders are made mode 700, and the server runs with umask 077 so
that everything it creates is too.
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
from dataclasses import dataclass
from pathlib import Path

from annotation.connection import Settings, StudioError, config_path, home, reachable, read_config, write_config

log = logging.getLogger(__name__)

DEFAULT_PORT = 8080
START_TIMEOUT = 300.0
USERNAME = "annotator@iqtibas.local"


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
        return Settings(self.url, self.token, str(config_path()))


def label_studio_executable() -> str:
    """The ``label-studio`` command next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / "label-studio"
    found = str(beside) if beside.exists() else shutil.which("label-studio")
    if not found:
        raise StudioError("the label-studio server is not installed; install it with: pip install 'iqtibas[studio]'")
    return found


def free_port(preferred: int = DEFAULT_PORT) -> int:
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
           "LABEL_STUDIO_USER_TOKEN": token}
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


def ensure_local(port: int = DEFAULT_PORT) -> tuple[Local, bool]:
    """The local server from the config file if it answers, else a new one started now.
    Returns it and whether it was started by this call."""
    config = read_config()
    if config and reachable(config["url"]):
        return _local(config), False
    data_dir = home() / "label-studio"
    if config:  # same login and token, so that the data folder's user still matches
        username, password, token = config["username"], config["password"], config["token"]
    else:
        username, password, token = USERNAME, secrets.token_urlsafe(18), secrets.token_hex(20)
    port = free_port(port)
    url = f"http://127.0.0.1:{port}"
    log_file = home() / "label-studio.log"
    log_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    process = start(data_dir, port, username, password, token, log_file)
    config = {"url": url, "username": username, "password": password, "token": token,
              "data_dir": str(data_dir), "pid": process.pid}
    write_config(config)
    seconds = wait_healthy(url, process, log_file=log_file)
    log.info("Label Studio healthy at %s after %.0fs", url, seconds)
    return _local(config), True


def _local(config: dict) -> Local:
    return Local(config["url"], config["username"], config["password"], config["token"],
                 Path(config["data_dir"]), config.get("pid"))


def stop_local() -> bool:
    """Stop the local server started by ``iqtibas studio``; False if none was running."""
    config = read_config()
    pid = config.get("pid") if config else None
    if not pid:
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    return True
