"""Debris rules: families of lines that scrapers leave in article text.

Each rule matches a whole line (stripped, case-insensitive) and is written for
a family of debris seen across sites, never for one page's wording. A rule that
could hit real prose is anchored to the full line and kept short.

Speed: an alternative that may start anywhere in the line (".{0,200}\\bword")
costs a regex attempt at every position of every line, so such alternatives are
guarded by `_needs(words, pattern)`: they are tried only on lines that contain one
of the words (lower-cased, plain substring test). The words must be implied by
the pattern, so a guard never changes what a rule matches. Lines longer than the
longest possible match of a rule are skipped without a regex.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str] | None
    # (words, pattern): the pattern is tried only on lines containing one of the words.
    guarded: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = field(default=())
    max_len: int = sys.maxsize

    def matches(self, line: str) -> bool:
        if len(line) > self.max_len:
            return False
        if self.pattern is not None and self.pattern.fullmatch(line):
            return True
        if self.guarded:
            lowered = _lowered(line)
            for words, pattern in self.guarded:  # plain loops: this runs for every line and rule
                for word in words:
                    if word in lowered:
                        if pattern.fullmatch(line):
                            return True
                        break
        return False


_LAST_LOWERED: tuple[str, str] = ("", "")


def _lowered(line: str) -> str:
    """line.lower(), computed once per line for all the rules that test it."""
    global _LAST_LOWERED
    last = _LAST_LOWERED  # one tuple, replaced whole: safe if threads share it
    if last[0] is line:
        return last[1]
    lowered = line.lower()
    _LAST_LOWERED = (line, lowered)
    return lowered


@dataclass(frozen=True)
class _Guarded:
    words: tuple[str, ...]
    pattern: str


def _needs(words: tuple[str, ...] | str, pattern: str) -> _Guarded:
    """An alternative tried only on lines that contain one of `words` (lower case)."""
    return _Guarded((words,) if isinstance(words, str) else tuple(words), pattern)


def _max_width(patterns: list[str]) -> int:
    try:
        from re import _parser  # the parser behind re.compile; private but stable since 3.11
    except ImportError:  # pragma: no cover
        return sys.maxsize
    try:
        return max(_parser.parse(p, re.I).getwidth()[1] for p in patterns)
    except Exception:  # pragma: no cover - a parser change must never break cleaning
        return sys.maxsize


def _rule(name: str, *alternatives: str | _Guarded) -> LineRule:
    plain = [a for a in alternatives if isinstance(a, str)]
    guarded = [a for a in alternatives if isinstance(a, _Guarded)]
    pattern = re.compile("|".join(f"(?:{a})" for a in plain), re.I) if plain else None
    return LineRule(
        name, pattern,
        tuple((g.words, re.compile(g.pattern, re.I)) for g in guarded),
        _max_width(plain + [g.pattern for g in guarded]),
    )


_NETWORKS = r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|email|e-mail|flipboard|bluesky|threads|instagram|youtube|tiktok"
# Between two share buttons: spaces, or a separator such as "·" or "|".
_SHARE_GAP = r"(\s*[·|•/,]\s*|\s+)"
_SHARE_WORD = rf"share|tweet|print|copy link|copy|link|this|article|story|page|on|via|{_NETWORKS}"

_AGENCIES = (
    "reuters|associated press|ap|afp|agence france-presse|pa|pa media|press association|dpa|"
    "ansa|efe|xinhua|kyodo|yonhap|bloomberg|upi|tass|interfax|ani|pti|ians|bernama|aap|"
    "canadian press|cp|anadolu|ntb|belga|apa|lusa|europa press|agencies|wires"
)
# Agency names are capitalised words ending in a wire-ish noun ("Halden Wire", "Nordic Press Agency").
_AGENCY = rf"(?:{_AGENCIES}|(?-i:(?:[A-Z][\w&'-]+ ){{1,3}}(?:Wire( Service)?|News Agency|Press Agency|Press)))"

# A copyright line whose holder is a news agency is a credit (kept as metadata), not debris.
_AGENCY_COPYRIGHT = rf"\(?(copyright|©)\s*©?\s*((19|20)\d\d(-\d{{2,4}})?\s*)?(by\s+)?(the\s+)?{_AGENCY}\b"

LINE_RULES: list[LineRule] = [
    _rule(
        "comment-widget",
        r"(no|one|\d+) comments?:?",
        r"post a comment\.?",
        r"(leave|add|write|post) a (comment|reply)\.?",
        r"comments? \(\d+\)",
        r"(show|view|load|see|read) (all |more )?(\d+ )?comments",
        r"newer post\s*older post(\s*home)?",
        r"subscribe to:? post comments.*",
        r"comments (are|have been) closed\.?",
        r"(log|sign) in to (comment|reply)\.?",
    ),
    _rule(
        "link-label",
        r"read more\W*",
        r"read more:.{0,160}",
        r"read (more|the full (story|article)) (on|at|from) [^.:]{1,60}\W*",
        r"(also read|read also|see also|more on this( story)?|most read|trending( now)?)\b:?.{0,160}",
        r"related( stories| articles| content| coverage| links| topics| reading)?\s*:.{0,160}",
        r"related( stories| articles| content| coverage| links| topics| reading)?",
        r"more from [^:.]{1,60}:.{0,300}",
        r"(click|tap) here\b.{0,120}",
        r"continue reading\b.{0,80}",
        r"(skip|jump) to (main )?content",
        r"back to top",
        # A site's name or address alone on a line ("EXAMPLENEWS.COM", "Source: www.example.org").
        r"(source:\s*)?(https?://)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*"
        r"\.(com|net|org|info|biz|news|gov|edu|tv|fm|co|us|uk|ca|au|ie|in|de)(\.[a-z]{2})?/?",
        # "For more information visit www.example.org." (and German sites' "Weitere Infos unter ...")
        r"(for )?(more|further|additional) info(rmation)?\b.{0,40}\b(at|on|from|visit|see)\s+(https?://|www\.)\S+",
        r"weitere info(s|rmationen)?\b.{0,40}\b(unter|auf|bei)\s+(https?://|www\.)\S+",
    ),
    _rule(
        "image-credit",
        # "Image copyrightGetty Images": scrapers often glue the label to the credit.
        r"(image|picture|photo|video|media) ?(copyright|caption|source|credit)s?(\b|(?-i:(?=[A-Z]))).{0,200}",
        r"(getty images|afp/getty images|shutterstock|epa|pa media|ap photo)(/.{1,40})?",
    ),
    _rule(
        # A caption is recognised by the credit that closes it ("... Photograph: X/Agency").
        "photo-caption",
        _needs(("photo", "picture", "image", "illustration", "composite", "video grab"),
               r".{0,400}\b(photograph|photo|picture|image|illustration|composite|video grab)s?( by)?:\s*[^.:]{2,80}"),
        _needs(("photo", "picture", "image"), r".{0,400}\((photo|picture|image)s? (by|credit:?) [^)]{2,80}\)"),
    ),
    # Share bars, also with the separators sites put between the buttons ("Share on X · Share on Y").
    _rule("share", rf"(share|tweet)({_SHARE_GAP}({_SHARE_WORD}))*", rf"({_NETWORKS})({_SHARE_GAP}({_NETWORKS}))+"),
    _rule(
        "subscribe",
        r"(sign up|subscribe|get our|join our|register)\b.{0,100}\b(newsletter|updates|alerts|briefing|inbox)\b.{0,60}",
        r"subscribe( now| today)?( to .{1,80})?\W*",
        # A question, then the sign-up: "Want more updates from X? Sign up for her newsletter."
        r"(want|do you want|would you like|interested in)\b[^?]{0,120}\?\s*(sign up|subscribe|join|register)\b.{0,120}",
        # Imperative promos: "Get X's Daily Edition by email ...", "Never miss ... by signing up ..."
        r"(get|receive)\b.{0,80}\b(by e-?mail|in(to)? your inbox|delivered to your inbox)\b.{0,120}",
        r"(never|don['’]t|do not) miss\b.{0,160}\b(sign(ing)? up|subscrib(e|ing))\b.{0,80}",
        r"stay (informed|up to date|up-to-date|in the know|connected)\b.{0,160}\b(sign(ing)? up|subscrib(e|ing)|follow us)\b.{0,80}",
        _needs(("newsletter",),
               r".{0,100}\b(sign(ing)? up|subscrib(e|ing))( now| today)? (to|for) (our|the)\b.{0,60}\bnewsletters?\b.{0,100}"),
        # The button that closes a promo: "... Sign up here", "... Free Sign Up".
        _needs(("sign up", "signup", "subscribe"),
               r".{0,160}\b(free sign ?up|sign up (here|now|today|for free)|subscribe (here|now|today))\W*"),
        # "Follow The Daily X on Twitter and Instagram @x ...", "Follow Jane Doe on Twitter @jdoe."
        rf"(on twitter\s+|please\s+)?follow\s+(us|@\w+|(?-i:[A-Z][\w'’.&-]*)(\s+((?-i:[A-Z][\w'’.&-]*)|and|&|the|of)){{0,6}})"
        rf"\s+(on|at)\s+({_NETWORKS})\b.{{0,240}}",
    ),
    _rule(
        "app-promo",
        # "For the latest stories and updates download ...", "For more, sign up ...",
        # "For more from X, download our app ..."
        r"for (all )?(the )?(latest|breaking|more)((,| and| &)? ((breaking|latest|top) )?(news|stories|story|updates|"
        r"headlines|coverage|information|content|videos|recipes|from [\w'’ .-]{1,40}|on [\w'’ -]{1,40}|like this))*,?\s+"
        r"(download|follow|subscribe|sign up|like us|join)\b.{0,160}",
        r"(download|get|install) (our|the)\b.{0,50}\bapps?\b.{0,120}",
    ),
    _rule(
        # Affiliate and advertiser disclosures at the top or bottom of reviews and deals.
        "disclosure",
        _needs(("we may", "we might", "we could", "i may", "i might", "i could"),
               r".{0,300}\b(we|i) (may|might|could) (receive|earn|get|make|be paid)( an?)?( small)?( affiliate)? "
               r"(commission|compensation|fee|share|money|revenue)\b.{0,80}\b(when|if|from) (you|purchases|links|clicks)\b.{0,300}"),
        _needs(" links", r".{0,300}\b(contains|includes|may contain) (affiliate|sponsored|partner) links\b.{0,300}"),
    ),
    _rule(
        "copyright",
        rf"(?!{_AGENCY_COPYRIGHT})©.{{0,200}}",
        rf"(?!{_AGENCY_COPYRIGHT})(copyright|\(c\))\s*©?\s*(19|20)\d\d\b.{{0,200}}",
        _needs("all rights reserved", rf"(?!{_AGENCY_COPYRIGHT}).{{0,200}}\ball rights reserved\W*"),
    ),
    _rule(
        # Dates and categories of the page, not of the story: "Category : Press Releases",
        # "Release Date:", "... - Last Modified: 03-10-2004 2:20pm".
        "page-meta",
        r"(((news |release |publication |post )?date|posted|published|updated|last (modified|updated|edited)|"
        r"created|category|categories|tags?|filed under|posted in)\s*:\s*[^:]{0,50}?\s*){1,4}",
        _needs("last ", r".{0,100}\blast (modified|updated|edited)\s*:?\s*(on )?\d[\d/.-]{5,9}[\d:apm .]{0,12}"),
    ),
    _rule(
        "call-out",
        r"(are you|have you been|were you) (affected|involved|caught up)\b.{0,300}",
        r"please include a contact number\b.{0,200}",
        r"you can (also )?contact us\b.{0,200}",
        r"(email|e-mail|contact|write to|message) us (at|on|via)\b.{0,200}",
        r"(do you have|got) (a story|information|a tip|news)\b.{0,200}",
        r"we( want|['’]d like| would like|['’]d love| would love) to hear (from you|what you think|your (thoughts|views|stories)).{0,200}",
        _needs("share your", r".{0,200}\b(share your (experiences?|story|views|pictures))\b.{0,200}@.{0,120}"),
        _needs("letter to the editor", r".{0,120}\b(submit|send|write) (us )?a letter to the editor\b.{0,200}"),
        # A donation appeal that ends on its button: "We need your help ... Donate".
        _needs(("donat", "contribute"),
               r"[|\s]*.{0,200}\b(we need your (help|support)|help us|support (us|our))\b.{0,200}"
               r"\b(donate|make a donation|contribute)( now| today| here)?[\s|!]*"),
    ),
    # WordPress's feed footer: "The post <title> appeared first on <site>."
    _rule("feed-footer", r"the post .{1,300} appeared first on .{1,120}"),
    _rule(
        "advertisement",
        r"advert(isement)?",
        r"sponsored( content)?",
        r"(story|article) continues (below|after (the )?advertisement)",
        r"scroll (down )?to continue( reading)?",
    ),
    _rule("separator", r"[\s*\-_=~•·#]+"),
]

CREDIT_RULES: list[LineRule] = [
    _rule(
        "agency-credit",
        r"(additional |extra )?(reporting|writing|editing|compiled|produced|research) by\b.{0,200}",
        _needs("contributed", r".{0,120}\bcontributed (reporting )?to this (report|story|article)\.?"),
        r"\(?(with )?(agencies|agency reports|wires|wire services)\)?\.?",
        rf"[-–—(]?\s*{_AGENCY}(\s*(,|/|&|and)\s*{_AGENCY})*\s*\)?\.?",
        rf"{_AGENCY_COPYRIGHT}[^()]{{0,40}}?\.?(\s*all rights reserved\.?)?\)?",
    )
]
