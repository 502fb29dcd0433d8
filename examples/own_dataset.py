"""Build the dataset of the project's own texts: the seed articles and the development set
(``seeds/``, ``data/dev/``), reviewed by their hand annotation (``data/gold/``).

The rules extract candidates from the texts; the hand annotation, compared with them as
``pull`` compares an annotator's work with the predictions, makes each attribution
accepted, corrected or added and each candidate it does not keep rejected
(:func:`builder.dataset.gold_review.review_by_gold`); ``iqtibas build`` makes the dataset.
Only the project's own texts: never ``../shared``.

    python examples/own_dataset.py OUTDIR            # OUTDIR/dataset, OUTDIR/verified.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

from builder.contract import read_records
from builder.dataset.gold_review import review_by_gold

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [ROOT / "seeds", ROOT / "data" / "dev"]
GOLD = [ROOT / "data" / "gold" / "seeds.jsonl", ROOT / "data" / "gold" / "dev.jsonl"]
ANNOTATOR = "gold@iqtibas.data"


def iqtibas(*args: str) -> None:
    """Run the ``iqtibas`` command of this interpreter's environment."""
    subprocess.run([sys.executable, "-m", "builder.cli", "-q", *args], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="where the candidates, the verified file and the dataset go")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.outdir.mkdir(parents=True, exist_ok=True)
    candidates, verified = args.outdir / "candidates.jsonl", args.outdir / "verified.jsonl"
    iqtibas("extract", *map(str, TEXTS), "-o", str(candidates), "--workers", "1")
    reviewed = review_by_gold([r for path in GOLD for r in read_records(path, "gold")],
                              read_records(candidates, "candidates"), ANNOTATOR)
    verified.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reviewed), encoding="utf-8")
    iqtibas("build", str(verified), "-o", str(args.outdir / "dataset"), "--name", "iqtibas-own")
    logging.info("dataset of %d documents in %s", len(reviewed), args.outdir / "dataset")
    return 0


if __name__ == "__main__":
    sys.exit(main())
