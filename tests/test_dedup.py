"""Near-duplicates and partial copies (newsloom.dedup): written cases and the demo corpus."""
from __future__ import annotations

import itertools
import json
import pickle

import pytest

from newsloom.dedup import (DUPLICATE_JACCARD, DedupIndex, Overlap, jaccard, publication_key,
                            shingles)
from newsloom.model import Problem
from newsloom.pipeline import prepare
from newsloom.read import read_inputs

from .conftest import DEMO_FLAGS, EXAMPLES, TRUTH, demo_source_name


# ~160 words of wire-style prose (invented), used as the base of the written cases.
WIRE = (
    "Rescue teams in the northern valley worked through the night on Tuesday to reach villages cut off "
    "by a landslide that buried the only road into the district, regional officials said. "
    "At least fourteen homes were destroyed and more than two hundred residents spent the night in a "
    "school gymnasium converted into a shelter, according to the district council. "
    "Heavy rain had soaked the hillside for nine consecutive days before part of the slope gave way "
    "shortly after dawn, carrying mud, boulders and uprooted trees across the river crossing. "
    "The regional governor said engineers would assess whether a temporary bridge could be installed "
    "by the weekend, while helicopters ferried water, blankets and medicine to the stranded families. "
    "Meteorologists warned that more rain was expected on Thursday and urged people living below steep "
    "slopes to move to higher ground until geologists had inspected the area. "
    "Farmers in the valley said they had lost livestock and most of their winter feed, and asked the "
    "government for emergency compensation before the cold season begins."
)

OTHER = (
    "The city council voted on Monday to extend the night bus network to the eastern suburbs, ending "
    "a two-year campaign by residents who said the last services left the centre too early for shift "
    "workers. The new routes will run every thirty minutes between midnight and five in the morning "
    "from the first of next month, and the transport authority said fares would stay unchanged. "
    "Opposition councillors questioned how the service would be paid for, pointing to a shortfall in "
    "the transport budget that the mayor has promised to close without raising local taxes. "
    "Union representatives welcomed the decision but said drivers should not be asked to work longer "
    "shifts to cover the extra hours, and asked for talks on recruitment before the launch. "
    "Stay with us for updates on this story and follow our newsroom on social media for the latest news."
)
BOILERPLATE = "Stay with us for updates on this story and follow our newsroom on social media for the latest news."


def _index(items, order=None):
    index = DedupIndex()
    for aid, text, pub in (items if order is None else [items[i] for i in order]):
        index.add(aid, text, pub)
    return index


def _final(index: DedupIndex):
    return index.mapping(), index.groups(), {a: index.overlaps(a) for a in sorted(index._entries)}


# ---- written cases ---------------------------------------------------------------------

def test_shingles_are_deterministic_and_ignore_case_and_punctuation():
    assert list(shingles("The cat sat, on the MAT!")) == list(shingles("the cat sat on the mat"))
    assert len(shingles("the cat sat on the mat")) == 2
    assert len(shingles("two words")) == 1
    assert len(shingles("  ")) == 0
    assert shingles(WIRE).dtype.name == "uint64"


def test_identical_texts_are_duplicates_and_the_earliest_is_the_original():
    index = DedupIndex()
    assert index.add("late", WIRE, "2026-03-11").duplicate_of is None
    result = index.add("early", WIRE, "2026-03-10T08:00:00+00:00")
    assert result.duplicate_of is None           # the new article is the original now
    assert result.rerooted == ["late"]
    assert index.duplicate_of("late") == "early"
    assert index.groups() == {"early": ["early", "late"]}


def test_same_date_the_longest_then_the_smallest_id_is_the_original():
    index = _index([("b", WIRE, "2026-03-10"), ("a", WIRE, "2026-03-10"),
                    ("c", WIRE + " More follows.", "2026-03-10")])
    assert index.mapping() == {"a": "c", "b": "c"}
    index = _index([("b", WIRE, "2026-03-10"), ("a", WIRE, "2026-03-10")])
    assert index.mapping() == {"b": "a"}


