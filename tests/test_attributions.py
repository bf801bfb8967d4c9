"""Attributions — who said what: the two seed reports and one written sentence per pattern.

Every check also holds the record to its evidence: `text[start:end]` of the source, cue and
content spans must be what the record says.
"""
from __future__ import annotations

import pytest

from .conftest import shared

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    from newsloom.analyse.nlp import ModelMissing, load_nlp

    try:
        return load_nlp()
    except ModelMissing as err:  # pragma: no cover - depends on the environment
        pytest.skip(str(err))


@pytest.fixture(scope="module")
def seed_docs(nlp):
    from newsloom.clean import clean

    folder = shared("seeds")
    docs = {}
    for name in ("000", "004"):
        path = next(folder.glob(f"{name}_*.txt"))
        docs[name] = nlp(clean(path.read_text(encoding="utf-8")).text)
    return docs


@pytest.fixture(scope="module")
def seed_records(seed_docs):
    """Each seed's text and attributions, extracted (and checked) once for the module."""
    return {name: (doc.text, extract(doc)) for name, doc in seed_docs.items()}


def extract(doc, canonical_of=None):
    from newsloom.analyse.attributions import extract_attributions

    records = extract_attributions(doc, canonical_of)
    for a in records:
        check_evidence(doc.text, a)
    return records


def check_evidence(text, a):
    """The record's strings are its spans' text; content is clean of quote marks and cue."""
    assert text[a.cue_span[0]:a.cue_span[1]] == a.cue
    pieces = a.content_spans or [a.content_span]
    assert a.content_span in pieces
    assert a.content == " ".join(text[s:e] for s, e in pieces)
    for s, e in pieces:
        piece = text[s:e]
        assert piece == piece.strip()
        assert not (a.cue_span[0] < e and s < a.cue_span[1]), "content overlaps the cue"
        if a.source_span:
            assert not (a.source_span[0] < e and s < a.source_span[1]), "content overlaps the source"
        if a.kind == "direct":
            assert piece[0] not in "\"“”" and piece[-1] not in "\"“”", piece
        assert piece[-1] not in ",;:", piece
    if a.source_span:
        assert text[a.source_span[0]:a.source_span[1]] == a.source_text
    spans = [a.cue_span, *pieces] + ([a.source_span] if a.source_span else [])
    assert a.start == min(s for s, _ in spans) and a.end == max(e for _, e in spans)
    assert a.kind in ("direct", "indirect")


def find(records, text, content_starts, cue=None):
    """The record whose content starts with `content_starts` (and whose cue is `cue`)."""
    found = [a for a in records
             if text[a.content_span[0]:a.content_span[1]].startswith(content_starts)
             and (cue is None or a.cue == cue)]
    assert found, f"no attribution with content {content_starts!r}: " + "; ".join(
        f"{a.source}|{a.cue}|{a.content[:40]}" for a in records)
    return found[0]


# --- seed 000 (BBC) ------------------------------------------------------------------------


def test_shoigu_in_seed_000(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, "four warships fired 26 sea-based cruise missiles", cue="said")
    assert a.source_text == "Defence Minister Sergei Shoigu" and "Shoigu" in a.source
    assert text[a.content_span[0]:a.content_span[1]].endswith("causing no civilian casualties")
    assert a.kind == "indirect"
    a = find(records, text, "the cruise missiles had destroyed all targets", cue="said")
    assert a.source == "Mr Shoigu"
    assert a.content.endswith("no damage to civilian installations")
    a = find(records, text, "112 targets had been hit", cue="said")
    assert a.source == "Mr Shoigu"
    assert a.content == "112 targets had been hit since the Russian bombing began"


