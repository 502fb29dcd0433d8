"""Who a speaker mention is: canonical names within a document, and antecedents.

* Named mentions are grouped when their names are compatible: same surname and one name's
  words contained in the other's, compared through a transliteration skeleton that sees
  ``جاويش`` and ``تشاووش``, ``سيرجي`` and ``سيرغي`` as one (``تش``/``غ`` → ``ج``, no long
  vowels, no doubled letters).  A group's name is its longest name.
* A nominal mention (``الوزير التركي``، ``المتحدث باسم الجيش الليبي``) joins the group of the
  mention sharing the most title words and a head word, the nearest before it first, or a
  named one after it (a headline names its speaker later); a
  person title with no such match refers to the most recent named speaker.
* Institutions and unnamed sources are named by their own words, and a shorter one joins a
  longer one that contains it (``وزارة الداخلية`` → ``وزارة الداخلية في حكومة الوفاق``).
* A dropped subject (``وقال: "..."``) takes the most recent mention whose verb agreed in
  gender with its own (``وقالت`` skips the men), outside reported content; a candidate
  that finds none loses :data:`UNRESOLVED_PENALTY` of its confidence.

Names are kept as spans of the normalised text; the record maps them to the stored text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from heapq import merge
from typing import Protocol

from builder.engine.layout import WORD
from builder.engine.mentions import Group, Mention
from builder.engine.names import compatible, last_word, nisba_of, skeleton
from builder.lexicon.lexicon import Lexicon
from builder.text.arabic import fold

#: How much less sure a candidate is when its dropped subject has no antecedent.
UNRESOLVED_PENALTY = 0.2
#: How many mentions back (and, for a headline, ahead) a mention may refer.
REACH = 64


#: How far back (characters) a dropped subject with no antecedent looks for a titled person.
INTRODUCED_NEAR = 400

#: Where a person was introduced with one of these title words before a position, though no
#: cue made them speak: the span of their name, or None.
Introduced = Callable[[frozenset[str], int, frozenset[str]], "tuple[int, int] | None"]
#: The name of a titled person who opens one of the sentences just before a position (and
#: after a second one) as the subject of a verb that reports nothing (``خرج الفنان ماهر عيسى
#: ...``), or None.
Opening = Callable[[int, int], "tuple[int, int] | None"]


def _agree(a: str, b: str) -> bool:
    """Gender agreement of two verbs' subjects; unknown or plural agrees with anything."""
    return not a or not b or a == b or "p" in (a, b)


