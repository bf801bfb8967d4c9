"""Attributions — who said what: source, cue, content, kind and stance, with their spans.

Rules over the spaCy dependency parse, in three passes over one article:

1. Cues. A speech, report or cognition verb from the lexicon below ("said", "told",
   "claimed", "denies", "believe", "insisting", ...) with its content: a clausal
   complement ("Shoigu said [the missiles had destroyed all targets]"; the clause may
   come first: "[The clashes followed ...], it said", "As the Times noted, [...]"), an
   infinitive ("called on [Russia to respect ...]") or, for verbs whose object is what is
   said, the object ("confirmed [the ground offensive]", "denies [claims that ...]").
   Also "according to X" (content: the clause it modifies), nouns with a that-clause
   ("claims that ...", "X's pledge to ..."), and headline or transcript colons at a
   paragraph's start ("Putin: Russia will ...", "TAPPER: ..."). The source is the verb's
   subject; a participle or a conjoined verb without one takes the subject of the clause
   it hangs on ("Davutoglu renewed criticism ..., insisting ..."); a passive with no agent
   ("it was reported that ...") has none. A few repairs cover the small model's common
   misparses (a subject parsed into an apposition, a that-clause hung on a noun, the
   reported clause parsed as a second subject). Cues inside a quotation are the quoted
   speaker's and are skipped (NESTED_IN_QUOTES).
2. Quotes. Quotation marks (straight, curly, `''` and guillemets) are paired within a
   paragraph; a quote that starts a paragraph and is not closed runs to its end. A
   content that is a quote (give or take punctuation) becomes the quote's interior,
   kind "direct". A quote nobody claimed takes the cue right next to it (`"...," he
   said` / `He said: "..."` / `... Daron Shaw: "..."`) or, when it starts a sentence,
   continues the previous direct quote (same source and cue, a record of its own).
   Short quotes with no cue are scare quotes, not attributions.
3. Sources. A pronoun source ("he said", "it said", "they said") is resolved to the
   most recent compatible named speaker within PRONOUN_WINDOW sentences: a subject earlier
   in the same sentence, an earlier attribution's source, an earlier sentence's subject,
   then a named entity; a relative pronoun ("Zucker, who said ...") to the noun it
   modifies. `canonical_of(start, end)` (from the entities stage) names the resolved
   source from its name span ("US Defence Secretary Ash Carter"); when it is absent or
   answers None the source is its text without a leading determiner (a name with an
   apposition, "Russia, a top ally of Assad", is just the name).

Every span indexes `doc.text`. Content never includes the cue, the source, the
complementiser "that" or the quotation marks of a direct quote; discontinuous content
("The flotilla, according to X, consists ...") comes as several `content_spans` and
`content_span` is the longest of them. The work reads token attributes from arrays and
builds few Token objects: about 0.2 ms for a short news excerpt (parse excluded).
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable

import numpy as np
from spacy.attrs import DEP, IDX, IS_SPACE, LEMMA, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc, Token

from ..model import Attribution

CanonicalOf = Callable[[int, int], "tuple[str, str] | None"]

# --- lexicon -----------------------------------------------------------------------

# Verbs whose object may be the content ("confirmed the offensive", "denies claims").
NOMINAL_CONTENT_VERBS = frozenset("""
    accuse acknowledge admit allege announce applaud blame cite claim
    condemn confirm criticise criticize debunk decry defend demand denounce deny
    describe disclose dismiss dispute endorse estimate express forecast hail mock
    praise predict promise propose question recommend refute reject report reveal
    slam tout tweet urge voice welcome pledge
""".split())

# Verbs that need a clause (or a quote) as content: "X said that ...", "X believes ...".
CLAUSAL_CONTENT_VERBS = frozenset("""
    say tell add note write state suggest argue insist believe think reckon fear hope
    expect suspect doubt worry agree explain observe stress emphasise emphasize assert
    contend maintain reply respond answer recall warn conclude indicate signal testify
    repeat reiterate caution complain concede speculate assume realise realize
    mention remark comment quip joke boast brag lament assure remind inform notify
    advise post vow pledge threaten swear declare find show ask predict imply
    acknowledge admit confirm deny claim report reveal allege announce estimate
    disclose accuse charge guarantee demand urge order request propose recommend
    point know learn remember quote shout chant highlight
""".split())

# Verbs that take an infinitive as content ("claims to be", "called on X to ...").
INFINITIVE_CONTENT_VERBS = frozenset("""
    claim promise vow pledge threaten urge ask call appeal refuse decline offer agree
    order tell warn encourage invite advise demand deny expect plan intend
""".split())

# Verbs that are cues only with a quotation ('"...," he continued'): checked in the quote pass.
QUOTE_ONLY_VERBS = frozenset({"continue"})

CUE_VERBS = (NOMINAL_CONTENT_VERBS | CLAUSAL_CONTENT_VERBS | INFINITIVE_CONTENT_VERBS | QUOTE_ONLY_VERBS
             | {"speak", "talk"})

# Verbs that are cues only with their particle ("pointed to", "spoke about").
NEEDS_PARTICLE = frozenset("point speak talk appeal".split())
# Verbs that report findings: cues only with a source ("the poll shows", "the study found").
NEEDS_SOURCE = frozenset("find show indicate signal predict estimate".split())

# Cue nouns with a "that"/"to" clause: "claims that ...", "Trump's pledge to ...".
CUE_NOUNS = frozenset("""
    claim allegation assertion statement warning announcement belief insistence denial
    promise pledge suggestion argument accusation admission assurance acknowledgement
    acknowledgment contention charge threat vow prediction conviction assessment
    insinuation report rumour rumor
""".split())

# Preposition a cue verb needs before its content object ("called on X to", "called for X",
# "warned of X", "pointed to X", "spoke about X").
PHRASAL_CUES = {"call": {"on", "for", "upon"}, "warn": {"of", "about", "against"},
                "point": {"to", "out"}, "speak": {"about", "of"}, "talk": {"about"},
                "comment": {"on"}, "complain": {"about", "of"}, "insist": {"on"},
                "admit": {"to"}, "appeal": {"to", "for"}}

# Stance: the cue's lemma and stance words around it, normalised.
STANCE = {
    "claim": "claim", "contend": "claim", "assert": "claim",
    "deny": "deny", "denial": "deny", "refute": "deny", "dispute": "deny", "debunk": "deny",
    "insist": "insist", "insistence": "insist", "maintain": "insist",
    "confirm": "confirm", "confirmation": "confirm", "verify": "confirm",
    "allege": "allege", "allegation": "allege", "allegedly": "allege", "purportedly": "allege",
    "admit": "admit", "admission": "admit", "acknowledge": "admit", "concede": "admit",
    "warn": "warn", "warning": "warn", "caution": "warn",
    "reveal": "reveal", "disclose": "reveal",
    "believe": "believe", "belief": "believe", "think": "think",
    "accuse": "accuse", "accusation": "accuse",
}

_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUNS_THING = {"it"}
_PRONOUNS_PLURAL = {"they", "them"}
_UNRESOLVED_PRONOUNS = {"i", "we", "you", "me", "us", "one", "someone", "somebody", "anyone",
                        "everyone", "nobody", "who", "which", "that", "this", "these", "those"}
_NAMING_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "npadvmod", "attr", "appos"})
_DISCOURSE = {"meanwhile", "however", "moreover", "furthermore", "separately", "additionally", "also",
              "still", "nevertheless", "nonetheless", "indeed", "instead", "besides", "overall", "finally",
              "now", "then", "later", "earlier", "yesterday", "today"}
_RELATIVE = {"who", "which", "that", "whom"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady",
               "sen.", "rep.", "gov.", "gen.", "col.", "prof.", "rev."}
# Heads of a noun phrase that names a person (for "he"/"she") or an organisation (for "it").
_PERSON_NOUNS = frozenset("""
    leader minister secretary spokesman spokeswoman spokesperson president official chief head
    activist commander general officer director chairman chairwoman governor mayor senator
    candidate ambassador envoy analyst expert source adviser advisor aide resident witness
    correspondent reporter man woman monk priest king queen prince premier chancellor lawyer
    attorney judge founder manager owner executive representative negotiator diplomat general
