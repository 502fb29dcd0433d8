"""The rules on the table of cases in ``tests/rules/cases.tsv`` (see its header)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

CASES = Path(__file__).parent / "rules" / "cases.tsv"
COLUMNS = ("sentence", "type", "content", "speaker", "speaker_name", "cue", "rule", "note")


def _cases() -> list:
    out = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        values = line.split("\t")
        assert len(values) == len(COLUMNS), f"{CASES.name}:{number}: {len(values)} columns, not {len(COLUMNS)}"
        case = dict(zip(COLUMNS, values, strict=True))
        case["sentence"] = case["sentence"].replace("\\n", "\n")
        out.append(pytest.param(case, id=f"{CASES.name}:{number}"))
    return out


def _none(value: str) -> str | None:
    return None if value == "-" else value


@pytest.mark.parametrize("case", _cases())
def test_rule_case(case):
    found = run(case["sentence"])
    if case["type"] == "none":
        assert found == [], case["note"]
        return
    assert len(found) == 1, [(a["rule"], [c["text"] for c in a["content"]]) for a in found]
    (a,) = found
    got = {
        "type": a["type"],
        "content": " || ".join(c["text"] for c in a["content"]),
        "speaker": a["speaker"]["text"] if a["speaker"] else None,
        "speaker_name": a["speaker_name"],
        "cue": a["cue"]["text"] if a["cue"] else None,
        "rule": a["rule"],
    }
    expected = {key: _none(case[key]) for key in got}
    assert got == expected, case["note"]
