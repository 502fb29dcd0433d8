"""iqtibas as a datatrove pipeline step, for corpora past one machine (``iqtibas[cluster]``).

:class:`Attributions` fits any datatrove pipeline: a reader (JSON lines, Parquet, a Hub
dataset; a local folder or any fsspec URL) → ``Attributions()`` → a writer.  Each document
leaves it with its text as stored (``\\r\\n`` turned into ``\\n``, the only change, so that
every offset holds) and three metadata fields: ``doc_id``, ``rules_version`` and
``attributions`` (the output contract's list).  Its per-rule and per-type counts go to
datatrove's stats::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import ParquetReader
    from datatrove.pipeline.writers import JsonlWriter
    from builder.run.cluster import Attributions

    LocalPipelineExecutor([ParquetReader("hf://datasets/ORG/NAME/data"), Attributions(),
                           JsonlWriter("out/")], tasks=16, workers=4, logging_dir="out/logs").run()

:func:`run_pipeline` is what ``iqtibas extract INPUT... -o OUTDIR --executor ...`` runs: the
readers below (the same documents, sources and metadata as the plain command), the step, and
a writer of candidates files, one shard per task (``OUTDIR/00000.jsonl`` ...), each line in
the output contract.  Completed tasks leave datatrove's markers in ``OUTDIR/logs/completions``:
a rerun does only the tasks that have none, and a shard without its marker is incomplete.
"""

from __future__ import annotations

import json
import logging
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, ClassVar

from datatrove.data import Document as TroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.executor.base import PipelineExecutor
from datatrove.io import DataFolder, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.logging import logger as trove_log
from datatrove.utils.stats import PipelineStats
from fsspec.core import url_to_fs

from builder.contract import Record
from builder.corpus.readers import Skip, decoded_lines, json_records, table_rows
from builder.documents import Document, make_document
from builder.engine.extract import extract
from builder.engine.rules import RULES_VERSION
from builder.json_lines import dumps
from builder.lexicon.lexicon import load
from builder.run.candidate_files import ExtractionSummary
from builder.run.encode import record_of

log = logging.getLogger(__name__)

SHARD_NAME = "${rank}.jsonl"
STEP_NAME = "iqtibas attributions"
_OWN_FIELDS = ("doc_id", "rules_version", "attributions")


class Attributions(PipelineStep):
    """Adds the candidate attributions to each document (see the module's docstring).

    ``lexicons``: a folder of lexicon files to use instead of the shipped ones (as
    ``iqtibas extract --lexicons``), loaded once per task, so it must be where the tasks
    run.  Stats: ``documents``, ``attributions``, ``type:TYPE`` and ``rule:RULE`` counts.
    """

    name = STEP_NAME
    type = "🗣 - ANNOTATOR"

    def __init__(self, lexicons: str | None = None) -> None:
        super().__init__()
        self.lexicons = lexicons

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        lex = load(self.lexicons)
        for document in data:
            with self.track_time():
                stored = make_document(document.text, document.id)
                attributions = extract(stored, lex)
            document.text = stored.text
            document.metadata["doc_id"] = stored.doc_id
            document.metadata["rules_version"] = RULES_VERSION
            document.metadata["attributions"] = attributions
            self.stat_update("documents")
            self.stat_update("attributions", value=len(attributions))
            for a in attributions:
                self.stat_update(f"type:{a['type']}", f"rule:{a['rule']}")
            yield document


def contract_record(document: TroveDocument) -> Record:
    """A document that went through :class:`Attributions`, as a line of a candidates file:
    its id is the source, its other metadata the ``meta``."""
    meta = {k: v for k, v in document.metadata.items() if k not in _OWN_FIELDS}
    stored = Document(document.metadata["doc_id"], document.id, document.text, meta)
    return record_of(stored, document.metadata["attributions"], document.metadata["rules_version"])