""".split())
_ORG_NOUNS = frozenset("""
    observatory ministry government group outlet agency army council committee party
    company firm organisation organization monitor office department campaign network
    newspaper paper channel station agency administration military navy police force
    coalition alliance movement union commission court parliament assembly institute
    foundation association bank embassy statement report study poll survey website site
    feed service authority board regime state kremlin pentagon
""".split())

_ANONYMITY = re.compile(r"^(?:not )?to (?:be )?(?:named|identified|quoted)\b|^anonymity\b", re.I)
_QUOTE_RE = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_EDGE_PUNCT = set(" \t\r\n.,;:!?\"'“”‘’„«»()[]{}-–—…")
_QUOTE_CHARS = set("\"“”„«»'‘’`")

# Whether cues inside a quotation ('"... I think ...," he said') make attributions of their own.
# Off: PolNeAR's annotators rarely mark them (tuned on PolNeAR train), and for a reader the
# quotation is already attributed to its speaker.
NESTED_IN_QUOTES = False
# Whether a source's non-restrictive relative clause stays out of its span ("Mr Abdulrahman,
# who tracks the conflict, said" -> "Mr Abdulrahman"). PolNeAR's annotators mostly leave such
# clauses out but keep appositions ("Russia, a top ally of Assad"): tuned on PolNeAR train.
TRIM_SOURCE_ASIDES = True
# Look-back for pronoun resolution, in sentences (the pronoun's own plus this many before).
PRONOUN_WINDOW = 3
# How many tokens may sit between a quote and the cue that claims it ('"...", the minister said').
QUOTE_CUE_GAP = 8


class _Ctx:
    """Per-document lookups shared by the passes."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.keys = _Keys.of(doc)
        # one array pass: iterating doc or doc.sents would build every token object
        arr = doc.to_array([IDX, LENGTH, LEMMA, LOWER, SENT_START, IS_SPACE, DEP])
        self.starts = arr[:, 0].tolist()
        self.ends = (arr[:, 0] + arr[:, 1]).tolist()
        self.lemma = arr[:, 2].tolist()
        self.lower = arr[:, 3].tolist()
        self.space = arr[:, 5].astype(bool).tolist()
        self.dep = arr[:, 6].tolist()
        starts = np.flatnonzero(arr[:, 4] == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        self.sent_starts = starts
        self.sent_ends = starts[1:] + [len(doc)]
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.para_bounds = _paragraphs(self.text)
        self.para_starts = [b[0] for b in self.para_bounds]
        self.quotes = _quotes(self.text, self.para_bounds)
        self.quote_starts = [q[0] for q in self.quotes]

    def sent_index(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def clip_range(self, tok: Token) -> tuple[int, int]:
        """First and last token index of `tok`'s sentence, within its paragraph."""
        k = self.sent_index(tok.i)
        lo, hi = self.sent_starts[k], self.sent_ends[k] - 1
        p_start, p_end = self.para_of(self.starts[tok.i])
        lo = max(lo, bisect.bisect_left(self.starts, p_start))
        hi = min(hi, bisect.bisect_left(self.starts, p_end) - 1)
        return lo, max(lo, hi)

    def sent_of(self, tok: Token):
        k = self.sent_index(tok.i)
        return self.doc[self.sent_starts[k]:self.sent_ends[k]]

    def ent_at(self, i: int):
        k = bisect.bisect_right(self.ent_starts, i) - 1
        if k >= 0 and self.ents[k].start <= i < self.ents[k].end:
            return self.ents[k]
        return None

    def para_of(self, char: int) -> tuple[int, int]:
        return self.para_bounds[max(0, bisect.bisect_right(self.para_starts, char) - 1)]

    def quote_at(self, char: int) -> tuple[int, int, int, int] | None:
        """The quote (open, close_end, inner_start, inner_end) whose marks enclose `char`."""
        k = bisect.bisect_right(self.quote_starts, char) - 1
        if k >= 0 and self.quotes[k][0] <= char < self.quotes[k][1]:
            return self.quotes[k]
        return None


class _Cand:
    """An attribution before sources are resolved and strings are made."""

    __slots__ = ("cue", "cue_span", "source_tok", "source_span", "content", "kind", "implicit",
                 "content_heads")

    def __init__(self, cue: Token | None, cue_span: tuple[int, int], source_tok: Token | None,
                 source_span: tuple[int, int] | None, content: list[tuple[int, int]],
                 implicit: bool = False, content_heads: Iterable[Token] = ()):
        self.cue = cue
        self.cue_span = cue_span
        self.source_tok = source_tok
        self.source_span = source_span
        self.content = content
        self.kind = "indirect"
        self.implicit = implicit
        self.content_heads = list(content_heads)


def extract_attributions(doc: Doc, canonical_of: CanonicalOf | None = None) -> list[Attribution]:
    """Who said what in `doc`, ordered by where each attribution starts; see the module docstring."""
    if not len(doc):
        return []
    ctx = _Ctx(doc)
    cands: list[_Cand] = _headline_colons(ctx)
    quotes = ctx.quotes
    text = ctx.text
    k = 0
    for i in _cue_candidates(ctx):
        tok = doc[i]
        if not NESTED_IN_QUOTES and quotes:
            # cues inside a quotation ("I think ...") are the quoted speaker's, not the article's
            while k < len(quotes) and quotes[k][1] <= tok.idx:
                k += 1
            if k < len(quotes) and quotes[k][0] < tok.idx:
                continue
        if tok.idx and text[tok.idx - 1] in "</#@":
            continue  # markup (<tweet ...>), hashtags and handles
        pos = tok.pos_
        if tok.lower_ == "according":
            if i + 1 < len(doc) and doc[i + 1].lower_ == "to":
                cand = _according_to(ctx, tok)
            else:
                continue
        elif pos in ("VERB", "AUX") and _lemma(tok) in CUE_VERBS:
            cand = _verb_cue(ctx, tok)
        elif pos == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
            cand = _noun_cue(ctx, tok)
        else:
            continue
        if cand is not None:
            cands.append(cand)
    _snap_quotes(ctx, cands)
    cands.extend(_orphan_quotes(ctx, cands))
    cands = [c for c in cands if c.kind == "direct" or c.cue is None or c.cue.lemma_.lower() not in QUOTE_ONLY_VERBS]
    cands.sort(key=lambda c: (c.cue_span[0], c.content[0][0]))
    return _finish(ctx, cands, canonical_of)


# --- pass 1: cues ---------------------------------------------------------------------

# Forms the small model lemmatises wrongly ("hopes" -> "hop").
_LEMMA_FIX = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _lemma(tok: Token) -> str:
    return _LEMMA_FIX.get(tok.lower_) or tok.lemma_.lower()


class _Keys:
    """The lexicon as string-store keys (symbols such as dependency labels are not plain hashes),
    made once per vocabulary."""

    _cache: dict[int, "_Keys"] = {}

    def __init__(self, strings):
        self._strings = strings
        key = strings.add
        self.cues = frozenset(key(w) for w in CUE_VERBS | CUE_NOUNS | set(_LEMMA_FIX) | {"according"})
        self.stance = {key(w): v for w, v in STANCE.items()}
        self.subject_deps = frozenset((key("nsubj"), key("nsubjpass")))
        self.clause_deps = frozenset((key("advcl"), key("relcl"), key("conj")))

    @classmethod
    def of(cls, doc: Doc) -> "_Keys":
        strings = doc.vocab.strings
        keys = cls._cache.get(id(strings))
        if keys is None or keys._strings is not strings:
            keys = cls._cache[id(strings)] = cls(strings)
        return keys



def _cue_candidates(ctx: _Ctx) -> list[int]:
    """Indices of tokens whose lemma or lowercase form is in the cue lexicon (no Token objects)."""
    wanted = ctx.keys.cues
    return [i for i, (lemma, lower) in enumerate(zip(ctx.lemma, ctx.lower)) if lemma in wanted or lower in wanted]

_HEADLINE_RE = re.compile(r"(?P<src>[A-Z][\w.'’\- ]{0,40}?)(?P<colon>:)[ \t]+(?P<content>[^\n]{8,})")
_NOT_SOURCES = {"note", "update", "updated", "correction", "exclusive", "watch", "video", "photos", "photo",
                "breaking", "live", "opinion", "analysis", "review", "interview", "transcript", "daily",
                "podcast", "part", "chapter", "twist", "excerpt", "editorial", "commentary", "read", "more",
                "warning", "related", "see", "also", "news", "question", "answer", "q", "a", "summary",
                "background", "context", "why", "what", "how", "who", "when", "where", "here",
                "source", "sources", "credit", "caption", "in", "at", "on"}
_REPORT_NOUNS = {"poll", "polls", "report", "study", "survey", "newspaper", "officials", "official", "sources",
                 "source", "police", "experts", "analysts", "aides", "witnesses", "spokesman", "spokeswoman"}


def _headline_colons(ctx: _Ctx) -> list[_Cand]:
    """Headline or transcript style 'Trump: Cruz has a long way to go' / 'Poll: ...' at a
    paragraph's start: source, the colon as cue, and the rest of the line."""
    out = []
    doc, text = ctx.doc, ctx.text
    for p_start, p_end in ctx.para_bounds:
        m = _HEADLINE_RE.match(text, p_start, p_end)
        if m is None:
            continue
        words = m.group("src").split()
        if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in m.group("src")):
            continue
        if not all(w[0].isupper() for w in words) and words[-1].lower() not in _REPORT_NOUNS:
            continue
        if words[-1].lower().strip(".") in _NOT_SOURCES or words[0].lower() in ("the", "a", "an"):
            continue
        content = _trim(text, m.start("content"), m.end("content"))
        src_span = _trim(text, m.start("src"), m.end("src"))
        if content is None or src_span is None or len(text[content[0]:content[1]].split()) < 3:
            continue
        span = doc.char_span(src_span[0], src_span[1], alignment_mode="expand")
        if span is None:
            continue
        cand = _Cand(None, (m.start("colon"), m.end("colon")), span.root, src_span, [content])
        out.append(cand)
    return out



def _verb_cue(ctx: _Ctx, verb: Token) -> _Cand | None:
    if verb.dep_ in ("amod", "compound", "nmod", "npadvmod") or verb.tag_ == "MD":
        return None
    lemma = _lemma(verb)
    children = list(verb.children)
    particle = None
    for c in children:
        if c.dep_ in ("prt", "prep") and c.i == verb.i + 1 and c.lower_ in PHRASAL_CUES.get(lemma, ()):
            particle = c
    if lemma in NEEDS_PARTICLE and particle is None:
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    after = lambda c: c.i > verb.i  # noqa: E731

    heads: list[Token] = [c for c in children if c.dep_ == "ccomp"]
    if not heads and lemma in CLAUSAL_CONTENT_VERBS:
        heads = _stray_that_clause(verb, children)
    if not heads and lemma in INFINITIVE_CONTENT_VERBS:
        xcomp = next((c for c in children if c.dep_ == "xcomp" and after(c)), None)
        if xcomp is not None:
            heads = [xcomp]
            # who is asked: "urged Russia to ...", "called on Russia to ..."
            heads += [c for c in children if c.dep_ in ("dobj", "obj") and verb.i < c.i < xcomp.i]
            if particle is not None:
                heads += [p for p in particle.children if p.dep_ == "pobj"]
            if passive:
                heads += [c for c in children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
    if not heads and particle is not None and particle.dep_ == "prep":
        heads = [p for p in particle.children if p.dep_ in ("pobj", "pcomp")]
    if not heads and lemma == "call":
        # "called the political system 'rotten to the core'": naming as a claim
        objs = [c for c in children if c.dep_ in ("dobj", "obj") and after(c)]
        rest = [c for c in children if c.dep_ in _NAMING_DEPS and after(c)]
        if objs and (rest or any(g.dep_ in _NAMING_DEPS for g in objs[0].children)):
            heads = objs + rest
    if not heads and lemma in ("ask", "wonder", "question", "inquire"):
        # "asked workers if they planned to attend"
        heads = [c for c in children if c.dep_ in ("advcl", "ccomp") and after(c)
                 and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)]
    elif not heads and (lemma in NOMINAL_CONTENT_VERBS or lemma == "say"):
        # "confirmed the ground offensive"; "said so" / "said that." (PolNeAR counts these)
        heads = [c for c in children if c.dep_ in ("dobj", "obj") and after(c)
                 and (lemma == "say" or not _is_pronoun(c))]
    if not heads:
        heads = _parenthetical_content(verb) or []
    if not heads:
        # parse repair: "[Ground attacks ... hit four positions], organisation head Rami Abdulrahman
        # said" comes out with two subjects; the one next to the verb speaks, the other is said
        subjects = [c for c in children if c.dep_ == "nsubj" and c.i < verb.i]
        if len(subjects) >= 2:
            heads = subjects[:-1]
    content = _content_spans(ctx, verb, heads) if heads else []

    source_tok, implicit = _subject(ctx, verb, passive)
    if lemma in NEEDS_SOURCE and source_tok is None and not implicit:
        return None
    source_span = _np_span(ctx, source_tok, verb) if source_tok is not None else None
    end_tok = particle if particle is not None else verb
    cue_span = (verb.idx, end_tok.idx + len(end_tok))
    holes = [cue_span] + ([source_span] if source_span else [])
    content = [p for p in (_trim(ctx.text, a, b) for a, b in _subtract(content, holes)) if p]
    if content and all(h.dep_ == "xcomp" for h in heads[:1]) and \
            sum(len(ctx.text[a:b].split()) for a, b in content) <= 3:
        content = []  # "what it claims to be": a fragment, not a statement
    if content and _ANONYMITY.search(ctx.text[content[0][0]:content[-1][1]]):
        content = []  # "who asked not to be named"
    # with no content yet the cue stays for the quote pass, which drops it when no quote is next to it
    return _Cand(verb, cue_span, source_tok, source_span, content, implicit=implicit, content_heads=heads)


def _stray_that_clause(verb: Token, children: list[Token]) -> list[Token]:
    """Parse repair: "told Putin in televised remarks [that Russia carried out ...]", where the
    model hangs the that-clause on the nearest noun instead of the verb."""
    for c in children:
        if c.i < verb.i or c.dep_ not in ("dobj", "prep", "npadvmod", "dative"):
            continue
        for t in c.subtree:
            # not "denies [claims that ...]" (the noun is the content), but "said in a statement that ..."
            if t.dep_ in ("acl", "relcl", "ccomp") and t.i > verb.i and (
                    c.dep_ == "prep" or t.head.lemma_.lower() not in CUE_NOUNS):
                marks = [m for m in t.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i]
                if marks and any(s.dep_ in ("nsubj", "nsubjpass", "expl") and s.i > marks[0].i for s in t.children):
                    return [t]
    return []


def _parenthetical_content(verb: Token) -> list[Token] | None:
    """'The clashes followed ..., it said' / 'This campaign, he says, is different': the cue
    clause hangs off the clause it reports."""
    head = verb.head
    if head.i == verb.i or verb.tag_ == "VBG":
        return None
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj", "dep"):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ != "parataxis":
        return None
    doc = verb.doc
    left, right = verb.left_edge, verb.right_edge
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):
        return [head]  # "As the Times noted, Clinton raised ..." / "..., as officials said"
    before = doc[left.i - 1] if left.i > 0 else None
    if before is None or before.text not in (",", "\"", "”", "''", "—", "–", "-"):
        return None
    if head.i > verb.i:
        # in the middle: set off by commas on both sides
        nxt = doc[right.i + 1] if right.i + 1 < len(doc) else None
        if nxt is None or nxt.text not in (",", "—", "–"):
            return None
    return [head]


