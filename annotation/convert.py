"""A Label Studio export turned into verified documents: pure conversion, no server.

Input: the tasks of the JSON export key by key, with their predictions (plain dicts, as the
API gives them), and the e-mails of the project's users.  Output: one record per fully annotated document,
in the output contract, each attribution with a ``status``:

* ``accepted`` — as predicted (content, speaker and cue spans, type and name unchanged);
* ``corrected`` — a predicted one whose spans, speaker, cue, type or name the annotator changed;
* ``added`` — one no prediction overlapped;
* ``rejected`` — a predicted one the annotator removed;

with the annotator's e-mail and the time.  A document is exported when every chunk of it has
an annotation; skipped and unannotated tasks are counted, not exported.  Of several
annotations of a chunk, the one marked ground truth wins, else the latest.  Agreement is
measured only between different annotators (each one's latest annotation), as span F1.

Two tasks with one key (``doc_id:chunk``: a push that ran twice at once) are one chunk:
their annotations and predictions are merged, with a warning, so that no attribution is
written twice.  The other inputs a document was pushed from (``same_text`` in its task) are
kept in its ``meta``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.results import Reading, read_result
from annotation.tasks import SAME_TEXT, Chunk
from builder.contract import ACCEPTED, ADDED, CORRECTED, PROPOSED, REJECTED, pair_by_content


@dataclass
class PullSummary:
    tasks: int = 0
    annotated: int = 0
    skipped: int = 0
    unannotated: int = 0
    documents: int = 0
    merged_keys: int = 0
    statuses: Counter = field(default_factory=Counter)
    agreement: float | None = None
    agreement_tasks: int = 0
    agreement_documents: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw_path: Path | None = None

    def lines(self) -> list[str]:
        out = [f"raw export kept at {self.raw_path}"] if self.raw_path else []
        out += [f"{self.tasks} tasks: {self.annotated} annotated, {self.skipped} skipped, "
                f"{self.unannotated} not yet annotated; {self.documents} documents exported",
                "attributions: " + (", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none")]
        if self.merged_keys:
            out.append(f"{self.merged_keys} keys were held by more than one task and merged")
        if self.agreement is not None:
            out.append(f"agreement between annotators (span F1) on {self.agreement_tasks} tasks of "
                       f"{self.agreement_documents} documents: {self.agreement:.3f}")
        if self.problems:
            out.append(f"{len(self.problems)} regions or relations could not be read: they are only in the raw export")
        return out


def _spans(x: dict) -> tuple:
    return (tuple((s["start"], s["end"]) for s in x["content"]),
            (x["speaker"]["start"], x["speaker"]["end"]) if x["speaker"] else None,
            (x["cue"]["start"], x["cue"]["end"]) if x["cue"] else None)


def _same(a: dict, b: dict) -> bool:
    return _spans(a) == _spans(b) and a["type"] == b["type"] and (a["speaker_name"] or "") == (b["speaker_name"] or "")


def compare(annotated: list[dict], predicted: list[dict], held: Sequence[dict] = ()) -> list[dict]:
    """Annotated attributions with their status, plus the rejected predictions.  A prediction
    that pairs with one of ``held`` (attributions withheld for a problem) is left out: it was
    neither accepted nor rejected.  A corrected one keeps the candidate it was, as
    ``proposed`` (its type, spans and name), so that what the rules proposed can be learnt from."""
    pairs = pair_by_content([*annotated, *held], predicted)
    match = {i: j for i, j, _ in pairs}
    out = []
    for i, a in enumerate(annotated):
        p = predicted[match[i]] if i in match else None
        status = ADDED if p is None else (ACCEPTED if _same(a, p) else CORRECTED)
        out.append({**a, "status": status, "provenance": (p or {}).get("provenance")})
        if status == CORRECTED:
            out[-1]["proposed"] = {key: p.get(key) for key in PROPOSED}
    used = set(match.values())
    out += [{**p, "status": REJECTED} for j, p in enumerate(predicted) if j not in used]
    return out


def span_f1(a: list[dict], b: list[dict]) -> float:
    """F1 of the content spans of two annotations (1.0 when both are empty)."""
    sa = {(s["start"], s["end"]) for x in a for s in x["content"]}
    sb = {(s["start"], s["end"]) for x in b for s in x["content"]}
    if not sa and not sb:
        return 1.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _when(annotation: dict) -> str:
    return str(annotation.get("updated_at") or annotation.get("created_at") or "")


def _chosen(annotations: list[dict]) -> dict:
    truth = [a for a in annotations if a.get("ground_truth")]
    return max(truth or annotations, key=lambda a: (_when(a), a.get("id") or 0))


def _user(annotation: dict) -> Any:
    user = annotation.get("completed_by")
    return user.get("id") if isinstance(user, dict) else user


def _record_id(doc_id: str, a: dict) -> str:
    key = f"{doc_id}|{[(s['start'], s['end']) for s in a['content']]}|{a['status']}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _chunk(task: dict) -> Chunk:
    data = task["data"]
    return Chunk(str(data.get("doc_id", task["id"])), int(data.get("chunk", 0)), int(data.get("chunk_offset", 0)),
                 data["text"])


def _region_ids(result: Any) -> set[str]:
    return {item["id"] for item in result or [] if isinstance(item, dict) and item.get("id")}


class _Converter:
    def __init__(self, users: dict[Any, str], project: str) -> None:
        self.users, self.project = users, project
        self.summary = PullSummary()
        self.docs: dict[str, dict[str, Any]] = {}
        self.complete: dict[str, set[int]] = defaultdict(set)
        self.expected: dict[str, int] = {}
        self.agreements: list[float] = []

    def annotator(self, annotation: dict) -> str | None:
        user = annotation.get("completed_by")
        if isinstance(user, dict) and user.get("email"):
            return str(user["email"])
        user = _user(annotation)
        if user is None:
            return None
        if user not in self.users:
            self.summary.notes.append(f"annotation {annotation.get('id')}: user {user} has no known e-mail; "
                                      "its id is given instead")
            return str(user)
        return self.users[user]

    def prediction_for(self, annotation: dict, candidates: Sequence[dict]) -> dict | None:
        """The prediction the annotator started from, else the newest of ``candidates``."""
        own = annotation.get("prediction")
        if isinstance(own, dict) and own.get("result") is not None:
            return own
        parent = annotation.get("parent_prediction")
        return next((p for p in candidates if p.get("id") == parent),
                    max(candidates, key=lambda p: (str(p.get("created_at") or ""), p.get("id") or 0), default=None))

    def key_group(self, key: str, tasks: list[dict], predictions: Sequence[dict]) -> dict[str, Any] | None:
        """The tasks of one key (one chunk; several if pushes made copies) read as one, with
        their ``predictions``; the document, if this chunk was the last it waited for."""
        self.summary.tasks += len(tasks)
        readable = self.same_text(key, tasks)
        if readable is None:
            return None
        chunk, same = readable
        done = self.done(same)
        if not done:
            return None
        chosen = _chosen(done)
        where = "task " + "+".join(str(t["id"]) for t in same)
        reading, predicted = self.readings(where, chunk, chosen, predictions)
        doc = self.document(chunk, same[0])
        doc["agreement"] += self.agreement(chunk, done)
        kept = [a for a, ids in zip(predicted.attributions, predicted.regions, strict=True)
                if not ids & reading.unreadable]
        doc["attributions"] += self.statuses(reading, kept, chosen, same[0])
        self.complete[chunk.doc_id].add(chunk.index)
        return self.finished(chunk.doc_id) if len(self.complete[chunk.doc_id]) >= self.expected[chunk.doc_id] else None

    def same_text(self, key: str, tasks: list[dict]) -> tuple[Chunk, list[dict]] | None:
        """The chunk of the key's first task and the tasks with its text; a task with another
        text, or a first task with none, is a problem and is not read."""
        first = tasks[0]
        if not isinstance((first.get("data") or {}).get("text"), str):
            self.summary.problems.append(f"task {first.get('id')}: no text in its data: not read")
            return None
        chunk = _chunk(first)
        same = [t for t in tasks if t["data"].get("text") == chunk.text]
        for t in tasks:
            if t not in same:
                self.summary.problems.append(f"task {t['id']}: key {key} of task {first['id']} with another text: "
                                             "not read")
        if len(same) > 1:
            self.summary.merged_keys += 1
            self.summary.notes.append(f"key {key} is held by tasks {', '.join(str(t['id']) for t in same)}: "
                                      "their annotations are read as one task's")
        self.expected[chunk.doc_id] = int(first["data"].get("chunks", 1))
        return chunk, same

    def done(self, same: list[dict]) -> list[dict]:
        """The annotations that are not skips; the chunk counted as annotated, skipped or not
        yet annotated."""
        annotations = [a for t in same for a in t.get("annotations") or []]
        done = [a for a in annotations if not a.get("was_cancelled")]
        if done:
            self.summary.annotated += 1
        elif annotations:
            self.summary.skipped += 1
        else:
            self.summary.unannotated += 1
        return done

    def readings(self, where: str, chunk: Chunk, chosen: dict, predictions: Sequence[dict]) -> tuple[Reading, Reading]:
        """The chosen annotation and the prediction it started from, read."""
        prediction = self.prediction_for(chosen, predictions)
        predicted_ids = _region_ids(prediction.get("result")) if prediction else set()
        reading = read_result(chosen.get("result") or [], chunk, f"{where}, annotation {chosen.get('id')}",
                              predicted_ids)
        self.summary.problems += reading.problems
        self.summary.notes += reading.notes
        predicted = read_result(prediction.get("result") or [], chunk, f"{where}, prediction {prediction.get('id')}",
                                predicted_ids) if prediction else Reading()
        self.summary.problems += predicted.problems
        return reading, predicted

    def document(self, chunk: Chunk, first: dict) -> dict[str, Any]:
        """The document ``chunk`` belongs to, with the chunk's text; the inputs with the same
        text (``same_text``) kept in its metadata."""
        data = first["data"]
        meta = {**(data.get("meta") or {}), "label_studio_project": self.project}
        if data.get(SAME_TEXT):
            meta[SAME_TEXT] = data[SAME_TEXT]
        doc = self.docs.setdefault(chunk.doc_id, {
            "doc_id": chunk.doc_id, "source": data.get("source", ""), "text_parts": {}, "meta": meta,
            "attributions": [], "agreement": []})
        doc["text_parts"][chunk.index] = chunk.text
        return doc

    def statuses(self, reading: Reading, kept: list[dict], chosen: dict, first: dict) -> list[dict]:
        """The annotated attributions and the rejected predictions, each with its status, the
        annotator, the time and the rule that proposed it."""
        when = chosen.get("updated_at") or chosen.get("created_at")
        who = self.annotator(chosen)
        out = []
        for a in compare(reading.attributions, kept, reading.withheld):
            prov = a.pop("provenance", None) or {}
            a.update({"annotator": who, "annotated_at": when, "task": chosen.get("task", first["id"]),
                      "rule": prov.get("rule"), "confidence": prov.get("confidence")})
            out.append(a)
        return out

    def agreement(self, chunk: Chunk, done: list[dict]) -> list[float]:
        """Span F1 between the latest annotations of different annotators of one chunk."""
        latest: dict[Any, dict] = {}
        for a in sorted(done, key=lambda a: (_when(a), a.get("id") or 0)):
            latest[_user(a)] = a
        if len(latest) < 2:
            return []
        reads = [read_result(a.get("result") or [], chunk).attributions for a in latest.values()]
        pairwise = [span_f1(reads[i], reads[j]) for i in range(len(reads)) for j in range(i + 1, len(reads))]
        self.summary.agreement_tasks += 1
        self.agreements += pairwise
        return pairwise

    def finished(self, doc_id: str) -> dict[str, Any]:
        """The document ``doc_id``, every chunk of it read, in the output contract."""
        doc = self.docs.pop(doc_id)
        parts = doc.pop("text_parts")
        scores = doc.pop("agreement")
        if scores:
            doc["meta"]["agreement_span_f1"] = round(sum(scores) / len(scores), 4)
            self.summary.agreement_documents += 1
        doc["text"] = "".join(parts[k] for k in sorted(parts))
        doc["attributions"].sort(key=lambda a: a["content"][0]["start"])
        for a in doc["attributions"]:
            a["id"] = _record_id(doc_id, a)
            self.summary.statuses[a["status"]] += 1
        self.summary.documents += 1
        return {k: doc[k] for k in ("doc_id", "source", "text", "meta", "attributions")}

    def close(self) -> None:
        """After the last key: the agreement over every chunk two annotators read."""
        if self.agreements:
            self.summary.agreement = sum(self.agreements) / len(self.agreements)


def task_key(task: dict) -> str:
    """The key of an exported task (``doc_id:chunk``)."""
    data = task.get("data") or {}
    return str(data.get("key") or f"{data.get('doc_id', task.get('id'))}:{data.get('chunk', 0)}")


def convert_groups(groups: Iterable[tuple[str, list[dict], Sequence[dict]]], users: dict[Any, str] | None = None,
                   project: str = "", unannotated: int = 0) -> tuple[Iterator[dict[str, Any]], PullSummary]:
    """Verified documents from the exported tasks, given key by key — the key, its tasks and
    their predictions — each as soon as every chunk of it has been read, with a summary of
    what was read (complete once the documents have all been taken); ``unannotated`` counts
    the project's tasks left out of the export (nobody worked on them)."""
    converter = _Converter(users or {}, project)
    converter.summary.tasks += unannotated
    converter.summary.unannotated += unannotated

    def documents() -> Iterator[dict[str, Any]]:
        for key, tasks, predictions in groups:
            doc = converter.key_group(key, tasks, predictions)
            if doc is not None:
                yield doc
        converter.close()

    return documents(), converter.summary


def convert(tasks: Sequence[dict], predictions: Sequence[dict] = (), users: dict[Any, str] | None = None,
            project: str = "", unannotated: int = 0) -> tuple[list[dict[str, Any]], PullSummary]:
    """:func:`convert_groups` of exported ``tasks`` and their ``predictions``, all in hand."""
    by_task: dict[Any, list[dict]] = defaultdict(list)
    for p in predictions:
        by_task[p.get("task")].append(p)
    by_key: dict[str, list[dict]] = {}
    for task in tasks:
        by_key.setdefault(task_key(task), []).append(task)
    groups = ((key, group, [p for t in group for p in by_task.get(t["id"], [])]) for key, group in by_key.items())
    documents, summary = convert_groups(groups, users, project, unannotated)
    return list(documents), summary