def test_ash_carter_and_his_quote(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, "coalition forces fighting IS in Syria", cue="said")
    assert "Ash Carter" in a.source
    assert a.content == "coalition forces fighting IS in Syria would not co-operate with Russia"
    assert a.kind == "indirect"
    quote = find(records, text, "We believe Russia has the wrong strategy", cue="said")
    assert quote.kind == "direct"
    assert quote.content == "We believe Russia has the wrong strategy"
    assert quote.source_text == "he" and "Ash Carter" in quote.source
    assert text[quote.antecedent_span[0]:quote.antecedent_span[1]] == "US Defence Secretary Ash Carter"
    # the quote goes on after "he said": same speaker, same cue
    more = find(records, text, "They continue to hit targets that are not IS")
    assert more.kind == "direct" and more.cue_span == quote.cue_span and "Ash Carter" in more.source
    assert more.content == "They continue to hit targets that are not IS. We believe this is a fundamental mistake."
    # a verb inside a quotation is the quoted speaker's, not another attribution
    assert not [a for a in records if a.cue == "believe"]


def test_observatory_reported_and_it_said(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, '"the most intense fighting in months"', cue="reported")
    assert a.source == "Syrian Observatory for Human Rights"
    assert a.source_text == "The Syrian Observatory for Human Rights"
    it = find(records, text, "The clashes followed a wave of Russian air strikes", cue="said")
    assert it.source_text == "it" and it.source == "Syrian Observatory for Human Rights"
    assert it.content == "The clashes followed a wave of Russian air strikes in the same areas"


def test_russia_says_and_denies(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, "it has launched rocket strikes", cue="says")
    assert a.source == "Russia" and a.kind == "indirect"
    assert a.content.endswith("about 1,500km (930 miles) away")
    deny = find(records, text, "claims that its week of strikes", cue="denies")
    assert deny.source == "Russia"
    assert deny.content == "claims that its week of strikes have mainly hit non-IS targets"
    assert deny.stance[0] == "deny"
    target = find(records, text, "it is targeting", cue="says")
    assert target.source == "Russia"
    assert target.content == 'it is targeting "all terrorists"'  # quoted words inside indirect speech
    assert target.kind == "indirect"
    # the writer's "but ..." is not part of what Russia says
    assert "reportedly" not in target.content


def test_officials_say_after_the_clause_and_they_said(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, "Syrian ground troops have launched an offensive", cue="say")
    assert a.source == "Syrian officials"
    assert a.content == "Syrian ground troops have launched an offensive under Russian air cover"
    revealed = find(records, text, "they had had to carry out", cue="revealed")
    assert revealed.source == "Pentagon officials" and "reveal" in revealed.stance
    they = find(records, text, "this happened after 1 October", cue="said")
    assert they.source_text == "They" and they.source == "Pentagon officials"


def test_according_to_and_ministry(seed_records):
    text, records = seed_records["000"]
    a = find(records, text, "the flotilla consists of several brigades")
    assert a.cue == "According to" and a.source == "Russian defence ministry"
    assert a.content == "the flotilla consists of several brigades and divisions of surface ships and coastal troop units"
    ministry = find(records, text, "The Kalibr-Nk terrain-following missiles", cue="said")
    assert ministry.source == "defence ministry"
    assert ministry.content.endswith('over an "uninhabited area"')


# --- seed 004 (Reuters/PA) -------------------------------------------------------------------


def test_shoigu_in_seed_004(seed_records):
    text, records = seed_records["004"]
    claimed = find(records, text, "Russia is using warships in the Caspian Sea", cue="claimed")
    assert "Shoigu" in claimed.source and claimed.stance == ["claim"]
    told = find(records, text, "on Wednesday morning Russia carried out 26 missile strikes", cue="told")
    assert told.source == "Mr Shoigu"
    insisted = find(records, text, "the operation destroyed all the targets", cue="insisted")
    assert insisted.source == "Mr Shoigu" and "insist" in insisted.stance
    assert insisted.content == "the operation destroyed all the targets and did not launch any strikes upon civilian areas"
    also = find(records, text, "Russia has carried out 112 air strikes", cue="said")
    assert also.source == "Mr Shoigu"


