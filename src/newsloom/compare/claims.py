"""Claims: each report broken into statements, each with its facts and who makes it.

A claim is a sentence (or a paragraph piece of one, when a heading was glued to
it) of a report's cleaned text. It carries the facts the analysis stage found
inside its span — quantities, dates, places, named actors — plus what only a
parse of the sentence gives: the predicate each fact hangs on ("killing 12
people": kill), the subjects of its verbs, and what it negates. Its speaker is
the source of the attribution whose content covers it ("Russia says ..." is
Russia's claim); a claim with no speaker is the outlet's own statement.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
VERB_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr", "dative")  # dependencies naming a verb's doer or object
# "n’t" with the typographic apostrophe most outlets print ("don’t") is a token of its own to spaCy
NEGATION_WORDS = {"not", "n't", "n’t", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor"}
VERB_NEGATIONS = {"not", "n't", "n’t", "never"}  # words that negate a verb, never a noun
# verbs that carry no event of their own: a quantity hanging on them is compared by its noun alone
LIGHT_VERBS = {"be", "have", "do", "say", "tell", "report", "stand", "put", "give", "reach", "total",
               "include", "make", "take", "get", "accord"}  # accord: "according to"
MIN_CLAIM_WORDS = 5
QUESTION_WORDS = {"which", "who", "whom", "what"}  # an indirect question about who or what
# words that turn what they govern around ("unlikely to meet", "failed to pass", "banned from entering")
REVERSING_WORDS = {"unlikely", "fail", "refuse", "deny", "reject", "lack", "forgo", "ban", "halt", "stop", "block",
                   "decline", "oppose", "avoid", "prevent", "doubt", "cancel", "postpone", "waive", "abandon",
                   "withdraw", "quit"}
ADDING = {"just", "only", "merely", "simply"}  # "not only ... but (also)": both are stated
AFFIRMING_NOUNS = {"doubt", "wonder"}  # "no doubt", "no wonder": the thing is so ("no question" can go
                                      # either way: "no question of resigning" is a denial)
# the same, as a verb with its adverb: "walk away from participating", "pull out of the talks"
REVERSING_PHRASES = {("walk", "away"), ("back", "away"), ("back", "out"), ("pull", "out"), ("opt", "out")}
# how a line that ends a statement ends (a heading, "Turkish warning", has no closing punctuation)
_HEADING = re.compile(r"[.!?\"'”’)]\s*$")
# abbreviated titles as their words: "Gov. Mitt Romney" and "Governor Greg Abbott" hold one office
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                       "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral",
                       "cmdr": "commander", "atty": "attorney", "prof": "professor", "rev": "reverend",
                       "supt": "superintendent", "amb": "ambassador", "pres": "president"}


@dataclass
class Fact:
    """One fact of a claim: a quantity, a date or a place, with the predicate it hangs on."""

    kind: str               # quantity | date | place
    text: str
    start: int
    end: int
    predicate: str | None   # lemma of the verb the fact depends on
    data: dict              # the analysis record (Quantity, TimeRef or Place as a dict)
    subject: str | None = None  # lemma of that verb's subject ("fire" in "a fire broke out on Monday")
    locative: bool = False  # where or when something happens ("in Porto", "on Monday", "said Monday"), not an actor
    anchor: str | None = None   # the word the fact hangs on directly ("the Oct. 5 release": release)
    clause_verb: str | None = None  # the clause's verb, where `predicate` is a participle ("300 people killed ... died")
    during: str | None = None  # the verb of what happens at the same time, for a date (`_simultaneous`)


@dataclass
class Negation:
    cue: str
    target: str             # lemma of what is negated (the cue's head)
    scope: tuple[int, int]  # character span of the negated phrase
    scope_lemmas: set[str] = field(default_factory=set)
    scope_entities: set[str] = field(default_factory=set)
    verb: str | None = None  # the negated verb with its particle ("call off"), when a verb is negated
    arguments: set[str] = field(default_factory=set)  # the negated verb's doer and object (see `_arguments`)


@dataclass
class Claim:
    id: str
    article: str
    outlet: str | None
    start: int
    end: int
    text: str
    index: int = 0                  # position in its report (0 = lead)
    speaker: str | None = None      # canonical name of who is credited, None = the outlet
    speaker_label: str | None = None
    speaker_span: tuple[int, int] | None = None
    stance: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    entities: dict[str, str] = field(default_factory=dict)     # canonical -> label
    name_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # canonical -> its first mention's span
    subjects: dict[str, str] = field(default_factory=dict)     # canonical subject -> its verb lemma
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # canonical -> (role, governing lemma)
    titles: dict[str, set[str]] = field(default_factory=dict)  # canonical -> words naming its office
    partners: dict[str, set[str]] = field(default_factory=dict)  # canonical -> names listed with it ("A and B")
    negations: list[Negation] = field(default_factory=list)
    lemmas: set[str] = field(default_factory=set)              # content lemmas outside negated phrases
    all_lemmas: set[str] = field(default_factory=set)          # every content lemma
    reversed: set[str] = field(default_factory=set)            # lemmas under a reversing word ("fail to pass")
    verbs: set[str] = field(default_factory=set)               # verbs stated (not negated), with particles
    verb_arguments: dict[str, set[str]] = field(default_factory=dict)  # stated verb -> its doers and objects

    def of_kind(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def fact_at(self, kind: str, start: int, end: int) -> Fact | None:
        """The fact of this kind at exactly this span (the one behind a conflict's value)."""
        return next((f for f in self.facts if f.kind == kind and f.start == start and f.end == end), None)

    def source_record(self) -> dict:
        """The claim as one source of a verdict (DESIGN.md: article, outlet, start, end, text)."""
        return {"article": self.article, "outlet": self.outlet, "start": self.start, "end": self.end,
                "text": self.text, "speaker": self.speaker}


def extract_claims(article_id: str, outlet: str | None, text: str, analysis: dict, doc: Doc) -> list[Claim]:
    """Every statement of one report, in text order, with its facts and speaker."""
    claims = []
    entity_at = _entity_offsets(analysis.get("entities", []))
    for start, end in _segments(text, _join_pieces(text, analysis.get("sentences") or [(0, len(text))])):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or sum(t.is_alpha for t in span) < MIN_CLAIM_WORDS:
            continue
        claim = Claim(id=f"{article_id}:{start}", article=article_id, outlet=outlet, start=start, end=end,
                      text=text[start:end], index=len(claims))
        _attach_speaker(claim, analysis.get("attributions", []))
        _attach_facts(claim, analysis, span)
        _attach_entities(claim, analysis.get("entities", []), span)
        _name_the_speaker(claim, analysis.get("entities", []), text)
        _attach_negations(claim, span, analysis.get("entities", []), entity_at)
        claims.append(claim)
    return claims


def _join_pieces(text: str, sentences) -> list[tuple[int, int]]:
    """Pieces the parser cut off belong to their sentence: a dateline ("IOANNINA, Greece,
    March 10 (Wire) -"), a lower-case continuation ("at 3:14 a.m. | local time ..."), and the rest
    of a quotation left open in the same paragraph ('"There is no substitute for talks. None,"
    Biden said': the second piece alone reads as a fragment and the first loses its speaker)."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        if out and _continues(text, out[-1][0], start, end):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(text: str, previous_start: int, start: int, end: int) -> bool:
    """The sentence at start..end goes on the piece begun at previous_start (see _join_pieces)."""
    previous = text[previous_start:start]
    line_break = "\n" in previous[len(previous.rstrip()):]
    previous = previous.rstrip()
    return (previous.endswith(("-", "\u2013", "\u2014")) or text[start:end].lstrip()[:1].islower()
            or not line_break and _open_quotation(previous.rsplit("\n", 1)[-1]))


def _open_quotation(text: str) -> bool:
    """A double quotation opened and not closed: an odd number of double quotation marks, straight
    and curly counted alike (outlets mix them: '\u201cThe government has spent ...," he said')."""
    return sum(text.count(mark) for mark in ('"', "\u201c", "\u201d")) % 2 == 1


def _segments(text: str, sentences) -> list[tuple[int, int]]:
    """Sentences split at paragraph breaks, whitespace trimmed, headings ("Turkish warning") dropped."""
    out = []
    for s_start, s_end in sentences:
        pos = s_start
        for piece in re.split(r"(\n\s*\n)", text[s_start:s_end]):
            lo, hi = pos, pos + len(piece)
            pos = hi
            stripped = piece.strip()
            if not stripped:
                continue
            lo += len(piece) - len(piece.lstrip())
            hi -= len(piece) - len(piece.rstrip())
            if not _HEADING.search(stripped) and hi < s_end - 1:
                continue  # a line with no closing punctuation before the sentence's end: a heading
            out.append((lo, hi))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _attach_speaker(claim: Claim, attributions: list[dict]) -> None:
    """The attribution whose content covers most of the claim gives its speaker and stance."""
    best, best_share = None, 0.0
    for attribution in attributions:
        pieces = attribution.get("content_spans") or [attribution["content_span"]]
        covered = sum(_overlap((claim.start, claim.end), tuple(p)) for p in pieces)
        share = covered / max(1, claim.end - claim.start)
        if covered and share > best_share:
            best, best_share = attribution, share
    if best is None or best_share < 0.25:
        return
    claim.speaker = best.get("source")
    claim.speaker_label = best.get("source_label")
    claim.speaker_span = tuple(best["source_span"]) if best.get("source_span") else None
    claim.stance = list(best.get("stance") or [])


def _name_the_speaker(claim: Claim, entities: list[dict], text: str) -> None:
    """A speaker described and then named ("according to the county's health officer, Dr. Muntu Davis")
    is the person named: the one person whose name ends the speaker's words ("HHS Secretary Xavier
    Becerra"; not "the Biden administration", a body) or stands right after them as their apposition."""
    if not claim.speaker_span or claim.speaker_label == "PERSON" and claim.speaker in claim.entities:
        return
    lo, hi = claim.speaker_span

    def ends_or_follows(e: dict) -> bool:
        if e["end"] <= hi:
            return bool(_AFTER_A_NAME.fullmatch(text[e["end"]:hi]))
        return bool(_APPOSITION.fullmatch(text[hi:e["start"]]))

    named = {e["canonical"] for e in entities if e["label"] == "PERSON" and lo <= e["start"] and ends_or_follows(e)}
    if len(named) == 1:
        claim.speaker, claim.speaker_label = named.pop(), "PERSON"


_APPOSITION = re.compile(r"\s*,\s*(?:[A-Z][a-z]{0,3}\.\s*)?")  # ", " or ", Dr. " between a description and a name
_AFTER_A_NAME = re.compile(r"(?:['’]s)?[\s,.]*")  # a possessive or punctuation: the name ends the words


def _governing_verb(span: Span | None) -> Token | None:
    """The nearest verb above a span's root (other than be/have): what the fact is a fact about."""
    if span is None:
        return None
    token: Token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in ("be", "have"):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def _lemma(token: Token | None) -> str | None:
    return token.lemma_.lower() if token is not None else None


def _participle_of(span: Span | None) -> Token | None:
    """The participle that says what was counted: "300 people killed in shootings" counts the
    killed, whatever verb the sentence hangs them on ("the weekend ended with ...")."""
    if span is None:
        return None
    return next((c for c in span.root.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)


def _subject_of(verb: Token | None) -> str | None:
    """The verb's subject noun; for "a fire that broke out", the noun the clause hangs on."""
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head.lemma_.lower()
            return child.lemma_.lower()
    return verb.head.lemma_.lower() if verb.dep_ in ("relcl", "acl") else None


def _anchor(span: Span | None) -> str | None:
    """The content word a fact depends on, through a preposition if there is one."""
    if span is None:
        return None
    head = span.root.head
    if head.pos_ == "ADP" and head.head is not head:
        head = head.head
    return head.lemma_.lower() if head.pos_ in ("NOUN", "VERB", "PROPN") and head.i != span.root.i else None


LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "into", "across", "on", "off", "around", "to", "from",
                         "throughout", "within", "toward", "towards"}


def _locative(span: Span | None) -> bool:
    """Where something happens: "in Porto", "in Porto's Ribeira district", "to Texas"."""
    if span is None:
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE_PREPOSITIONS:
        return True  # the preposition right before the name, whatever the parser attached it to
    token = span.root
    while token.dep_ in ("poss", "compound", "appos", "amod", "conj") and token.head is not token:
        token = token.head  # through "Porto's" to "district", through "Tennessee and Utah" to "in"
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS


def _modifies_verb(span: Span | None) -> bool:
    """A bare day that says when a verb happened: "announced the deal Monday"."""
    return span is not None and span.root.dep_ == "npadvmod" and span.root.head.pos_ in ("VERB", "AUX")


def _attach_facts(claim: Claim, analysis: dict, span: Span) -> None:
    doc = span.doc
    for kind, key in (("quantity", "quantities"), ("date", "times"), ("place", "places")):
        for item in analysis.get(key, []):
            if claim.start <= item["start"] and item["end"] <= claim.end:
                fact_span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
                clause_verb = _governing_verb(fact_span)
                verb = (kind == "quantity" and _participle_of(fact_span)) or clause_verb
                where = _locative(fact_span) or kind == "date" and _modifies_verb(fact_span)
                during = _lemma(_simultaneous(verb)) if kind == "date" else None
                claim.facts.append(Fact(kind, item["text"], item["start"], item["end"], _lemma(verb), item,
                                        _subject_of(verb), where, _anchor(fact_span), _lemma(clause_verb), during))


SIMULTANEOUS_MARKS = {"while", "as", "when"}


def _simultaneous(verb: Token | None) -> Token | None:
    """The verb of what happens at the same time as `verb`, by a clause of "while", "as" or "when":
    a day of either is the other's ("stabbed while meeting constituents on Friday": stabbed on
    Friday; "escalated Tuesday as Israel unleashed airstrikes": unleashed them on Tuesday)."""
    if verb is None:
        return None
    if _marked_simultaneous(verb) and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    return next((child for child in verb.children if _marked_simultaneous(child)), None)


def _marked_simultaneous(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SIMULTANEOUS_MARKS for c in verb.children)


def _attach_entities(claim: Claim, entities: list[dict], span: Span) -> None:
    doc = span.doc
    listed: dict[int, list[str]] = {}  # first token of a coordination -> names in it
    for entity in entities:
        if entity["label"] in ACTOR_LABELS and claim.start <= entity["start"] and entity["end"] <= claim.end:
            claim.entities[entity["canonical"]] = entity["label"]
            claim.name_spans.setdefault(entity["canonical"], (entity["start"], entity["end"]))
            ent_span = doc.char_span(entity["start"], entity["end"], alignment_mode="expand")
            if ent_span is not None and ent_span.root.dep_ in ("nsubj", "nsubjpass"):
                claim.subjects[entity["canonical"]] = ent_span.root.head.lemma_.lower()
            role = _role(ent_span)
            if role is not None:
                claim.roles.setdefault(entity["canonical"], role)
            if ent_span is not None and entity["label"] == "PERSON":
                claim.titles.setdefault(entity["canonical"], set()).update(_title_words(ent_span))
                listed.setdefault(_first_conjunct(_listed_as(ent_span.root)).i, []).append(entity["canonical"])
    for names in (names for names in listed.values() if len(names) > 1):
        for name in names:
            claim.partners.setdefault(name, set()).update(n for n in names if n != name)


def _listed_as(token: Token) -> Token:
    """The item of a list a name stands for: itself, or the listed noun it is put beside ("Trap
    Beckham and his manager, TJ Chapman": Chapman stands for "manager", the list's second item)."""
    head = token.head
    if token.dep_ == "appos" and (head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)):
        return head
    return token


