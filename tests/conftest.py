"""Shared helpers: extraction of short texts, the seeds and their gold."""

from __future__ import annotations

import json
import os
import secrets
import signal
import time
from pathlib import Path

import pytest

from annotation.connection import Settings, Studio
from annotation.server import free_port, start, wait_healthy
from builder.documents import make_document
from builder.engine.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "data" / "gold" / "seeds.jsonl"


def run(text: str) -> list[dict]:
    """Extract from one text and check the offset contract on every span."""
    doc = make_document(text, "test")
    out = extract(doc)
    for a in out:
        for span in [*a["content"], a["speaker"], a["cue"]]:
            if span is not None:
                assert doc.text[span["start"]:span["end"]] == span["text"]
                assert span["start"] < span["end"]
        assert 0.0 <= a["confidence"] <= 1.0
    return out


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


# A real Label Studio server for the integration tests: started once per test session on
# 127.0.0.1 with SQLite in its own data folder, a free port and a preset API token.  Pushes at
# once (test_push_at_scale) may leave it no longer keeping the tasks' annotation counters (two
# project deletes at once switch Label Studio's signals off for good): a later test reads the
# annotations themselves, never ``total_annotations``.
STARTUP: dict[str, float] = {}


@pytest.fixture(scope="session")
def studio_server(tmp_path_factory):
    """``(settings, username, password)`` of the session's server."""
    data_dir = tmp_path_factory.mktemp("label-studio")
    port = free_port(0)
    token = secrets.token_hex(20)
    username, password = "tests@iqtibas.local", secrets.token_urlsafe(12)
    log_file = data_dir / "server.log"
    began = time.monotonic()
    process = start(data_dir / "data", port, username, password, token, log_file)
    try:
        url = f"http://127.0.0.1:{port}"
        STARTUP["seconds"] = wait_healthy(url, process, log_file=log_file)
        print(f"\nLabel Studio healthy after {time.monotonic() - began:.1f}s")
        yield Settings(url, token, "tests"), username, password
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture
def studio_settings(studio_server) -> Settings:
    return studio_server[0]


@pytest.fixture
def studio(studio_settings) -> Studio:
    return Studio(studio_settings, delays=(0.2, 0.5))
