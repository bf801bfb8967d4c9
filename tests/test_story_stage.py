"""The story stage in the pipeline: the demo corpus forms its events, copies are marked,
re-runs change nothing, and two halves give the stories of one pass."""
from __future__ import annotations

import json
import subprocess
import sys


from newsloom import Store, run

from .conftest import DEMO_FLAGS, EXAMPLES, TRUTH



def partition(db) -> set[frozenset[str]]:
    with Store(db) as store:
        return {frozenset(story["members"]) for story in store.stories()}


def test_the_demo_forms_exactly_its_events(demo):
    root, keys = demo
    expected = {frozenset(keys[k] for k in event["reports"]) for event in TRUTH["events"]}
    assert partition(root / "db.sqlite") == expected


def test_syndicated_copies_point_to_their_original(demo):
    root, keys = demo
    stories = json.loads((root / "out" / "stories.json").read_text())["stories"]
    duplicate_of = {a["id"]: a["duplicate_of"] for s in stories for a in s["articles"]}
    verbatim = {keys[c["copy"]]: keys[c["original"]] for c in TRUTH["syndicated"] if c["kind"] == "verbatim"}
    assert {k: v for k, v in duplicate_of.items() if v} == verbatim
    partial = next(c for c in TRUTH["syndicated"] if c["kind"] == "partial")
    overlaps = {a["id"]: a["overlaps"] for s in stories for a in s["articles"]}
    original = keys[partial["original"]]
    copy_group = {original} | {c for c, o in duplicate_of.items() if o == original}
    shared_with = {o["article"] for o in overlaps[keys[partial["copy"]]]}
    assert original in shared_with and shared_with <= copy_group  # the wire story and its verbatim copies
    assert duplicate_of[keys[partial["copy"]]] is None  # a rewrite is not a copy


def test_a_rerun_changes_nothing(demo, tmp_path):
    root, _ = demo
    before = json.loads((root / "out" / "stories.json").read_text())
    run([str(EXAMPLES)], db=root / "db.sqlite", out=tmp_path, defaults=DEMO_FLAGS, progress=False)
    after = json.loads((tmp_path / "stories.json").read_text())
    assert after["stories"] == before["stories"]


def test_two_halves_give_the_stories_of_one_pass(demo, tmp_path):
    """Day 1 (published up to 14 March), then day 2, into a new store: the same stories."""
    root, _ = demo
    with Store(root / "db.sqlite") as store:
        articles = store.articles()
    halves = {"day1.jsonl": [], "day2.jsonl": []}
    for a in articles:
        record = {"id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet, "url": a.url,
                  "published": a.published}
        halves["day1.jsonl" if a.published[:10] <= "2026-03-14" else "day2.jsonl"].append(record)
    for name, records in halves.items():
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "halves.sqlite"
    for name in halves:
        subprocess.run([sys.executable, "-m", "newsloom", "run", str(tmp_path / name), "--db", str(db),
                        "--out", str(tmp_path / "out"), "--quiet"], check=True)
    assert all(halves.values())
    assert partition(db) == partition(root / "db.sqlite")


def test_short_names_are_linked_across_a_story(tmp_path):
    """A report that only says "Lindqvist" takes the full name the other report of its story gives."""
    lead = ("A ferry ran aground off Gotland on Monday with 212 passengers on board, "
            "and coastguard boats took everyone ashore by nightfall.")
    rows = [
        {"id": "full", "outlet": "Northgate Daily", "published": "2026-03-09", "title": "Ferry runs aground off Gotland",
         "text": lead + "\n\nCoastguard chief Maria Lindqvist said the captain had reported an engine failure."},
        {"id": "short", "outlet": "Radio Meridian", "published": "2026-03-09", "title": "Gotland ferry aground",
         "text": lead + "\n\nLindqvist said the ship would be towed to Visby on Tuesday."},
    ]
    path = tmp_path / "ferry.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run([str(path)], db=tmp_path / "db.sqlite", out=tmp_path / "out", progress=False)
    with Store(tmp_path / "db.sqlite") as store:
        assert len(store.stories()) == 1
        short = store.analyses()["short"]
    assert {e["canonical"] for e in short["entities"] if e["text"] == "Lindqvist"} == {"Maria Lindqvist"}
    assert {a["source"] for a in short["attributions"]} == {"Maria Lindqvist"}


