"""``iqtibas build``: verified attributions → a folder of Parquet files and a dataset card
that ``datasets.load_dataset(folder, CONFIG)`` reads with no code of ours.

Everything is written to a temporary folder beside the target and renamed into place at
the end, so a failed build leaves nothing half-written; the target must be new, empty or
made by an earlier build (:mod:`builder.output`), and its card must not have been edited
outside the user's own sections (:mod:`builder.dataset.card_file`).  The same input gives
byte-identical Parquet files and card.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from datasets import Dataset, Features, disable_progress_bars

from builder.contract import UNREVIEWED, VERIFIED, Record, RecordError
from builder.dataset.card import CardData, FrozenTest, dataset_card
from builder.dataset.card import figures as card_figures
from builder.dataset.card_file import CARD, check_target, signed
from builder.dataset.features import (
    ATTRIBUTION_FEATURES,
    DOCUMENT_FEATURES,
    REJECTED_FEATURES,
    SPEAKER_FEATURES,
)
from builder.dataset.inputs import TEST_SET, read_test_list, read_unreviewed, read_verified
from builder.dataset.provenance import PSEUDONYM
from builder.dataset.rows import Publishing, attribution_rows, document_row, rejected_row, speaker_rows
from builder.dataset.speakers import SpeakerIndex
from builder.dataset.splits import TEST, assign_splits, near_duplicate_groups
from builder.dataset.tables import (
    ATTRIBUTIONS,
    DOCUMENTS,
    REJECTED_CONFIG,
    SPEAKERS,
    SPLIT_ALL,
    UNREVIEWED_CONFIG,
    Tables,
)
from builder.dataset.view import document_view
from builder.output import MARKER, folder_replaced

log = logging.getLogger(__name__)

FEATURES: dict[str, Features] = {ATTRIBUTIONS: ATTRIBUTION_FEATURES, DOCUMENTS: DOCUMENT_FEATURES,
                                 REJECTED_CONFIG: REJECTED_FEATURES, UNREVIEWED_CONFIG: DOCUMENT_FEATURES,
                                 SPEAKERS: SPEAKER_FEATURES}


@dataclass(frozen=True)
class Options:
    name: str = "iqtibas"
    license_id: str = "cc-by-4.0"
    annotator_ids: str = PSEUDONYM
    test_from: Path | None = None
    unreviewed: bool = False
    """The main input is the rules' output (or hand annotation), not a review: publish it as unreviewed."""
    overwrite: bool = False


@dataclass
class Assembled:
    """The rows of every configuration and split, before anything is written."""

    tables: Tables
    groups: list[list[str]]
    """Documents that report the same event, kept in one split."""
    release: str
    verified: list[Record]


@dataclass
class Built:
    path: Path
    assembled: Assembled


def _quotes(docs: list[Record]) -> dict[str, list[str]]:
    return {d["doc_id"]: [c["text"] for a in d["attributions"] if a["status"] in (*VERIFIED, UNREVIEWED)
                          for c in a["content"]] for d in docs}


def _speaker_names(docs: list[Record]) -> dict[str, list[str]]:
    return {d["doc_id"]: [a.get("speaker_name") or "" for a in d["attributions"]
                          if a["status"] in (*VERIFIED, UNREVIEWED)] for d in docs}


def _release(name: str, docs: Iterable[Record]) -> str:
    """``NAME@`` and 12 hex digits of a SHA-256 of every document id and attribution (id and status)."""
    lines = sorted(f"{d['doc_id']} {a['id']} {a['status']}" for d in docs for a in d["attributions"])
    lines += sorted(d["doc_id"] for d in docs)
    return f"{' '.join(name.split())}@{hashlib.sha256(chr(10).join(lines).encode('utf-8')).hexdigest()[:12]}"


def _first_of_each(docs: list[Record], what: str) -> list[Record]:
    seen: set[str] = set()
    out = []
    for d in docs:
        if d["doc_id"] in seen:
            log.warning("%s: document %s is given twice; the first is kept", what, d["doc_id"])
            continue
        seen.add(d["doc_id"])
        out.append(d)
    return out


