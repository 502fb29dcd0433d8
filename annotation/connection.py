"""Connection to Label Studio: settings, a client, retries, and errors in one line.

Settings come from ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``, else from the local
config file that ``iqtibas studio`` writes (``.iqtibas/studio.json``, readable by its owner
only).  The API token is never logged or written anywhere else.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)


class StudioError(RuntimeError):
    """A Label Studio problem the user can act on; its message is one line."""


def home() -> Path:
    """Where local state lives: ``$IQTIBAS_HOME`` or ``.iqtibas`` in the working folder."""
    return Path(os.environ.get("IQTIBAS_HOME", ".iqtibas"))


def config_path() -> Path:
    return home() / "studio.json"


@dataclass(frozen=True)
class Settings:
    url: str
    api_key: str
    origin: str  # "environment" or the config file's path

    def __repr__(self) -> str:  # never show the token
        return f"Settings(url={self.url!r}, origin={self.origin!r})"


def read_config(path: Path | None = None) -> dict[str, Any] | None:
    path = path or config_path()
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_config(values: dict[str, Any], path: Path | None = None) -> Path:
    """Write the local config file, readable and writable by its owner only."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(values, fh, indent=2)
    os.chmod(path, 0o600)
    return path


def settings() -> Settings | None:
    url, key = os.environ.get("LABEL_STUDIO_URL"), os.environ.get("LABEL_STUDIO_API_KEY")
    if url and key:
        return Settings(url.rstrip("/"), key, "environment")
    config = read_config()
    if config and config.get("url") and config.get("token"):
        return Settings(config["url"].rstrip("/"), config["token"], str(config_path()))
    return None


def reachable(url: str, timeout: float = 3.0) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


class Studio:
    """A Label Studio client whose calls retry with backoff and fail with one clear line."""

    def __init__(self, config: Settings, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
        from label_studio_sdk import LabelStudio  # imported here: the SDK takes a second to import

        self.settings = config
        self.delays = delays
        self.client = LabelStudio(base_url=config.url, api_key=config.api_key, timeout=60)

    def call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)``, retried on connection errors and server errors."""
        from label_studio_sdk.core.api_error import ApiError

        for attempt, delay in enumerate((*self.delays, None)):
            try:
                return fn(*args, **kwargs)
            except (httpx.TransportError, ApiError) as exc:
                status = getattr(exc, "status_code", None)
                if status in (401, 403):
                    raise StudioError(
                        f"Label Studio at {self.settings.url} refused the API token ({status}) while trying to "
                        f"{what}; check LABEL_STUDIO_API_KEY or {config_path()}") from None
                retriable = status is None or status >= 500 or status == 429
                if not retriable:
                    raise StudioError(f"Label Studio could not {what}: HTTP {status}: {_detail(exc)}") from None
                if delay is None:
                    reason = type(exc).__name__ if status is None else f"HTTP {status}"
                    raise StudioError(
                        f"Label Studio at {self.settings.url} is not reachable ({reason}) after "
                        f"{attempt + 1} tries to {what}; start it with `iqtibas studio` or set LABEL_STUDIO_URL"
                    ) from None
                log.debug("retrying %s in %.1fs (%s)", what, delay, type(exc).__name__)
                time.sleep(delay)
        raise AssertionError("unreachable")


def _detail(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        return str(body.get("validation_errors") or body.get("detail") or body)[:300]
    return str(body or exc)[:300]