def _content_spans(ctx: _Ctx, verb: Token, heads: list[Token]) -> list[tuple[int, int]]:
    """Char pieces of the heads' subtrees, within the cue's sentence and paragraph, without the
    cue's own clause when the content governs it (parenthetical) and without a contrasting
    "but" clause. Subtrees are taken as their left..right edge ranges (projective parses)."""
    doc = verb.doc
    lo_bound, hi_bound = ctx.clip_range(verb)
    holes: list[tuple[int, int]] = [(verb.i, verb.i)]
    keep: list[tuple[int, int]] = []
    for h in heads:
        keep.append((h.left_edge.i, h.right_edge.i))
        if h.is_ancestor(verb):  # parenthetical: the cue clause sits inside the content
            top = verb
            while top.head.i != h.i and top.head.i != top.i:
                top = top.head
            holes.append((top.left_edge.i, top.right_edge.i))
        cues, clause_deps = ctx.keys.cues, ctx.keys.clause_deps
        for i in range(h.i + 1, h.right_edge.i + 1):
            # "..., saying ...", "..., which he declared ...": another attribution, not this content
            if ctx.lemma[i] in cues and ctx.dep[i] in clause_deps:
                t = doc[i]
                if _lemma(t) in CUE_VERBS and h.is_ancestor(t) and \
                        ctx.text[ctx.starts[t.left_edge.i] - 2:ctx.starts[t.left_edge.i]].strip() == ",":
                    holes.append((t.left_edge.i, t.right_edge.i))
        for c in h.children:
            # "X is targeting Y, but others say Z": the writer's contrast is not the speaker's
            if c.dep_ == "conj" and c.i > h.i and any(
                    cc.dep_ == "cc" and cc.lower_ in ("but", "yet", "although", "though") for cc in c.children) \
                    and any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children):
                holes.append((c.left_edge.i, c.right_edge.i))
                holes.extend((cc.i, cc.i) for cc in h.children if cc.dep_ == "cc" and h.i < cc.i < c.i)
    lo = max(lo_bound, min(a for a, _ in keep))
    hi = min(hi_bound, max(b for _, b in keep))
    if lo > hi:
        return []
    covered = _subtract_ranges([(max(a, lo), min(b, hi)) for a, b in keep if max(a, lo) <= min(b, hi)], holes)
    order = [i for a, b in covered for i in range(a, b + 1)]
    if not order:
        return []
    space = ctx.space
    pieces: list[tuple[int, int]] = []
    run_start = prev = order[0]
    for i in order[1:]:
        if i == prev + 1 or all(space[j] for j in range(prev + 1, i)):
            prev = i
            continue
        pieces.append((run_start, prev))
        run_start = prev = i
    pieces.append((run_start, prev))
    out = []
    for a, b in pieces:
        # drop a leading complementiser and conjunction ("that", "and that", "but")
        while a <= b and (doc[a].dep_ in ("mark", "cc") and doc[a].lower_ in ("that", "and", "but", "or")
                          or doc[a].is_punct and doc[a].text not in _QUOTE_CHARS | {"``", "''"}
                          or space[a]):
            a += 1
        # and a discourse adverb the writer put first ("Meanwhile, ...", "However, ...")
        if a + 1 <= b and doc[a].dep_ == "advmod" and doc[a + 1].text == "," and doc[a].lower_ in _DISCOURSE:
            a += 2
        if a > b:
            continue
        span = _trim(ctx.text, *_balance(ctx.text, ctx.starts[a], ctx.ends[b]))
        if span:
            out.append(span)
    return out


