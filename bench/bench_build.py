"""Dataset build benchmark (not a test): ``build --candidates`` must grow with the number of
documents, not with its square.

Makes candidate files of N and 10·N documents from the project's own texts (``seeds/``,
``data/dev/``, ``data/holdout/``): each document three paragraphs of those texts, drawn at
random, with the rules' candidates of each paragraph moved along — so quotes and speakers
recur across documents, as wire copies and one press conference in many outlets do.  It
times, in this process (CPU time), the grouping of near-duplicates alone and the whole build
(the verified seeds, the candidates as ``unreviewed``, Parquet and card written), and prints
the time of the larger corpus as a ratio to the smaller: near 10 is linear, 100 quadratic.

    python bench/bench_build.py                  # 2,000 and 20,000 documents
    python bench/bench_build.py --documents 500
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from builder.contract import Record, read_records
from builder.corpus.inputs import read_corpus
from builder.dataset.build import Options, _quotes, _speaker_names, assemble, write_folder
from builder.dataset.gold_review import review_by_gold
from builder.dataset.inputs import read_unreviewed
from builder.dataset.splits import near_duplicate_groups
from builder.documents import doc_id_for
from builder.run.encode import candidate_record

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [ROOT / "seeds", ROOT / "data" / "dev", ROOT / "data" / "holdout"]


def paragraphs(records: list[Record]) -> list[tuple[str, list[dict]]]:
    """Every paragraph of the records with the candidates that lie in it, moved to its start."""
    out = []
    for record in records:
        start = 0
        for line in record["text"].split("\n"):
            end = start + len(line)
            inside = [a for a in record["attributions"]
                      if all(start <= s["start"] and s["end"] <= end
                             for s in [*a["content"], a.get("speaker"), a.get("cue")] if s)]
            if line.strip():
                out.append((line, [_moved(a, -start) for a in inside]))
            start = end + 1
    return out


def _moved(a: dict, by: int) -> dict:
    def move(s: dict | None) -> dict | None:
        return None if s is None else {**s, "start": s["start"] + by, "end": s["end"] + by}

    return {**a, "content": [move(s) for s in a["content"]], "speaker": move(a.get("speaker")),
            "cue": move(a.get("cue"))}


def corpus(pieces: list[tuple[str, list[dict]]], documents: int, seed: int = 3) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for k in range(documents):
        text, attributions = "", []
        for line, found in rng.sample(pieces, 3):
            offset = len(text) + (1 if text else 0)
            text = f"{text}\n{line}" if text else line
            attributions += [{**_moved(a, offset), "id": f"{k}-{len(attributions)}"} for a in found]
        text += f"\nرقم {k}"  # every document its own text, so its own id
        out.append({"doc_id": doc_id_for(text), "source": f"bench:{k}", "text": text, "meta": {},
                    "attributions": attributions})
    return out


def timed(what, *args) -> tuple[float, object]:
    start = time.process_time()
    result = what(*args)
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000, help="the smaller corpus (default: %(default)s)")
    args = parser.parse_args()
    candidates = [candidate_record(d) for d in read_corpus([str(p) for p in TEXTS], lambda s: None)]
    verified = review_by_gold(read_records(ROOT / "data" / "gold" / "seeds.jsonl", "gold"), candidates, "bench")
    pieces = paragraphs(candidates)
    print(f"{'documents':>10}{'grouping s':>12}{'x':>7}{'build s':>10}{'x':>7}{'documents/s':>13}")
    first: tuple[float, float] | None = None
    for n in (args.documents, 10 * args.documents):
        docs = corpus(pieces, n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "candidates.jsonl"
            path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                            encoding="utf-8")
            silver = read_unreviewed(path)
            grouping, _ = timed(near_duplicate_groups, _quotes(silver), _speaker_names(silver))
            start = time.process_time()
            write_folder(assemble(verified, silver), Path(tmp) / "ds", Options())
            whole = time.process_time() - start
        first = first or (grouping, whole)
        print(f"{n:>10,}{grouping:>12.2f}{grouping / first[0]:>7.1f}{whole:>10.2f}{whole / first[1]:>7.1f}"
              f"{n / whole:>13,.0f}")


if __name__ == "__main__":
    main()
