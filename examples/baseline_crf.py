"""A baseline tagger for an iqtibas dataset: a linear-chain CRF (sklearn-crfsuite) trained on
the token view of ``load_dataset(DATASET, "documents")``, its tags decoded into
attributions and scored by ``iqtibas evaluate`` beside the rules on the same test documents.

    pip install 'iqtibas[train]'
    python examples/own_dataset.py out/own                 # the project's own texts
    python examples/baseline_crf.py out/own/dataset --card  # train, score, write the figures into the card

Training reads the ``train`` split, one paragraph a sequence, the first tag layer as labels.
Decoding: each QUOTE span is an attribution's content; its cue is the nearest CUE of its
paragraph, its speaker the SPEAKER of that paragraph nearest the cue (or the quote), and a
quote without one takes the last speaker named before it (a dropped subject); its type is
read from the quotation marks around and inside it.  The test split's verified attributions
are the gold; ``iqtibas extract`` on the same texts gives the rules' figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import sklearn_crfsuite
from datasets import disable_progress_bars, load_dataset

from builder.dataset.card_file import CARD, user_sections, with_user_sections
from builder.dataset.tags import decode

log = logging.getLogger("baseline")

OPENING, CLOSING, EITHER = "«“„‘", "»”’", "\"'"
QUOTE_MARKS = OPENING + CLOSING + EITHER
SECTION = "## Baseline: a CRF tagger"
CRF = {"algorithm": "lbfgs", "c1": 0.05, "c2": 0.05, "max_iterations": 100, "all_possible_transitions": True}


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", word) if unicodedata.category(ch) != "Mn")


def token_features(words: list[str]) -> list[dict[str, Any]]:
    """Features of each token of one paragraph: the word, its ends, its neighbours, whether
    it stands inside quotation marks and after a colon."""
    plain = [_plain(w) for w in words]
    inside, colon, out = False, False, []
    for k, w in enumerate(plain):
        f: dict[str, Any] = {"bias": 1.0, "w": w, "pre2": w[:2], "suf2": w[-2:], "suf3": w[-3:],
                             "punct": not any(ch.isalnum() for ch in w), "digit": w.isdigit(),
                             "mark": w in QUOTE_MARKS, "inside": inside, "colon": colon, "first": k == 0,
                             "last": k == len(words) - 1}
        for d in (-2, -1, 1, 2):
            if 0 <= k + d < len(plain):
                f[f"w{d:+d}"] = plain[k + d]
        out.append(f)
        if w in OPENING or (w in EITHER and not inside):
            inside = True
        elif w in CLOSING or w in EITHER:
            inside = False
        colon = colon or w == ":"
    return out


def sequences(rows: Any, tag_names: list[str]) -> tuple[list, list, list[tuple[int, int, int]]]:
    """Features and tags of every paragraph of ``rows``, and where each comes from (row, first
    token, end token)."""
    xs, ys, where = [], [], []
    for r, row in enumerate(rows):
        for p in row["paragraphs"]:
            words = row["tokens"][p["token_start"]:p["token_end"]]
            xs.append(token_features(words))
            ys.append([tag_names[t] for t in row["tags"][p["token_start"]:p["token_end"]]])
            where.append((r, p["token_start"], p["token_end"]))
    return xs, ys, where


def _type(text: str, start: int, end: int) -> str:
    if text[start - 1:start] in QUOTE_MARKS and text[end:end + 1] in QUOTE_MARKS:
        return "direct"
    return "mixed" if any(ch in QUOTE_MARKS for ch in text[start:end]) else "indirect"


def _nearest(spans: list[tuple[str, int, int]], first: int, end: int) -> tuple[str, int, int] | None:
    return min(spans, key=lambda s: (max(first - s[2], s[1] - end, 0), s[1]), default=None)


def attributions(row: dict, tags: list[str]) -> list[dict]:
    """The attributions the tags of one document say, in the output contract."""
    text, starts, ends = row["text"], row["token_starts"], row["token_ends"]
    para_of = {k: p["id"] for p in row["paragraphs"] for k in range(p["token_start"], p["token_end"])}
    spans = decode(tags)

    def char(s: tuple[str, int, int]) -> dict:
        return {"start": starts[s[1]], "end": ends[s[2] - 1], "text": text[starts[s[1]]:ends[s[2] - 1]]}

    out, last_name = [], None
    for q in (s for s in spans if s[0] == "QUOTE"):
        near = [s for s in spans if para_of[s[1]] == para_of[q[1]]]
        cue = _nearest([s for s in near if s[0] == "CUE"], q[1], q[2])
        anchor = cue or q
        speaker = _nearest([s for s in near if s[0] == "SPEAKER"], anchor[1], anchor[2])
        name = "".join(ch for ch in char(speaker)["text"] if ch not in QUOTE_MARKS).strip() if speaker else last_name
        last_name = name or last_name
        content = char(q)
        out.append({"id": f"crf-{len(out)}", "type": _type(text, content["start"], content["end"]),
                    "content": [content], "speaker": char(speaker) if speaker else None, "speaker_name": name,
                    "cue": char(cue) if cue else None, "rule": "crf", "confidence": None})
    return out


def gold_attributions(row: dict, type_names: list[str], label_names: list[str]) -> list[dict]:
    """The verified attributions of a ``documents`` row, in the output contract."""
    spans = {s["id"]: {**s, "label": label_names[s["label"]]} for s in row["spans"]}
    out = []
    for a in row["attributions"]:
        if a["negative"]:
            continue
        parts = [spans[i] for i in a["spans"]]
        by_label = {p["label"]: p for p in parts[1:]}

        def plain(p: dict | None) -> dict | None:
            return {"start": p["start"], "end": p["end"], "text": p["text"]} if p else None

        out.append({"id": a["id"], "type": type_names[a["type"]],
                    "content": [plain(p) for p in parts if p["label"] == "QUOTE"],
                    "speaker": plain(by_label.get("SPEAKER")), "speaker_name": a["speaker_name"],
                    "cue": plain(by_label.get("CUE")), "rule": a["rule"] or "added", "confidence": a["confidence"]})
    return out


def span_scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    """Exact span F1 per label (CoNLL style) over the test paragraphs."""
    c: Counter = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(decode(g)), set(decode(p))
        for label, *_ in gs:
            c[f"gold {label}"] += 1
        for label, *_ in ps:
            c[f"pred {label}"] += 1
        for label, *_ in gs & ps:
            c[f"right {label}"] += 1
    out = {}
    for label in sorted({k.split()[1] for k in c}):
        right, g, p = c[f"right {label}"], c[f"gold {label}"], c[f"pred {label}"]
        out[label] = round(2 * right / (g + p), 3) if g + p else 0.0
    return out


def _write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _iqtibas(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "builder.cli", "-q", *args], check=True, capture_output=True,
                          text=True).stdout


def score(test: Any, predicted: list[list[dict]], workdir: Path) -> dict[str, dict]:
    """``iqtibas evaluate`` of the CRF's and the rules' attributions against the test split's."""
    type_names = test.features["attributions"].feature["type"].names
    label_names = test.features["spans"].feature["label"].names
    docs = [{"doc_id": r["doc_id"], "source": r["source"], "text": r["text"], "meta": {}} for r in test]
    _write_jsonl(workdir / "gold.jsonl", [{**d, "attributions": gold_attributions(r, type_names, label_names)}
                                          for d, r in zip(docs, test, strict=True)])
    _write_jsonl(workdir / "crf.jsonl", [{**d, "attributions": a} for d, a in zip(docs, predicted, strict=True)])
    _write_jsonl(workdir / "texts.jsonl", [{"text": d["text"], "source": d["source"]} for d in docs])
    _iqtibas("extract", str(workdir / "texts.jsonl"), "-o", str(workdir / "rules.jsonl"), "--workers", "1")
    return {name: json.loads(_iqtibas("evaluate", "--gold", str(workdir / "gold.jsonl"), "--pred",
                                      str(workdir / f"{name}.jsonl"), "--json"))
            for name in ("rules", "crf")}


