"""Where a document and an annotation come from, as the dataset publishes it.

* A document's ``url``, ``outlet``, ``date`` and the licence or rights statement of its
  text are carried from the input record's metadata (the fields the corpus reader kept
  beside the text), under the first of :data:`META_KEYS` the record has.
* Annotators are published as stable pseudonyms (``annotator-`` and 10 hex digits of a
  SHA-256 of the e-mail address as Label Studio gives it) unless the build is told to
  publish the addresses.  The same address gives the same pseudonym in every release; it
  hides the address from a reader, but whoever knows an address can check it.
* A source loses the local folders it was read from.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from typing import Any

PSEUDONYM, EMAIL = ANNOTATOR_IDS = ("pseudonym", "email")

#: The dataset's column and the metadata keys read for it, the first one present wins.
META_KEYS = {
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher", "site"),
    "date": ("date", "published", "published_at"),
    "text_license": ("license", "licence", "rights"),
}


def annotator_label(annotator: Any, mode: str = PSEUDONYM) -> str | None:
    """How ``annotator`` (an e-mail address, or an id) is published."""
    if annotator is None or annotator == "":
        return None
    value = str(annotator)
    if mode == EMAIL:
        return value
    return "annotator-" + hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:10]


def document_metadata(meta: dict[str, Any] | None) -> dict[str, str | None]:
    """The url, outlet, date and text licence of a record's metadata (None where absent)."""
    meta = meta or {}
    out: dict[str, str | None] = {}
    for column, keys in META_KEYS.items():
        value = next((meta[k] for k in keys if meta.get(k) not in (None, "")), None)
        out[column] = None if value is None else " ".join(str(value).split())
    return out


def clean_source(source: str) -> str:
    """A source without the local folders it was read from (``/home/x/news/a.txt:3`` → ``a.txt:3``)."""
    path, sep, line = source.rpartition(":") if re.search(r":\d+$", source) else (source, "", "")
    return PurePath(path).name + (sep + line if sep else "")