def test_comparisons_are_redone_only_for_stories_whose_inputs_changed(demo, tmp_path):
    """The compare stage reads what each analysis was computed from, not the analyses: a story
    is redone when one of its members' analyses was redone, and no other."""
    import shutil

    from newsloom.pipeline import compare_stories

    root, _ = demo
    db = tmp_path / "copy.sqlite"
    shutil.copy(root / "db.sqlite", db)
    with Store(db) as store:
        assert compare_stories(store, progress=False) == 0
        story = store.stories()[0]
        with store.transaction() as conn:
            conn.execute("UPDATE analyses SET version = version - 1 WHERE article_id = ?", (story["members"][0],))
        assert compare_stories(store, progress=False) == 1
        assert compare_stories(store, progress=False) == 0


def test_a_state_that_kept_copies_by_story_id_still_places_them(demo, tmp_path):
    """States saved before copies were kept by their original ("copies": copy -> story id) load
    as copy -> that story's first member: the next run lists every copy where it was."""
    import shutil

    root, _ = demo
    db = tmp_path / "old.sqlite"
    shutil.copy(root / "db.sqlite", db)
    with Store(db) as store:
        state = store.load_state("stories")
        story_of = {m: s["id"] for s in store.stories() for m in s["members"]}
        copies = {c: story_of[original] for c, original in state.pop("copy_of").items()}
        assert copies  # the demo has syndicated copies
        with store.transaction() as conn:
            store.save_state(conn, "stories", {**state, "copies": copies})
    chess = {"id": "chess", "outlet": "Board Weekly", "published": "2026-03-16", "title": "Chess final drawn",
             "text": "The chess final in Tallinn ended in a draw after six hours, and a rapid play-off "
                     "is set for Sunday."}
    (tmp_path / "chess.jsonl").write_text(json.dumps(chess) + "\n")
    run([str(tmp_path / "chess.jsonl")], db=db, out=tmp_path / "out", defaults=DEMO_FLAGS, progress=False)
    assert partition(db) == partition(root / "db.sqlite") | {frozenset({"chess"})}
    with Store(db) as store:
        assert set(store.load_state("stories")["copy_of"]) == set(copies)


def test_a_state_built_with_other_constants_places_new_articles_with_the_defaults(demo, tmp_path):
    """A store whose clusterer was saved with other constants (the retired full-article preset:
    threshold 0.17) places the next run's articles with this version's DEFAULTS."""
    import base64
    import shutil

    from newsloom.embed import default_embedder
    from newsloom.stories import DEFAULTS, StoryClusterer

    root, _ = demo
    db = tmp_path / "old.sqlite"
    shutil.copy(root / "db.sqlite", db)
    with Store(db) as store:
        state = store.load_state("stories")
        clusterer = StoryClusterer.loads(base64.b64decode(state["clusterer"]), default_embedder())
        clusterer.params.update(threshold=0.17, w_date=0.05)
        with store.transaction() as conn:
            store.save_state(conn, "stories", {**state, "clusterer": base64.b64encode(clusterer.dumps()).decode()})
    chess = {"id": "chess", "outlet": "Board Weekly", "published": "2026-03-16", "title": "Chess final drawn",
             "text": "The chess final in Tallinn ended in a draw after six hours."}
    (tmp_path / "chess.jsonl").write_text(json.dumps(chess) + "\n")
    run([str(tmp_path / "chess.jsonl")], db=db, out=tmp_path / "out", defaults=DEMO_FLAGS, progress=False)
    with Store(db) as store:
        saved = StoryClusterer.loads(base64.b64decode(store.load_state("stories")["clusterer"]))
    assert saved.params == DEFAULTS
    assert partition(db) == partition(root / "db.sqlite") | {frozenset({"chess"})}
