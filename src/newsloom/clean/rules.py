"""Debris rules: families of lines that scrapers leave in article text.

Each rule matches a whole line (stripped, case-insensitive) and is written for
a family of debris seen across sites, never for one page's wording. A rule that
could hit real prose is anchored to the full line and kept short.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str]

    def matches(self, line: str) -> bool:
        return bool(self.pattern.fullmatch(line))


def _rule(name: str, *alternatives: str) -> LineRule:
    return LineRule(name, re.compile("|".join(f"(?:{a})" for a in alternatives), re.I))


_NETWORKS = r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|email|e-mail|flipboard|bluesky|threads|instagram|youtube|tiktok"
_SHARE_WORD = rf"share|tweet|print|copy link|copy|link|this|article|story|page|on|via|{_NETWORKS}"

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
        r"(also read|read also|see also|more on this( story)?|most read|trending( now)?)\b:?.{0,160}",
        r"related( stories| articles| content| coverage| links| topics| reading)?\s*:.{0,160}",
        r"related( stories| articles| content| coverage| links| topics| reading)?",
        r"more from [^:.]{1,60}:.{0,300}",
        r"(click|tap) here\b.{0,120}",
        r"continue reading\b.{0,80}",
        r"(skip|jump) to (main )?content",
        r"back to top",
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
        r".{0,400}\b(photograph|photo|picture|image|illustration|composite|video grab)s?( by)?:\s*[^.:]{2,80}",
        r".{0,400}\((photo|picture|image)s? (by|credit:?) [^)]{2,80}\)",
    ),
    _rule("share", rf"(share|tweet)( ({_SHARE_WORD}))*", rf"({_NETWORKS})(\s+({_NETWORKS}))+"),
    _rule(
        "subscribe",
        r"(sign up|subscribe|get our|join our|register)\b.{0,100}\b(newsletter|updates|alerts|briefing|inbox)\b.{0,60}",
        r"subscribe( now| today| to .{1,60})?\W*",
        r"follow (us|[^ ]{1,30}) on (twitter|x|facebook|instagram|bluesky|threads|linkedin|tiktok)\b.{0,60}",
    ),
    _rule(
        "call-out",
        r"(are you|have you been|were you) (affected|involved|caught up)\b.{0,300}",
        r"please include a contact number\b.{0,200}",
        r"you can (also )?contact us\b.{0,200}",
        r"(email|e-mail|contact|write to|message) us (at|on|via)\b.{0,200}",
        r"(do you have|got) (a story|information|a tip|news)\b.{0,200}",
        r".{0,200}\b(share your (experiences?|story|views|pictures))\b.{0,200}@.{0,120}",
    ),
    _rule(
        "advertisement",
        r"advert(isement)?",
        r"sponsored( content)?",
        r"(story|article) continues (below|after (the )?advertisement)",
        r"scroll (down )?to continue( reading)?",
    ),
    _rule("separator", r"[\s*\-_=~•·#]+"),
]

_AGENCIES = (
    "reuters|associated press|ap|afp|agence france-presse|pa|pa media|press association|dpa|"
    "ansa|efe|xinhua|kyodo|yonhap|bloomberg|upi|tass|interfax|ani|pti|ians|bernama|aap|"
    "canadian press|cp|anadolu|ntb|belga|apa|lusa|europa press|agencies|wires"
)
# Agency names are capitalised words ending in a wire-ish noun ("Halden Wire", "Nordic Press Agency").
_AGENCY = rf"(?:{_AGENCIES}|(?-i:(?:[A-Z][\w&'-]+ ){{1,3}}(?:Wire( Service)?|News Agency|Press Agency|Press)))"

CREDIT_RULES: list[LineRule] = [
    _rule(
        "agency-credit",
        r"(additional |extra )?(reporting|writing|editing|compiled|produced|research) by\b.{0,200}",
        r".{0,120}\bcontributed (reporting )?to this (report|story|article)\.?",
        r"\(?(with )?(agencies|agency reports|wires|wire services)\)?\.?",
        rf"[-–—(]?\s*{_AGENCY}(\s*(,|/|&|and)\s*{_AGENCY})*\s*\)?\.?",
    )
]