def _first_conjunct(token: Token) -> Token:
    """The first item of the list a word stands in ("Alito" in "Justices Alito, Thomas and Gorsuch")."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _role(span: Span | None) -> tuple[str, str] | None:
    """What a name does in its sentence: the subject or agent of a verb ("Thomas wrote",
    "an opinion by Thomas"), the owner of a thing ("Biden's budget"), its object, or the time
    something happened ("under President X")."""
    if span is None:
        return None
    root = span.root
    if root.dep_ == "nsubj":
        return ("subject", root.head.lemma_.lower())
    if root.dep_ == "nsubjpass":  # "the case was heard": what is acted on, not who acts
        return ("object", root.head.lemma_.lower())
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        return ("subject", root.head.head.lemma_.lower())
    if root.dep_ == "pobj" and root.head.lower_ == "under":  # "remained there under President X": when, not who
        return ("period", "under")
    if root.dep_ == "poss":
        return ("owner", root.head.lemma_.lower())
    if root.dep_ in ("dobj", "pobj"):
        return ("object", root.head.lemma_.lower())
    return None


def _title_words(span: Span) -> set[str]:
    """The words that say who a person is: "Treasury Secretary Janet Yellen", "its chief
    financial officer, Allen Weisselberg" -> {treasury, secretary} / {chief, financial, officer}."""
    inside = {t.i for t in span}
    words: set[str] = set()
    stack = [c for c in span.root.children if c.dep_ in ("compound", "amod", "appos") and c.i not in inside]
    if span.root.dep_ in ("appos", "compound") and span.root.head.i not in inside:
        stack.append(_apposed_to(span))
    while stack:
        token = stack.pop()
        if token.i in inside or token.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") and token.dep_ != "compound":
            continue
        inside.add(token.i)
        word = _title_word(token)
        if word:
            words.add(word)
        stack += [c for c in token.children if c.dep_ in ("compound", "amod")]
    return words


