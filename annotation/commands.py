"""The Label Studio subcommands of ``iqtibas``: push, pull, studio, run."""

from __future__ import annotations

import argparse
import logging
import shlex
from collections.abc import Iterator
from pathlib import Path

from annotation.connection import Studio, StudioError, environment_settings
from annotation.pull import pull
from annotation.push import DEFAULT_PROJECT, push
from annotation.record import Local, record_path
from annotation.server import DEFAULT_PORT, ensure_local, running_local, stop_local
from annotation.tasks import DEFAULT_CHUNK_CHARS
from builder.cli.options import add_build_arguments, build_from_arguments
from builder.contract import Record, iter_records
from builder.dataset.card_file import check_target
from builder.output import NothingToWrite, left_as_it_was
from builder.review.calibrate import load_calibration
from builder.run.candidate_files import extract_to

log = logging.getLogger("iqtibas")

EXIT_STUDIO = 3
PULL_EPILOG = ("exit status: 0 everything read; 1 something could not be read (see the warnings; it is in the raw "
               "export); 2 no document is fully annotated yet (the verified file is left as it was), or the "
               "output is not a regular file; 3 Label Studio unreachable or refusing\n\nexample:\n  {example}")


def connect(start_local: bool) -> Studio:
    """A client for the server ``LABEL_STUDIO_URL`` names, else for the local server once it
    has proved it is ours; with ``start_local``, a local server is started when none runs."""
    config = environment_settings()
    if config is not None:
        return Studio(config)
    if not start_local:
        local = running_local()
        if local is None:
            raise StudioError("no Label Studio configured: set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY, "
                              "or start the local one with `iqtibas studio`")
        return Studio(local.settings)
    local, started = ensure_local()
    if started:
        log.info("started a local Label Studio at %s (login %s, password in %s)", local.url, local.username,
                 record_path())
    return Studio(local.settings)


def _print_login(local: Local) -> None:
    print(f"  login     {local.username}")
    print(f"  password  {local.password}   (kept in {record_path()}, readable by you only)")
    print("  stop it   iqtibas studio --stop")


def candidates(path: str) -> Iterator[Record]:
    """The candidates of ``path``, all checked before the first is pushed, then read again one
    at a time: a bad line stops the push before anything is sent, and memory does not grow
    with the file."""
    for _ in iter_records(path, "candidates"):
        pass
    return iter_records(path, "candidates")


def _push(args: argparse.Namespace) -> int:
    records = candidates(args.candidates)
    studio = connect(start_local=False)
    if args.calibration:
        calibration = load_calibration(args.calibration)
        records = (calibration.calibrate(r) for r in records)
    summary = push(studio, records, args.project, args.max_chars, progress=not args.quiet)
    log.info("%s", summary.line())
    log.info("review at %s/projects/%d", studio.settings.url, summary.project_id)
    return 0


def _raw_dir(out: Path, raw_dir: str | None) -> Path:
    """Where raw exports go: ``raw_dir``, else ``raw/`` beside the verified file ``out``."""
    return Path(raw_dir) if raw_dir else out.parent / "raw"


def _pull_to(project: str, out: Path, raw_dir: str | None) -> int:
    """Pull ``project`` into ``out``, keeping the raw exports (see :func:`_raw_dir`).
    Returns 1 when a region or relation could not be read (it is only in the raw export), else 0;
    raises :class:`NothingToWrite` when no document is fully annotated (``out`` is left as it was)."""
    summary = pull(connect(start_local=False), project, out, _raw_dir(out, raw_dir))
    for line in summary.lines():
        log.info("%s", line)
    if not summary.documents:
        raise NothingToWrite(f"no document of project {project!r} is fully annotated yet: {left_as_it_was(out)}")
    log.info("verified attributions written to %s", out)
    return 1 if summary.problems else 0


def _pull(args: argparse.Namespace) -> int:
    return _pull_to(args.project, Path(args.output), args.raw_dir)


def _export(args: argparse.Namespace) -> int:
    verified = Path(args.verified_output)
    # Before pulling: the dataset folder is replaced whole, so neither the verified file nor
    # the raw exports may be written inside it, and a folder that is not ours (or a card edited
    # outside its own sections) is refused.
    check_target(Path(args.output), args.overwrite, [verified, _raw_dir(verified, args.raw_dir)])
    status = _pull_to(args.project, verified, args.raw_dir)
    build_from_arguments(verified, args)
    return status


def _add_pull_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", default=DEFAULT_PROJECT, help="project title (default: %(default)s)")
    parser.add_argument("--raw-dir", help="where raw exports are kept (default: raw/ beside the verified file)")


def _studio(args: argparse.Namespace) -> int:
    if args.stop:
        log.info("stopped" if stop_local() else "no local Label Studio was running")
        return 0
    local, started = ensure_local(args.port)
    print(f"Label Studio {'started' if started else 'running'} at {local.url}")
    _print_login(local)
    return 0


