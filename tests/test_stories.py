"""Online story clustering: the demo corpus forms its six events, streaming matches one pass."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from newsloom.model import Document
from newsloom.pipeline import Defaults, prepare
from newsloom.read import read_inputs
from newsloom.stories import StoryClusterer, StoryItem, item_from_analysis

from .conftest import DEMO_FLAGS, EXAMPLES, TRUTH, demo_source_name, shared



def _embedder():
    from newsloom.embed import EmbedderMissing, MiniLMEmbedder

    try:
        return MiniLMEmbedder()
    except EmbedderMissing as err:  # pragma: no cover
        pytest.skip(str(err))



def _items(paths: list[str], defaults: Defaults) -> list[tuple[StoryItem, object]]:
    from newsloom.analyse import Analyzer

    articles = [prepare(doc, defaults) for doc in read_inputs(paths) if isinstance(doc, Document)]
    analyzer = Analyzer()
    analyses = analyzer.analyse_many((a.id, a.text, a.published) for a in articles)
    return [(item_from_analysis(a, an), a) for a, an in zip(articles, analyses)]


@pytest.fixture(scope="module")
def demo():
    """(items, vectors, report key -> article id) for the whole demo corpus."""
    embedder = _embedder()
    pairs = _items([str(EXAMPLES)], DEMO_FLAGS)
    items = [item for item, _ in pairs]
    by_source = {article.source: article.id for _, article in pairs}
    keys = {key: by_source[demo_source_name(r)] for key, r in TRUTH["reports"].items()}
    vectors = embedder.encode([it.headline_and_lead for it in items])
    return embedder, items, vectors, keys


def _groups(assignment: dict[str, str]) -> set[frozenset[str]]:
    out = defaultdict(set)
    for article_id, story in assignment.items():
        out[story].add(article_id)
    return {frozenset(v) for v in out.values()}


def _truth_groups(keys: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(keys[k] for k in event["reports"]) for event in TRUTH["events"]}


def test_demo_corpus_forms_exactly_its_six_events(demo):
    embedder, items, vectors, keys = demo
    clusterer = StoryClusterer(embedder)
    clusterer.add_many(items, vectors)
    assert _groups(clusterer.partition()) == _truth_groups(keys)
    # the two earthquakes are two stories
    quake1 = {clusterer.assignment[keys[k]] for k in TRUTH["events"][0]["reports"]}
    quake2 = {clusterer.assignment[keys[k]] for k in TRUTH["events"][1]["reports"]}
    assert len(quake1) == len(quake2) == 1 and quake1 != quake2


def test_streaming_in_two_halves_matches_one_pass(demo):
    embedder, items, vectors, _ = demo
    order = sorted(range(len(items)), key=lambda i: (str(items[i].published), items[i].id))
    half = len(order) // 2
    first, second = order[:half], order[half:]

    one = StoryClusterer(embedder)
    one.add_many([items[i] for i in order], vectors[order])

    streamed = StoryClusterer(embedder)
    streamed.add_many([items[i] for i in first], vectors[first])
    # the state survives a save/load between the two days
    streamed = StoryClusterer.loads(streamed.dumps(), embedder)
    streamed.add_many([items[i] for i in second], vectors[second])
    assert _groups(streamed.partition()) == _groups(one.partition())
    assert streamed.partition() == one.partition()  # same story ids too


def test_story_records_and_titles(demo):
    embedder, items, vectors, _ = demo
    clusterer = StoryClusterer(embedder)
    clusterer.add_many(items, vectors)
    titles = {it.id: it.title for it in items}
    outlets = {it.id: it.outlet for it in items}
    for story in clusterer.story_list():
        assert story.title in {titles[m] for m in story.members}
        assert set(story.outlets) == {outlets[m] for m in story.members if outlets[m]}
        assert story.first_seen is not None and story.first_seen <= story.last_seen
        record = story.to_dict()
        assert record["size"] == len(story.members)


def test_clustering_is_deterministic(demo):
    embedder, items, vectors, _ = demo
    runs = []
    for _ in range(2):
        clusterer = StoryClusterer(embedder)
        ids = clusterer.add_many(items, vectors)
        runs.append((ids, [s.to_dict() for s in clusterer.story_list()]))
    assert runs[0] == runs[1]


def test_re_adding_an_article_changes_nothing(demo):
    embedder, items, vectors, _ = demo
    clusterer = StoryClusterer(embedder)
    first = clusterer.add_many(items, vectors)
    again = clusterer.add_many(items, vectors)
    assert first == again and len(clusterer.story_list()) == 6


def test_the_seed_pair_forms_one_story():
    seeds = shared("seeds")
    embedder = _embedder()
    paths = sorted(str(p) for p in seeds.glob("*.txt"))
    pairs = _items(paths, Defaults(published="2015-10-07"))
    assert len(pairs) == 2
    clusterer = StoryClusterer(embedder)
    ids = clusterer.add_many([item for item, _ in pairs])
    assert ids[0] == ids[1]
    story = clusterer.stories[ids[0]]
    assert len(story.members) == 2


def test_another_backend_drops_in():
    from newsloom.embed import HashingEmbedder

    embedder = HashingEmbedder()
    vecs = embedder.encode(["Quake hits Peru", "Quake hits Peru", "Fire in Tampere"])
    assert vecs.dtype == np.float32 and np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
    clusterer = StoryClusterer(embedder)
    a = clusterer.add(StoryItem(id="a", title="Quake hits Peru", text="A strong earthquake hit Chivay in Peru.",
                                published="2026-03-16", entities=["peru"], places=["chivay"]))
    b = clusterer.add(StoryItem(id="b", title="Quake hits Peru", text="A strong earthquake hit Chivay in Peru.",
                                published="2026-03-16", entities=["peru"], places=["chivay"]))
    c = clusterer.add(StoryItem(id="c", title="Fire in Tampere", text="A warehouse burned in Tampere overnight.",
                                published="2026-03-16"))
    assert a == b != c


def test_stories_close_after_a_quiet_window():
    from newsloom.embed import HashingEmbedder

    clusterer = StoryClusterer(HashingEmbedder(), close_after_days=5)
    text = "A strong earthquake hit Chivay in Peru."
    a = clusterer.add(StoryItem(id="a", title="Quake hits Peru", text=text, published="2026-03-01"))
    clusterer.add(StoryItem(id="x", title="Other news", text="Budget talks resume.", published="2026-03-20"))
    b = clusterer.add(StoryItem(id="b", title="Quake hits Peru", text=text, published="2026-03-20"))
    assert a != b and not clusterer.stories[a].open


# Only the sparse terms score, so the texts below set every decision: "a" and "b" share too
# little to join, "c" joins "b", and then "a" fits the story of "b" and "c" (0.437 >= 0.40).
_SPARSE_ONLY = dict(w_dense=0.0, w_sparse=1.0, w_place=0.0, w_date=0.0, w_date_miss=0.0, w_day=0.0,
                    w_day_miss=0.0, threshold=0.40)
_STRANDED = {"a": "Riverton levees broke and flood waters rose.",
             "b": "Riverton levees broke; rescue crews evacuated families.",
             "c": "Rescue crews evacuated Riverton families from flood waters."}


def _stranded(**params):
    from newsloom.embed import HashingEmbedder

    clusterer = StoryClusterer(HashingEmbedder(), **{**_SPARSE_ONLY, **params})
    for key, text in _STRANDED.items():
        clusterer.add(StoryItem(id=key, title=None, text=text, published="2026-03-01"))
    return clusterer


def test_a_lone_report_is_shown_in_the_story_that_grew_past_it():
    clusterer = _stranded()
    alone, grown = clusterer.assignment["a"], clusterer.assignment["b"]
    assert alone != grown == clusterer.assignment["c"]  # how the online pass placed them
    assert clusterer.partition() == {"a": grown, "b": grown, "c": grown}
    (story,) = clusterer.story_list()
    assert story.id == grown and story.members == ["b", "c", "a"]
    assert clusterer.stories[alone].open  # shown elsewhere, its own story is still open to joiners


def test_a_lone_report_joined_later_stands_as_its_own_story_again():
    clusterer = _stranded()
    alone = clusterer.assignment["a"]
    assert clusterer.add(StoryItem(id="a2", text=_STRANDED["a"], published="2026-03-01")) == alone
    assert clusterer.partition()["a"] == clusterer.partition()["a2"] == alone
    assert len(clusterer.story_list()) == 2


def test_a_quiet_lone_report_settles_into_the_story_it_fits():
    clusterer = _stranded(close_after_days=5)
    alone, grown = clusterer.assignment["a"], clusterer.assignment["b"]
    # six days on: the lone report is quiet and settles; the story of two waits the extra window
    clusterer.add(StoryItem(id="x", text="Budget talks resume in the capital.", published="2026-03-07"))
    assert alone not in clusterer.stories and clusterer.assignment["a"] == grown
    story = clusterer.stories[grown]
    assert story.open and story.members == ["b", "c", "a"]
    # nine days on it closes, with the settled report in it
    clusterer.add(StoryItem(id="y", text="Budget talks stall in the capital.", published="2026-03-10"))
    assert not clusterer.stories[grown].open and clusterer.partition()["a"] == grown


def test_a_lone_report_settles_before_its_host_closes_on_the_same_day():
    from newsloom.embed import HashingEmbedder

    clusterer = StoryClusterer(HashingEmbedder(), **_SPARSE_ONLY, close_after_days=5)
    # the host story is older than the lone report, which is dated a day after it
    for key, day in (("b", "2026-03-01"), ("a", "2026-03-02"), ("c", "2026-03-01")):
        clusterer.add(StoryItem(id=key, text=_STRANDED[key], published=day))
    host = clusterer.assignment["b"]
    assert clusterer.assignment["a"] != host == clusterer.assignment["c"]
    # the clock jumps to 10 March: both are due, the host (9 quiet days > 5 + 3) and the lone report (8 > 5)
    clusterer.add(StoryItem(id="x", text="Budget talks resume in the capital.", published="2026-03-10"))
    assert clusterer.assignment["a"] == host and "a" in clusterer.stories[host].members


def test_settling_streams_like_one_pass():
    from newsloom.embed import HashingEmbedder

    items = [StoryItem(id=k, text=t, published="2026-03-01") for k, t in _STRANDED.items()]
    items += [StoryItem(id="x", text="Budget talks resume in the capital.", published="2026-03-07"),
              StoryItem(id="d", text="Riverton families return as flood waters fall.", published="2026-03-08")]
    one = StoryClusterer(HashingEmbedder(), **_SPARSE_ONLY, close_after_days=5)
    one.add_many(items)
    streamed = StoryClusterer(HashingEmbedder(), **_SPARSE_ONLY, close_after_days=5)
    streamed.add_many(items[:3])
    streamed = StoryClusterer.loads(streamed.dumps(), HashingEmbedder())
    streamed.add_many(items[3:])
    assert streamed.partition() == one.partition()
    assert [s.to_dict() for s in streamed.story_list()] == [s.to_dict() for s in one.story_list()]


def test_dates_from_times_keeps_absolute_dates_in_text_order():
    from newsloom.model import TimeRef
    from newsloom.stories import dates_from_times

    times = [
        TimeRef("Tuesday, December 9, 2008", 0, 25, "2008-12-09", "day"),
        TimeRef("two years", 30, 39, None, "duration"),
        TimeRef("this year", 40, 49, None, "year"),             # unresolved without a publication date
        TimeRef("since 2005", 50, 60, "2005-01-01", "year", relation="since"),
        TimeRef("about 2010", 61, 71, "2010-01-01", "year", approximate=True),
        TimeRef("September 2005", 72, 86, "2005-09-01", "month"),
        TimeRef("2008", 90, 94, "2008-01-01", "year"),
    ]
    assert dates_from_times(times) == ["2008-12-09", "2005-09", "2008"]
    assert dates_from_times([{"resolved": "2013-01-01", "granularity": "year", "start": 3}]) == ["2013"]
    assert StoryItem(id="x").dates == ()  # optional: the pipeline works without it


def test_mentioned_years_score_a_story():
    from newsloom.embed import HashingEmbedder

    embedder = HashingEmbedder()
    text = "A strong earthquake of magnitude 6 hit the coast, killing dozens and destroying homes."
    clusterer = StoryClusterer(embedder)
    a = clusterer.add(StoryItem(id="a", title="Earthquake hits coast", text=text, dates=["2008-05-12", "2004"]))
    b = clusterer.add(StoryItem(id="b", title="Earthquake hits coast", text=text, dates=["2008"]))
    assert a == b
    vec = embedder.encode(["Earthquake hits coast"])[0]
    match = clusterer.signals(StoryItem(id="e"), vec, a, None, {}, {}, {}, 1.0, frozenset({"2008"}))
    miss = clusterer.signals(StoryItem(id="f"), vec, a, None, {}, {}, {}, 1.0, frozenset({"2013"}))
    none = clusterer.signals(StoryItem(id="g"), vec, a, None, {}, {}, {}, 1.0)
    assert (match["date_match"], match["date_miss"]) == (1.0, 0.0)
    assert (miss["date_match"], miss["date_miss"]) == (0.0, 1.0)
    assert (none["date_match"], none["date_miss"]) == (0.0, 0.0)
    assert clusterer.score(match) - clusterer.score(miss) == pytest.approx(
        clusterer.params["w_date"] + clusterer.params["w_date_miss"])


def test_event_day_is_the_first_named_day_as_a_date_or_weekday():
    from newsloom.model import TimeRef
    from newsloom.stories import event_day

    assert event_day([TimeRef("since Monday", 0, 12, None, "day", relation="since"),
                      TimeRef("Thursday", 20, 28, None, "day"), TimeRef("Friday", 30, 36, None, "day")]) == "thursday"
    assert event_day([{"text": "Monday", "resolved": "2021-10-18", "granularity": "day"}]) == "2021-10-18"
    assert event_day([TimeRef("2008", 0, 4, "2008-01-01", "year")]) is None


def test_event_days_score_a_story():
    from newsloom.embed import HashingEmbedder

    embedder = HashingEmbedder()
    clusterer = StoryClusterer(embedder)
    a = clusterer.add(StoryItem(id="a", title="Court rules", text="The court ruled on Monday.", day="2021-10-18"))
    vec = embedder.encode(["Court rules"])[0]

    def sig(day):
        return clusterer.signals(StoryItem(id="x"), vec, a, None, {}, {}, {}, 1.0, mention=day)

    assert (sig("monday")["day_match"], sig("monday")["day_miss"]) == (1.0, 0.0)    # an undated text's weekday
    assert (sig("thursday")["day_match"], sig("thursday")["day_miss"]) == (0.0, 1.0)
    assert sig("2021-10-25")["day_miss"] == 1.0       # a Monday a week later is another day
    assert sig("2021-10-20")["day_match"] == 1.0      # within the window: follow-ups name later days
    assert (sig(None)["day_match"], sig(None)["day_miss"]) == (0.0, 0.0)


def test_an_undated_report_meets_its_story_in_a_batch_spanning_months():
    """Placed after the batch's later articles, an undated report found its story closed (quiet for
    more than close_after_days behind the batch's latest date) and stood alone."""
    flood = ("Floodwater closed the Rhine ferry at Koblenz on Monday after the river rose above seven metres, "
             "and the harbour office said crossings would stay suspended until the level falls.")
    items = [StoryItem(id="dated", title="Rhine flood halts Koblenz ferry", text=flood, published="2026-01-05"),
             StoryItem(id="budget", title="City council passes budget", published="2026-02-20",
                       text="The city council passed its budget for the year after a long debate on school funding."),
             StoryItem(id="match", title="Local side wins cup final", published="2026-03-10",
                       text="The local football side won the regional cup final on penalties in front of 8,000 fans."),
             StoryItem(id="undated", title="Koblenz ferry suspended as Rhine floods", published=None,
                       text="The ferry crossing at Koblenz is suspended because the Rhine has risen above seven "
                            "metres, the harbour office said, and will not resume until the water falls.")]
    clusterer = StoryClusterer(_embedder())
    ids = clusterer.add_many(items)
    assert ids[0] == ids[3] and len({ids[0], ids[1], ids[2]}) == 3