def test_undated_copy_never_beats_a_dated_one_and_timezones_are_compared_in_utc():
    index = _index([("undated", WIRE + " Extra words make this the longest.", None), ("dated", WIRE, "2026-03-12")])
    assert index.mapping() == {"undated": "dated"}
    assert publication_key("2026-03-10T23:30:00-02:00") > publication_key("2026-03-11T00:30:00+00:00")
    assert publication_key("2026-03-10") < publication_key("2026-03-10T11:20:00+00:00")


def test_copy_with_new_headline_and_debris_is_a_duplicate():
    copy = ("LANDSLIDE CUTS OFF VALLEY VILLAGES\n\n" + WIRE
            + "\n\nShare this article. Read more: weather warnings for the weekend.")
    index = _index([("orig", WIRE, "2026-03-10"), ("copy", copy, "2026-03-10T12:00:00")])
    assert index.duplicate_of("copy") == "orig"
    assert jaccard(shingles(WIRE), shingles(copy)) >= DUPLICATE_JACCARD


def test_copy_with_two_words_changed_is_a_duplicate():
    copy = WIRE.replace("fourteen homes", "fifteen homes").replace("nine consecutive", "ten consecutive")
    assert copy != WIRE
    index = _index([("orig", WIRE, "2026-03-10"), ("copy", copy, "2026-03-10")])
    assert index.duplicate_of("copy") == "orig"


def test_shared_boilerplate_sentence_links_nothing():
    text = WIRE + " " + BOILERPLATE
    index = _index([("a", text, "2026-03-10"), ("b", OTHER, "2026-03-10")])
    assert index.mapping() == {}
    assert index.overlaps("a") == [] and index.overlaps("b") == []
    assert index.overlap_pairs() == []


def test_partial_copy_is_an_overlap_not_a_duplicate():
    paragraphs = WIRE.split(". ")
    reused = ". ".join(paragraphs[:3]) + "."
    rewrite = ("Our correspondent reached the shelter on foot late on Tuesday, where families described "
               "hearing a roar like thunder before the mud arrived and said nobody had warned them. " + reused
               + " One teacher said the children had been sleeping on gym mats and that food was running low, "
               "and volunteers from neighbouring towns arrived with vans of supplies on Wednesday morning.")
    index = _index([("orig", WIRE, "2026-03-10"), ("rewrite", rewrite, "2026-03-11")])
    assert index.duplicate_of("rewrite") is None
    [overlap] = index.overlaps("rewrite")
    assert overlap.other_id == "orig" and 0.2 <= overlap.share < 0.9
    assert index.overlaps("orig") == [Overlap("rewrite", overlap.share)]


def test_a_copy_of_a_copy_points_to_the_root():
    copy1 = WIRE.replace("fourteen", "14")
    copy2 = copy1.replace("two hundred", "200")
    index = _index([("c", copy2, "2026-03-12"), ("b", copy1, "2026-03-11"), ("a", WIRE, "2026-03-10")])
    assert index.mapping() == {"b": "a", "c": "a"}


def _small_set():
    copy = WIRE.replace("fourteen homes", "fifteen homes")
    partial = "Reporters at the scene said the shelter was full. " + " ".join(WIRE.split()[:60])
    return [
        ("w1", WIRE, "2026-03-11"),
        ("w2", copy, "2026-03-10T09:00:00+00:00"),
        ("w3", "BREAKING\n\n" + WIRE, "2026-03-10T08:00:00+00:00"),
        ("p1", partial, "2026-03-12"),
        ("o1", OTHER, "2026-03-09"),
        ("o2", OTHER.replace("Monday", "Tuesday"), None),
    ]


def test_adding_in_any_order_gives_the_same_result():
    items = _small_set()
    reference = _final(_index(items))
    assert reference[0] == {"w1": "w3", "w2": "w3", "o2": "o1"}
    assert [o.other_id for o in reference[2]["p1"]] == ["w3"]
    for order in itertools.permutations(range(len(items))):
        assert _final(_index(items, order)) == reference, order


def test_two_halves_give_the_same_result_as_one_pass_and_state_round_trips():
    items = _small_set()
    one = _index(items)
    first = _index(items[:3])
    second = DedupIndex.from_state(json.loads(json.dumps(first.state())))  # persisted between runs
    for aid, text, pub in items[3:]:
        second.add(aid, text, pub)
    assert _final(second) == _final(one)
    again = pickle.loads(pickle.dumps(one))
    assert _final(again) == _final(one)
    assert again.add("w1", WIRE, "2026-03-11").duplicate_of == "w3"  # re-adding changes nothing
    assert _final(again) == _final(one)


