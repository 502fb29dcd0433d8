"""Extraction benchmark (not a test): throughput, peak memory, and the ratio to a bare scan.

Builds a corpus of at least ``--mb`` megabytes by repeating and shuffling the paragraphs of
``seeds/`` into documents, writes it as JSON lines under ``bench/corpus/``, then, each in a
fresh process so that peak memory is its own:

* extracts from the corpus streamed from disk (read, normalise, rules, JSON out to
  /dev/null) — one process, one core;
* scans the same texts with a bare ``regex`` for quotation marks;

and prints throughput in MB/s of UTF-8 text (CPU time of the process, so that other load on
the machine does not count), peak memory, and their ratio; with
``--sizes`` it repeats at several corpus sizes to show that memory stays flat.

    python bench/bench_extract.py            # 50 MB
    python bench/bench_extract.py --sizes 10 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "bench" / "corpus"
PARAGRAPHS_PER_DOC = (8, 24)  # documents the size of the seeds (3-7 KB)


def build_corpus(mb: float, seed: int = 13) -> Path:
    """Write (once) a shuffled corpus of at least ``mb`` MB of text; returns its path."""
    path = CORPUS_DIR / f"corpus-{mb:g}mb.jsonl"
    if path.exists():
        return path
    paragraphs = []
    for file in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p for p in file.read_text(encoding="utf-8").split("\n") if p.strip()]
    rng = random.Random(seed)
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    target = int(mb * 1_000_000)
    written = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        while written < target:
            doc = rng.sample(paragraphs, rng.randint(*PARAGRAPHS_PER_DOC))
            text = "\n\n".join(doc)
            written += len(text.encode("utf-8"))
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_extract(path: Path) -> dict:
    from builder.candidates import extract_all, write_candidates
    from builder.corpus import read_corpus
    from builder.lexicon import load

    load()
    size = 0

    def sized(docs):
        nonlocal size
        for doc in docs:
            size += len(doc.text.encode("utf-8"))
            yield doc

    start = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        summary = write_candidates(extract_all(sized(read_corpus([str(path)], lambda s: None))), sink)
    seconds = time.process_time() - start
    return {"mb": size / 1e6, "seconds": seconds, "peak_mb": _peak_mb(),
            "documents": summary.documents, "attributions": summary.attributions}


def run_scan(path: Path) -> dict:
    import regex

    quote_re = regex.compile(r"[\"“”„«»'‘’]")
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.process_time()
    marks = sum(len(quote_re.findall(t)) for t in texts)
    seconds = time.process_time() - start
    return {"mb": size / 1e6, "seconds": seconds, "peak_mb": _peak_mb(), "marks": marks}


def _child(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path)],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=float, default=[50.0], help="corpus sizes in MB")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        print(json.dumps((run_extract if kind == "extract" else run_scan)(Path(path))))
        return
    print(f"{'corpus':>9} {'docs':>8} {'attrib.':>9} {'extract MB/s':>13} {'scan MB/s':>10} "
          f"{'scan/extract':>13} {'peak MB':>8}")
    for mb in args.sizes:
        path = build_corpus(mb)
        ex = _child("extract", path)
        scan = _child("scan", path)
        ex_rate = ex["mb"] / ex["seconds"]
        scan_rate = scan["mb"] / scan["seconds"]
        print(f"{ex['mb']:>7.1f}MB {ex['documents']:>8} {ex['attributions']:>9} {ex_rate:>13.2f} "
              f"{scan_rate:>10.1f} {scan_rate / ex_rate:>12.1f}x {ex['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
