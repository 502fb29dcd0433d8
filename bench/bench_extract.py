"""Extraction benchmark (not a test): throughput, peak memory, the ratio to a bare scan,
and where the time goes.

Builds a corpus of at least ``--sizes`` megabytes by repeating and shuffling paragraphs into
documents — of the real news texts in ``../shared/realnews/txt`` when they are here, else of
``seeds/`` (``--corpus`` chooses) — writes it as JSON lines under ``bench/corpus/``
(git-ignored), then, each in a fresh process so that peak memory is its own:

* extracts from the corpus streamed from disk (read, normalise, rules, JSON out to
  /dev/null) — one process, one core;
* scans the same texts with a bare ``regex`` for quotation marks;

and prints throughput in MB/s of UTF-8 text (CPU time of the process, so that other load on
the machine counts less), peak memory, and their ratio; with ``--sizes`` it repeats at
several corpus sizes to show that memory stays flat, and with ``--repeat N`` it keeps the
fastest of N runs of each (the machine is noisy).

Then, in one process on the first ``--stages-mb`` MB held in memory, it times each stage of
the pipeline over every document (fastest of three) and prints each as milliseconds per MB
and as a ratio to the bare scan timed in the same run: reading JSON, normalisation,
layout (quotation pairing, sentences, page furniture and the one cue scan), the rules
around the anchors with the records they make, and writing JSON.  The fixed passes are the
floor any design that reads every character pays; the rules are what grows with the number
of cues.

    python bench/bench_extract.py                      # 50 MB
    python bench/bench_extract.py --sizes 10 50 --repeat 3
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
REALNEWS = ROOT.parent / "shared" / "realnews" / "txt"
#: Paragraphs per document: seeds-sized documents (3-7 KB), real-news-sized ones (about 1.5 KB).
PARAGRAPHS_PER_DOC = {"seeds": (8, 24), "realnews": (3, 12)}


def corpus_kinds() -> list[str]:
    """The corpora this machine can build: real news paragraphs when the shared texts are
    here, and always the seeds."""
    return (["realnews"] if REALNEWS.is_dir() else []) + ["seeds"]


def _paragraphs(kind: str) -> list[str]:
    folder = REALNEWS if kind == "realnews" else ROOT / "seeds"
    paragraphs = []
    for file in sorted(folder.glob("*.txt")):
        paragraphs += [p for p in file.read_text(encoding="utf-8").split("\n") if p.strip()]
    return paragraphs


def build_corpus(mb: float, kind: str = "seeds", seed: int = 13) -> Path:
    """Write (once) a corpus of at least ``mb`` MB of text, documents of shuffled paragraphs
    of the seeds or of the real news texts; returns its path.  The corpus lives in
    ``bench/corpus/`` (git-ignored: the real news texts belong to their publishers)."""
    path = CORPUS_DIR / f"{kind}-{mb:g}mb.jsonl"
    if path.exists():
        return path
    paragraphs = _paragraphs(kind)
    rng = random.Random(seed)
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    target = int(mb * 1_000_000)
    written = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        while written < target:
            doc = rng.sample(paragraphs, min(len(paragraphs), rng.randint(*PARAGRAPHS_PER_DOC[kind])))
            text = "\n\n".join(doc)
            written += len(text.encode("utf-8"))
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_extract(path: Path) -> dict:
    from builder.corpus.inputs import read_corpus
    from builder.lexicon.lexicon import load
    from builder.run.candidate_files import write_lines
    from builder.run.encode import encode_all

    lex = load()
    size = 0

    def sized(docs):
        nonlocal size
        for doc in docs:
            size += len(doc.text.encode("utf-8"))
            yield doc

    start = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        summary = write_lines(encode_all(sized(read_corpus([str(path)], lambda s: None)), lex), sink)
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


def _best(fn, rounds: int = 3) -> float:
    """Fastest CPU time of ``rounds`` calls of ``fn``."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def run_stages(path: Path, mb: float) -> dict:
    """Milliseconds per MB of each stage, and of the bare scan, on the first ``mb`` MB."""
    import regex

    from builder.corpus.inputs import read_corpus
    from builder.engine.extract import extract
    from builder.engine.layout import layout
    from builder.json_lines import dumps
    from builder.lexicon.lexicon import load
    from builder.run.encode import candidate_record
    from builder.text.arabic import normalize

    lex = load()
    lines = []
    chars = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            lines.append(line)
            chars += len(line)
            if chars > mb * 1e6 / 1.8:  # Arabic UTF-8: ~1.8 bytes a character
                break
    sample = path.with_name(path.stem + "-stages.jsonl")
    sample.write_text("".join(lines), encoding="utf-8")
    docs = list(read_corpus([str(sample)], lambda s: None))
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    norms = [normalize(d.text) for d in docs]
    records = [candidate_record(d, lex) for d in docs]
    quote_re = regex.compile(r"[\"“”„«»'‘’]")

    stages = {
        "scan": lambda: [quote_re.findall(d.text) for d in docs],
        "read JSON": lambda: list(read_corpus([str(sample)], lambda s: None)),
        "normalise": lambda: [normalize(d.text) for d in docs],
        "layout (quotes, sentences, furniture, the cue scan)": lambda: [layout(n.text, lex) for n in norms],
        "extract (all above but I/O, and the rules)": lambda: [extract(d, lex) for d in docs],
        "write JSON": lambda: [dumps(r) for r in records],
    }
    try:
        ms_per_mb = {name: _best(fn) * 1000 / size for name, fn in stages.items()}
    finally:
        sample.unlink()
    return {"mb": size, "documents": len(docs), "ms_per_mb": ms_per_mb}


