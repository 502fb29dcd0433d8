"""The extraction engine: from one document to its candidate attributions.

One pass of the cue matcher over the normalised text finds every anchor; the rules run
only around those anchors (see :mod:`builder.rules`).  Cues are handled in text order so
that a quotation claimed by one cue is not taken by a later one; nested candidates are
settled afterwards, then speakers are named, then every span is mapped back to the stored
text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from builder.arabic import ARABIC_LETTER, fold, normalize
from builder.documents import Document
from builder.layout import Layout, Token, colon_lines, layout, outside, tokenize, trim
from builder.lexicon import CUE, Cue, Lexicon, load
from builder.mentions import (
    DESCRIPTIVE,
    INSTITUTION,
    PRONOUN_SUFFIXES,
    TITLE,
    Phrase,
    name_run,
    parse_phrase,
)
from builder.quotes import QUOTE_MARKS
from builder.rules import (
    RULES,
    Content,
    Sentence,
    clause_end,
    content_at,
    content_type,
    find_intro,
    is_speech_quote,
    quote_spans,
    rule_id,
    word_count,
)
from builder.speakers import Mention, Speakers

_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]")
_PHRASE_WINDOWS = (7, 16, 48)  # tokens from the cue
_TOPIC = "اما"  # أما X فـ...: X is the subject of the verb after ف
_RESUMPTIVE = ("به", "بها")  # بحسب ما أفادت به الوكالة
_NESTED_FRAME_CHARS = 60  # a cue this close to the start of a content is what it frames


@dataclass(eq=False)
class Candidate:
    rule: str
    type: str
    content: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    mention: Mention | None
    gender: str
    position: int
    confidence: float


class _Extraction:
    """State for one document while its cues are processed."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.norm = normalize(doc.text)
        self.text = self.norm.text
        self.layout: Layout = layout(self.text, lex)
        self.claimed: set[int] = set()
        self.candidates: list[Candidate] = []
        self.speakers = Speakers(self.text, self.display)
        self.speaker_spans: list[tuple[int, int]] = []
        self.sentence_subject: dict[tuple[int, int], tuple[Mention | None, str]] = {}

    def display(self, span: tuple[int, int]) -> str:
        start, end = self.norm.span(*span)
        return " ".join(self.doc.text[start:end].split()).strip(QUOTE_MARKS + " ،,")

    def sentence(self, pos: int) -> Sentence:
        return Sentence(self.layout, self.lex, self.layout.sentence_of(pos))

    # -- cue anchors -------------------------------------------------------------------

    def run(self) -> list[Candidate]:
        sources = []
        skip_until = 0
        for m in cue_anchors(self.layout, self.lex):
            start, end = m.span(CUE)
            if start < skip_until or self._inside_speaker(start):
                continue
            cue = self.lex.cue_of(m)
            if cue is None:
                continue
            if cue.kind == "verb":
                self._verb(cue, m.start(), start, end)
            elif cue.kind == "participle":
                self._participle(cue, m.start(), start, end)
            elif cue.kind == "source":
                sources.append((cue, m.start(), start, end))
                if cue.takes_verb:  # بحسب ما أورد: the verb belongs to the phrase
                    verb = self.lex.cue_re.match(self.text, trim(self.text, end, len(self.text))[0])
                    skip_until = verb.end() if verb else end
        self._headlines()
        for source in sources:
            self._source(*source)
        return self.candidates

    def _inside_speaker(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.speaker_spans[-4:])

    def _mention(self, phrase: Phrase, gender: str, weak: bool, antecedent: bool = True,
                 headline: bool = False) -> Mention:
        parts = phrase.parts
        name = name_run(parts, self.lex)
        mention = Mention(
            span=(parts[0].start, parts[-1].end),
            name=name,
            titles=frozenset(p.word for p in parts if p.kind in DESCRIPTIVE),
            heads=frozenset(p.word for p in parts if p.kind in (TITLE, INSTITUTION)),
            institution=name is None and parts[0].kind == INSTITUTION,
            definite=headline or self.text.startswith("ال", parts[0].start),
            gender=gender,
            weak=weak,
            antecedent=antecedent,
        )
        self.speakers.add(mention)
        self.speaker_spans.append(mention.span)
        return mention

    def _add(self, rule: str, content: Content, cue: tuple[int, int] | None, mention: Mention | None,
             gender: str, position: int) -> None:
        if any(q.open in self.claimed for q in content.quotes):
            return
        for q in content.quotes:
            self.claimed.add(q.open)
        if mention is not None:
            mention.weak = False
        self.candidates.append(Candidate(rule, content.type, content.spans, cue, mention, gender, position,
                                         RULES[rule].confidence))

    def _verb(self, cue: Cue, token_start: int, start: int, end: int) -> None:
        sent = self.sentence(start)
        phrase = self._phrase_after(sent, token_start)
        if not phrase.parts and cue.present and fold(self.text[start:end]) in self.lex.impersonal:
            return  # يُذكر أن، يُعتقد أن: no subject, so the passive reading
        if phrase.parts and fold(self.text[phrase.parts[0].start:phrase.parts[0].end]) in self.lex.scripture:
            return  # قال تعالى: "..." is quoted scripture
        after = phrase.parts[-1].end if phrase.parts else end
        if cue.relay and phrase.parts:
            phrase, after = self._relayed(sent, phrase, after, cue.preposition)
        if not phrase.parts:
            phrase = self._subject_before(sent, token_start) or phrase
        intro = find_intro(sent, after, self.claimed)
        mention = self._mention(phrase, cue.gender, weak=True) if phrase.parts else None
        self.sentence_subject[sent.span] = (mention, cue.gender)
        subject = "verb" if mention else "dropped"
        before = self._quote_before(token_start)
        if intro is None:
            if before is None:
                return
            spans = tuple(quote_spans(self.text, before.open + 1, before.close))
            self._add("postposed.quote", Content(spans, "direct", (before,)), (start, end), mention,
                      cue.gender, start)
            return
        content = content_at(sent, intro.token.start if intro.kind == "quote" else intro.token.end)
        if content is None or (intro.kind == "that" and intro.after_object and content.type != "direct"):
            return
        rule = rule_id(subject, intro, content)
        if intro.kind == "quote" and before is not None:
            spans = (*quote_spans(self.text, before.open + 1, before.close), *content.spans)
            content = Content(spans, content.type, (before, *content.quotes))
            rule = "interrupted.quote"
        self._add(rule, content, (start, end), mention, cue.gender, start)

    def _phrase_after(self, sent: Sentence, token_start: int) -> Phrase:
        """The speaker phrase after the cue token at ``token_start``: parsed in a short token
        window, widened while the phrase runs to its end (most phrases are short)."""
        for window in _PHRASE_WINDOWS:
            tokens = sent.tokens_from(token_start, window)
            phrase = parse_phrase(self.layout, tokens, 1, self.lex)
            if not phrase.cut or len(tokens) < window:  # fewer tokens: the sentence ended
                break
        return phrase

    def _relayed(self, sent: Sentence, phrase: Phrase, after: int, preposition: str) -> tuple[Phrase, int]:
        """``نقلت الوكالة عن مصدر ... قوله إن``: the speaker is the source after the
        preposition, and its verbal noun (قوله، تأكيده) leads to the content."""
        tokens = sent.tokens_from(after, 24)
        if not tokens or tokens[0].text != preposition:
            return phrase, after
        k = next((j for j, t in enumerate(tokens) if t.text in self.lex.complementizers or not t.is_word),
                 len(tokens))
        noun = k > 2 and tokens[k - 1].raw.endswith(PRONOUN_SUFFIXES)
        if noun:
            k -= 1  # قوله، تأكيده: the verbal noun before إن is not part of the source
        source = parse_phrase(self.layout, tokens[:k], 1, self.lex)
        if not source.parts:
            return phrase, after
        return source, tokens[k].end if noun and source.next_index == k else source.parts[-1].end

    def _subject_before(self, sent: Sentence, token_start: int) -> Phrase | None:
        """Subject–verb order inside a clause (``أن أكار أكد لوزير الدفاع ...``) or after a
        topic (``أما قائد الفريق فقال ...``)."""
        tokens = sent.tokens_before(token_start, 8)
        j = len(tokens) - 1
        while j >= 0 and tokens[j].is_word and tokens[j].text not in self.lex.complementizers \
                and tokens[j].text != _TOPIC and not self.lex.is_cue_word(tokens[j].text):
            j -= 1
        if j == len(tokens) - 1 or j < 0:
            return None
        opener = tokens[j].text
        if opener not in self.lex.complementizers and not (opener == _TOPIC and self.text[token_start] == "ف"):
            return None
        phrase = parse_phrase(self.layout, tokens, j + 1, self.lex)
        if not phrase.parts:
            return None
        k = phrase.next_index  # the subject may be followed by a prepositional phrase: أن مواطنين في الحي أكدوا
        if k < len(tokens) and tokens[k].text in self.lex.adverbials \
                and all(t.is_word and not self.lex.is_cue_word(t.text) for t in tokens[k:]):
            k = len(tokens)
        return phrase if k == len(tokens) else None

    def _quote_before(self, token_start: int):
        """An unclaimed quotation of speech that closes right before the cue (``"..."، قال``)."""
        pos = token_start - 1
        while pos >= 0 and (self.text[pos].isspace() or self.text[pos] in "،,"):
            pos -= 1
        if pos < 0 or pos == token_start - 1:
            return None
        q = self.layout.quote_closing_at(pos)
        if q is None or q.open in self.claimed or not is_speech_quote(self.text, q):
            return None
        return q

    def _participle(self, cue: Cue, token_start: int, start: int, end: int) -> None:
        sent = self.sentence(start)
        intro = find_intro(sent, end, self.claimed)
        if intro is None:
            return
        content = content_at(sent, intro.token.start if intro.kind == "quote" else intro.token.end)
        if content is None:
            return
        mention, gender = self.sentence_subject.get(sent.span, (None, cue.gender))
        if mention is not None and mention.span[0] > start:
            mention = None
        self._add(rule_id("participle", intro, content), content, (start, end), mention, gender or cue.gender, start)

    # -- lines and phrases without a cue verb --------------------------------------------

    def _headlines(self) -> None:
        """``SPEAKER: content`` lines (headlines, sub-headlines, interview lines)."""
        for start, colon in colon_lines(self.text, self.layout.body_end):
            self._headline(start, colon, self.text.find("\n", colon + 1, self.layout.body_end))

    def _headline(self, start: int, colon: int, end: int) -> None:
        text = self.text
        end = self.layout.body_end if end < 0 else end
        if self.layout.quote_around(colon):
            return
        if self.lex.cue_re.search(text, start, colon):
            return  # وقال الوكيل: ... — the cue rules own this line
        if not _ARABIC_WORD.search(text, start, colon) or text.startswith("//", colon + 1):
            return
        head = tokenize(text, start, colon)
        words = [t.text for t in head if t.is_word]
        if not 1 <= len(words) <= 6:
            return
        if self.lex.is_label(words):
            return
        if any(start <= c.position < end for c in self.candidates):
            return
        phrase = parse_phrase(self.layout, head, 0, self.lex)
        if not phrase.parts or phrase.next_index != len(head):
            return
        if not any(p.kind == TITLE or p.kind == INSTITUTION for p in phrase.parts):
            # a bare name must be someone the article quotes: الرباط: ... is a dateline
            name = name_run(phrase.parts, self.lex)
            if name is None or not self.speakers.names_someone(name):
                return
        content = content_at(Sentence(self.layout, self.lex, (start, end)), colon + 1)
        if content is None:
            return
        mention = self._mention(phrase, "", weak=False, headline=True)  # headlines drop the article
        self._add("headline.colon", content, None, mention, "", start)

    def _source(self, cue: Cue, token_start: int, start: int, end: int) -> None:
        """``..., بحسب ما أورد X`` / ``وفقا لـ X، ...``: a plain statement framed by a source,
        listed only when its sentence has no attribution of its own."""
        sent = self.sentence(start)
        if any(sent.span[0] <= c.position < sent.span[1] for c in self.candidates):
            return
        tokens = tokenize(self.text, end, sent.span[1], 24)
        if tokens and tokens[0].start < end:  # a glued preposition: وفقا للمصدر
            raw = self.text[end:tokens[0].end]
            tokens[0] = Token(end, tokens[0].end, fold(raw), raw, tokens[0].is_word)
        k = 0
        if cue.takes_verb and tokens and (
                self.lex.is_cue_word(tokens[0].text) or tokens[0].text in ("ورد", "جاء")):
            k = 2 if len(tokens) > 1 and tokens[1].text in _RESUMPTIVE else 1
        phrase = parse_phrase(self.layout, tokens, k, self.lex)
        if not phrase.parts:
            return
        before = self.text[sent.span[0]:token_start].rstrip()
        if before.endswith(("،", ",")) and phrase.parts[-1].end >= trim(self.text, *sent.span)[1]:
            s, e = trim(self.text, sent.span[0], len(before) + sent.span[0] - 1)
        elif not before and phrase.next_index < len(tokens) and tokens[phrase.next_index].text in "،,":
            first = tokens[phrase.next_index].end
            s, e = trim(self.text, first, clause_end(sent, first))
        else:
            return
        if word_count(self.text, s, e) < 3:
            return
        kind, quotes = content_type(sent, s, e)
        mention = self._mention(phrase, "", weak=False, antecedent=False)
        self._add("source.phrase", Content(tuple(quote_spans(self.text, s, e)), kind, quotes),
                  (start, end), mention, "", start)


