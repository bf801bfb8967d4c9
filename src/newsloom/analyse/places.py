"""Places: repair the model's place labels, then resolve every place mention to coordinates.

The small English model tags many small towns as people or organisations ("the towns
of Kafr Zita, Kafr Nabudah, al-Sayyad and the village of al-Latamneh": PERSON, PERSON,
PERSON, ORG). `fix_place_labels` relabels such spans GPE when the text says they are
places, and `extract_places` resolves every GPE/LOC/FAC mention with the gazetteer,
using what the text says around it ("in Hama province", "Paris, Texas", "the towns of")
and the article's other places and demonyms as context.
"""
from __future__ import annotations

from datetime import date

from spacy.attrs import ORTH, SHAPE, SPACY
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ..geo import REGION_WORDS, SETTLEMENT_WORDS, Gazetteer, Mention, name_key, split_place_noun
from ..model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the model wrongly gives to places, which `fix_place_labels` may change to GPE.
REPAIRABLE = {"PERSON", "ORG"}
PLACE_NOUNS = REGION_WORDS | SETTLEMENT_WORDS
# Nouns after a name that make it a place ("Hama province", "Hama and Idlib provinces"); a plural
# needs a list before it ("NFL cities" are not a place called NFL).
CUE_NOUNS = {"province", "provinces", "governorate", "governorates", "county", "counties", "district",
             "districts", "prefecture", "oblast", "region", "state", "town", "towns", "village", "villages",
             "city", "cities", "suburb", "suburbs", "municipality"}
_PLURAL_CUES = {"provinces", "governorates", "counties", "districts", "towns", "villages", "cities", "suburbs"}
# Words that make a span an institution whatever the context ("U.S. House", "Health and Human Services").
INSTITUTION_WORDS = {"house", "senate", "congress", "department", "services", "service", "ministry", "hospital",
                     "university", "college", "school", "church", "court", "council", "union", "party",
                     "committee", "agency", "office", "bank", "company", "group", "association", "institute",
                     "board", "commission", "police", "army", "league"}
# Prepositions that put a name in a place ("in X", "near X"): enough when the gazetteer knows X.
PLACE_PREPOSITIONS = {"in", "near", "outside", "around", "across", "into", "towards", "toward", "throughout"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
LIST_WORDS = {",", "and", "or", "the", "as", "well", "&"}
# Words before a name that make it a person ("Mr Assad", "President Putin", "leader X").
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "gen",
                 "general", "col", "colonel", "president", "minister", "secretary", "senator", "sen", "rep",
                 "governor", "gov", "mayor", "king", "queen", "prince", "princess", "pope", "judge",
                 "chancellor", "premier", "sheikh", "imam", "rev", "father", "sister", "brother", "leader",
                 "spokesman", "spokeswoman", "activist", "commander", "head", "chief", "director", "officer",
                 "ambassador", "envoy", "correspondent", "reporter", "analyst", "captain", "sergeant",
                 "lieutenant", "major", "emir", "ayatollah", "cleric", "journalist"}
SPEECH_VERBS = {"say", "tell", "claim", "insist", "add", "state", "announce", "deny", "confirm", "report",
                "warn", "argue", "write", "ask", "explain", "accuse", "call", "urge"}
