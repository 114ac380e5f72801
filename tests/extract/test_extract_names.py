"""Name inventory and alias resolution."""

from stance.extract.names import NameIndex, person_names, strip_titles

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
