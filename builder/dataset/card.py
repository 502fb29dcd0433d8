"""The dataset card: YAML that the Hub and ``load_dataset`` read (configs, data files,
language, license, task categories) and a body that says what is inside."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from builder import __version__
from builder.contract import TYPES
from builder.dataset.splits import SHARES
from builder.engine.names import compatible, name_words
from builder.review.card_section import section as review_section

_DESCRIPTIONS = {
    "attributions": "one row per verified attribution (accepted, corrected or added by an annotator)",
    "documents": "one row per document: text, all spans with labels, relations, and a BIO token view",
    "rejected": "candidates the annotators rejected — negatives for retraining and for judging the rules",
    "unreviewed": "the rules' output for documents no annotator has finished — weak labels, kept apart",
}

_FIELDS = {
    "attributions": [
        ("id", "stable id of the attribution"),
        ("doc_id", "SHA-256 prefix of the document text"),
        ("source", "file (and line) the document came from, without local folders"),
        ("paragraph", "the line(s) of the document the content stands in"),
        ("paragraph_offset", "where `paragraph` starts in the document"),
        ("content_text", "the content spans' text, joined by ` … `"),
        ("content", "content spans: `start`/`end` in the document, `paragraph_start`/`paragraph_end` in the "
                    "paragraph, and `text`"),
        ("speaker", "the speaker mention (same offsets), or null for a dropped subject"),
        ("speaker_name", "who the speaker is, resolved (the antecedent's name for a dropped subject)"),
        ("cue", "the reporting verb, participle or phrase (same offsets), or null"),
        ("type", "ClassLabel: direct, indirect, mixed"),
        ("status", "ClassLabel: accepted, corrected, added (rejected / unreviewed in those configs)"),
        ("annotator", "e-mail of the annotator whose annotation was used"),
        ("annotated_at", "time of that annotation (UTC)"),
        ("rule", "the rule that proposed it, or null when an annotator added it"),
        ("confidence", "the rule's confidence in [0, 1], or null"),
    ],
    "documents": [
        ("doc_id", "SHA-256 prefix of the text"),
        ("source", "file (and line) the document came from"),
        ("text", "the document exactly as annotated; every offset indexes it"),
        ("spans", "`start`, `end`, `text`, `label` (QUOTE, SPEAKER, CUE), `attribution` id"),
        ("relations", "`from_span` → `to_span` indices into `spans`: speaker, cue, continues"),
        ("tokens", "word and punctuation tokens"),
        ("token_starts", "character offset of each token"),
        ("token_ends", "end offset of each token"),
        ("tags", "Sequence(ClassLabel): O, B-/I-QUOTE, B-/I-SPEAKER, B-/I-CUE"),
    ],
}


def most_quoted(names: list[str], top: int = 10) -> list[tuple[str, int]]:
    """Speaker names counted across documents, variants of one name merged (``لافروف`` /
    ``سيرغي لافروف``, ``جاويش``/``تشاووش``) under the longest."""
    buckets: list[list] = []  # [words, display, count]
    for name in sorted(names, key=lambda n: -len(n.split())):
        words = name_words(name)
        for bucket in buckets:
            if compatible(words, bucket[0]):
                bucket[2] += 1
                break
        else:
            buckets.append([words, name, 1])
    return sorted(((b[1], b[2]) for b in buckets), key=lambda x: (-x[1], x[0]))[:top]


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*(?: [A-Za-z0-9._+-]+)*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def yaml_scalar(value: str) -> str:
    """``value`` as one YAML scalar: plain when that cannot be misread (``cc-by-4.0``),
    else double-quoted with every line break and control character escaped."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS and not _is_number(value):
        return value
    out = []
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _yaml(name: str, license_id: str, rows: dict[str, Counter], total_docs: int) -> str:
    size = "n<1K" if total_docs < 1000 else "1K<n<10K" if total_docs < 10_000 else "10K<n<100K"
    lines = ["---", "language:", "- ar", f"license: {yaml_scalar(license_id)}", f"pretty_name: {yaml_scalar(name)}",
             "task_categories:", "- token-classification", "- text-classification",
             "tags:", "- quotation", "- attribution", "- arabic", "- news",
             "size_categories:", f"- {size}", "configs:"]
    for config, counts in rows.items():
        if not counts:
            continue
        lines.append(f"- config_name: {config}")
        if config == "attributions":
            lines.append("  default: true")
        lines.append("  data_files:")
        for split in SHARES:
            if counts.get(split):
                lines += [f"  - split: {split}", f"    path: {config}/{split}-*.parquet"]
    lines.append("---")
    return "\n".join(lines)


