"""Near-duplicate and partial-copy detection over cleaned article text.

Pipeline for every added article:

1. **Shingles.** The cleaned text is NFKC-normalised, case-folded and split into words
   (``\\w+`` runs, so punctuation is dropped); every run of ``SHINGLE_WORDS`` consecutive
   words is hashed to a 64-bit integer (BLAKE2b, fixed, so the same text gives the same
   set in every process). The set is kept as a sorted ``numpy.uint64`` array: 8 bytes a
   shingle, and intersections are a linear merge.
2. **Candidates.** A MinHash signature of that set (datasketch, fixed ``SEED`` and
   ``NUM_PERM``) is queried against a ``MinHashLSH`` index of every article added so far.
   The banding (``LSH_BANDS`` x ``LSH_ROWS``) is deliberately loose: it must find partial
   copies (Jaccard ~0.1-0.3), not only duplicates; the LSH is only a candidate filter.
3. **Verification** on the exact shingle sets of each candidate pair:
   Jaccard >= ``DUPLICATE_JACCARD`` makes a duplicate link; otherwise containment (the share
   of the smaller text's shingles found in the other) >= ``OVERLAP_CONTAINMENT`` with at
   least ``OVERLAP_MIN_SHINGLES`` shared shingles makes an overlap (a partial copy).
   Boilerplate was removed by the cleaner; a template sentence or two shared by unrelated
   reports stays far below both floors, so it links nothing.
4. **Groups.** Duplicate links form groups (connected components); every member points to
   the group's root directly (never a chain): the earliest published, then the longest
   cleaned text, then the smallest id. Roots are recomputed when a group gains an earlier
   member, so adding in any order gives the same final mapping as one batch (the set of
   verified links does not depend on order: each pair is checked once, when the later of
   the two arrives, and the LSH relation is symmetric).
5. **Age window.** So that the cost per article stays flat as the store grows, an entry
   leaves the index once it has met the ``keep_articles`` articles that arrived after it
   *and*, when it is dated, its publication day is more than ``window_days`` behind the
   newest day seen (the clock; undated entries age by arrival only). Leaving means: out of
   the LSH, shingles and signature dropped. An entry in a copy group or with an overlap
   keeps its links, date and length ("settled"): `mapping()` and `overlap_pairs()`, from
   which the store's tables are rewritten, still answer for it, so copies found before
   eviction keep their ``duplicate_of``. An entry with no link is forgotten entirely (its
   id then answers as its own original, with no overlaps). Eviction happens in ``add``,
   after the clock moves and before the LSH is queried.
   **Limit:** a copy that arrives after its original left the index is not linked to it:
   it becomes a new original (and starts its own group), exactly as an unrelated report
   would. Nothing is evicted from a set of at most ``keep_articles + 1`` articles, nor
   from a dated set spanning at most ``window_days`` days: there the results are those of
   an index without eviction; beyond that, order-independence holds only inside the window.

Overlaps are stored per article pair and answered per *group*: a partial copy of an
original and of its verbatim copies is one overlap with the group's root (copies count as
one source), with the largest share seen.

The index holds no global state, is deterministic and pickles through ``state()`` /
``from_state()`` (plain lists and dicts; the LSH is rebuilt from the stored signatures of
the entries still in the window; settled entries are stored without them).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import heapq
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

# Five-word shingles: long enough that common phrases ("said in a statement on",
# "the prime minister of the") rarely make two unrelated reports look alike, short enough
# that a copy with a few edited words keeps most of its shingles (one changed word breaks
# at most five). k = 5 is also what the ECB+ README uses for its near-duplicate count.
SHINGLE_WORDS = 5

# MinHash parameters: fixed, so signatures (and candidate sets) are reproducible.
NUM_PERM = 128
SEED = 1
# 64 bands of 2 rows: a pair with Jaccard s becomes a candidate with probability
# 1 - (1 - s^2)^64: 0.47 at 0.10, 0.93 at 0.20, 0.998 at 0.30, ~1 at 0.5 and above;
# unrelated pairs (s ~ 0.001) 6e-5. Candidates are cheap to verify on exact sets.
LSH_BANDS = 64
LSH_ROWS = 2

# Verification thresholds. Chosen on the demo corpus (examples/truth.json: its two verbatim
# wire copies have Jaccard 1.0 after cleaning; its partial rewrite shares about 0.4 of
# its shingles; different outlets on the same event stay below 0.05) and checked on ECB+
# (../shared/data/ecbplus: all 35 near-duplicate pairs of the README are found, and every
# duplicate and overlap pair lies inside one gold event; bench/dedup_precision.py).
DUPLICATE_JACCARD = 0.8     # word 5-shingle Jaccard: a copy with a new headline or a few edits
OVERLAP_CONTAINMENT = 0.2   # share of the smaller text's shingles found in the other
# ... and at least this many shared shingles: about one reused 25-word wire paragraph, so a
# shared boilerplate sentence (~10-20 shingles) in a short text is never an overlap.
OVERLAP_MIN_SHINGLES = 20

# Age window (not tuned: it bounds cost, see the module docstring). Syndicated copies run
# within hours or days of their original; 30 days is also the clusterer's quiet window
# (stories.DEFAULTS["close_after_days"]), so both stages forget on the same clock.
WINDOW_DAYS = 30
# ... and an entry is compared with at least this many later arrivals, dated or not: undated
# reports have no age but their arrival order, and a batch fed out of date order (a
# backfill, newest first) still finds copies among its neighbours. Not tuned either: the
# index holds at most this many entries beyond the window's own, ~20 kB each (ECB+ and
# AllSides measured), so ~40 MB; ECB+ (982 articles, undated) and AllSides (1,479, fed
# newest first) fit whole, so bench/dedup_precision.py gives the same pairs as without it.
KEEP_ARTICLES = 2000

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)


def words(text: str) -> list[str]:
    """Lower-cased words of the text, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little")