def _subtract_ranges(keep: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inclusive token ranges `keep`, merged, minus inclusive ranges `holes`, in order."""
    merged: list[list[int]] = []
    for a, b in sorted(keep):
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = [(a, b) for a, b in merged]
    for ha, hb in holes:
        nxt = []
        for a, b in out:
            if hb < a or ha > b:
                nxt.append((a, b))
                continue
            if a < ha:
                nxt.append((a, ha - 1))
            if hb < b:
                nxt.append((hb + 1, b))
        out = nxt
    return out


def _balance(text: str, a: int, b: int) -> tuple[int, int]:
    """Take in the quotation mark the parse left outside: '"the most intense fighting" in ...'."""
    body = text[a:b]
    j = a - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j >= 0:
        if text[j] == "“" and "”" in body and "“" not in body[:body.index("”")]:
            a = j
        elif text[j] == '"' and body.count('"') % 2 == 1:
            a = j
    k = b
    while k < len(text) and text[k] == " ":
        k += 1
    if k < len(text):
        body = text[a:b]
        if text[k] == "”" and "“" in body and "”" not in body[body.rindex("“"):]:
            b = k + 1
        elif text[k] == '"' and body.count('"') % 2 == 1:
            b = k + 1
    return a, b


def _according_to(ctx: _Ctx, tok: Token) -> _Cand | None:
    doc = tok.doc
    to = doc[tok.i + 1]
    para = ctx.para_of(tok.idx)
    sent = ctx.sent_of(tok)
    objs = [c for c in to.children if c.dep_ in ("pobj", "pcomp")]
    if objs:
        src_toks = [t for o in objs for t in o.subtree]
    else:
        src_toks = []
        for t in doc[to.i + 1: sent.end]:
            if t.is_punct or t.is_space:
                break
            src_toks.append(t)
    src_toks = [t for t in src_toks if para[0] <= t.idx < para[1]]
    if not src_toks:
        return None
    s_first = min(src_toks, key=lambda t: t.i)
    s_last = max(src_toks, key=lambda t: t.i)
    source_span = _trim(ctx.text, s_first.idx, s_last.idx + len(s_last))
    if source_span is None:
        return None
    head_tok = next((o for o in objs if o.pos_ in ("NOUN", "PROPN", "PRON")), None) or s_last
    phrase = (tok.idx, source_span[1])
    # content: the clause "according to" modifies, else the rest of the sentence
    host = tok.head
    if host.i != tok.i and ctx.sent_index(host.i) == ctx.sent_index(tok.i) and para[0] <= host.idx < para[1] \
            and not tok.i <= host.i <= s_last.i:
        lo = min(host.left_edge.i, host.i)
        hi = max(host.right_edge.i, host.i)
    else:
        lo, hi = sent.start, sent.end - 1
    lo_c = max(doc[lo].idx, para[0], doc[sent.start].idx)
    hi_c = min(doc[hi].idx + len(doc[hi]), para[1], doc[sent.end - 1].idx + len(doc[sent.end - 1]))
    pieces = [p for p in (_trim(ctx.text, lo_c, phrase[0]), _trim(ctx.text, phrase[1], hi_c)) if p]
    if not pieces:
        return None
    return _Cand(None, (tok.idx, to.idx + len(to)), head_tok, source_span, pieces,
                 content_heads=[host] if host.i != tok.i else [])


def _noun_cue(ctx: _Ctx, noun: Token) -> _Cand | None:
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and _lemma(noun.head.head) in CUE_VERBS:
        return None  # "said in a statement that ...": the verb is the cue
    clause = None
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i:
            marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"]
            if marks and marks[0].i == noun.i + 1:
                clause = c
                break
            if c.dep_ == "acl" and c.tag_ == "VB" and any(a.lower_ == "to" and a.i == noun.i + 1 for a in c.children):
                clause = c
                break
    if clause is None:
        return None
    content = _content_spans(ctx, noun, [clause])
    if not content:
        return None
    source_tok = next((c for c in noun.children if c.dep_ == "poss"), None)
    source_span = _np_span(ctx, source_tok, noun) if source_tok is not None else None
    return _Cand(noun, (noun.idx, noun.idx + len(noun)), source_tok, source_span, content,
                 implicit=source_tok is None)


def _subject(ctx: _Ctx, verb: Token, passive: bool) -> tuple[Token | None, bool]:
    """(source head, implicit): the verb's subject, or the subject of the clause it hangs on."""
    tok = verb
    for _ in range(4):
        subj = None
        for c in tok.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and tok.i != verb.i):
                if subj is None or c.i < tok.i:
                    subj = c  # of two subjects, the one nearest the verb (see _verb_cue)
                continue
            if c.dep_ == "agent":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, False
        if tok.i == verb.i and passive and subj is None:
            return None, True  # "it was reported that ...", "X is expected to ..."
        if subj is not None:
            # "Zucker, who has voiced ..., said": the source is "who", resolved to Zucker later
            if subj.dep_ == "nsubjpass" and subj.lower_ == "it":
                return None, True
            if subj.lower_ == "it" and any(c.dep_ == "expl" for c in tok.children):
                return None, True
            return subj, False
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head, False
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "dep", "prep") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    if tok.dep_ in ("ROOT", "ccomp", "conj") and tok.tag_ != "VBG":
        return _left_np(ctx, tok), False
    return None, False


