"""Long-document benchmark (not a test): extraction time must grow with a document's length,
not with its square.

Builds documents of one line each — shuffled seed paragraphs joined by spaces, and the
degenerate ``وقال: `` repeated — at a base size and four times it, extracts each once in
this process (CPU time), and prints the time of the longer as a ratio to the shorter: near
4 is linear, 16 quadratic.  ``--huge MB`` also extracts one line of that many megabytes
(50 MB takes a few minutes) and prints its time and peak memory.

    python bench/bench_long_lines.py
    python bench/bench_long_lines.py --base 1 --huge 50
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from builder.documents import make_document
from builder.engine.extract import extract
from builder.lexicon.lexicon import load

ROOT = Path(__file__).resolve().parent.parent


def one_line(kind: str, mb: float) -> str:
    """A one-line text of about ``mb`` MB of UTF-8."""
    target = int(mb * 1_000_000)
    if kind == "repeated-cue":
        unit = "وقال: "
        return unit * (target // len(unit.encode("utf-8")))
    paragraphs = [p for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    rng = random.Random(5)
    parts, size = [], 0
    while size < target:
        parts.append(rng.choice(paragraphs))
        size += len(parts[-1].encode("utf-8")) + 1
    return " ".join(parts)


def seconds(text: str) -> tuple[float, int]:
    doc = make_document(text, "bench")
    lex = load()
    start = time.process_time()
    found = extract(doc, lex)
    return time.process_time() - start, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=float, default=0.5, help="the shorter document, in MB (default: %(default)s)")
    parser.add_argument("--huge", type=float, help="also extract one line of this many MB")
    args = parser.parse_args()
    load()
    print(f"{'document (one line)':22}{'MB':>8}{'seconds':>10}{'found':>8}{'x time':>8}")
    for kind in ("news-paragraphs", "repeated-cue"):
        first = None
        for mb in (args.base, 4 * args.base):
            took, found = seconds(one_line(kind, mb))
            ratio = f"{took / first:.1f}" if first else ""
            first = first or took
            print(f"{kind:22}{mb:>8g}{took:>10.2f}{found:>8}{ratio:>8}")
    if args.huge:
        took, found = seconds(one_line("news-paragraphs", args.huge))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'news-paragraphs':22}{args.huge:>8g}{took:>10.2f}{found:>8}   peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
