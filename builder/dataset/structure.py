"""Paragraphs and sentences of a document over its tokens, each with an id.

A paragraph is a line of the text (the scheme's paragraph: the text between line breaks)
that holds a token.  A sentence ends after a run of sentence-ending marks (``.`` ``!``
``?`` ``؟`` ``…``) and the closing quotation marks or brackets right after them, or where
its paragraph ends.  Ids are indices, in order, within the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from builder.dataset.tokens import Offsets

SENTENCE_ENDS = frozenset(".!?؟…")
CLOSERS = frozenset("\"'”’»)]}")


@dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph or a sentence: its id, its character span, its tokens ``[token_start,
    token_end)`` and, for a sentence, the id of its paragraph (its own id for a paragraph)."""

    id: int
    start: int
    end: int
    token_start: int
    token_end: int
    paragraph: int

    def as_row(self, with_paragraph: bool) -> dict[str, int]:
        row = {"id": self.id, "start": self.start, "end": self.end, "token_start": self.token_start,
               "token_end": self.token_end}
        return {**row, "paragraph": self.paragraph} if with_paragraph else row


def paragraphs(text: str, tokens: list[Offsets]) -> list[Piece]:
    """The lines of ``text`` that hold tokens, as pieces from their first to their last token."""
    out: list[Piece] = []
    k = 0
    while k < len(tokens):
        line_end = text.find("\n", tokens[k][0])
        line_end = len(text) if line_end < 0 else line_end
        first = k
        while k < len(tokens) and tokens[k][0] < line_end:
            k += 1
        out.append(Piece(len(out), tokens[first][0], tokens[k - 1][1], first, k, len(out)))
    return out


def sentences(text: str, tokens: list[Offsets], paras: list[Piece]) -> list[Piece]:
    """The sentences of every paragraph, in order."""
    out: list[Piece] = []
    for para in paras:
        first = para.token_start
        k = first
        while k < para.token_end:
            end = k + 1
            if text[tokens[k][0]:tokens[k][1]] in SENTENCE_ENDS:
                while end < para.token_end and text[tokens[end][0]:tokens[end][1]] in SENTENCE_ENDS | CLOSERS:
                    end += 1
                out.append(Piece(len(out), tokens[first][0], tokens[end - 1][1], first, end, para.id))
                first = end
            k = end
        if first < para.token_end:
            out.append(Piece(len(out), tokens[first][0], tokens[para.token_end - 1][1], first, para.token_end,
                             para.id))
    return out


@dataclass(frozen=True)
class Structure:
    """The paragraphs and sentences of one document's tokens."""

    paragraphs: list[Piece]
    sentences: list[Piece]

    @classmethod
    def of(cls, text: str, tokens: list[Offsets]) -> Structure:
        paras = paragraphs(text, tokens)
        return cls(paras, sentences(text, tokens, paras))

    def paragraph_of(self, token: int) -> int:
        return _piece_of(self.paragraphs, token)

    def sentence_of(self, token: int) -> int:
        return _piece_of(self.sentences, token)


def _piece_of(pieces: list[Piece], token: int) -> int:
    """The id of the piece holding ``token`` (pieces in order, covering every token); -1 in
    a document without tokens."""
    if not pieces:
        return -1
    k = bisect_right(pieces, token, key=lambda p: p.token_start) - 1
    return pieces[max(k, 0)].id
