"""The proposals folder ``iqtibas suggest -o`` writes, ready to try with ``--lexicons``.

* one lexicon file for each file that has proposals: the file as the rules read it (the
  ``--lexicons`` folder's copy, else the shipped one) with the proposed rows appended under
  a comment, each row after a comment that says how often it was seen, an example id and
  how it was guessed — so that ``iqtibas extract --lexicons FOLDER`` runs with them and a
  linguist deletes the rows that are wrong (a whole file in the folder replaces the
  shipped one: rows are only ever added, never dropped);
* ``README.md``: every proposal and every weak rule with its examples, for reading;
* ``proposals.json``: the same, for programs.

The folder is written whole or not at all, and only replaces a folder an earlier run wrote
(:mod:`builder.output`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from builder.lexicon.files import shipped
from builder.output import folder_replaced
from builder.review.suggest import Proposal, WeakRule

HEADER = "# --- proposed by iqtibas suggest from reviewed attributions: keep, correct or delete each row ---"


def _base_text(name: str, lexicons: Path | None) -> str:
    source = lexicons / name if lexicons is not None and (lexicons / name).is_file() else shipped() / name
    text = source.read_text(encoding="utf-8")
    return text if text.endswith("\n") or not text else text + "\n"


def _example_ids(p: Proposal) -> str:
    return ", ".join(e["id"] for e in p.examples)


def lexicon_file(name: str, proposals: Sequence[Proposal], lexicons: Path | None) -> str:
    """The lexicon file ``name`` with ``proposals`` appended."""
    lines = [_base_text(name, lexicons).rstrip("\n"), "", HEADER]
    for p in proposals:
        lines += [f"# {p.seen}: seen {p.count}x, e.g. {_example_ids(p)}; {p.note}", "\t".join(p.row)]
    return "\n".join(lines) + "\n"


def _readme(proposals: Sequence[Proposal], weak: Sequence[WeakRule], documents: int, threshold: float) -> str:
    out = ["# Proposals from the review", "",
           f"From {documents} reviewed documents: lexicon rows that the added and corrected attributions show "
           "the rules lacked, and the rules whose precision fell below "
           f"{threshold:g}. Each lexicon file here is the one the rules read with the proposed rows appended: "
           "try them with `iqtibas extract INPUT --lexicons THIS_FOLDER`, compare with `iqtibas evaluate`, and "
           "delete the rows that are wrong before copying any into `builder/lexicon/data/`.", "",
           "## Lexicon rows", ""]
    if proposals:
        out += ["| file | row | seen as | times | examples | how |", "|---|---|---|---|---|---|"]
        out += [f"| `{p.file}` | `{' ⇥ '.join(p.row)}` | {p.seen} | {p.count} | {_example_ids(p)} | {p.note} |"
                for p in proposals]
    else:
        out.append("None: every cue, title, institution and outlet the annotators drew is in the lexicon.")
    out += ["", "## Rules below the threshold", ""]
    if not weak:
        out.append("None.")
    for w in weak:
        t = w.tally
        low, high = t.interval
        out += [f"### `{t.rule}`: precision {t.precision or 0.0:.2f} (95% {low:.2f}–{high:.2f}), "
                f"{t.statuses['accepted']} accepted, {t.statuses['corrected']} corrected, "
                f"{t.statuses['rejected']} rejected", ""]
        out += [f"- rejected `{e['id']}` ({e['source']}): {e['content']}" for e in w.rejected]
        out += [f"- corrected `{e['id']}` ({e['source']}), changed {e['changed']}: {e['content']}"
                for e in w.corrected]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _json(proposals: Sequence[Proposal], weak: Sequence[WeakRule], threshold: float) -> str:
    data = {"lexicon": [asdict(p) for p in proposals],
            "weak_rules": [{"rule": w.tally.rule, "precision": w.tally.precision, "judged": w.tally.judged,
                            "statuses": dict(w.tally.statuses), "interval": list(w.tally.interval),
                            "rejected": w.rejected, "corrected": w.corrected} for w in weak],
            "threshold": threshold}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_proposals(out: Path, proposals: Sequence[Proposal], weak: Sequence[WeakRule], documents: int,
                    threshold: float, lexicons: Path | None = None, overwrite: bool = False,
                    inputs: Sequence[Path] = ()) -> list[Path]:
    """Write the folder ``out`` (see the module); returns the lexicon files written."""
    out = out.resolve()
    files = sorted({p.file for p in proposals})
    with folder_replaced(out, "iqtibas suggest", overwrite, inputs) as work:
        for name in files:
            (work / name).write_text(lexicon_file(name, [p for p in proposals if p.file == name], lexicons),
                                     encoding="utf-8")
        (work / "README.md").write_text(_readme(proposals, weak, documents, threshold), encoding="utf-8")
        (work / "proposals.json").write_text(_json(proposals, weak, threshold), encoding="utf-8")
    return [out / name for name in files]
