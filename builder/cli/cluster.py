"""``iqtibas extract --executor local|slurm|ray``: the extraction as a datatrove pipeline.

datatrove (the ``cluster`` extra) is imported only when one of these runs."""

from __future__ import annotations

import argparse
import logging
import sys

from builder.run.candidate_files import default_workers

log = logging.getLogger("iqtibas")

EXECUTORS = ("local", "slurm", "ray")
EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2


def add_executor_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "corpora past one machine (datatrove; pip install 'iqtibas[cluster]')",
        "With --executor, the inputs are folders, files or fsspec URLs (s3://, hf://, ...) of .jsonl and "
        ".parquet files, read in --tasks tasks (each a share of the files); -o is a folder that gets one "
        "candidates file per task (OUTDIR/00000.jsonl ...) and datatrove's logs, stats and completion "
        "markers in OUTDIR/logs. Running the same command again does only the tasks not yet completed.")
    group.add_argument("--executor", choices=EXECUTORS,
                       help="run as a datatrove pipeline: local (processes on this machine), slurm (an sbatch "
                            "job array), ray (the Ray cluster of RAY_ADDRESS, else a local one)")
    group.add_argument("--tasks", type=positive_int, metavar="T",
                       help="how many tasks share the input files (default: local, as many as --workers; "
                            "slurm and ray, required)")
    group.add_argument("--slurm-partition", metavar="NAME", help="the Slurm partition (required with slurm)")
    group.add_argument("--slurm-time", default="24:00:00", metavar="LIMIT",
                       help="time limit of each Slurm task (default: %(default)s)")
    group.add_argument("--slurm-option", action="append", default=[], metavar="KEY=VALUE",
                       help="another sbatch option, e.g. account=nlp or qos=high (repeatable; "
                            "default: none)")


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def _options(args: argparse.Namespace) -> dict | str:
    """The executor's own options, or what is wrong with the arguments."""
    if args.executor != "slurm":
        return {}
    if not args.slurm_partition:
        return "--executor slurm needs --slurm-partition"
    sbatch = {}
    for option in args.slurm_option:
        key, sep, value = option.partition("=")
        if not sep or not key:
            return f"--slurm-option {option!r} is not KEY=VALUE"
        sbatch[key] = value
    options = {"partition": args.slurm_partition, "time": args.slurm_time, "sbatch_args": sbatch,
               "job_name": "iqtibas-extract"}
    if sys.prefix != sys.base_prefix:  # run the tasks in this virtual environment
        options["venv_path"] = f"{sys.prefix}/bin/activate"
    return options


def extract_with_executor(args: argparse.Namespace) -> int:
    """Build and run the pipeline; report as the plain command does, from datatrove's stats."""
    if not args.output or args.output == "-":
        log.error("--executor writes a folder of shards: give it with -o OUTDIR")
        return EXIT_ERROR
    options = _options(args)
    if isinstance(options, str):
        log.error("%s", options)
        return EXIT_ERROR
    local = args.executor == "local"
    workers = args.workers or (default_workers() if local else -1)
    tasks = args.tasks or (workers if local else None)
    if tasks is None:
        log.error("--executor %s needs --tasks", args.executor)
        return EXIT_ERROR
    try:
        from builder.run.cluster import run_pipeline
    except ImportError as exc:
        log.error("--executor needs datatrove (%s): pip install 'iqtibas[cluster]'", exc.name)
        return EXIT_ERROR
    try:
        result = run_pipeline(args.inputs, args.output, args.executor, tasks, workers, args.text_field,
                              lexicons=args.lexicons, options=options)
    except (ValueError, FileNotFoundError) as exc:
        log.error("%s", exc)
        return EXIT_ERROR
    if result.done < result.tasks:
        if args.executor == "slurm":
            log.info("submitted to Slurm: %d of %d tasks to do; run the same command again once they are done "
                     "to see the counts (and to do any that failed)", result.tasks - result.done, result.tasks)
            return EXIT_OK
        log.error("%d of %d tasks did not complete (see %s/logs/logs/); run the same command again to do them",
                  result.tasks - result.done, result.tasks, args.output)
        return EXIT_ERROR
    for line in result.summary.lines():
        log.info("%s", line)
    log.info("candidates written to %s/ (%d shards, 00000.jsonl ...)", args.output.rstrip("/"), result.tasks)
    if result.skipped:
        log.warning("%d input(s) skipped or read with repairs, each named in the task logs (%s/logs/logs/)",
                    result.skipped, args.output.rstrip("/"))
        return EXIT_SKIPPED
    return EXIT_OK