def _left_np(ctx: _Ctx, verb: Token) -> Token | None:
    """Parse repair: the noun phrase right before a subjectless verb
    ("In Syria, the leader of a rebel group, Tajammu Alezzah, confirmed ...";
    "Russia's air strikes hit ..., the Syrian Observatory for Human Rights said", where the
    model hangs the source on the reported clause as an apposition)."""
    doc = verb.doc
    j = verb.i - 1
    sent_start = ctx.sent_of(verb).start
    while j >= sent_start and (doc[j].is_punct or doc[j].is_space or doc[j].dep_ in ("aux", "neg", "advmod")
                                    and doc[j].head.i == verb.i):
        j -= 1
    if j < sent_start:
        return None
    path = []
    t = doc[j]
    while t.i != verb.i and t.head.i != t.i and len(path) < 12:
        path.append(t)
        t = t.head
    if t.i != verb.i:
        return None
    nominals = [n for n in path if n.pos_ in ("NOUN", "PROPN", "PRON")]
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if any(c.is_ancestor(doc[j]) for c in ccomps):
        # inside the reported clause: the source is the comma-separated noun phrase ending it
        for n in path:
            if n.dep_ == "appos" and n.right_edge.i == j and n.pos_ in ("NOUN", "PROPN"):
                return n
        return None
    for n in reversed(nominals):
        if n.dep_ == "pobj" and n.head.head.i == verb.i:
            continue  # a fronted adjunct ("In Syria, ...")
        if n.dep_ in ("appos", "nsubj", "npadvmod", "dobj", "pobj", "conj", "ROOT", "dep"):
            return n
    return None


# --- spans --------------------------------------------------------------------------


