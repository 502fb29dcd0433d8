"""Writing candidate files: one JSON object per document, in the output contract."""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from builder.corpus.inputs import Skip, read_corpus
from builder.lexicon.lexicon import load
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


def extract_to(inputs: list[str], output: str, text_field: str = "text", progress: bool = True,
               lexicons: str | None = None, workers: int = 1,
               calibration: Calibration | None = None) -> tuple[ExtractionSummary, list[Skip]]:
    """Extract from ``inputs`` into the file ``output`` (``-``: standard output), with a
    progress bar, in ``workers`` processes (the output is the same whatever their number).
    Skipped inputs are logged and returned.  ``lexicons`` is a folder of lexicon files to use
    instead of the shipped ones; each worker loads it when it starts.  With a ``calibration``,
    the candidates carry its calibrated confidences.

    The file is written as ``OUTPUT.partial`` and renamed when complete: it appears whole or
    not at all.  Interrupted (Ctrl-C), the run stops its workers, says how much the
    ``.partial`` file holds, and raises :class:`KeyboardInterrupt`.
    """

    skips: list[Skip] = []

    def on_skip(skip: Skip) -> None:
        skips.append(skip)
        log.warning("%s", skip)

    loader = partial(load, lexicons)
    lex = loader()  # in this process first: a broken lexicon fails here, once
    out_path = None if output == "-" else Path(output)
    docs = read_corpus(inputs, on_skip, text_field=text_field, exclude=[out_path] if out_path else [])
    summary = ExtractionSummary()
    encoders = (encode_in_workers(workers, loader, calibration) if workers > 1
                else nullcontext(partial(encode_all, lex=lex, calibration=calibration)))
    with encoders as encoder:
        bar = tqdm(encoder(docs), unit="doc", desc="extract", disable=None if progress else True, file=sys.stderr)
        if out_path is None:
            with open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False) as out:
                return write_lines(bar, out, summary), skips
        out_path.parent.mkdir(parents=True, exist_ok=True)
        unfinished = out_path.with_name(out_path.name + ".partial")
        try:
            with unfinished.open("w", encoding="utf-8") as out:
                write_lines(bar, out, summary)
        except KeyboardInterrupt:
            bar.close()
            log.warning("stopped after %d documents: %s holds them and is incomplete; %s was not written",
                        summary.documents, unfinished, out_path)
            raise
    unfinished.replace(out_path)
    return summary, skips