def test_rami_abdulrahman(seed_records):
    text, records = seed_records["004"]
    head = find(records, text, "Ground attacks using heavy surface-to-surface missile bombardments", cue="said")
    assert head.source_text == "organisation head Rami Abdulrahman"
    assert head.content.endswith("there were heavy clashes on the ground")
    quote = find(records, text, "There is no information yet", cue="said")
    assert quote.kind == "direct" and quote.source == "Mr Abdulrahman"
    assert quote.content == ("There is no information yet of any (government) advances on the ground, "
                             "but the air strikes have hit vehicles and insurgent bases")
    regime = find(records, text, "the ground assault was being carried out", cue="said")
    assert regime.kind == "indirect" and regime.source == "Mr Abdulrahman"
    assert regime.source_text == "Mr Abdulrahman"  # not ", who tracks the conflict using sources in Syria"
    assert "“regime forces”" in regime.content


def test_observatory_in_seed_004(seed_records):
    text, records = seed_records["004"]
    a = find(records, text, "Russia's air strikes hit northern parts of Hama province", cue="said")
    assert a.source == "Syrian Observatory for Human Rights"
    assert a.content.endswith("major cities in western Syria")  # the source is not in the content
    towns = find(records, text, "Russia's strikes on Wednesday targeted the towns", cue="said")
    assert towns.source_text == "the observatory" and towns.source == "observatory"
    monitor = find(records, text, "Ground attacks, air strikes in Syria hit four insurgent-held areas")
    assert monitor.cue == "according to" and monitor.source == "monitor"


def test_tajammu_alezzah_leader(seed_records):
    text, records = seed_records["004"]
    confirmed = find(records, text, "the ground offensive", cue="confirmed")
    claiming = find(records, text, "there were Russian and Iranian soldiers in the operation", cue="claiming")
    for a in (confirmed, claiming):
        assert a.source_text == "the leader of a US-backed rebel group, Tajammu Alezzah"
        assert a.source.startswith("leader of a US-backed rebel group")
    assert confirmed.stance == ["confirm"]
    assert claiming.stance[:2] == ["claim", "confirm"]
    assert claiming.content == "there were Russian and Iranian soldiers in the operation"


def test_russia_saying_in_seed_004(seed_records):
    text, records = seed_records["004"]
    a = find(records, text, "they were targeting hardline Islamic State militants", cue="saying")
    assert a.source == "Russia" and a.source_text == "Russia, a top ally of Assad"


def test_davutoglu(seed_records):
    text, records = seed_records["004"]
    insisting = find(records, text, "they were mainly targeting the moderate Syrian opposition", cue="insisting")
    assert "Davutoglu" in insisting.source and insisting.stance == ["insist"]
    assert insisting.content.endswith("helping to strengthen Islamic State")
    asked = find(records, text, "Russia also respect Turkey’s security concerns", cue="asked")
    assert asked.source_text == "He" and "Davutoglu" in asked.source
    called = find(records, text, "Russia to respect Turkey’s air space", cue="called on")
    assert "Davutoglu" in called.source
    saying = find(records, text, "the country would not “make any concessions”", cue="saying")
    assert saying.source == "Mr Davutoglu" and saying.kind == "indirect"
    assert saying.content.endswith("on matters concerning its border security")


