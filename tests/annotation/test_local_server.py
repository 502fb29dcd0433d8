"""The local server is ours or it is not used: the record of ``iqtibas studio`` and its proof
(process alive and started when recorded, listening on the recorded port, our token
accepted), two ``iqtibas studio`` at once, ``--stop``, ``--port``, a stale record while
another server answers on its port, and a server that accepts connections and never answers."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from annotation.record import listens, process_start, stale_because
from annotation.server import free_port


def _iqtibas(home: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, cwd=home,
                          env={**environment, "IQTIBAS_HOME": str(home / ".iqtibas"), **(env or {})},
                          timeout=timeout)


def _record(home: Path) -> dict:
    return json.loads((home / ".iqtibas" / "studio.json").read_text(encoding="utf-8"))


def test_the_proof_checks_the_process_its_start_and_its_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        me = {"url": f"http://127.0.0.1:{port}", "port": port, "pid": os.getpid(),
              "started": process_start(os.getpid())}
        assert listens(os.getpid(), port) and stale_because(me) is None
        assert stale_because({**me, "started": me["started"] - 1}) == f"its process {os.getpid()} is gone"
        other = free_port(0)
        assert stale_because({**me, "port": other}) == f"its process {os.getpid()} does not listen on port {other}"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(gone.stdout)
    assert process_start(pid) is None and stale_because({**me, "pid": pid}) == f"its process {pid} is gone"
    assert stale_because({"username": "x"}) == "it records no running server"


class _Foreign(http.server.BaseHTTPRequestHandler):
    """Another user's server: answers everything, and keeps what it was sent."""

    heard: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Foreign.heard.append(f"{self.path} {self.headers.get('Authorization')}")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"status": "UP", "email": "someone@else"}')

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A working folder whose local servers are stopped at the end."""
    folder = tmp_path_factory.mktemp("local")
    yield folder
    _iqtibas(folder, "studio", "--stop")


@pytest.mark.studio
def test_two_studio_at_once_end_with_one_server_recorded_and_stop_stops_it(home):
    port = free_port(0)
    both = [subprocess.Popen([sys.executable, "-m", "builder.cli", "studio", "--port", str(port)], cwd=home,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "IQTIBAS_HOME": str(home / ".iqtibas")}) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in both]
    assert [p.returncode for p in both] == [0, 0], outs
    said = sorted(out.splitlines()[0] for out, _ in outs)
    assert said == [f"Label Studio running at http://127.0.0.1:{port}", f"Label Studio started at http://127.0.0.1:{port}"]
    record = _record(home)
    assert record["port"] == port and stale_because(record) is None
    servers = subprocess.run(["pgrep", "-f", f"label-studio start .*{home}"], capture_output=True, text=True)
    assert servers.stdout.split() == [str(record["pid"])]

    stopped = _iqtibas(home, "studio", "--stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stderr
    assert process_start(record["pid"]) is None and "pid" not in _record(home)
    assert _record(home)["token"] == record["token"]  # the data folder's login is kept
    again = _iqtibas(home, "studio", "--stop")
    assert again.returncode == 0 and "no local Label Studio was running" in again.stderr


@pytest.mark.studio
def test_a_stale_record_is_removed_and_our_token_never_sent_to_the_server_now_on_its_port(home):
    _Foreign.heard = []
    foreign = http.server.HTTPServer(("127.0.0.1", 0), _Foreign)
    threading.Thread(target=foreign.serve_forever, daemon=True).start()
    try:
        port = foreign.server_address[1]
        dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                                  text=True).stdout)
        record = {**_record(home), "url": f"http://127.0.0.1:{port}", "port": port, "pid": dead, "started": 1}
        (home / ".iqtibas" / "studio.json").write_text(json.dumps(record), encoding="utf-8")
        candidates = home / "c.jsonl"
        candidates.write_text(json.dumps({"doc_id": "d", "source": "s", "text": "نص", "meta": {},
                                          "attributions": []}) + "\n", encoding="utf-8")

        pushed = _iqtibas(home, "push", str(candidates))
        assert pushed.returncode == 3 and "is stale (its process" in pushed.stderr
        assert "no Label Studio configured" in pushed.stderr

        (home / ".iqtibas" / "studio.json").write_text(json.dumps(record), encoding="utf-8")
        taken = _iqtibas(home, "studio", "--port", str(port))
        assert taken.returncode == 3 and f"port {port} on 127.0.0.1 is taken" in taken.stderr
        mine = free_port(0)
        started = _iqtibas(home, "studio", "--port", str(mine))
        assert started.returncode == 0, started.stderr
        assert started.stdout.startswith(f"Label Studio started at http://127.0.0.1:{mine}")
        assert _record(home)["port"] == mine and _record(home)["token"] == record["token"]
        assert not any(record["token"] in line for line in _Foreign.heard), _Foreign.heard
        assert _Foreign.heard == []  # nothing at all was asked of it
    finally:
        foreign.shutdown()


@pytest.mark.studio
def test_a_server_that_accepts_and_never_answers_is_one_line_within_30_seconds(tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        candidates = tmp_path / "c.jsonl"
        candidates.write_text(json.dumps({"doc_id": "d", "source": "s", "text": "نص", "meta": {},
                                          "attributions": []}) + "\n", encoding="utf-8")
        # one call waits 25 s, then the health check 3 s: the command ends, it does not hang
        result = _iqtibas(tmp_path, "push", str(candidates), timeout=60,
                          env={"LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": "k" * 40})
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert f"{url} did not answer within 25s while trying to list projects, nor its health check" in line
    assert "Traceback" not in result.stderr
