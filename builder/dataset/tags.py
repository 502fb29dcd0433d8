"""IOB2 tags over tokens, in layers, so that nested and overlapping spans are all kept.

Every labelled span covers a run of whole tokens (:func:`builder.dataset.tokens.cut_at`
sees to that).  The spans are laid in layers: each span goes to the first layer where none
of its tokens is taken yet, the spans taken in document order, longer first — so the first
layer is the flat view most taggers want (an outer quotation before what is nested in it),
and the further layers hold what nests or overlaps.  In a layer a span's first token is
``B-LABEL`` and its other tokens ``I-LABEL``; the other tokens are ``O``.  That is valid
IOB2 by construction, and :func:`decode` gives back every span of every layer exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from builder.contract import CUE, QUOTE, SPEAKER

#: The parts of an attribution the dataset carries beyond the contract's three regions:
#: whom the speech was addressed to (``للصحفيين``) and the medium or occasion (``في بيان``),
#: where the rules or the annotators give them (``addressee`` / ``medium`` spans of an attribution).
ADDRESSEE, MEDIUM = "ADDRESSEE", "MEDIUM"
SPAN_LABELS = (QUOTE, SPEAKER, CUE, ADDRESSEE, MEDIUM)
OUTSIDE = "O"
TAGS = [OUTSIDE] + [f"{prefix}-{label}" for label in SPAN_LABELS for prefix in ("B", "I")]

#: A labelled run of tokens: ``(label, first token, end token)``, the end excluded.
TokenSpan = tuple[str, int, int]


def layers(spans: Iterable[TokenSpan], length: int) -> tuple[list[list[str]], dict[TokenSpan, int]]:
    """The tag layers of ``length`` tokens holding every distinct span, and the layer each
    span went to.  There is always a first layer (all ``O`` when there is no span)."""
    out: list[list[str]] = [[OUTSIDE] * length]
    placed: dict[TokenSpan, int] = {}
    for span in sorted(set(spans), key=lambda s: (s[1], -s[2], SPAN_LABELS.index(s[0]))):
        label, first, end = span
        k = next((k for k, layer in enumerate(out) if all(t == OUTSIDE for t in layer[first:end])), len(out))
        if k == len(out):
            out.append([OUTSIDE] * length)
        out[k][first] = f"B-{label}"
        out[k][first + 1:end] = [f"I-{label}"] * (end - first - 1)
        placed[span] = k
    return out, placed


def decode(tags: Sequence[str]) -> list[TokenSpan]:
    """The spans of one IOB2 layer, in order.  An ``I-`` tag that continues nothing starts a
    span (as the CoNLL scorer reads it), so a tagger's invalid output still decodes."""
    out: list[TokenSpan] = []
    label, first = None, 0
    for k, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, name = tag.partition("-")
        if label is not None and (prefix != "I" or name != label):
            out.append((label, first, k))
            label = None
        if prefix == "B" or (prefix == "I" and label is None):
            label, first = name, k
    return out


def is_valid(tags: Sequence[str]) -> bool:
    """Whether ``tags`` are valid IOB2: every ``I-X`` follows ``B-X`` or ``I-X``."""
    before = OUTSIDE
    for tag in tags:
        if tag.startswith("I-") and before[2:] != tag[2:]:
            return False
        before = tag
    return True
