"""The clustering metrics of bench/stories_eval.py on small hand-made partitions."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import stories_eval as se  # noqa: E402


def _rows(gold: dict[str, str], groups: dict[str, str]) -> list[dict]:
    return [{"id": i, "gold": g, "group": groups[i]} for i, g in gold.items()]


def test_bcubed_of_a_merge_and_a_split():
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert se.bcubed(gold, {"a": 1, "b": 1, "c": 2, "d": 2}) == (1.0, 1.0, 1.0)
    p, r, f = se.bcubed(gold, {"a": 1, "b": 1, "c": 1, "d": 1})  # everything merged
    assert (p, r) == (0.5, 1.0) and f == pytest.approx(2 / 3)
    p, r, _ = se.bcubed(gold, {"a": 1, "b": 2, "c": 3, "d": 4})  # everything split
    assert (p, r) == (1.0, 0.5)


def test_bootstrap_interval_is_exact_for_a_perfect_clustering_and_brackets_a_flawed_one():
    gold = {f"{t}{e}{k}": f"{t}{e}" for t in "abcdefgh" for e in "12" for k in range(3)}
    groups = {i: i[0] for i in gold}  # a topic holds two events
    rows = _rows(gold, groups)
    assert se.bootstrap_f1(rows, dict(gold)) == [1.0, 1.0]
    flawed = {i: (i[0] if i[0] in "ab" else g) for i, g in gold.items()}  # two topics' events merged
    point = se.bcubed(gold, flawed)[2]
    lo, hi = se.bootstrap_f1(rows, flawed)
    assert lo < point < hi <= 1.0
    assert se.bootstrap_f1(rows, flawed) == [lo, hi]  # fixed seed: the same interval each run


def test_merged_events_counts_topics_whose_two_events_share_one_story():
    gold = {f"{t}{e}{k}": f"{t}{e}" for t in "abcd" for e in "12" for k in range(4)}
    rows = _rows(gold, {i: i[0] for i in gold})
    assert se.merged_events(rows, dict(gold)) == 0
    whole = {i: (i[0] if i[0] in "ab" else g) for i, g in gold.items()}  # topics a and b merge whole
    assert se.merged_events(rows, whole) == 2
    stray = {i: ("a1" if i == "a20" else g) for i, g in gold.items()}  # one report strays: no merge
    assert se.merged_events(rows, stray) == 0