def _np_span(ctx: _Ctx, head: Token, cue: Token) -> tuple[int, int] | None:
    """The source noun phrase: the head's subtree within the cue's sentence and paragraph,
    never running into the cue (nor a relative clause holding it: "the official who said")."""
    lo_bound, hi_bound = ctx.clip_range(cue)
    first = max(lo_bound, head.left_edge.i)
    last = min(hi_bound, head.right_edge.i)
    if head.i < cue.i:
        last = min(last, cue.i - 1)
        if head.is_ancestor(cue):
            top = cue
            while top.head.i != head.i:
                top = top.head
            last = min(last, top.left_edge.i - 1)
    else:
        first = max(first, cue.i + 1)
    if first > last or not first <= head.i <= last:
        return (ctx.starts[head.i], ctx.ends[head.i])
    if TRIM_SOURCE_ASIDES:
        doc = head.doc
        for c in head.children:
            if c.i > head.i and c.i <= last and c.dep_ == "relcl" and doc[c.left_edge.i - 1].text == ",":
                last = min(last, c.left_edge.i - 2)  # ", who tracks the conflict"
        for i in range(head.i - 1, first - 1, -1):
            if doc[i].text in ("—", "--") and doc[i].head.i != head.i:
                first = i + 1  # a dateline: "RENO, Nev. (AP) — Republican hopeful Donald Trump"
                break
    return _trim(ctx.text, ctx.starts[first], ctx.ends[last]) or (ctx.starts[head.i], ctx.ends[head.i])


def _extent(ctx: _Ctx, head: Token) -> tuple[int, int]:
    """A noun phrase's subtree within its sentence and paragraph."""
    lo_bound, hi_bound = ctx.clip_range(head)
    first = max(lo_bound, head.left_edge.i)
    last = min(hi_bound, head.right_edge.i)
    return _trim(ctx.text, ctx.starts[first], ctx.ends[last]) or (ctx.starts[head.i], ctx.ends[head.i])


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip spaces and punctuation at both edges; a quotation mark or bracket stays when its
    partner is inside the span ('it is targeting "all terrorists"')."""
    while start < end:
        ch = text[start]
        if ch not in _EDGE_PUNCT:
            break
        if ch in _OPEN_MARKS and _closes(text, start, end):
            break
        start += 1
    while end > start:
        ch = text[end - 1]
        if ch not in _EDGE_PUNCT:
            break
        if ch in _CLOSE_MARKS and _opens(text, start, end - 1):
            break
        end -= 1
    return (start, end) if start < end else None


_OPEN_MARKS = set("\"“„«(['`‘")
_CLOSE_MARKS = set("\"”»)]'’")
_PARTNER = {"“": "”", "„": "”", "«": "»", "(": ")", "[": "]", "‘": "’", "'": "'", "`": "'", '"': '"'}


def _closes(text: str, start: int, end: int) -> bool:
    """Whether the opening mark at `start` is closed before `end`."""
    mark = text[start]
    return _PARTNER.get(mark, mark) in text[start + 1:end]


def _opens(text: str, start: int, close: int) -> bool:
    """Whether the closing mark at `close` was opened at or after `start`."""
    mark = text[close]
    openers = [o for o, c in _PARTNER.items() if c == mark]
    return any(o in text[start:close] for o in openers)


def _subtract(pieces: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in pieces:
        cur = [(s, e)]
        for hs, he in holes:
            nxt = []
            for a, b in cur:
                if he <= a or hs >= b:
                    nxt.append((a, b))
                    continue
                if a < hs:
                    nxt.append((a, hs))
                if he < b:
                    nxt.append((he, b))
            cur = nxt
        out.extend(cur)
    return out


def _is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in ("it", "this", "that", "so", "something", "nothing", "anything")


# --- pass 2: quotes -----------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return bounds


def _quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(open, close_end, inner_start, inner_end) of each quotation, paired within a paragraph."""
    out = []
    marks = list(_QUOTE_RE.finditer(text))
    k = 0
    for p_start, p_end in paragraphs:
        open_at = None
        while k < len(marks) and marks[k].start() < p_end:
            m = marks[k]
            k += 1
            if m.start() < p_start:
                continue
            mark = m.group()
            if mark == '"' and m.start() > 0 and text[m.start() - 1].isdigit() and open_at is None:
                continue  # 12" (inches)
            if mark in _OPENERS:
                open_at = m
            elif mark in _CLOSERS:
                if open_at is not None:
                    out.append((open_at.start(), m.end()))
                    open_at = None
            elif open_at is None:
                open_at = m
            else:
                out.append((open_at.start(), m.end()))
                open_at = None
        if open_at is not None and not text[p_start:open_at.start()].strip():
            out.append((open_at.start(), p_end))  # a quote running on into the next paragraph
    result = []
    for s, e in out:
        inner_s = s + (2 if text.startswith(("''", "``"), s) else 1)
        inner_e = e
        if text[e - 1] in "\"”»" or text[e - 2:e] == "''":
            inner_e = e - (2 if text[e - 2:e] == "''" else 1)
        while inner_s < inner_e and text[inner_s].isspace():
            inner_s += 1
        while inner_e > inner_s and (text[inner_e - 1].isspace() or text[inner_e - 1] in ",;:"):
            inner_e -= 1
        if inner_e > inner_s:
            result.append((s, e, inner_s, inner_e))
    return result


