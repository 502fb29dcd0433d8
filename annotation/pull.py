"""``iqtibas pull``: what annotators verified, back in the output contract.

The raw Label Studio export is written to a timestamped file before anything is
converted.  Each attribution gets a ``status``:

* ``accepted`` — as predicted (content, speaker and cue spans, type and name unchanged);
* ``corrected`` — a predicted one whose spans, speaker or type the annotator changed;
* ``added`` — one no prediction overlapped;
* ``rejected`` — a predicted one the annotator removed;

with the annotator's id and the time.  A document is exported when every chunk of it has
an annotation; skipped and unannotated tasks are counted, not exported.  Of several
annotations of a task, the one marked ground truth wins, else the latest; where tasks have
more than one, agreement between annotators is reported as span F1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.connection import Studio, StudioError
from annotation.push import find_project
from annotation.tasks import Chunk, read_result
from builder.contract import pair_by_content

log = logging.getLogger(__name__)


@dataclass
class PullSummary:
    raw_path: Path
    documents: int = 0
    tasks: int = 0
    annotated: int = 0
    skipped: int = 0
    unannotated: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    agreement: float | None = None
    agreement_tasks: int = 0
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"raw export kept at {self.raw_path}",
               f"{self.tasks} tasks: {self.annotated} annotated, {self.skipped} skipped, "
               f"{self.unannotated} not yet annotated; {self.documents} documents exported",
               "attributions: " + (", ".join(f"{k} {v}" for k, v in sorted(self.statuses.items())) or "none")]
        if self.agreement is not None:
            out.append(f"agreement between annotators (span F1) on {self.agreement_tasks} tasks: {self.agreement:.3f}")
        return out


def _same(a: dict, b: dict) -> bool:
    def spans(x: dict) -> tuple:
        return (tuple((s["start"], s["end"]) for s in x["content"]),
                (x["speaker"]["start"], x["speaker"]["end"]) if x["speaker"] else None,
                (x["cue"]["start"], x["cue"]["end"]) if x["cue"] else None)
    return spans(a) == spans(b) and a["type"] == b["type"] and (a["speaker_name"] or "") == (b["speaker_name"] or "")


def compare(annotated: list[dict], predicted: list[dict]) -> list[dict]:
    """Annotated attributions with their status, plus the rejected predictions."""
    match = {i: j for i, j, _ in pair_by_content(annotated, predicted)}
    used = set(match.values())
    out = []
    for i, a in enumerate(annotated):
        p = predicted[match[i]] if i in match else None
        status = "added" if p is None else ("accepted" if _same(a, p) else "corrected")
        out.append({**a, "status": status, "provenance": (p or {}).get("provenance")})
    out += [{**p, "status": "rejected"} for j, p in enumerate(predicted) if j not in used]
    return out


def _span_f1(a: list[dict], b: list[dict]) -> float:
    sa = {(s["start"], s["end"]) for x in a for s in x["content"]}
    sb = {(s["start"], s["end"]) for x in b for s in x["content"]}
    if not sa and not sb:
        return 1.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _chunk(task: dict) -> Chunk:
    data = task["data"]
    return Chunk(data.get("doc_id", str(task["id"])), int(data.get("chunk", 0)), int(data.get("chunk_offset", 0)),
                 data["text"])


def _chosen(annotations: list[dict]) -> dict:
    truth = [a for a in annotations if a.get("ground_truth")]
    return max(truth or annotations, key=lambda a: (a.get("updated_at") or a.get("created_at") or "", a["id"]))


def _record_id(doc_id: str, a: dict) -> str:
    key = f"{doc_id}|{[(s['start'], s['end']) for s in a['content']]}|{a['status']}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def pull(studio: Studio, title: str, out_path: Path, raw_dir: Path) -> PullSummary:
    project = find_project(studio, title)
    if project is None:
        raise StudioError(f"no Label Studio project called {title!r} at {studio.settings.url}")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    slug = re.sub(r"[^\w.-]+", "-", title).strip("-") or "project"
    raw_dir.mkdir(parents=True, exist_ok=True)
    raw_path = raw_dir / f"{slug}-{stamp}.json"
    raw = b"".join(studio.call("export the project", studio.client.projects.exports.download_sync,
                               project.id, export_type="JSON", download_all_tasks=True))
    raw_path.write_bytes(raw)
    predictions = studio.call("list predictions", studio.client.predictions.list, project=project.id)
    pred_path = raw_dir / f"{slug}-{stamp}.predictions.json"
    pred_path.write_text(json.dumps([p.dict() if hasattr(p, "dict") else p for p in predictions],
                                    ensure_ascii=False, default=str), encoding="utf-8")
    summary = PullSummary(raw_path)
    by_task: dict[int, list] = defaultdict(list)
    for p in predictions:
        by_task[p.task].append(p)
    docs: dict[str, dict[str, Any]] = {}
    complete: dict[str, set[int]] = defaultdict(set)
    expected: dict[str, int] = {}
    agreements: list[float] = []
    for task in json.loads(raw):
        summary.tasks += 1
        chunk = _chunk(task)
        data = task["data"]
        expected[chunk.doc_id] = int(data.get("chunks", 1))
        done = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if not done:
            if any(a.get("was_cancelled") for a in task.get("annotations", [])):
                summary.skipped += 1
            else:
                summary.unannotated += 1
            continue
        summary.annotated += 1
        reads = [read_result(a.get("result") or [], chunk) for a in done]
        for r in reads:
            summary.problems += r.problems
        pairwise = [_span_f1(reads[i].attributions, reads[j].attributions)
                    for i in range(len(done)) for j in range(i + 1, len(done))]
        if pairwise:
            summary.agreement_tasks += 1
            agreements += pairwise
        chosen = _chosen(done)
        annotated = reads[done.index(chosen)].attributions
        prediction = _prediction_for(chosen, by_task.get(task["id"], []))
        predicted = read_result(prediction.result, chunk).attributions if prediction is not None else []
        doc = docs.setdefault(chunk.doc_id, {
            "doc_id": chunk.doc_id, "source": data.get("source", ""), "text_parts": {},
            "meta": {**(data.get("meta") or {}), "label_studio_project": title}, "attributions": []})
        doc["text_parts"][chunk.index] = (chunk.offset, chunk.text)
        if pairwise:
            doc.setdefault("agreement", []).extend(pairwise)
        when = chosen.get("updated_at") or chosen.get("created_at")
        for a in compare(annotated, predicted):
            prov = a.pop("provenance", None) or {}
            a.update({"annotator": chosen.get("completed_by"), "annotated_at": when,
                      "task": task["id"], "rule": prov.get("rule"), "confidence": prov.get("confidence")})
            doc["attributions"].append(a)
        complete[chunk.doc_id].add(chunk.index)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        for doc_id, doc in docs.items():
            if len(complete[doc_id]) < expected[doc_id]:
                continue
            parts = doc.pop("text_parts")
            if doc.get("agreement"):
                doc["meta"]["agreement_span_f1"] = round(sum(doc["agreement"]) / len(doc["agreement"]), 4)
            doc["text"] = "".join(parts[k][1] for k in sorted(parts))
            doc["attributions"].sort(key=lambda a: a["content"][0]["start"])
            for a in doc["attributions"]:
                a["id"] = _record_id(doc_id, a)
                summary.statuses[a["status"]] += 1
            fh.write(json.dumps({k: doc[k] for k in ("doc_id", "source", "text", "meta", "attributions")},
                                ensure_ascii=False) + "\n")
            summary.documents += 1
    partial.replace(out_path)
    if agreements:
        summary.agreement = sum(agreements) / len(agreements)
    for problem in summary.problems:
        log.warning("region kept only in the raw export: %s", problem)
    return summary


def _prediction_for(annotation: dict, predictions: list) -> Any | None:
    """The prediction the annotator started from, else the newest."""
    parent = annotation.get("parent_prediction") or (annotation.get("prediction") or {}).get("id")
    for p in predictions:
        if p.id == parent:
            return p
    return max(predictions, key=lambda p: (str(p.created_at or ""), p.id), default=None)