def train_and_score(dataset: Path, workdir: Path) -> dict[str, Any]:
    docs = load_dataset(str(dataset), "documents")
    tag_names = docs["train"].features["tags"].feature.names
    x, y, _ = sequences(docs["train"], tag_names)
    crf = sklearn_crfsuite.CRF(**CRF)
    crf.fit(x, y)
    test = docs["test"]
    tx, ty, where = sequences(test, tag_names)
    predicted_tags = crf.predict(tx)
    by_doc: list[list[str]] = [["O"] * len(row["tokens"]) for row in test]
    for (r, first, end), tags in zip(where, predicted_tags, strict=True):
        by_doc[r][first:end] = tags
    predicted = [attributions(row, tags) for row, tags in zip(test, by_doc, strict=True)]
    figures = score(test, predicted, workdir)
    return {"train": {"documents": len(docs["train"]), "paragraphs": len(x), "tokens": sum(map(len, x))},
            "test": {"documents": len(test), "attributions": figures["crf"]["attribution"]["gold"]},
            "tag_f1": span_scores(ty, predicted_tags), **figures}


def _row(name: str, r: dict) -> str:
    a = r["attribution"]
    return (f"| {name} | {r['content_overlap']['f1']:.3f} | {a['f1']:.3f} ({a['precision']:.3f} / {a['recall']:.3f}) | "
            f"{r['speaker_accuracy_on_matched']:.3f} | {r['content_exact']['f1']:.3f} |")


