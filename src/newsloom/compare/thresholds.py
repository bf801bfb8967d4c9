"""The thresholds and word lists the fact judge (judges.py) and its slot checks (slots.py) share;
each constant set on a benchmark names it (below)."""
from __future__ import annotations

from ..analyse.attributions import STANCE
from .claims import TITLE_ABBREVIATIONS

# Thresholds on two claims' similarity: `dense` is the cosine of their MiniLM embeddings,
# `lexical` the cosine of their content words weighted by rarity within the story (TF-IDF).
# Calibrated on the demo corpus (examples/truth.json agreements and disagreements; about
# the 99.5th percentile of unrelated pairs there) and the seed pair; those marked "dev" were
# set on the dev half of the injected-conflict benchmark (bench/compare_conflicts.py --half
# dev), whose other half is the one reported.
ALIGN_ALONE = 0.75        # dense this close: two claims state the same thing whatever their facts
LEXICAL_ALONE = 0.42      # the same rare words: the same statement
ALIGN_WITH_FACT = 0.50    # dense this close and sharing a fact (a number, date, place, actor, wording)
LEXICAL_WITH_FACT = 0.20  # ... or this much rare wording and a shared fact
ALIGN_WITH_FACTS = 0.42  # dense this close and sharing two kinds of fact
SAME_STATEMENT = 0.72     # a quote credited to two people / a speaker's claim both affirmed and denied
DIFFERENT_VERBS_RELATED = 0.70  # two numbers on two different event verbs: only in near-paraphrases (demo, dev)
SWAP_FLOOR = 0.45         # claims further apart are not tried with a name swapped: a cost bound (dev: every pair a
                          # swap relates there is 0.48 or closer; at 0.30 a 30-report story took twice as long)
# a person's name read back: claims this close with the story's name in the stranger's place, and this much
# closer than with the stranger's, differ in the name alone (dev: of the untouched stories' pairs with a lone
# person, none reached both; with a gain of 0.12 one did, 0.572 -> 0.700)
SWAP_CLOSE = 0.70
SWAP_GAIN = 0.15
# two people each named by one report only, read one for the other: the read-back must also be this much
# closer (dev: of the untouched stories' pairs of such people, one reads as one after the swap, and it
# was already as close: 0.781 -> 0.805; the injected ones gain 0.05 to 0.10)
OWN_SWAP_GAIN = 0.04
SAME_DOER_RELATED = 0.70  # one doer, closely related claims, two days or places: whatever verbs the parser found (dev)
# two days in claims this close are one event's, whatever verbs and doers the parser found (dev: at
# 0.74, three pairs of different events on untouched stories; 0.78 none, and date recall 0.71 -> 0.82)
DATE_PARAPHRASE = 0.78
LIST_OF_PLACES = 4        # two lists of this many places that differ in one: the odd ones out disagree (dev)
# two nouns for the one thing each claim counts on one verb, in claims this close: one count
# ("about 3,000 Americans remain" / "about 1,500 American citizens remain"; dev: 0.78 to 0.70
# found three more and no new conflict on untouched stories)
TWO_NOUNS_ONE_COUNT = 0.70
WHEN_WHERE_RELATED = 0.45  # a different day or place is only a conflict between closely related claims
UNITS_ALIKE = 0.50        # MiniLM cosine of two nouns above which they name one thing (ship/vessel, fire/blaze)
DISPUTE_RELATED = 0.40    # two speakers in one story contradicting each other about a named thing
# a whole number of thousands ("350,000", "1 billion") is a round figure: given for two nouns it names
# one thing twice ("applications" / "claims") as often as two things (dev half's untouched stories)
ROUND_FIGURE = 1000
DISTINCTIVE_NUMBER = 10   # a shared number below this is coincidence, not "the same count"
NEGATION_RELATED = 0.45   # the same verb negated in one claim and stated in the other, in claims this close (dev:
                          # 0.50 -> 0.45 finds two more injected negations and no new conflict on controls or
                          # untouched stories; 0.35 and 0.40 give the same figures)
NEGATION_RELATED_LEXICAL = 0.30  # (dev)
ACTOR_RELATED = 0.60      # two names in the same role of claims this close (one office: any related pair) (dev)
ACTOR_RELATED_LEXICAL = 0.30  # (dev)
SPELT_OUT_TITLES = set(TITLE_ABBREVIATIONS.values())  # "Rep. X": a person's title as claims record it
# a body named after its head ("the Biden administration"): no office of that person
NAMED_BODIES = {"administration", "presidency", "government", "campaign", "team"}
# titles many people hold at once: sharing one says nothing about two names being one role (dev)
GENERIC_TITLES = {"president", "mr", "mrs", "ms", "dr", "senator", "representative", "governor",
                  "former", "minister", "official", "leader", "member", "lawmaker", "democrat", "republican",
                  "democratic", "spokesperson", "spokesman", "spokeswoman", "chief", "new", "top", "state", "u.s.",
                  "lieutenant", "colonel", "sergeant", "captain", "admiral", "professor", "reverend"}
# words of how long or whether still in office: "its longtime chief financial officer" holds the office
# "its chief financial officer" names (AllSides dev half)
TENURE_WORDS = {"longtime", "long-time", "veteran", "current", "sitting", "incumbent"}
# words in a row that two quotations share: one remark quoted, not a stock phrase ("in the coming
# weeks"); eight is past most set phrases, and a quote this long is rarely spoken twice by two people
QUOTE_SHARED_WORDS = 8
COMMON_NAME_SHARE = 0.2     # a name in a fifth of a story's claims links nothing (seeds: Russia, Syria)
COMMON_NAME_MIN_CLAIMS = 5  # in a short story (three excerpts) a name in a few claims still links them (dev)
# the analyser's words of denial ("deny", "refute", "dispute", "debunk"; its noun "denial" is
# never a verb's lemma) and verbs of turning a claim away
DENY_VERBS = {word for word, stance in STANCE.items() if stance == "deny"} | {"reject", "dismiss", "contest"}
CLAIMING = {"claim", "confirm", "insist", "allege"}  # stances of a speaker asserting what another disputes
ASSERTING = CLAIMING | {"say", "tell", "state", "announce", "acknowledge", "admit", "assert", "report", "write"}
# a statement taken back or put right ("withdraw" is left out: in the news it is troops or candidates leaving)
RETRACTING_VERBS = {"retract", "correct", "rescind", "recant"}
RETRACTING_NOUNS = {"retraction", "correction"}
COUNTED_KINDS = ("count", "percent")  # quantities of a thing (sums and spans of time say how much, not of what)
FORECASTING = {"expect", "forecast", "predict", "anticipate", "expectation", "consensus"}  # words of a number yet to come
PUBLISHING = ASSERTING | {"show", "release", "publish", "issue", "unveil"}  # verbs of putting out a statement or data
SAYING_VERBS = ASSERTING | {"tweet", "post"}  # verbs whose day is the day words were said, not of the deed they tell
