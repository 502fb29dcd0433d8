"""Writing candidate files: one JSON object per document, in the output contract."""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from builder.corpus.inputs import Skip, read_corpus
from builder.corpus.readers import HF_PREFIX
from builder.documents import Document
from builder.lexicon.lexicon import load
from builder.output import NothingToWrite, PendingFile, left_as_it_was
from builder.review.calibrate import Calibration
from builder.run.encode import Line, encode_all
from builder.run.workers import encode_in_workers

log = logging.getLogger(__name__)


@dataclass
class ExtractionSummary:
    documents: int = 0
    attributions: int = 0
    by_type: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)

    def add(self, labels: Iterable[tuple[str, str]]) -> None:
        """Count one document with attributions of these ``(type, rule)``."""
        self.documents += 1
        for type_, rule in labels:
            self.attributions += 1
            self.by_type[type_] += 1
            self.by_rule[rule] += 1

    def lines(self) -> list[str]:
        def fmt(counter: Counter) -> str:
            return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

        return [
            f"{self.documents} documents, {self.attributions} attributions",
            f"by type: {fmt(self.by_type)}",
            f"by rule: {fmt(self.by_rule)}",
        ]


def write_lines(lines: Iterable[Line], out: TextIO, summary: ExtractionSummary | None = None) -> ExtractionSummary:
    """Write encoded records one a line, counting each in ``summary`` once written."""
    summary = summary if summary is not None else ExtractionSummary()
    for line in lines:
        out.write(line.text + "\n")
        summary.add(line.labels)
    return summary


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _HeldSkips:
    """The skips of a run, logged as they come once a document has been read; until then
    held, so that a run that reads nothing can say why in one line."""

    def __init__(self) -> None:
        self.all: list[Skip] = []
        self.held: list[Skip] = []
        self.reading = False

    def __call__(self, skip: Skip) -> None:
        self.all.append(skip)
        if self.reading:
            log.warning("%s", skip)
        else:
            self.held.append(skip)

    def release(self) -> None:
        for skip in self.held:
            log.warning("%s", skip)
        self.held.clear()

    def released_by(self, docs: Iterable[Document]) -> Iterator[Document]:
        """``docs``, the held skips logged when the first of them comes."""
        for doc in docs:
            if not self.reading:
                self.reading = True
                self.release()
            yield doc


def _nothing_read(inputs: list[str], skips: _HeldSkips, pending: PendingFile | None) -> NothingToWrite:
    """The one-line error of a run that read no document."""
    if len(skips.held) == 1:
        why = f" ({skips.held[0]})"
    else:
        skips.release()
        why = f" from {' '.join(inputs)}"
    kept = f"; {left_as_it_was(pending.path)}" if pending else ""
    return NothingToWrite(f"no document could be read{why}{kept}")


def extract_to(inputs: list[str], output: str, text_field: str = "text", progress: bool = True,
               lexicons: str | None = None, workers: int = 1,
               calibration: Calibration | None = None) -> tuple[ExtractionSummary, list[Skip]]:
    """Extract from ``inputs`` into the file ``output`` (``-``: standard output), with a
    progress bar, in ``workers`` processes (the output is the same whatever their number).
    Skipped inputs are logged and returned.  ``lexicons`` is a folder of lexicon files to use
    instead of the shipped ones; each worker loads it when it starts.  With a ``calibration``,
    the candidates carry its calibrated confidences.

    The output is checked before anything is read (:func:`builder.output.file_target`: not an
    input, not a device) and written as ``OUTPUT.partial``, renamed into place when the run
    is complete: it appears whole or not at all.  A run that reads no document raises
    :class:`~builder.output.NothingToWrite` and leaves the output as it was.  Interrupted
    (Ctrl-C), the run stops its workers, says how much the ``.partial`` file holds, and
    raises :class:`KeyboardInterrupt`.
    """
    pending = None if output == "-" else PendingFile(Path(output), _named_files(inputs))
    loader = partial(load, lexicons)
    lex = loader()  # in this process first: a broken lexicon fails here, once
    skips = _HeldSkips()
    own = [pending.target, pending.partial] if pending else []  # never read, when inside a folder read
    docs = read_corpus(inputs, skips, text_field=text_field, exclude=own)
    summary = ExtractionSummary()
    encoders = (encode_in_workers(workers, loader, calibration) if workers > 1
                else nullcontext(partial(encode_all, lex=lex, calibration=calibration)))
    with encoders as encoder:
        bar = tqdm(encoder(skips.released_by(docs)), unit="doc", desc="extract", disable=None if progress else True,
                   file=sys.stderr)
        if pending is None:
            with open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False) as out:
                write_lines(bar, out, summary)
        else:
            _write_pending(bar, pending, summary)
    if not summary.documents:
        raise _nothing_read(inputs, skips, pending)
    return summary, skips.all


def _named_files(inputs: list[str]) -> list[Path]:
    """The inputs that name a file (not standard input, not a dataset on the Hub)."""
    return [Path(spec) for spec in inputs if spec != "-" and not spec.startswith(HF_PREFIX)]


def _write_pending(lines: tqdm, pending: PendingFile, summary: ExtractionSummary) -> None:
    """Write ``lines`` into ``pending`` and put it in place if they held any document."""
    with pending:
        try:
            write_lines(lines, pending.file, summary)
        except KeyboardInterrupt:
            lines.close()
            log.warning("stopped after %d documents: %s holds them and is incomplete; %s was not written",
                        summary.documents, pending.partial, pending.path)
            raise
        if summary.documents:
            pending.commit()
