"""Extraction in several processes, output in input order.

The main process reads the corpus, hands documents to the workers in batches and writes
what comes back in the order it was handed out, so the output is byte for byte the one of a
single process.  At most :data:`IN_FLIGHT` batches per worker are out at any time: the
reader never runs far ahead, and memory does not grow with the corpus.  Each worker loads
its lexicon once, at start, with the loader it is given (so a lexicon from another folder
reaches every worker), and ignores Ctrl-C: the main process alone stops them, so that an
interrupted run ends without a traceback from each worker.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from builder.documents import Document
from builder.lexicon.lexicon import Lexicon
from builder.review.calibrate import Calibration
from builder.run.encode import Line, encode

#: What gives a worker its lexicon: a function of no arguments, called once in each process
#: (``functools.partial(builder.lexicon.lexicon.load, FOLDER)``).
LexiconLoader = Callable[[], Lexicon]

BATCH_DOCS = 64
BATCH_CHARS = 200_000  # about 0.1 s of extraction: IPC stays small against the work
IN_FLIGHT = 4

_lexicon: Lexicon | None = None
_calibration: Calibration | None = None


def _start_worker(loader: LexiconLoader, calibration: Calibration | None) -> None:
    global _lexicon, _calibration
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _lexicon, _calibration = loader(), calibration


def _encode_batch(docs: list[Document]) -> list[Line]:
    assert _lexicon is not None, "worker started without its lexicon"
    return [encode(doc, _lexicon, _calibration) for doc in docs]


def batches(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive runs of at most :data:`BATCH_DOCS` documents and about
    :data:`BATCH_CHARS` characters (a longer document is a batch of its own)."""
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= BATCH_DOCS or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork: workers start at once and share the parent's loaded
    lexicon pages; spawn elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


@contextmanager
def encode_in_workers(workers: int, loader: LexiconLoader, calibration: Calibration | None = None,
                      ) -> Iterator[Callable[[Iterable[Document]], Iterator[Line]]]:
    """A pool of ``workers`` processes, as a function from documents to encoded lines in
    input order (confidences calibrated if a ``calibration`` is given).  Leaving the block
    normally waits for the workers; leaving it by an exception (Ctrl-C included) terminates them."""
    pool = _context().Pool(workers, initializer=_start_worker, initargs=(loader, calibration))

    def encode_docs(docs: Iterable[Document]) -> Iterator[Line]:
        pending: deque = deque()
        todo = batches(docs)
        for batch in islice(todo, workers * IN_FLIGHT):
            pending.append(pool.apply_async(_encode_batch, (batch,)))
        while pending:
            done = pending.popleft().get()
            for batch in islice(todo, 1):
                pending.append(pool.apply_async(_encode_batch, (batch,)))
            yield from done

    try:
        yield encode_docs
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()
