"""The build's inputs read honestly: a verified file must be a review's output, and a
frozen test list says where it comes from.

A verified file is what ``iqtibas pull`` writes: every attribution carries the status the
review gave it (accepted, corrected, added, rejected).  A candidates file or hand
annotation carries none, and is refused as verified — unless the build is told
``--unreviewed``, and then every attribution in it is ``unreviewed``.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.contract import REJECTED, UNREVIEWED, VERIFIED, Record, RecordError, read_records

REVIEW_STATUSES = (*VERIFIED, REJECTED)
TEST_SET = "test-set.json"


def _record_lines(path: Path) -> list[int]:
    """The line number of each record of a JSON-lines file (blank lines hold none)."""
    with path.open(encoding="utf-8") as fh:
        return [number for number, line in enumerate(fh, 1) if line.strip()]


def read_verified(path: Path) -> list[Record]:
    """The records of a verified file; raises :class:`RecordError` naming the first
    attribution without a review status."""
    records = read_records(path, "verified")
    seen: set[str] = set()
    for k, record in enumerate(records):
        if record["doc_id"] in seen:
            raise RecordError(f"{path}:{_record_lines(path)[k]}: document {record['doc_id']} is given twice")
        seen.add(record["doc_id"])
        for a in record["attributions"]:
            if a.get("status") not in REVIEW_STATUSES:
                line = _record_lines(path)[k]
                found = f"status {a['status']!r}" if a.get("status") else "no review status"
                raise RecordError(
                    f"{path}:{line}: attribution {a.get('id', '?')} has {found}: this is not the output of "
                    f"'iqtibas pull' (candidates or hand annotation?); build it with --unreviewed to publish it as "
                    f"unreviewed, or pass it with --candidates")
    return records


def read_unreviewed(path: Path, what: str = "candidates") -> list[Record]:
    """The records of a file of the rules' output, every attribution marked ``unreviewed``
    (the records read are not changed)."""
    return [{**r, "attributions": [{**a, "status": UNREVIEWED} for a in r["attributions"]]}
            for r in read_records(path, what)]


def read_test_list(path: Path) -> tuple[str, list[str]]:
    """The release and documents of a frozen test list: a dataset folder (its
    ``test-set.json``), such a JSON file, or a text file of document ids, one a line (the
    file's name standing for the release)."""
    if path.is_dir():
        path = path / TEST_SET
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read the test list ({getattr(exc, 'strerror', None) or exc})") from None
    if path.suffix == ".json":
        try:
            data = json.loads(text)
            return str(data["release"]), [str(d) for d in data["documents"]]
        except (ValueError, KeyError, TypeError):
            raise RecordError(f"{path}: not a test list (a JSON object with 'release' and 'documents')") from None
    ids = [line.strip() for line in text.splitlines()]
    for number, doc_id in enumerate(ids, 1):
        if doc_id and (" " in doc_id or len(doc_id) > 64):
            raise RecordError(f"{path}:{number}: not a document id: {doc_id[:40]!r}")
    return path.name, [d for d in ids if d]
