"""Robustness probe (not a test): the extractor on the real news texts rewritten in the
typography and spelling of other outlets, scored as the project's scorer scores it.

Other outlets write the same language with other quotation marks, commas, digits, letter
forms, invisible characters and line breaks.  Each *variant* here is one such habit, written
as a per-character map (``str.translate``) applied to the text and to every gold string
alike, so that a gold substring stays a substring of the rewritten text (the script checks
this and reports any string that is not).  Each variant is extracted in-process and scored
with ``../shared/scoring/score.py`` (imported from beside the project, never copied in); one
row per variant gives attribution P/R/F1, content overlap F1, speaker accuracy on matched
attributions and the change in attribution F1 against the unchanged text.

A per-character map cannot pair marks (a straight ``"`` cannot become ``«`` here and ``»``
there), so the guillemet variant maps the curly marks ``“ ”`` only; nor can it tell a
word-final letter from a medial one, so ``ي → ى`` maps every ``ي`` (a superset of the
Egyptian final-ى habit).  Spaces become no-break spaces everywhere, not only some.

    python bench/robustness.py
    python bench/robustness.py --variants straight-quotes no-hamza --by-doc
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.documents import make_document  # noqa: E402
from builder.lexicon.lexicon import Lexicon, load  # noqa: E402
from builder.run.encode import candidate_record  # noqa: E402

SHARED = ROOT.parent / "shared"
REALNEWS = SHARED / "realnews"
SCORER = SHARED / "scoring" / "score.py"

Table = dict[int, str]

_LETTERS = [chr(c) for c in range(0x0621, 0x064B) if chr(c) != "\u0640"]
#: Letters that join the next one: a tatweel may follow them.
_JOINING = [ch for ch in _LETTERS if ch not in "ءآأؤإادذرزوة"]
_MARKS = "\u064e\u064f\u0650\u0652\u0651\u064b\u064c\u064d"  # fatha damma kasra sukun shadda, tanween
_PUNCTUATION = "،؛.:!؟?,;\"«»“”"


def _table(pairs: dict[str, str]) -> Table:
    return str.maketrans(pairs)


def _subset(chars: list[str], share: int, salt: int) -> list[str]:
    """A deterministic pseudo-random subset of ``chars``, about ``share`` in 8 of them."""
    return [ch for ch in chars if (ord(ch) * 2654435761 + salt) % 8 < share]


def _diacritics() -> Table:
    return _table({ch: ch + _MARKS[(ord(ch) * 7) % len(_MARKS)] for ch in _subset(_LETTERS, 3, 11)})


def _tatweel() -> Table:
    return _table({ch: ch + "\u0640" for ch in _subset(_JOINING, 3, 5)})


def _around_punctuation(before: str, after: str) -> Table:
    return _table({p: before + p + after for p in _PUNCTUATION})


def _presentation_forms() -> Table:
    """Each letter as its isolated presentation form (U+FE80…), as text copied from PDFs."""
    import unicodedata

    out = {}
    for cp in range(0xFE80, 0xFF00):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        if name.endswith("ISOLATED FORM"):
            base = unicodedata.normalize("NFKC", ch)
            if len(base) == 1:
                out.setdefault(base, ch)
    return _table(out)


#: Every variant: a name, what it does, and its per-character map.
VARIANTS: dict[str, tuple[str, Table]] = {
    "straight-quotes": ('« » “ ” → "', _table({c: '"' for c in "«»“”"})),
    "guillemets": ("“ → «, ” → » (curly only: a straight \" cannot be paired per character)",
                   _table({"“": "«", "”": "»"})),
    "closing-curly": ('every double mark → ” (one mark both sides)', _table({c: "”" for c in '"«»“'})),
    "single-quotes": ("« “ → ‘, » ” → ’, \" → '", _table({"«": "‘", "“": "‘", "»": "’", "”": "’", '"': "'"})),
    "latin-comma": ("، → ,  ؛ → ;", _table({"،": ",", "؛": ";"})),
    "latin-question": ("؟ → ?", _table({"؟": "?"})),
    "space-before-comma": ("، → ' ،'", _table({"،": " ،"})),
    "no-hamza": ("أ إ آ → ا", _table({c: "ا" for c in "أإآ"})),
    "ya-for-maqsura": ("ى → ي", _table({"ى": "ي"})),
    "maqsura-for-ya": ("ي → ى (everywhere)", _table({"ي": "ى"})),
    "ha-for-ta-marbuta": ("ة → ه", _table({"ة": "ه"})),
    "egyptian": ("ي → ى, ة → ه, أ إ → ا", _table({"ي": "ى", "ة": "ه", "أ": "ا", "إ": "ا"})),
    "diacritics": ("a mark after a subset of letters", _diacritics()),
    "tatweel": ("ـ after a subset of joining letters", _tatweel()),
    "one-block": ("line breaks → spaces", _table({"\n": " "})),
    "double-newlines": ("\\n → \\n\\n", _table({"\n": "\n\n"})),
    "persian-letters": ("ي → ی, ك → ک", _table({"ي": "ی", "ك": "ک"})),
    "indic-digits": ("0-9 → ٠-٩", _table({str(d): chr(0x0660 + d) for d in range(10)})),
    "ascii-digits": ("٠-٩ → 0-9", _table({chr(0x0660 + d): str(d) for d in range(10)})),
    "persian-digits": ("0-9 → ۰-۹", _table({str(d): chr(0x06F0 + d) for d in range(10)})),
    "nbsp": ("space → U+00A0", _table({" ": "\u00a0"})),
    "narrow-nbsp": ("space → U+202F", _table({" ": "\u202f"})),
    "double-spaces": ("space → two spaces", _table({" ": "  "})),
    "zwnj-zwj": ("ZWNJ before, ZWJ after punctuation", _around_punctuation("\u200c", "\u200d")),
    "rlm-lrm": ("RLM before, LRM after punctuation", _around_punctuation("\u200f", "\u200e")),
    "colon-spaced": ("':' → ' :'", _table({":": " :"})),
    "dots-ellipsis": ("… → ...", _table({"…": "..."})),
    "en-dash": ("- → –", _table({"-": "–"})),
    "presentation-forms": ("letters → isolated presentation forms", _presentation_forms()),
}


@dataclass
class Row:
    name: str
    scores: dict
    lost: list[str]
    """Mapped gold strings not found in the mapped text."""


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mapped_gold(gold: list[dict], table: Table) -> list[dict]:
    """Every gold string rewritten by ``table``: text, content, speaker, cue, names."""
    def m(s: str | None) -> str | None:
        return None if s is None else s.translate(table)

    out = []
    for doc in gold:
        atts = [{**a, "content": [m(c) for c in a["content"]], "speaker": m(a.get("speaker")),
                 "cue": m(a.get("cue")), "speaker_names": [m(n) for n in a["speaker_names"]]}
                for a in doc["attributions"]]
        out.append({**doc, "text": m(doc["text"]), "attributions": atts})
    return out


def lost_strings(gold: list[dict]) -> list[str]:
    """``doc: field: string`` for each gold string that is not in its (stored) text."""
    lost = []
    for doc in gold:
        text = make_document(doc["text"], doc["source"]).text
        for a in doc["attributions"]:
            for key, values in (("content", a["content"]), ("speaker", [a["speaker"]]), ("cue", [a["cue"]])):
                lost += [f"{doc['doc_id']}: {key}: {v[:40]!r}" for v in values if v is not None and v not in text]
    return lost


def run(name: str, gold: list[dict], table: Table, lex: Lexicon, score: Callable, folder: Path) -> Row:
    variant = mapped_gold(gold, table)
    pred = [candidate_record(make_document(d["text"], d["source"]), lex) for d in variant]
    paths = {}
    for kind, records in (("gold", variant), ("pred", pred)):
        paths[kind] = folder / f"{name}.{kind}.jsonl"
        paths[kind].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return Row(name, score(str(paths["gold"]), str(paths["pred"]), by_doc=True), lost_strings(variant))


def print_table(rows: list[Row]) -> None:
    base = rows[0].scores
    print(f"{'variant':<20}{'P':>7}{'R':>7}{'F1':>7}{'ΔF1':>8}{'ovl F1':>8}{'spk':>7}{'lost':>6}")
    for row in rows:
        s = row.scores
        p, r, f = s["attribution_prf"]
        delta = f - base["attribution_prf"][2]
        print(f"{row.name:<20}{p:>7.3f}{r:>7.3f}{f:>7.3f}{delta:>+8.3f}{s['content_overlap_prf'][2]:>8.3f}"
              f"{s['speaker_acc_on_matched']:>7.3f}{len(row.lost):>6}")


def print_by_doc(rows: list[Row]) -> None:
    """For each variant, the documents whose (gold, pred, matched, attributed) counts differ
    from those of the unchanged text."""
    base = {d[0]: d[1:] for d in rows[0].scores["by_doc"]}
    for row in rows[1:]:
        changed = [f"{d[0]} {tuple(base[d[0]])}→{tuple(d[1:])}" for d in row.scores["by_doc"]
                   if tuple(d[1:]) != tuple(base[d[0]])]
        if changed:
            print(f"{row.name}: " + "; ".join(changed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", nargs="+", choices=sorted(VARIANTS), metavar="NAME",
                        help=f"the variants to run (default: all): {', '.join(VARIANTS)}")
    parser.add_argument("--by-doc", action="store_true",
                        help="also list, per variant, the documents whose counts change")
    parser.add_argument("--list", action="store_true", help="list the variants and what each maps, and stop")
    args = parser.parse_args()
    if args.list:
        for name, (what, _) in VARIANTS.items():
            print(f"{name:<20}{what}")
        return
    if not (REALNEWS / "gold.jsonl").is_file() or not SCORER.is_file():
        print(f"{REALNEWS} or {SCORER} is not beside the project: nothing to probe")
        return
    gold = [json.loads(line) for line in (REALNEWS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    lex = load()
    score = scorer().score
    names = args.variants or list(VARIANTS)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [run("unchanged", gold, {}, lex, score, Path(tmp))]
        rows += [run(name, gold, VARIANTS[name][1], lex, score, Path(tmp)) for name in names]
    print(f"{len(gold)} documents, {sum(len(d['attributions']) for d in gold)} gold attributions")
    print_table(rows)
    if args.by_doc:
        print_by_doc(rows)
    for row in rows:
        for lost in row.lost:
            print(f"{row.name}: mapped gold string not in mapped text: {lost}")


if __name__ == "__main__":
    main()