# Head nouns that make a GPE/LOC span an organisation ("the Syrian Observatory for Human Rights"), or a
# building or chamber ("the White House", which GeoNames also lists as an English name of Casablanca).
ORG_HEADS = {"observatory", "ministry", "council", "army", "front", "agency", "committee", "party", "group",
             "company", "bank", "university", "court", "union", "organisation", "organization", "commission",
             "office", "institute", "foundation", "association", "fleet", "force", "forces", "police",
             "navy", "brigade", "brigades", "movement", "coalition", "corporation", "authority", "service",
             "network", "parliament", "assembly", "government", "times", "post", "news", "club", "team",
             "house"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


# ---------------------------------------------------------------------------
# Label repair


def fix_place_labels(doc: Doc, gazetteer: Gazetteer) -> None:
    """Repair the model's place entities (sets doc.ents): relabel, then complete cut-short names."""
    _relabel_places(doc, gazetteer)
    _complete_place_names(doc, gazetteer)


def _relabel_places(doc: Doc, gazetteer: Gazetteer) -> None:
    """Relabel PERSON/ORG spans GPE where the text says they are places.

    Context alone suffices when it is explicit: a list introduced by "the towns of",
    "the village of", "the province of", or a place noun after the name ("Hama and
    Idlib provinces"). A weaker cue — the object of "in"/"near"/... in the parse — also
    needs the gazetteer to know the name as a place of some size (larger for ORG spans:
    "in Congress" is not Congress, Arizona). A name with a person cue (a title before
    it, a speaker of a verb of saying, the surname of a person named in the article)
    stays as it is.
    """
    ents = list(doc.ents)
    if not any(e.label_ in REPAIRABLE for e in ents):
        return
    ent_at = _ent_index(doc, ents)
    persons = _person_names(doc, ents)
    relabel: set[int] = set()
    for i, ent in enumerate(ents):
        if ent.label_ not in REPAIRABLE or not _repairable(ent, gazetteer):
            continue
        cue = _place_cue(doc, ents, ent_at, i)
        if cue == "strong":
            relabel.add(i)
        elif cue == "weak" and not _is_person(ent, persons, i) and _known_place(ent, gazetteer):
            relabel.add(i)
    if not relabel:
        return
    # The same name elsewhere in the article is the same place, unless it reads as a person there.
    place_keys = {name_key(_core_text(ents[i])) for i in relabel}
    for i, ent in enumerate(ents):
        if i not in relabel and ent.label_ in REPAIRABLE and name_key(_core_text(ent)) in place_keys \
                and _repairable(ent, gazetteer) and not _is_person(ent, persons, i) \
                and ent.root.dep_ not in ("nsubj", "nsubjpass", "compound"):
            relabel.add(i)
    doc.ents = [Span(doc, e.start, e.end, label="GPE", kb_id=e.kb_id, span_id=e.id) if i in relabel else e
                for i, e in enumerate(ents)]


def _repairable(ent: Span, gazetteer: Gazetteer) -> bool:
    """Whether the span could be a place at all: no title, digits, institution word or demonym."""
    text = _core_text(ent)
    if _titled(ent) or any(c.isdigit() for c in text) or gazetteer.demonym_country(text):
        return False
    return not any(t.lower_ in INSTITUTION_WORDS for t in ent)


# Weak cues need a known place of at least this population (largest place of the name).
WEAK_MIN_POP = {"PERSON": 5_000, "ORG": 10_000}


def _known_place(ent: Span, gazetteer: Gazetteer) -> bool:
    return gazetteer.best_population(_core_text(ent)) >= WEAK_MIN_POP.get(ent.label_, 10_000)


def _ent_index(doc: Doc, ents: list[Span]) -> list[int]:
    """For each token, the index of the entity it belongs to, or -1."""
    at = [-1] * len(doc)
    for i, e in enumerate(ents):
        for t in range(e.start, e.end):
            at[t] = i
    return at


def _core_text(span: Span) -> str:
    tokens = _trimmed(span)
    # doc.text is rebuilt from the tokens on every access: slice the tokens' own span instead
    return span.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else span.text


def _trimmed(span: Span) -> list[Token]:
    tokens = list(span)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _person_names(doc: Doc, ents: list[Span]) -> dict[str, set[int]]:
    """Name keys the article uses for people -> the entities that use them.

    A multi-word PERSON gives its full name and its surname ("Bettie Page" -> "page");
    a one-word PERSON with a title or as a speaker gives its name.
    """
    names: dict[str, set[int]] = {}
    for i, e in enumerate(ents):
        if e.label_ != "PERSON":
            continue
        words = _core_text(e).split()
        if len(words) > 1 or _titled(e) or _speaker(e):
            for key in {name_key(" ".join(words)), name_key(words[-1])} if words else ():
                names.setdefault(key, set()).add(i)
    return names


def _titled(span: Span) -> bool:
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    return prev.lower_.rstrip(".") in PERSON_TITLES or (len(span) > 0 and span[0].lower_.rstrip(".") in PERSON_TITLES)


def _speaker(span: Span) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS


def _is_person(ent: Span, persons: dict[str, set[int]], i: int) -> bool:
    """A title, a verb of saying, or the (sur)name of another person entity of the article."""
    if _titled(ent) or _speaker(ent):
        return True
    users = persons.get(name_key(_core_text(ent)), set())
    return bool(users - {i})


def _prep_object(ent: Span) -> bool:
    """The span is the bare object of a place preposition in the parse, or coordinated with one.

    "in Idlib", "in Hama and Idlib"; not "in his 2008 Bentley" or "in the Kodak" (a
    determiner says a thing, not a town).
    """
    t = ent.root
    for _ in range(8):
        if t.dep_ == "conj" and t.head is not t:
            t = t.head
            continue
        break
    if t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPOSITIONS:
        return False
    prep = t.head
    between = ent.doc[prep.i + 1:ent.start] if prep.i < ent.start else []
    return not any(w.lower_ in _DETERMINERS for w in between) and ent[0].lower_ not in _DETERMINERS


def _place_cue(doc: Doc, ents: list[Span], ent_at: list[int], i: int) -> str | None:
    """'strong' (the text says place), 'weak' (a place-like position) or None."""
    ent = ents[i]
    # Left: back over a list of names to "towns of" / "village of".
    if _walk_left(doc, ents, ent_at, ent.start):
        return "strong"
    # Right: on over the list to a lowercase place noun ("Hama and Idlib provinces").
    j = ent.end
    listed = ent.start >= 2 and doc[ent.start - 1].lower_ in (",", "and", "or") and \
        _listable(ents, ent_at, ent.start - 2)
    if ent[-1].text not in _POSSESSIVE:
        while j < len(doc) and (doc[j].lower_ in (",", "and", "or") or _listable(ents, ent_at, j)):
            listed = listed or doc[j].lower_ in (",", "and", "or")
            j += 1
        noun = doc[j] if j < len(doc) else None
        if noun is not None and noun.lower_ in CUE_NOUNS and noun.is_lower and noun.pos_ in ("NOUN", "PROPN") \
                and (listed or noun.lower_ not in _PLURAL_CUES) and ent.root.dep_ != "amod" \
                and noun.dep_ not in ("compound", "amod") and not (j + 1 < len(doc) and doc[j + 1].text == "-"):
            return "strong"
    # Weak: the object of "in"/"near"/... without a determiner ("in the Kodak" is a building).
    if _prep_object(ent) and ent.root.dep_ != "compound":
        return "weak"
    return None


def _listable(ents: list[Span], ent_at: list[int], j: int) -> bool:
    """Token j is inside a name that may stand in a list of places."""
    k = ent_at[j]
    return k >= 0 and ents[k].label_ in LISTED_LABELS


LISTED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _walk_left(doc: Doc, ents: list[Span], ent_at: list[int], start: int) -> bool:
    """Back over 'A, B and the village of' to a place noun + 'of': the list names places."""
    j = start - 1
    while j >= 0:
        word = doc[j].lower_
        if word == "of" and j > 0 and doc[j - 1].lower_ in PLACE_NOUNS and doc[j - 1].is_lower \
                and doc[j + 1].lower_ != "the" and (j < 2 or doc[j - 2].lower_ != "member"):
            return True
        if _listable(ents, ent_at, j) or word in LIST_WORDS:
            j -= 1
            continue
        if word in PLACE_NOUNS and j + 1 < len(doc) and doc[j + 1].lower_ == "of":
            j -= 1
            continue
        return False
    return False


# ---------------------------------------------------------------------------
# Multi-word names the model cuts short


# Lower-case words inside place names ("Vila Nova de Gaia", "Newcastle upon Tyne", "Frankfurt am Main").
# No "and"/"in": they join lists and containers ("Lyon and Paris", "Paris in Texas").
NAME_CONNECTORS = {"de", "da", "do", "das", "dos", "del", "della", "di", "du", "des", "la", "le", "les", "los",
                   "las", "el", "y", "upon", "on", "am", "an", "der", "im", "sur", "of"}
# A completed name must be the primary name of a place this large: small places share names with words.
COMPLETE_MIN_POP = 20_000
_MAX_NAME_TOKENS = 7


def _complete_place_names(doc: Doc, gazetteer: Gazetteer) -> None:
    """Grow a place entity to the longest gazetteer name around it, or add a missed one.

    The model often tags only the first word of a foreign name ("Vila" of "Vila Nova de
    Gaia", which alone is Port-Vila) or none of it. A run of capitalised words and
    connectors that is a known name becomes one GPE/LOC span if it holds one place entity
    (plus PERSON/ORG fragments of the name: "Newcastle upon [Tyne]"), or no entity at all
    and a connector. Dates, numbers and a second place are never absorbed.
    """
    ents = list(doc.ents)
    marks = _Marks(doc, ents)
    found: list[Span] = []
    i = 0
    while i < len(doc):
        span = _name_at(doc, i, marks, gazetteer) if marks.cap[i] else None
        i = span.end if span is not None else i + 1
        if span is not None:
            found.append(span)
    if found:
        covered = {t for s in found for t in range(s.start, s.end)}
        kept = [e for e in ents if not any(t in covered for t in range(e.start, e.end))]
        doc.ents = sorted(kept + found, key=lambda e: e.start)


_CONNECTOR_IDS = {hash_string(w) for w in NAME_CONNECTORS}
_HYPHEN_ID = hash_string("-")
_CAPITALISED_SHAPES: dict[int, bool] = {}   # shape id -> starts with a capital ("Xxxx", "X.X.")


class _Marks:
    """Per token, read in bulk (token objects are slow): capitalised, connector, entity.

    A line break is a token of its own, so a run of name words never crosses one.
    """

    __slots__ = ("ents", "ent_at", "cap", "conn")

    def __init__(self, doc: Doc, ents: list[Span]):
        self.ents, self.ent_at = ents, _ent_index(doc, ents)
        rows = doc.to_array([ORTH, SHAPE, SPACY]).tolist()
        shapes = _CAPITALISED_SHAPES
        for _, shape, _ in rows:
            if shape not in shapes:
                shapes[shape] = doc.vocab.strings[shape][:1] == "X"
        self.cap = [shapes[shape] for _, shape, _ in rows]
        # "-" only inside a hyphenated name ("Stratford-upon-Avon")
        self.conn = [orth in _CONNECTOR_IDS or (orth == _HYPHEN_ID and j > 0 and not space and not rows[j - 1][2])
                     for j, (orth, _, space) in enumerate(rows)]


def _name_at(doc: Doc, i: int, marks: _Marks, gazetteer: Gazetteer) -> Span | None:
    """The longest known place name starting at token i that may replace the entities it covers."""
    run = i + 1   # end of the run of name words and connectors, on one line
    while run < len(doc) and run - i < _MAX_NAME_TOKENS and (marks.cap[run] or marks.conn[run]):
        run += 1
    for end in range(run, i + 1, -1):
        if not marks.cap[end - 1]:
            continue
        label = _replaceable(i, end, marks)
        if label and gazetteer.best_population(doc[i:end].text) >= COMPLETE_MIN_POP:
            same = [marks.ents[k] for k in set(marks.ent_at[i:end]) if k >= 0 and marks.ents[k].label_ == label]
            return Span(doc, i, end, label=label, kb_id=same[0].kb_id if same else 0)
    return None


def _replaceable(i: int, end: int, marks: _Marks) -> str | None:
    """The label for tokens i..end as one place, or None when they must not be merged."""
    if end < len(marks.cap) and marks.cap[end]:
        return None   # the start of a longer name ("Dublin City Council")
    ents = marks.ents
    inside = set(marks.ent_at[i:end]) - {-1}
    if any(ents[k].start < i or ents[k].end > end for k in inside):
        return None   # part of a larger entity ("the New York Times")
    places = [ents[k] for k in inside if ents[k].label_ in PLACE_LABELS]
    if any(ents[k].label_ not in PLACE_LABELS | REPAIRABLE for k in inside) or len(places) > 1:
        return None   # never swallow a date, a number or a second place
    if places:
        p = places[0]
        return p.label_ if (p.start, p.end) != (i, end) else None
    # No entity says place: only a name with a connector ("in Vila Nova de Gaia on Friday").
    return "GPE" if not inside and any(marks.conn[i + 1:end - 1]) else None


# ---------------------------------------------------------------------------
# Extraction and resolution


class _M:
    """A place mention being built: evidence span, the name to look up, and context."""

    __slots__ = ("start", "end", "name", "kind", "tok_start", "tok_end", "within", "relation")

    def __init__(self, start, end, name, kind, tok_start, tok_end):
        self.start, self.end, self.name, self.kind = start, end, name, kind
        self.tok_start, self.tok_end = tok_start, tok_end
        self.within: int | None = None
        self.relation: str | None = None


def extract_places(doc: Doc, gazetteer: Gazetteer, published: date | str | None = None) -> list[Place]:
    """Every GPE/LOC/FAC mention, resolved to coordinates where the gazetteer and the text allow.

    `text`/`start`/`end` are the mention in doc.text (leading "the" and a possessive
    left out). Unresolvable mentions are kept with precision None. `published` is
    accepted for a uniform interface; places do not depend on it.
    """
    del published
    mentions = _mentions(doc)
    if not mentions:
        return []
    full = doc.text
    countries = _demonym_countries(doc, gazetteer)
    resolved = gazetteer.resolve(
        [Mention(m.name, kind=m.kind, within=m.within, relation=m.relation or "in") for m in mentions], countries)
    places = []
    for m, r in zip(mentions, resolved):
        text = full[m.start:m.end]
        if r is None:
            places.append(Place(text=text, start=m.start, end=m.end, name=None, country=None, lat=None, lon=None,
                                precision=None))
        else:
            places.append(Place(text=text, start=m.start, end=m.end, name=r.name, country=r.country, lat=r.lat,
                                lon=r.lon, precision=r.precision, geonameid=r.geonameid, feature=r.feature))
    return places


def _demonym_countries(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    found = set()
    for e in doc.ents:
        if e.label_ == "NORP":
            cc = gazetteer.demonym_country(_core_text(e))
            if cc:
                found.add(cc)
    return found


def _mentions(doc: Doc) -> list[_M]:
    out: list[_M] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        tokens = _trimmed(ent)
        if not tokens:
            continue
        # Never across a line break (a heading and the next line).
        for k, t in enumerate(tokens):
            if "\n" in t.text or (k and "\n" in tokens[k - 1].whitespace_):
                tokens = tokens[:k]
                break
        if not tokens or _org_like([t.lower_ for t in tokens]):
            continue
        # "Paris, Texas" as one span: two mentions, the first within the second.
        parts, cur = [], []
        for t in tokens:
            if t.text == ",":
                if cur:
                    parts.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur:
            parts.append(cur)
        first = len(out)
        for part in parts:
            m = _mention_from_tokens(doc, part)
            if m is not None:
                out.append(m)
        for k in range(first, len(out) - 1):
            out[k].within, out[k].relation = k + 1, "comma"
    _kinds_from_context(doc, out)
    _containers(doc, out)
    return out


def _org_like(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    for k, w in enumerate(words):
        if w in ("for", "of", "on") and k > 0:
            return words[k - 1] in ORG_HEADS
    return words[-1] in ORG_HEADS


def _mention_from_tokens(doc: Doc, tokens: list[Token]) -> _M | None:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = doc[tokens[0].i:tokens[-1].i + 1].text
    if not any(c.isalpha() for c in name):
        return None
    split = split_place_noun(name)   # "Hama province": the resolver looks up "Hama" as a region
    return _M(start, end, name, split[1] if split else None, tokens[0].i, tokens[-1].i + 1)


def _kinds_from_context(doc: Doc, mentions: list[_M]) -> None:
    """'the towns of X and Y' -> towns; 'Hama and Idlib provinces' -> regions."""
    by_token = {}
    for k, m in enumerate(mentions):
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = k
    for m in mentions:
        if m.kind:
            continue
        # left: "the town of X", "the towns of A, B and X"
        j = m.tok_start - 1
        while j >= 0 and (doc[j].lower_ in LIST_WORDS or j in by_token):
            j -= 1
        if j > 0 and doc[j].lower_ == "of" and doc[j - 1].lower_ in PLACE_NOUNS:
            m.kind = "region" if doc[j - 1].lower_ in REGION_WORDS else "city"
            continue
        # right: "X and Y provinces"
        j = m.tok_end
        while j < len(doc) and (doc[j].lower_ in (",", "and", "or") or j in by_token):
            j += 1
        if j < len(doc) and doc[j].is_lower and doc[j].lower_ in PLACE_NOUNS:
            m.kind = "region" if doc[j].lower_ in REGION_WORDS else "city"


def _containers(doc: Doc, mentions: list[_M]) -> None:
    """'X in Y' (also across a list: 'the towns of A, B and the village of C in Y'), 'X, Y' and "Y's X"."""
    by_token = {}
    for k, m in enumerate(mentions):
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = k
    for k, m in enumerate(mentions):
        if m.within is not None:
            continue
        # "Porto's Ribeira district": the owner holds the place
        s = m.tok_start
        if s >= 2 and doc[s - 1].lower_ in ("'s", "’s"):
            w = by_token.get(s - 2, by_token.get(s - 1))
            if w is not None and w != k:
                m.within, m.relation = w, "possessive"
                continue
        j = m.tok_end
        # "Paris, Texas": a comma, then one place, not in a list ("A, B, C and D").
        if j + 1 < len(doc) and doc[j].text == "," and (j + 1) in by_token:
            w = by_token[j + 1]
            after = mentions[w].tok_end
            listed = (after + 1 < len(doc) and doc[after].lower_ in (",", "and", "or") and after + 1 in by_token) \
                or (m.tok_start >= 2 and doc[m.tok_start - 1].text == "," and m.tok_start - 2 in by_token)
            if not listed:
                m.within, m.relation = w, "comma"
                continue
        while j < len(doc):
            word = doc[j].lower_
            if j in by_token and by_token[j] != k:
                j = mentions[by_token[j]].tok_end
                continue
            if word in LIST_WORDS:
                j += 1
                continue
            # across "and the village of C", but a region is not listed among towns
            if word in SETTLEMENT_WORDS and j + 1 < len(doc) and doc[j + 1].lower_ == "of" and m.kind != "region":
                j += 2
                continue
            break
        if j + 1 < len(doc) and doc[j].lower_ == "in" and (j + 1) in by_token:
            w = by_token[j + 1]
            if w != k:
                m.within, m.relation = w, "in"
        elif j + 2 < len(doc) and doc[j].lower_ == "in" and doc[j + 1].lower_ == "the" and (j + 2) in by_token:
            w = by_token[j + 2]
            if w != k:
                m.within, m.relation = w, "in"