class Speakers:
    """Names the mentions of one document; ``text`` is the normalised text.

    Mentions are looked up by their last name word and their title words, and a mention
    refers back at most :data:`REACH` mentions, so that naming a long document grows with
    its length, not with its square."""

    def __init__(self, text: str, lex: Lexicon, introduced: Introduced | None = None,
                 opening: Opening | None = None) -> None:
        self.text = text
        self.lex = lex
        self._introduced: Introduced = introduced or (lambda heads, before, genitive: None)
        self._opening: Opening = opening or (lambda position, after: None)
        self.mentions: list[Mention] = []
        self._words_of: dict[tuple[int, int], tuple[str, ...]] = {}
        self._named_by_last: dict[str, list[Mention]] = defaultdict(list)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if mention.name is not None:
            words = self._words(mention.name)
            if words:
                self._named_by_last[words[-1]].append(mention)

    def _words(self, span: tuple[int, int]) -> tuple[str, ...]:
        words = self._words_of.get(span)
        if words is None:
            # the text is stripped already: fold its words (as name_words would, but cheaper)
            found = WORD.findall(self.text, *span)
            if found and span[0] > 0 and self.text[span[0] - 1] == "ل" and found[0].startswith("ل"):
                found[0] = "ا" + found[0]  # للوزارة read from its second letter: لوزارة is الوزارة
            words = self._words_of[span] = tuple(skeleton(fold(w), self.lex) for w in found)
        return words

    def names_someone(self, name: tuple[int, int]) -> bool:
        """Whether the name at ``name`` fits a named mention met so far (``بري`` / ``نبيه بري``)."""
        words = self._words(name)
        if not words:
            return False
        last = last_word(self.text[name[0]:name[1]], self.lex)
        return any(m.name != name and compatible(words, self._words(m.name))
                   and not nisba_of(self.text[m.name[0]:m.name[1]], last, self.lex)
                   for m in self._named_by_last.get(words[-1], ()) if m.name is not None)

    def resolve(self) -> None:
        """Group every mention; call once, after all mentions are added."""
        self.mentions.sort(key=lambda m: m.span[0])
        self._starts = [m.span[0] for m in self.mentions]
        self._groups: dict[str, list[Group]] = defaultdict(list)  # named groups by the last word of their name
        for m in self.mentions:
            if m.name and not m.weak:
                m.group = self._named_group(m.name)
        for m in self.mentions:
            if m.name and m.weak:
                self._attach_weak(m, m.name)
        self._group_institutions()
        self._group_nominals()
        for m in self.mentions:
            if m.group is None:
                m.group = Group(m.name or m.label)

    def reported(self, mention: Mention) -> None:
        """``mention``'s cue reported something: it is a speaker, no longer weak."""
        mention.weak = False

    def _group_institutions(self) -> None:
        grouped: dict[str, list[int]] = defaultdict(list)  # grouped institutions by word
        for k, m in enumerate(self.mentions):
            if m.group is None and m.institution:
                self._attach_institution(m, grouped)
            elif not (m.group is not None and self._named_institution(m)):
                continue
            for word in set(self._words(m.label)):
                grouped[word].append(k)

    def _named_institution(self, m: Mention) -> bool:
        """Whether a named mention is an institution with its name (``منظمة "عين الرقيب"
        الحقوقية``): ``المنظمة`` later joins it."""
        words = self._words(m.label)
        return m.name is not None and bool(words) and self.lex.strip_article(words[0]) in self.lex.institutions

    def _group_nominals(self) -> None:
        heads: dict[str, list[int]] = defaultdict(list)  # non-institutions by head word
        for k, m in enumerate(self.mentions):
            if not m.institution:
                for head in m.heads:
                    heads[head].append(k)
        for k, m in enumerate(self.mentions):
            if m.group is None and not m.name and not m.institution and m.definite:
                self._attach_nominal(k, m, heads)

    def _named_group(self, name: tuple[int, int]) -> Group:
        """The group of the name at ``name``: the first one whose name is compatible (the
        longer name becomes the group's), else a new one."""
        words = self._words(name)
        for g in self._groups.get(words[-1], ()) if words else ():
            if compatible(words, g.words) and not self._two_given_names(name, words, g):
                if len(words) > len(g.words):
                    g.words, g.span = words, name
                return g
        group = Group(name, words)
        if words:
            self._groups[words[-1]].append(group)
        return group

    def _two_given_names(self, name: tuple[int, int], words: tuple[str, ...], group: Group) -> bool:
        """Whether a one-word name and a one-word group differ as written (``صالح``/``صلاح``،
        ``حسن``/``حسين``): the skeleton that sees one transliterated name in ``ميلر``/``ملير``
        is too coarse for two names standing alone."""
        return (len(words) == 1 and len(group.words) == 1
                and fold(self.text[name[0]:name[1]]) != fold(self.text[group.span[0]:group.span[1]]))

    def _attach_weak(self, m: Mention, name: tuple[int, int]) -> None:
        """A mention from a cue that reported nothing may run into the verb's object when its
        name stands alone (``أكد لافروف وقوف روسيا``): keep the longest prefix that ends on a
        known surname; with none, an untitled name of more than two words is no antecedent.
        After a title (``الأديب رامز شكري``) the name's end is known."""
        words = self._words(name)
        for k in range(len(words), 0, -1):
            for g in self._groups.get(words[k - 1], ()):
                if compatible(words[:k], g.words):
                    m.group = g
                    return
        if len(words) > 2 and not m.heads:
            m.antecedent = False  # an untitled name may run into the object: no antecedent

    def _attach_institution(self, m: Mention, grouped: dict[str, list[int]]) -> None:
        """``وزارة الداخلية`` joins ``وزارة الداخلية في حكومة الوفاق`` (one contains the
        other), the first such institution of the text."""
        words = set(self._words(m.label))
        for k in merge(*(grouped.get(w, ()) for w in words)):
            other = self.mentions[k]
            theirs = set(self._words(other.label))
            if other.group is not None and (words <= theirs or theirs <= words):
                m.group = other.group
                if len(words) > len(theirs):
                    other.group.span = m.label
                return
        m.group = Group(m.label)

    def _attach_nominal(self, k: int, m: Mention, heads: dict[str, list[int]]) -> None:
        """A definite title with no name (``الوزير التركي``) joins the mention sharing the
        most descriptive words and a head word — the nearest before, else the nearest named
        one after (a headline); failing that, the person the text introduced with that title
        though no cue made them speak (``عبر وزير النقل هشام بن أحمد ... الوزير``), or the
        latest named speaker whose name came with no title and whose verb agrees (``مولود
        جاويش أوغلو ... الوزير التركي``).  A title joins a person with that title, never one
        with another (``المتحدث باسم الشرطة ماهر حداد ... المحافظ``): with none, it stands alone.
        A title in the construct state (``وزير الإعلام``) joins only a mention with all its words."""
        best = self._sharing_heads(k, m, heads)
        if best is not None:
            if best.group is None:
                best.group = self._named_group(best.name) if best.name else Group(best.label)
            m.group = best.group
            return
        name = self._introduced(m.heads, m.span[0], m.genitive) if m.heads else None
        if name is not None:
            m.group = self._named_group(name)
            return
        if m.genitive:
            return  # وزير الداخلية: only a minister of the interior, named as such
        for other in self._before(m.span[0]):
            if (other.name and other.group and not other.heads and _agree(m.gender, other.gender)
                    and self._personal(other.group.span)):
                m.group = other.group  # مولود جاويش أوغلو ... الوزير التركي: a name with no title
                return

    def _personal(self, span: tuple[int, int]) -> bool:
        """Whether a group's name is a person's: two words or more, or one without the article
        — not a description read as a name (``وأضاف المعزول``)."""
        words = WORD.findall(self.text, *span)
        return len(words) > 1 or (len(words) == 1 and not words[0].startswith("ال"))

    def _two_constructs(self, m: Mention, other: Mention) -> bool:
        """Whether two mentions are titles in the construct state with other genitives (``وزير
        الصحة`` and ``وزير التعليم``): two people."""
        construct = not self.text.startswith("ال", m.span[0]) and not self.text.startswith("ال", other.span[0])
        return construct and not (m.titles <= other.titles or other.titles <= m.titles)

    def _sharing_heads(self, k: int, m: Mention, heads: dict[str, list[int]]) -> Mention | None:
        """The mention near ``m`` (the ``k``th) sharing a head word and the most descriptive
        words with it, the nearest before first; one after only if it is grouped already."""
        best_key: tuple[int, int, int] | None = None
        best: Mention | None = None
        near: set[int] = set()
        for head in m.heads:
            found = heads.get(head, [])
            near.update(found[bisect_left(found, k - REACH):bisect_right(found, k + REACH)])
        for j in sorted(near):
            other = self.mentions[j]
            before = other.span[0] < m.span[0]
            if other is m or (not before and other.group is None) or (
                    m.genitive and not (other.name and m.genitive <= other.titles)):
                continue  # وزير الإعلام: only a minister of (culture and) information, named
            if not other.name and self._two_constructs(m, other):
                continue  # وزير التعليم is not وزير الصحة: two titles, no name joins them
            key = (len(m.titles & other.titles), int(before), -abs(other.span[0] - m.span[0]))
            if best_key is None or key > best_key:
                best_key, best = key, other
        return best

    def _before(self, position: int) -> Iterator[Mention]:
        """The mentions that start before ``position``, the latest first, :data:`REACH` at most."""
        k = bisect_left(self._starts, position)
        for j in range(k - 1, max(k - REACH, 0) - 1, -1):
            yield self.mentions[j]

    def opening_subject(self, position: int, after: int) -> tuple[int, int] | None:
        """See :data:`Opening`."""
        return self._opening(position, after)

    def introduced_before(self, position: int) -> tuple[int, int] | None:
        """The name of the person last introduced with a title within :data:`INTRODUCED_NEAR`
        characters before ``position``, though no cue made them speak."""
        name = self._introduced(self.lex.titles, position, frozenset())
        return name if name is not None and position - name[0] <= INTRODUCED_NEAR else None

    def antecedent(self, position: int, gender: str, excluded: Callable[[int], bool]) -> Mention | None:
        """The most recent mention before ``position`` whose gender fits ``gender``;
        ``excluded(pos)`` says whether a mention lies inside reported content."""
        for m in self._before(position):
            if not m.antecedent or excluded(m.span[0]):
                continue
            if _agree(gender, m.gender):
                return m
        return None