def _apposed_to(span: Span) -> Token:
    """The noun a name stands beside: its head, or, for a name set off by a comma that the parser hangs
    on a noun further back ("an indictment ... against the firm and its chief financial officer, Allen
    Weisselberg": indictment), the noun right before the comma."""
    head = span.root.head
    if span.root.dep_ != "appos" or span.start < 2:
        return head
    comma, before = span.doc[span.start - 1], span.doc[span.start - 2]
    if comma.text == "," and before.pos_ == "NOUN" and before.i > head.i:
        return before
    return head


def _title_word(token: Token) -> str | None:
    """A word of a title, abbreviations spelt out ("Gov." -> governor, "Mr." -> mr)."""
    if token.is_alpha:
        return TITLE_ABBREVIATIONS.get(token.lower_, token.lemma_.lower())
    bare = token.lower_.rstrip(".")
    if bare.isalpha() and token.lower_ != bare:
        return TITLE_ABBREVIATIONS.get(bare, bare)
    return None


def _entity_offsets(entities: list[dict]) -> dict[int, str]:
    """Each character offset inside an entity -> that entity's canonical name (the first listed, where
    two overlap): built once per report, since every verb of every claim asks it for its arguments."""
    at: dict[int, str] = {}
    for entity in entities:
        for offset in range(entity["start"], entity["end"]):
            at.setdefault(offset, entity["canonical"])
    return at


