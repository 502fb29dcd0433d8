"""A lexicon too large for one pattern is matched word by word (``CueWords``): the same cues,
at the same places, as the pattern finds — checked on the shipped lexicon, whose forms
fit in one pattern, over real texts and texts made of cue forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.lexicon.cue_forms import CUE, MAX_PATTERN_FORMS, PROCLITIC, CueWords, cue_matcher, cue_pattern
from builder.lexicon.lexicon import load
from builder.text.arabic import normalize
from tests.conftest import ROOT

LEX = load()
PATTERN = cue_pattern(LEX.cues)
WORDS = CueWords(LEX.cues)
FORMS = sorted(LEX.cues)
# The letters of the forms in their other spellings, so that a text spells a form as writers do.
SPELLINGS = {"ا": "أإآ", "ي": "ىئ", "و": "ؤ", "ه": "ة", "ك": "ک"}


def matches(matcher, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple]:
    endpos = len(text) if endpos is None else endpos
    return [(m.start(), m.start(PROCLITIC), m.start(CUE), m.end(), m.group(CUE), m.string is text)
            for m in matcher.finditer(text, pos, endpos)]


def stripped_texts() -> list[str]:
    folders = [ROOT / "seeds", ROOT / "data" / "dev", ROOT / "data" / "holdout",
               ROOT.parent / "shared" / "realnews" / "txt"]
    return [" " + normalize(p.read_text(encoding="utf-8")).text for folder in folders if folder.is_dir()
            for p in sorted(Path(folder).glob("*.txt"))]


def test_the_shipped_lexicon_is_one_pattern_and_a_large_one_is_not():
    assert LEX.cue_re.pattern == PATTERN.pattern
    many = {f"{form}{n}": cue for n in range(MAX_PATTERN_FORMS // len(LEX.cues) + 1) for form, cue in LEX.cues.items()}
    assert isinstance(cue_matcher(many), CueWords)


def test_real_texts_give_the_same_cues_word_by_word():
    texts = stripped_texts()
    assert len(texts) >= 44
    for text in texts:
        assert matches(WORDS, text) == matches(PATTERN, text)


@st.composite
def cue_texts(draw) -> str:
    """Cue forms, some with و/ف or a glued word, spelt as writers do, between words,
    punctuation and white space."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        form = draw(st.sampled_from(FORMS))
        form = "".join(draw(st.sampled_from([ch, *SPELLINGS.get(ch, "")])) for ch in form)
        form = form.replace(" ", draw(st.sampled_from([" ", "  ", "\n", "\t"])))
        prefix = draw(st.sampled_from(["", "", "و", "ف", "ؤ", "ب", "ال"]))
        suffix = draw(st.sampled_from(["", "", "", "ه", "ا", "مصادر", "2"]))
        gap = draw(st.sampled_from([" ", " ", "، ", ": ", ".", "\n", "«", '"', "-", ""]))
        parts.append(gap + prefix + form + suffix)
    return "".join(parts) + draw(st.sampled_from(["", " ", "."]))


@settings(max_examples=400)
@given(cue_texts(), st.data())
def test_texts_of_cue_forms_give_the_same_cues_word_by_word(text, data):
    text = " " + text
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    assert matches(WORDS, text) == matches(PATTERN, text)
    assert matches(WORDS, text, pos, endpos) == matches(PATTERN, text, pos, endpos)


@pytest.mark.parametrize("rows", [3000])
def test_a_lexicon_of_thousands_of_verbs_loads_and_finds_its_cues(tmp_path, rows):
    """The small variant of ``bench/bench_lexicon.py``: thousands of generated verbs (more
    forms than one pattern holds), every one of them found in a sentence."""
    verbs = generated_verbs(rows)
    (tmp_path / "cue_verbs.tsv").write_text("".join(f"{past}\t{present}\n" for past, present in verbs),
                                            encoding="utf-8")
    lex = load(tmp_path)
    assert isinstance(lex.cue_re, CueWords) and len(lex.cues) > MAX_PATTERN_FORMS
    for past, present in verbs[::97]:
        text = f" و{past} المتحدث أن الاجتماع سيعقد غدا، وأكد أنهم {present}ون."
        found = [(m.start(PROCLITIC), m.group(CUE), lex.cue_of(m).kind) for m in lex.cue_re.finditer(text)]
        assert found == [(1, past, "verb"), (-1, present + "ون", "verb")]  # أكد is no longer a verb of the lexicon


def generated_verbs(rows: int) -> list[tuple[str, str]]:
    """``rows`` made-up verbs of four letters (past, present), none a shipped form."""
    letters = "بتثجحخدذرزسشصضطظعغفقكلمن"
    out = []
    for n in range(rows):
        stem = "".join(letters[(n // len(letters) ** k) % len(letters)] for k in range(3)) + "ع"
        out.append((stem, "ي" + stem[1:]))
    return out
