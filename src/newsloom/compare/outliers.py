"""Outliers: a name or a count in one report where the rest of the story gives another.

Two closely related claims often differ in a name with different syntax around it
("counteroffer to President Milley" / "below President Joe Biden's last proposal"),
so the role checks of the judge do not line the names up. The story lines them up
instead: when one claim names a person or a place that no other report of the story
names at all, and the other claim names, in its place, one that several reports (or
the first claim's own report, elsewhere) name, the first report stands alone on a
fact the others state — a disagreement to show, with both names as the values.
Counts work the same way, more strictly: the story's count must come from two reports
and never from the lone one (a report giving both counts is counting two things).
"""
from __future__ import annotations

import re

from .claims import Claim, Fact
from .facts import (VAGUE_NUMBER, counts_people, holds, is_country, per_unit, places_agree, quantities_comparable, same_class,
                    same_figure, same_name, values_agree)

PERSON_LABELS = ("PERSON",)
BODY_LABELS = ("ORG", "NORP", "FAC")
COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"}  # say who is named, not what part they play
FUNCTION_WORDS = {"of", "the", "for", "and", "on", "&"}


class StoryMentions:
    """Which reports of a story name each person and each place, and give each count.

    Answers are cached by the fact's own identity (a fact object is asked about once per
    pair it is in: hundreds of times in a story of 30 reports)."""

    def __init__(self, claims: list[Claim]):
        self._names: dict[str, set[str]] = {}
        self._any: dict[str, set[str]] = {}  # every name, whatever its label -> the reports giving it
        self._titles: dict[str, list[tuple[str, set[str]]]] = {}  # article -> (person, words of a title)
        self._places: list[tuple[dict, str]] = []
        self._quantities: list[tuple[dict, str]] = []
        bodies: set[str] = set()
        for claim in claims:
            for name, label in claim.entities.items():
                self._any.setdefault(name, set()).add(claim.article)
                if label in PERSON_LABELS:
                    self._names.setdefault(name, set()).add(claim.article)
                    self._titles.setdefault(claim.article, []).append((name, claim.titles.get(name, set())))
                elif label in BODY_LABELS:
                    bodies.add(name)
            self._places += [(f.data, claim.article) for f in located(claim)]
            self._quantities += [(f.data, claim.article) for f in _counted(claim)]
        self._cache: dict[tuple, set[str]] = {}
        self._alias = _acronym_groups(bodies)

    def aliases(self, x: str, y: str) -> bool:
        """Two names the story gives one body ("DOE" / "Department of Education" / "Education
        Department": an acronym joins the names of its expansion)."""
        return x in self._alias and self._alias.get(x) == self._alias.get(y)

    def claim_names(self, claim: Claim, name: str) -> bool:
        """`claim_names`, with the story's acronyms."""
        return claim_names(claim, name) or any(self.aliases(name, other) for other in claim.entities)

    def named_speaker(self, claim: Claim) -> bool:
        """The claim's speaker is a person its report names ("Joe Manchin"), not "officials" or
        "two U.S. senators" (the attribution step labels any human source a person)."""
        return bool(claim.speaker) and claim.article in self.naming(claim.speaker)

    def naming(self, name: str) -> set[str]:
        """Reports that name this person in full or in part ("Biden" / "President Joe Biden")."""
        key = ("name", name)
        if key not in self._cache:
            self._cache[key] = {article for other, articles in self._names.items() if same_name(name, other)
                                for article in articles}
        return self._cache[key]

    def giving_word(self, word: str) -> set[str]:
        """Reports that give a name with this word in it ("Trump" in "Donald Trump"), under any label."""
        key = ("word", word)
        if key not in self._cache:
            self._cache[key] = {article for name, articles in self._any.items() if word in name.split()
                                for article in articles}
        return self._cache[key]

    def titling(self, article: str, name: str) -> set[str]:
        """Every word of the titles this report gives this person, in any of its claims."""
        key = ("title", article, name)
        if key not in self._cache:
            self._cache[key] = {w for other, words in self._titles.get(article, []) if same_name(name, other)
                                for w in words}
        return self._cache[key]

    def placing(self, place: dict) -> set[str]:
        """Reports that name this place or one inside it (a country holding it says nothing of it)."""
        key = ("place", id(place))
        if key not in self._cache:
            self._cache[key] = {article for other, article in self._places
                                if places_agree(place, other) and not holds(other, place)}
        return self._cache[key]

    def giving_exactly(self, quantity: dict) -> set[str]:
        """Reports that give this very value (no rounding allowed) for this kind of thing."""
        key = ("exact", id(quantity))
        if key not in self._cache:
            self._cache[key] = {article for other, article in self._quantities if same_figure(quantity, other)}
        return self._cache[key]

    def counting(self, quantity: dict) -> set[str]:
        """Reports that give this number for this kind of thing."""
        key = ("count", id(quantity))
        if key not in self._cache:
            self._cache[key] = {article for other, article in self._quantities
                                if quantities_comparable(quantity, other) and values_agree(quantity, other)}
        return self._cache[key]