def _attach_negations(claim: Claim, span: Span, entities: list[dict], entity_at: dict[int, str]) -> None:
    """What each negation word negates, and the named things inside its phrase ("no sign of Russian ...")."""
    negated: set[int] = set()
    for token in span:
        if token.lower_ not in NEGATION_WORDS or token.dep_ not in ("neg", "det", "prep", "advmod", "cc", "preconj"):
            continue
        if _affirming(token, span):
            continue
        head = token.head if token.dep_ != "prep" else token
        head = _obliged_verb(_through_adverb(head) if token.lower_ in VERB_NEGATIONS else head)
        scope_tokens = list(head.subtree) if token.dep_ == "prep" else [head, *_negated_subtree(head)]
        lo = min(t.idx for t in scope_tokens)
        hi = max(t.idx + len(t) for t in scope_tokens)
        target = head.lemma_.lower() if head is not token else next(
            (c.lemma_.lower() for c in token.children), token.lower_)
        if head is not token and (_conditional(head) or _asked(head) or _left_open(head)):
            negated.update(t.i for t in scope_tokens)  # "if governments do not restore ...": a condition, not a claim
            continue  # "to know which Americans have not been vaccinated": a question, not a claim
        lemmas = {t.lemma_.lower() for t in scope_tokens if _content(t)}
        named = {e["canonical"] for e in entities
                 if e["label"] in ACTOR_LABELS and lo <= e["start"] and e["end"] <= hi}
        verb = _verb_phrase(head) if head is not token and head.pos_ in ("VERB", "AUX") else None
        arguments = _arguments(head, entity_at) if verb else set()
        claim.negations.append(Negation(token.lower_, target, (lo, hi), lemmas, named, verb, arguments))
        negated.update(t.i for t in scope_tokens)
    claim.all_lemmas = {t.lemma_.lower() for t in span if _content(t)}
    for token in span:
        if token.pos_ == "VERB" and token.i not in negated and not _done_to_none(token) and not _attempted(token):
            phrase = _verb_phrase(token)
            claim.verbs.add(phrase)
            claim.verb_arguments.setdefault(phrase, set()).update(_arguments(token, entity_at))
    claim.reversed = {t.lemma_.lower() for t in span if any(_reversing(a) for a in list(t.ancestors)[:2])}
    claim.lemmas = {t.lemma_.lower() for t in span if _content(t) and t.i not in negated}


