"""The rules on the table of cases in ``tests/engine/rules/cases.tsv`` (see its header)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run

CASES = Path(__file__).parent / "rules" / "cases.tsv"
COLUMNS = ("sentence", "type", "content", "speaker", "speaker_name", "cue", "rule", "note")
CHECKED = ("type", "content", "speaker", "speaker_name", "cue", "rule")


def _cases() -> list:
    """One pytest case per text: its rows, in order."""
    cases: dict[str, list[dict]] = {}
    first_line: dict[str, int] = {}
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        values = line.split("\t")
        assert len(values) == len(COLUMNS), f"{CASES.name}:{number}: {len(values)} columns, not {len(COLUMNS)}"
        row = dict(zip(COLUMNS, values, strict=True))
        text = row["sentence"].replace("\\n", "\n")
        cases.setdefault(text, []).append(row)
        first_line.setdefault(text, number)
    return [pytest.param(text, rows, id=f"{CASES.name}:{first_line[text]}") for text, rows in cases.items()]


def _none(value: str) -> str | None:
    return None if value == "-" else value


def _found(a: dict) -> dict:
    return {  # in the order of CHECKED
        "type": a["type"],
        "content": " || ".join(c["text"] for c in a["content"]),
        "speaker": a["speaker"]["text"].replace("\n", "\\n") if a["speaker"] else None,  # as the table writes it
        "speaker_name": a["speaker_name"],
        "cue": a["cue"]["text"] if a["cue"] else None,
        "rule": a["rule"],
    }


@pytest.mark.parametrize(("text", "rows"), _cases())
def test_rule_case(text, rows):
    found = [_found(a) for a in run(text)]
    if rows[0]["type"] == "none":
        assert found == [], rows[0]["note"]
        return
    expected = [{key: _none(row[key]) for key in CHECKED} for row in rows]
    assert found == expected, " / ".join(row["note"] for row in rows)
