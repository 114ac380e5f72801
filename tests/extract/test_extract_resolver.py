"""Speaker resolution: pronouns and role nouns to names."""

from stance.extract.names import NameIndex
from stance.extract.quotes import sentence_bounds
from stance.extract.resolver import Resolver

TEXT = (
    "Nato chief Mark Rutte spoke. Russian President Vladimir Putin replied. "
    "Sir Keir Starmer met Mr Rutte. Later he warned everyone."
)


def test_pronoun_resolves_to_last_named_speaker():
    resolver = Resolver(TEXT, sentence_bounds(TEXT), NameIndex(TEXT))
    position = TEXT.index("he warned")
    assert resolver.resolve("he", position) in ("Mark Rutte", "Keir Starmer")
    resolver.add_event(TEXT.index("Later"), "Mark Rutte")
    assert resolver.resolve("he", position) == "Mark Rutte"
    assert resolver.resolve("they", position) is None


def test_role_noun_uses_roles_then_last_subject():
    resolver = Resolver(TEXT, sentence_bounds(TEXT), NameIndex(TEXT), roles={"president": "X Y"})
    assert resolver.resolve("the president", len(TEXT) - 1) == "X Y"
    assert resolver.resolve("the prime minister", len(TEXT) - 1) == "Keir Starmer"