def lone_names(a: Claim, b: Claim, mentions: StoryMentions) -> list[tuple]:
    """[(slot, lone claim, its value, other claim, the shared value)] where one claim names a person
    or a place, or gives a count, that no other report gives, in the part where the other gives one
    the story shares (at most one of each); a place or a count comes as its Fact, a person as its name."""
    found = []
    for find in (person_outlier, _place_outlier, _quantity_outlier):
        one = find(a, b, mentions) or find(b, a, mentions)
        if one:
            found.append(one)
    return found


def outlying_people(x: Claim, y: Claim, mentions: StoryMentions) -> tuple[list[str], list[str]]:
    """(people x names that no other report names and y does not, people y names that the story
    knows and x does not)."""
    lone = [n for n, label in x.entities.items() if label in PERSON_LABELS
            and mentions.naming(n) == {x.article} and not claim_names(y, n)]
    known = [n for n, label in y.entities.items() if label in PERSON_LABELS and not _names_person(x, n)
             and known_to_story(mentions.naming(n), x.article)]
    return lone, known


def _names_person(claim: Claim, name: str) -> bool:
    """The claim names this person: a thing named after the person is another ("the creator of McAfee
    antivirus software" does not name John McAfee; see `things_named`)."""
    things = things_named(claim)
    return any(same_name(name, other, label in PERSON_LABELS) for other, label in claim.entities.items()
               if other not in things)


def things_named(claim: Claim) -> list[str]:
    """Names the claim gives, not as people, that play no part in it (no doer, object or owner): a firm or a
    product before the noun it qualifies ("McAfee antivirus software"). A surname the parser called a body
    that acts ("after Pelosi rejected two") is the person still."""
    return [name for name, label in claim.entities.items() if label not in PERSON_LABELS and name not in claim.roles]


def person_outlier(x: Claim, y: Claim, mentions: StoryMentions):
    """x names one person the story does not know, y (not naming that one) a known one in the same part."""
    lone, known = outlying_people(x, y, mentions)
    pairs = [(name_x, name_y) for name_x in lone for name_y in known if _same_part(x, name_x, y, name_y, mentions)]
    if len({name_x for name_x, _ in pairs}) != 1:
        return None  # several new names in that part: another part of the event, not one name swapped
    name_x, name_y = pairs[0]
    slot = "attribution" if name_x == x.speaker and name_y == y.speaker else "actor"
    return slot, x, name_x, y, name_y


def _place_outlier(x: Claim, y: Claim, mentions: StoryMentions):
    """x names one place the story does not know, y (not naming it, nor a place holding it or inside
    it) a known place of the same kind that x does not name."""
    lone, known = outlying_places(x, y, mentions)
    if len(lone) != 1:
        return None
    fx = lone[0]
    for fy in known:
        if same_class(fy.data, fx.data):
            return "place", x, fx, y, fy
    return None


def outlying_places(x: Claim, y: Claim, mentions: StoryMentions) -> tuple[list[Fact], list[Fact]]:
    """(places x names that no other report names and y does not, places y names that the story
    knows and x does not)."""
    lone = [f for f in located(x) if mentions.placing(f.data) == {x.article} and not names_place(y, f)
            and not of_a_former_office(x, f)]
    if len(lone) > 1:  # "the U.S. special envoy ... discussing operations with Spain's foreign minister"
        lone = [f for f in lone if not of_an_office(x, f)]
    known = [f for f in located(y) if not names_place(x, f) and known_to_story(mentions.placing(f.data), x.article)]
    return lone, known


def of_an_office(claim: Claim, fact: Fact) -> bool:
    """The place of an office a person the claim names holds ("the U.S. special envoy"): where the office
    is, beside the places where the claim's events happen."""
    return bool(_titles_naming(claim, fact))


def of_a_former_office(claim: Claim, fact: Fact) -> bool:
    """The place of an office the claim says a person held before ("Foote, a former ambassador to Zambia"):
    where that person was, not where the story happens."""
    return any("former" in words for words in _titles_naming(claim, fact))


def _titles_naming(claim: Claim, fact: Fact) -> list[set[str]]:
    """The title words of the claim's people whose title the place hangs on."""
    return [words for words in claim.titles.values() if fact.anchor and fact.anchor in words]


def _quantity_outlier(x: Claim, y: Claim, mentions: StoryMentions):
    """x gives one count the story does not know, y a known one of the same kind of thing that
    x's report never gives (a report that gives both counts is counting two things)."""
    counted_x, counted_y = _counted(x), _counted(y)
    lone = [f for f in counted_x if mentions.counting(f.data) == {x.article} and not _agreed(f, counted_y)]
    if len(lone) != 1:
        return None
    fx = lone[0]
    for fy in counted_y:
        if (counts_people(fx.data) or _names_nothing(fx.data)) and fx.predicate != fy.predicate:
            continue  # people counted on two verbs: "killed 12 people" / "600 people would spend the night";
            # sums on two verbs: "a $1.2bn bill they threaten to sink" / "$2bn away from their offer"
        if (quantities_comparable(fx.data, fy.data) and x.article not in mentions.counting(fy.data)
                and len(mentions.counting(fy.data)) >= 2
                and not any(f.data.get("value") == fy.data.get("value") for f in x.of_kind("quantity"))):
            return "quantity", x, fx, y, fy
    return None


