"""One document as the dataset sees it: its tokens, paragraphs and sentences, and every
span of its attributions with an id, its tokens and its tag layer.

Both kinds of rows are made from this view: the documents-shaped rows (``documents``,
``unreviewed``) and the attribution rows (``attributions``, ``rejected``), so a span has
the same id and token indices in every configuration.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from builder.contract import REJECTED, RELATIONS, Attribution, LabeledSpan, Record, labeled_spans
from builder.dataset.structure import Structure
from builder.dataset.tags import ADDRESSEE, MEDIUM, TokenSpan, layers
from builder.dataset.tokens import Offsets, cut_at, tokenize

#: The attribution keys of the parts beyond the contract's three, their label and relation.
EXTRA_PARTS = (("addressee", ADDRESSEE, "addressee"), ("medium", MEDIUM, "medium"))
RELATION_LABELS = (*RELATIONS, *(relation for _, _, relation in EXTRA_PARTS))


def parts(a: Attribution) -> list[LabeledSpan]:
    """The regions of an attribution: content, speaker and cue (the contract's), then its
    addressee and medium where it has them, each related to its first content span."""
    out = labeled_spans(a)
    for key, label, relation in EXTRA_PARTS:
        span = a.get(key)  # type: ignore[misc]
        if span:
            out.append(LabeledSpan(label, span, relation))
    return out


@dataclass(frozen=True, slots=True)
class SpanEntry:
    """A span of one attribution in the view."""

    id: str
    part: LabeledSpan
    attribution: Attribution
    head: str
    """The id of its attribution's first content span."""
    token_start: int
    token_end: int
    paragraph: int
    sentence: int
    layer: int
    """Its tag layer; -1 for a negative (a rejected candidate's span), which is not tagged."""

    @property
    def negative(self) -> bool:
        return self.attribution.get("status") == REJECTED


@dataclass(frozen=True)
class DocumentView:
    doc: Record
    tokens: list[Offsets]
    structure: Structure
    attributions: list[list[SpanEntry]]
    """The spans of each attribution, in the order the attributions were given."""
    tags: list[list[str]]
    """The tag layers: the first is the flat view, the others hold nested or overlapping spans."""
    cuts: int
    """Tokens cut where a span started or ended inside one."""

    @property
    def spans(self) -> list[SpanEntry]:
        return [span for spans in self.attributions for span in spans]


def span_id(a: Attribution, k: int) -> str:
    """The id of the ``k``-th region of attribution ``a`` (see :func:`parts`)."""
    return f"{a['id']}-{k}"


def document_view(doc: Record, attributions: list[Attribution]) -> DocumentView:
    """The view of ``doc`` with ``attributions``; those whose status is ``rejected`` are
    negatives: listed, with token indices, but not tagged."""
    regions = [(a, k, part) for a in attributions for k, part in enumerate(parts(a))]
    tokens, cuts = cut_at(tokenize(doc["text"]), [p for _, _, part in regions
                                                  for p in (part.span["start"], part.span["end"])])
    structure = Structure.of(doc["text"], tokens)
    starts = [s for s, _ in tokens]
    ranges = [(bisect_left(starts, part.span["start"]), bisect_left(starts, part.span["end"]))
              for _, _, part in regions]
    tagged: list[TokenSpan] = [(part.label, first, end) for (a, _, part), (first, end) in zip(regions, ranges,
                                                                                              strict=True)
                               if a.get("status") != REJECTED and end > first]
    tag_layers, layer_of = layers(tagged, len(tokens))
    grouped: list[list[SpanEntry]] = [[] for _ in attributions]
    index = {id(a): i for i, a in enumerate(attributions)}
    for (a, k, part), (first, end) in zip(regions, ranges, strict=True):
        token = min(first, len(tokens) - 1)  # a span of spaces only has no token of its own
        grouped[index[id(a)]].append(SpanEntry(
            span_id(a, k), part, a, span_id(a, 0), first, end, structure.paragraph_of(token),
            structure.sentence_of(token),
            -1 if a.get("status") == REJECTED else layer_of.get((part.label, first, end), -1)))
    return DocumentView(doc, tokens, structure, grouped, tag_layers, cuts)