def test_canonical_of_gets_the_named_speaker(seed_docs):
    """The entities stage names sources; pronouns reach it through their antecedent."""
    names = {"Shoigu": ("Sergei Shoigu", "PERSON"), "Carter": ("Ash Carter", "PERSON"),
             "Observatory": ("Syrian Observatory for Human Rights", "ORG"),
             "observatory": ("Syrian Observatory for Human Rights", "ORG"),
             "Abdulrahman": ("Rami Abdulrahman", "PERSON"), "Davutoglu": ("Ahmet Davutoglu", "PERSON")}
    asked = []

    for name, doc in seed_docs.items():
        text = doc.text

        def canonical_of(start, end, text=text):
            asked.append(text[start:end])
            return next((v for k, v in names.items() if k in text[start:end]), None)

        records = extract(doc, canonical_of)
        if name == "000":
            quote = find(records, text, "We believe Russia has the wrong strategy")
            assert quote.source == "Ash Carter" and quote.source_label == "PERSON"
            it = find(records, text, "The clashes followed a wave")
            assert it.source == "Syrian Observatory for Human Rights" and it.source_label == "ORG"
            assert {a.source for a in records if "Shoigu" in (a.source_text or "")} == {"Sergei Shoigu"}
        else:
            quote = find(records, text, "There is no information yet")
            assert quote.source == "Rami Abdulrahman"
            towns = find(records, text, "Russia's strikes on Wednesday targeted the towns")
            assert towns.source == "Syrian Observatory for Human Rights"
            asked_he = find(records, text, "Russia also respect Turkey’s security concerns")
            assert asked_he.source == "Ahmet Davutoglu"
            leader = find(records, text, "there were Russian and Iranian soldiers")
            assert leader.source.startswith("leader of")  # the leader is not his group
    assert "he" not in asked and "it" not in asked and "He" not in asked


# --- one written sentence per pattern ---------------------------------------------------------


def one(nlp, text, **kw):
    records = extract(nlp(text))
    assert records, f"nothing found in {text!r}"
    return records, text


def test_direct_quote_with_cue_after(nlp):
    records, text = one(nlp, '"We will not retreat from the city," the general said on Monday.')
    a = records[0]
    assert (a.kind, a.cue, a.source) == ("direct", "said", "general")
    assert a.content == "We will not retreat from the city"


def test_direct_quote_with_cue_before_and_curly_quotes(nlp):
    records, text = one(nlp, "The mayor told reporters: “The water supply has been cut off for three days.”")
    a = find(records, text, "The water supply")
    assert a.kind == "direct" and a.cue == "told" and a.source == "mayor"
    assert a.content == "The water supply has been cut off for three days."


def test_multi_sentence_quote_and_continuation(nlp):
    text = ('"The bridge is gone. The road is closed," the engineer said. '
            '"Nobody can cross the river until the spring floods are over."')
    records = extract(nlp(text))
    first = find(records, text, "The bridge is gone")
    assert first.content == "The bridge is gone. The road is closed" and first.source == "engineer"
    more = find(records, text, "Nobody can cross the river")
    assert more.kind == "direct" and more.source == "engineer" and more.cue_span == first.cue_span


def test_indirect_speech(nlp):
    records, text = one(nlp, "Shoigu said the cruise missiles had destroyed all targets.")
    a = records[0]
    assert (a.source, a.cue, a.kind) == ("Shoigu", "said", "indirect")
    assert a.content == "the cruise missiles had destroyed all targets"


def test_complementiser_is_not_content(nlp):
    records, text = one(nlp, "The minister said that the talks would resume next week.")
    assert records[0].content == "the talks would resume next week"


def test_according_to_before_and_after(nlp):
    records, text = one(nlp, "According to the health ministry, 40 people died in the floods.")
    a = records[0]
    assert (a.cue, a.source) == ("According to", "health ministry")
    assert a.content == "40 people died in the floods"
    records, text = one(nlp, "The town fell to rebel forces overnight, according to local officials.")
    a = records[0]
    assert (a.cue, a.source) == ("according to", "local officials")
    assert a.content == "The town fell to rebel forces overnight"


def test_said_after_the_clause_with_pronoun(nlp):
    text = ("The Syrian Observatory for Human Rights reported heavy fighting in Hama. "
            "The clashes followed a wave of air strikes, it said.")
    records = extract(nlp(text))
    a = find(records, text, "The clashes followed")
    assert a.source_text == "it" and a.source == "Syrian Observatory for Human Rights"
    assert a.content == "The clashes followed a wave of air strikes"
    reported = find(records, text, "heavy fighting in Hama", cue="reported")
    assert reported.kind == "indirect"


