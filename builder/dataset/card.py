"""The dataset card: YAML that the Hub and ``load_dataset`` read (configurations, data
files, language, licence, task categories) and a body that says what is inside.

The body is a sequence of sections, each a small function of the :class:`CardData`
(:data:`SECTIONS`): a section is added by writing its function and listing it there.  Every
value that comes from the input or the command line is escaped (:mod:`builder.dataset.markdown`).
The images a section links to are listed by :func:`figures`; the build writes them beside
the card.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from builder import __version__
from builder.contract import ACCEPTED, CORRECTED, REJECTED, TYPES, VERIFIED
from builder.dataset.columns import CONFIG_DESCRIPTIONS, FIELDS
from builder.dataset.markdown import md_code, md_text, yaml_scalar
from builder.dataset.provenance import EMAIL
from builder.dataset.splits import SHARED, SHARED_SPEAKERS, SHARES, TEST
from builder.dataset.tables import DOCUMENTS, SPEAKERS, SPLIT_ALL, UNREVIEWED_CONFIG, Tables
from builder.dataset.tags import SPAN_LABELS
from builder.dataset.tokens import DESCRIPTION as TOKENIZER
from builder.review import card_section


@dataclass(frozen=True)
class FrozenTest:
    """A test list given with ``--test-from``: the release it comes from and its documents."""

    release: str
    documents: frozenset[str]


@dataclass(frozen=True)
class CardData:
    """All a card says, gathered by the build."""

    name: str
    license_id: str
    release: str
    tables: Tables
    groups: int
    annotator_ids: str
    reviewed: bool
    """False when the input was built with ``--unreviewed``: nothing in it was reviewed."""
    verified: list[dict]
    frozen: FrozenTest | None = None

    @property
    def configs(self) -> dict[str, dict[str, list[dict]]]:
        return self.tables.configs


def front_matter(data: CardData) -> list[str]:
    """The YAML the Hub and ``load_dataset`` read: every configuration with its data files."""
    total = len(data.tables.documents())
    size = "n<1K" if total < 1000 else "1K<n<10K" if total < 10_000 else "10K<n<100K"
    lines = ["---", "language:", "- ar", f"license: {yaml_scalar(data.license_id)}",
             f"pretty_name: {yaml_scalar(data.name)}", "task_categories:", "- token-classification",
             "- text-classification", "tags:", "- quotation", "- attribution", "- arabic", "- news",
             "size_categories:", f"- {size}", "configs:"]
    for config in data.configs:
        lines.append(f"- config_name: {config}")
        if config == "attributions":
            lines.append("  default: true")
        lines.append("  data_files:")
        for split in data.tables.declared_splits(config):
            lines += [f"  - split: {split}", f"    path: {config}/{split}-*.parquet"]
    return [*lines, "---"]


def summary(data: CardData) -> list[str]:
    what = ("verified, corrected or rejected by annotators in Label Studio" if data.reviewed else
            "**not reviewed by anyone**: this release was built with `--unreviewed` from the rules' output")
    return [f"# {md_text(data.name)}: who said what in Arabic news", "",
            f"Release {md_code(data.release)}.", "",
            "Quotations and reported claims in Arabic news text, each with its content, speaker mention, "
            "resolved speaker name and reporting cue, as defined by the iqtibas attribution scheme "
            "(direct, indirect and mixed attributions). Candidates were proposed by regex and cue-word rules "
            f"and {what}.",
            "", "```python", "from datasets import load_dataset",
            'attributions = load_dataset("PATH_OR_REPO", "attributions")', "```"]


def configurations(data: CardData) -> list[str]:
    out = ["## Configurations", ""]
    for config in data.configs:
        counts = data.tables.rows(config)
        shown = ", ".join(f"{split} {n}" for split, n in counts.items() if n) or "no rows in this release"
        out.append(f"- **{config}** — {CONFIG_DESCRIPTIONS[config]}: {shown}")
    empty = [c for c in data.configs if not any(data.tables.rows(c).values())]
    if empty:
        out += ["", f"Empty in this release: {', '.join(empty)}. Their Parquet files hold the columns and no row; "
                    "`datasets` up to 5.2 refuses to load a configuration without a row (huggingface/datasets#8401)."]
    return out


def schema(data: CardData) -> list[str]:
    out = ["## Schema", ""]
    for config, fields in FIELDS.items():
        out += [f"### {config}", "", *(f"- `{name}`: {text}" for name, text in fields), ""]
    return [*out, "Offsets are Python string indices: `text[start:end] == span.text` for every span, in the "
                  "document and in its paragraph; token indices are `[token_start, token_end)`."]


def token_view(data: CardData) -> list[str]:
    cuts = sum(r["span_cuts"] for rows in data.configs[DOCUMENTS].values() for r in rows)
    silver_cuts = sum(r["span_cuts"] for rows in data.configs[UNREVIEWED_CONFIG].values() for r in rows)
    return ["## Tokens and tags", "", TOKENIZER, "",
            f"Tags are IOB2 over {', '.join(SPAN_LABELS)} (`O`, `B-LABEL`, `I-LABEL`). Nested and overlapping spans "
            "are all kept, in layers: each span goes to the first layer where its tokens are free (spans in order, "
            "longer first), so `tags` is the flat view and `nested_tags` holds the further layers; `spans[].layer` "
            "says which. Decoding every layer gives back every span exactly. Negatives (rejected candidates) are "
            "listed among the spans with `negative: true` and are not tagged.", "",
            f"Where a span starts or ends inside a token, the token is cut there (`span_cuts`; in this release "
            f"{cuts} in `documents`, {silver_cuts} in `unreviewed`). A tagger that reads plain text should tokenize "
            "it with `builder.dataset.tokens.tokenize` of the same iqtibas version."]


def counts(data: CardData) -> list[str]:
    """Counts per split that add up: documents, attributions by type, rejected, unreviewed."""
    header = ["split", "verified documents", "verified attributions", *TYPES, "rejected candidates",
              "unreviewed documents", "unreviewed attributions"]
    out = ["## Counts", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    totals: Counter = Counter()
    for split in SHARES:
        row = data.tables.split_counts(split)
        totals.update(row)
        out.append(_count_row(split, row))
    out.append(_count_row("**total**", totals))
    return out


def _count_row(label: str, row: Counter) -> str:
    cells = [row["documents"], row["attributions"], *(row[t] for t in TYPES), row["rejected"],
             row["unreviewed_documents"], row["unreviewed_attributions"]]
    return f"| {label} | " + " | ".join(str(c) for c in cells) + " |"


def splits(data: CardData) -> list[str]:
    docs = data.tables.documents()
    verified = sum(len(rows) for rows in data.configs[DOCUMENTS].values())
    out = ["## Splits", "",
           f"By document, without leakage: documents that report the same event — a quote sharing at least "
           f"{SHARED:.0%} of its word 3-grams with a quote of the other, or {SHARED_SPEAKERS} or more of the same "
           f"speakers — are one group, and a group is in one split. {len(docs)} documents ({verified} verified, "
           f"{len(docs) - verified} unreviewed) in {data.groups} groups.", "",
           "Stable from release to release: a group's split is a hash of its own key (the smallest SHA-256 of its "
           "documents' ids), so adding documents never moves a document that is not grouped with a new one."]
    if data.frozen:
        kept = data.frozen.documents & docs
        out += ["", f"The test set is frozen: it is the test set of release {md_code(data.frozen.release)} "
                    f"({len(kept)} of its {len(data.frozen.documents)} documents are in this build), with the "
                    "documents grouped with them; the other groups are shared between train and validation."]
    else:
        out += ["", f"The test set was drawn in this release ({md_code(data.release)}). To keep it in the next "
                    "release, build with `--test-from` this folder's `test-set.json`."]
    return out


def speakers(data: CardData) -> list[str]:
    rows = sorted((r for r in data.configs[SPEAKERS][SPLIT_ALL] if r["attributions"]),
                  key=lambda r: (-r["attributions"], r["name"]))[:10]
    out = ["## Most quoted speakers", "",
           "Speaker ids (`speaker_id`, the `speakers` configuration) are one person's across the dataset, their "
           "names compared through transliteration skeletons (جاويش / تشاووش).", ""]
    return out + ([f"- {md_text(r['name'])} ({r['attributions']})" for r in rows] or ["- none"])


def annotation(data: CardData) -> list[str]:
    if not data.reviewed:
        return ["## Annotation", "", "None: no annotator reviewed these attributions, and no figure of the rules' "
                                     "precision can be given."]
    agreements = [d["meta"]["agreement_span_f1"] for d in data.verified if "agreement_span_f1" in d.get("meta", {})]
    out = ["## Annotation", ""]
    if agreements:
        out.append(f"Inter-annotator agreement (content span F1) on {len(agreements)} documents annotated by two "
                   f"or more annotators: {sum(agreements) / len(agreements):.3f}.")
    else:
        out.append("Inter-annotator agreement: not measured (no document was annotated by two annotators).")
    return [*out, "", *_rule_precision(data.verified)]


def _rule_precision(verified: list[dict]) -> list[str]:
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for doc in verified:
        for a in doc["attributions"]:
            if a.get("rule"):
                by_rule[a["rule"]][a["status"]] += 1
    out = ["Precision of each rule as the review found it, accepted / (accepted + corrected + rejected):", "",
           "| rule | accepted | corrected | rejected | precision |", "|---|---|---|---|---|"]
    for rule, c in sorted(by_rule.items()):
        judged = c[ACCEPTED] + c[CORRECTED] + c[REJECTED]
        precision = f"{c[ACCEPTED] / judged:.3f}" if judged else "–"
        out.append(f"| {md_code(rule)} | {c[ACCEPTED]} | {c[CORRECTED]} | {c[REJECTED]} | {precision} |")
    return out


def review_figures(data: CardData) -> list[str]:
    """The review's charts (:mod:`builder.review.card_section`); none when nothing was reviewed."""
    return card_section.section(data.verified) if data.reviewed else []


