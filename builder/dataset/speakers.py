"""One id for one speaker across the whole dataset, through the name skeletons of
:mod:`builder.engine.names`.

Names are compared as tuples of skeletons (``مولود جاويش أوغلو`` and ``مولود تشاووش أوغلو``
are one tuple) and grouped by their last word: in a bucket, names are taken longest first,
and each joins the first group whose founding name it is :func:`~builder.engine.names.compatible`
with (``لافروف`` joins ``سيرغي لافروف``), or founds one.  A speaker's id is ``spk-`` and 12
hex digits of a SHA-256 of its founding name's skeletons: the same in every build of the
same names, kept when other people's names arrive (two people of one surname are two
founders), and changed only when a longer name of that speaker arrives and founds its group.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.engine.names import compatible, name_words


@dataclass
class Speaker:
    """A group of names of one speaker and how often each was written."""

    id: str
    founder: tuple[str, ...]
    variants: Counter = field(default_factory=Counter)

    @property
    def name(self) -> str:
        """The canonical name: the written form with the most words, then the most used."""
        return min(self.variants, key=lambda n: (-len(n.split()), -self.variants[n], n))


def _id(key: str) -> str:
    return "spk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class SpeakerIndex:
    """The speakers of a set of names (each name counted as often as it is given)."""

    def __init__(self, names: Iterable[str]) -> None:
        counts = Counter(n for n in names if name_words(n))
        buckets: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            buckets[name_words(name)[-1]].append(name)
        self._of: dict[str, Speaker] = {}
        self.speakers: list[Speaker] = []
        for _, bucket in sorted(buckets.items()):
            self._group(bucket, counts)

    def _group(self, bucket: list[str], counts: Counter) -> None:
        groups: list[Speaker] = []
        for name in sorted(bucket, key=lambda n: (-len(name_words(n)), name_words(n), n)):
            words = name_words(name)
            speaker = next((g for g in groups if compatible(words, g.founder)), None)
            if speaker is None:
                speaker = Speaker(_id(" ".join(words)), words)
                groups.append(speaker)
            speaker.variants[name] += counts[name]
            self._of[name] = speaker
        self.speakers += groups

    def id_of(self, name: str | None) -> str | None:
        """The id of the speaker named ``name`` (as given to the index), or None."""
        speaker = self._of.get(name or "")
        return speaker.id if speaker else None