class CandidatesWriter(DiskWriter):
    """Writes candidates files, ``OUTDIR/RANK.jsonl``, with the plain command's encoding."""

    name = "iqtibas candidates"
    default_output_filename = SHARD_NAME

    def __init__(self, output_folder: str | DataFolder) -> None:
        super().__init__(output_folder, SHARD_NAME, compression=None, mode="wt")

    def _default_adapter(self, document: TroveDocument) -> dict:
        return contract_record(document)

    def _write(self, document: dict, file_handler: IO, filename: str) -> None:
        file_handler.write(dumps(document) + "\n")


def _source(base: str, path: str) -> str:
    """A file's name as the plain command writes it: the input as given, then the path in it."""
    if "://" in base:
        return f"{base.rstrip('/')}/{path}"
    return str(PurePosixPath(base) / path)


class _Reader(BaseDiskReader):
    """Files of one kind under ``data_folder`` (or the one file ``glob_pattern`` names), read
    by the plain command's own readers (:mod:`builder.corpus.readers`): the same documents, sources
    and metadata, and every skip or repair logged with its file and line and counted (stats
    ``skipped`` and ``repaired``)."""

    def __init__(self, data_folder: str, text_key: str, glob_pattern: str, label: str) -> None:
        super().__init__(data_folder, text_key=text_key, glob_pattern=glob_pattern, add_file_path=False)
        self.label = label

    def _on_skip(self, skip: Skip) -> None:
        trove_log.warning(str(skip))
        self.stat_update("repaired" if skip.kept else "skipped")

    def read_file(self, filepath: str) -> Iterator[TroveDocument]:
        source = _source(self.label, filepath)
        with self.data_folder.open(filepath, "rb") as fh:
            for doc in self.documents(fh, source):
                yield TroveDocument(text=doc.text, id=doc.source, metadata=doc.meta)

    @abstractmethod
    def documents(self, fh: BinaryIO, source: str) -> Iterator[Document]:
        """The documents of one open file, named ``source``."""


class JsonLinesReader(_Reader):
    """JSON lines (``*.jsonl``): source ``FILE:LINE``, every field but the text as metadata."""

    name = "iqtibas JSON lines"

    def documents(self, fh: BinaryIO, source: str) -> Iterator[Document]:
        return json_records(decoded_lines(fh, source, self._on_skip), source, self.text_key, self._on_skip)


class ParquetRowsReader(_Reader):
    """Parquet files (``*.parquet``): source ``FILE:ROW`` (rows from 1), the other scalar
    columns as metadata; a file without the text column is reported."""

    name = "iqtibas Parquet"
    _requires_dependencies: ClassVar[list[str]] = ["pyarrow"]
    BATCH_ROWS = 1024

    def documents(self, fh: BinaryIO, source: str) -> Iterator[Document]:
        import pyarrow.parquet as pq

        with pq.ParquetFile(fh) as parquet:
            columns = parquet.schema_arrow.names
            if self.text_key not in columns:
                self._on_skip(Skip(source, None, f"no column {self.text_key!r} (columns: {', '.join(columns)})"))
                return
            done = 0
            for batch in parquet.iter_batches(batch_size=self.BATCH_ROWS):
                rows = batch.to_pylist()
                yield from table_rows(rows, source, self.text_key, self._on_skip, done + 1)
                done += len(rows)


def _locate(spec: str) -> tuple[str, str | None, str]:
    """``(folder, file name or None, label)``: a file is read through its folder."""
    fs, path = url_to_fs(spec)
    if not fs.isfile(path):
        return spec, None, spec
    folder, _, name = spec.rstrip("/").rpartition("/")
    return folder or ".", name, folder or "."


def readers_for(spec: str, text_field: str) -> list[BaseDiskReader]:
    """The readers of one input (a file, or a folder or fsspec URL read recursively): one
    for its ``.jsonl`` files, one for its ``.parquet`` files, each only if there are some."""
    folder_spec, name, label = _locate(spec)
    folder = get_datafolder(folder_spec)
    readers: list[BaseDiskReader] = []
    for suffix, reader in ((".jsonl", JsonLinesReader), (".parquet", ParquetRowsReader)):
        if name is not None and not name.endswith(suffix):
            continue
        pattern = name or f"**/*{suffix}"
        if folder.list_files(glob_pattern=pattern):
            readers.append(reader(folder_spec, text_field, pattern, label))
    return readers