def test_undated_excerpts_of_two_weekly_rounds_join_their_own_rounds():
    """Two rounds of one weekly story (harbour ferry talks a week apart), each with dated reports,
    and one undated excerpt of each. Placed first, the two excerpts met no dated report and chained
    into one story, which the first round's reports then joined; placed after the dated reports,
    each excerpt joins its own round."""
    def talks(day, n, extra):
        return (f"Talks between the Aldmere ferry operator and the crews' union ended on {day} without a deal "
                f"after {n} hours, and the union said its strike would continue. {extra}")

    items = [
        StoryItem(id="r1a", title="Ferry talks end without deal", published="2026-02-02",
                  text=talks("Monday", 9, "Crossings to Vell Island stayed cancelled; 1,200 passengers were stranded.")),
        StoryItem(id="r1b", title="Aldmere ferry strike goes on after nine-hour talks", published="2026-02-02",
                  text=talks("Monday", 9, "About 1,200 passengers were left stranded at the Vell Island pier.")),
        StoryItem(id="r2a", title="Second round of ferry talks collapses", published="2026-02-09",
                  text=talks("Monday", 14, "The operator offered a 4 percent rise; the union asked for 7 percent.")),
        StoryItem(id="r2b", title="Aldmere ferry crews reject 4 percent offer", published="2026-02-09",
                  text=talks("Monday", 14, "The union turned down a 4 percent rise, holding out for 7 percent.")),
        StoryItem(id="u1", title="Ferry talks fail", published=None,
                  text=talks("Monday", 9, "Some 1,200 passengers were stranded at Vell Island.")),
        StoryItem(id="u2", title="Ferry talks fail again", published=None,
                  text=talks("Monday", 14, "The union rejected a 4 percent offer and wants 7 percent.")),
    ]
    ids = dict(zip((it.id for it in items), StoryClusterer(_embedder()).add_many(items)))
    assert ids["r1a"] == ids["r1b"] == ids["u1"]
    assert ids["r2a"] == ids["r2b"] == ids["u2"] != ids["r1a"]
