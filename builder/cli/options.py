"""Command-line options shared by more than one ``iqtibas`` command."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from builder.dataset.build import Built

log = logging.getLogger("iqtibas")


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    """The dataset options shared by ``build`` and ``export``."""
    parser.add_argument("-o", "--output", default="data/dataset",
                        help="the dataset folder: a new or empty folder, or one an earlier build made, which is "
                             "replaced whole (default: %(default)s)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the output folder even if it holds files iqtibas did not write (they are "
                             "deleted); without it such a folder is refused")
    parser.add_argument("--candidates", help="candidates file: its documents nobody has reviewed become the "
                                             "'unreviewed' configuration")
    parser.add_argument("--name", default="iqtibas", help="dataset name in the card (default: %(default)s)")
    parser.add_argument("--license", default="cc-by-4.0", help="license id for the card (default: %(default)s)")
    parser.add_argument("--push-to-hub", metavar="REPO", help="publish the folder to this Hub dataset repository "
                                                              "(token from HF_TOKEN)")


def build_from_arguments(verified: Path, args: argparse.Namespace) -> Built:
    """Build the dataset as the options say, report it, and publish it if asked."""
    from builder.dataset.build import build, push_to_hub, summary_lines  # imports datasets: only when building

    built = build(verified, Path(args.output), Path(args.candidates) if args.candidates else None,
                  name=args.name, license_id=args.license, overwrite=args.overwrite)
    for line in summary_lines(built):
        log.info("%s", line)
    if args.push_to_hub:
        log.info("published at %s", push_to_hub(built.path, args.push_to_hub))
    return built