def shingles(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """The text's set of word k-shingles as a sorted, unique uint64 array.

    A text shorter than k words is one shingle (all its words); an empty text has none.
    """
    w = words(text)
    if not w:
        return np.empty(0, dtype=np.uint64)
    if len(w) < k:
        grams = [" ".join(w)]
    else:
        grams = [" ".join(w[i:i + k]) for i in range(len(w) - k + 1)]
    return np.unique(np.fromiter((_hash64(g) for g in grams), dtype=np.uint64, count=len(grams)))


def shared_count(a: np.ndarray, b: np.ndarray) -> int:
    """How many hashes two sorted unique arrays have in common."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return 0
    idx = np.searchsorted(b, a)
    idx[idx == len(b)] = 0
    return int(np.count_nonzero(b[idx] == a))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = shared_count(a, b)
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller set found in the larger one."""
    small = min(len(a), len(b))
    return shared_count(a, b) / small if small else 0.0


def _low32(value: int) -> int:
    """datasketch's affine32 scheme takes 32-bit input hashes: the low half of ours."""
    return value & 0xFFFFFFFF


def publication_key(published: str | None) -> tuple[int, str]:
    """Sort key for "earliest published": ISO dates and datetimes compared in UTC.

    A date without a time counts as the start of that day (UTC); a naive datetime as UTC.
    Missing or unreadable dates sort after every known one (an undated report is never
    preferred as the original over a dated one).
    """
    if not published:
        return (1, "")
    text = published.strip()
    try:
        if len(text) == 10:
            moment = _dt.datetime.combine(_dt.date.fromisoformat(text), _dt.time(), _dt.timezone.utc)
        else:
            moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=_dt.timezone.utc)
            moment = moment.astimezone(_dt.timezone.utc)
    except ValueError:
        return (1, text)
    return (0, moment.strftime("%Y-%m-%dT%H:%M:%S"))


def publication_day(published: str | None) -> int | None:
    """The UTC day of a publication date as a proleptic ordinal; None when undated or unreadable."""
    known, moment = publication_key(published)
    return None if known else _dt.date.fromisoformat(moment[:10]).toordinal()


@dataclass(frozen=True)
class Overlap:
    other_id: str        # the other article (answered as its group's root)
    share: float         # containment: share of the smaller text's shingles found in the other


