"""Scale benchmark (not a test): start-up, every core, memory, and spaCy's tokenizer as a
reference, all in one run and printed as ratios where the machine's noise would blur seconds.

Corpora (built once under ``bench/corpus/``, git-ignored): documents of shuffled paragraphs of
the real news texts in ``../shared/realnews/txt`` when they are here, and of ``seeds/``.

* **start** — wall time of ``iqtibas --version`` and of a one-document ``iqtibas extract``
  (fastest of ``--repeat``), the peak resident memory of the largest process of an
  ``iqtibas extract`` of the smallest corpus, and whether ``extract`` imported the Label Studio
  SDK or ``datasets``; each against its target;
* **per core** — extraction in one process (read, extract, JSON out; CPU time), a bare
  ``regex`` scan for quotation marks and the tokenizer of spaCy's blank Arabic pipeline
  (``spacy.blank("ar")``: what a spaCy-based extractor pays before any matching) over the
  same texts, in MB/s of UTF-8 text and as ratios;
* **workers** — wall time of extracting the corpus with 1 and with 2 workers, alternated
  ``--repeat`` times on the smaller corpora, half as often on the larger (fastest of each),
  the speed-up against its target, and whether both outputs are the same bytes; beside it,
  as a control, the speed-up a bare Python loop gets from a second process at the same
  moments (on a shared machine, less than 2x: the ceiling for the workers), and the CPU time
  the 2-worker run costs over the 1-worker one (the price of the processes themselves, and
  of contention for the shared cores);
* **memory** — the peak of the main process and of the largest worker, at each corpus size.

Every measurement runs in a fresh process, so that its peak memory is its own.

    python bench/bench_scale.py                       # sizes 10 and 50 MB, fastest of 5
    python bench/bench_scale.py --sizes 5 20 --repeat 2
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_extract import ROOT, build_corpus, corpus_kinds, run_extract, run_scan

TARGETS = {"version_s": 1.5, "one_doc_s": 2.5, "extract_rss_mb": 120, "speedup_2": 1.6}
HEAVY_MODULES = ("label_studio_sdk", "datasets")
ONE_DOC = 'قال وزير الخارجية في مؤتمر صحفي: "نحن مستعدون للحوار". وأضاف أن الحكومة ستواصل جهودها.'


def _iqtibas() -> list[str]:
    script = Path(sys.executable).with_name("iqtibas")
    return [str(script)] if script.exists() else [sys.executable, "-m", "builder.cli"]


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


# --- measurements, each run in a child process -------------------------------------------------

def run_spacy(path: Path) -> dict:
    import spacy

    nlp = spacy.blank("ar")
    texts = _texts(path)
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.process_time() - start
    return {"mb": size / 1e6, "seconds": seconds, "tokens": tokens, "peak_mb": _peak_mb()}


def run_workers(path: Path, workers: int) -> dict:
    """Wall time of extracting ``path`` to a file with ``workers`` processes, the peaks of
    this (main) process and of the largest worker, and a digest of the output."""
    from builder.run.candidate_files import extract_to

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "candidates.jsonl"
        start = time.perf_counter()
        summary, _ = extract_to([str(path)], str(out), progress=False, workers=workers)
        seconds = time.perf_counter() - start
        with out.open("rb") as fh:  # streamed: the output is twice the corpus
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    cpu = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for field in ("ru_utime", "ru_stime"))
    return {"seconds": seconds, "cpu_seconds": cpu, "documents": summary.documents, "sha256": digest,
            "main_peak_mb": _peak_mb(), "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN) if workers > 1 else 0}


def run_imports(path: Path) -> dict:
    """Which of :data:`HEAVY_MODULES` the ``extract`` command imports, extracting ``path``."""
    from builder.cli.main import main

    with tempfile.TemporaryDirectory() as tmp:
        main(["-q", "extract", str(path), "-o", str(Path(tmp) / "c.jsonl")])
    return {"imported": [m for m in HEAVY_MODULES if m in sys.modules]}


def run_command_peak(path: Path) -> dict:
    """The peak resident memory of the largest process of ``iqtibas extract PATH``."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*_iqtibas(), "-q", "extract", str(path), "-o", str(Path(tmp) / "c.jsonl")],
                       check=True, cwd=ROOT)
    return {"peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def _spin(loops: int) -> int:
    total = 0
    for i in range(loops):
        total += i
    return total


def run_spin(processes: int) -> dict:
    """Wall time of a fixed pure-Python loop done twice: one after the other in one process,
    or side by side in two.  Their ratio is what the machine gives a second process right
    now (other users' work takes its share of the cores)."""
    import multiprocessing

    loops = 6_000_000
    start = time.perf_counter()
    if processes == 1:
        _spin(loops)
        _spin(loops)
    else:
        ctx = multiprocessing.get_context("fork")
        procs = [ctx.Process(target=_spin, args=(loops,)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
    return {"seconds": time.perf_counter() - start}


CHILDREN = {"extract": run_extract, "scan": run_scan, "spacy": run_spacy, "command-peak": run_command_peak,
            "imports": run_imports}


def _child(kind: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, *args],
                         check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def _fastest(kind: str, repeat: int, *args: str, key: str = "seconds") -> dict:
    return min((_child(kind, *args) for _ in range(repeat)), key=lambda r: r[key])


def _wall(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


# --- the report ---------------------------------------------------------------------------------

def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_start(smallest: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(ONE_DOC, encoding="utf-8")
        version = _wall([*_iqtibas(), "--version"], repeat)
        one_doc = _wall([*_iqtibas(), "-q", "extract", str(one), "-o", str(Path(tmp) / "one.jsonl")], repeat)
        imported = _child("imports", str(one))["imported"]
    peak = _child("command-peak", str(smallest))["peak_mb"]
    print("start (wall, fastest of {}){:>28}{:>12}".format(repeat, "target", ""))
    print(f"  iqtibas --version{version:>27.2f} s{'< ' + str(TARGETS['version_s']) + ' s':>14}  "
          f"{_verdict(version < TARGETS['version_s'])}")
    print(f"  iqtibas extract, one document{one_doc:>15.2f} s{'< ' + str(TARGETS['one_doc_s']) + ' s':>14}  "
          f"{_verdict(one_doc < TARGETS['one_doc_s'])}")
    print(f"  iqtibas extract {smallest.name}, largest process{peak:>5.0f} MB"
          f"{'< ' + str(TARGETS['extract_rss_mb']) + ' MB':>13}  {_verdict(peak < TARGETS['extract_rss_mb'])}")
    print(f"  extract imported {' or '.join(HEAVY_MODULES)}: {', '.join(imported) or 'neither'}"
          f"{'':>8}{_verdict(not imported)}")
    sys.stdout.flush()


def print_per_core(kind: str, path: Path, repeat: int, spacy_ok: bool) -> None:
    ex = _fastest("extract", repeat, str(path))
    scan = _fastest("scan", repeat, str(path))
    ex_rate = ex["mb"] / ex["seconds"]
    scan_rate = scan["mb"] / scan["seconds"]
    line = (f"{kind:<9}{ex['mb']:>6.1f} {ex['documents']:>7} {ex_rate:>11.2f} {scan_rate:>10.1f} "
            f"{scan_rate / ex_rate:>11.1f}x")
    if spacy_ok:
        sp = _fastest("spacy", repeat, str(path))
        sp_rate = sp["mb"] / sp["seconds"]
        line += f" {sp_rate:>11.2f} {sp_rate / ex_rate:>12.2f}x"
    else:
        line += f" {'(spaCy not installed)':>25}"
    print(line)
    sys.stdout.flush()


def measure_workers(path: Path, repeat: int) -> tuple[dict, dict, float]:
    """Fastest runs with 1 and with 2 workers, alternated so that both see the same moments,
    and the machine's own 1 -> 2 process speed-up measured between them (a bare loop)."""
    runs: dict[int, list[dict]] = {1: [], 2: []}
    spins: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for workers in (1, 2):
            spins[workers].append(_child("spin", str(workers))["seconds"])
            runs[workers].append(_child("workers", str(path), str(workers)))
    best = [min(runs[w], key=lambda r: r["seconds"]) for w in (1, 2)]
    return best[0], best[1], min(spins[1]) / min(spins[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs=2, type=float, default=[10.0, 50.0], metavar="MB",
                        help="the two corpus sizes, in MB (default: 10 50)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="keep the fastest of N runs; the larger corpora are run half as often (default: 5)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, *extra = args.child
        if kind == "workers":
            print(json.dumps(run_workers(Path(path), int(extra[0]))))
        elif kind == "spin":
            print(json.dumps(run_spin(int(path))))
        else:
            print(json.dumps(CHILDREN[kind](Path(path))))
        return

    small, large = sorted(args.sizes)
    kinds = corpus_kinds()
    spacy_ok = importlib.util.find_spec("spacy") is not None  # not imported here: children inherit our peak
    print(f"iqtibas scale benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"corpora: {', '.join(kinds)}\n")
    print_start(build_corpus(small, kinds[0]), args.repeat)

    print(f"\nper core (one process, CPU time, fastest of {args.repeat}; {small:g} MB corpora)")
    print(f"{'corpus':<9}{'MB':>6} {'docs':>7} {'extract MB/s':>11} {'scan MB/s':>10} {'scan/extract':>12}"
          f" {'spaCy MB/s':>11} {'spaCy/extract':>13}")
    for kind in kinds:
        print_per_core(kind, build_corpus(small, kind), args.repeat, spacy_ok)

    print(f"\nworkers (wall time of extract_to, 1 and 2 workers alternated, fastest of {args.repeat} on "
          f"{small:g} MB, of {max(1, args.repeat // 2)} on {large:g} MB; CPU: of every process of the run)")
    print(f"{'corpus':<16}{'1 worker s':>11}{'2 workers s':>12}{'speed-up':>10}{'target':>9}{'':>8}"
          f"{'same bytes':>11}{'machine 1->2':>14}{'CPU 2w/1w':>11}")
    memory = []
    for kind in kinds:
        for mb in (small, large):
            path = build_corpus(mb, kind)
            one, two, machine = measure_workers(path, args.repeat if mb == small else max(1, args.repeat // 2))
            speedup = one["seconds"] / two["seconds"]
            target = f">= {TARGETS['speedup_2']}x"
            verdict = _verdict(speedup >= TARGETS["speedup_2"])
            print(f"{kind + f' {mb:g} MB':<16}{one['seconds']:>11.2f}{two['seconds']:>12.2f}{speedup:>9.2f}x"
                  f"{target:>9}  {verdict:<6}{'yes' if one['sha256'] == two['sha256'] else 'NO':>11}"
                  f"{machine:>13.2f}x{two['cpu_seconds'] / one['cpu_seconds']:>10.2f}x")
            sys.stdout.flush()
            memory.append((kind, mb, one, two))

    print("\npeak resident memory, MB (from the runs above)")
    print(f"{'corpus':<16}{'1 worker':>10}{'2 workers: main':>17}{'largest worker':>16}")
    for kind, mb, one, two in memory:
        print(f"{kind + f' {mb:g} MB':<16}{one['main_peak_mb']:>10.0f}{two['main_peak_mb']:>17.0f}"
              f"{two['worker_peak_mb']:>16.0f}")
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end (the machine is shared: compare ratios, not seconds)")


if __name__ == "__main__":
    main()