def _child(kind: str, path: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path), *extra],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def _fastest(kind: str, path: Path, repeat: int) -> dict:
    return min((_child(kind, path) for _ in range(repeat)), key=lambda r: r["seconds"])


def print_stages(path: Path, mb: float) -> None:
    st = _child("stages", path, str(mb))
    ms = st["ms_per_mb"]
    scan = ms.pop("scan")
    extract_total = ms["extract (all above but I/O, and the rules)"]
    fixed = ms["normalise"] + ms["layout (quotes, sentences, furniture, the cue scan)"]
    rows = [(name, value) for name, value in ms.items() if not name.startswith("extract")]
    rows.insert(3, ("rules and records (extract minus the two above)", extract_total - fixed))
    total = sum(value for _, value in rows)
    print(f"\nwhere the time goes ({st['mb']:.1f} MB, {st['documents']} docs, one process, fastest of 3):")
    print(f"{'stage':<52} {'ms/MB':>7} {'x scan':>8}")
    print(f"{'bare regex scan for quotation marks':<52} {scan:>7.1f} {1:>7.1f}x")
    for name, value in rows:
        print(f"{name:<52} {value:>7.1f} {value / scan:>7.1f}x")
    print(f"{'total':<52} {total:>7.1f} {total / scan:>7.1f}x")
    io_fixed = fixed + ms["read JSON"] + ms["write JSON"]
    print(f"{'  of which passes over every character (no rules)':<52} {io_fixed:>7.1f} {io_fixed / scan:>7.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=float, default=[50.0], help="corpus sizes in MB")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs of each")
    parser.add_argument("--stages-mb", type=float, default=5.0,
                        help="MB of the corpus timed stage by stage (0: skip)")
    parser.add_argument("--corpus", choices=["realnews", "seeds"], default=corpus_kinds()[0],
                        help="paragraphs of the real news texts or of the seeds (default: %(default)s)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, *extra = args.child
        if kind == "stages":
            print(json.dumps(run_stages(Path(path), float(extra[0]))))
        else:
            print(json.dumps((run_extract if kind == "extract" else run_scan)(Path(path))))
        return
    print(f"{'corpus':>9} {'docs':>8} {'attrib.':>9} {'extract MB/s':>13} {'scan MB/s':>10} "
          f"{'scan/extract':>13} {'peak MB':>8}")
    for mb in args.sizes:
        path = build_corpus(mb, args.corpus)
        ex = _fastest("extract", path, args.repeat)
        scan = _fastest("scan", path, args.repeat)
        ex_rate = ex["mb"] / ex["seconds"]
        scan_rate = scan["mb"] / scan["seconds"]
        print(f"{ex['mb']:>7.1f}MB {ex['documents']:>8} {ex['attributions']:>9} {ex_rate:>13.2f} "
              f"{scan_rate:>10.1f} {scan_rate / ex_rate:>12.1f}x {ex['peak_mb']:>8.0f}")
    if args.stages_mb > 0:
        print_stages(build_corpus(min(args.sizes), args.corpus), args.stages_mb)


if __name__ == "__main__":
    main()