def test_empty_and_tiny_texts_do_not_fail_or_match():
    index = _index([("e1", "", None), ("e2", "", None), ("t1", "Photo", None), ("w", WIRE, None)])
    assert index.mapping() == {}
    assert index.overlap_pairs() == []
    assert index.duplicate_of("w") is None


# ---- the demo corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    articles = [prepare(d, DEMO_FLAGS) for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, Problem)]
    by_source = {a.source: a for a in articles}
    key_of = {by_source[demo_source_name(r)].id: key for key, r in TRUTH["reports"].items()}
    assert len(key_of) == len(TRUTH["reports"]) == len(articles)
    index = DedupIndex()
    for a in articles:
        index.add(a.id, a.text, a.published)
    return index, key_of, {v: k for k, v in key_of.items()}


def test_demo_verbatim_copies_point_to_their_original(demo):
    index, key_of, id_of = demo
    # e1: both published 2026-03-10, same cleaned length; the original carries a bare date
    # (start of day) and the copy 11:20 UTC, so "earliest published" picks the original.
    # e6: 12:10 vs 13:30 UTC on 2026-03-19, same length: the earlier one.
    verbatim = [s for s in TRUTH["syndicated"] if s["kind"] == "verbatim"]
    assert len(verbatim) == 2
    for item in verbatim:
        assert index.duplicate_of(id_of[item["copy"]]) == id_of[item["original"]], item
        assert index.duplicate_of(id_of[item["original"]]) is None


def test_demo_has_no_other_duplicates(demo):
    index, key_of, id_of = demo
    found = {(key_of[c], key_of[r]) for c, r in index.mapping().items()}
    expected = {(s["copy"], s["original"]) for s in TRUTH["syndicated"] if s["kind"] == "verbatim"}
    assert found == expected
    # and no duplicate link at all outside those pairs (same event, other outlet: not a copy)
    links = {frozenset((key_of[a], key_of[b])) for a, b, _ in index.duplicate_pairs()}
    assert links == {frozenset(p) for p in expected}


def test_demo_partial_rewrite_is_an_overlap_with_the_original(demo):
    index, key_of, id_of = demo
    [partial] = [s for s in TRUTH["syndicated"] if s["kind"] == "partial"]
    copy, original = id_of[partial["copy"]], id_of[partial["original"]]
    assert index.duplicate_of(copy) is None
    overlaps = index.overlaps(copy)
    # the original and its verbatim copy count as one source: one overlap, with the root
    assert [o.other_id for o in overlaps] == [original]
    assert 0.1 < overlaps[0].share < 0.9
    # nothing else in the demo overlaps: every overlap link touches the partial rewrite
    for a, b, _ in index.overlap_pairs():
        assert copy in (a, b)


# ---- the age window --------------------------------------------------------------------

def _day(n: int) -> str:
    """Day n of a made-up stream (day 0 = 2026-01-01)."""
    import datetime as dt
    return (dt.date(2026, 1, 1) + dt.timedelta(days=n)).isoformat()


def _filler(i: int) -> str:
    """A distinct report per i: shares no 5-word shingle with WIRE, OTHER or another filler."""
    return " ".join(f"w{i}x{k}" for k in range(40))


def _windowed(items, window_days=10, keep_articles=3):
    index = DedupIndex(window_days=window_days, keep_articles=keep_articles)
    for aid, text, pub in items:
        index.add(aid, text, pub)
    return index


def test_entries_past_the_window_leave_the_index_and_a_late_copy_is_a_new_original():
    items = [("orig", WIRE, _day(0))] + [(f"f{i}", _filler(i), _day(2 * i)) for i in range(1, 10)]
    index = _windowed(items + [("copy", WIRE, _day(20))])
    assert "orig" not in index and "f1" not in index          # day 0 and day 2 are > 10 days back
    assert index.duplicate_of("copy") is None                 # its original was evicted: limit
    assert index.duplicate_of("orig") is None and index.overlaps("orig") == []
    # live: everything within 10 days of day 20, and never fewer than the last 3 arrivals
    assert index.live_count() == len([d for d in range(2, 20, 2) if 20 - d <= 10]) + 1
    assert len(index) == index.live_count()                   # nothing settled: no links


