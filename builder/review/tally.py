"""What the review made of the candidates, counted: per rule (with the precision's
interval), per type, per document, per speaker, and the agreement between annotators.

A rule's *precision* is the dataset card's: the share of its judged candidates (accepted,
corrected, rejected) accepted as they were; *found* is the share not rejected (the
attribution was there, perhaps with other spans or another name).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.contract import ACCEPTED, ADDED, CORRECTED, REJECTED, TYPES, VERIFIED, Record
from builder.dataset.speakers import SpeakerIndex

#: The statuses in the order every table and chart shows them.
ORDER = (ACCEPTED, CORRECTED, ADDED, REJECTED)
_Z95 = 1.959964
HEADLINE = 70


def wilson(successes: int, trials: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); (0, 1) for no trials."""
    if not trials:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class RuleTally:
    rule: str
    statuses: Counter = field(default_factory=Counter)
    unreviewed: int = 0

    @property
    def judged(self) -> int:
        return self.statuses[ACCEPTED] + self.statuses[CORRECTED] + self.statuses[REJECTED]

    @property
    def precision(self) -> float | None:
        return self.statuses[ACCEPTED] / self.judged if self.judged else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.statuses[ACCEPTED], self.judged)

    @property
    def found(self) -> float | None:
        return 1 - self.statuses[REJECTED] / self.judged if self.judged else None


def by_rule(verified: Iterable[Record], candidates: Iterable[Record] = ()) -> list[RuleTally]:
    """Every rule's statuses (and, from ``candidates``, its candidates in documents nobody
    reviewed), most judged first."""
    verified = list(verified)
    tallies: dict[str, RuleTally] = {}
    for doc in verified:
        for a in doc["attributions"]:
            if a.get("rule"):
                tallies.setdefault(a["rule"], RuleTally(a["rule"])).statuses[a.get("status", ACCEPTED)] += 1
    reviewed = {doc["doc_id"] for doc in verified}
    for doc in candidates:
        if doc["doc_id"] not in reviewed:
            for a in doc["attributions"]:
                if a.get("rule"):
                    tallies.setdefault(a["rule"], RuleTally(a["rule"])).unreviewed += 1
    return sorted(tallies.values(), key=lambda t: (-t.judged, -t.unreviewed, t.rule))


def by_type(verified: Iterable[Record]) -> dict[str, Counter]:
    """The statuses of each type (a rejected candidate counted under the type it proposed)."""
    out: dict[str, Counter] = {t: Counter() for t in TYPES}
    for doc in verified:
        for a in doc["attributions"]:
            out.setdefault(a.get("type") or "unknown", Counter())[a.get("status", ACCEPTED)] += 1
    return out


@dataclass(frozen=True, slots=True)
class DocumentTally:
    doc_id: str
    source: str
    headline: str
    """The document's first line, cut at :data:`HEADLINE` characters."""
    statuses: Counter

    @property
    def changes(self) -> int:
        """What the annotator had to do: corrected, added and rejected attributions."""
        return self.statuses[CORRECTED] + self.statuses[ADDED] + self.statuses[REJECTED]


def _headline(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= HEADLINE else line[:HEADLINE].rstrip() + "…"


def most_corrected(verified: Iterable[Record], top: int = 10) -> list[DocumentTally]:
    """The documents that needed most changes, most first (documents needing none left out)."""
    docs = [DocumentTally(d["doc_id"], d.get("source", ""), _headline(d["text"]),
                          Counter(a.get("status", ACCEPTED) for a in d["attributions"])) for d in verified]
    return sorted((d for d in docs if d.changes), key=lambda d: (-d.changes, d.source, d.doc_id))[:top]


def speakers(verified: Iterable[Record], top: int = 10) -> list[tuple[str, int]]:
    """The most quoted speakers of the verified attributions, variants of a name merged into
    one speaker as the dataset merges them (:class:`~builder.dataset.speakers.SpeakerIndex`)."""
    index = SpeakerIndex(a["speaker_name"] for d in verified for a in d["attributions"]
                         if a.get("status", ACCEPTED) in VERIFIED and a.get("speaker_name"))
    counted = [(s.name, sum(s.variants.values())) for s in index.speakers]
    return sorted(counted, key=lambda x: (-x[1], x[0]))[:top]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Span F1 between annotators, per document that two or more annotated."""

    per_document: list[tuple[str, str, float]]  # doc_id, source, F1

    @property
    def mean(self) -> float | None:
        scores = [f for _, _, f in self.per_document]
        return sum(scores) / len(scores) if scores else None


def agreement(verified: Iterable[Record]) -> Agreement:
    """What ``pull`` measured (each document's ``meta.agreement_span_f1``), lowest first."""
    found = [(d["doc_id"], d.get("source", ""), float(d["meta"]["agreement_span_f1"])) for d in verified
             if isinstance(d.get("meta", {}).get("agreement_span_f1"), int | float)]
    return Agreement(sorted(found, key=lambda x: (x[2], x[1])))