@dataclass
class DedupResult:
    duplicate_of: str | None                 # root of the article's copy group; None if it is the root
    overlaps: list[Overlap] = field(default_factory=list)
    # articles whose duplicate_of changed because of this add (this article became the
    # root of an existing group, or two groups merged): the store must update them
    rerooted: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    shingles: np.ndarray | None     # sorted unique uint64; None once settled (out of the window)
    signature: np.ndarray | None    # MinHash hash values; None once settled
    published: str | None
    length: int                     # characters of cleaned text
    day: int | None = None          # publication_day(published)
    seq: int = 0                    # arrival number


class DedupIndex:
    """Incremental near-duplicate index. Not thread-safe; one index per store."""

    def __init__(self, *, duplicate_jaccard: float = DUPLICATE_JACCARD,
                 overlap_containment: float = OVERLAP_CONTAINMENT,
                 overlap_min_shingles: int = OVERLAP_MIN_SHINGLES,
                 shingle_words: int = SHINGLE_WORDS,
                 window_days: int | None = WINDOW_DAYS,
                 keep_articles: int = KEEP_ARTICLES) -> None:
        """window_days=None never evicts (every entry is kept, as before the window existed)."""
        self.duplicate_jaccard = duplicate_jaccard
        self.overlap_containment = overlap_containment
        self.overlap_min_shingles = overlap_min_shingles
        self.shingle_words = shingle_words
        self.window_days = window_days
        self.keep_articles = keep_articles
        self._entries: dict[str, _Entry] = {}        # live and settled entries, in arrival order
        self._clock: int | None = None                # newest publication day seen (ordinal)
        self._arrivals = 0                            # articles added so far (the next seq)
        self._young: deque[str] = deque()             # live ids not yet past keep_articles, by arrival
        self._aged: list[tuple[int, int, str]] = []   # heap (day, seq, id): live, dated, past keep_articles
        self._group: dict[str, str] = {}              # article -> root of its group
        self._members: dict[str, list[str]] = {}      # root -> members (root included)
        self._dup_links: dict[str, dict[str, float]] = {}   # verified duplicate pairs, both ways
        self._overlap_links: dict[str, dict[str, float]] = {}  # verified overlap pairs, both ways
        self._init_minhash()

    def _init_minhash(self) -> None:
        template = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_low32)
        self._permutations = template.permutations
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))

    # ---- public API -------------------------------------------------------------

    def __len__(self) -> int:
        """Entries held: those in the window and the settled ones (with links)."""
        return len(self._entries)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._entries

    def live_count(self) -> int:
        """Entries in the window (in the LSH, with shingles): what one add is compared against."""
        return len(self._young) + len(self._aged)

    def _register(self, article_id: str, entry: _Entry, signature: MinHash | None) -> None:
        """An article alone in its own group; a live one is findable by LSH (when it has shingles)."""
        self._entries[article_id] = entry
        if entry.shingles is not None:
            self._young.append(article_id)
            if len(entry.shingles):
                self._lsh.insert(article_id, signature, check_duplication=False)
        self._group[article_id] = article_id
        self._members[article_id] = [article_id]
        self._dup_links[article_id] = {}
        self._overlap_links[article_id] = {}

    def add(self, article_id: str, text: str, published: str | None = None) -> DedupResult:
        """Index one article and link it to the copies and partial copies already indexed.

        Adding an id that is already indexed changes nothing and answers as now. The clock
        moves first and the age window is applied before the look-up, so entries beyond it
        are never candidates (an id forgotten that way is indexed again as new).
        """
        if article_id in self._entries:
            return DedupResult(self.duplicate_of(article_id), self.overlaps(article_id))
        day, seq = publication_day(published), self._arrivals
        self._arrivals += 1
        if day is not None and (self._clock is None or day > self._clock):
            self._clock = day
        self._evict()
        sh = shingles(text, self.shingle_words)
        sig = self._signature(sh)
        candidates = sorted(self._lsh.query(sig)) if len(sh) else []
        self._register(article_id, _Entry(sh, sig.hashvalues, published, len(text), day, seq), sig)

        before = {}
        for other in candidates:
            kind, value = self.verify(sh, self._entries[other].shingles)
            if kind == "duplicate":
                self._dup_links[article_id][other] = value
                self._dup_links[other][article_id] = value
                root = self._group[other]
                if root != self._group[article_id]:
                    for member in self._members[root]:
                        before.setdefault(member, root)
                    self._merge(self._group[article_id], root)
            elif kind == "overlap":
                self._overlap_links[article_id][other] = value
                self._overlap_links[other][article_id] = value
        rerooted = sorted(m for m, old in before.items() if self._group[m] != old)
        return DedupResult(self.duplicate_of(article_id), self.overlaps(article_id), rerooted)

    def add_many(self, items: Iterable[tuple[str, str, str | None]]) -> dict[str, DedupResult]:
        return {aid: self.add(aid, text, published) for aid, text, published in items}

    def verify(self, a: np.ndarray, b: np.ndarray) -> tuple[str | None, float]:
        """("duplicate", jaccard), ("overlap", containment) or (None, containment)."""
        inter = shared_count(a, b)
        union = len(a) + len(b) - inter
        if union and inter / union >= self.duplicate_jaccard:
            return "duplicate", inter / union
        small = min(len(a), len(b))
        share = inter / small if small else 0.0
        if share >= self.overlap_containment and inter >= self.overlap_min_shingles:
            return "overlap", share
        return None, share

    def duplicate_of(self, article_id: str) -> str | None:
        """The root of the article's copy group, or None when it is its own root.

        An id the index does not hold (evicted with no link, or never added) is its own root.
        """
        root = self._group.get(article_id, article_id)
        return None if root == article_id else root

    def root(self, article_id: str) -> str:
        return self._group.get(article_id, article_id)

    def groups(self) -> dict[str, list[str]]:
        """root -> sorted members (root included), for groups of two or more."""
        return {root: sorted(m) for root, m in sorted(self._members.items()) if len(m) > 1}

    def mapping(self) -> dict[str, str]:
        """Every copy -> its root (the `duplicate_of` column for the store)."""
        return {a: r for a, r in sorted(self._group.items()) if a != r}

    def overlaps(self, article_id: str) -> list[Overlap]:
        """Partial copies of this article's group, one per other group (its root), best share kept."""
        if article_id not in self._group:  # evicted with no link, or never added
            return []
        root = self._group[article_id]
        best: dict[str, float] = {}
        for member in self._members[root]:
            for other, share in self._overlap_links[member].items():
                other_root = self._group[other]
                if other_root != root and share > best.get(other_root, -1.0):
                    best[other_root] = share
        return [Overlap(o, round(s, 4)) for o, s in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]

    def duplicate_pairs(self) -> list[tuple[str, str, float]]:
        """Every verified duplicate link (a < b, jaccard): the raw pairs before grouping."""
        return sorted((a, b, j) for a, links in self._dup_links.items() for b, j in links.items() if a < b)

    def overlap_pairs(self) -> list[tuple[str, str, float]]:
        """Every verified overlap link (a < b, containment), article to article."""
        return sorted((a, b, s) for a, links in self._overlap_links.items() for b, s in links.items() if a < b)

    # ---- persistence --------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Plain data (lists, dicts, str, int, float): JSON- and pickle-safe."""
        return {
            "version": 2,
            "params": {"duplicate_jaccard": self.duplicate_jaccard,
                       "overlap_containment": self.overlap_containment,
                       "overlap_min_shingles": self.overlap_min_shingles,
                       "shingle_words": self.shingle_words,
                       "window_days": self.window_days, "keep_articles": self.keep_articles,
                       "num_perm": NUM_PERM, "seed": SEED, "lsh": [LSH_BANDS, LSH_ROWS]},
            "clock": _dt.date.fromordinal(self._clock).isoformat() if self._clock is not None else None,
            "arrivals": self._arrivals,
            "articles": [self._entry_state(aid, e) for aid, e in self._entries.items()],  # arrival order
            "duplicate_links": self.duplicate_pairs(),
            "overlap_links": self.overlap_pairs(),
        }

    @staticmethod
    def _entry_state(article_id: str, e: _Entry) -> dict[str, Any]:
        """A live entry with its sets; a settled one only with what its links and root order need."""
        item = {"id": article_id, "published": e.published, "length": e.length}
        if e.shingles is not None:
            item.update(seq=e.seq, shingles=e.shingles.tolist(), signature=e.signature.tolist())
        return item

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> "DedupIndex":
        p = state["params"]
        if (p["num_perm"], p["seed"], list(p["lsh"])) != (NUM_PERM, SEED, [LSH_BANDS, LSH_ROWS]):
            raise ValueError("dedup state was built with other MinHash parameters: rebuild it")
        # a version-1 state predates the window: it takes the defaults, and every entry is live
        index = cls(duplicate_jaccard=p["duplicate_jaccard"], overlap_containment=p["overlap_containment"],
                    overlap_min_shingles=p["overlap_min_shingles"], shingle_words=p["shingle_words"],
                    window_days=p.get("window_days", WINDOW_DAYS),
                    keep_articles=p.get("keep_articles", KEEP_ARTICLES))
        for pos, item in enumerate(state["articles"]):
            index._restore(item, pos)
        index._arrivals = state.get("arrivals", len(state["articles"]))
        days = [e.day for e in index._entries.values() if e.day is not None]
        clock = state.get("clock")
        index._clock = _dt.date.fromisoformat(clock).toordinal() if clock else max(days, default=None)
        for a, b, j in state["duplicate_links"]:
            index._dup_links[a][b] = j
            index._dup_links[b][a] = j
            if index._group[a] != index._group[b]:
                index._merge(index._group[a], index._group[b])
        for a, b, s in state["overlap_links"]:
            index._overlap_links[a][b] = s
            index._overlap_links[b][a] = s
        index._evict()  # sorts the live entries into young / aged (and shrinks a version-1 state)
        return index

    def _restore(self, item: dict[str, Any], pos: int) -> None:
        """One stored entry back: live (with its sets, into the LSH) or settled."""
        day = publication_day(item["published"])
        if "shingles" not in item:
            self._register(item["id"], _Entry(None, None, item["published"], item["length"], day), None)
            return
        sig = np.asarray(item["signature"], dtype=np.uint32)
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_low32, hashvalues=sig,
                    permutations=self._permutations, scheme="affine32")
        entry = _Entry(np.asarray(item["shingles"], dtype=np.uint64), m.hashvalues, item["published"],
                       item["length"], day, item.get("seq", pos))
        self._register(item["id"], entry, m)

    def __getstate__(self) -> dict[str, Any]:
        return self.state()

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(DedupIndex.from_state(state).__dict__)

    # ---- internals ------------------------------------------------------------------

    def _signature(self, sh: np.ndarray) -> MinHash:
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_low32,
                    permutations=self._permutations, scheme="affine32")
        if len(sh):
            m.update_batch((sh & _MASK32).tolist())
        return m

    def _evict(self) -> None:
        """Apply the age window: live entries past both bounds leave the LSH (see the docstring)."""
        if self.window_days is None:
            return
        last = self._arrivals - 1  # arrival number of the newest article
        # the newest article is the (last - seq)-th after an entry: it stays for keep_articles of them
        while self._young and last - self._entries[self._young[0]].seq > self.keep_articles:
            aid = self._young.popleft()
            entry = self._entries[aid]
            if entry.day is None:  # undated: arrival order is its only age
                self._settle(aid)
            else:
                heapq.heappush(self._aged, (entry.day, entry.seq, aid))
        while self._aged and self._clock - self._aged[0][0] > self.window_days:
            self._settle(heapq.heappop(self._aged)[2])

    def _settle(self, article_id: str) -> None:
        """Out of the LSH and its sets dropped; forgotten entirely when it has no link to keep."""
        entry = self._entries[article_id]
        if len(entry.shingles):
            self._lsh.remove(article_id)
        if len(self._members[self._group[article_id]]) == 1 and not self._overlap_links[article_id]:
            for table in (self._entries, self._group, self._members, self._dup_links, self._overlap_links):
                del table[article_id]
        else:
            entry.shingles = entry.signature = None

    def _sort_key(self, article_id: str) -> tuple:
        e = self._entries[article_id]
        return (publication_key(e.published), -e.length, article_id)

    def _merge(self, root_a: str, root_b: str) -> None:
        """Join two groups; the new root is the best of the two roots (each already best of its group)."""
        new_root = min(root_a, root_b, key=self._sort_key)
        old_root = root_b if new_root == root_a else root_a
        moved = self._members.pop(old_root)
        for member in moved:
            self._group[member] = new_root
        self._members[new_root].extend(moved)
