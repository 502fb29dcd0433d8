"""Connection to Label Studio: settings, a client, retries, and errors in one line.

Settings come from ``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``, else from the local
server's record (:mod:`annotation.server`), used only once that server has proved it is ours.
The API token is never logged or written anywhere else.

Every retry is ours: the SDK's own retries are turned off (it would send a creating call
again by itself after a server error).  A call waits at most :data:`CALL_TIMEOUT` seconds for
an answer; a server that then does not even answer its health check within
:data:`HEALTH_TIMEOUT` is reported in one line, so that a server that accepts connections and
never answers costs under 30 seconds, not an afternoon.
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
CALL_TIMEOUT = 25.0
HEALTH_TIMEOUT = 5.0
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


@dataclass(frozen=True)
class Settings:
    url: str
    api_key: str
    origin: str  # "environment", the local server's record, or who made them (tests)
    lock: Path | None = None  # a lock file every push to this server holds (the local server's)

    def __repr__(self) -> str:  # never show the token
        return f"Settings(url={self.url!r}, origin={self.origin!r})"


def environment_settings() -> Settings | None:
    """The server ``LABEL_STUDIO_URL`` and ``LABEL_STUDIO_API_KEY`` name, if both are set."""
    url, key = os.environ.get("LABEL_STUDIO_URL"), os.environ.get("LABEL_STUDIO_API_KEY")
    if url and key:
        return Settings(url.rstrip("/"), key, "environment")
    return None


def reachable(url: str, timeout: float = HEALTH_TIMEOUT) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


class Interrupted(StudioError):
    """A call that failed on the way — no connection, a timeout, a server error — so that the
    server may or may not have done it: look before sending it again."""

    def __init__(self, message: str, reason: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.reason = reason
        self.timed_out = timed_out


class Studio:
    """A Label Studio client whose calls retry with backoff and fail with one clear line."""

    def __init__(self, config: Settings, delays: tuple[float, ...] = RETRY_DELAYS,
                 timeout: float = CALL_TIMEOUT) -> None:
        from label_studio_sdk import LabelStudio  # imported here: the SDK takes a second to import

        self.settings = config
        self.delays = delays
        self.timeout = timeout
        self.client = LabelStudio(base_url=config.url, api_key=config.api_key, timeout=timeout, max_retries=0)
        # The SDK's HTTP client (its authentication, no retries) for the bulk calls, whose JSON
        # we encode and decode ourselves: the SDK's encoder and response models cost more than
        # the server's work on ten thousand tasks.
        self._http = self.client._client_wrapper.httpx_client

    def send(self, method: str, path: str, params: dict[str, Any] | None = None, body: Any = None) -> Any:
        """One API call (``path`` under the server's address) with a JSON ``body``; the
        decoded JSON answer.  Wrap it in :meth:`call`."""
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        response = self._request(method, path, params, content)
        return response.json() if response.content else None

    def get_bytes(self, path: str, params: dict[str, Any] | None = None) -> bytes:
        """The body of a GET of ``path``, as it came.  Wrap it in :meth:`call`."""
        return self._request("GET", path, params, None).content

    def _request(self, method: str, path: str, params: dict[str, Any] | None, content: bytes | None) -> Any:
        from label_studio_sdk.core.api_error import ApiError

        response = self._http.request(path, method=method, params=params, content=content,
                                      headers={"Content-Type": "application/json"} if content else None,
                                      request_options={"max_retries": 0})
        if response.status_code >= 400:
            try:
                detail: Any = response.json()
            except ValueError:
                detail = response.text
            raise ApiError(status_code=response.status_code, headers=dict(response.headers), body=detail)
        return response

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
        """``fn(*args, **kwargs)``, retried on connection errors and server errors (a locked
        SQLite database is one: HTTP 500).

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
                if exc.timed_out and not reachable(self.settings.url):
                    raise self.stuck(what) from None
                if delay is None:
                    raise self.gave_up(what, exc, attempt + 1) from None
                log.log(logging.INFO if arrived else logging.DEBUG, "could not %s (%s): %s in %.1fs", what,
                        exc.reason, "asking Label Studio what it took" if arrived else "retrying", delay)
                time.sleep(delay)
            if arrived is not None and arrived():
                return None
        raise AssertionError("unreachable")

    def stuck(self, what: str) -> StudioError:
        restart = ("stop it with `iqtibas studio --stop` and start it again" if self.settings.lock else
                   "is the server at LABEL_STUDIO_URL stuck?")
        return StudioError(f"Label Studio at {self.settings.url} did not answer within {self.timeout:.0f}s while "
                           f"trying to {what}, nor its health check within {HEALTH_TIMEOUT:.0f}s: {restart}")

    def gave_up(self, what: str, exc: Interrupted, tries: int) -> StudioError:
        return StudioError(f"Label Studio at {self.settings.url} is not reachable ({exc.reason}) after {tries} tries "
                           f"to {what}; start it with `iqtibas studio` or set LABEL_STUDIO_URL")

    def _error(self, what: str, exc: Exception) -> StudioError:
        status = getattr(exc, "status_code", None)
        if status in (401, 403):
            return StudioError(f"Label Studio at {self.settings.url} refused the API token ({status}) while trying to "
                               f"{what}; check LABEL_STUDIO_API_KEY, or restart the local server with "
                               "`iqtibas studio`", status)
        if status is None or status >= 500 or status == 429:
            reason = type(exc).__name__ if status is None else f"HTTP {status}"
            return Interrupted(f"Label Studio could not {what}: {reason}", reason,
                               timed_out=isinstance(exc, httpx.TimeoutException))
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