def dataset_card(name: str, license_id: str, verified: list[dict], tables: dict, rows: dict[str, Counter],  # noqa: C901 (to be split)
                 groups: list[list[str]]) -> str:
    kept = [a for split in tables["attributions"].values() for a in split]
    by_type = {split: Counter(a["type"] for a in tables["attributions"][split]) for split in SHARES}
    speakers = most_quoted([a["speaker_name"] for a in kept if a["speaker_name"]])
    rule_status: dict[str, Counter] = defaultdict(Counter)
    for doc in verified:
        for a in doc["attributions"]:
            if a.get("rule"):
                rule_status[a["rule"]][a.get("status", "accepted")] += 1
    agreements = [d["meta"]["agreement_span_f1"] for d in verified if "agreement_span_f1" in d.get("meta", {})]
    projects = sorted({d["meta"].get("label_studio_project") for d in verified if d.get("meta", {}).get(
        "label_studio_project")})
    versions = sorted({d["meta"].get("rules_version") for d in verified if d.get("meta", {}).get("rules_version")})
    dates = sorted(a["annotated_at"][:10] for a in kept if a.get("annotated_at"))
    out = [_yaml(name, license_id, rows, len(verified)), "", f"# {_one_line(name)}: who said what in Arabic news", "",
           "Quotations and reported claims in Arabic news text, each with its content, speaker mention, "
           "resolved speaker name and reporting cue, as defined by the iqtibas attribution scheme "
           "(direct, indirect and mixed attributions). Candidates were proposed by regex and cue-word rules "
           "and verified, corrected or rejected by annotators in Label Studio.", "",
           "```python", "from datasets import load_dataset",
           'attributions = load_dataset("PATH_OR_REPO", "attributions")', "```", "",
           "## Configurations", ""]
    for config, counts in rows.items():
        if counts:
            out.append(f"- **{config}** — {_DESCRIPTIONS[config]}: "
                       + ", ".join(f"{split} {counts[split]}" for split in SHARES if counts.get(split)) + " rows")
    out += ["", "## Schema", ""]
    for config in ("attributions", "documents"):
        out.append(f"### {config}" + (" (also `rejected`, `unreviewed`)" if config == "attributions" else ""))
        out.append("")
        out += [f"- `{field}`: {text}" for field, text in _FIELDS[config]]
        out.append("")
    out += ["Offsets are Python string indices: `text[start:end] == span.text` for every span, in the document "
            "and in its paragraph.", "", "## Counts", "",
            "| split | documents | " + " | ".join(TYPES) + " |", "|---|---|" + "---|" * len(TYPES)]
    for split in SHARES:
        docs = len(tables["documents"][split])
        if docs:
            out.append(f"| {split} | {docs} | " + " | ".join(str(by_type[split][t]) for t in TYPES) + " |")
    out += ["", "## Splits", "",
            f"Deterministic, by document. Documents that report the same event — sharing near-identical quotes "
            f"(half of a quote's word 3-grams) or quoting two or more of the same speakers — are grouped, and "
            f"each group goes to one split, so no quote leaks across splits: {len(verified)} documents in "
            f"{len(groups)} groups.", "",
            "## Most quoted speakers", ""]
    out += [f"- {speaker_name} ({n})" for speaker_name, n in speakers] or ["- none"]
    out += ["", "## Annotation", ""]
    if agreements:
        out.append(f"Inter-annotator agreement (content span F1) on {len(agreements)} documents annotated by two "
                   f"or more annotators: {sum(agreements) / len(agreements):.3f}.")
    else:
        out.append("Inter-annotator agreement: not measured (no document was annotated by two annotators).")
    out += ["", "Precision of each rule as the review found it, accepted / (accepted + corrected + rejected):", "",
            "| rule | accepted | corrected | rejected | precision |", "|---|---|---|---|---|"]
    for rule, c in sorted(rule_status.items()):
        judged = c["accepted"] + c["corrected"] + c["rejected"]
        precision = f"{c['accepted'] / judged:.3f}" if judged else "–"
        out.append(f"| {rule} | {c['accepted']} | {c['corrected']} | {c['rejected']} | {precision} |")
    out += ["", review_section(verified)]  # its figures are written by build (card_section.write_figures)
    out += ["## How it was built", "",
            f"- iqtibas {__version__}; rules {', '.join(versions) or 'unknown'}",
            f"- Label Studio project: {', '.join(projects) or 'unknown'}",
            f"- annotations from {dates[0] if dates else '–'} to {dates[-1] if dates else '–'}",
            f"- license: {_one_line(license_id)} (set with `iqtibas build --license`)", ""]
    return "\n".join(out)
