"""Connection to Label Studio: settings, a client, retries, and errors in one line.

Settings come from ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``, else from the local
config file that ``iqtibas studio`` writes (``.iqtibas/studio.json``, readable by its owner
only).  The API token is never logged or written anywhere else.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)
DETAIL_CHARS = 200
_HTML = re.compile(r"<(!doctype|html|head|body|title)\b", re.IGNORECASE)


class StudioError(RuntimeError):
    """A Label Studio problem the user can act on; its message is one line, ``status`` the
    HTTP status the server answered, if it answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


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
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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


class Interrupted(StudioError):
    """A call that failed on the way — no connection, a timeout, a server error — so that the
    server may or may not have done it: look before sending it again."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Studio:
    """A Label Studio client whose calls retry with backoff and fail with one clear line."""

    def __init__(self, config: Settings, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
        from label_studio_sdk import LabelStudio  # imported here: the SDK takes a second to import

        self.settings = config
        self.delays = delays
        self.client = LabelStudio(base_url=config.url, api_key=config.api_key, timeout=60)

    def once(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` once; a failure on the way raises :class:`Interrupted`,
        a refusal (bad token, bad request, wrong address) a :class:`StudioError`."""
        from label_studio_sdk.core.api_error import ApiError

        try:
            return fn(*args, **kwargs)
        except (httpx.TransportError, ApiError) as exc:
            raise self._error(what, exc) from None
        except ValueError:  # JSON or a response model that does not parse: not Label Studio's API
            raise StudioError(f"{self.settings.url} answered something that is not the Label Studio API while "
                              f"trying to {what}: is LABEL_STUDIO_URL the address of Label Studio?") from None

    def call(self, what: str, fn: Callable[..., T], *args: Any, arrived: Callable[[], bool] | None = None,
             **kwargs: Any) -> T | None:
        """``fn(*args, **kwargs)``, retried on connection errors and server errors.

        Without ``arrived`` only for calls that may safely be sent twice (reads, updates to a
        value).  With it, for what must not arrive twice (new tasks, a prediction, a project):
        after a failure on the way the server may have taken it all the same (a timeout while
        it was working), so ``arrived()`` asks it — through retried reads — and ``fn`` is sent
        again only if it has not arrived; the result is then None.  ``fn`` may send only what
        is still missing.
        """
        for attempt, delay in enumerate((*self.delays, None)):
            try:
                return self.once(what, fn, *args, **kwargs)
            except Interrupted as exc:
                if delay is None:
                    raise self.gave_up(what, exc, attempt + 1) from None
                log.log(logging.INFO if arrived else logging.DEBUG, "could not %s (%s): %s in %.1fs", what,
                        exc.reason, "asking Label Studio what it took" if arrived else "retrying", delay)
                time.sleep(delay)
            if arrived is not None and arrived():
                return None
        raise AssertionError("unreachable")

    def gave_up(self, what: str, exc: Interrupted, tries: int) -> StudioError:
        return StudioError(f"Label Studio at {self.settings.url} is not reachable ({exc.reason}) after {tries} tries "
                           f"to {what}; start it with `iqtibas studio` or set LABEL_STUDIO_URL")

    def _error(self, what: str, exc: Exception) -> StudioError:
        status = getattr(exc, "status_code", None)
        if status in (401, 403):
            return StudioError(f"Label Studio at {self.settings.url} refused the API token ({status}) while trying to "
                               f"{what}; check LABEL_STUDIO_API_KEY or {config_path()}", status)
        if status is None or status >= 500 or status == 429:
            reason = type(exc).__name__ if status is None else f"HTTP {status}"
            return Interrupted(f"Label Studio could not {what}: {reason}", reason)
        return StudioError(f"Label Studio could not {what}: HTTP {status}, {self._detail(exc)}", status)

    def _detail(self, exc: Exception) -> str:
        """What the server said, in one short line; never a page of HTML."""
        body = getattr(exc, "body", None)
        if isinstance(body, dict):
            text = str(body.get("validation_errors") or body.get("detail") or body)
        else:
            text = str(body if body is not None else exc)
        if _HTML.search(text):
            return (f"an HTML page instead of an API answer: is {self.settings.url} the address of Label Studio "
                    f"(LABEL_STUDIO_URL)?")
        text = " ".join(text.split())
        return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"
