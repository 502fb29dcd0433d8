"""The review screen in a real browser: headless Chromium (Debian's) against the session's
Label Studio, driven as an annotator drives it — mouse, keyboard, hotkeys, no API — and what
the annotator did read back by ``pull``."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from annotation.pull import pull
from annotation.push import push
from builder.corpus.inputs import read_corpus
from builder.documents import make_document
from builder.run.encode import candidate_record
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None,
                                    reason="Debian's chromium is not installed (scripts/test installs it)")

# Three attributions the rules find, and one they miss, after an emoji (an astral character:
# two UTF-16 units in the browser, one Python character).
TEXT = ('قال وزير الخارجية محمد علي إن "الحكومة ستواصل دعم المشروع الجديد حتى نهايته".\n'
        'وأوضح المتحدث باسم الوزارة سامي حسن أن المفاوضات مع الشركاء مستمرة منذ أسابيع.\n'
        'وأكد رئيس البلدية كريم ناصر أن "الطريق الساحلي سيفتح أمام السيارات غدا".\n'
        '🌍 وترى الوزيرة ليلى خوري في الإصلاح طريقا وحيدا لإنقاذ الاقتصاد الوطني.')
RETYPED, KEPT, DELETED = ("الحكومة ستواصل دعم المشروع الجديد حتى نهايته", "المفاوضات مع الشركاء مستمرة منذ أسابيع",
                          "الطريق الساحلي سيفتح أمام السيارات غدا")
DRAWN, DRAWN_SPEAKER, DRAWN_NAME = "الإصلاح طريقا وحيدا لإنقاذ الاقتصاد الوطني", "الوزيرة ليلى خوري", "ليلى خوري"

# The screen position of the first and last character of a phrase of the shown text.
_CHARACTERS = """(phrase) => {
  const root = document.querySelector('.lsf-richtext__container');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; let all = '';
  while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
  const at = all.indexOf(phrase);
  if (at < 0) return null;
  const box = (i) => {
    for (const [node, start] of nodes) if (i < start + node.data.length) {
      const range = document.createRange(); range.setStart(node, i - start); range.setEnd(node, i - start + 1);
      const r = range.getBoundingClientRect(); return [r.left, r.right, (r.top + r.bottom) / 2];
    }
  };
  return [box(at), box(at + phrase.length - 1)];
}"""


@pytest.fixture(scope="module")
def browser_page(studio_server):
    from playwright.sync_api import sync_playwright

    settings, username, password = studio_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{settings.url}/user/login/")
        page.fill("input[name=email]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/user/login" not in url, timeout=60_000)
        yield page
        browser.close()


def open_labeling(page, url: str, project_id: int) -> None:
    """The project's labeling stream, as ``iqtibas run`` points to it; the guidelines open first."""
    page.goto(f"{url}/projects/{project_id}/data?labeling=1")
    page.get_by_text("إرشادات التعليق").first.wait_for(timeout=90_000)
    page.get_by_role("button", name="Close modal").click()
    page.locator(".htx-highlight").first.wait_for(timeout=90_000)


def drag_over(page, phrase: str) -> None:
    """Select ``phrase`` with the mouse, from its first character (on the right) to its last."""
    (first, last) = page.evaluate(_CHARACTERS, phrase)
    page.mouse.move(first[1] - 0.5, first[2])
    page.mouse.down()
    page.mouse.move((first[0] + last[0]) / 2, (first[2] + last[2]) / 2, steps=4)
    page.mouse.move(last[0] + 0.5, last[2], steps=4)
    page.mouse.up()


def highlight(page, text: str):
    return page.locator(".htx-highlight", has_text=text).last


TYPE_BOX = ".iq-side input[name=direct]"


def select(page, text: str) -> None:
    """Click a QUOTE's highlight and wait for its type and speaker name beside the text."""
    highlight(page, text).click()
    page.locator(TYPE_BOX).wait_for(state="visible")


def ticked(page) -> list[str]:
    return page.eval_on_selector_all(".iq-side input[type=checkbox]", "boxes => boxes.filter(b => b.checked)"
                                                                      ".map(b => b.name)")


@needs_chromium
def test_task_reads_right_to_left_with_its_regions(studio, studio_server, browser_page, tmp_path):
    settings = studio_server[0]
    record = candidate_record(next(iter(read_corpus([str(SEEDS / "002_5948f19067e67c09.txt")], print))))
    summary = push(studio, [record], "browser-check", progress=False)
    page = browser_page
    open_labeling(page, settings.url, summary.project_id)
    page.get_by_text("وقال مصدر كبير", exact=False).last.wait_for(timeout=30_000)
    # the direction the labeled text is laid out in: that of the region highlights' text
    direction = page.evaluate("() => getComputedStyle(document.querySelector('.htx-highlight').parentElement)"
                              ".direction")
    highlighted = page.evaluate("() => document.querySelectorAll('.htx-highlight').length")
    page.screenshot(path=str(tmp_path / "task.png"))
    assert direction == "rtl"
    regions = sum(len(a["content"]) + bool(a["speaker"]) + bool(a["cue"]) for a in record["attributions"])
    assert highlighted >= regions


