"""The review subcommands of ``iqtibas``: calibrate, suggest, report — what the verified
files teach the rules (:mod:`builder.review`)."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from builder.contract import Record, RecordError, read_records

log = logging.getLogger("iqtibas")

_FMT = argparse.RawDescriptionHelpFormatter


def _probability(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return number


def _positive(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not above 0")
    return number


def read_verified(paths: Sequence[str], what: str = "verified") -> list[Record]:
    """The records of every file, each document once (a document in two files is an error:
    it would be counted twice)."""
    records: list[Record] = []
    where: dict[str, str] = {}
    for path in paths:
        for record in read_records(path, what):
            if record["doc_id"] in where:
                raise RecordError(f"{path}: document {record['doc_id']} is also in {where[record['doc_id']]}: "
                                  f"give each document once")
            where[record["doc_id"]] = path
            records.append(record)
    return records


def _calibrate(args: argparse.Namespace) -> int:
    from builder.review.calibrate import cross_validated, examples, fit, held_out

    train = examples(read_verified(args.verified))
    model = fit(train, args.strength)
    if args.held_out:
        evaluation = held_out(train, examples(read_verified(args.held_out)), args.strength)
    else:
        evaluation = cross_validated(train, args.folds, args.strength)
    model.fitted_on["files"] = [Path(p).name for p in args.verified]
    model.evaluation = evaluation.as_dict()
    model.save(args.output)
    log.info("fitted on %d judged candidates of %d documents (%d accepted as proposed)", len(train),
             model.fitted_on["documents"], model.fitted_on["accepted"])
    for line in evaluation.lines():
        log.info("%s", line)
    log.info("calibration %s written to %s", model.id, args.output)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from builder.lexicon.lexicon import load
    from builder.review.proposals import write_proposals
    from builder.review.suggest import lexicon_proposals, weak_rules

    verified = read_verified(args.verified)
    proposals = lexicon_proposals(load(args.lexicons), verified, args.min_count)
    weak = weak_rules(verified, args.min_precision, args.min_judged)
    written = write_proposals(Path(args.output), proposals, weak, len(verified), args.min_precision,
                              Path(args.lexicons) if args.lexicons else None, args.overwrite,
                              [Path(p) for p in args.verified])
    log.info("%d lexicon rows proposed in %d files, %d rules below precision %g", len(proposals), len(written),
             len(weak), args.min_precision)
    log.info("proposals written to %s (read README.md; try them with iqtibas extract INPUT --lexicons %s)",
             args.output, args.output)
    return 0


def _report(args: argparse.Namespace) -> int:
    from builder.output import write_whole
    from builder.review.calibrate import load_calibration
    from builder.review.report import ReportData, render

    data = ReportData(read_verified(args.verified), read_verified(args.candidates, "candidates"),
                      load_calibration(args.calibration) if args.calibration else None,
                      [Path(p).name for p in [*args.verified, *args.candidates]])
    write_whole(Path(args.output), render(data))
    log.info("report written to %s (open it in a browser; it needs no server and no network)", args.output)
    return 0


def _command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, name: str, help_: str,
             description: str, examples: Sequence[str], output: tuple[str, str]) -> argparse.ArgumentParser:
    """A review subcommand reading verified files and writing ``output`` (default, what)."""
    p = sub.add_parser(name, parents=[common], formatter_class=_FMT, help=help_, description=description,
                       epilog="examples:\n" + "\n".join(f"  {e}" for e in examples))
    p.add_argument("verified", nargs="+", metavar="VERIFIED", help="verified files (the output of iqtibas pull)")
    p.add_argument("-o", "--output", default=output[0], help=f"{output[1]} (default: %(default)s)")
    return p


def _add_calibrate(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = _command(
        sub, common, "calibrate", "learn calibrated confidences from verified attributions",
        "Learn, from what annotators did with the candidates, the probability that a candidate is accepted as "
        "proposed: per rule and by the properties the rules know (cue kind, what introduced the content, type, "
        "speaker dropped or named, the name's length, content length, quotation marks closed or not), with a "
        "small regularized logistic model. Then measure it on documents it was not fitted on — held-out files, "
        "or else cross-validation by document — and print the Brier score and the expected calibration error "
        "of the recorded and the calibrated confidences. Use the file with extract --calibration or push "
        "--calibration.",
        ["iqtibas calibrate verified.jsonl -o calibration.json",
         "iqtibas calibrate dev-verified.jsonl --held-out seeds-verified.jsonl -o calibration.json",
         "iqtibas extract news/ --calibration calibration.json -o candidates.jsonl"],
        ("calibration.json", "the calibration file"))
    p.add_argument("--held-out", nargs="+", default=[], metavar="VERIFIED",
                   help="verified files of other documents to measure on (default: cross-validation by document)")
    p.add_argument("--folds", type=int, default=5, help="folds of the cross-validation (default: %(default)s)")
    p.add_argument("--strength", type=_positive, default=2.0,
                   help="how hard each property's weight is pulled towards the shared mean (default: %(default)s)")
    p.set_defaults(func=_calibrate)


def _add_suggest(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = _command(
        sub, common, "suggest", "propose lexicon entries and flag weak rules from the corrections",
        "Read the added and corrected attributions for the cue words and forms, titles, institutions and outlets "
        "spoken to that no lexicon holds, and write them — with how often each was seen and example ids — as "
        "rows appended to copies of the lexicon files, ready to try with extract --lexicons; list the rules "
        "whose precision fell below a threshold, with their rejected and corrected examples (README.md and "
        "proposals.json in the folder).",
        ["iqtibas suggest verified.jsonl -o proposals/",
         "iqtibas extract news/ --lexicons proposals/ -o candidates-tried.jsonl"],
        ("proposals", "the proposals folder"))
    p.add_argument("--lexicons", metavar="DIR", help="the lexicon folder the rules used, if not the shipped one")
    p.add_argument("--min-count", type=int, default=1, help="propose rows seen at least this often (default: 1)")
    p.add_argument("--min-precision", type=_probability, default=0.5,
                   help="flag rules whose precision is below this (default: %(default)s)")
    p.add_argument("--min-judged", type=int, default=5,
                   help="flag only rules with at least this many judged candidates (default: %(default)s)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the output folder even if it holds files iqtibas did not write")
    p.set_defaults(func=_suggest)


def _add_report(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = _command(
        sub, common, "report", "one self-contained HTML page on the review",
        "Write one HTML page that opens from disk with no server and no network: precision per rule with "
        "intervals, the calibration curve, accepted/corrected/added/rejected by type, agreement between "
        "annotators, the most quoted speakers and the documents with the most corrections.",
        ["iqtibas report verified.jsonl -o report.html",
         "iqtibas report verified.jsonl --calibration calibration.json --candidates candidates.jsonl -o report.html"],
        ("report.html", "the page"))
    p.add_argument("--candidates", nargs="+", default=[], metavar="FILE",
                   help="candidates files: their unreviewed documents are counted per rule")
    p.add_argument("--calibration", metavar="FILE",
                   help="a calibration file: its curve is drawn on the documents it was not fitted on")
    p.set_defaults(func=_report)


def add_review_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    _add_calibrate(sub, common)
    _add_suggest(sub, common)
    _add_report(sub, common)