def section(figures: dict, release: str) -> str:
    t, test = figures["train"], figures["test"]
    tags = ", ".join(f"{label} {f1:.3f}" for label, f1 in figures["tag_f1"].items())
    return "\n".join([
        SECTION, "", f"Measured on release `{release}` by `examples/baseline_crf.py`: a linear-chain CRF "
        f"(sklearn-crfsuite, {CRF['max_iterations']} L-BFGS iterations) trained on the train split ({t['documents']} "
        f"documents, {t['paragraphs']} paragraphs, {t['tokens']} tokens), scored by `iqtibas evaluate` on the test "
        f"split ({test['documents']} documents, {test['attributions']} attributions) beside the rules that proposed "
        "the candidates:", "",
        "| | content overlap F1 | attribution F1 (P / R) | speaker right on matched content | content exact F1 |",
        "|---|---|---|---|---|", _row("rules", figures["rules"]), _row("CRF", figures["crf"]), "",
        f"Exact span F1 of the CRF's tags on the test split: {tags}.", ""])


def write_into_card(dataset: Path, text: str) -> None:
    """Put ``text`` among the card's own sections, in place of an earlier baseline section."""
    card = dataset / CARD
    old = card.read_text(encoding="utf-8")
    mine = user_sections(old)
    if SECTION in mine:
        head, _, rest = mine.partition(SECTION)
        after = rest.find("\n## ")
        mine = head + (rest[after + 1:] if after >= 0 else "")
    card.write_text(with_user_sections(old, mine.rstrip("\n") + ("\n\n" if mine.strip() else "") + text),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path, help="a folder iqtibas build wrote")
    parser.add_argument("--workdir", type=Path, help="where the gold, the predictions and the figures go "
                                                     "(default: DATASET/../baseline)")
    parser.add_argument("--card", action="store_true", help="write the figures into the dataset card")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    disable_progress_bars()
    workdir = args.workdir or args.dataset.resolve().parent / "baseline"
    workdir.mkdir(parents=True, exist_ok=True)
    figures = train_and_score(args.dataset, workdir)
    release = json.loads((args.dataset / "test-set.json").read_text(encoding="utf-8"))["release"]
    (workdir / "figures.json").write_text(json.dumps({"release": release, **figures}, indent=1) + "\n",
                                          encoding="utf-8")
    text = section(figures, release)
    log.info("%s", text)
    if args.card:
        write_into_card(args.dataset, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
