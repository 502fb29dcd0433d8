"""The card as a file: the user's own sections kept from one build to the next, and a card
edited elsewhere never replaced without a word.

A card ends with a region for the user's own sections, between :data:`USER_START` and
:data:`USER_END`, and a last line holding the SHA-256 of the rest of it as generated
(:data:`SIGNATURE`).  A rebuild into the same folder puts the old region into the new card.
An old card whose text outside the region is not what iqtibas wrote — hand-edited, or
without a signature — is refused unless the build says ``--overwrite``; then its own
sections are still kept and the rest is replaced.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from builder.output import OutputError, check_output

log = logging.getLogger(__name__)

CARD = "README.md"
USER_START = "<!-- iqtibas: your own sections go below this line; a rebuild keeps them -->"
USER_END = "<!-- iqtibas: end of your own sections -->"
SIGNATURE = "<!-- iqtibas card sha256:{} -->"
_SIGNATURE = re.compile(r"\n<!-- iqtibas card sha256:([0-9a-f]{64}) -->\n?\Z")
_USER = re.compile(re.escape(USER_START) + r"\n(.*?)" + re.escape(USER_END), re.DOTALL)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signed(generated: str, user: str = "") -> str:
    """The card file: the ``generated`` card, the user's region holding ``user``, the signature."""
    blank = f"{generated.rstrip()}\n\n{USER_START}\n{USER_END}\n"
    body = blank.replace(f"{USER_START}\n{USER_END}", f"{USER_START}\n{user}{USER_END}")
    return body + SIGNATURE.format(_digest(blank)) + "\n"


def user_sections(text: str) -> str:
    """What the user wrote between the markers ('' when there are none)."""
    found = _USER.search(text)
    return found.group(1) if found else ""


def with_user_sections(text: str, user: str) -> str:
    """A signed card with its user region replaced by ``user`` (the signature still holds:
    it does not cover the region)."""
    if not _USER.search(text):
        raise ValueError("the card has no region for the user's own sections")
    user = user if not user or user.endswith("\n") else user + "\n"
    return _USER.sub(lambda _: f"{USER_START}\n{user}{USER_END}", text, count=1)


def edited(text: str) -> bool:
    """Whether a card's text outside the user's region differs from what iqtibas wrote."""
    signature = _SIGNATURE.search(text)
    if not signature:
        return True
    blank = _USER.sub(f"{USER_START}\n{USER_END}", text[:signature.start()] + "\n", count=1)
    return _digest(blank) != signature.group(1)


def kept_sections(out: Path, overwrite: bool) -> str:
    """The user's own sections of the card in the output folder ``out`` (if any), to carry
    into the new card; raises :class:`OutputError` if that card was edited outside them and
    the build may not replace it."""
    path = out / CARD
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"{path}: cannot read the dataset card ({exc})") from None
    if edited(text):
        if not overwrite:
            raise OutputError(f"{path} was edited outside its own sections (between the '{USER_START}' and "
                              f"'{USER_END}' lines): move your text there, or pass --overwrite to replace the rest "
                              f"of the card")
        log.warning("%s: edits outside the card's own sections are replaced (--overwrite)", path)
    return user_sections(text)


def check_target(out: Path, overwrite: bool = False, inputs: Iterable[Path | None] = ()) -> str:
    """Raise :class:`~builder.output.OutputError` unless the dataset folder ``out`` may be
    replaced (:func:`builder.output.check_output`) and its card was not edited outside the
    user's own sections (or ``overwrite``); return those sections."""
    check_output(out, overwrite, inputs)
    return kept_sections(out.resolve(), overwrite)
