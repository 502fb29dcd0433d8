"""``iqtibas build``: verified attributions → a folder of Parquet files and a dataset card
that ``datasets.load_dataset(folder, CONFIG)`` reads with no code of ours.

Everything is written to a temporary folder beside the target and renamed into place at
the end, so a failed build leaves nothing half-written; the target must be new, empty or
made by an earlier build (:mod:`builder.output`).  The same input gives byte-identical
Parquet files.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from datasets import Dataset, disable_progress_bars

from builder.contract import VERIFIED, RecordError, read_records
from builder.dataset.card import dataset_card
from builder.dataset.rows import (
    ATTRIBUTION_FEATURES,
    DOCUMENT_FEATURES,
    attribution_row,
    document_row,
)
from builder.dataset.splits import SHARES, assign_splits, near_duplicate_groups
from builder.output import MARKER, check_output, mark, replace_folder
from builder.review.card_section import write_figures

log = logging.getLogger(__name__)

CONFIGS = ("attributions", "documents", "rejected", "unreviewed")


@dataclass
class Built:
    path: Path
    rows: dict[str, Counter] = field(default_factory=dict)  # config -> split -> rows
    groups: list[list[str]] = field(default_factory=list)


@dataclass
class Assembled:
    """The rows of every configuration and split, before anything is written."""

    tables: dict[str, dict[str, list[dict]]]
    groups: list[list[str]]
    """Documents that report the same event, kept in one split."""
    verified: list[dict]
    with_unreviewed: bool

    @property
    def counts(self) -> dict[str, Counter]:
        return {config: Counter({split: len(rows) for split, rows in splits.items() if rows})
                for config, splits in self.tables.items()}


def assemble(verified: list[dict], candidates: list[dict] | None = None) -> Assembled:
    """Rows of the configurations from verified documents (and, for ``unreviewed``, the
    candidates of documents nobody reviewed), split by document groups."""
    reviewed = {d["doc_id"] for d in verified}
    unreviewed = [d for d in candidates or [] if d["doc_id"] not in reviewed]
    everything = [*verified, *unreviewed]
    groups = near_duplicate_groups(
        {d["doc_id"]: [c["text"] for a in d["attributions"] for c in a["content"]] for d in everything},
        {d["doc_id"]: [a.get("speaker_name") or "" for a in d["attributions"]
                       if a.get("status") != "rejected"] for d in everything})
    split_of = assign_splits(groups)
    tables: dict[str, dict[str, list[dict]]] = {c: {s: [] for s in SHARES} for c in CONFIGS}
    for doc in sorted(verified, key=lambda d: d["doc_id"]):
        split = split_of[doc["doc_id"]]
        kept = [a for a in doc["attributions"] if a.get("status", "accepted") in VERIFIED]
        tables["attributions"][split] += [attribution_row(doc, a) for a in kept]
        tables["documents"][split].append(document_row(doc, kept))
        tables["rejected"][split] += [attribution_row(doc, a) for a in doc["attributions"]
                                      if a.get("status") == "rejected"]
    for doc in sorted(unreviewed, key=lambda d: d["doc_id"]):
        tables["unreviewed"][split_of[doc["doc_id"]]] += [attribution_row(doc, a, "unreviewed")
                                                           for a in doc["attributions"]]
    return Assembled(tables, groups, verified, candidates is not None)


def write_parquet_folder(assembled: Assembled, out: Path, name: str = "iqtibas", license_id: str = "cc-by-4.0",
                         overwrite: bool = False, inputs: tuple = ()) -> Built:
    """Write the Parquet files and the dataset card of ``assembled`` into ``out``, through
    a temporary folder renamed into place."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    built = Built(out, rows=assembled.counts, groups=assembled.groups)
    try:
        for config, splits in assembled.tables.items():
            features = DOCUMENT_FEATURES if config == "documents" else ATTRIBUTION_FEATURES
            if config != "unreviewed" or assembled.with_unreviewed:
                for split, rows in splits.items():
                    if rows:
                        _write(rows, features, work / config / f"{split}-00000-of-00001.parquet")
        (work / "README.md").write_text(
            dataset_card(name, license_id, assembled.verified, assembled.tables, built.rows, assembled.groups),
            encoding="utf-8")
        write_figures(assembled.verified, work)
        mark(work, "iqtibas build")
        replace_folder(work, out, overwrite, inputs)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return built


def _write(rows: list[dict], features, path: Path) -> None:
    disable_progress_bars()
    path.parent.mkdir(parents=True, exist_ok=True)
    Dataset.from_list(rows, features=features).to_parquet(str(path))


def build(verified_path: Path, out: Path, candidates_path: Path | None = None, name: str = "iqtibas",
          license_id: str = "cc-by-4.0", overwrite: bool = False) -> Built:
    """Build the dataset folder ``out``; raises :class:`~builder.output.OutputError` if ``out``
    holds files an earlier build did not write (unless ``overwrite``) or holds the inputs."""
    inputs = (verified_path, candidates_path)
    check_output(out, overwrite, inputs)
    verified = read_records(verified_path, "verified")
    candidates = read_records(candidates_path, "candidates") if candidates_path else None
    return write_parquet_folder(assemble(verified, candidates), out, name, license_id, overwrite, inputs)


def push_to_hub(folder: Path, repo: str) -> str:
    """Publish the built folder as a dataset repository; the token comes from ``HF_TOKEN``."""
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    if not token:
        raise RecordError("--push-to-hub needs a token in HF_TOKEN")
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(repo, repo_type="dataset", exist_ok=True)
    api.upload_folder(repo_id=repo, folder_path=str(folder), repo_type="dataset", ignore_patterns=[MARKER])
    return f"https://huggingface.co/datasets/{repo}"


def summary_lines(built: Built) -> list[str]:
    lines = [f"dataset written to {built.path}"]
    for config, counts in built.rows.items():
        if counts:
            lines.append(f"{config}: " + ", ".join(f"{split} {n}" for split, n in counts.items()))
    lines.append(f"{len(built.groups)} document groups (near-duplicate quotes kept in one split)")
    return lines

