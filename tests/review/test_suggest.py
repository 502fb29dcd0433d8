"""Proposals from corrections: lexicon rows the annotators' work shows the rules lacked, in
the lexicon files' own format, that ``--lexicons`` takes; and the rules that fell low."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.contract import read_records
from builder.corpus.inputs import read_corpus
from builder.dataset.gold_review import review_by_gold
from builder.lexicon.cue_forms import fold_phrase
from builder.lexicon.files import shipped
from builder.lexicon.lexicon import load
from builder.review.suggest import lexicon_proposals, weak_rules
from builder.run.encode import candidate_record
from tests.review.conftest import ANNOTATOR, DEV, DEV_GOLD, iqtibas, write_records

REMOVED = ("صرح", "أرجع", "استنكر", "تابع")


@pytest.fixture(scope="module")
def poorer_lexicon(tmp_path_factory) -> Path:
    """The shipped lexicon without four reporting verbs."""
    folder = tmp_path_factory.mktemp("poorer")
    rows = (shipped() / "cue_verbs.tsv").read_text(encoding="utf-8").splitlines()
    kept = [row for row in rows if row.split("\t")[0] not in REMOVED]
    assert len(rows) - len(kept) == len(REMOVED)
    (folder / "cue_verbs.tsv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


def added(text: str, content: str, cue: str, speaker: str | None = None, name: str | None = None,
          status: str = "added", number: int = 0) -> dict:
    def span(part: str) -> dict:
        start = text.index(part)
        return {"start": start, "end": start + len(part), "text": part}

    return {"id": f"a{number}", "type": "indirect", "content": [span(content)], "cue": span(cue),
            "speaker": span(speaker) if speaker else None, "speaker_name": name, "status": status,
            "rule": None, "confidence": None}


def record(text: str, attributions: list[dict]) -> dict:
    return {"doc_id": "d" * 16, "source": "t.txt", "text": text, "meta": {}, "attributions": attributions}


def test_cue_forms_become_rows_whose_forms_include_them(poorer_lexicon):
    text = ("صرّح الوزير بأن الوفد وصل. وأرجع المدير التأخير إلى الطقس. استنكرت الحكومة أن الهجوم وقع. "
            "ويتابعون أن الاتفاق صامد. وقال إن الحل قريب، مستنكرا أن التمويل تأخر.")
    attributions = [added(text, "الوفد وصل", "صرّح", number=1), added(text, "التأخير إلى الطقس", "وأرجع", number=2),
                    added(text, "الهجوم وقع", "استنكرت", number=3), added(text, "الاتفاق صامد", "ويتابعون", number=4),
                    added(text, "التمويل تأخر", "مستنكرا", number=5), added(text, "الحل قريب", "وقال", number=6)]
    found = {(p.file, p.row): p for p in lexicon_proposals(load(poorer_lexicon), [record(text, attributions)])}
    assert set(found) == {("cue_verbs.tsv", ("صرح", "يصرح")), ("cue_verbs.tsv", ("أرجع", "يرجع")),
                          ("cue_verbs.tsv", ("استنكر", "يستنكر")), ("cue_verbs.tsv", ("تابع", "يتابع")),
                          ("cue_participles.tsv", ("مستنكر",))}  # قال is known
    assert found[("cue_verbs.tsv", ("صرح", "يصرح"))].examples == [{"id": "a1", "doc_id": "d" * 16,
                                                                    "source": "t.txt"}]


def test_titles_institutions_and_outlets_no_list_holds():
    text = ("قالت الخبيرة الاقتصادية منى بدير للمراسلين إن السوق هادئ. وأكدت التنسيقية الوطنية للأساتذة أن "
            "الإضراب مستمر. وقال الصيدلي سامي حسن لقناة الغد إن الحل قريب.")
    attributions = [added(text, "السوق هادئ", "قالت", "الخبيرة الاقتصادية منى بدير", "منى بدير", number=1),
                    added(text, "الإضراب مستمر", "وأكدت", "التنسيقية الوطنية للأساتذة",
                          "التنسيقية الوطنية للأساتذة", "corrected", number=2),
                    added(text, "الحل قريب", "وقال", "الصيدلي سامي حسن", "سامي حسن", number=3)]
    found = {(p.file, p.row): p.count for p in lexicon_proposals(load(), [record(text, attributions)])}
    assert found == {("titles.txt", ("خبيرة",)): 1, ("titles.txt", ("صيدلي",)): 1,
                     ("institutions.txt", ("تنسيقية",)): 1, ("institutions.txt", ("مراسلين", "outlet")): 1}


def test_accepted_and_rejected_attributions_propose_nothing(poorer_lexicon):
    text = "صرّح الوزير بأن الوفد وصل."
    lex = load(poorer_lexicon)
    for status, proposed in (("accepted", 0), ("rejected", 0), ("corrected", 1)):
        found = lexicon_proposals(lex, [record(text, [added(text, "الوفد وصل", "صرّح", status=status)])])
        assert len(found) == proposed


def test_dev_gold_cues_the_lexicon_lacks_are_proposed(dev_verified, poorer_lexicon, tmp_path):
    """The issue's check, made to bite: every cue of the dev gold that a lexicon lacks is
    proposed, for the shipped lexicon (which lacks none of them) and for one without four verbs."""
    gold = read_records(DEV_GOLD, "gold")
    for lexicons in (None, poorer_lexicon):
        lex = load(lexicons)
        lacking = {fold_phrase(a["cue"]["text"]) for d in gold for a in d["attributions"] if a["cue"]
                   and fold_phrase(a["cue"]["text"]) not in lex.cues
                   and fold_phrase(a["cue"]["text"])[1:] not in lex.cues}
        candidates = [candidate_record(d, lex) for d in read_corpus([str(DEV)], lambda s: None)]
        verified = review_by_gold(gold, candidates, ANNOTATOR)
        proposed = {fold_phrase(p.seen) for p in lexicon_proposals(lex, verified) if p.file.startswith("cue_")}
        assert lacking <= {word for seen in proposed for word in (seen, "و" + seen, "ف" + seen)}
        assert bool(lacking) == (lexicons is not None)  # the shipped lexicon has every dev cue


def test_suggest_writes_files_that_extract_takes_and_that_find_the_cue_again(poorer_lexicon, tmp_path):
    doc = DEV / "01_health_cairo.txt"
    gold = [g for g in read_records(DEV_GOLD, "gold") if g["source"].endswith(doc.name)]
    before = tmp_path / "before.jsonl"
    assert iqtibas("extract", str(doc), "--lexicons", str(poorer_lexicon), "-o", str(before)).returncode == 0
    assert "صرّح" not in {(a["cue"] or {}).get("text") for a in read_records(before)[0]["attributions"]}
    verified = write_records(review_by_gold(gold, read_records(before), ANNOTATOR), tmp_path / "verified.jsonl")
    out = tmp_path / "proposals"
    result = iqtibas("suggest", str(verified), "--lexicons", str(poorer_lexicon), "-o", str(out))
    assert result.returncode == 0, result.stderr
    written = (out / "cue_verbs.tsv").read_text(encoding="utf-8")
    assert written.startswith((poorer_lexicon / "cue_verbs.tsv").read_text(encoding="utf-8"))  # nothing dropped
    assert written.rstrip().endswith("صرح\tيصرح")
    listed = json.loads((out / "proposals.json").read_text(encoding="utf-8"))["lexicon"]
    ids = {a["id"] for r in read_records(verified) for a in r["attributions"] if a["status"] in ("added", "corrected")}
    assert any(p["row"] == ["صرح", "يصرح"] and p["examples"][0]["id"] in ids for p in listed)
    assert "`صرح ⇥ يصرح`" in (out / "README.md").read_text(encoding="utf-8")
    after = tmp_path / "after.jsonl"
    assert iqtibas("extract", str(doc), "--lexicons", str(out), "-o", str(after)).returncode == 0
    assert "صرّح" in {(a["cue"] or {}).get("text") for a in read_records(after)[0]["attributions"]}
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    refused = iqtibas("suggest", str(verified), "-o", str(tmp_path / "mine"))
    assert refused.returncode == 2 and (tmp_path / "mine" / "notes.txt").exists()


def test_rules_below_the_threshold_with_their_examples():
    text = "قال الوزير إن الوفد وصل. " * 2
    weak = [{"id": f"w{k}", "type": "indirect", "rule": "verb.that", "confidence": 0.8, "status": status,
             "content": [{"start": 15, "end": 24, "text": text[15:24]}], "speaker": None, "speaker_name": "الوزير",
             "cue": None} for k, status in enumerate(["accepted", "rejected", "rejected", "corrected", "rejected"])]
    weak[3]["proposed"] = {**{k: weak[3][k] for k in ("type", "content", "speaker", "cue")}, "speaker_name": "وزير"}
    strong = [{**a, "id": f"s{k}", "rule": "verb.quote", "status": "accepted"} for k, a in enumerate(weak)]
    (found,) = weak_rules([record(text, weak + strong)], threshold=0.5, min_judged=5)
    assert found.tally.rule == "verb.that" and found.tally.precision == pytest.approx(0.2)
    assert [e["id"] for e in found.rejected] == ["w1", "w2", "w4"]
    assert [(e["id"], e["changed"]) for e in found.corrected] == [("w3", "speaker_name")]
    assert weak_rules([record(text, weak)], threshold=0.5, min_judged=6) == []