def _run(args: argparse.Namespace) -> int:
    summary, skips = extract_to(args.inputs, args.candidates, progress=not args.quiet, lexicons=args.lexicons)
    for line in summary.lines():
        log.info("%s", line)
    studio = connect(start_local=True)
    result = push(studio, candidates(args.candidates), args.project, progress=not args.quiet)
    log.info("%s", result.line())
    print("Review the candidates in Label Studio:")
    print(f"  open      {studio.settings.url}/projects/{result.project_id}/data?labeling=1")
    local = running_local() if studio.settings.origin != "environment" else None
    if local:
        _print_login(local)
    else:
        print("  login     your account on that server (LABEL_STUDIO_URL)")
    print("  then      iqtibas pull --project " + shlex.quote(args.project) + " -o verified.jsonl")
    return 1 if skips else 0


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("push", parents=[common], formatter_class=fmt,
                       help="send candidates to Label Studio as pre-annotations",
                       description="Create the project if missing (labeling config, guidelines, uncertainty "
                                   "sampling) and import one task per document chunk with its candidates as "
                                   "predictions. Pushing again adds only new documents, or new predictions "
                                   "when the rules version changed; annotations are never touched. Inputs with "
                                   "the same text are one task that keeps every input's source and metadata "
                                   "(same_text). Pushes to the local server take turns; pushes at once from "
                                   "elsewhere are reconciled: one task per document, every prediction once.",
                       epilog="example:\n  iqtibas push candidates.jsonl --project news-2026")
    p.add_argument("candidates", help="output of iqtibas extract")
    p.add_argument("--project", default=DEFAULT_PROJECT, help=f"project title (default: {DEFAULT_PROJECT})")
    p.add_argument("--max-chars", type=int, default=DEFAULT_CHUNK_CHARS,
                   help="split longer documents at paragraph boundaries (default: %(default)s)")
    p.add_argument("--calibration", metavar="FILE",
                   help="send calibrated confidences from this file (made by iqtibas calibrate), so that the "
                        "least-certain-first order follows them; they reach tasks already there as new predictions")
    p.set_defaults(func=_push)

    p = sub.add_parser("pull", parents=[common], formatter_class=fmt,
                       help="export verified attributions from Label Studio",
                       description="Keep the raw export in a timestamped file, then write one JSON object per "
                                   "fully annotated document, each attribution with its status (accepted, "
                                   "corrected, added, rejected), annotator (e-mail) and time. A region, type or "
                                   "relation that cannot be read is a warning naming its task and region; it "
                                   "stays in the raw export.",
                       epilog=PULL_EPILOG.format(example="iqtibas pull --project news-2026 -o verified.jsonl"))
    _add_pull_arguments(p)
    p.add_argument("-o", "--output", default="verified.jsonl", help="the verified file (default: %(default)s)")
    p.set_defaults(func=_pull)

    p = sub.add_parser("export", parents=[common], formatter_class=fmt,
                       help="pull + build in one step",
                       description="Pull the verified attributions of a project (keeping the raw export), then "
                                   "build the dataset folder from them. The verified file and the raw exports "
                                   "must lie outside the dataset folder, which is replaced whole.",
                       epilog=PULL_EPILOG.format(example="iqtibas export --project news-2026 -o data/dataset/"))
    _add_pull_arguments(p)
    p.add_argument("--verified-output", default="out/verified.jsonl",
                   help="where the pulled attributions go, outside the dataset folder (default: %(default)s)")
    add_build_arguments(p)
    p.set_defaults(func=_export)

    p = sub.add_parser("studio", parents=[common], formatter_class=fmt,
                       help="start a local Label Studio (SQLite, 127.0.0.1)",
                       description="Start label-studio on 127.0.0.1 with its own data folder and a generated "
                                   "login and API token kept in .iqtibas/studio.json (owner-only), wait until "
                                   "it is healthy, and print the URL and login. A server recorded there is used "
                                   "only if it proves it is ours (its process alive and listening on the "
                                   "recorded port, our token accepted); a stale record is removed and a new "
                                   "server started. LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY, when set, point "
                                   "the other commands elsewhere.")
    p.add_argument("--port", type=int,
                   help=f"port on 127.0.0.1 for a new server (default: {DEFAULT_PORT}, or a free one if it is "
                        "taken; a port given here must be free)")
    p.add_argument("--stop", action="store_true", help="stop the local server (the one its record proves ours)")
    p.set_defaults(func=_studio)

    p = sub.add_parser("run", parents=[common], formatter_class=fmt,
                       help="the main job: extract, start Label Studio if needed, push",
                       description="Extract candidates (from seeds/ by default), start the local Label Studio "
                                   "if none is configured or reachable, push, and print where to review: the "
                                   "address, the login and password, and how to stop the server.",
                       epilog="example:\n  iqtibas run            # the bundled seeds\n  iqtibas run news/")
    p.add_argument("inputs", nargs="*", default=["seeds/"], metavar="INPUT",
                   help="files, folders, hf:NAME or - (default: seeds/)")
    p.add_argument("--project", default=DEFAULT_PROJECT, help="project title (default: %(default)s)")
    p.add_argument("--candidates", default="out/candidates.jsonl",
                   help="where the candidates are written (default: %(default)s)")
    p.add_argument("--lexicons", metavar="DIR", help="a folder of edited lexicon files (see iqtibas extract --help)")
    p.set_defaults(func=_run)

