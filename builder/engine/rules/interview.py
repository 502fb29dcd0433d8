"""Interview answers with no cue: id ``interview.answer``.

An interview printed as questions and answers (``● ما شعوركم ...؟`` over ``– شعوري ...``,
``س: ...؟`` over ``ج: ...``, or bare question lines over answer lines) gives the interviewee's
words without a cue.  Where the lead names whom it interviews — ``حوار مع ...``، ``لقاء مع ...``،
``مقابلة مع ...``, or a greeting ``أهلا مجيد`` — and at least :data:`MIN_ANSWERS` question lines
are each followed by an answer, each answer is one indirect attribution to that person (the
scheme's decision: an answer is listed, the journalist's questions are not).  An answer in
which a cue rule found a report is left to it; such a report with a dropped subject (``بودي أن
أشير إلى أن ...``) is the interviewee's; none runs past the answer, and speech after a colon
(``قال: ...``) runs to its end.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.engine.content import Content, word_count
from builder.engine.layout import tokenize, trim
from builder.engine.mentions import TITLE, Phrase, name_run, parse_phrase

if TYPE_CHECKING:
    from builder.engine.context import Context

#: How many answered questions make a text an interview.
MIN_ANSWERS = 2
#: The fewest words of an answer line (shorter lines are tags, credits, furniture).
ANSWER_WORDS = 4

_QUESTION_END = re.compile(r"[؟?][\s\"'»”)\].!…]*$")
_ANSWER_MARK = re.compile(r"[ \t]*(?:[-–—•●▪◦*■]+|ج[ \t]*[:/.\-–])[ \t]*")
_LABEL = re.compile(r"[ \t]*\S+(?:[ \t]+\S+)?[ \t]*:")  # حاوره: ...، كلمات دلالية : ...
_INTERVIEW = re.compile(r"(?:حوار|لقاء|مقابلة|حديث|دردشة)\w*(?:[ \t]+\S+){0,3}?[ \t]+مع[ \t]+")
_GREETING = re.compile(r"^[ \t]*(?:أهلا|اهلا|مرحبا)(?:[ \t]+بك|[ \t]+بكم)?[ \t]*(?:يا[ \t]+)?", re.M)
_PHRASE_TOKENS = 12


def interviews(ctx: Context) -> None:
    if ctx.layout.one_block:
        return
    lines = _lines(ctx.text)
    # a greeting line (أهلا مجيد، معك ...) is the interviewer's turn as a question is
    questions = [k for k, (s, e) in enumerate(lines) if _question(ctx.text, s, e) or _GREETING.match(ctx.text, s, e)]
    answers = [a for k in questions if (a := _answer(ctx, lines, k))]
    if len(answers) < MIN_ANSWERS:
        return
    phrase = _interviewee(ctx, lines[questions[0]][1])
    if phrase is None:
        return
    mention = ctx.mention(phrase, "", weak=False, antecedent=False)
    for spans in answers:
        start, end = spans[0][0], spans[-1][1]
        inside = [c for c in ctx.candidates if start <= c.position < end]
        for c in inside:
            if c.mention is None:
                c.mention = mention  # أشير إلى أن ...: the interviewee speaking of himself
            c.content = _within(c.content, spans, whole=c.rule.endswith(".colon"))
        if not inside:
            ctx.propose("interview.answer", Content(spans, "indirect", ()), None, mention, "", start)


def _within(content: tuple[tuple[int, int], ...], answer: tuple[tuple[int, int], ...],
            whole: bool) -> tuple[tuple[int, int], ...]:
    """A content inside an answer (its line spans): cut at the answer's end (the next question
    is the interviewer's), or — for speech after a colon (``قال: ...``), when ``whole`` — run
    over the answer's lines to it."""
    end = answer[-1][1]
    spans = [(s, min(e, end)) for s, e in content if s < end]
    if whole:
        spans += [line for line in answer if line[0] >= spans[-1][1]]
    return tuple(spans)


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text``."""
    out, start = [], 0
    for m in re.finditer("\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _question(text: str, start: int, end: int) -> bool:
    """Whether a line is a question: it ends with a question mark (and is not its only word)."""
    return bool(_QUESTION_END.search(text, start, end)) and word_count(text, start, end, 2) > 1


def _answer(ctx: Context, lines: list[tuple[int, int]], k: int) -> tuple[tuple[int, int], ...]:
    """The answer below question line ``k``, a span a line (as speech over lines is drawn): the
    lines up to the next question, a short line or a label (``حاوره: ...``), without its answer
    mark; empty when there is none."""
    text, spans = ctx.text, []
    for s, e in lines[k + 1:]:
        if not text[s:e].strip():
            continue
        if _question(text, s, e) or ctx.layout.in_furniture(s):
            break
        mark = _ANSWER_MARK.match(text, s, e)  # – ...، ج: ...
        body = mark.end() if mark and not spans else s
        short = word_count(text, body, e, ANSWER_WORDS) < ANSWER_WORDS or _LABEL.match(text, body, e)
        if short and not ctx.has_candidate(s, e):  # قال: ... is the answer as a cue rule read it
            break
        spans.append(trim(text, body, e))
    return tuple(spans)


def _interviewee(ctx: Context, lead_end: int) -> Phrase | None:
    """Whom the text interviews, as the lead (the text before the first question's end)
    names them: after ``حوار/لقاء/مقابلة ... مع`` or a greeting."""
    text = ctx.text
    starts = [m.end() for m in _INTERVIEW.finditer(text, 0, lead_end)]
    starts += [m.end() for m in _GREETING.finditer(text, 0, lead_end)]
    for start in sorted(starts):
        tokens = tokenize(text, start, lead_end, _PHRASE_TOKENS)
        if not tokens or not tokens[0].is_word:
            continue
        phrase = parse_phrase(ctx.layout, tokens, 0, ctx.lex)
        if phrase.parts and (name_run(phrase.parts, ctx.lex) is not None
                             or any(p.kind == TITLE for p in phrase.parts)):
            return phrase
    return None

