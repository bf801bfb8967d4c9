"""Entities with canonical names on the seed reports and on written sentences."""
from __future__ import annotations

import pytest

from newsloom.analyse import analysis_pipeline
from newsloom.analyse.entities import canonical_lookup, extract_entities, link_across, slug
from newsloom.clean import clean

from .conftest import shared


@pytest.fixture(scope="module")
def nlp():
    return analysis_pipeline()


def entities_of(nlp, text):
    return extract_entities(nlp(text))


def names(entities, canonical):
    return {e.text for e in entities if e.canonical == canonical}


@pytest.fixture(scope="module")
def seed_entities(nlp):
    out = {}
    for name in ("000_2bd50fe8baa70bde.txt", "004_1ef7e32c50d6147d.txt"):
        text = clean(shared("seeds", name).read_text(encoding="utf-8")).text
        out[name[:3]] = (text, entities_of(nlp, text))
    return out


def test_offsets_are_the_evidence(seed_entities):
    for text, entities in seed_entities.values():
        assert entities
        for e in entities:
            assert text[e.start:e.end] == e.text
            assert e.entity_id == slug(e.canonical)


def test_shoigu_islamic_state_and_moscow_in_the_bbc_report(seed_entities):
    _, entities = seed_entities["000"]
    assert names(entities, "Sergei Shoigu") >= {"Sergei Shoigu", "Shoigu"}
    assert names(entities, "Islamic State") >= {"IS", "ISIS", "Islamic State group"}
    assert "Moscow" in names(entities, "Russia")  # "Moscow is willing to establish contact"
    assert names(entities, "Vladimir Putin") == {"Vladimir Putin", "Putin"}
    assert all(e.label == "ORG" for e in entities if e.canonical == "Islamic State")


def test_observatory_group_and_people_in_the_reuters_report(seed_entities):
    _, entities = seed_entities["004"]
    assert names(entities, "Syrian Observatory for Human Rights") >= {
        "Syrian Observatory for Human Rights", "observatory"}
    assert names(entities, "Rami Abdulrahman") == {"Rami Abdulrahman", "Abdulrahman"}
    assert names(entities, "Ahmet Davutoglu") == {"Ahmet Davutoglu", "Davutoglu"}
    assert names(entities, "Bashar al-Assad") >= {"Bashar al-Assad", "Assad"}
    tajammu = [e for e in entities if e.text == "Tajammu Alezzah"]
    assert tajammu and all(e.label == "ORG" for e in tajammu)  # a rebel group, not a person
    assert not any(e.label == "ORG" and e.text == "Defence" for e in entities)


def test_defence_in_a_job_title_is_not_an_organisation(nlp):
    entities = entities_of(nlp, "Defence Minister Anna Lindqvist said the exercise would go ahead.")
    assert not any(e.text == "Defence" for e in entities)
    assert any(e.canonical == "Anna Lindqvist" and e.label == "PERSON" for e in entities)


def test_aliases_share_one_name(nlp):
    entities = entities_of(nlp, "Daesh fighters fled. The Islamic State group later claimed the attack, "
                                "and ISIL supporters celebrated. The US and the UN condemned it.")
    assert names(entities, "Islamic State") >= {"Daesh", "Islamic State group", "ISIL"}
    assert "US" in names(entities, "United States") and "UN" in names(entities, "United Nations")


def test_capital_acting_for_its_state(nlp):
    entities = entities_of(nlp, "Paris said on Monday it would send aid. Tourists in Paris were unaffected.")
    by_text = [(e.text, e.canonical) for e in entities if e.text == "Paris"]
    assert by_text[0] == ("Paris", "France")
    assert by_text[-1] == ("Paris", "Paris")


def test_canonical_lookup_for_a_speaker_span(seed_entities):
    text, entities = seed_entities["000"]
    canonical_of = canonical_lookup(entities, text)
    start = text.index("US Defence Secretary Ash Carter")
    assert canonical_of(start, start + len("US Defence Secretary Ash Carter")) == ("Ash Carter", "PERSON")
    start = text.index("Mr Shoigu")
    assert canonical_of(start, start + len("Mr Shoigu")) == ("Sergei Shoigu", "PERSON")


def test_a_modifier_is_not_the_speaker(seed_entities):
    text, entities = seed_entities["000"]
    canonical_of = canonical_lookup(entities, text)
    start = text.index("Pentagon officials")
    assert canonical_of(start, start + len("Pentagon officials")) is None
    start = text.index("Syrian officials")
    assert canonical_of(start, start + len("Syrian officials")) is None


def test_short_names_take_the_full_name_another_report_of_the_story_gives(nlp):
    only_surname = entities_of(nlp, "Shoigu said the strikes had hit all targets.")
    full_name = entities_of(nlp, "Defence Minister Sergei Shoigu spoke to reporters.")
    assert {e.canonical for e in only_surname if e.label == "PERSON"} == {"Shoigu"}
    linked_short, linked_full = link_across([only_surname, full_name])
    assert {e.canonical for e in linked_short if e.label == "PERSON"} == {"Sergei Shoigu"}
    assert {e.entity_id for e in linked_short if e.label == "PERSON"} == {"sergei-shoigu"}
    assert [e.canonical for e in linked_full] == [e.canonical for e in full_name]


def test_a_short_body_name_keeps_apart_from_a_longer_different_body(nlp):
    """"The White House" is not the "Trump White House" of another report (a person's name makes
    another name), and "the House" is a chamber, not the White House; "the police" still takes the
    one longer name ending the same way, and a chamber a name that only adds its place."""
    press = entities_of(nlp, "The White House said the House would vote on the bill on Friday, "
                             "and the Police confirmed the route.")
    other = entities_of(nlp, "Aides to Donald Trump recalled how the Trump White House handled the "
                             "Capitol Police in 2019.")
    linked_press, _ = link_across([press, other])
    canonical = {e.text: e.canonical for e in linked_press}
    assert canonical == {"White House": "White House", "House": "House", "Police": "Capitol Police"}
    state = entities_of(nlp, "The Senate adjourned on Friday.")
    texas = entities_of(nlp, "Lawmakers in Texas said the Texas Senate passed it.")
    assert {e.canonical for e in link_across([state, texas])[0]} == {"Texas Senate"}


def test_a_surname_the_parser_calls_a_place_is_the_person_the_story_names():
    """"met with Okafor on Friday" tagged a place, while the story calls "Okafor" a person elsewhere and
    names "Maria Okafor" in full: the person. A firm the parser calls a person more often stays a firm
    where it is one, when no one of that name is named in full."""
    from newsloom.model import Entity

    def entity(text, label):
        return Entity(text=text, start=0, end=len(text), label=label, canonical=text)

    story = [[entity("Maria Okafor", "PERSON"), entity("Okafor", "PERSON")],
             [entity("Okafor", "GPE"), entity("Okafor", "PERSON"), entity("Harbor Tribune", "ORG")],
             [entity("Vessla", "PERSON"), entity("Vessla", "PERSON"), entity("Vessla", "ORG")]]
    linked = link_across(story)
    assert [(e.label, e.canonical) for e in linked[1][:1]] == [("PERSON", "Maria Okafor")]
    assert [e.label for e in linked[2]] == ["PERSON", "PERSON", "ORG"]  # no person of that name in full
