"""One real-browser check: headless Chromium logs in to the test Label Studio, opens a
pushed task, and sees the Arabic laid out right-to-left with the pre-annotated regions."""

from __future__ import annotations

import shutil

import pytest

from annotation.push import push
from builder.candidates import candidate_record
from builder.corpus import read_corpus
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/test installs it)")
def test_task_reads_right_to_left_with_its_regions(studio, studio_server, tmp_path):
    from playwright.sync_api import sync_playwright

    settings, username, password = studio_server
    record = candidate_record(next(iter(read_corpus([str(SEEDS / "002_5948f19067e67c09.txt")], print))))
    summary = push(studio, [record], "browser-check", progress=False)
    task = next(iter(studio.client.tasks.list(project=summary.project_id)))
    phrase = "وقال مصدر كبير"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{settings.url}/user/login/")
        page.fill("input[name=email]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/user/login" not in url, timeout=60_000)
        page.goto(f"{settings.url}/projects/{summary.project_id}/data?task={task.id}")
        page.locator(".htx-highlight").first.wait_for(timeout=90_000)
        page.get_by_text(phrase, exact=False).last.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        # the direction the labeled text is laid out in: that of the region highlights' text
        direction = page.evaluate(
            """() => {
                 const mark = document.querySelector('.htx-highlight');
                 return mark ? getComputedStyle(mark.parentElement).direction : null;
               }""")
        highlighted = page.evaluate("() => document.querySelectorAll('.htx-highlight').length")
        shot = tmp_path / "task.png"
        page.screenshot(path=str(shot), full_page=False)
        browser.close()
    print(f"\nscreenshot: {shot}")
    assert direction == "rtl"
    regions = sum(len(a["content"]) + bool(a["speaker"]) + bool(a["cue"]) for a in record["attributions"])
    assert highlighted >= regions
    assert shot.stat().st_size > 10_000