def assemble(verified: list[Record], unreviewed: Sequence[Record] = (), name: str = "iqtibas",
             annotator_ids: str = PSEUDONYM, frozen: FrozenTest | None = None) -> Assembled:
    """Rows of the configurations from verified documents and, for ``unreviewed``, the rules'
    output on documents nobody reviewed (every attribution of those carries its status)."""
    reviewed = {d["doc_id"] for d in verified}
    silver = _first_of_each([d for d in unreviewed if d["doc_id"] not in reviewed], "candidates")
    everything = [*verified, *silver]
    speakers = SpeakerIndex(a["speaker_name"] for d in everything for a in d["attributions"] if a.get("speaker_name"))
    publishing = Publishing(speakers, annotator_ids)
    groups = near_duplicate_groups(_quotes(everything), _speaker_names(everything))
    split_of = assign_splits(groups, frozen.documents if frozen else ())
    tables = Tables()
    for doc in sorted(verified, key=lambda d: d["doc_id"]):
        view = document_view(doc, doc["attributions"])
        split = split_of[doc["doc_id"]]
        tables.configs[ATTRIBUTIONS][split] += attribution_rows(view, publishing)
        tables.configs[DOCUMENTS][split].append(document_row(view, publishing))
        tables.configs[REJECTED_CONFIG][split].append(rejected_row(view, publishing))
    for doc in sorted(silver, key=lambda d: d["doc_id"]):
        tables.configs[UNREVIEWED_CONFIG][split_of[doc["doc_id"]]].append(
            document_row(document_view(doc, doc["attributions"]), publishing))
    tables.configs[SPEAKERS][SPLIT_ALL] = speaker_rows(speakers, everything)
    return Assembled(tables, groups, _release(name, everything), verified)


def _write(rows: list[dict], features: Features, path: Path) -> None:
    disable_progress_bars()
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = {column: [row[column] for row in rows] for column in features}  # in the features' order
    data = Dataset.from_dict(columns, features=features)
    data.to_parquet(str(path))


def write_folder(assembled: Assembled, out: Path, options: Options, user_sections: str = "",
                 frozen: FrozenTest | None = None, inputs: tuple = ()) -> Built:
    """Write the Parquet files, the test list, the card and its figures of ``assembled`` into
    ``out``, through a temporary folder renamed into place."""
    out = out.resolve()
    tables = assembled.tables
    with folder_replaced(out, "iqtibas build", options.overwrite, inputs) as work:
        for config, features in FEATURES.items():
            for split in tables.declared_splits(config):
                _write(tables.configs[config][split], features, work / config / f"{split}-00000-of-00001.parquet")
        test_set = {"release": assembled.release, "frozen_from": frozen.release if frozen else None,
                    "documents": sorted(tables.documents(TEST))}
        (work / TEST_SET).write_text(json.dumps(test_set, indent=1) + "\n", encoding="utf-8")
        data = CardData(options.name, options.license_id, assembled.release, tables, len(assembled.groups),
                        options.annotator_ids, not options.unreviewed, assembled.verified, frozen)
        (work / CARD).write_text(signed(dataset_card(data), user_sections), encoding="utf-8")
        for name, svg in card_figures(data).items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(svg + "\n", encoding="utf-8")
    return Built(out, assembled)


def _frozen(path: Path | None) -> FrozenTest | None:
    if path is None:
        return None
    release, documents = read_test_list(path)
    return FrozenTest(release, frozenset(documents))


def build(verified_path: Path, out: Path, candidates_path: Path | None = None, options: Options = Options()) -> Built:
    """Build the dataset folder ``out``; raises :class:`~builder.output.OutputError` if ``out``
    holds files an earlier build did not write, a hand-edited card (unless ``overwrite``) or
    the inputs, and :class:`~builder.contract.RecordError` for an input that is not what it
    is given as."""
    inputs = (verified_path, candidates_path)
    user_sections = check_target(out, options.overwrite, inputs)
    frozen = _frozen(options.test_from)
    if options.unreviewed:
        verified, silver = [], read_unreviewed(verified_path, "unreviewed")
    else:
        verified, silver = read_verified(verified_path), []
    if candidates_path:
        silver += read_unreviewed(candidates_path)
    assembled = assemble(verified, silver, options.name, options.annotator_ids, frozen)
    return write_folder(assembled, out, options, user_sections, frozen, inputs)


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
    tables = built.assembled.tables
    lines = [f"dataset written to {built.path} (release {built.assembled.release})"]
    for config in tables.configs:
        counts = tables.rows(config)
        lines.append(f"{config}: " + (", ".join(f"{split} {n}" for split, n in counts.items() if n) or "empty"))
    lines.append(f"{len(tables.documents())} documents in {len(built.assembled.groups)} groups (near-duplicates kept "
                 f"in one split)")
    return lines