def test_claims_and_denials(nlp):
    records, text = one(nlp, "Russia denies claims that its strikes have hit civilians.")
    a = find(records, text, "claims that", cue="denies")
    assert a.source == "Russia" and a.stance[0] == "deny"
    noun = find(records, text, "its strikes have hit civilians", cue="claims")
    assert noun.source is None and noun.stance == ["claim"]  # whose claims: not said
    records, text = one(nlp, "The rebels claimed the town had been captured.")
    a = records[0]
    assert (a.source, a.cue, a.stance) == ("rebels", "claimed", ["claim"])
    assert a.content == "the town had been captured"


def test_participle_takes_the_main_subject(nlp):
    text = "The commander confirmed the offensive, claiming there were foreign soldiers in the operation."
    records = extract(nlp(text))
    claiming = find(records, text, "there were foreign soldiers", cue="claiming")
    assert claiming.source == "commander" and claiming.stance == ["claim", "confirm"]
    text = "The prime minister renewed his criticism of the strikes, insisting they were targeting civilians."
    records = extract(nlp(text))
    insisting = find(records, text, "they were targeting civilians", cue="insisting")
    assert insisting.source == "prime minister" and insisting.stance == ["insist"]


def test_passive_report_has_no_source(nlp):
    records, text = one(nlp, "It was reported that the airport had been closed.")
    a = records[0]
    assert a.source is None and a.source_span is None and a.cue == "reported"
    assert a.content == "the airport had been closed"


def test_asked_that(nlp):
    text = "The minister met the ambassador. He asked that Russia also respect Turkish air space."
    records = extract(nlp(text))
    a = find(records, text, "Russia also respect", cue="asked")
    assert a.source_text == "He" and a.source is not None and a.source != "He"


def test_scare_quotes_are_not_attributions(nlp):
    text = 'The missiles flew over an "uninhabited area" before reaching the coast.'
    assert extract(nlp(text)) == []


def test_headline_colon(nlp):
    text = "Putin: Russia will keep its forces in Syria\n\nThe Kremlin made the remarks on Monday."
    records = extract(nlp(text))
    a = find(records, text, "Russia will keep its forces in Syria")
    assert (a.source, a.cue) == ("Putin", ":")


def test_empty_doc(nlp):
    assert extract(nlp("")) == []


def test_statement_cues(nlp):
    records, text = one(nlp, "The ministry said in a statement that the border would stay closed.")
    assert [(a.source, a.cue, a.content) for a in records] == [
        ("ministry", "said", "the border would stay closed")]
    text = "The army issued a statement on Tuesday. The statement said the operation had ended."
    a = find(extract(nlp(text)), text, "the operation had ended", cue="said")
    assert a.source_text == "The statement"


def test_cue_inside_the_sentence_splits_the_content(nlp):
    text = "The flotilla, according to the ministry, consists of several brigades."
    a = find(extract(nlp(text)), text, "consists of several brigades")
    assert a.cue == "according to" and a.source == "ministry"
    assert [text[s:e] for s, e in a.content_spans] == ["The flotilla", "consists of several brigades"]
    text = '"We will win," the mayor said, "and we will rebuild the city."'
    a = find(extract(nlp(text)), text, "and we will rebuild the city")
    assert a.kind == "direct" and a.source == "mayor"
    assert [text[s:e] for s, e in a.content_spans] == ["We will win", "and we will rebuild the city."]


def test_relative_clause_speaker(nlp):
    text = "The inquiry was led by Judge Ann Cole, who said the evidence was overwhelming."
    a = find(extract(nlp(text)), text, "the evidence was overwhelming", cue="said")
    assert a.source_text == "who" and "Ann Cole" in a.source
    assert text[a.antecedent_span[0]:a.antecedent_span[1]].endswith("Ann Cole")
