"""The ``iqtibas`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from annotation.commands import EXIT_STUDIO, add_commands
from annotation.connection import StudioError
from builder import __version__
from builder.cli.cluster import add_executor_arguments, extract_with_executor, positive_int
from builder.cli.options import add_build_arguments, build_from_arguments
from builder.cli.review import add_review_commands
from builder.contract import RecordError, read_records
from builder.engine.rules import RULES_VERSION
from builder.evaluate import evaluate, format_report, format_scores, is_strings_format, score_strings
from builder.lexicon.files import LexiconError
from builder.lexicon.lexicon import lexicon_dir
from builder.output import NothingToWrite, OutputError
from builder.review.calibrate import CalibrationError, load_calibration
from builder.run.candidate_files import default_workers, extract_to

log = logging.getLogger("iqtibas")

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_ERROR = 2

_EPILOG = """\
exit status: 0 all input read; 1 finished, but some files or lines were skipped or read
with repairs (each one is named, with its line, in a warning); 2 bad usage, nothing could
be read (the output is then left as it was), an output that is one of the inputs or not a
regular file, or an output folder that would lose files; 3 Label Studio unreachable,
refusing the token, or answering with an error.
"""


def _extract(args: argparse.Namespace) -> int:
    if args.executor:
        if args.calibration:
            raise CalibrationError("--calibration is for the plain command: with --executor, give it to push")
        return extract_with_executor(args)
    args.output = args.output or "candidates.jsonl"
    summary, skips = extract_to(args.inputs, args.output, args.text_field, progress=not args.quiet,
                                lexicons=args.lexicons, workers=args.workers or default_workers(),
                                calibration=load_calibration(args.calibration) if args.calibration else None)
    for line in summary.lines():
        log.info("%s", line)
    if skips:
        repaired = sum(skip.kept for skip in skips)
        log.warning("%d input(s) skipped, %d read with repairs", len(skips) - repaired, repaired)
    if args.output != "-":
        log.info("candidates written to %s (rules %s)", args.output, RULES_VERSION)
    return EXIT_SKIPPED if skips else EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    gold, pred = read_records(args.gold, "gold"), read_records(args.pred, "predicted")
    if is_strings_format(gold):
        scores = score_strings(gold, pred)
        print(json.dumps(scores, ensure_ascii=False) if args.json else format_scores(scores))
        return EXIT_OK
    report = evaluate(gold, pred)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else format_report(report))
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    build_from_arguments(Path(args.verified), args)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iqtibas",
        description="Build datasets of who-said-what from Arabic news text: rules propose quotes, "
                    "claims, speakers and cues; annotators review them in Label Studio; the verified "
                    "attributions become a Hugging Face dataset.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"iqtibas {__version__} ({RULES_VERSION})")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors, no progress bar")
    common = argparse.ArgumentParser(add_help=False)  # the same flags after the command
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        parents=[common],
        help="find candidate attributions in Arabic text",
        description="Find quotes and claims with their speakers and cues, and write one JSON object per "
                    "document (doc_id, source, text, meta, attributions).",
        epilog=f"examples:\n  iqtibas extract seeds/ -o candidates.jsonl\n"
               f"  iqtibas extract news.jsonl --text-field body -o out.jsonl\n"
               f"  cat article.txt | iqtibas extract - -o -\n"
               f"  iqtibas extract corpus/ -o shards/ --executor local --tasks 8 --workers 2\n\n"
               f"The rules read their word lists from {lexicon_dir()}.\n\n{_EPILOG}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="a file (.txt: one document; .jsonl/.ndjson, .json array, .csv, .tsv, .parquet: one "
                         "document a record), a folder (recursive: files of those kinds and saved datasets; other "
                         "files, hidden ones and links to folders are left out), a folder saved with "
                         "datasets.save_to_disk, hf:NAME[:SPLIT], or - for standard input; a file of another kind "
                         "given by name is reported, not read")
    ex.add_argument("-o", "--output",
                    help="where to write (- for standard output; default: candidates.jsonl), replaced only by a "
                         "run that read something, and never one of the inputs, a device or a FIFO; with "
                         "--executor, the folder of the shards")
    ex.add_argument("--text-field", default="text",
                    help="the text field or column of JSON, CSV/TSV, Parquet and datasets (default: %(default)s)")
    ex.add_argument("--lexicons", metavar="DIR",
                    help="a folder of edited lexicon files to use instead of the shipped ones (files it does not "
                         "hold are taken as shipped; every row is checked, errors name file and line)")
    ex.add_argument("-j", "--workers", type=positive_int, metavar="N",
                    help=f"extract in N processes; the output is the same, in input order (default: this "
                         f"machine's cores, {default_workers()}); with --executor, how many tasks run at once "
                         f"(default: local, the cores; slurm and ray, no limit)")
    ex.add_argument("--calibration", metavar="FILE",
                    help="write calibrated confidences from this file (made by iqtibas calibrate) instead of the "
                         "rules' hand-set ones")
    add_executor_arguments(ex)
    ex.set_defaults(func=_extract)

    ev = sub.add_parser(
        "evaluate",
        parents=[common],
        help="precision/recall of predictions against gold annotations",
        description="Compare predicted attributions with hand-annotated ones: content (exact and overlap), "
                    "speaker accuracy, attribution F1 by type, and precision per rule. Gold in the output "
                    "contract (content spans with offsets, speaker_name) is matched by span overlap; gold with "
                    "content strings and speaker_names (the real-news format) is scored exactly as the "
                    "project's scorer score.py scores it, and printed in its form.",
        epilog="examples:\n  iqtibas evaluate --gold data/gold/seeds.jsonl --pred candidates.jsonl\n"
               "  iqtibas evaluate --gold ../shared/realnews/gold.jsonl --pred realnews.jsonl --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev.add_argument("--gold", required=True, help="gold JSON lines (offsets, or content strings and speaker_names)")
    ev.add_argument("--pred", required=True, help="predicted JSON lines (the output of iqtibas extract)")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.set_defaults(func=_evaluate)

    bd = sub.add_parser(
        "build",
        parents=[common],
        help="turn verified attributions into a Hugging Face dataset folder",
        description="Write Parquet files and a dataset card that datasets.load_dataset(FOLDER, CONFIG) reads as is: "
                    "configurations attributions, documents (tokens with IOB2 tags, spans, relations), rejected, "
                    "unreviewed (the rules' output on documents nobody reviewed, with --candidates) and speakers. "
                    "Splits train/validation/test are by document, near-duplicate documents kept together, and "
                    "stable from release to release.",
        epilog="examples:\n  iqtibas build verified.jsonl -o data/dataset/\n"
               "  iqtibas build verified.jsonl --candidates candidates.jsonl --test-from old/test-set.json\n"
               "  iqtibas build candidates.jsonl --unreviewed -o data/silver/\n"
               "  iqtibas build verified.jsonl --push-to-hub me/iqtibas\n\n"
               "The input must be the output of 'iqtibas pull' (every attribution with its review status); a file "
               "without statuses is refused unless --unreviewed.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bd.add_argument("verified", help="output of iqtibas pull")
    bd.add_argument("--unreviewed", action="store_true",
                    help="the input is not a review (the rules' output, hand annotation): publish all of it in the "
                         "'unreviewed' configuration, and say so in the card")
    add_build_arguments(bd)
    bd.set_defaults(func=_build)
    add_commands(sub, common)
    add_review_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.func(args)
    except StudioError as exc:
        log.error("%s", exc)
        return EXIT_STUDIO
    except (RecordError, LexiconError, OutputError, NothingToWrite, CalibrationError) as exc:
        for line in str(exc).splitlines():
            log.error("%s", line)
        return EXIT_ERROR
    except OSError as exc:  # an output that cannot be written (inputs report their own errors)
        log.error("%s: %s", exc.filename or "the output", exc.strerror or exc)
        return EXIT_ERROR
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except SystemExit as exc:
        return int(exc.code or 0)

