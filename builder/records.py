"""Reading files of document records (candidates, gold, verified): one JSON object a line."""

from __future__ import annotations

import json
from pathlib import Path

REQUIRED = ("doc_id", "text", "attributions")


class RecordError(ValueError):
    """A records file that cannot be used; the message names the file and line."""


def load_records(path: str | Path, what: str = "document") -> list[dict]:
    """Every record of ``path``, each checked for the contract's keys and for spans that
    reproduce their text."""
    path = Path(path)
    if not path.is_file():
        raise RecordError(f"{path}: no such file")
    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}:{number}: malformed JSON: {exc.msg}") from None
            missing = [key for key in REQUIRED if not isinstance(record, dict) or key not in record]
            if missing:
                raise RecordError(f"{path}:{number}: not a {what} record (missing {', '.join(sorted(missing))})")
            for a in record["attributions"]:
                for span in [*a.get("content", []), a.get("speaker"), a.get("cue")]:
                    if span and record["text"][span["start"]:span["end"]] != span["text"]:
                        raise RecordError(f"{path}:{number}: span {span['start']}-{span['end']} does not "
                                          f"reproduce its text {span['text'][:30]!r}")
            records.append(record)
    if not records:
        raise RecordError(f"{path}: no {what} records" + (" (has any document been annotated?)"
                                                          if what == "verified" else ""))
    return records