NO_ONE = {"nobody", "nothing", "none", "no-one"}


def _done_to_none(verb: Token) -> bool:
    """A verb whose doer or object is no one states that it was not done: "No gun has been recovered"
    and "police found nothing" say what "the gun has not been recovered" says (ECB+ reports)."""
    for arg in verb.children:
        if arg.dep_ in ("nsubj", "nsubjpass", "dobj") and (
                arg.lower_ in NO_ONE or any(d.dep_ == "det" and d.lower_ == "no" for d in arg.children)):
            return True
    return False


ATTEMPTING = {"try", "attempt", "seek", "strive", "struggle"}


def _attempted(verb: Token) -> bool:
    """"trying to determine the cause" says nothing of whether it was determined (an ECB+ story's "the
    cause has not been determined" was set against it)."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPTING


def _affirming(token: Token, span: Span) -> bool:
    """A negation word that negates nothing: "not just the unborn ... but also pro-lifers" adds,
    "there is no doubt of his commitment" affirms."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if token.lower_ == "not" and following in ADDING and any(t.lower_ == "but" for t in span if t.i > token.i):
        return True
    return token.lower_ == "no" and token.head.lemma_.lower() in AFFIRMING_NOUNS


def _reversing(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.dep_ in ("prt", "advmod") and (token.head.lemma_.lower(), token.lower_) in REVERSING_PHRASES:
        return True  # "away" in "walk away from participating": the phrase's head is one step further
    return lemma in REVERSING_WORDS or any((lemma, c.lower_) in REVERSING_PHRASES for c in token.children
                                           if c.dep_ in ("prt", "advmod"))


def _arguments(verb: Token, entity_at: dict[int, str]) -> set[str]:
    """Who does and what undergoes a verb: its subject, object and passive agent, and the noun a
    participle describes ("the lawsuit filed by Mexico"), each as its entity's canonical name or its
    lemma. Pronouns are left out: whom "it" names is not known here."""
    heads = [c for c in verb.children if c.dep_ in VERB_ARGUMENTS]
    heads += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ in ("acl", "relcl"):
        heads.append(verb.head)
    words = set()
    for token in heads:
        named = entity_at.get(token.idx)
        if named or token.pos_ in ("NOUN", "PROPN"):
            words.add(named or token.lemma_.lower())
    return words


def _negated_subtree(verb: Token) -> list[Token]:
    """What a negated verb's negation covers: its subtree less its adverbial clauses ("doesn’t
    foresee lockdowns because he believes enough people are vaccinated" states the vaccination)."""
    clauses = {t.i for c in verb.children if c.dep_ == "advcl" for t in c.subtree}
    return [t for t in verb.subtree if t.i not in clauses]


def _through_adverb(head: Token) -> Token:
    """"will not once again have to consult": the parser hangs "not" on the adverb, which qualifies the
    verb the negation negates (an ECB+ report). Not an adverb with a phrase of its own ("not long after
    the attack, police arrived" says when, and negates nothing). Only for "not" and "never": "no longer
    allow" stays a phrase of its own (read as the verb's negation, it set a dev story's "will no longer
    monetize" against "prohibits ... from being able to monetize")."""
    if head.pos_ == "ADV" and head.dep_ == "advmod" and head.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("prep", "pcomp", "advcl", "mark") for c in head.children):
        return head.head
    return head


