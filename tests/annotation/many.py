"""Many distinct documents with real candidates, made from the seeds: each seed document
again and again, every copy made distinct by a first line with its number (its candidates'
offsets moved by that line).  For the scale tests and ``bench/bench_studio.py``."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache

from builder.corpus.inputs import read_corpus
from builder.documents import doc_id_for
from builder.run.encode import candidate_record
from tests.conftest import SEEDS


@cache
def _seed_records() -> tuple[dict, ...]:
    return tuple(candidate_record(d) for d in read_corpus([str(SEEDS)], lambda s: None))


def numbered_records(n: int, version: str = "rules-scale-1", first: int = 0) -> Iterator[dict]:
    """Documents ``first`` .. ``first + n - 1``, their candidates of rules ``version``."""
    seeds = _seed_records()
    for i in range(first, first + n):
        record = copy.deepcopy(seeds[i % len(seeds)])
        line = f"خبر رقم {i}\n"
        record["text"] = line + record["text"]
        record["doc_id"] = doc_id_for(record["text"])
        record["source"] = f"many/{i}.txt"
        record["meta"]["rules_version"] = version
        for a in record["attributions"]:
            for span in [*a["content"], a["speaker"], a["cue"]]:
                if span:
                    span["start"] += len(line)
                    span["end"] += len(line)
        yield record
