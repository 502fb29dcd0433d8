"""The dataset card: what it says adds up, nothing in it is markup it was not meant to be,
and the user's own sections survive a rebuild."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
import yaml
from datasets import load_dataset
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from builder.dataset.build import Options, build
from builder.dataset.card_file import USER_END, USER_START, edited
from builder.dataset.markdown import md_text, yaml_scalar
from builder.dataset.splits import SHARES
from builder.output import OutputError
from builder.review.card_section import CALIBRATION, PRECISION, STATUSES
from tests.conftest import ROOT


def card_of(folder) -> str:
    return (folder / "README.md").read_text(encoding="utf-8")


def test_card_renders_what_is_inside(built):
    out, _ = built
    card = card_of(out)
    front = yaml.safe_load(card.split("\n---\n")[0].removeprefix("---\n"))
    assert front["license"] == "cc-by-4.0" and front["language"] == ["ar"]
    assert [c["config_name"] for c in front["configs"]] == ["attributions", "documents", "rejected", "unreviewed",
                                                             "speakers"]
    for needle in ("## Schema", "## Tokens and tags", "## Counts", "## Most quoted speakers", "0.900",
                   "| `verb.quote` |", "`rules-test`", "seeds\\-review", "## Licence and rights", "CC BY 4\\.0: 1"):
        assert needle in card, needle
    assert not edited(card)


def test_the_counts_table_adds_up_to_what_loads(built):
    out, _ = built
    rows = {line.split(" | ")[0].strip("| *"): [int(c) for c in line.strip(" |").split(" | ")[1:]]
            for line in card_of(out).split("## Counts")[1].split("##")[0].splitlines() if line.startswith("| ")
            and not line.startswith("| split")}
    data = {c: load_dataset(str(out), c) for c in ("attributions", "documents", "rejected", "unreviewed")}
    for split in SHARES:
        kept = data["attributions"].get(split, [])
        types = data["attributions"]["train"].features["type"].names
        silver = data["unreviewed"].get(split, [])
        expected = [len(data["documents"].get(split, [])), len(kept),
                    *(sum(1 for t in (kept["type"] if len(kept) else []) if types[t] == name) for name in types),
                    sum(len(r["rejected"]) for r in data["rejected"].get(split, [])), len(silver),
                    sum(len(r["attributions"]) for r in silver)]
        assert rows[split] == expected, split
    assert rows["total"] == [sum(rows[s][k] for s in SHARES) for k in range(len(rows["total"]))]
    groups = re.search(r"(\d+) documents \((\d+) verified, (\d+) unreviewed\) in (\d+) groups", card_of(out))
    assert groups and int(groups[1]) == int(groups[2]) + int(groups[3]) == rows["total"][0] + rows["total"][-2]


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_card_field_is_one_yaml_scalar(value):
    assert yaml.safe_load(f"key: {yaml_scalar(value)}\nafter: 1") == {"key": value, "after": 1}


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_in_the_body_renders_as_that_text_and_nothing_else(value):
    rendered = MarkdownIt("commonmark").render(f"- {md_text(value)}")
    item = re.fullmatch(r"<ul>\n<li>(.*)</li>\n</ul>\n", rendered, re.DOTALL)
    assert item and "<" not in item[1]  # no tag, no link, no emphasis
    assert html.unescape(item[1]) == " ".join(value.split())


def test_a_name_or_licence_cannot_inject_yaml_or_markup(built, tmp_path):
    _, verified = built
    name = "أخبار\nlicense: other\n---<script>alert(1)</script>[x](javascript:alert(1))"
    license_id = "cc-by-4.0\nconfigs: []<img src=x onerror=alert(1)>"
    build(verified, tmp_path / "ds", options=Options(name=name, license_id=license_id))
    card = card_of(tmp_path / "ds")
    front = yaml.safe_load(card.split("\n---\n")[0].removeprefix("---\n"))
    assert (front["pretty_name"], front["license"]) == (name, license_id)
    assert [c["config_name"] for c in front["configs"]][:2] == ["attributions", "documents"]
    body = MarkdownIt("commonmark").render(card.split("\n---\n", 1)[1])
    assert "<script" not in body and "<a " not in body and "href" not in body
    images = re.findall(r"<img[^>]*>", body)  # the review's own charts, and nothing the values brought in
    assert sorted(re.fullmatch(r'<img src="(figures/[a-z-]+\.svg)" alt="[a-z ]+" />', tag)[1] for tag in images) == \
        sorted([PRECISION, CALIBRATION, STATUSES])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[x](javascript:alert(1))" in body  # shown as written
    assert len(load_dataset(str(tmp_path / "ds"), "attributions")["train"]) > 0


def test_the_users_own_sections_survive_a_rebuild(built, tmp_path):
    _, verified = built
    out = tmp_path / "ds"
    build(verified, out)
    mine = "## Notes\n\nCollected by our newsroom, March 2026.\n"
    path = out / "README.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"{USER_START}\n", f"{USER_START}\n{mine}"),
                    encoding="utf-8")
    assert not edited(card_of(out))
    build(verified, out, options=Options(name="renamed"))
    card = card_of(out)
    assert f"{USER_START}\n{mine}{USER_END}" in card and "# renamed: who said what" in card and not edited(card)


@pytest.mark.parametrize("change", ["edit", "unsigned"])
def test_a_card_edited_outside_its_own_sections_is_refused_unless_overwrite(built, tmp_path, change):
    _, verified = built
    out = tmp_path / "ds"
    build(verified, out)
    path = out / "README.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("## Splits", "## Splits\n\nOur own remark.") if change == "edit" else \
        re.sub(r"<!-- iqtibas card sha256:\w+ -->\n", "", text)
    text = text.replace(f"{USER_START}\n", f"{USER_START}\nkept\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutputError, match=r"edited outside its own sections.*--overwrite"):
        build(verified, out)
    assert path.read_text(encoding="utf-8") == text
    result = subprocess.run([sys.executable, "-m", "builder.cli", "build", str(verified), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "README.md" in result.stderr
    build(verified, out, options=Options(overwrite=True))
    card = card_of(out)
    assert "Our own remark." not in card and f"{USER_START}\nkept\n{USER_END}" in card and not edited(card)
