"""The command line: the run contract on the seed reports, articles --json, help everywhere."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsloom.cli import build_parser

from .conftest import shared


def newsloom(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsloom", *args], capture_output=True, text=True, check=check)


@pytest.mark.parametrize("command", ["run", "ingest", "analyze", "articles", "stories", "story", "runs", "report"])
def test_every_command_has_help(command):
    out = newsloom(command, "--help")
    assert "usage: newsloom " + command in out.stdout


def test_top_level_help_lists_the_commands():
    out = newsloom("--help").stdout
    commands = {"run", "ingest", "analyze", "articles", "stories", "story", "runs", "report"}
    for command in commands:
        assert command in out
    assert set(build_parser()._subparsers._group_actions[0].choices) == commands


def test_run_on_the_seed_reports_gives_two_clean_articles(tmp_path):
    seeds = shared("seeds")
    db, out = tmp_path / "db.sqlite", tmp_path / "out"
    result = newsloom("run", str(seeds), "--published", "2015-10-07", "--db", str(db), "--out", str(out))
    assert "2 articles added" in result.stdout
    assert "report.html" in result.stdout
    for name in ("stories.json", "report.html", "report.md"):
        assert (out / name).stat().st_size > 0
    stories = json.loads((out / "stories.json").read_text())
    [story] = stories["stories"]  # the two reports are one story
    assert {a["id"] for a in story["articles"]} == {a["id"] for a in stories["articles"]}
    assert all(a["duplicate_of"] is None for a in story["articles"])  # two newsrooms, no copies
    assert {"Sergei Shoigu", "Rami Abdulrahman"} <= {at["source"] for at in story["attributions"]}
    assert len(stories["articles"]) == 2

    articles = json.loads(newsloom("articles", "--db", str(db), "--json").stdout)
    assert len(articles) == 2
    for article in articles:
        assert {"id", "title", "outlet", "url", "published", "text", "removed"} <= set(article)
        assert article["published"] == "2015-10-07"
        assert "No comments:" not in article["text"] and "READ MORE" not in article["text"]
        assert all({"rule", "text"} <= set(r) for r in article["removed"])
    reuters = next(a for a in articles if a["title"] == "Russia claims its warships are targeting Islamic State")
    assert reuters["metadata"]["credit"] == "Reuters and PA"
    html = (out / "report.html").read_text()
    assert "Russia claims its warships are targeting Islamic State" in html and "agency-credit" in html

    again = newsloom("run", str(seeds), "--published", "2015-10-07", "--db", str(db), "--out", str(out), "--json")
    assert json.loads(again.stdout)["added"] == 0


def test_articles_show_one_and_missing_one(tmp_path):
    seeds = shared("seeds")
    db = tmp_path / "db.sqlite"
    newsloom("ingest", str(seeds / "004_1ef7e32c50d6147d.txt"), "--db", str(db), "--quiet")
    [listed] = json.loads(newsloom("articles", "--db", str(db), "--json").stdout)
    one = json.loads(newsloom("articles", listed["id"], "--db", str(db), "--json").stdout)
    assert one == listed
    shown = newsloom("articles", listed["id"], "--db", str(db)).stdout
    assert "[agency-credit] Reuters and PA" in shown
    missing = newsloom("articles", "nope", "--db", str(db), check=False)
    assert missing.returncode == 1 and "no article 'nope'" in missing.stderr


def test_bad_published_flag_is_a_usage_error(tmp_path):
    result = newsloom("run", str(tmp_path), "--published", "last Tuesday", check=False)
    assert result.returncode == 2 and "not an ISO date" in result.stderr


def test_report_escapes_article_text(tmp_path):
    data = tmp_path / "x.jsonl"
    data.write_text(json.dumps({"id": "x", "title": "<script>alert(1)</script>",
                                "text": "Officials said <script>alert('x')</script> nothing <b>bold</b>."}))
    out = tmp_path / "out"
    newsloom("run", str(data), "--db", str(tmp_path / "db.sqlite"), "--out", str(out), "--quiet")
    html = (out / "report.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>bold" not in html
    md = (out / "report.md").read_text()
    assert "<script>" not in md


def test_a_reader_that_stops_reading_gets_no_traceback(demo):
    """`newsloom articles --json --raw | head` (more than a pipe holds): the pipe closes early; the
    command ends quietly."""
    root, _ = demo
    proc = subprocess.Popen([sys.executable, "-m", "newsloom", "articles", "--db", str(root / "db.sqlite"), "--json",
                             "--raw"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(200)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and b"Traceback" not in err and b"BrokenPipe" not in err


def test_the_story_list_counts_reports_and_sources(demo, capsys):
    from newsloom.cli import main

    root, _ = demo
    assert main(["stories", "--db", str(root / "db.sqlite")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6 and all(" reports " in line and " sources " in line for line in lines)
