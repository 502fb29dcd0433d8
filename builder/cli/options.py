"""Command-line options shared by more than one ``iqtibas`` command."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from builder.dataset.provenance import ANNOTATOR_IDS, PSEUDONYM

if TYPE_CHECKING:
    from builder.dataset.build import Built

log = logging.getLogger("iqtibas")


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    """The dataset options shared by ``build`` and ``export``."""
    parser.add_argument("-o", "--output", default="data/dataset",
                        help="the dataset folder: a new or empty folder, or one an earlier build made, which is "
                             "replaced whole — the card's own sections (between its markers) are kept "
                             "(default: %(default)s)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the output folder even if it holds files iqtibas did not write (they are "
                             "deleted) or a card edited outside its own sections; without it such a folder is "
                             "refused")
    parser.add_argument("--candidates", help="candidates file: its documents nobody has reviewed become the "
                                             "'unreviewed' configuration")
    parser.add_argument("--test-from", metavar="FILE",
                        help="keep the test set of an earlier release: its test-set.json (or its folder, or a file "
                             "of document ids, one a line); new documents go to train and validation unless "
                             "grouped with a test document")
    parser.add_argument("--annotator-ids", choices=ANNOTATOR_IDS, default=PSEUDONYM,
                        help="how annotators are published: stable pseudonyms, or their e-mail addresses "
                             "(default: %(default)s)")
    parser.add_argument("--name", default="iqtibas", help="dataset name in the card (default: %(default)s)")
    parser.add_argument("--license", default="cc-by-4.0",
                        help="licence of the annotation (the texts keep their publishers' rights) "
                             "(default: %(default)s)")
    parser.add_argument("--push-to-hub", metavar="REPO", help="publish the folder to this Hub dataset repository "
                                                              "(token from HF_TOKEN)")


def build_from_arguments(verified: Path, args: argparse.Namespace) -> Built:
    """Build the dataset as the options say, report it, and publish it if asked."""
    from builder.dataset.build import Options, build, push_to_hub, summary_lines  # imports datasets: only now

    options = Options(name=args.name, license_id=args.license, annotator_ids=args.annotator_ids,
                      test_from=Path(args.test_from) if args.test_from else None,
                      unreviewed=getattr(args, "unreviewed", False), overwrite=args.overwrite)
    built = build(verified, Path(args.output), Path(args.candidates) if args.candidates else None, options)
    for line in summary_lines(built):
        log.info("%s", line)
    if args.push_to_hub:
        log.info("published at %s", push_to_hub(built.path, args.push_to_hub))
    return built
