"""The injection benchmark's own rules (bench/compare_conflicts.py): which swaps it makes and counts."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import compare_conflicts as cc  # noqa: E402


def test_a_person_is_named_in_full_or_with_a_title_somewhere_in_the_story():
    from newsloom.analyse import analysis_pipeline

    nlp = analysis_pipeline()
    texts = ["Justice Clarence Thomas wrote the opinion, and President Biden praised it on Monday.",
             "Thomas was joined by four colleagues. Shares of Pfizer rose after the ruling."]
    reps = [{"doc": nlp(t)} for t in texts]
    names = cc.full_names(reps)
    assert {"Thomas", "Biden"} <= names
    assert "Pfizer" not in names  # never given a first name or a title: a firm, whatever spaCy labels it


def test_misread_people_leave_the_pick_and_the_rest_keeps_its_order():
    found = {"actor": [{"story": f"s{i}", "edit": {"named_in_full": i % 3 != 0}} for i in range(12)]}
    chosen = cc.choose(found, controls=set(), max_per_slot=100, seed=13)
    assert all(i["edit"]["named_in_full"] for i in chosen) and len(chosen) == 8
    unfiltered = [i for i in cc.choose({"actor": [dict(i, edit={}) for i in found["actor"]]}, set(), 100, 13)]
    kept_order = [i["story"] for i in unfiltered if int(i["story"][1:]) % 3 != 0]
    assert [i["story"] for i in chosen] == kept_order


def test_a_swapped_person_counts_as_actor_or_as_attribution():
    assert cc.expected_slots({"slot": "actor", "edit": {"speaker": False}}) == {"actor", "attribution"}
    assert cc.expected_slots({"slot": "date", "edit": {}}) == {"date"}


def test_ecbplus_events_become_stories_of_their_first_documents():
    """The development corpus: each ECB+ event one story of at most ECB_REPORTS documents, by id, none shared."""
    from .conftest import shared

    shared("ecbplus", "articles.jsonl")
    stories = cc.load(None, "ecbplus")
    assert len(stories) == 86  # every gold event of ECB+ has at least three documents
    assert all(2 <= len(reps) <= cc.ECB_REPORTS for reps in stories.values())
    assert all(r["id"].startswith(event.split("_")[0] + "_") for event, reps in stories.items() for r in reps)
    first = stories["1_ecbplus"]
    assert [r["id"] for r in first] == sorted(r["id"] for r in first)
    assert len({r["id"] for reps in stories.values() for r in reps}) == sum(map(len, stories.values()))


def test_a_shifted_day_keeps_its_ordinal_written_right():
    """"October 5th" shifted to the 22nd reads "October 22nd", not "October 22th"."""
    import random
    import re

    from newsloom.analyse import analysis_pipeline

    nlp = analysis_pipeline()
    sa = next(iter(nlp("The book comes out on October 5th, its publisher said.").sents))
    sb = next(iter(nlp("The launch will come with the release of the book on October 5th, two people said.").sents))
    for seed in range(20):
        edits, info = cc.inject_date(sa, sb, random.Random(seed), None)
        (start, end, new), = edits
        assert sb.doc.text[start:end].lower().endswith("5th")
        assert new == info["to"] and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", new)
        assert new[-2:] == {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(int(new[:-2]), "th")


def test_a_recorded_injection_holds_no_sentence_yet_rebuilds_it_from_the_report():
    """The results file stores offsets and edits only; show_injections puts the sentences back."""
    import random

    import show_injections
    from newsloom.analyse import analysis_pipeline

    nlp = analysis_pipeline()
    a = {"id": "a", "text": "Intro line here. The mayor opened the bridge on Monday with 300 guests."}
    b = {"id": "b", "text": "Late news. The bridge was opened on Monday by the mayor, with 300 guests watching."}
    sa, sb = (list(nlp(r["text"]).sents)[1] for r in (a, b))
    injection = cc.make_injection("s", a, sa, b, sb, 0.5, "quantity", cc.inject_quantity(sa, sb, random.Random(1), None))
    scored = {"found": True, "found_with_partner": True, "located": True, "slots_at_location": ["quantity"],
              "preexisting": False, "new_conflicts": 1, "new_correct": 1, "new_wrong_examples": []}
    record = cc.audit_record(injection, scored)
    assert not any(isinstance(v, str) and "bridge" in v for v in record.values())
    shown = show_injections.sentences(record, {"a": a["text"], "b": b["text"]})
    assert shown == {"A": injection["partner_sentence"], "B": injection["original"], "B'": injection["modified"]}
    assert "300" not in shown["B'"] and shown["B'"].startswith("The bridge was opened on Monday")


def test_the_readers_verdicts_split_recall_and_count_compatible_changes_called_conflicts():
    runs = [({"article": "a", "slot": "date", "sentence_start": n}, {"found": found})
            for n, found in enumerate([True, True, False, True, False])]
    labels = {("a", "date", 0): "contradicts", ("a", "date", 1): "contradicts", ("a", "date", 2): "contradicts",
              ("a", "date", 3): "compatible"}
    got = cc.reader_figures(runs, labels)
    assert got["recall_on_contradicting"] == 2 / 3 and got["compatible_called_conflict"] == 1.0
    assert (got["contradicts"], got["compatible"], got["unclear"], got["unlabelled"]) == (3, 1, 0, 1)


def test_the_recorded_audit_labels_every_held_out_injection_once():
    labels = [line for line in (cc.AUDIT / "compare_injections_test.jsonl").read_text().splitlines() if line]
    assert len(labels) == len(cc.reader_labels("test")) == 498
    assert set(cc.reader_labels("test").values()) <= {"contradicts", "compatible", "unclear"}