def _significant(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


def _snap_quotes(ctx: _Ctx, cands: list[_Cand]) -> None:
    """A content that is a quote (or lies inside one) becomes the quote's interior: kind direct."""
    text = ctx.text
    for cand in cands:
        if not cand.content:
            continue
        cue_quote = ctx.quote_at(cand.cue_span[0])
        # a content the sentence splitter cut inside a quote runs on to the quote's end
        pieces = []
        for a, b in cand.content:
            for q in ctx.quotes:
                if q is cue_quote:
                    continue
                if a < q[0] < b < q[3]:
                    b = q[1]
                elif q[2] < a < q[1] < b:
                    a = q[0]
            pieces.append((a, b))
        cand.content = pieces
        lo = min(s for s, _ in cand.content)
        hi = max(e for _, e in cand.content)
        quotes = [q for q in ctx.quotes if q[0] < hi and q[1] > lo and not (q[0] <= cand.cue_span[0] < q[1])]
        if not quotes:
            continue
        inside = lambda a, b: any(q[0] <= a and b <= q[1] for q in quotes)  # noqa: E731
        rest = _subtract(cand.content, [(q[0], q[1]) for q in quotes])
        if any(_significant(text, a, b) for a, b in rest):
            continue  # partly quoted: indirect with quoted words
        if not all(inside(a, b) or not _significant(text, a, b) for a, b in cand.content):
            continue
        if cand.source_span is not None:
            s0, s1 = cand.source_span
            for q in quotes:
                if q[0] <= s0 < q[1] <= s1:
                    s0 = q[1]  # the parse ran the source into the quote: '... esteem," Harold L. Child said'
                elif s0 <= q[0] < s1 <= q[1]:
                    s1 = q[0]
            trimmed = _trim(text, s0, s1) if s0 < s1 else None
            if trimmed is None or any(q[0] < trimmed[1] and trimmed[0] < q[1] for q in quotes):
                continue
            cand.source_span = trimmed
        cand.content = [(q[2], q[3]) for q in quotes]
        cand.kind = "direct"


def _orphan_quotes(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """Quotes no content covers: give them the adjacent cue, or continue the previous direct quote."""
    text = ctx.text
    covered = []
    for c in cands:
        if c.content and not ctx.quote_at(c.cue_span[0]):
            covered.extend(c.content)
    by_cue = {c.cue.i: c for c in cands if c.cue is not None}
    new: list[_Cand] = []
    for q in ctx.quotes:
        if any(a < q[1] and b > q[0] for a, b in covered):
            continue
        if not _significant(text, q[2], q[3]):
            continue
        inner_words = len(text[q[2]:q[3]].split())
        cue = _adjacent_cue(ctx, q, by_cue)
        if cue is not None:
            cand = by_cue.get(cue.i)
            if cand is None:
                continue
            if cand.content and cand.kind == "direct":
                cand.content.append((q[2], q[3]))
            elif cand.content:
                continue
            else:
                cand.content = [(q[2], q[3])]
                cand.kind = "direct"
            covered.append((q[2], q[3]))
            continue
        if inner_words < 4:
            continue  # a scare quote
        colon = _colon_speaker(ctx, q)
        if colon is not None:
            new.append(colon)
            covered.append((q[2], q[3]))
            continue
        # continuation: the quote starts a sentence right after a direct quote's attribution
        before = text[:q[0]].rstrip()
        if before and before[-1] not in ".!?\"”'’:":
            continue
        prev = None
        for c in list(cands) + new:
            if c.kind == "direct" and c.content and max(e for _, e in c.content) <= q[0] \
                    and max(c.cue_span[1], max(e for _, e in c.content)) <= q[0]:
                if prev is None or max(e for _, e in c.content) > max(e for _, e in prev.content):
                    prev = c
        if prev is None:
            continue
        last_end = max(prev.cue_span[1], max(e for _, e in prev.content))
        gap = text[last_end:q[0]]
        if gap.count("\n\n") > 1 or len(gap) > 200 or _QUOTE_RE.search(gap):
            continue
        # nothing else attributed in between
        if any(c is not prev and c.content and last_end <= c.cue_span[0] < q[0] for c in cands):
            continue
        cont = _Cand(prev.cue, prev.cue_span, prev.source_tok, prev.source_span, [(q[2], q[3])],
                     implicit=prev.implicit)
        cont.kind = "direct"
        new.append(cont)
        covered.append((q[2], q[3]))
    # verbs that found no content and no quote are not attributions
    cands[:] = [c for c in cands if c.content]
    return new


def _colon_speaker(ctx: _Ctx, q: tuple[int, int, int, int]) -> _Cand | None:
    """'... surprise Republican pollster Daron Shaw: "Historically, ..."': a name, a colon, a quote."""
    text = ctx.text
    j = q[0] - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    k = bisect.bisect_right(ctx.starts, j) - 1  # the colon token
    if k < 1:
        return None
    name = ctx.doc[k - 1]
    ent = ctx.ent_at(name.i)
    if not (ent is not None and ent.label_ in ("PERSON", "ORG") or name.pos_ == "PROPN"):
        return None
    start, _ = _name_span(ctx, name)
    src = _trim(text, start, ctx.ends[name.i])
    if src is None:
        return None
    cand = _Cand(None, (j, j + 1), name, src, [(q[2], q[3])])
    cand.kind = "direct"
    return cand


def _adjacent_cue(ctx: _Ctx, q: tuple[int, int, int, int], by_cue: dict[int, _Cand]) -> Token | None:
    """'"...," he said' / '"...," said the minister' / 'He told reporters: "..."'."""
    doc, text = ctx.doc, ctx.text
    para = ctx.para_of(q[0])
    after = doc.char_span(q[1], min(len(text), q[1] + 120), alignment_mode="contract")
    if after is not None:
        n = 0
        for t in after:
            if t.idx >= para[1] or t.is_space and "\n\n" in t.text:
                break
            if t.i in by_cue and (not by_cue[t.i].content or by_cue[t.i].kind == "direct"):
                return t
            if t.text in (".", "!", "?", ";") or t.text in _QUOTE_CHARS or t.text in ("``", "''"):
                break
            n += 1
            if n > QUOTE_CUE_GAP:
                break
    # before: a cue within a few tokens, ending in ':' or ',' right before the quote
    lead = text[max(para[0], q[0] - 200):q[0]].rstrip()
    if lead.endswith((":", ",")):
        before = doc.char_span(max(para[0], q[0] - 200), q[0], alignment_mode="contract")
        if before is not None:
            toks = list(before)
            for t in reversed(toks[-QUOTE_CUE_GAP - 1:]):
                if t.i in by_cue and (not by_cue[t.i].content or by_cue[t.i].kind == "direct"):
                    return t
                if t.text in (".", "!", "?", ";") or t.text in _QUOTE_CHARS:
                    break
    return None


# --- pass 3: sources and records ---------------------------------------------------


def _finish(ctx: _Ctx, cands: list[_Cand], canonical_of: CanonicalOf | None) -> list[Attribution]:
    text = ctx.text
    out: list[Attribution] = []
    named: list[tuple[int, tuple[int, int], Token, str | None]] = []  # (sentence, span, head, label) of named sources
    for cand in cands:
        # evidence contract: content never overlaps its cue or source
        holes = [cand.cue_span] + ([cand.source_span] if cand.source_span else [])
        pieces = _subtract(cand.content, holes)
        if pieces != cand.content:
            cand.content = [p for p in (_trim(text, a, b) for a, b in pieces) if p]
        if not cand.content:
            continue
        source = source_text = label = None
        antecedent = None
        pronoun = False
        head = cand.source_tok
        if cand.source_span is not None and head is not None:
            source_text = text[cand.source_span[0]:cand.source_span[1]]
            ref_head, ref_span = head, cand.source_span
            if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
                noun = head.head.head  # "the official who said": who -> the official
                ref_head = noun
                ref_span = antecedent = _np_span(ctx, noun, cand.cue) if cand.cue is not None else _extent(ctx, noun)
            elif head.lower_ in _PRONOUNS_PERSON | _PRONOUNS_THING | _PRONOUNS_PLURAL and head.pos_ == "PRON":
                pronoun = True
                found = _resolve_pronoun(ctx, head, cand, named)
                if found is not None:
                    ref_head, ref_span, label = found
                    antecedent = ref_span
                else:
                    ref_head = None
            if ref_head is not None and not (ref_head.pos_ == "PRON" and ref_head.lower_ in _UNRESOLVED_PRONOUNS):
                canon = _canonical(ctx, ref_head, ref_span, canonical_of)
                if canon is not None:
                    source, label = canon
                elif (ref_head.pos_ == "PROPN" or ref_head.ent_type_) and "," in text[ctx.ends[ref_head.i]:ref_span[1]]:
                    # a name with an apposition or relative clause: just the name
                    ns, ne = _name_span(ctx, ref_head)
                    source = _without_determiner(text[ns:ne])
                    label = label or _guess_label(ref_head)
                else:
                    source = _without_determiner(text[ref_span[0]:ref_span[1]])
                    label = label or _guess_label(ref_head)
                if not pronoun:
                    named.append((ctx.sent_index(ref_head.i), ref_span, ref_head, label))
            else:
                source = source_text
        content = sorted(cand.content)
        main = max(content, key=lambda p: (p[1] - p[0], -p[0]))
        spans = [cand.cue_span, *content] + ([cand.source_span] if cand.source_span else [])
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        content_text = " ".join(text[a:b] for a, b in content)
        out.append(Attribution(
            source=source, cue=text[cand.cue_span[0]:cand.cue_span[1]], content=content_text,
            kind=cand.kind, start=start, end=end, source_span=cand.source_span, cue_span=cand.cue_span,
            content_span=main, stance=_stance(ctx, cand, content), source_text=source_text,
            source_label=label, content_spans=content, antecedent_span=antecedent,
        ))
    out.sort(key=lambda a: (a.start, a.cue_span[0]))
    return out


def _canonical(ctx: _Ctx, head: Token, span: tuple[int, int],
               canonical_of: CanonicalOf | None) -> tuple[str, str] | None:
    if canonical_of is None:
        return None
    s, e = _name_span(ctx, head)
    try:
        return canonical_of(s, e)
    except Exception:  # a lookup failing must not lose the attribution
        return None


def _name_span(ctx: _Ctx, head: Token) -> tuple[int, int]:
    """The head's name: the head with its compounds and determiner, stretched over its entity
    ("US Defence Secretary Ash Carter", "the observatory", "The Syrian Observatory for Human Rights")."""
    doc = head.doc
    first = head.i
    for c in reversed([c for c in head.children if c.i < head.i]):
        if c.dep_ in ("compound", "det", "nmod", "amod") and c.right_edge.i == first - 1:
            if c.dep_ in ("amod", "nmod") and c.ent_type_ in ("NORP", "GPE") and head.pos_ != "PROPN":
                break  # "Russian defence ministry", "Syrian officials": not the nationality's name
            first = c.left_edge.i
        else:
            break
    last = head.i
    ent = ctx.ent_at(head.i)
    if ent is not None:
        para = ctx.para_of(head.idx)
        first = min(first, ent.start)
        last = max(last, ent.end - 1)
        while first < head.i and doc[first].idx < para[0]:
            first += 1
        while last > head.i and doc[last].idx >= para[1]:
            last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _without_determiner(text: str) -> str:
    parts = text.split(None, 1)
    if len(parts) == 2 and parts[0].lower() in _DETERMINERS:
        return parts[1]
    return text


def _guess_label(head: Token) -> str | None:
    if head.ent_type_:
        return head.ent_type_
    lemma = head.lemma_.lower()
    if any(c.lower_ in _HONORIFICS for c in head.children if c.i < head.i) or lemma in _PERSON_NOUNS:
        return "PERSON"
    if lemma in _ORG_NOUNS:
        return "ORG"
    return None


def _plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)


def _compatible(pronoun: str, head: Token, label: str | None) -> bool:
    label = label or _guess_label(head)
    if head.pos_ == "PRON":
        return False
    if pronoun in _PRONOUNS_PERSON:
        return label == "PERSON" and not _plural(head)
    if pronoun in _PRONOUNS_THING:
        return label in ("ORG", "GPE", "FAC", "LOC") and not (head.tag_ == "NNS")
    if pronoun in _PRONOUNS_PLURAL:
        return _plural(head) or label in ("ORG", "GPE")
    return False


def _resolve_pronoun(ctx: _Ctx, pron: Token, cand: _Cand, named) -> tuple[Token, tuple[int, int], str | None] | None:
    """The most recent compatible named speaker before `pron` within PRONOUN_WINDOW sentences."""
    doc = pron.doc
    p = pron.lower_
    si = ctx.sent_index(pron.i)
    in_content = lambda t: any(a <= t.idx < b for a, b in cand.content)  # noqa: E731
    # 1. a subject earlier in the same sentence, outside the attributed content
    best = None
    for t in doc[ctx.sent_starts[si]:pron.i]:
        if t.dep_ in ("nsubj", "nsubjpass") and not in_content(t) and _compatible(p, t, None):
            best = t
    if best is not None:
        return best, _extent(ctx, best), _guess_label(best)
    # 2. an earlier attribution's named source
    for s_idx, span, head, label in reversed(named):
        if si - s_idx > PRONOUN_WINDOW:
            break
        if head.i < pron.i and _compatible(p, head, label):
            return head, span, label
    lo = ctx.sent_starts[max(0, si - PRONOUN_WINDOW)]
    # 3. the subject of an earlier sentence ("The minister met the ambassador. He asked ...")
    subj = ctx.keys.subject_deps
    for i in range(ctx.sent_starts[si] - 1, lo - 1, -1):
        if ctx.dep[i] in subj:
            t = doc[i]
            if _compatible(p, t, None):
                return t, _extent(ctx, t), _guess_label(t)
    # 4. a named entity
    for ent in reversed([e for e in ctx.ents if lo <= e.start and e.end <= pron.i]):
        if ent.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        if in_content(ent.root):
            continue
        if _compatible(p, ent.root, ent.label_):
            return ent.root, (ent.start_char, ent.end_char), ent.label_
    return None




def _stance(ctx: _Ctx, cand: _Cand, content: list[tuple[int, int]]) -> list[str]:
    """The cue's stance word, then stance words elsewhere in the attribution: its source and
    cue side ("confirmed ..., claiming ..."), and the head noun of its content ("denies claims")."""
    out: list[str] = []
    cue = cand.cue
    if cue is not None:
        word = STANCE.get(cue.lemma_.lower())
        if word:
            out.append(word)
        for c in cue.children:
            if c.dep_ == "advmod":
                w = STANCE.get(c.lower_)
                if w and w not in out:
                    out.append(w)
    lo = min([cand.cue_span[0], *(s for s, _ in content)] + ([cand.source_span[0]] if cand.source_span else []))
    hi = max([cand.cue_span[1], *(e for _, e in content)] + ([cand.source_span[1]] if cand.source_span else []))
    heads = {h.i for h in cand.content_heads if h.pos_ == "NOUN"}
    first = bisect.bisect_left(ctx.ends, lo + 1)
    last = bisect.bisect_left(ctx.starts, hi)
    hashes = ctx.keys.stance
    for i in range(first, last):
        w = hashes.get(ctx.lemma[i]) or hashes.get(ctx.lower[i])
        if not w or w in out or (cue is not None and i == cue.i):
            continue
        t = ctx.doc[i]
        if t.pos_ not in ("VERB", "NOUN", "ADV", "AUX"):
            continue
        if any(a <= t.idx < b for a, b in content) and i not in heads:
            continue
        out.append(w)
    return out