@dataclass
class Outcome:
    """What a pipeline run left: tasks done, the summary of their shards, lines skipped."""

    tasks: int
    done: int
    summary: ExtractionSummary = field(default_factory=ExtractionSummary)
    skipped: int = 0


def build_executor(kind: str, pipeline: list, tasks: int, workers: int, logging_dir: str,
                   options: dict[str, Any] | None = None) -> PipelineExecutor:
    """A datatrove executor of ``kind`` (local, slurm, ray) for ``pipeline``; ``workers`` is
    how many tasks run at once (-1: no limit); ``options`` go to the executor as they are
    (for Slurm: ``partition`` and ``time`` at least)."""
    options = dict(options or {})
    if kind == "local":
        from datatrove.executor import LocalPipelineExecutor

        return LocalPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=logging_dir, **options)
    if kind == "slurm":
        from datatrove.executor import SlurmPipelineExecutor

        return SlurmPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=logging_dir, **options)
    if kind == "ray":
        from datatrove.executor.ray import RayPipelineExecutor

        return RayPipelineExecutor(pipeline, tasks=tasks, workers=workers, logging_dir=logging_dir, **options)
    raise ValueError(f"unknown executor {kind!r} (local, slurm or ray)")


def outcome(executor: PipelineExecutor) -> Outcome:
    """Tasks done so far and the counts of their shards, from datatrove's completion markers
    and per-task stats (a rerun that skipped tasks still counts them)."""
    folder = executor.logging_dir
    tasks = executor.world_size
    done = [rank for rank in range(tasks) if folder.isfile(f"completions/{rank:05d}")]
    total = PipelineStats()
    for rank in done:
        with folder.open(f"stats/{rank:05d}.json", "r") as fh:
            total += PipelineStats.from_json(json.load(fh))
    result = Outcome(tasks, len(done))
    for stats in total.stats:
        counts = {key: int(metric.total) for key, metric in stats.stats.items()}
        if stats.name.endswith(STEP_NAME):
            result.summary.documents = counts.get("documents", 0)
            result.summary.attributions = counts.get("attributions", 0)
            for key, value in counts.items():
                kind, _, label = key.partition(":")
                if kind == "type":
                    result.summary.by_type[label] = value
                elif kind == "rule":
                    result.summary.by_rule[label] = value
        result.skipped += counts.get("skipped", 0) + counts.get("repaired", 0)
    return result


def run_pipeline(inputs: list[str], output_dir: str, kind: str, tasks: int, workers: int,
                 text_field: str = "text", lexicons: str | None = None, logging_dir: str | None = None,
                 options: dict[str, Any] | None = None) -> Outcome:
    """Read ``inputs`` (folders or fsspec URLs of ``.jsonl``/``.parquet`` files), extract,
    and write one candidates shard per task into ``output_dir``; logs, stats and completion
    markers go to ``logging_dir`` (default ``OUTPUT_DIR/logs``).  Raises ``ValueError`` when
    an input holds no file to read, :class:`~builder.lexicon.files.LexiconError` when the
    ``lexicons`` folder has a bad row (checked here, before any task starts)."""
    if lexicons is not None:
        lexicons = str(Path(lexicons).resolve())
    load(lexicons)
    readers: list[BaseDiskReader] = []
    for spec in inputs:
        found = readers_for(spec, text_field)
        if not found:
            raise ValueError(f"{spec}: no .jsonl or .parquet files")
        readers += found
    pipeline = [*readers, Attributions(lexicons), CandidatesWriter(output_dir)]
    logging_dir = logging_dir or _source(output_dir, "logs")
    executor = build_executor(kind, pipeline, tasks, workers, logging_dir, options)
    executor.run()
    return outcome(executor)