class Spoken(Protocol):
    """What naming needs of a candidate (:class:`builder.engine.context.Candidate`)."""

    mention: Mention | None
    position: int
    gender: str
    content: tuple[tuple[int, int], ...]
    name: tuple[int, int] | None
    confidence: float


def name_speakers(speakers: Speakers, candidates: Sequence[Spoken]) -> None:
    """Group the mentions and give every candidate its speaker's name: its mention's group,
    or for a dropped subject the antecedent's — or, nearer than that, a titled person who opens a
    sentence just before as the subject of a verb that reports nothing (``خرج الفنان ماهر عيسى
    ... وقال: ...``); with neither, the person last introduced with a title nearby; one with no
    antecedent is less sure."""
    speakers.resolve()
    content = _merged(span for c in candidates for span in c.content)
    starts = [s for s, _ in content]

    def in_content(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < content[k][1]

    for c in candidates:
        mention = c.mention or speakers.antecedent(c.position, c.gender, in_content)
        c.name = mention.group.span if mention is not None and mention.group is not None else None
        if c.mention is None:
            opening = speakers.opening_subject(c.position, mention.span[1] if mention is not None else -1)
            if opening is not None:
                c.name = opening  # خرج الفنان ماهر عيسى ... وقال: the subject nearer than any speaker
            elif c.name is None:
                c.name = speakers.introduced_before(c.position)
            if mention is None:
                c.confidence -= UNRESOLVED_PENALTY


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and merged where they overlap."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
