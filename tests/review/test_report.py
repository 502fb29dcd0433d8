"""``iqtibas report``: one self-contained page; in Chromium, nothing fetched, Arabic set
right-to-left, every chart drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from builder.review.calibrate import examples, fit, held_out
from builder.review.report import ReportData, render
from tests.annotation.test_browser import CHROMIUM, FLAGS, needs_chromium
from tests.review.conftest import iqtibas, write_records

SVG_NS = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def page(dev_verified, seeds_verified, seeds_candidates) -> str:
    return render(ReportData(seeds_verified, seeds_candidates, fit(examples(dev_verified)), ["seeds-verified.jsonl"]))


def test_the_page_fetches_nothing(page):
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|url\(|@import", page)
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {SVG_NS}  # the SVG namespace, never fetched


def test_three_charts_each_well_formed(page):
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(charts) == 3
    for chart in charts:
        assert ET.fromstring(chart).tag == f"{{{SVG_NS}}}svg"


def test_each_rules_precision_is_what_the_statuses_say(page, seeds_verified):
    counts: dict[str, Counter] = {}
    for doc in seeds_verified:
        for a in doc["attributions"]:
            if a["rule"]:
                counts.setdefault(a["rule"], Counter())[a["status"]] += 1
    for rule, c in counts.items():
        judged = c["accepted"] + c["corrected"] + c["rejected"]
        assert f"{c['accepted'] / judged:.2f}  ({c['accepted']}/{judged})" in page, rule


def test_calibration_is_measured_on_the_documents_not_fitted_on(page, dev_verified, seeds_verified):
    evaluation = held_out(examples(dev_verified), examples(seeds_verified))
    for fit_ in (evaluation.fit_before, evaluation.fit_after):
        assert f'<td class="n">{fit_.brier:.3f}</td><td class="n">{fit_.ece:.3f}</td>' in page


def test_arabic_is_set_right_to_left_and_agreement_shown_when_measured(seeds_verified, page):
    assert re.search(r'<td lang="ar" dir="rtl">مولود جاويش أوغلو</td>', page)
    assert "Not measured" in page
    scored = [{**d, "meta": {**d["meta"], "agreement_span_f1": f}} for d, f in zip(seeds_verified, (0.5, 0.9),
                                                                                     strict=False)]
    with_agreement = render(ReportData(scored))
    assert "mean <strong>0.700</strong>" in with_agreement and "Not measured" not in with_agreement


def test_report_command_writes_the_page(verified_files, seeds_candidates, tmp_path):
    _, seeds = verified_files
    candidates = write_records([*seeds_candidates, {**seeds_candidates[0], "doc_id": "f" * 16}],
                               tmp_path / "candidates.jsonl")
    out = tmp_path / "report.html"
    result = iqtibas("report", str(seeds), "--candidates", str(candidates), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "documents not yet reviewed: 1" in out.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.browser
@needs_chromium
def test_in_chromium_nothing_is_fetched_and_arabic_reads_right_to_left(page, tmp_path):
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    fetched: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.on("request", lambda request: fetched.append(request.url))
        tab.goto(path.as_uri())
        tab.wait_for_load_state("load")
        charts = tab.eval_on_selector_all("svg", "els => els.map(e => e.getBoundingClientRect().width)")
        cell = tab.locator('td[lang="ar"]').first
        direction = cell.evaluate("e => getComputedStyle(e).direction")
        first_right_of_last = cell.evaluate("""e => {
            const text = e.firstChild, r = document.createRange();
            r.setStart(text, 0); r.setEnd(text, 1); const first = r.getBoundingClientRect();
            r.setStart(text, text.length - 1); r.setEnd(text, text.length); const last = r.getBoundingClientRect();
            return first.left > last.left; }""")
        tab.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert fetched == [path.as_uri()]
    assert len(charts) == 3 and all(width > 200 for width in charts)
    assert direction == "rtl" and first_right_of_last
    assert (tmp_path / "report.png").stat().st_size > 50_000
