"""The rows of every configuration and split of one build, and what the card counts of them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from builder.dataset.splits import SHARES

#: The configurations, in the order the card lists them.
ATTRIBUTIONS, DOCUMENTS, REJECTED_CONFIG, UNREVIEWED_CONFIG, SPEAKERS = CONFIGS = (
    "attributions", "documents", "rejected", "unreviewed", "speakers")
#: The one split of ``speakers`` (a speaker is in no one split; ``all`` is a word ``datasets`` keeps).
SPLIT_ALL = "full"


def _empty() -> dict[str, dict[str, list[dict]]]:
    return {config: ({SPLIT_ALL: []} if config == SPEAKERS else {split: [] for split in SHARES}) for config in CONFIGS}


@dataclass
class Tables:
    configs: dict[str, dict[str, list[dict]]] = field(default_factory=_empty)

    def rows(self, config: str) -> dict[str, int]:
        return {split: len(rows) for split, rows in self.configs[config].items()}

    def declared_splits(self, config: str) -> list[str]:
        """The splits the card declares: those with rows (``datasets`` cannot load a split
        without one), or the first when the configuration has none."""
        splits = self.configs[config]
        return [s for s, rows in splits.items() if rows] or [next(iter(splits))]

    def documents(self, split: str | None = None) -> set[str]:
        """The ids of the documents (verified and unreviewed), of one split or all."""
        return {row["doc_id"] for config in (DOCUMENTS, UNREVIEWED_CONFIG)
                for s, rows in self.configs[config].items() if split in (None, s) for row in rows}

    def split_counts(self, split: str) -> Counter:
        """Documents, attributions (and by type), rejected candidates and unreviewed documents and
        attributions of one split."""
        kept = self.configs[ATTRIBUTIONS][split]
        silver = self.configs[UNREVIEWED_CONFIG][split]
        out = Counter(documents=len(self.configs[DOCUMENTS][split]), attributions=len(kept),
                      rejected=sum(len(r["rejected"]) for r in self.configs[REJECTED_CONFIG][split]),
                      unreviewed_documents=len(silver),
                      unreviewed_attributions=sum(len(r["attributions"]) for r in silver))
        out.update(a["type"] for a in kept)
        return out
