"""The evaluation measures what it says, on hand-made cases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from builder.contract import overlap
from builder.evaluate import evaluate, score_strings
from tests.conftest import ROOT


def att(start, end, name, typ="direct", rule="r"):
    return {"type": typ, "content": [{"start": start, "end": end}], "speaker_name": name, "rule": rule}


def doc(*atts):
    return {"doc_id": "d", "attributions": list(atts)}


def test_overlap_is_jaccard_of_spans():
    assert overlap([{"start": 0, "end": 10}], [{"start": 5, "end": 15}]) == 5 / 15
    assert overlap([{"start": 0, "end": 4}, {"start": 6, "end": 10}], [{"start": 0, "end": 10}]) == 0.8


def test_counts_exact_overlap_speaker_and_type():
    gold = [doc(att(0, 10, "سيرغي لافروف"), att(20, 30, "موسكو", "indirect"), att(40, 50, "أحمد"))]
    pred = [doc(att(0, 10, "لافروف", rule="a"),          # exact, speaker right
                att(21, 30, "أنقرة", "indirect", "b"),      # overlap, speaker wrong
                att(60, 70, "أحمد", rule="c"))]             # no match
    r = evaluate(gold, pred).as_dict()
    assert r["content_exact"]["tp"] == 1
    assert r["content_overlap"]["tp"] == 2
    assert r["attribution"] == {"precision": round(1 / 3, 4), "recall": round(1 / 3, 4), "f1": round(1 / 3, 4),
                                "tp": 1, "pred": 3, "gold": 3}
    assert r["speaker_accuracy_on_matched"] == 0.5
    assert r["by_type"]["direct"]["tp"] == 1 and r["by_type"]["indirect"]["tp"] == 0
    assert r["by_rule"]["a"]["precision"] == 1.0 and r["by_rule"]["b"]["precision"] == 0.0


def test_type_must_agree_for_the_by_type_figures():
    r = evaluate([doc(att(0, 10, "x", "direct"))], [doc(att(0, 10, "x", "mixed"))]).as_dict()
    assert r["attribution"]["tp"] == 1
    assert r["by_type"]["direct"]["recall"] == 0.0 and r["by_type"]["mixed"]["precision"] == 0.0


def test_transliteration_variants_are_one_speaker():
    r = evaluate([doc(att(0, 10, "مولود جاويش أوغلو"))], [doc(att(0, 10, "تشاووش أوغلو"))]).as_dict()
    assert r["attribution"]["tp"] == 1


def test_a_missing_document_counts_as_all_missed():
    r = evaluate([doc(att(0, 10, "x"))], []).as_dict()
    assert r["attribution"]["recall"] == 0.0 and r["documents_without_prediction"] == ["d"]


def test_a_conjoined_word_with_the_article_is_the_same_word():
    """``والتعليم`` and ``التعليم``: the و of coordination and the article both fall away."""
    r = evaluate([doc(att(0, 10, "وزير التربية والتعليم"))], [doc(att(0, 10, "وزير التعليم"))]).as_dict()
    assert r["attribution"]["tp"] == 1


REALNEWS = ROOT.parent / "shared" / "realnews"
SCORER = ROOT.parent / "shared" / "scoring" / "score.py"


@pytest.mark.skipif(not (REALNEWS / "gold.jsonl").is_file() or not SCORER.is_file(),
                    reason="../shared/realnews or ../shared/scoring/score.py is not beside the project")
def test_strings_gold_gives_the_scorers_figures(tmp_path):
    """On the real-news gold format, ``iqtibas evaluate`` prints what ``score.py`` prints."""
    pred = tmp_path / "pred.jsonl"
    subprocess.run([sys.executable, "-m", "builder.cli", "-q", "extract", str(REALNEWS / "txt"), "-o", str(pred)],
                   check=True, cwd=ROOT)
    ours = subprocess.run([sys.executable, "-m", "builder.cli", "evaluate", "--gold", str(REALNEWS / "gold.jsonl"),
                           "--pred", str(pred), "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
    theirs = subprocess.run([sys.executable, str(SCORER), "score", str(REALNEWS / "gold.jsonl"), str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    ours_figures = json.loads(ours.stdout)
    assert ours_figures.pop("by_rule")
    assert ours_figures == json.loads(theirs.stdout)


def test_strings_gold_pairs_by_words_and_names_as_the_scorer_does():
    text = "قال الوزير أحمد علي إن الحكومة ستعمل على خطة جديدة. وأضاف أن الخطة جاهزة."
    gold = [{"doc_id": "g", "source": "g.txt", "text": text, "attributions": [
        {"type": "indirect", "content": ["الحكومة ستعمل على خطة جديدة"], "speaker": "الوزير أحمد علي",
         "speaker_names": ["أحمد علي", "علي"], "cue": "قال"},
        {"type": "indirect", "content": ["الخطة جاهزة"], "speaker": None, "speaker_names": ["أحمد علي"],
         "cue": "وأضاف"}]}]
    start = text.index("الحكومة")
    pred = [{"doc_id": "x", "source": "elsewhere/g.txt", "text": text, "attributions": [
        {"type": "indirect", "content": [{"start": start, "end": start + 20, "text": text[start:start + 20]}],
         "speaker_name": "الوزير أحمد علي", "rule": "verb.that"},
        {"type": "direct", "content": [{"start": 0, "end": 3, "text": "قال"}], "speaker_name": "علي",
         "rule": "verb.quote"}]}]
    scores = score_strings(gold, pred)
    assert scores["content_overlap_prf"] == (0.5, 0.5, 0.5)
    assert scores["attribution_prf"] == (0.5, 0.5, 0.5)
    assert scores["by_rule"]["verb.that"]["precision"] == 1.0 and scores["by_rule"]["verb.quote"]["correct"] == 0


def _repeated(copies: int) -> tuple[dict, dict, dict]:
    """One document of ``copies`` copies of a short news text (a small variant of
    ``bench/bench_evaluate.py``): predictions, an offsets gold and a strings gold."""
    unit = ('قال وزير الخارجية أحمد علي إن "الحكومة ستواصل دعم المشروع". وأضاف أن المفاوضات مستمرة. '
            'وأكد المتحدث سامي حسن أن الاجتماع سيعقد غدا.\n')
    quotes = [("الحكومة ستواصل دعم المشروع", "أحمد علي", "direct"), ("المفاوضات مستمرة", "أحمد علي", "indirect"),
              ("الاجتماع سيعقد غدا", "سامي حسن", "indirect")]
    text = unit * copies
    pred, gold, strings = [], [], []
    for copy in range(copies):
        for k, (quote, name, typ) in enumerate(quotes):
            start = copy * len(unit) + unit.index(quote)
            content = {"start": start, "end": start + len(quote), "text": quote}
            pred.append({"type": typ, "content": [content], "speaker_name": name, "rule": f"r{k}"})
            if (copy + k) % 4:  # gold leaves some out, and shortens others
                short = {**content, "end": content["end"] - (copy % 3 == 0)}
                gold.append({"type": typ, "content": [short], "speaker_name": name})
                strings.append({"type": typ, "content": [text[short["start"]:short["end"]]], "speaker_names": [name]})
    return ({"doc_id": "d", "source": "d.txt", "text": text, "attributions": pred},
            {"doc_id": "d", "text": text, "attributions": gold},
            {"doc_id": "d", "source": "d.txt", "text": text, "attributions": strings})


def test_a_long_document_of_repeated_quotations_is_evaluated_copy_by_copy():
    """With offsets, a content pairs only with what it overlaps: 120 copies of a document
    count ten times what 12 copies count (what gold leaves out and shortens repeats every 12)."""
    pred, gold, _ = _repeated(12)
    twelve = evaluate([gold], [pred]).as_dict()
    pred, gold, _ = _repeated(120)
    many = evaluate([gold], [pred]).as_dict()
    for figure in ("content_exact", "content_overlap", "attribution"):
        assert {k: many[figure][k] for k in ("tp", "pred", "gold")} == {k: 10 * twelve[figure][k]
                                                                        for k in ("tp", "pred", "gold")}
    assert 0 < twelve["content_exact"]["tp"] < twelve["attribution"]["tp"]


def test_repeated_quotations_are_scored_as_comparing_every_pair_scores_them(monkeypatch):
    """In the strings format, equal contents are compared once: the figures are those of
    scoring every gold content against every predicted one."""
    import builder.evaluate as ev
    from builder.contract import pair

    pred, _, strings = _repeated(40)
    grouped = score_strings([strings], [pred])
    monkeypatch.setattr(ev, "_pair_contents", lambda gold, predicted: pair(
        [ev._words(" ".join(a["content"])) for a in gold], [ev._words(ev._content_text(a)) for a in predicted],
        ev._dice, ev.DICE))
    assert grouped == score_strings([strings], [pred])
    assert grouped["content_overlap_prf"][0] > 0.5