def figures(data: CardData) -> dict[str, str]:
    """The images the card links to: each one's path in the dataset folder and its SVG text."""
    return card_section.figures(data.verified) if data.reviewed else {}


def rights(data: CardData) -> list[str]:
    docs = [r for config in (DOCUMENTS, UNREVIEWED_CONFIG) for rows in data.configs[config].values() for r in rows]
    licensed = Counter(r["text_license"] for r in docs if r["text_license"])
    who = ("annotators' e-mail addresses, as the build was told (`--annotator-ids email`)"
           if data.annotator_ids == EMAIL else
           "stable pseudonyms (`annotator-` and a hash of the e-mail address): the same in every release; whoever "
           "knows an address can check it")
    out = ["## Licence and rights", "",
           f"- The annotation — spans, labels, types, speaker names and ids, statuses — is released under "
           f"{md_text(data.license_id)} (`iqtibas build --license`).",
           "- The texts are not: they belong to their publishers, and the annotation's licence does not apply to "
           "them. A document's `source`, `url`, `outlet`, `date` and `text_license` come from the input's metadata; "
           f"{len(docs) - sum(licensed.values())} of {len(docs)} documents give no licence for their text."]
    out += [f"  - {md_text(lic)}: {n} documents" for lic, n in sorted(licensed.items())]
    return [*out, f"- Annotators appear as {who}."]