def _names_nothing(quantity: dict) -> bool:
    """A sum ("$2bn") says how much, not of what: only its verb tells what it pays for. (A share names
    its measure by its verb less often than by its adjective: "96% effective" / "effective up to 96%".)"""
    return quantity.get("kind") == "money"


def _agreed(fact: Fact, others: list[Fact]) -> bool:
    return any(quantities_comparable(fact.data, o.data) and values_agree(fact.data, o.data) for o in others)


def _counted(claim: Claim) -> list[Fact]:
    """Counts with a noun, written as a number: "dozens" or "thousands" of something is no count to set apart."""
    return [f for f in claim.of_kind("quantity") if f.data.get("value") is not None and f.data.get("unit")
            and not per_unit(f, claim) and not VAGUE_NUMBER.search(f.text)]


def known_to_story(articles: set[str], lone: str) -> bool:
    """Named by two reports or more, or by the lone report itself elsewhere."""
    return len(articles) >= 2 or lone in articles


def _same_part(x: Claim, name_x: str, y: Claim, name_y: str, mentions: StoryMentions) -> bool:
    """The two people stand in the same part of their statements: the same role, a title in
    common ("President Milley" / "President Joe Biden"; the known person's title may come from
    elsewhere in its report: "New York Governor X" / "by Andrew Cuomo", whom it calls governor
    before), or both are the speaker. A name that says when ("under President Trump") stands
    in no one's part."""
    if "period" in {role[0] for role in (x.roles.get(name_x), y.roles.get(name_y)) if role}:
        return False
    if x.roles.get(name_x) and x.roles.get(name_x) == y.roles.get(name_y):
        return True
    if (x.titles.get(name_x, set()) - COURTESY_TITLES) & (y.titles.get(name_y, set()) | mentions.titling(y.article, name_y)):
        return True
    return name_x == x.speaker and name_y == y.speaker


def acronym_of(short: str, long: str) -> bool:
    """"DOE" / "Department of Education", "CBP" / "Customs and Border Protection": the short name's
    letters are the initials of the long name's words, with or without its function words."""
    letters = short.replace(".", "")
    words = long.replace("-", " ").split()
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) or len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in FUNCTION_WORDS).upper()
    return letters in (initials, content)


def _acronym_groups(names: set[str]) -> dict[str, int]:
    """Name -> group, for each acronym in the story, its expansions and their other forms."""
    groups: dict[str, int] = {}
    for number, short in enumerate(sorted(n for n in names if n.replace(".", "").isupper())):
        expansions = {n for n in names if acronym_of(short, n)}
        if not expansions:
            continue
        members = {short} | expansions | {n for n in names for e in expansions if same_name(n, e, people=False)}
        for name in members:
            groups.setdefault(name, number)
    return groups


def claim_names(claim: Claim, name: str) -> bool:
    """The claim names this person or body, in full or in part ("Biden" / "Joe Biden")."""
    return any(same_name(name, other, label in PERSON_LABELS) for other, label in claim.entities.items())


def names_place(claim: Claim, fact: Fact, regions_name: bool = True) -> bool:
    """The claim names this place, one inside it, or it inside a body's name. The country holding it
    says nothing of it ("the latest US state to ban" does not name Florida); its region does, unless
    `regions_name` is off ("Providence, Rhode Island" names the state Pawtucket lies in: dev half, for
    the lone-place rule; where the place check asks where one thing happened, "in Texas" does not
    say "in Houston")."""
    def holder(other: Fact) -> bool:
        return holds(other.data, fact.data) and (is_country(other.data) or not regions_name)

    return part_of_a_body_name(fact, claim) or any(places_agree(fact.data, other.data) and not holder(other)
                                                   for other in located(claim))


def part_of_a_body_name(fact: Fact, other: Claim) -> bool:
    """The other claim gives this place's name inside a body's name ("Bailey" / "Bailey's Beach Club",
    "Texas" / "the Texas Department of Public Safety"): it names it too, whether as a place or not."""
    words = name_words(fact.text)
    return bool(words) and any(label in ("ORG", "FAC") and words <= name_words(name)
                               for name, label in other.entities.items())


def name_words(name: str) -> set[str]:
    """A name's words, without possessive endings or punctuation ("Bailey’s" -> bailey)."""
    return {w for w in re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", name.lower())) if len(w) > 1}


def located(claim: Claim) -> list[Fact]:
    """The claim's places the gazetteer resolved."""
    return [f for f in claim.of_kind("place") if f.data.get("lat") is not None]