@needs_chromium
def test_a_task_reviewed_in_the_browser_comes_back_from_pull(studio, studio_server, browser_page, tmp_path):
    settings, username, _ = studio_server
    record = candidate_record(make_document(TEXT, "browser.txt"))
    assert [a["content"][0]["text"] for a in record["attributions"]] == [RETYPED, KEPT, DELETED]
    assert [a["type"] for a in record["attributions"]] == ["direct", "indirect", "direct"]
    summary = push(studio, [record], "annotator-check", progress=False)
    page = browser_page
    began = time.monotonic()
    open_labeling(page, settings.url, summary.project_id)
    shots = tmp_path

    # each predicted quote shows its type ticked
    for quote, typ in zip((RETYPED, KEPT, DELETED), ("direct", "indirect", "direct"), strict=True):
        select(page, quote)
        assert ticked(page) == [typ], quote
        page.keyboard.press("Escape")
        page.locator(TYPE_BOX).wait_for(state="hidden")
    page.screenshot(path=str(shots / "1-opened.png"))

    # retype the first quote: hotkey 3 (mixed)
    select(page, RETYPED)
    page.keyboard.press("3")
    page.wait_for_function("() => document.querySelector('.iq-side input[name=mixed]')?.checked")
    assert ticked(page) == ["mixed"]
    page.keyboard.press("Escape")

    # draw a QUOTE the rules missed (hotkey q, then the mouse), type it and name its speaker
    page.keyboard.press("q")
    drag_over(page, DRAWN)
    highlight(page, DRAWN).wait_for()
    select(page, DRAWN)
    assert ticked(page) == []
    page.keyboard.press("2")
    page.wait_for_function("() => document.querySelector('.iq-side input[name=indirect]')?.checked")
    page.locator(".iq-side input[name=speaker_name]").click()
    page.keyboard.type(DRAWN_NAME)
    page.keyboard.press("Enter")
    page.locator(".iq-side [data-testid=textarea-region]", has_text=DRAWN_NAME).wait_for()
    page.screenshot(path=str(shots / "2-drawn.png"))
    page.keyboard.press("Escape")

    # draw its SPEAKER (hotkey s) and relate it to the quote (alt+r, then a click on the quote)
    page.keyboard.press("s")
    drag_over(page, DRAWN_SPEAKER)
    highlight(page, DRAWN_SPEAKER).wait_for()
    highlight(page, DRAWN_SPEAKER).click()
    page.keyboard.press("Alt+r")
    highlight(page, DRAWN).click()
    page.wait_for_function("() => document.querySelectorAll('.relations-overlay path[marker-end]').length >= 7")
    page.keyboard.press("Escape")

    # delete a predicted quote: select it, backspace
    highlight(page, DELETED).click()
    page.keyboard.press("Backspace")
    page.wait_for_function(f"() => ![...document.querySelectorAll('.htx-highlight')]"
                           f".some(h => h.textContent === {DELETED!r})")
    page.screenshot(path=str(shots / "3-before-submit.png"))
    page.get_by_role("button", name="Submit current annotation").click()
    task = next(iter(studio.client.tasks.list(project=summary.project_id)))
    for _ in range(60):
        if studio.client.annotations.list(id=task.id):
            break
        page.wait_for_timeout(500)
    print(f"\nreviewed in the browser in {time.monotonic() - began:.1f}s; screenshots in {shots}")

    out = tmp_path / "verified.jsonl"
    pulled = pull(studio, "annotator-check", out, tmp_path / "raw")
    assert pulled.problems == [] and pulled.documents == 1
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_text = {a["content"][0]["text"]: a for a in doc["attributions"]}
    assert set(by_text) == {RETYPED, KEPT, DELETED, DRAWN}
    assert (by_text[RETYPED]["status"], by_text[RETYPED]["type"]) == ("corrected", "mixed")
    assert by_text[KEPT]["status"] == "accepted"
    assert by_text[DELETED]["status"] == "rejected" and by_text[DELETED]["rule"] == "verb.quote"
    added = by_text[DRAWN]
    assert (added["status"], added["type"], added["speaker_name"]) == ("added", "indirect", DRAWN_NAME)
    assert added["content"][0]["start"] == TEXT.index(DRAWN) and added["speaker"]["start"] == TEXT.index(DRAWN_SPEAKER)
    for a in doc["attributions"]:
        for span in [*a["content"], a["speaker"], a["cue"]]:
            if span:
                assert TEXT[span["start"]:span["end"]] == span["text"]
        assert a["annotator"] == username
