"""What each configuration and column means, as the dataset card explains it."""

from __future__ import annotations

CONFIG_DESCRIPTIONS = {
    "attributions": "one row per verified attribution (accepted, corrected or added by an annotator)",
    "documents": "one row per verified document: text, paragraphs, sentences, tokens with IOB2 tags, spans with "
                 "ids, relations, attributions, and the rejected candidates as negatives",
    "rejected": "one row per verified document with the candidates the review rejected in it (often none) — "
                "negatives for retraining and for judging the rules",
    "unreviewed": "one row per document no annotator has finished, shaped like `documents`, with the rules' "
                  "candidates (rule and confidence on every span) — weak labels, kept apart",
    "speakers": "one row per speaker: id, canonical name, the names written for it, counts",
}

_DOCUMENT = [
    ("doc_id", "SHA-256 prefix of the document text"),
    ("source", "file (and line) the document came from, without local folders"),
    ("url, outlet, date", "from the input record's metadata (`url`/`link`, `outlet`/`publisher`/`site`, "
                          "`date`/`published`/`published_at`), or null"),
    ("text_license", "the licence or rights statement of the text from the input's metadata (`license`/`licence`/"
                     "`rights`), or null: the publisher's rights apply"),
]

_SPAN = ("`id`, `start`/`end` in the document, `paragraph_start`/`paragraph_end` in the paragraph (-1 when the span "
         "lies outside it), `token_start`/`token_end`, and `text`")

FIELDS: dict[str, list[tuple[str, str]]] = {
    "attributions (also the items of `rejected`)": [
        *_DOCUMENT,
        ("id", "stable id of the attribution"),
        ("paragraph", "the line(s) of the document the content stands in"),
        ("paragraph_offset", "where `paragraph` starts in the document"),
        ("paragraph_id, sentence_id", "the paragraph and sentence of the first content span (ids as in `documents`)"),
        ("content_text", "the content spans' text, joined by ` … `"),
        ("content", f"content spans: {_SPAN}"),
        ("speaker", "the speaker mention (same fields), or null for a dropped subject"),
        ("speaker_name", "who the speaker is, resolved (the antecedent's name for a dropped subject)"),
        ("speaker_id", "the speaker across the dataset (see `speakers`)"),
        ("cue", "the reporting verb, participle or phrase (same fields), or null"),
        ("addressee, medium", "whom it was said to and the medium or occasion (في بيان), where given, or null"),
        ("type", "ClassLabel: direct, indirect, mixed"),
        ("status", "ClassLabel: accepted, corrected, added (rejected in `rejected`)"),
        ("annotator", "who annotated it (a pseudonym unless built with `--annotator-ids email`)"),
        ("annotated_at", "time of that annotation (UTC)"),
        ("rule", "the rule that proposed it, or null when an annotator added it"),
        ("confidence", "the rule's confidence in [0, 1], or null"),
    ],
    "rejected": [
        *_DOCUMENT,
        ("judged", "how many of the rules' candidates the review judged in the document"),
        ("rejected", "the candidates it rejected, each as a row of `attributions` (without the document's fields)"),
    ],
    "documents and unreviewed": [
        *_DOCUMENT,
        ("text", "the document exactly as annotated; every offset indexes it"),
        ("paragraphs", "`id`, `start`, `end`, `token_start`, `token_end` of each line holding tokens"),
        ("sentences", "the same, and the `paragraph` id, of each sentence"),
        ("tokens, token_starts, token_ends", "the tokens and their character offsets"),
        ("span_cuts", "tokens cut because a span started or ended inside one"),
        ("tags", "Sequence(ClassLabel): the first IOB2 layer"),
        ("nested_tags", "the further IOB2 layers, for nested and overlapping spans (usually none)"),
        ("spans", "`id`, `label` (QUOTE, SPEAKER, CUE, ADDRESSEE, MEDIUM), `start`, `end`, `text`, `token_start`, "
                  "`token_end`, `paragraph`, `sentence`, `layer` (-1: not tagged), `negative` (a rejected "
                  "candidate's span), `attribution` id, `status`, `rule`, `confidence`"),
        ("relations", "`label` (speaker, cue, continues, addressee, medium), `from_span` → `to_span`: span ids"),
        ("attributions", "`id`, `type`, `status`, `negative`, `speaker_name`, `speaker_id`, `annotator`, "
                         "`annotated_at`, `rule`, `confidence`, and the ids of its `spans`"),
    ],
    "speakers": [
        ("id", "`spk-` and 12 hex digits, the same for the same names in every build"),
        ("name", "the canonical name: the written form with the most words, then the most used"),
        ("variants", "every name written for the speaker, the most used first"),
        ("attributions, rejected, unreviewed", "how many verified, rejected and unreviewed attributions name it"),
        ("documents", "in how many documents it has a verified attribution"),
    ],
}
