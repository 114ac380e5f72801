"""Name inventory and alias resolution."""

from stance.extract.names import NameIndex, person_names, split_headline, strip_titles

TEXT = (
    "Nato chief Mark Rutte spoke. Russian President Vladimir Putin replied. "
    "Sir Keir Starmer met Mr Rutte. Later he warned everyone."
)


def test_strip_titles():
    assert strip_titles("the Russian President Vladimir Putin") == "Vladimir Putin"
    assert strip_titles("Mr Trump’s") == "Trump"
    assert strip_titles("the prime minister") == ""


def test_person_names_drop_organisations_and_merge_country_prefixes():
    names = person_names("President of Russia Vladimir Putin. Vladimir Putin. The White House.")
    assert "Vladimir Putin" in names and "Russia Vladimir Putin" not in names
    assert not any("House" in n for n in names)


def test_alias_resolution_to_full_name():
    index = NameIndex(TEXT)
    assert index.full_name("Mr Rutte") == "Mark Rutte"
    assert index.full_name("Sir Keir") == "Keir Starmer"
    assert index.full_name("President Putin") == "Vladimir Putin"
    assert index.full_name("Sir Keir Starmer and the French leader Emmanuel Macron") == (
        "Keir Starmer and Emmanuel Macron"
    )


def test_a_title_case_headline_gives_only_names_the_body_holds():
    text = "Tom Hale Blasts Critics on Tax Plan\n\nTom Hale spoke in Ohio. Hale said no.\n"
    head, body = split_headline(text)
    assert head == "Tom Hale Blasts Critics on Tax Plan" and len(body) == len(text)
    sentence = "Count former President Tom Hale among Anna Berg’s critics.\n\nHe said no."
    assert split_headline(sentence) == ("", sentence)
    assert NameIndex(text).full_name("Hale") == "Tom Hale Blasts Critics"
    index = NameIndex(text, headline=True)
    assert index.full_name("Hale") == "Tom Hale" and "Tom Hale Blasts Critics" not in index.names
    text = "Tom Hale Blasts Critics on Tax Plan\n\nTom Hale Blasts Critics met Tom Hale.\n"
    assert NameIndex(text, headline=True).names["Tom Hale Blasts Critics"] == 2  # the body's


def test_a_headline_keeps_a_given_name_and_surname_the_body_only_labels():
    text = "Press Briefing by Press Secretary Anna Berg\n\nMS. BERG:  Good afternoon.\n"
    assert NameIndex(text, headline=True).full_name("Berg") == "Anna Berg"
