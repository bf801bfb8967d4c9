"""report.html in a real browser: headless Chromium driven over the DevTools protocol (tests/cdp.py).

A person's click on a claim's outlet cell must open that claim's evidence with the outlet's
sentence in focus; the page must run its script under its own CSP without errors and fit a
narrow screen. The screenshot is kept in build/report-screenshot.png for a person to look at.
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from .cdp import Browser, find_chromium
from .test_report_html import STORY, render_fixture

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found (chromium, chromium-browser or "
                                "google-chrome); CI installs Debian's chromium package")

CELL = f'tr#s-{STORY}-c2 td[data-outlet="Radio Kestrel"]'
STATE = f"""(() => {{
  const row = document.getElementById("s-{STORY}-c2");
  const details = row.querySelector("details.evidence");
  const focus = details.querySelector(".ev.focus");
  return {{open: details.open, selected: row.classList.contains("selected"),
          focus: focus && focus.getAttribute("data-outlet"),
          visible: focus ? focus.getBoundingClientRect().height > 0 : false,
          marks: [...(focus ? focus.querySelectorAll("mark") : [])].map(m => m.textContent),
          js: document.documentElement.classList.contains("js")}};
}})()"""


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def browser():
    with Browser(CHROMIUM) as b:
        yield b


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_fixture(), encoding="utf-8")
    return path


def test_clicking_a_claim_shows_its_evidence(browser, report, tmp_path):
    browser.call("Log.enable")
    browser.resize(1280, 900)
    browser.open(report)
    before = browser.evaluate(STATE)
    assert before["js"] and not before["open"] and before["focus"] is None  # the script ran under the CSP

    browser.click(CELL)
    after = browser.evaluate(STATE)
    assert after == {"open": True, "selected": True, "focus": "Radio Kestrel", "visible": True,
                     "marks": ["240"], "js": True}

    shot = browser.screenshot(full_page=True)
    (tmp_path / "report.png").write_bytes(shot)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "report-screenshot.png").write_bytes(shot)
    width, height = png_size(shot)
    assert width == 1280 and height > 900 and len(shot) > 40_000  # a drawn page, not a blank one

    problems = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    assert not problems, json.dumps(problems)[:2000]


def test_a_click_on_the_claim_itself_toggles_it(browser, report):
    browser.resize(1280, 900)
    browser.open(report)
    summary = f"tr#s-{STORY}-c4 summary"
    browser.click(summary)
    state = browser.evaluate(f'document.querySelector("{summary}").parentElement.open')
    assert state is True
    browser.click(summary)
    assert browser.evaluate(f'document.querySelector("{summary}").parentElement.open') is False


def test_a_narrow_screen_scrolls_only_the_tables(browser, report):
    browser.resize(390, 800)
    browser.open(report)
    overflow = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert browser.evaluate("getComputedStyle(document.querySelector('.top')).gridTemplateColumns.split(' ').length") == 1


def test_a_link_to_a_report_opens_its_collapsed_section(browser, report):
    browser.resize(1280, 900)
    browser.open(report)
    assert browser.evaluate('document.getElementById("a-kestrel1").open') is False
    browser.click(f'#s-{STORY} .reports a[href="#a-kestrel1"]')
    browser.evaluate("new Promise(r => setTimeout(r, 50))")
    assert browser.evaluate('document.getElementById("a-kestrel1").open') is True


def test_the_demo_report_shows_a_real_disagreement(browser, demo, tmp_path):
    """The report of the demo corpus itself: clicking an outlet's cell of a conflicting claim
    shows that outlet's sentence with its differing value marked."""
    root, _ = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    story, claim = next((s, c) for s in stories for c in s["claims"] if c["status"] == "conflicting"
                        and c["slot"] == "quantity")
    value = claim["values"][0]
    row = f"s-{story['id']}-{claim['id']}"
    browser.resize(1280, 900)
    browser.open(root / "out" / "report.html")
    browser.click(f'tr#{row} td[data-outlet="{value["outlet"]}"]')
    state = browser.evaluate(f"""(() => {{
      const focus = document.querySelector("tr#{row} details.evidence .ev.focus");
      return {{outlet: focus && focus.getAttribute("data-outlet"),
              visible: focus ? focus.getBoundingClientRect().height > 0 : false,
              marks: [...(focus ? focus.querySelectorAll("mark") : [])].map(m => m.textContent)}};
    }})()""")
    assert state["outlet"] == value["outlet"] and state["visible"]
    assert value["value"] in state["marks"]
    shot = browser.screenshot(full_page=False)
    (tmp_path / "demo.png").write_bytes(shot)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "demo-report-screenshot.png").write_bytes(shot)
    assert png_size(shot) == (1280, 900) and len(shot) > 40_000