def cue_anchors(lay: Layout, lex: Lexicon) -> Iterator[re.Match[str]]:
    """Cue matches in the article body of a stripped text, outside quotations (words quoted
    are not cues): the one pass that finds every anchor the rules work around."""
    for start, end in outside(lay.quotes, lay.body_end):
        yield from lex.cue_re.finditer(lay.text, start, end)


def _settle_nesting(candidates: list[Candidate]) -> list[Candidate]:
    """A candidate whose cue lies inside another's content: when it opens that content it
    is what the outer one frames (``أفادت المعلومات أن أكار أكد ... أن``), and only the
    inner one is kept; deeper inside, it is speech within speech and is dropped."""
    dropped: set[int] = set()
    for b in candidates:
        if b.cue is None:
            continue
        for a in candidates:
            if a is b or id(a) in dropped:
                continue
            for s, e in a.content:
                if s <= b.cue[0] < e:
                    dropped.add(id(a) if b.cue[0] - s <= _NESTED_FRAME_CHARS else id(b))
    return [c for c in candidates if id(c) not in dropped]


def extract(doc: Document, lex: Lexicon | None = None) -> list[dict[str, Any]]:
    """Candidate attributions of ``doc`` in the output contract, in text order."""
    run = _Extraction(doc, lex or load())
    candidates = sorted(_settle_nesting(run.run()), key=lambda c: (c.content[0][0], c.position))
    kept_content = [span for c in candidates for span in c.content]

    def in_content(pos: int) -> bool:
        return any(s <= pos < e for s, e in kept_content)

    run.speakers.resolve()
    return [_record(run, doc, c, in_content) for c in candidates]


def _record(run: _Extraction, doc: Document, c: Candidate, in_content) -> dict[str, Any]:
    def span(s: int, e: int) -> dict[str, Any]:
        start, end = run.norm.span(s, e)
        return {"start": start, "end": end, "text": doc.text[start:end]}

    confidence = c.confidence
    if c.mention is not None:
        speaker = span(*c.mention.span)
        name = c.mention.group.display if c.mention.group else None
    else:
        speaker = None
        antecedent = run.speakers.antecedent(c.position, c.gender, in_content)
        name = antecedent.group.display if antecedent and antecedent.group else None
        if name is None:
            confidence -= 0.2
    content = [span(s, e) for s, e in c.content]
    key = f"{doc.doc_id}|{c.rule}|{[(x['start'], x['end']) for x in content]}"
    return {
        "id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        "type": c.type,
        "content": content,
        "speaker": speaker,
        "speaker_name": name,
        "cue": span(*c.cue) if c.cue else None,
        "rule": c.rule,
        "confidence": round(max(0.0, min(1.0, confidence)), 3),
    }
