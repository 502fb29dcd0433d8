"""The review loop on simulated reviews, until real ones exist: verified files made from the
gold of ``data/dev`` (to fit on) and of the seeds (to report on) against the rules' own
candidates (:mod:`builder.dataset.gold_review`), then what ``iqtibas calibrate``, ``suggest`` and
``report`` make of them.  Prints the calibration figures and where the files went.

    .venv/bin/python bench/review_simulated.py              # into out/review/
    .venv/bin/iqtibas report out/review/seeds-verified.jsonl --calibration out/review/calibration.json -o r.html
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.contract import read_records  # noqa: E402
from builder.corpus.inputs import read_corpus  # noqa: E402
from builder.dataset.gold_review import review_by_gold  # noqa: E402
from builder.lexicon.lexicon import load  # noqa: E402
from builder.review.calibrate import cross_validated, examples, fit, held_out  # noqa: E402
from builder.review.proposals import write_proposals  # noqa: E402
from builder.review.report import ReportData, render  # noqa: E402
from builder.review.suggest import lexicon_proposals, weak_rules  # noqa: E402
from builder.run.encode import candidate_record  # noqa: E402

SETS = {"dev": (ROOT / "data" / "dev", ROOT / "data" / "gold" / "dev.jsonl"),
        "seeds": (ROOT / "seeds", ROOT / "data" / "gold" / "seeds.jsonl"),
        "holdout": (ROOT / "data" / "holdout", ROOT / "data" / "gold" / "holdout.jsonl")}
ANNOTATOR = "simulated@iqtibas.local"


def simulated(name: str, out: Path) -> tuple[list[dict], list[dict]]:
    """The candidates and the simulated verified records of one set, both written to ``out``."""
    folder, gold = SETS[name]
    candidates = [candidate_record(d) for d in read_corpus([str(folder)], lambda s: None)]
    verified = review_by_gold(read_records(gold, "gold"), candidates, ANNOTATOR)
    for records, kind in ((candidates, "candidates"), (verified, "verified")):
        with (out / f"{name}-{kind}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return candidates, verified


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", default=str(ROOT / "out" / "review"), help="where the files go")
    out = Path(parser.parse_args().output)
    out.mkdir(parents=True, exist_ok=True)
    data = {name: simulated(name, out) for name in SETS}
    train = examples(data["dev"][1])
    model = fit(train)
    report_on = held_out(train, examples(data["seeds"][1]))
    model.evaluation = report_on.as_dict()
    model.save(out / "calibration.json")
    print(f"calibration {model.id}: fitted on {len(train)} judged candidates of data/dev (simulated review)")
    for title, evaluation in (("seeds (the report set)", report_on),
                              ("data/holdout", held_out(train, examples(data["holdout"][1]))),
                              ("data/dev, 5-fold by document", cross_validated(train))):
        b, a, n = evaluation.fit_before, evaluation.fit_after, len(evaluation.outcomes)
        print(f"  {title:30s} {n:4d} candidates, {sum(evaluation.outcomes) / max(n, 1):.0%} accepted: "
              f"Brier {b.brier:.4f} -> {a.brier:.4f}, ECE {b.ece:.4f} -> {a.ece:.4f}")
    verified = data["dev"][1] + data["seeds"][1]
    proposals = lexicon_proposals(load(), verified)
    weak = weak_rules(verified, 0.5)
    write_proposals(out / "proposals", proposals, weak, len(verified), 0.5, overwrite=True)
    print(f"proposals: {len(proposals)} lexicon rows, {len(weak)} rules below 0.5 -> {out / 'proposals'}")
    for p in proposals:
        print(f"  {p.file:20s} {' | '.join(p.row):25s} seen {p.count}x as {p.seen}")
    (out / "report.html").write_text(render(ReportData(data["seeds"][1], data["holdout"][0], model,
                                                       ["seeds-verified.jsonl", "holdout-candidates.jsonl"])),
                                     encoding="utf-8")
    print(f"report: {out / 'report.html'}")


if __name__ == "__main__":
    main()
