"""JSON lines in and out, through the ``jsonlines`` package, with the project's one encoding.

* :data:`dumps` is how a record becomes a line — UTF-8 text, Arabic unescaped, no spaces:
  ``jsonlines``' compact form — and :func:`writer` writes with it.  Candidates files (whose
  lines are encoded in the worker processes), their shards on a cluster and verified files
  are all written this way.
* :func:`read_values` reads numbered lines with a ``jsonlines`` reader: each value, or what
  is wrong with its line, with the line's own number (a reader that decodes line by line
  leaves out the lines it could not decode, so the numbers are given, not counted here).
  :func:`loads`, the JSON parser it uses unless told otherwise, says in one line what is
  wrong with a line that is not JSON.

The standard library's ``json`` parses and writes here: ``orjson`` would write some numbers
differently (``1e-7`` for ``1e-07``), refuse ``NaN`` and read an integer past 64 bits as a
float, so that the same input would no longer give the same candidates; and parsing and
writing are a few per cent of the time of an extraction (``bench/bench_extract.py`` times
both stages).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import jsonlines

#: A value as one JSON line, without the line feed.
dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def writer(fh: TextIO) -> jsonlines.Writer:
    """A ``jsonlines`` writer of one :data:`dumps` line per value into ``fh``."""
    return jsonlines.Writer(fh, dumps=dumps)


def loads(text: str) -> Any:
    """The value of one JSON text; a ValueError with a one-line message for anything that
    is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValueError("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise ValueError(f"malformed JSON: {exc}") from None


def _problem(exc: jsonlines.InvalidLineError) -> str:
    """What is wrong with a line, in one line."""
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(cause) if isinstance(cause, ValueError) else exc.message


def read_values(lines: Iterable[tuple[int, str | bytes]],
                parse: Callable[[str], Any] = loads) -> Iterator[tuple[int, Any, str | None]]:
    """``(number, value, None)`` for each numbered line that is not blank, or
    ``(number, None, problem)`` for one that is not JSON; ``parse`` turns a line's text into
    its value (raising ValueError), and ``null`` is a value like any other."""
    number = 0

    def texts() -> Iterator[str | bytes]:
        nonlocal number
        for current, line in lines:
            number = current  # the line the reader is at
            yield line

    reader = jsonlines.Reader(texts(), loads=parse)
    while True:
        try:
            value = reader.read(skip_empty=True, allow_none=True)
        except EOFError:
            return
        except jsonlines.InvalidLineError as exc:
            yield number, None, _problem(exc)
            continue
        yield number, value, None