def test_copies_within_the_window_are_found_and_evicted_copies_keep_their_link():
    copy = WIRE.replace("fourteen homes", "fifteen homes")
    items = [("orig", WIRE, _day(0)), ("copy", copy, _day(5)),
             ("rewrite", "Our correspondent wrote this. " + " ".join(WIRE.split()[:60]), _day(6))]
    items += [(f"f{i}", _filler(i), _day(10 + 2 * i)) for i in range(10)]
    index = _windowed(items)
    assert index.live_count() < len(index)                    # orig, copy, rewrite are settled
    assert index.mapping() == {"copy": "orig"}                 # found in the window, kept after it
    assert [o.other_id for o in index.overlaps("rewrite")] == ["orig"]
    # a set inside the window gives the same result as an index that never evicts
    assert _final(_windowed(items[:3])) == _final(_windowed(items[:3], window_days=None))


def test_out_of_order_and_undated_entries_stay_for_keep_articles_arrivals():
    # newest first: day 30 sets the clock, but the two old copies are neighbours in arrival
    items = [("new", OTHER, _day(30)), ("old1", WIRE, _day(1)), ("old2", WIRE, _day(1))]
    assert _windowed(items).mapping() == {"old2": "old1"}
    # undated: compared with the next 3 arrivals (keep_articles), then gone
    undated = [("u0", WIRE, None)] + [(f"f{i}", _filler(i), None) for i in range(3)]
    index = _windowed(undated + [("u1", WIRE, None)])
    assert "u0" not in index and index.duplicate_of("u1") is None   # the 4th arrival after u0
    index = _windowed(undated[:3] + [("u1", WIRE, None)])
    assert index.duplicate_of("u1") == "u0"                          # the 3rd: found


def _stream():
    copy = WIRE.replace("fourteen homes", "fifteen homes")
    partial = "Reporters at the scene said the shelter was full. " + " ".join(WIRE.split()[:60])
    items = [("w1", WIRE, _day(0)), ("w2", copy, _day(1)), ("p1", partial, _day(2)), ("o1", OTHER, None)]
    items += [(f"f{i}", _filler(i), _day(3 + 3 * i)) for i in range(12)]
    return items + [("w3", WIRE, _day(40)), ("w4", copy, _day(41)), ("o2", OTHER, _day(41))]


def test_state_round_trip_after_eviction_continues_the_same_and_shrinks():
    items = _stream()
    one = _windowed(items)
    for cut in (5, 12, 16):
        first = _windowed(items[:cut])
        second = DedupIndex.from_state(json.loads(json.dumps(first.state())))
        assert second.state() == first.state()
        for aid, text, pub in items[cut:]:
            second.add(aid, text, pub)
        assert _final(second) == _final(one) and second.state() == one.state(), cut
    assert one.mapping() == {"w2": "w1", "w4": "w3"}          # w3 is a new original: w1 left
    full = _windowed(items, window_days=None)
    assert len(json.dumps(one.state())) < len(json.dumps(full.state())) / 3
    assert [a["id"] for a in one.state()["articles"] if "shingles" not in a] == ["w1", "w2", "p1"]


def test_eviction_is_deterministic_and_a_version_1_state_loads():
    items = _stream()
    assert _windowed(items).state() == _windowed(items).state()
    assert pickle.loads(pickle.dumps(_windowed(items))).state() == _windowed(items).state()
    legacy = _windowed(items[:10], window_days=None).state()
    legacy["version"] = 1
    for key in ("clock", "arrivals"):
        del legacy[key]
    for key in ("window_days", "keep_articles"):
        del legacy["params"][key]
    for item in legacy["articles"]:
        del item["seq"]
    loaded = DedupIndex.from_state(legacy)
    assert (loaded.window_days, loaded.keep_articles) == (30, 2000)
    assert _final(loaded) == _final(_windowed(items[:10], window_days=None))
