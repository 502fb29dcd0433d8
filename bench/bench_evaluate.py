"""Evaluation benchmark (not a test): ``iqtibas evaluate`` must grow with a document's
length, not with its square.

Builds one long document by repeating the seeds (so that every quotation recurs, as in a
long feed of wire copy), its candidates (the seeds' own, moved to each copy), and two golds:
one with offsets (every third content a character shorter, every fifth left out) and one in
the real-news strings format.  Each is evaluated at a base size and ten times it, in this
process (CPU time), and the time of the longer is printed as a ratio to the shorter: near 10
is linear, 100 quadratic.

    python bench/bench_evaluate.py
    python bench/bench_evaluate.py --base 0.2
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.documents import make_document
from builder.engine.extract import extract
from builder.evaluate import evaluate, score_strings
from builder.lexicon.lexicon import load

ROOT = Path(__file__).resolve().parent.parent
SEPARATOR = "\n\n"


def _moved(span: dict | None, by: int) -> dict | None:
    return None if span is None else {**span, "start": span["start"] + by, "end": span["end"] + by}


def long_document(mb: float) -> tuple[dict, dict, dict]:
    """``(pred, offsets gold, strings gold)`` of one document of about ``mb`` MB."""
    lex = load()
    seeds = [make_document(p.read_text(encoding="utf-8"), p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    unit = SEPARATOR.join(d.text for d in seeds) + SEPARATOR
    found, at = [], 0
    for doc in seeds:
        found += [(a, at) for a in extract(doc, lex)]
        at += len(doc.text) + len(SEPARATOR)
    copies = max(1, round(mb * 1e6 / len(unit.encode("utf-8"))))
    text = unit * copies
    pred = [{**a, "content": [_moved(s, by) for s in a["content"]], "speaker": _moved(a["speaker"], by),
             "cue": _moved(a["cue"], by)} for copy in range(copies) for a, shift in found
            for by in [copy * len(unit) + shift]]
    gold = [{**a, "content": [{**s, "end": s["end"] - (k % 3 == 0)} for s in a["content"]]}
            for k, a in enumerate(pred) if k % 5]
    strings = [{"type": a["type"], "content": [text[s["start"]:s["end"]] for s in a["content"]],
                "speaker_names": [a["speaker_name"] or ""]} for a in gold]
    doc_id = make_document(text, "long").doc_id
    return ({"doc_id": doc_id, "source": "long.txt", "text": text, "attributions": pred},
            {"doc_id": doc_id, "text": text, "attributions": gold},
            {"doc_id": doc_id, "source": "long.txt", "text": text, "attributions": strings})


def seconds(fn: Callable[[], Any]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def timed(pred: dict, gold: dict, strings: dict) -> tuple[float, int, float, float]:
    """MB, attributions, and the seconds of evaluating against each gold."""
    return (len(pred["text"].encode("utf-8")) / 1e6, len(pred["attributions"]),
            seconds(lambda: evaluate([gold], [pred])), seconds(lambda: score_strings([strings], [pred])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=float, default=1.0, help="the shorter document, in MB (default: %(default)s)")
    args = parser.parse_args()
    rows = [timed(*long_document(mb)) for mb in (args.base, 10 * args.base)]
    print(f"{'document MB':>12}{'attributions':>14}{'offsets gold s':>16}{'strings gold s':>16}")
    for mb, n, offsets, words in rows:
        print(f"{mb:>12.2f}{n:>14}{offsets:>16.2f}{words:>16.2f}")
    (mb0, _, off0, str0), (mb1, _, off1, str1) = rows
    print(f"\n{mb1 / mb0:.1f}x the text: offsets gold {off1 / off0:.1f}x the time, strings gold {str1 / str0:.1f}x "
          f"(linear: {mb1 / mb0:.0f}x; quadratic: {(mb1 / mb0) ** 2:.0f}x)")


if __name__ == "__main__":
    main()
