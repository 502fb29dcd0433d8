"""Lexicon benchmark (not a test): loading a lexicon must grow with its rows, not faster.

Writes a ``cue_verbs.tsv`` of made-up verbs (random stems of three to five letters, each
with its present) at a base number of rows and ten times it, loads each as ``--lexicons`` in a fresh
process (CPU time, peak memory), extracts one sentence with it, and prints the time of the
larger as a ratio to the smaller: near 10 is linear.  The issue's mark: 100,000 rows in under
60 s (before, 1k/4k/16k rows took 6/21/74 s and 100k was killed at 300 s).

    python bench/bench_lexicon.py
    python bench/bench_lexicon.py --rows 1000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمن"


def write_verbs(folder: Path, rows: int) -> Path:
    """``rows`` distinct made-up verbs (past, present) in ``folder/cue_verbs.tsv``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    pasts: dict[str, None] = {}
    while len(pasts) < rows:
        pasts["".join(rng.choice(LETTERS) for _ in range(rng.choice((3, 4, 4, 5))))] = None
    lines = [f"{past}\tي{past[1:] if len(past) > 3 else past}\n" for past in pasts]
    (folder / "cue_verbs.tsv").write_text("".join(lines), encoding="utf-8")
    return folder


def child(folder: str) -> dict:
    from builder.documents import make_document
    from builder.engine.extract import extract
    from builder.lexicon.lexicon import load

    start = time.process_time()
    lex = load(folder)
    seconds = time.process_time() - start
    verb = (Path(folder) / "cue_verbs.tsv").read_text(encoding="utf-8").split("\t", 1)[0]
    found = extract(make_document(f"و{verb} المتحدث باسم الوزارة أن الاجتماع سيعقد غدا.", "bench"), lex)
    return {"seconds": seconds, "forms": len(lex.cues), "matcher": type(lex.cue_re).__name__,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "cue": found[0]["cue"]["text"] if found else None}


def measure(rows: int, tmp: Path) -> dict:
    folder = write_verbs(tmp / str(rows), rows)
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], check=True, capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parent.parent)
    return {"rows": rows, **json.loads(out.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000, help="the smaller lexicon (default: %(default)s)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        small, large = (measure(rows, Path(tmp)) for rows in (args.rows, 10 * args.rows))
    print(f"{'verb rows':>10}{'cue forms':>11}{'matcher':>12}{'load s':>8}{'peak MB':>9}  cue found")
    for r in (small, large):
        print(f"{r['rows']:>10}{r['forms']:>11}{r['matcher']:>12}{r['seconds']:>8.2f}{r['peak_mb']:>9.0f}  {r['cue']}")
    print(f"\n10x the rows: {large['seconds'] / small['seconds']:.1f}x the time, "
          f"{large['peak_mb'] / small['peak_mb']:.1f}x the memory (linear: 10x)")


if __name__ == "__main__":
    main()