def how_built(data: CardData) -> list[str]:
    metas = [d.get("meta", {}) for d in data.verified]
    versions = sorted({m["rules_version"] for m in metas if m.get("rules_version")})
    projects = sorted({m["label_studio_project"] for m in metas if m.get("label_studio_project")})
    dates = sorted(a["annotated_at"][:10] for d in data.verified for a in d["attributions"]
                   if a.get("annotated_at") and a.get("status") in VERIFIED)
    return ["## How it was built", "",
            f"- iqtibas {__version__}; rules {', '.join(md_code(v) for v in versions) or 'unknown'}",
            f"- Label Studio project: {', '.join(md_text(p) for p in projects) or 'none'}",
            f"- annotations from {dates[0] if dates else '–'} to {dates[-1] if dates else '–'}",
            f"- the test split's documents are listed in `test-set.json` ({len(data.tables.documents(TEST))})"]


#: The sections of the body, in order.
SECTIONS: tuple[Callable[[CardData], list[str]], ...] = (
    summary, configurations, schema, token_view, counts, splits, speakers, annotation, review_figures, rights,
    how_built)


def dataset_card(data: CardData) -> str:
    """The generated card: front matter and every section (without the user's own sections,
    see :mod:`builder.dataset.card_file`)."""
    parts = [front_matter(data)] + [lines for section in SECTIONS if (lines := section(data))]
    return "\n\n".join("\n".join(lines) for lines in parts) + "\n"
