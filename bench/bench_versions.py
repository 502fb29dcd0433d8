"""Two versions of the extractor on the same texts, in one run (not a test): per-core speed
of this checkout as a ratio to an earlier revision.

The earlier revision is exported from git (``git archive``) into the git-ignored
``bench/corpus/rev-REV/``; both extract the same documents in fresh processes, taken in
turns so that the machine's swings fall on both alike, and the fastest CPU time of each is
kept.  The corpus is built of paragraphs of the real news texts (when present) or of the
seeds; with ``--without-furniture`` the paragraphs that are page-furniture headings are left
out, so that a version that stops reading at the first such heading (as rules-2026.11.2 did)
reads the same text as one that goes on after it.

    python bench/bench_versions.py --rev 2070851 --mb 2 --repeat 5 --without-furniture
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
from pathlib import Path

from bench_extract import CORPUS_DIR, ROOT, _paragraphs, corpus_kinds

_CHILD = """
import json, sys, time
from builder.documents import make_document
from builder.engine.extract import extract
from builder.lexicon.lexicon import load
lex = load()
docs = [make_document(json.loads(line)["text"], "bench") for line in open(sys.argv[1], encoding="utf-8")]
start = time.process_time()
found = sum(len(extract(d, lex)) for d in docs)
print(json.dumps({"seconds": time.process_time() - start, "found": found,
                  "mb": sum(len(d.text.encode("utf-8")) for d in docs) / 1e6}))
"""


def export(rev: str) -> Path:
    """The files of ``rev`` under ``bench/corpus/rev-REV`` (once)."""
    folder = CORPUS_DIR / f"rev-{rev}"
    if not (folder / "builder").is_dir():
        archive = subprocess.run(["git", "archive", rev, "builder"], cwd=ROOT, check=True, capture_output=True).stdout
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def corpus(kind: str, mb: float, without_furniture: bool, seed: int = 5) -> Path:
    path = CORPUS_DIR / f"versions-{kind}-{mb:g}mb{'-nofurniture' if without_furniture else ''}.jsonl"
    if path.exists():
        return path
    paragraphs = _paragraphs(kind)
    if without_furniture:
        from builder.lexicon.lexicon import load
        from builder.text.arabic import normalize

        furniture = load().furniture_re
        paragraphs = [p for p in paragraphs if not furniture.search(normalize(p).text)]
    rng = random.Random(seed)
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < mb * 1e6:
            text = "\n".join(rng.sample(paragraphs, rng.randint(3, 12)))
            written += len(text.encode("utf-8"))
            out.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return path


def timed(tree: Path, path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], env=env, cwd=tree, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", required=True, help="the earlier revision (a commit, tag or branch)")
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each version, fastest kept (default: %(default)s)")
    parser.add_argument("--corpus", choices=["realnews", "seeds"], default=corpus_kinds()[0],
                        help="paragraphs of the real news texts or of the seeds (default: %(default)s)")
    parser.add_argument("--without-furniture", action="store_true",
                        help="leave out the paragraphs that are page-furniture headings")
    args = parser.parse_args()
    path = corpus(args.corpus, args.mb, args.without_furniture)
    trees = {args.rev: export(args.rev), "this checkout": ROOT}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.repeat):
        for name, tree in trees.items():
            runs[name].append(timed(tree, path))
    best = {name: min(r, key=lambda x: x["seconds"]) for name, r in runs.items()}
    print(f"{path.name}: {best['this checkout']['mb']:.1f} MB, fastest of {args.repeat} runs of each, taken in turns")
    print(f"{'version':<16}{'CPU s':>8}{'MB/s':>8}{'found':>8}")
    for name, b in best.items():
        print(f"{name:<16}{b['seconds']:>8.2f}{b['mb'] / b['seconds']:>8.2f}{b['found']:>8}")
    ratio = best[args.rev]["seconds"] / best["this checkout"]["seconds"]
    print(f"per-core speed of this checkout: {ratio:.2f}x that of {args.rev} ({(ratio - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