def _obliged_verb(verb: Token) -> Token:
    """"has not had to spend", "did not need to raise": what is not done is the verb after "to"."""
    if verb.lemma_.lower() in ("have", "need"):
        return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                     and any(a.lower_ == "to" for a in c.children)), verb)
    return verb


QUESTION_WORDS = {"how", "what", "when", "where", "who", "whom", "whose", "which", "why", "whether", "if"}
TELLING = {"say", "tell", "confirm", "know", "determine", "disclose", "specify"}  # verbs that can leave a question open


def _left_open(verb: Token) -> bool:
    """"Police could not say how many shots were fired": not saying what is asked leaves it open, and
    denies nothing another report says (an ECB+ story's "police said the shotgun ..." was set against it)."""
    return verb.lemma_.lower() in TELLING and any(
        c.dep_ in ("ccomp", "xcomp", "dobj") and c.left_edge.lower_ in QUESTION_WORDS for c in verb.children)


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


def _asked(verb: Token) -> bool:
    """The verb heads an indirect question about who or what ("asked who had not paid", "know which
    Americans haven't been vaccinated"): it asserts nothing either way. ("why" or "how" questions are
    left out: "shows why the plan did not work" takes it as given that it did not.)"""
    if verb.dep_ not in ("ccomp", "xcomp", "pcomp", "pobj", "dobj"):
        return False  # "the man who did not vote": a relative clause states what it says
    first = verb.left_edge  # the clause's first word, wherever the parser hangs it
    return first.tag_ in ("WDT", "WP") and first.lower_ in QUESTION_WORDS


def _verb_phrase(token: Token) -> str:
    """A verb's lemma with its particle: "call off" is not "call"."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return " ".join([token.lemma_.lower(), *particles])


def _content(token: Token) -> bool:
    return token.is_alpha and not token.is_stop and token.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")

